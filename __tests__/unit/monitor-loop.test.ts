/**
 * The detached monitor's loop (runMonitor) in process, through its injected dependencies, on
 * virtual time: the real CloudFormation adapter and SDK against the CloudFormation stand-in, the
 * real DynamoDB registry against dynalite (the lease heartbeats a real table), and the real
 * SlackNotifier and WebClient against the Slack stand-in. Every call into those is tracked, so
 * virtual time stands still while it is in flight: a deployment of minutes runs in the time its
 * loopback calls take, and what happened is asserted by virtual instants and in order.
 */
import { WebClient } from '@slack/web-api';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudFormationAdapter, createCloudFormationClient } from '../../src/aws/cloudformation.js';
import type { MonitorSettings } from '../../src/monitor/files.js';
import { runMonitor } from '../../src/monitor/run.js';
import type { DeploymentInfo } from '../../src/notify/messages.js';
import { SlackNotifier, type ThreadRef } from '../../src/notify/slack.js';
import { createSlackClient } from '../../src/notify/slack-client.js';
import type { Holder, Registry } from '../../src/ports/registry.js';
import { dynamoRegistry } from '../../src/registry/dynamodb.js';
import { createLogger, type LogSink } from '../../src/report/logger.js';
import { CloudFormationStandin, type Step } from '../../test-rig/cfn-standin.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import { SlackStandin, type MessageView } from '../../test-rig/slack-standin.js';
import { VirtualTime } from '../../test-rig/virtual-time.js';

const CID = '20261201-120000-0000abcd';
const REGION = 'us-east-1';
const STACK = 'app-prod';
const EDGE = 'app-prod-edge';
const TOKEN = 'xoxb-monitor-loop-test';
const LEASE_MS = 30_000;
const BEAT_MS = 10_000;
const POLL_MS = 5_000;

let vt: VirtualTime;
let cfn: CloudFormationStandin;
let slack: SlackStandin;
let rig: DynamoRig;
const cfnClients: CloudFormationClient[] = [];
const savedEnv: Record<string, string | undefined> = {};
const ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDMONITORLOOP',
  AWS_SECRET_ACCESS_KEY: 'not-a-secret',
  AWS_REGION: REGION
};

beforeAll(async () => {
  [cfn, slack, rig] = await Promise.all([
    CloudFormationStandin.start({ now: () => vt.now() }),
    SlackStandin.start(),
    DynamoRig.start()
  ]);
  for (const [k, v] of Object.entries({ ...ENV, AWS_ENDPOINT_URL_CLOUDFORMATION: cfn.url })) {
    savedEnv[k] = process.env[k];
    process.env[k] = v;
  }
});

afterAll(async () => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await Promise.all([cfn.close(), slack.close(), rig.close()]);
});

beforeEach(() => {
  vt = new VirtualTime();
  cfn.reset();
  slack.reset();
});

afterEach(() => {
  for (const c of cfnClients.splice(0)) c.destroy();
});

interface Call {
  readonly method: string;
  readonly at: number;
  readonly args: readonly unknown[];
  result?: unknown;
}

/** Every async method of `target` tracked by virtual time (it stands still while one is in flight), and recorded. */
function tracked<T extends object>(target: T, calls: Call[] = []): T {
  return new Proxy(target, {
    get(t, prop) {
      const v: unknown = Reflect.get(t, prop, t);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const call: Call = { method: String(prop), at: vt.now(), args };
        const r: unknown = (v as (...a: unknown[]) => unknown).apply(t, args);
        if (!(r instanceof Promise)) return r;
        calls.push(call);
        return vt.track(
          r.then((x: unknown) => {
            call.result = x;
            return x;
          })
        );
      };
    }
  });
}

const silent: LogSink = {
  info: () => undefined,
  debug: () => undefined,
  warning: () => undefined,
  error: () => undefined
};

/** Runs virtual time to `start + ms`, waking every sleep due on the way, then lets what woke finish. */
async function runTo(start: number, ms: number): Promise<void> {
  let woke = false;
  void vt.sleep(start + ms - vt.now()).then(() => (woke = true));
  while (!woke && (await vt.step()));
  await vt.settle();
}

let envSeq = 0;

/** Everything a monitor needs for one deployment: the lock taken in dynalite, a Slack thread, the stacks. */
async function deployment(
  opts: {
    stacks?: readonly string[];
    stallMs?: number;
    overdueMs?: number;
    progressIntervalMs?: number;
    criticalResourceTypes?: readonly string[];
    watchEvents?: boolean;
    withRegistry?: boolean;
    /** The latest the monitor runs, after its start (default: a day). */
    endsAfterMs?: number;
  } = {}
) {
  const environment = `production-${++envSeq}`;
  const stacks = opts.stacks ?? [STACK];
  for (const s of stacks) cfn.putStack(s, { status: 'UPDATE_COMPLETE', pastEvents: 5 });

  const registryCalls: Call[] = [];
  const real = dynamoRegistry(rig.client({ maxAttempts: 1 }), rig.table, vt.now);
  // The test's own hand on the table (acquire, unlock, view): not tracked, not recorded.
  const table = real.lock;
  const registry: Registry = { ...real, lock: tracked(real.lock, registryCalls) };
  const owner = `owner-${envSeq}`;
  const participant = {
    correlationId: CID,
    owner,
    environment,
    stacks,
    run: { runId: '42', runAttempt: '1', repository: 'acme/app' },
    leaseMs: LEASE_MS
  };
  const holder = (await table.acquire(participant, (await table.view(environment)).lock))!;
  expect(holder).toBeDefined();

  // The thread coordinate would have opened.
  const parent = await new WebClient(TOKEN, { slackApiUrl: slack.url }).chat.postMessage({
    channel: '#deploys',
    text: 'Deploying to production'
  });
  const thread: ThreadRef = { channel: String(parent.channel), ts: String(parent.ts) };
  const slackConfig = {
    token: TOKEN,
    apiUrl: slack.url,
    channel: '#deploys',
    interactChannel: '#deploys'
  };
  const notifier = tracked(
    new SlackNotifier(
      createSlackClient(slackConfig),
      createSlackClient(slackConfig, { retries: 0 }),
      createLogger(CID, silent)
    )
  );

  const client = createCloudFormationClient(REGION, 1);
  cfnClients.push(client);
  const readerCalls: Call[] = [];
  const reader = tracked(new CloudFormationAdapter(client, REGION), readerCalls);

  const info: DeploymentInfo = {
    correlationId: CID,
    environment,
    stacks,
    run: participant.run,
    estimate: { expectedMs: 120_000, basis: 'median of 5 deployments' }
  };
  const settings: MonitorSettings = {
    correlationId: CID,
    environment,
    stacks,
    region: REGION,
    registryTable: opts.withRegistry === false ? undefined : rig.table,
    owner: opts.withRegistry === false ? undefined : owner,
    fence: holder.fence,
    leaseMs: LEASE_MS,
    heartbeatMs: BEAT_MS,
    monitorIntervalMs: POLL_MS,
    watchEvents: opts.watchEvents ?? true,
    acquiredAt: holder.acquiredAt,
    endsBy: new Date(vt.now() + (opts.endsAfterMs ?? 86_400_000)).toISOString(),
    stallMs: opts.stallMs ?? 30_000,
    overdueMs: opts.overdueMs ?? 120_000,
    progressIntervalMs: opts.progressIntervalMs ?? 3_600_000,
    criticalResourceTypes: opts.criticalResourceTypes ?? [],
    info,
    slack: { apiUrl: slack.url, thread }
  };

  const observations: Record<string, unknown>[] = [];
  const stopper = new AbortController();
  const start = vt.now();
  let result: 'stopped' | 'lock-lost' | 'job-over' | undefined;
  // The job that started the monitor: alive until a test ends it.
  const job = { alive: true };
  let endedAt: number | undefined;
  const done = runMonitor({
    settings,
    registry: opts.withRegistry === false ? undefined : registry,
    reader,
    notifier,
    now: vt.now,
    sleep: (ms, signal) => vt.sleep(ms, signal),
    signal: stopper.signal,
    write: (o) => void observations.push(o),
    jobAlive: () => job.alive
  }).then((r) => {
    result = r;
    endedAt = vt.now();
    return r;
  });

  const at = (o: Record<string, unknown>): number => Date.parse(String(o['at'])) - start;
  const ofType = (type: string) => observations.filter((o) => o['type'] === type);
  return {
    environment,
    owner,
    holder,
    table,
    participant,
    registryCalls,
    readerCalls,
    thread,
    observations,
    start,
    done,
    stopper,
    result: () => result,
    job,
    endedAt: () => (endedAt === undefined ? undefined : endedAt - start),
    at,
    ofType,
    /** The alerts as [kind, ms after the start]. */
    alerts: () =>
      ofType('alert').map((o) => [(o['alert'] as { kind: string }).kind, at(o)] as const),
    /** The events recorded, as `stack logicalId status`. */
    events: () =>
      ofType('event').map((o) => {
        const e = o['event'] as { logicalId: string; status: string };
        return `${String(o['stack'])} ${e.logicalId} ${e.status}`;
      }),
    replies: (): MessageView[] => slack.thread(thread.ts).slice(1),
    parent: (): MessageView => slack.thread(thread.ts)[0]!,
    beats: () => registryCalls.filter((c) => c.method === 'heartbeatLock').map((c) => c.at - start),
    run: (ms: number) => runTo(start, ms),
    stop: async () => {
      stopper.abort();
      return done;
    }
  };
}

const res = (atMs: number, logicalId: string, type: string, status: string, reason?: string) =>
  ({ atMs, logicalId, type, status, ...(reason ? { reason } : {}) }) satisfies Step;
const stk = (atMs: number, stackStatus: string, reason?: string) =>
  ({ atMs, stackStatus, ...(reason ? { reason } : {}) }) satisfies Step;

const LAMBDA = 'AWS::Lambda::Function';
const RDS = 'AWS::RDS::DBInstance';
const SQS = 'AWS::SQS::Queue';
const CACHE = 'AWS::ElastiCache::CacheCluster';
const CDN = 'AWS::CloudFront::Distribution';

/**
 * An update that starts 2 s after the lock was taken, goes quiet twice (8 s → 70 s, 75 s → 140 s),
 * runs past its expected 120 s, fails (an echo, then the root cause, then a second failure) and
 * rolls back; times are from the acquisition.
 */
function failingUpdate(start: number): void {
  cfn.runOperation(
    STACK,
    [
      stk(0, 'UPDATE_IN_PROGRESS', 'User Initiated'),
      res(1_000, 'Api', LAMBDA, 'UPDATE_IN_PROGRESS'),
      res(4_000, 'Api', LAMBDA, 'UPDATE_COMPLETE'),
      res(6_000, 'Db', RDS, 'UPDATE_IN_PROGRESS'),
      res(68_000, 'Queue', SQS, 'UPDATE_IN_PROGRESS'),
      res(73_000, 'Cache', CACHE, 'UPDATE_IN_PROGRESS'),
      res(138_000, 'Queue', SQS, 'UPDATE_FAILED', 'Resource update cancelled'),
      res(141_000, 'Db', RDS, 'UPDATE_FAILED', 'DB instance storage full'),
      res(142_000, 'Cache', CACHE, 'UPDATE_FAILED', 'Cache node type not available'),
      stk(148_000, 'UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed: [Db, Cache]'),
      res(158_000, 'Db', RDS, 'UPDATE_COMPLETE'),
      stk(168_000, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'),
      stk(173_000, 'UPDATE_ROLLBACK_COMPLETE')
    ],
    { startAt: start + 2_000 }
  );
}

describe('the monitor loop', () => {
  it('records every event of this deployment once, in order, per stack, and none from before the lock', async () => {
    const d = await deployment({ stacks: [STACK, EDGE] });
    failingUpdate(d.start);
    cfn.runOperation(
      EDGE,
      [
        stk(0, 'UPDATE_IN_PROGRESS', 'User Initiated'),
        res(1_000, 'Cdn', CDN, 'UPDATE_IN_PROGRESS'),
        res(3_000, 'Cdn', CDN, 'UPDATE_COMPLETE'),
        stk(5_000, 'UPDATE_COMPLETE')
      ],
      { startAt: d.start + 4_000 }
    );
    await d.run(240_000);
    expect(await d.stop()).toBe('stopped');

    const main = d.events().filter((e) => e.startsWith(`${STACK} `));
    const edge = d.events().filter((e) => e.startsWith(`${EDGE} `));
    expect(main).toEqual([
      `${STACK} ${STACK} UPDATE_IN_PROGRESS`,
      `${STACK} Api UPDATE_IN_PROGRESS`,
      `${STACK} Api UPDATE_COMPLETE`,
      `${STACK} Db UPDATE_IN_PROGRESS`,
      `${STACK} Queue UPDATE_IN_PROGRESS`,
      `${STACK} Cache UPDATE_IN_PROGRESS`,
      `${STACK} Queue UPDATE_FAILED`,
      `${STACK} Db UPDATE_FAILED`,
      `${STACK} Cache UPDATE_FAILED`,
      `${STACK} ${STACK} UPDATE_ROLLBACK_IN_PROGRESS`,
      `${STACK} Db UPDATE_COMPLETE`,
      `${STACK} ${STACK} UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS`,
      `${STACK} ${STACK} UPDATE_ROLLBACK_COMPLETE`
    ]);
    expect(edge).toEqual([
      `${EDGE} ${EDGE} UPDATE_IN_PROGRESS`,
      `${EDGE} Cdn UPDATE_IN_PROGRESS`,
      `${EDGE} Cdn UPDATE_COMPLETE`,
      `${EDGE} ${EDGE} UPDATE_COMPLETE`
    ]);
    // Each recorded at the first poll after it happened (polls every 5 s from the start).
    for (const o of d.ofType('event')) {
      const happened = (o['event'] as { timestamp: Date }).timestamp.getTime();
      expect(d.at(o)).toBe(Math.ceil((happened - d.start) / POLL_MS) * POLL_MS);
    }
    // The first read of each stack is its newest page: the seeded history, older than the lock.
    const firstReads = d.readerCalls.filter((c) => c.method === 'eventsSince').slice(0, 2);
    expect(firstReads.map((c) => [c.args[0], c.args[1], (c.result as unknown[]).length])).toEqual([
      [STACK, undefined, 5],
      [EDGE, undefined, 5]
    ]);
    const types = d.observations.map((o) => o['type']);
    expect(types[0]).toBe('started');
    expect(types.at(-1)).toBe('stopped');
    expect(d.observations.every((o) => o['correlationId'] === CID)).toBe(true);
  });

  it('alerts a stall once per episode and says when events resume, overdue once, and the first root-cause failure', async () => {
    const d = await deployment();
    failingUpdate(d.start);
    await d.run(240_000);
    expect(await d.stop()).toBe('stopped');

    expect(d.alerts()).toEqual([
      ['stall', 40_000],
      ['stall-resolved', 70_000],
      ['stall', 105_000],
      ['overdue', 125_000],
      ['stall-resolved', 140_000],
      ['failure', 145_000]
    ]);
    const alerts = d.ofType('alert').map((o) => o['alert'] as Record<string, unknown>);
    expect(alerts[0]).toMatchObject({ silentForMs: 30_000, lastEvent: { logicalId: 'Db' } });
    expect(alerts[1]).toMatchObject({ silentForMs: 60_000 });
    expect(alerts[3]).toMatchObject({ elapsedMs: 123_000, expectedMs: 120_000 });
    expect(alerts[4]).toMatchObject({ silentForMs: 65_000 });
    // Not the echo of the cancelled update, not the second failure: the root cause, once.
    expect(alerts[5]).toMatchObject({
      event: { logicalId: 'Db', status: 'UPDATE_FAILED', reason: 'DB instance storage full' }
    });

    // The same, in the deployment's thread, in that order; the parent shows the state in place.
    const replies = d.replies().map((m) => m.text);
    expect(replies).toEqual([
      expect.stringMatching(/no stack events for 30s/),
      expect.stringMatching(/stack events resumed after 1m 00s of silence/),
      expect.stringMatching(/no stack events for 30s/),
      expect.stringMatching(/taking longer than expected, 2m 03s elapsed, expected 2m 00s/),
      expect.stringMatching(/stack events resumed after 1m 05s of silence/),
      expect.stringMatching(/Db \(AWS::RDS::DBInstance\) UPDATE_FAILED: DB instance storage full/)
    ]);
    expect(d.replies().every((m) => m.thread_ts === d.thread.ts && m.byBot)).toBe(true);
    expect(d.parent().versions).toHaveLength(2);
    expect(slack.callsOf('chat.update')).toHaveLength(1);
  });

  it('alerts the first failure of a critical resource type only', async () => {
    const d = await deployment({ criticalResourceTypes: [CACHE] });
    failingUpdate(d.start);
    await d.run(200_000);
    await d.stop();
    expect(d.alerts().filter(([kind]) => kind === 'failure')).toEqual([['failure', 145_000]]);
    expect(d.ofType('alert').at(-1)?.['alert']).toMatchObject({
      kind: 'failure',
      event: { logicalId: 'Cache', reason: 'Cache node type not available' }
    });
  });

  it('posts progress on its cadence with the stacks and the latest events, updating the parent in place', async () => {
    const d = await deployment({ progressIntervalMs: 60_000 });
    failingUpdate(d.start);
    await d.run(200_000);
    await d.stop();
    // Progress is due a cadence after the operation started (2 s), then a cadence after each one.
    expect(d.alerts().filter(([kind]) => kind === 'progress')).toEqual([
      ['progress', 65_000],
      ['progress', 125_000]
    ]);
    const progress = d.replies().filter((m) => m.text.includes('in progress'));
    expect(progress.map((m) => m.text)).toEqual([
      expect.stringMatching(/1 done, 1 in progress, 0 failed; 1m 03s elapsed/),
      expect.stringMatching(/1 done, 3 in progress, 0 failed; 2m 03s elapsed/)
    ]);
    expect(JSON.stringify(progress[1]!.blocks)).toContain('UPDATE_IN_PROGRESS');
    // One update of the parent per progress and per failure alert.
    expect(d.parent().versions).toHaveLength(4);
  });

  it('heartbeats the lock through its lease: at once (the handover), then every interval, under its own key', async () => {
    const d = await deployment();
    failingUpdate(d.start);
    await d.run(60_000);
    await d.stop();
    expect(d.beats()).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
    for (const c of d.registryCalls.filter((x) => x.method === 'heartbeatLock')) {
      expect(c.args[0]).toBe(d.environment);
      expect(c.args[1]).toEqual({ owner: d.owner, fence: d.holder.fence, correlationId: CID });
      expect(c.result).toBe(true);
    }
    expect(d.ofType('heartbeat').map((o) => [d.at(o), o['ok']])).toEqual(
      d.beats().map((t) => [t, true])
    );
    // The table has the last beat; the monitor never releases (finalize does).
    const { lock } = await d.table.view(d.environment);
    expect(lock.holder).toMatchObject({ owner: d.owner, fence: d.holder.fence });
    expect(lock.holder?.heartbeat).not.toBe(d.holder.heartbeat);
    expect(d.registryCalls.map((c) => c.method)).not.toContain('release');
    // Stopped: nothing of it is left running.
    expect(vt.pending()).toEqual([]);
  });

  it('keeps heartbeating and polling through registry and CloudFormation errors, and records them', async () => {
    const d = await deployment();
    failingUpdate(d.start);
    await d.run(15_000);
    rig.failRequests(1, { ops: ['UpdateItem'] });
    cfn.failNext('DescribeStackEvents', { code: 'InternalFailure', status: 500 });
    await d.run(60_000);
    await d.stop();

    expect(d.ofType('heartbeat-error').map((o) => d.at(o))).toEqual([20_000]);
    // A failed beat is retried after a third of the interval, then the cadence resumes from there.
    expect(d.beats()).toEqual([0, 10_000, 20_000, 23_333, 33_333, 43_333, 53_333]);
    expect(d.ofType('error').map((o) => [d.at(o), o['failures']])).toEqual([[20_000, 1]]);
    // Nothing lost: the poll after the error reads on from the same cursor.
    expect(d.events()).toEqual([
      `${STACK} ${STACK} UPDATE_IN_PROGRESS`,
      `${STACK} Api UPDATE_IN_PROGRESS`,
      `${STACK} Api UPDATE_COMPLETE`,
      `${STACK} Db UPDATE_IN_PROGRESS`
    ]);
    expect(d.alerts()).toEqual([['stall', 40_000]]);
  });

  it('stops when a heartbeat finds the lock no longer its own, records lock-lost and says so in the thread', async () => {
    const d = await deployment();
    failingUpdate(d.start);
    await d.run(25_000);
    // An operator unlocks; another deployment takes the lock.
    await d.table.forceUnlock(d.environment, 'stuck', 'operator');
    const other: Holder | undefined = await d.table.acquire(
      { ...d.participant, correlationId: '20261201-120025-0000beef', owner: 'owner-other' },
      (await d.table.view(d.environment)).lock
    );
    expect(other?.fence).toBe(d.holder.fence + 1);
    const polledBefore = cfn.callsOf('DescribeStackEvents').length;

    await d.run(120_000);
    expect(d.result()).toBe('lock-lost');
    // At the first heartbeat after the lock changed hands, not later.
    expect(d.endedAt()).toBe(30_000);
    expect(d.beats()).toEqual([0, 10_000, 20_000, 30_000]);

    const last = d.observations.slice(-2);
    expect(last[0]).toMatchObject({ type: 'heartbeat', ok: false });
    expect(last[1]).toMatchObject({
      type: 'lock-lost',
      correlationId: CID,
      fence: d.holder.fence,
      nowHeldBy: '20261201-120025-0000beef',
      nowFence: d.holder.fence + 1
    });
    expect(d.at(last[1]!)).toBe(30_000);
    expect(d.ofType('stopped')).toEqual([]);
    expect(d.replies().at(-1)?.text).toMatch(/this deployment lost the lock/);
    expect(JSON.stringify(d.replies().at(-1)?.blocks)).toContain(
      'It is now held by `20261201-120025-0000beef`'
    );

    // Nothing more from it: no heartbeat, no poll, no sleep left; the new holder's lock untouched.
    const polls = cfn.callsOf('DescribeStackEvents').length;
    expect(polls - polledBefore).toBe(1); // the poll at 30 s
    expect(vt.pending()).toEqual([]);
    const { lock } = await d.table.view(d.environment);
    expect(lock.holder).toMatchObject({ owner: 'owner-other', heartbeat: other!.heartbeat });
  });

  it('ends by itself when the job that started it is over (its runner is gone): no more heartbeats, the lock left to expire', async () => {
    const d = await deployment();
    await d.run(25_000);
    // The runner dies: no post step will ever stop this monitor.
    d.job.alive = false;
    await d.run(120_000);
    expect(d.result()).toBe('job-over');
    // At its next turn of the loop (the poll at 30 s), not later; no heartbeat after that.
    expect(d.endedAt()).toBe(30_000);
    expect(d.beats().filter((t) => t > 30_000)).toEqual([]);
    expect(d.ofType('job-over')).toEqual([
      expect.objectContaining({
        reason: 'the job that started it is over (its runner process is gone)'
      })
    ]);
    expect(vt.pending()).toEqual([]);
    // It did not release: the lock stays held, and is taken over once its lease passes.
    const { lock } = await d.table.view(d.environment);
    expect(lock.holder).toMatchObject({ owner: d.owner, fence: d.holder.fence });
  });

  it("notices the job's end within a heartbeat even when it polls seldom (here: not at all)", async () => {
    // Without event watching the loop sleeps a minute at a time: the job is looked for on its own
    // loop, every heartbeat interval (10 s).
    const d = await deployment({ watchEvents: false });
    await d.run(25_000);
    d.job.alive = false;
    await d.run(120_000);
    expect(d.result()).toBe('job-over');
    expect(d.endedAt()).toBe(30_000);
    expect(d.beats().filter((t) => t > 30_000)).toEqual([]);
    // The thread says so: nothing heartbeats the lock any more.
    expect(d.replies().at(-1)?.text).toMatch(/monitoring ended: the job that started it is over/);
  });

  it('ends at the latest at endsBy, whatever else happens', async () => {
    const d = await deployment({ endsAfterMs: 45_000 });
    await d.run(300_000);
    expect(d.result()).toBe('job-over');
    // At the first turn of the loop (a poll every 5 s) at or after endsBy.
    expect(d.endedAt()).toBe(45_000);
    expect(d.beats().filter((t) => t > 45_000)).toEqual([]);
    expect(d.ofType('job-over')[0]?.['reason']).toMatch(/it has run for the longest a job can/);
    expect(vt.pending()).toEqual([]);
  });

  it('without event watching, only heartbeats; without a registry, only watches', async () => {
    const quiet = await deployment({ watchEvents: false });
    failingUpdate(quiet.start);
    await quiet.run(120_000);
    expect(await quiet.stop()).toBe('stopped');
    expect(cfn.calls).toEqual([]);
    expect(quiet.beats()).toHaveLength(13);
    expect(quiet.replies()).toEqual([]);

    vt = new VirtualTime();
    cfn.reset();
    const cfOnly = await deployment({ withRegistry: false });
    failingUpdate(cfOnly.start);
    await cfOnly.run(60_000);
    expect(await cfOnly.stop()).toBe('stopped');
    expect(cfOnly.registryCalls).toEqual([]);
    expect(cfOnly.ofType('heartbeat')).toEqual([]);
    expect(cfOnly.alerts()).toEqual([['stall', 40_000]]);
  });
});

/** Two defects these tests found in the loop, fixed: each test says what the loop must do. */
describe('the monitor loop, under CloudFormation errors', () => {
  // The alerts of a poll were collected in a local array and reported only after DescribeStacks:
  // when that call failed, the events were already recorded and the cursor moved past them, and
  // the watch had marked the failure as sent, so the alert was never posted.
  it('still alerts a root-cause failure read in a poll whose DescribeStacks then failed', async () => {
    const d = await deployment();
    failingUpdate(d.start);
    await d.run(144_000);
    cfn.failNext('DescribeStacks', { code: 'InternalFailure', status: 500 });
    await d.run(200_000);
    await d.stop();
    expect(d.ofType('error').map((o) => d.at(o))).toEqual([145_000]);
    expect(d.events()).toContain(`${STACK} Db UPDATE_FAILED`);
    expect(d.alerts().map(([kind]) => kind)).toContain('failure');
  });

  // `failures` is reset at the top of the next pass even when no poll was due (the failed poll
  // had already moved nextPoll on), so every error is failure 1 and the backoff never grows.
  it('counts consecutive failed polls, so its backoff grows', async () => {
    const d = await deployment();
    failingUpdate(d.start);
    await d.run(14_000);
    cfn.failNext('DescribeStackEvents', { code: 'InternalFailure', status: 500 }, 4);
    await d.run(120_000);
    await d.stop();
    expect(d.ofType('error').map((o) => o['failures'])).toEqual([1, 2, 3, 4]);
  });
});

const STK = 'AWS::CloudFormation::Stack';

describe('the monitor loop on a tree of nested stacks', () => {
  it("no stall while a nested stack cleans up after its parent's resource completed (real CloudFormation order); its cleanup events are recorded", async () => {
    const d = await deployment({ stallMs: 30_000 });
    cfn.putNestedStack(STACK, 'Data', {
      status: 'UPDATE_COMPLETE',
      resources: [
        { logicalId: 'Db', type: RDS, status: 'UPDATE_COMPLETE' },
        ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({
          logicalId: `Old${i}`,
          type: SQS,
          status: 'UPDATE_COMPLETE'
        }))
      ]
    });
    const D = { stack: 'Data' };
    cfn.runOperation(
      STACK,
      [
        stk(0, 'UPDATE_IN_PROGRESS', 'User Initiated'),
        res(1_000, 'Data', STK, 'UPDATE_IN_PROGRESS'),
        { ...stk(2_000, 'UPDATE_IN_PROGRESS'), ...D },
        { ...res(3_000, 'Db', RDS, 'UPDATE_IN_PROGRESS'), ...D },
        { ...res(20_000, 'Db', RDS, 'UPDATE_COMPLETE'), ...D },
        { ...stk(21_000, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'), ...D },
        res(22_000, 'Data', STK, 'UPDATE_COMPLETE'),
        stk(23_000, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'),
        // The nested stack's cleanup, after its parent's resource is UPDATE_COMPLETE: an event every 10 s.
        ...[0, 1, 2, 3, 4, 5, 6, 7].flatMap((i) => [
          { ...res(25_000 + i * 20_000, `Old${i}`, SQS, 'DELETE_IN_PROGRESS'), ...D },
          { ...res(35_000 + i * 20_000, `Old${i}`, SQS, 'DELETE_COMPLETE'), ...D }
        ]),
        { ...stk(186_000, 'UPDATE_COMPLETE'), ...D },
        stk(187_000, 'UPDATE_COMPLETE')
      ],
      { startAt: d.start + 2_000 }
    );
    await d.run(200_000);
    await d.stop();
    const nested = d
      .ofType('event')
      .map((o) => o['event'] as { logicalId: string; status: string; nestedIn?: string[] })
      .filter((e) => e.nestedIn)
      .map((e) => `${e.logicalId} ${e.status}`);
    expect(nested).toEqual(
      expect.arrayContaining(['Old0 DELETE_IN_PROGRESS', 'Old7 DELETE_COMPLETE'])
    );
    expect(d.alerts().filter(([k]) => k === 'stall')).toEqual([]);
  });

  it("a console update that fails inside Data and rolls back, then this run's own update, within one poll: the foreign nested failure is not this run's failure alert", async () => {
    const d = await deployment({ stallMs: 600_000 });
    cfn.putNestedStack(STACK, 'Data', {
      status: 'UPDATE_COMPLETE',
      resources: [{ logicalId: 'Db', type: RDS, status: 'UPDATE_COMPLETE' }]
    });
    const D = { stack: 'Data' };
    cfn.runOperation(
      STACK,
      [
        stk(0, 'UPDATE_IN_PROGRESS', 'User Initiated'),
        res(100, 'Data', STK, 'UPDATE_IN_PROGRESS'),
        { ...stk(200, 'UPDATE_IN_PROGRESS'), ...D },
        { ...res(300, 'Db', RDS, 'UPDATE_IN_PROGRESS'), ...D },
        { ...res(600, 'Db', RDS, 'UPDATE_FAILED', 'someone else broke it'), ...D },
        { ...stk(700, 'UPDATE_ROLLBACK_IN_PROGRESS'), ...D },
        res(800, 'Data', STK, 'UPDATE_FAILED'),
        stk(900, 'UPDATE_ROLLBACK_IN_PROGRESS'),
        res(1_000, 'Data', STK, 'UPDATE_IN_PROGRESS'),
        { ...res(1_100, 'Db', RDS, 'UPDATE_COMPLETE'), ...D },
        { ...stk(1_200, 'UPDATE_ROLLBACK_COMPLETE'), ...D },
        res(1_300, 'Data', STK, 'UPDATE_COMPLETE'),
        stk(1_400, 'UPDATE_ROLLBACK_COMPLETE')
      ],
      {
        startAt: d.start + 1_000,
        token: 'Console-UpdateStack-7f59c3cf-00d2-40c7-b2ff-e75db0987002'
      }
    );
    await d.run(3_000);
    cfn.stack(STACK);
    cfn.runOperation(
      STACK,
      [
        stk(0, 'UPDATE_IN_PROGRESS', 'User Initiated'),
        res(100, 'Data', STK, 'UPDATE_IN_PROGRESS'),
        { ...stk(200, 'UPDATE_IN_PROGRESS'), ...D },
        { ...res(300, 'Db', RDS, 'UPDATE_IN_PROGRESS'), ...D },
        { ...res(20_000, 'Db', RDS, 'UPDATE_COMPLETE'), ...D },
        { ...stk(21_000, 'UPDATE_COMPLETE'), ...D },
        res(22_000, 'Data', STK, 'UPDATE_COMPLETE'),
        stk(23_000, 'UPDATE_COMPLETE')
      ],
      { startAt: d.start + 3_500, token: `deploy-${CID}` }
    );
    await d.run(40_000);
    await d.stop();
    expect(d.ofType('foreign-operation')).toHaveLength(1);
    expect(d.alerts().filter(([k]) => k === 'failure')).toEqual([]);
  });
});
