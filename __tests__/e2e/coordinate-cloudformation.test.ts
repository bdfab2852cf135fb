import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationStandin } from '../../test-rig/cfn-standin.js';
import type { Job } from '../../test-rig/runner.js';
import { actionJob, everythingPrinted } from './support.js';

let cfn: CloudFormationStandin;
const jobs: Job[] = [];

beforeAll(async () => {
  cfn = await CloudFormationStandin.start();
});
afterAll(async () => {
  await cfn.close();
});
beforeEach(() => cfn.reset());
afterEach(async () => {
  for (const job of jobs.splice(0)) {
    await job.end();
    await job.dispose();
  }
});

async function job(inputs: Record<string, string>): Promise<Job> {
  const j = await actionJob(cfn, inputs);
  jobs.push(j);
  return j;
}

const OTHER_ID = '20261122-090000-0badc0de';

/** A stack mid-update, started 90 s ago by another deployment, with resource events. */
function busyStack(name: string, endsAfterMs?: number): void {
  cfn.putStack(name, { status: 'UPDATE_COMPLETE', tags: { DeploymentCorrelationId: OTHER_ID } });
  const startAt = Date.now() - 90_000;
  cfn.runOperation(
    name,
    [
      { atMs: 1_000, logicalId: 'Queue', type: 'AWS::SQS::Queue', status: 'UPDATE_IN_PROGRESS' },
      { atMs: 20_000, logicalId: 'Queue', type: 'AWS::SQS::Queue', status: 'UPDATE_COMPLETE' },
      {
        atMs: 30_000,
        logicalId: 'Database',
        type: 'AWS::RDS::DBInstance',
        status: 'UPDATE_IN_PROGRESS',
        reason: 'Modifying instance class'
      },
      ...(endsAfterMs === undefined
        ? []
        : [
            {
              atMs: 90_000 + endsAfterMs - 1_000,
              logicalId: 'Database',
              type: 'AWS::RDS::DBInstance',
              status: 'UPDATE_COMPLETE'
            },
            { atMs: 90_000 + endsAfterMs, stackStatus: 'UPDATE_COMPLETE' }
          ])
    ],
    { startStatus: 'UPDATE_IN_PROGRESS', startAt }
  );
}

describe('coordinate against CloudFormation only', () => {
  it('exits 2 with result=concurrent at once when the stack is busy and wait-timeout-minutes is 0', async () => {
    busyStack('CourtCaseStack');
    const j = await job({ 'stack-name': 'CourtCaseStack', 'wait-timeout-minutes': '0' });
    const { pre, main } = await j.runAll();

    expect(pre?.exitCode).toBe(0);
    expect(main?.exitCode).toBe(2);
    expect(main?.outputs['result']).toBe('concurrent');
    expect(JSON.parse(main?.outputs['stack-status'] ?? '{}')).toEqual({
      CourtCaseStack: 'UPDATE_IN_PROGRESS'
    });
    expect(main?.outputs['console-url']).toMatch(
      /^https:\/\/us-east-1\.console\.aws\.amazon\.com\/cloudformation\/home\?region=us-east-1#\/stacks\/stackinfo\?stackId=arn%3Aaws%3Acloudformation/
    );
    expect(main?.outputs['active-correlation-id']).toBe(OTHER_ID);
    expect(main?.outputs['queue-position']).toBe('1');
    expect(JSON.parse(main?.outputs['validation'] ?? '[]')).toEqual([
      expect.objectContaining({
        code: 'STACK_IN_PROGRESS',
        severity: 'blocking',
        stack: 'CourtCaseStack'
      })
    ]);

    const error = main?.annotations.find(
      (a) => a.level === 'error' && a.properties['title'] === 'Another deployment is active'
    );
    expect(error).toBeDefined();
    const text = error?.message ?? '';
    expect(text).toMatch(/Stack CourtCaseStack is UPDATE_IN_PROGRESS/);
    expect(text).toContain(`Active deployment: ${OTHER_ID}`);
    expect(text).toMatch(/Started: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \(UPDATE_IN_PROGRESS\)/);
    expect(text).toMatch(/Elapsed: 1m 3\ds/);
    expect(text).toMatch(/Progress: 1 resources done, 1 in progress, 0 failed/);
    expect(text).toMatch(
      /Latest events:[\s\S]*Queue \(AWS::SQS::Queue\) UPDATE_COMPLETE\n.*Database \(AWS::RDS::DBInstance\) UPDATE_IN_PROGRESS: Modifying instance class/
    );
    expect(text).toContain('Console: https://us-east-1.console.aws.amazon.com/cloudformation/');
    // The same details are in the log of the poll, not only in the annotation.
    expect(main?.stdout).toMatch(/Poll 1 .*\n.*Stack CourtCaseStack is UPDATE_IN_PROGRESS/);
    // It only read: nothing was changed on the stack.
    expect(
      cfn.calls
        .map((c) => c.action)
        .filter((a) => !a.startsWith('Describe') && !a.startsWith('List'))
    ).toEqual([]);
  });

  it('waits for an update that ends after 3 s and acquires with waited-seconds about 3', async () => {
    busyStack('AppStack', 3_000);
    const j = await job({
      'stack-name': 'AppStack',
      'wait-timeout-minutes': '0.5',
      'poll-interval-seconds': '0.25'
    });
    const { main } = await j.runAll();

    expect(main?.exitCode).toBe(0);
    expect(main?.outputs['result']).toBe('acquired');
    // It waited (the update began before coordinate did, however long pre took to start), and
    // no longer than the update ran (3 s) plus a poll and the rounding.
    const waited = Number(main?.outputs['waited-seconds']);
    expect(waited).toBeGreaterThanOrEqual(1);
    expect(waited).toBeLessThanOrEqual(4);
    expect(main?.outputs['active-correlation-id']).toBe(OTHER_ID);
    expect(JSON.parse(main?.outputs['stack-status'] ?? '{}')).toEqual({
      AppStack: 'UPDATE_COMPLETE'
    });
    // The waiter reports the active deployment's progress: the database's completion among the
    // latest events of a poll (the first one, when the job started late) or its new events.
    expect(main?.stdout).toMatch(
      /(New|Latest) events:\n(.*\n)*?.*Database \(AWS::RDS::DBInstance\) UPDATE_COMPLETE/
    );
    expect(main?.stdout).toMatch(/This run's turn came after \ds/);
    expect(main?.durationMs).toBeLessThan(10_000);
  });

  it('gives up with result=concurrent when the wait times out', async () => {
    busyStack('SlowStack');
    const j = await job({
      'stack-name': 'SlowStack',
      'wait-timeout-minutes': '0.02',
      'poll-interval-seconds': '0.3'
    });
    const { main } = await j.runAll();
    expect(main?.exitCode).toBe(2);
    expect(main?.outputs['result']).toBe('concurrent');
    // It waited out wait-timeout-minutes (1.2 s) and then gave up (not a poll of 0.3 s later than
    // the rounding allows), and says so with the time it waited.
    const waited = Number(main?.outputs['waited-seconds']);
    expect(waited).toBeGreaterThanOrEqual(1);
    expect(waited).toBeLessThanOrEqual(2);
    const errors = main?.annotations.filter((a) => a.level === 'error') ?? [];
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(
      /Gave up after waiting \d+s \(wait-timeout-minutes\)\.\n.*Stack SlowStack is UPDATE_IN_PROGRESS/
    );
  });

  it('sets every output it knows when the stack is free, and tags for the deploy step', async () => {
    cfn.putStack('FreeStack', { status: 'UPDATE_COMPLETE' });
    const j = await job({
      'stack-name': 'FreeStack',
      environment: 'staging',
      'expected-duration-minutes': '12'
    });
    const { pre, main, post } = await j.runAll();
    const id = main?.outputs['correlation-id'] ?? '';
    expect(id).toMatch(/^\d{8}-\d{6}-[0-9a-f]{8}$/);
    expect(pre?.state['correlation-id']).toBe(id);
    expect(main?.exitCode).toBe(0);
    expect(main?.outputs).toMatchObject({
      result: 'acquired',
      registry: 'cloudformation-only',
      'waited-seconds': '0',
      'queue-position': '0',
      'active-correlation-id': '',
      'estimated-minutes': '12',
      'stack-status': '{"FreeStack":"UPDATE_COMPLETE"}'
    });
    expect(JSON.parse(main?.outputs['cfn-tags'] ?? '')).toEqual([
      { Key: 'DeploymentCorrelationId', Value: id }
    ]);
    // The registry is not configured: a warning, and the run goes on.
    expect(main?.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        properties: { title: 'Warning: REGISTRY_NOT_CONFIGURED' }
      })
    );
    expect(post?.exitCode).toBe(0);
    expect(j.summary()).toContain(`| Correlation ID | \`${id}\` |`);
    expect(j.summary()).toContain('| Coordination | acquired |');

    // Every line of every stage carries the correlation ID.
    for (const r of [pre, main, post]) {
      for (const line of everythingPrinted(r!)) expect(line).toContain(`[${id}]`);
    }
  });

  it('uses a brought correlation ID in every stage', async () => {
    cfn.putStack('FreeStack', { status: 'CREATE_COMPLETE' });
    const j = await job({ 'stack-name': 'FreeStack', 'correlation-id': 'release-42-attempt-1' });
    const { main, post } = await j.runAll();
    expect(main?.outputs['correlation-id']).toBe('release-42-attempt-1');
    expect(post?.stdout).toContain('[release-42-attempt-1]');
  });

  it('proceeds to create a stack that does not exist yet', async () => {
    const j = await job({ 'stack-name': 'NewStack' });
    const { main } = await j.runAll();
    expect(main?.exitCode).toBe(0);
    expect(main?.outputs['result']).toBe('acquired');
    expect(JSON.parse(main?.outputs['validation'] ?? '[]')).toContainEqual(
      expect.objectContaining({ code: 'STACK_DOES_NOT_EXIST', severity: 'info' })
    );
    expect(main?.outputs['stack-status']).toBe('{"NewStack":"DOES_NOT_EXIST"}');
  });

  it('with auto-rollback, continues a failed rollback it finds before deploying, so a retry just works', async () => {
    cfn.putStack('StuckStack', { status: 'UPDATE_ROLLBACK_FAILED' });
    const j = await job({ 'stack-name': 'StuckStack', 'poll-interval-seconds': '0.1' });
    const { main } = await j.runAll();
    expect(main?.exitCode).toBe(0);
    expect(main?.outputs['result']).toBe('acquired');
    expect(cfn.callsOf('ContinueUpdateRollback')).toHaveLength(1);
    expect(main?.stdout).toMatch(/Recovery: StuckStack is UPDATE_ROLLBACK_COMPLETE/);
  });

  it('without auto-rollback, blocks a stack that needs a continue-rollback, with the resolution steps', async () => {
    cfn.putStack('StuckStack', { status: 'UPDATE_ROLLBACK_FAILED' });
    const j = await job({ 'stack-name': 'StuckStack', 'auto-rollback': 'false' });
    const { main } = await j.runAll();
    expect(main?.exitCode).toBe(1);
    expect(main?.outputs['result']).toBe('blocked');
    const finding = (
      JSON.parse(main?.outputs['validation'] ?? '[]') as { resolution: string[] }[]
    )[0]!;
    expect(finding).toMatchObject({ code: 'STACK_NEEDS_CONTINUE_ROLLBACK', severity: 'blocking' });
    expect(finding.resolution.join('\n')).toContain(
      'aws cloudformation continue-update-rollback --stack-name StuckStack'
    );
    expect(main?.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        properties: { title: 'Blocking: STACK_NEEDS_CONTINUE_ROLLBACK' }
      })
    );
  });

  it('with warnings: fail, stops on a failed last deployment; with proceed, annotates and goes on', async () => {
    cfn.putStack('AppStack', {
      status: 'UPDATE_ROLLBACK_COMPLETE',
      stackStatusReason: 'Bucket already exists'
    });
    const failing = await job({ 'stack-name': 'AppStack', warnings: 'fail' });
    const strict = (await failing.runAll()).main;
    expect(strict?.exitCode).toBe(1);
    expect(strict?.outputs['result']).toBe('blocked');

    const lenient = (await (await job({ 'stack-name': 'AppStack' })).runAll()).main;
    expect(lenient?.exitCode).toBe(0);
    expect(lenient?.outputs['result']).toBe('acquired');
    expect(lenient?.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        properties: { title: 'Warning: LAST_DEPLOYMENT_FAILED' }
      })
    );
  });

  it('checks every covered stack: one busy stack of several holds the run back', async () => {
    cfn.putStack('Network', { status: 'UPDATE_COMPLETE' });
    busyStack('Data');
    const j = await job({
      'stack-name': 'Network,Data',
      environment: 'production',
      'wait-timeout-minutes': '0'
    });
    const { main } = await j.runAll();
    expect(main?.exitCode).toBe(2);
    expect(JSON.parse(main?.outputs['stack-status'] ?? '{}')).toEqual({
      Network: 'UPDATE_COMPLETE',
      Data: 'UPDATE_IN_PROGRESS'
    });
  });

  it('fails with a clear error, not a crash, when CloudFormation keeps refusing', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    cfn.failNext(
      'DescribeStacks',
      {
        code: 'AccessDenied',
        message: 'User is not authorized to perform: cloudformation:DescribeStacks',
        status: 403
      },
      10
    );
    const j = await job({ 'stack-name': 'AppStack' });
    const { main, post } = await j.runAll();
    expect(main?.exitCode).toBe(1);
    const error = main?.annotations.find((a) => a.level === 'error');
    expect(error?.message).toMatch(
      /\[\S+\] AccessDenied: User is not authorized to perform: cloudformation:DescribeStacks/
    );
    expect(post?.exitCode).toBe(0);
  });

  it('stops waiting at once when the runner cancels the job (SIGINT), and post still runs', async () => {
    busyStack('AppStack');
    const j = await actionJob(
      cfn,
      { 'stack-name': 'AppStack', 'wait-timeout-minutes': '5', 'poll-interval-seconds': '0.2' },
      { cancelGraceMs: 5_000 }
    );
    jobs.push(j);
    await j.runStage('pre');
    const running = j.startStage('main');
    await j.waitForLog(/Poll 2 /);
    const cancelledAt = Date.now();
    await j.cancel();
    const main = await running.result;
    expect(Date.now() - cancelledAt).toBeLessThan(2_000);
    expect(main?.signal).toBeNull();
    expect(main?.exitCode).toBe(1);
    expect(main?.outputs['result']).toBe('aborted');
    expect(main?.stdout).toMatch(/Received SIGINT: stopping the wait/);
    const post = await j.runStage('post');
    expect(post?.exitCode).toBe(0);
    expect(post?.stdout).toMatch(/coordinate result: aborted/);
  });

  it('without a registry, estimates come from the history file the Actions cache carries between runs', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const shared = mkdtempSync(join(tmpdir(), 'dc-runner-temp-'));
    try {
      const first = await actionJob(
        cfn,
        { 'stack-name': 'AppStack', 'monitor-interval-seconds': '0.2' },
        { env: { RUNNER_TEMP: shared } }
      );
      jobs.push(first);
      const pre = await first.runStage('pre');
      expect(pre?.stdout).toMatch(
        /The Actions cache is not available here: estimates start without history/
      );
      const main = await first.runStage('main');
      expect(main?.stdout).toMatch(/Estimate: 30m 00s \(no history yet\)/);
      cfn.runOperation(
        'AppStack',
        [
          {
            atMs: 100,
            logicalId: 'Fn',
            type: 'AWS::Lambda::Function',
            status: 'UPDATE_IN_PROGRESS'
          },
          {
            atMs: 1_100,
            logicalId: 'Fn',
            type: 'AWS::Lambda::Function',
            status: 'UPDATE_COMPLETE'
          },
          { atMs: 1_500, stackStatus: 'UPDATE_COMPLETE' }
        ],
        { startStatus: 'UPDATE_IN_PROGRESS' }
      );
      await new Promise((r) => setTimeout(r, 1_800));
      const post = await first.runStage('post');
      expect(post?.stdout).toMatch(/Outcome: succeeded/);

      const second = await actionJob(
        cfn,
        { 'stack-name': 'AppStack' },
        { env: { RUNNER_TEMP: shared } }
      );
      jobs.push(second);
      await second.runStage('pre');
      const next = await second.runStage('main');
      expect(next?.stdout).toMatch(
        /Estimate: [12]s \(median of 1 successful deployment, p20 to p80 [12]s to [12]s\)/
      );
      expect(next?.outputs['estimated-minutes']).toBe('0');
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  });
});
