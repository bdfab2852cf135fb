import { createServer, type AddressInfo, type Socket } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Lease } from '../../src/coordination/lease.js';
import { dynamoRegistry } from '../../src/registry/dynamodb.js';
import { sleep as realSleep } from '../../src/runtime/stage.js';
import { recoverStacks } from '../../src/coordination/recover.js';
import type { LockKey, LockQueue } from '../../src/ports/registry.js';
import { RegistryUnavailableError } from '../../src/ports/registry-errors.js';
import { createLogger, type LogSink } from '../../src/report/logger.js';
import { ScriptedCloudFormation } from '../../test-rig/scripted-cloudformation.js';
import { VirtualTime } from '../../test-rig/virtual-time.js';

const KEY: LockKey = { owner: 'owner-1', fence: 7, correlationId: '20261201-120000-0000abcd' };
const LEASE_MS = 6_000;
const BEAT_MS = 2_000;

/** A lock store whose answers the test decides: 'ok', 'gone' (not ours any more) or 'down'. */
function store(vt: VirtualTime) {
  const beats: number[] = [];
  const releases: number[] = [];
  let answer: 'ok' | 'gone' | 'down' = 'ok';
  const down = (): never => {
    throw new RegistryUnavailableError(
      'lock heartbeat',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
    );
  };
  const lock: Pick<LockQueue, 'heartbeatLock' | 'release'> = {
    heartbeatLock: async () => {
      beats.push(vt.now());
      if (answer === 'down') down();
      return answer === 'ok';
    },
    release: async () => {
      releases.push(vt.now());
      if (answer === 'down') down();
      return answer === 'ok';
    }
  };
  return {
    lock,
    beats,
    releases,
    set: (a: typeof answer) => {
      answer = a;
    }
  };
}

/** Runs virtual time forward by `ms`, waking every sleep due on the way. */
async function advance(vt: VirtualTime, ms: number): Promise<void> {
  const until = vt.now() + ms;
  const stop = vt.sleep(ms);
  let stopped = false;
  void stop.then(() => (stopped = true));
  while (!stopped && vt.now() <= until && (await vt.step()));
}

/** A lease over the scripted store on virtual time (sinceMs: when its last write was sent). */
function leaseOn(
  vt: VirtualTime,
  s: ReturnType<typeof store>,
  events: ConstructorParameters<typeof Lease>[5] = {},
  sinceMs?: number
): Lease {
  return new Lease(
    { lock: s.lock, clock: vt, sleep: (ms, sig) => vt.sleep(ms, sig) },
    'production',
    KEY,
    LEASE_MS,
    BEAT_MS,
    events,
    sinceMs
  );
}

describe('the lease', () => {
  it('heartbeats every interval on its own loop while its holder waits on something slow', async () => {
    const vt = new VirtualTime();
    const s = store(vt);
    const start = vt.now();
    const lease = leaseOn(vt, s).start();
    // The holder is stuck in a 20 s call (a question to a person, a Slack post honouring Retry-After).
    await advance(vt, 20_000);
    expect(s.beats.map((t) => t - start)).toEqual([
      2_000, 4_000, 6_000, 8_000, 10_000, 12_000, 14_000, 16_000, 18_000, 20_000
    ]);
    expect(lease.current).toBe(true);
    await lease.stop();
    await advance(vt, 10_000);
    expect(s.beats).toHaveLength(10);
  });

  it('retries a failed heartbeat after a third of the interval, and is no longer current once none landed for a lease', async () => {
    const vt = new VirtualTime();
    const s = store(vt);
    const start = vt.now();
    const lease = leaseOn(vt, s).start();
    await advance(vt, 2_000);
    s.set('down');
    await advance(vt, 3_900);
    // Landed at 2 s; then tries at 4 s, 4.666 s, 5.333 s ... every 666 ms while the table is down.
    expect(s.beats[1]! - start).toBe(4_000);
    expect(s.beats[2]! - s.beats[1]!).toBe(666);
    expect(lease.lost).toBe(false);
    // The last landed beat was sent at 2 s: current until 6 s (a lease, less one interval of margin).
    expect(lease.current).toBe(true);
    await advance(vt, 200);
    expect(lease.current).toBe(false);
    s.set('ok');
    await advance(vt, 700);
    expect(lease.current).toBe(true);
    expect(lease.lastLandedAt - start).toBeGreaterThan(6_000);
    await lease.stop();
  });

  it('says once that the lock is lost when a heartbeat finds it gone, then never writes again', async () => {
    const vt = new VirtualTime();
    const s = store(vt);
    const lost: number[] = [];
    const lease = leaseOn(vt, s, { onLost: () => lost.push(vt.now()) }).start();
    await advance(vt, 2_000);
    s.set('gone');
    await advance(vt, 10_000);
    expect(lost).toHaveLength(1);
    expect(s.beats).toHaveLength(2);
    expect(lease.lost).toBe(true);
    expect(await lease.confirm(LEASE_MS)).toBe(false);
    expect(await lease.release('succeeded', 5_000)).toBe(false);
    expect(s.releases).toEqual([]);
  });

  it('confirm() heartbeats until one lands; gives up after its budget when the table does not answer', async () => {
    const vt = new VirtualTime();
    const s = store(vt);
    const lease = leaseOn(vt, s, {}, vt.now() - LEASE_MS);
    expect(lease.current).toBe(false);
    const ok = lease.confirm(LEASE_MS);
    await vt.settle();
    expect(await ok).toBe(true);
    expect(s.beats).toHaveLength(1);

    const late = leaseOn(vt, s, {}, vt.now() - LEASE_MS);
    s.set('down');
    let answer: boolean | undefined;
    void late.confirm(3_000).then((a) => (answer = a));
    while (answer === undefined && (await vt.step()));
    expect(answer).toBe(false);
    expect(late.lost).toBe(false);
  });

  it('release() retries registry trouble within its budget, then reports that it could not', async () => {
    const vt = new VirtualTime();
    const s = store(vt);
    const lease = leaseOn(vt, s);
    s.set('down');
    let released: boolean | undefined | 'pending' = 'pending';
    void lease.release('succeeded', 5_000).then((r) => (released = r));
    while (released === 'pending' && (await vt.step()));
    expect(released).toBeUndefined();
    expect(s.releases.length).toBeGreaterThan(2);
    expect(s.releases.at(-1)! - s.releases[0]!).toBeLessThanOrEqual(5_000);

    const again = leaseOn(vt, s);
    s.set('ok');
    expect(await again.release('succeeded', 5_000)).toBe(true);
  });
});

const silent: LogSink = {
  info: () => undefined,
  debug: () => undefined,
  warning: () => undefined,
  error: () => undefined
};

describe('a heartbeat against a table that never answers', () => {
  it('is given up after one interval, not after the SDK has waited out every attempt', async () => {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => void sockets.add(socket)); // accepts, never answers
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    const client = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' }
    });
    try {
      const clock = { now: () => Date.now() };
      const lease = new Lease(
        { lock: dynamoRegistry(client, 'deployment-registry').lock, clock, sleep: realSleep },
        'production',
        KEY,
        1_500,
        300
      );
      const started = Date.now();
      expect(await lease.beat()).toBeUndefined();
      // The SDK alone would try 4 times with a 5 s request timeout each.
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(lease.lost).toBe(false);
    } finally {
      client.destroy();
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  });
});

/** Runs recoverStacks on a scripted stack in virtual time; returns its results and how long it took. */
async function repairOf(
  status: string,
  repair: { durationMs: number; fails: boolean }
): Promise<{ results: Awaited<ReturnType<typeof recoverStacks>>; tookMs: number }> {
  const vt = new VirtualTime();
  const cfn = new ScriptedCloudFormation(vt.now);
  cfn.put('AppStack', status);
  cfn.nextRepair = repair;
  const start = vt.now();
  let results: Awaited<ReturnType<typeof recoverStacks>> | undefined;
  void recoverStacks(
    {
      reader: cfn,
      recovery: cfn,
      clock: vt,
      sleep: (ms, sig) => vt.sleep(ms, sig),
      log: createLogger('20261201-120000-0000abcd', silent)
    },
    await cfn.describeStacks(['AppStack']),
    { autoRollback: true, cleanup: 'none' },
    120_000,
    5_000
  ).then((r) => (results = r));
  while (!results && (await vt.step()));
  return { results: results!, tookMs: vt.now() - start };
}

describe('a repair', () => {
  it('that fails within a second is reported at the next poll, not at the timeout', async () => {
    const { results, tookMs } = await repairOf('UPDATE_ROLLBACK_FAILED', {
      durationMs: 200,
      fails: true
    });
    expect(results).toEqual([
      expect.objectContaining({
        stack: 'AppStack',
        action: 'continue-rollback',
        ok: false,
        finalStatus: 'UPDATE_ROLLBACK_FAILED'
      })
    ]);
    expect(results[0]!.instructions.join('\n')).toContain('continue-update-rollback');
    // One poll of 5 s: the stack went UPDATE_ROLLBACK_FAILED -> UPDATE_ROLLBACK_FAILED, and its events said so.
    expect(tookMs).toBe(5_000);
  });

  it('that succeeds slowly is waited for until its completion event', async () => {
    const { results, tookMs } = await repairOf('UPDATE_FAILED', {
      durationMs: 12_000,
      fails: false
    });
    expect(results).toEqual([
      expect.objectContaining({
        action: 'rollback',
        ok: true,
        finalStatus: 'UPDATE_ROLLBACK_COMPLETE'
      })
    ]);
    expect(tookMs).toBe(15_000);
  });
});
