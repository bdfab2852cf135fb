import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CloudFormationStandin, type Step } from '../../test-rig/cfn-standin.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import type { Annotation, Job, StageResult } from '../../test-rig/runner.js';
import { SlackStandin, type MessageView } from '../../test-rig/slack-standin.js';
import { operatorShell, startInProcess } from './cli-in-process.js';
import { REPO_ROOT, actionJob, bundlePath } from './support.js';

// The lease lives from acquire to release: whatever the holder is waiting for (a question in
// Slack, a repair, throttled DynamoDB, a rate-limited Slack), a second run never gets the lock
// before the first run's finalize (post) has begun, and then gets the next fencing token.
// Every case runs two jobs through the runner harness with a 6 s lease.

export const LEASE_MS = 6_000; // lease-minutes 0.1
export const HEARTBEAT_MS = LEASE_MS / 3;
export const TOKEN = 'xoxb-1111-2222-lockSafetyToken';
export const CLI = bundlePath('cli');
export const DEPLOY_STEP = join(REPO_ROOT, 'test-rig/fixtures/deploy-step.mjs');

export let cfn: CloudFormationStandin;
export let slack: SlackStandin;
export let dynamo: DynamoRig;
export const jobs: Job[] = [];

beforeAll(async () => {
  [cfn, slack] = await Promise.all([CloudFormationStandin.start(), SlackStandin.start()]);
});
afterAll(async () => {
  await Promise.all([cfn.close(), slack.close()]);
});
beforeEach(async () => {
  cfn.reset();
  slack.reset();
  dynamo = await DynamoRig.start();
});
afterEach(async () => {
  for (const job of jobs.splice(0)) {
    await job.end();
    await job.dispose();
  }
  await dynamo.close();
});

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A job of the action with the DynamoDB registry, a 6 s lease and short poll intervals. */
export async function deployJob(
  name: string,
  inputs: Record<string, string> = {},
  opts: {
    slack?: boolean;
    stageTimeoutMs?: number;
    runnerProcess?: boolean;
    env?: Record<string, string>;
  } = {}
): Promise<Job> {
  const job = await actionJob(
    cfn,
    {
      'stack-name': 'AppStack',
      environment: 'production',
      'registry-table': dynamo.table,
      'lease-minutes': '0.1',
      'poll-interval-seconds': '0.5',
      'monitor-interval-seconds': '0.5',
      ...(opts.slack
        ? { 'slack-token': TOKEN, 'slack-channel': '#deploys', 'slack-api-url': slack.url }
        : {}),
      ...inputs
    },
    {
      name,
      env: { AWS_ENDPOINT_URL_DYNAMODB: dynamo.url, ...opts.env },
      ...(opts.stageTimeoutMs ? { stageTimeoutMs: opts.stageTimeoutMs } : {}),
      ...(opts.runnerProcess ? { runnerProcess: true } : {})
    }
  );
  jobs.push(job);
  return job;
}

/** pre and main of the first run: it takes the lock (fence 1) and hands the lease to its monitor. */
export async function acquireFirst(job: Job): Promise<StageResult> {
  await job.runStage('pre');
  return expectAcquired(await job.runStage('main'), 1);
}

export function expectAcquired(main: StageResult | null, fence: number): StageResult {
  expect(main?.exitCode).toBe(0);
  expect(main?.outputs['result']).toBe('acquired');
  expect(main?.stdout).toContain(`Acquired production (fencing token ${fence})`);
  expect(main?.stdout).toContain('The monitor holds the lease now');
  return main!;
}

/** The second run's main stage, started and followed: `endedAt` is set the moment it finishes. */
export interface Waiter {
  readonly job: Job;
  readonly result: Promise<StageResult | null>;
  endedAt?: number;
}

/** pre, then main started in the background; waits until it is polling the queue. */
export async function arrive(job: Job): Promise<Waiter> {
  await job.runStage('pre');
  const started = job.startStage('main').result;
  const waiter: Waiter = {
    job,
    result: started.then((r) => {
      waiter.endedAt = Date.now();
      return r;
    })
  };
  await job.waitForLog(/Poll 2 /, 15_000);
  return waiter;
}

/** The first run's post, with when it began and whether the second was still waiting then. */
export interface Finalized {
  readonly post: StageResult;
  readonly startedAt: number;
  readonly secondWaiting: boolean;
}

export async function finalizeFirst(first: Job, second: Waiter): Promise<Finalized> {
  const startedAt = Date.now();
  const secondWaiting = second.endedAt === undefined;
  const post = await first.runStage('post');
  return { post: post!, startedAt, secondWaiting };
}

/**
 * The ordering property, from what the runs reported: the second's main was still waiting when
 * the first's post began, the second took the lock (its own record of the instant, saved in
 * state) only after that, and with the next fencing token; the first released fence 1 unless
 * it lost the lock.
 */
export async function expectHandoff(
  done: Finalized,
  second: Waiter,
  expected: { fence?: number; registry?: string; released?: boolean } = {}
): Promise<StageResult> {
  const { fence = 2, registry = 'dynamodb', released = true } = expected;
  expect(done.secondWaiting).toBe(true);
  const main = await second.result;
  expect(main?.exitCode).toBe(0);
  expect(main?.outputs['result']).toBe('acquired');
  expect(main?.outputs['registry']).toBe(registry);
  const acquiredAt = Date.parse(second.job.state['acquired-at'] ?? '');
  expect(acquiredAt).toBeGreaterThanOrEqual(done.startedAt);
  expect(second.endedAt).toBeGreaterThan(done.startedAt);
  if (released) expect(done.post.stdout).toContain('Released production (fencing token 1)');
  else expect(done.post.stdout).not.toContain('Released production');
  if (registry === 'dynamodb') {
    expect(main?.stdout).toContain(`Acquired production (fencing token ${fence})`);
    expect(second.job.state['fence']).toBe(String(fence));
  }
  return main!;
}

/** The workflow's deploy step (an UpdateStack that it waits for), as `if: result == 'acquired'`. */
export async function deployStep(job: Job, main: StageResult): Promise<void> {
  const step = await job.runStep([process.execPath, DEPLOY_STEP], {
    name: 'deploy',
    timeoutMs: 60_000,
    env: {
      STACK: 'AppStack',
      CORRELATION_ID: main.outputs['correlation-id'] ?? '',
      FENCE: main.outputs['fencing-token'] ?? '',
      DEPLOY_LOG: join(job.tempDir, 'deployments.jsonl'),
      HOLD_MS: '0'
    }
  });
  expect(step.exitCode).toBe(0);
}

/** An update whose resources take `ms` in all (for `scriptNext(..., 'UpdateStack', ...)`). */
export const slowUpdate = (ms: number): Step[] => [
  { atMs: 0, stackStatus: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
  { atMs: 100, logicalId: 'Api', type: 'AWS::Lambda::Function', status: 'UPDATE_IN_PROGRESS' },
  { atMs: ms - 100, logicalId: 'Api', type: 'AWS::Lambda::Function', status: 'UPDATE_COMPLETE' },
  { atMs: ms, stackStatus: 'UPDATE_COMPLETE' }
];

export const API = { logicalId: 'Api', type: 'AWS::Lambda::Function' };
export const DB = { logicalId: 'Db', type: 'AWS::RDS::DBInstance' };
export const MUTATING = [
  'CreateStack',
  'UpdateStack',
  'RollbackStack',
  'ContinueUpdateRollback',
  'DeleteStack'
];

export const titled = (
  r: StageResult | null | undefined,
  level: Annotation['level'],
  title: string
) => (r?.annotations ?? []).filter((a) => a.level === level && a.properties['title'] === title);

/** Polls until `check` holds or `ms` pass (a deadline to wait for, not an assertion). */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  ms: number
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check()) && Date.now() < deadline) await sleep(50);
}

/** The first message in `channel` whose text matches. */
export async function slackMessage(channel: string, pattern: RegExp): Promise<MessageView> {
  let found: MessageView | undefined;
  await waitUntil(() => {
    found = slack.messages(slack.channelId(channel)).find((m) => pattern.test(m.text ?? ''));
    return found !== undefined;
  }, 15_000);
  if (!found) throw new Error(`no Slack message in ${channel} matched ${String(pattern)}`);
  return found;
}

/** The operator's shell, pointed at this harness's stand-ins. */
const shell = (): NodeJS.ProcessEnv => operatorShell(cfn, dynamo.url);

/** The operator CLI (runCli, in process: cli-in-process.ts), pointed at the stand-ins. */
export async function operatorCli(...args: string[]): Promise<{ code: number; stdout: string }> {
  const { code, stdout } = await startInProcess(args, shell()).done;
  return { code, stdout };
}

/** The operator CLI as a person runs it: the bundle built from src/, in a child process. */
export async function operatorCliProcess(
  ...args: string[]
): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args], {
      cwd: REPO_ROOT,
      env: shell(),
      timeout: 15_000
    });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '' };
  }
}

export async function record(id: string): Promise<{ transitions: Array<{ state: string }> }> {
  const items = await dynamo.items();
  return items.find((i) => i['pk'] === `DEPLOY#${id}`) as never;
}

// ---------------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------------

/** The detached monitor's observations of `type` so far (its monitor.jsonl, before post cleans up). */
export function monitorObserved(
  job: { state: Record<string, string> },
  type: string
): Record<string, unknown>[] {
  return readFileSync(join(job.state['monitor-dir']!, 'monitor.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((o) => o['type'] === type);
}
