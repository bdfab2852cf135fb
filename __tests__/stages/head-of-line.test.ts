/**
 * The first in line (issue 13, item 4), in process (test-rig/in-process.ts) on virtual time: the
 * real coordinate(), monitor loop and finalize() against dynalite. The head of the queue reads the
 * lock alone (`lock.readLock`) every `headPollMs` between its full reads (`lock.view`), so it
 * takes the lock within one such read of a release; the others keep `poll-interval-seconds`;
 * staleness is still judged by the full reads over a whole lease; FIFO holds.
 */
import { State } from '../../src/config/state.js';
import { headPollMs } from '../../src/coordination/wait-for-turn.js';
import type { QueueView } from '../../src/ports/registry.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import {
  World,
  scratchRunnerTemp,
  type Job,
  type RegistryCall
} from '../../test-rig/in-process.js';
import { holder, polling } from './stories.js';

/** The jobs' defaults (in-process.ts): poll 5 s, lease 1 min. */
const POLL_MS = 5_000;
const LEASE_MS = 60_000;
const HEAD_MS = headPollMs(POLL_MS);

let dynamo: DynamoRig;
let cleanUp: () => void;
let world: World | undefined;

beforeAll(async () => {
  cleanUp = scratchRunnerTemp();
  dynamo = await DynamoRig.start();
});
afterAll(async () => {
  await dynamo.close();
  cleanUp();
});
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A job's reads of the lock in coordinate (full or the lock alone), sent before `before` was. */
function waitReads(w: World, job: Job, before?: RegistryCall): RegistryCall[] {
  return w
    .calls({ job, stage: 'coordinate' })
    .filter(
      (c) => (c.op === 'lock.view' || c.op === 'lock.readLock') && c.seq < (before?.seq ?? Infinity)
    );
}

const gaps = (calls: readonly RegistryCall[]): number[] =>
  calls.slice(1).map((c, i) => c.startedAt - calls[i]!.startedAt);

describe('the rule', () => {
  it('a fifth of the poll interval, at most 1 s and at least 100 ms, never more than the poll', () => {
    expect(
      [100, 300, 500, 1_000, 2_000, 5_000, 30_000, 3_600_000].map((ms) => headPollMs(ms))
    ).toEqual([100, 100, 100, 200, 400, 1_000, 1_000, 1_000]);
  });
});

describe('the first in line', () => {
  it('reads the lock every 0.8-1 s behind a live holder and takes it within one such read of the release; the second keeps the 5 s poll, then does the same; FIFO', async () => {
    world = new World({ dynamo });
    const w = world;
    const a = await holder(w, 'a');
    const b = w.job('b', { 'wait-timeout-minutes': '10' });
    const bWaiting = b.coordinate();
    await polling(w, b);
    const c = w.job('c', { 'wait-timeout-minutes': '10' });
    const cWaiting = c.coordinate();
    await polling(w, c);
    // a deploys for a while (its monitor heartbeating), then its post step releases.
    expect(await w.until(a.deploy({ durationMs: 40_000 }))).toBe(true);
    await w.until(a.finalize());
    const [aRelease] = w.calls({ job: a, op: 'lock.release' });
    expect(aRelease!.result).toBe(true);
    const b1 = await w.until(bWaiting);
    expect(b1.report.result).toBe('acquired');

    // b, first in line: full reads every 5 s, the lock alone in between, every 0.8-1 s of its own.
    const [bAcquire] = w.calls({ job: b, op: 'lock.acquire' });
    const bReads = waitReads(w, b, aRelease);
    const bViews = bReads.filter((r) => r.op === 'lock.view');
    const bLockReads = bReads.filter((r) => r.op === 'lock.readLock');
    expect(bViews.length).toBeGreaterThanOrEqual(8);
    expect(gaps(bViews).every((g) => g === POLL_MS)).toBe(true);
    expect(bLockReads.length).toBeGreaterThanOrEqual(4 * (bViews.length - 1));
    for (const [i, r] of bReads.entries()) {
      if (i === 0) continue;
      const gap = r.startedAt - bReads[i - 1]!.startedAt;
      expect(gap).toBeLessThanOrEqual(HEAD_MS);
      // A lock read comes after a whole jittered sleep; a full read may cut the last one short.
      if (r.op === 'lock.readLock') expect(gap).toBeGreaterThanOrEqual(0.8 * HEAD_MS);
    }
    // Every lock read but the ones after the release saw a's holding, unchanged.
    for (const r of bLockReads) expect(r.result).toMatchObject({ holder: { owner: a.owner } });
    expect(b.sink.line('First in line').message).toBe(
      `First in line: reading the lock every 1s until ${a.correlationId} releases it (the whole queue every 5s).`
    );

    // The release is seen by the next lock read, within one head interval; then one full read,
    // which alone decides, and the acquire at the same instant.
    const after = waitReads(w, b, bAcquire).filter((r) => r.seq > aRelease!.endSeq!);
    expect(after.map((r) => r.op)).toEqual(['lock.readLock', 'lock.view']);
    expect((after[0]!.result as { holder?: unknown }).holder).toBeUndefined();
    expect(after[1]!.startedAt).toBe(after[0]!.endedAt);
    expect(bAcquire!.startedAt).toBe(after[1]!.endedAt);
    expect(bAcquire!.seq).toBeGreaterThan(aRelease!.endSeq!);
    expect(bAcquire!.startedAt - aRelease!.endedAt!).toBeLessThanOrEqual(HEAD_MS);
    expect(bAcquire!.result).toMatchObject({ owner: b.owner, fence: 2 });

    // c, second in line while a held: the 5 s poll alone, no lock reads in between.
    const cWhileSecond = waitReads(w, c, bAcquire);
    expect(cWhileSecond.filter((r) => r.op === 'lock.readLock')).toEqual([]);
    expect(cWhileSecond.length).toBeGreaterThanOrEqual(8);
    expect(gaps(cWhileSecond).every((g) => g === POLL_MS)).toBe(true);
    expect(w.calls({ job: c, op: 'lock.acquire' })).toEqual([]);

    // b deploys and releases; c, first in line now, does the same as b did.
    expect(await w.until(b.deploy({ durationMs: 30_000 }))).toBe(true);
    await w.until(b.finalize());
    const c1 = await w.until(cWaiting);
    expect(c1.report.result).toBe('acquired');
    const [bRelease] = w.calls({ job: b, op: 'lock.release' });
    const [cAcquire] = w.calls({ job: c, op: 'lock.acquire' });
    const cLockReads = waitReads(w, c, cAcquire).filter((r) => r.op === 'lock.readLock');
    expect(cLockReads.length).toBeGreaterThan(0);
    // c began reading the lock alone only once b held it (its first full read since showed b).
    expect(cLockReads[0]!.startedAt).toBeGreaterThan(bAcquire!.endedAt!);
    expect(cLockReads[0]!.startedAt - bAcquire!.endedAt!).toBeLessThanOrEqual(POLL_MS + HEAD_MS);
    expect(cAcquire!.seq).toBeGreaterThan(bRelease!.endSeq!);
    expect(cAcquire!.startedAt - bRelease!.endedAt!).toBeLessThanOrEqual(HEAD_MS);
    expect(cAcquire!.result).toMatchObject({ owner: c.owner, fence: 3 });

    // FIFO: the fences went a, b, c, each acquire sent once, after the release before it.
    expect(
      w.calls({ op: 'lock.acquire' }).map((x) => [x.job, (x.result as { fence: number }).fence])
    ).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3]
    ]);
    expect(w.cfn.updates.map((u) => u.by)).toEqual([a.correlationId, b.correlationId]);
    expect(w.cfn.updatesRefused).toEqual([]);
  });

  it('takes over a holder that stopped heartbeating no sooner than a lease after its last heartbeat, though it read the lock every second meanwhile', async () => {
    world = new World({ dynamo });
    const w = world;
    const a = await holder(w, 'a');
    // a's monitor is cut off from the table: its heartbeats stop landing.
    a.net.monitor.down = true;
    const b = w.job('b', { 'wait-timeout-minutes': '10' });
    const { report } = await w.until(b.coordinate());

    expect(report.result).toBe('acquired');
    expect(report.turn.tookOver?.from.correlationId).toBe(a.correlationId);
    const aWrites = w
      .calls({ job: a, op: 'lock.heartbeatLock' })
      .filter((x) => x.result === true)
      .map((x) => x.endedAt!);
    const lastOfA = Math.max(...aWrites, Date.parse(a.state.get(State.AcquiredAt)!));
    const [acquire] = w.calls({ job: b, op: 'lock.acquire' });
    expect(acquire!.startedAt - lastOfA).toBeGreaterThanOrEqual(LEASE_MS);
    expect(acquire!.result).toMatchObject({ owner: b.owner, fence: 2 });

    // Meanwhile b read the lock alone every 0.8-1 s (more than a lease's worth of reads), and
    // those reads judged nothing: the takeover came from a full read, at the 5 s poll.
    const reads = waitReads(w, b, acquire);
    const lockReads = reads.filter((r) => r.op === 'lock.readLock');
    expect(lockReads.length).toBeGreaterThanOrEqual((4 * LEASE_MS) / POLL_MS);
    expect(gaps(reads).every((g) => g <= HEAD_MS)).toBe(true);
    expect(reads.at(-1)!.op).toBe('lock.view');
    const views = reads.filter((r) => r.op === 'lock.view');
    expect(gaps(views).every((g) => g === POLL_MS)).toBe(true);
    // The full read that judged it stale came a whole lease after the first full read that saw
    // a's last heartbeat value (the watch starts there, on b's clock), not sooner, and at the
    // first full read past it.
    const beatOf = (r: RegistryCall): string | undefined =>
      (r.result as QueueView).lock.holder?.heartbeat;
    const last = beatOf(views.at(-1)!);
    const firstSeen = views.find((r) => beatOf(r) === last)!;
    expect(acquire!.startedAt - firstSeen.startedAt).toBeGreaterThanOrEqual(LEASE_MS);
    expect(acquire!.startedAt - firstSeen.startedAt).toBeLessThan(LEASE_MS + POLL_MS);
    expect(b.sink.annotations()).toEqual([
      {
        level: 'warning',
        title: 'Stale lock taken over',
        message: `Taking over the lock of ${a.correlationId} (${a.run.runUrl}): no heartbeat for 1m 00s.`
      }
    ]);
  });
});
