import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationStandin } from '../../test-rig/cfn-standin.js';
import { DynamoRig, queueTickets } from '../../test-rig/dynamo-rig.js';
import { GitHubStandin } from '../../test-rig/github-standin.js';
import type { Job, StageResult } from '../../test-rig/runner.js';
import { ACTION_ROOT, REPO_ROOT, actionJob, bundlePath } from './support.js';

let cfn: CloudFormationStandin;
let dynamo: DynamoRig;
let github: GitHubStandin;
let scratch: string;
const jobs: Job[] = [];

beforeAll(async () => {
  [cfn, github] = await Promise.all([CloudFormationStandin.start(), GitHubStandin.start()]);
});
afterAll(async () => {
  await Promise.all([cfn.close(), github.close()]);
});
beforeEach(async () => {
  cfn.reset();
  github.reset();
  dynamo = await DynamoRig.start();
  scratch = mkdtempSync(join(tmpdir(), 'dc-e2e-'));
});
afterEach(async () => {
  for (const job of jobs.splice(0)) {
    await job.end();
    await job.dispose();
  }
  await dynamo.close();
  rmSync(scratch, { recursive: true, force: true });
});

const REPOSITORY = 'octo-org/deployments';

async function registryJob(
  name: string,
  runId: number,
  inputs: Record<string, string>
): Promise<Job> {
  const job = await actionJob(
    cfn,
    {
      'stack-name': 'AppStack',
      environment: 'production',
      'registry-table': dynamo.table,
      'poll-interval-seconds': '0.2',
      ...inputs
    },
    {
      name,
      env: {
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
        GITHUB_API_URL: github.url,
        GITHUB_REPOSITORY: REPOSITORY,
        GITHUB_RUN_ID: String(runId),
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_REF: 'refs/heads/main'
      }
    }
  );
  jobs.push(job);
  return job;
}

interface DeployLine {
  event: 'start' | 'end';
  id: string;
  fence: number;
  at: number;
}

/** The workflow's deploy step: only when coordinate acquired, like `if: steps.coord.outputs.result == 'acquired'`. */
async function deployStep(job: Job, main: StageResult | null, holdMs = 300): Promise<void> {
  if (main?.outputs['result'] !== 'acquired') return;
  const step = await job.runStep(
    [process.execPath, join(REPO_ROOT, 'test-rig/fixtures/deploy-step.mjs')],
    {
      env: {
        STACK: 'AppStack',
        CORRELATION_ID: main.outputs['correlation-id'] ?? '',
        // A workflow passes the fencing-token output on (the action's state is its own).
        FENCE: main.outputs['fencing-token'] ?? '',
        DEPLOY_LOG: join(scratch, 'deployments.jsonl'),
        HOLD_MS: String(holdMs)
      }
    }
  );
  expect(step.exitCode).toBe(0);
}

const deployments = (): DeployLine[] =>
  readFileSync(join(scratch, 'deployments.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as DeployLine);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function record(
  id: string
): Promise<{ transitions: Array<{ state: string; note?: string }> } & Record<string, unknown>> {
  const items = await dynamo.items();
  return items.find((i) => i['pk'] === `DEPLOY#${id}`) as never;
}

describe('coordination through the DynamoDB registry', () => {
  it('five jobs started 200 ms apart deploy one at a time, in arrival order, with queue positions 0 to 4', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const jobs5 = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => registryJob(`job${i}`, 1000 + i, { 'wait-timeout-minutes': '1' }))
    );
    await Promise.all(jobs5.map((job) => job.runStage('pre')));
    const started = await Promise.all(
      jobs5.map(async (job, i) => {
        await sleep(i * 200);
        const main = await job.runStage('main');
        await deployStep(job, main);
        const post = await job.runStage('post');
        const left = await job.end();
        return {
          main,
          post,
          left,
          ticket: Number(job.state['ticket-seq']),
          runId: job.env['GITHUB_RUN_ID']
        };
      })
    );
    // Arrival order is the order of the queue tickets (DynamoDB's own counter).
    const results = [...started].sort((a, b) => a.ticket - b.ticket).map((r, i) => ({ ...r, i }));
    expect(results.map((r) => r.ticket)).toEqual([1, 2, 3, 4, 5]);

    for (const r of results) {
      expect(r.main?.exitCode).toBe(0);
      expect(r.main?.outputs['result']).toBe('acquired');
      expect(r.main?.outputs['registry']).toBe('dynamodb');
      expect(r.post?.exitCode).toBe(0);
      expect(r.left).toEqual([]);
    }
    expect(results.map((r) => r.main?.outputs['queue-position'])).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4'
    ]);

    // Never two at once, in arrival order, each with a larger fencing token than the last.
    const lines = deployments();
    const ids = results.map((r) => r.main?.outputs['correlation-id']);
    expect(lines.map((l) => `${l.event}:${l.id}`)).toEqual(
      ids.flatMap((id) => [`start:${id}`, `end:${id}`])
    );
    const fences = lines.filter((l) => l.event === 'start').map((l) => l.fence);
    expect(fences).toEqual(results.map((r) => Number(r.main?.outputs['fencing-token'])));
    expect(fences).toEqual([...fences].sort((a, b) => a - b));
    expect(new Set(fences).size).toBe(5);

    // Each waiter names the holder it waited for: correlation ID and run link, in its log and its record.
    for (const r of results.slice(1)) {
      const before = results[r.i - 1]!;
      const holderId = before.main?.outputs['correlation-id'] ?? '';
      const runLink = `https://github.com/${REPOSITORY}/actions/runs/${before.runId}/attempts/1`;
      expect(r.main?.stdout).toContain(`lock held by ${holderId} (${runLink})`);
      const rec = await record(r.main?.outputs['correlation-id'] ?? '');
      const queued = rec.transitions.find((t) => t.state === 'queued');
      expect(queued?.note).toMatch(
        new RegExp(
          `position ${r.i}; lock held by \\S+ \\(https://github.com/${REPOSITORY}/actions/runs/\\d+/attempts/1\\)`
        )
      );
    }
    expect(results[1]?.main?.outputs['active-correlation-id']).toBe(
      results[0]?.main?.outputs['correlation-id']
    );

    // Every record went queued -> acquired -> completed -> released; no ticket and no holder is left.
    for (const id of ids) {
      const states = (await record(id ?? '')).transitions.map((t) => t.state);
      expect(states).toEqual(['queued', 'acquired', 'completed', 'released']);
    }
    const items = await dynamo.items();
    expect(queueTickets(items)).toEqual([]);
    expect(items.find((i) => i['sk'] === 'LOCK')?.['holder']).toBeUndefined();
    expect(items.filter((i) => String(i['sk']).startsWith('HIST#'))).toHaveLength(5);
  });

  it('takes over the lock of a job killed after coordinate once lease-minutes pass, and records it on both', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const crashed = await registryJob('crashed', 2001, { 'lease-minutes': '0.05' });
    await crashed.runStage('pre');
    const held = await crashed.runStage('main');
    expect(held?.outputs['result']).toBe('acquired');
    await crashed.kill(); // the runner died: no finalize, and the monitor's heartbeats stop with it
    expect(await crashed.processes()).toEqual([]);
    const killedAt = Date.now();

    const next = await registryJob('next', 2002, {
      'lease-minutes': '0.05',
      'wait-timeout-minutes': '0.5'
    });
    const { main } = await next.runAll();
    expect(main?.outputs['result']).toBe('acquired');
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(3_000);
    expect(main?.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', properties: { title: 'Stale lock taken over' } })
    );
    const oldId = held?.outputs['correlation-id'] ?? '';
    const newId = main?.outputs['correlation-id'] ?? '';
    expect((await record(oldId)).transitions).toContainEqual(
      expect.objectContaining({ state: 'taken-over', note: expect.stringContaining(newId) })
    );
    expect((await record(newId)).transitions).toContainEqual(
      expect.objectContaining({ state: 'took-over', note: expect.stringContaining(oldId) })
    );
  });

  it("takes over at the next poll when the GitHub API says the holder's run has completed", async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const crashed = await registryJob('crashed', 3001, {});
    await crashed.runStage('pre');
    const held = await crashed.runStage('main');
    await crashed.kill();
    github.setRun('octo-org', 'deployments', 3001, 1, {
      status: 'completed',
      conclusion: 'cancelled'
    });

    const next = await registryJob('next', 3002, { 'wait-timeout-minutes': '0.5' });
    const started = Date.now();
    const { main } = await next.runAll();
    expect(main?.outputs['result']).toBe('acquired');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(main?.stdout).toMatch(
      /Taking over the lock of \S+ .*: its workflow run is no longer in progress/
    );
    expect(github.calls.some((c) => c.path.includes('/actions/runs/3001'))).toBe(true);
    expect(held?.outputs['correlation-id']).toBeTruthy();
  });

  it('falls back to CloudFormation-only when the table stops mid-wait for longer than a lease, and the in-progress check still holds', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    // A lease of 3 s: the waiter falls back only once the table has been unreachable that long.
    const first = await registryJob('first', 4001, { 'lease-minutes': '0.05' });
    await first.runStage('pre');
    const held = await first.runStage('main');
    expect(held?.outputs['result']).toBe('acquired');
    // The holder's deployment: the stack is busy for 3 s.
    cfn.runOperation(
      'AppStack',
      [
        {
          atMs: 500,
          logicalId: 'Api',
          type: 'AWS::Lambda::Function',
          status: 'UPDATE_IN_PROGRESS'
        },
        { atMs: 6_000, stackStatus: 'UPDATE_COMPLETE' }
      ],
      { startStatus: 'UPDATE_IN_PROGRESS' }
    );
    const stackDoneAt = Date.now() + 6_000;

    const waiter = await registryJob('waiter', 4002, {
      'wait-timeout-minutes': '0.5',
      'lease-minutes': '0.05'
    });
    await waiter.runStage('pre');
    const running = waiter.startStage('main');
    await waiter.waitForLog(/Poll 2 /);
    await dynamo.stop();
    const stoppedAt = Date.now();
    await waiter.waitForLog(/Falling back to CloudFormation-only coordination/);
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(3_000);
    const main = await running.result;

    expect(main?.exitCode).toBe(0);
    expect(main?.outputs['result']).toBe('acquired');
    expect(main?.outputs['registry']).toBe('cloudformation-only');
    expect(Date.now()).toBeGreaterThanOrEqual(stackDoneAt);
    expect(main?.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', properties: { title: 'Registry unavailable' } })
    );
    expect(JSON.parse(main?.outputs['validation'] ?? '[]')).toContainEqual(
      expect.objectContaining({ code: 'REGISTRY_UNAVAILABLE', severity: 'warning' })
    );
    const post = await waiter.runStage('post');
    expect(post?.exitCode).toBe(0);
  });

  it('finalize run twice releases once and says what it found the second time', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const job = await registryJob('twice', 5001, {});
    await job.runStage('pre');
    const main = await job.runStage('main');
    const first = await job.runStage('post');
    const second = await job.runStage('post');
    expect(first?.stdout).toMatch(/Released production \(fencing token 1\), outcome no-change/);
    expect(second?.exitCode).toBe(0);
    expect(second?.stdout).toMatch(
      /Nothing to release: production was already released \(fencing token 1\)/
    );
    const states = (await record(main?.outputs['correlation-id'] ?? '')).transitions.map(
      (t) => t.state
    );
    expect(states.filter((s) => s === 'released')).toHaveLength(1);
  });

  it('the coordinate and finalize sub-actions split over two steps: finalize finds the lock by correlation-id', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const inputs = {
      'stack-name': 'AppStack',
      environment: 'production',
      'registry-table': dynamo.table
    };
    const job = await actionJob(
      cfn,
      { ...inputs, 'poll-interval-seconds': '0.2' },
      {
        actionDir: join(ACTION_ROOT, 'coordinate'),
        env: { AWS_ENDPOINT_URL_DYNAMODB: dynamo.url, GITHUB_API_URL: github.url }
      }
    );
    jobs.push(job);
    await job.runStage('pre');
    const main = await job.runStage('main');
    expect(main?.outputs['result']).toBe('acquired');
    const id = main?.outputs['correlation-id'] ?? '';

    // A later step of the same job: `uses: OWNER/deploy-coordinator/finalize@v1` with the correlation ID.
    const inputEnv = Object.fromEntries(
      Object.entries({ ...inputs, 'correlation-id': id }).map(([k, v]) => [
        `INPUT_${k.toUpperCase()}`,
        v
      ])
    );
    const finalize = await job.runStep([process.execPath, bundlePath('finalize')], {
      env: inputEnv
    });
    expect(finalize.exitCode).toBe(0);
    expect(finalize.stdout).toMatch(/Monitor \(pid \d+\): stopped/);
    expect(finalize.stdout).toMatch(/Released production \(fencing token 1\)/);
    expect((await dynamo.items()).find((i) => i['sk'] === 'LOCK')?.['holder']).toBeUndefined();
    expect(await job.end()).toEqual([]);
  });

  it('a waiter cancelled by the runner (SIGINT) removes its ticket before it exits', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const holder = await registryJob('holder', 6001, {});
    await holder.runStage('pre');
    expect((await holder.runStage('main'))?.outputs['result']).toBe('acquired');

    const waiter = await registryJob('waiter', 6002, { 'wait-timeout-minutes': '1' });
    await waiter.runStage('pre');
    const running = waiter.startStage('main');
    await waiter.waitForLog(/Poll 2 /);
    const tickets = async (): Promise<unknown[]> => queueTickets(await dynamo.items());
    expect(await tickets()).toHaveLength(1);
    await waiter.cancel();
    const main = await running.result;
    expect(main?.outputs['result']).toBe('aborted');
    expect(main?.stdout).toMatch(/Removed this run's queue ticket #2/);
    expect(await tickets()).toEqual([]);
    const post = await waiter.runStage('post');
    expect(post?.exitCode).toBe(0);
    expect((await dynamo.items()).find((i) => i['sk'] === 'LOCK')?.['holder']).toBe(
      holder.state['correlation-id']
    );
  });

  it('with skip-superseded, a queued run exits superseded when a newer run of the same ref queues behind it', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const holder = await registryJob('holder', 7001, {});
    await holder.runStage('pre');
    expect((await holder.runStage('main'))?.outputs['result']).toBe('acquired');

    const older = await registryJob('older', 7002, {
      'skip-superseded': 'true',
      'wait-timeout-minutes': '1'
    });
    await older.runStage('pre');
    const running = older.startStage('main');
    await older.waitForLog(/Poll 2 /);
    const newer = await registryJob('newer', 7003, { 'wait-timeout-minutes': '0.05' });
    await newer.runStage('pre');
    const newerMain = newer.runStage('main');

    const main = await running.result;
    expect(main?.exitCode).toBe(1);
    expect(main?.outputs['result']).toBe('superseded');
    expect(main?.stdout).toMatch(/A newer run for refs\/heads\/main is queued behind this one/);
    const states = (await record(main?.outputs['correlation-id'] ?? '')).transitions.map(
      (t) => t.state
    );
    expect(states).toEqual(['queued', 'superseded']);
    expect((await newerMain)?.outputs['result']).toBe('concurrent');
  });

  it('with on-active-failure: abort, a waiter whose awaited deployment failed gives the lock back and exits aborted', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const holder = await registryJob('holder', 8001, {});
    await holder.runStage('pre');
    expect((await holder.runStage('main'))?.outputs['result']).toBe('acquired');
    const waiter = await registryJob('waiter', 8002, {
      'on-active-failure': 'abort',
      'wait-timeout-minutes': '1'
    });
    await waiter.runStage('pre');
    const running = waiter.startStage('main');
    await waiter.waitForLog(/Poll 2 /);

    // The holder's deployment fails and rolls back; its finalize records the failure.
    cfn.runOperation(
      'AppStack',
      [
        {
          atMs: 100,
          logicalId: 'Api',
          type: 'AWS::Lambda::Function',
          status: 'UPDATE_FAILED',
          reason: 'Runtime nodejs8.x is not supported'
        },
        { atMs: 200, stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS' },
        { atMs: 400, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' }
      ],
      { startStatus: 'UPDATE_IN_PROGRESS' }
    );
    await sleep(600);
    const post = await holder.runStage('post');
    expect(post?.stdout).toMatch(/Released production \(fencing token 1\), outcome failed/);

    const main = await running.result;
    expect(main?.exitCode).toBe(1);
    expect(main?.outputs['result']).toBe('aborted');
    expect(main?.annotations).toContainEqual(
      expect.objectContaining({ level: 'error', properties: { title: 'Active deployment failed' } })
    );
    const lock = (await dynamo.items()).find((i) => i['sk'] === 'LOCK');
    expect(lock?.['holder']).toBeUndefined();
    expect(lock?.['lastOutcome']).toBe('aborted');
  });

  it('with github-deployment, a GitHub Deployment follows the deployment: in_progress, then success with the URLs', async () => {
    cfn.putStack('AppStack', {
      status: 'UPDATE_COMPLETE',
      outputs: { ApiUrl: 'https://api.example.com/' }
    });
    const job = await registryJob('gh-deployment', 9001, {
      'github-deployment': 'true',
      'url-output': 'ApiUrl'
    });
    await job.runStage('pre');
    const main = await job.runStage('main');
    await deployStep(job, main);
    const post = await job.runStage('post');
    expect(post?.exitCode).toBe(0);
    const [deployment] = github.deployments('octo-org', 'deployments');
    expect(deployment).toMatchObject({
      environment: 'production',
      payload: { correlationId: main?.outputs['correlation-id'] }
    });
    const statuses = github.statuses('octo-org', 'deployments', deployment!.id);
    expect(statuses.map((st) => st.state)).toEqual(['in_progress', 'success']);
    expect(statuses[1]).toMatchObject({
      environment_url: 'https://api.example.com/',
      log_url: `https://github.com/${REPOSITORY}/actions/runs/9001/attempts/1`
    });
  });

  it("a job cancelled before any stack operation: finalize reports cancelled from the job's step conclusions", async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const job = await registryJob('cancelled-job', 9101, {});
    await job.runStage('pre');
    const main = await job.runStage('main');
    github.setJobs('octo-org', 'deployments', 9101, 1, [
      {
        name: 'cancelled-job',
        status: 'in_progress',
        steps: [
          { name: 'coordinate', status: 'completed', conclusion: 'success', number: 1 },
          { name: 'Deploy', status: 'completed', conclusion: 'cancelled', number: 2 }
        ]
      }
    ]);
    const post = await job.runStage('post');
    expect(post?.stdout).toMatch(/Outcome: cancelled/);
    const states = (await record(main?.outputs['correlation-id'] ?? '')).transitions.map(
      (t) => t.state
    );
    expect(states).toEqual(['queued', 'acquired', 'cancelled', 'released']);
  });

  it('finalize with the monitor already dead does no harm and says so; the summary has the timings', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const job = await registryJob('dead-monitor', 9201, {});
    await job.runStage('pre');
    const main = await job.runStage('main');
    await deployStep(job, main);
    for (const p of await job.processes()) process.kill(p.pid, 'SIGKILL');
    for (let i = 0; i < 50 && (await job.processes()).length > 0; i++) await sleep(20);
    const post = await job.runStage('post');
    expect(post?.exitCode).toBe(0);
    expect(post?.stdout).toMatch(/Monitor \(pid \d+\): was no longer running/);
    expect(post?.stdout).toMatch(/Released production \(fencing token 1\), outcome succeeded/);
    expect(job.summary()).toMatch(/\| Deploying \| \d+(ms|s) \(estimate 30m 00s\) \|/);
    expect(job.summary()).toMatch(/\| Waited \| /);
  });
});
