/**
 * coordinate in CloudFormation-only mode (no registry-table), through the runner harness
 * (test-rig/runner.ts) against the CloudFormation stand-in: only what needs the real processes,
 * the runner's file commands, the real SDK and its errors, signals and the Actions cache. The
 * waiting, the validation outcomes and several stacks are told in process, on virtual time, in
 * __tests__/stages/coordinate-cloudformation.test.ts.
 */
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

/** A stack mid-update that never ends, begun 90 s ago by another deployment, with its events. */
function busyStack(name: string): void {
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
      }
    ],
    { startStatus: 'UPDATE_IN_PROGRESS', startAt }
  );
}

describe('coordinate against CloudFormation only', () => {
  // The real step's exit code 2, and the real adapter's reading of another run's operation from
  // DescribeStackEvents pages (its start, elapsed time, progress, latest events).
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
    expect(pre?.exitCode).toBe(0);
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
    // The real reader's console link: the region's console, the stack's ARN from DescribeStacks.
    expect(main?.outputs['console-url']).toMatch(
      /^https:\/\/us-east-1\.console\.aws\.amazon\.com\/cloudformation\/home\?region=us-east-1#\/stacks\/stackinfo\?stackId=arn%3Aaws%3Acloudformation/
    );
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
    // The active deployment is described with the real reader's console link.
    const active = main?.annotations.find(
      (a) => a.level === 'error' && a.properties['title'] === 'Another deployment is active'
    );
    expect(active?.message).toMatch(
      /Cancelled after waiting .*\n.*Stack AppStack is UPDATE_IN_PROGRESS/
    );
    expect(active?.message).toContain(
      'Console: https://us-east-1.console.aws.amazon.com/cloudformation/'
    );
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
