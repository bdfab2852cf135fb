import { FreezeWatch } from '../../src/coordination/freeze-watch.js';
import { TurnObserver, type Remembered, type Seen } from '../../src/coordination/turn-observer.js';
import type { TurnDeps, TurnOptions } from '../../src/coordination/turn.js';
import { RegistryUnavailableError } from '../../src/ports/registry-errors.js';
import type { QueueView, Registry } from '../../src/ports/registry.js';
import type { Logger } from '../../src/ports/runtime.js';
import { LEASE_MS, holder, me, mine, sight, ticket } from './turn-fixtures.js';

// The observer's liveness verdicts: a holder or ticket counts as dead only when seen unchanged for a
// full lease without a gap, and a gap (any registry call that got no answer) in the middle of a
// poll takes back the verdicts that poll had already reached.

const log: Logger = { correlationId: 'me', info() {}, debug() {}, warning() {}, error() {} };
const view: QueueView = {
  lock: { environment: 'production', fence: 7, holder: holder() },
  tickets: [ticket(2), mine]
};

function observer() {
  let now = 0;
  const registry = { lock: { view: async () => view } } as unknown as Registry;
  const deps = {
    clock: { now: () => now },
    sleep: async () => {},
    log,
    registry,
    fallback: () => registry
  } as unknown as TurnDeps;
  const opts = { me, arrival: [], pollIntervalMs: 5_000, timeoutMs: 1e9 } as unknown as TurnOptions;
  const memory: Remembered = {
    arrived: false,
    lostAcquires: 0,
    runCheckedAt: new Map(),
    waitedFor: new Map()
  };
  const eyes = new TurnObserver(
    deps,
    opts,
    new FreezeWatch('production', log, undefined, () => {}),
    memory
  );
  const poll = async (at: number): Promise<Seen> => {
    now = at;
    const s = { ...sight(), queue: undefined } as Seen;
    await eyes.look({ kind: 'look', at: 'queue' }, s, registry);
    return s;
  };
  const timeout = () =>
    eyes.calls.attempt(async () => {
      throw new RegistryUnavailableError(
        'query',
        Object.assign(new Error('timed out'), { name: 'TimeoutError' })
      );
    });
  return { eyes, poll, timeout, memory };
}

describe('the observer: liveness across unbroken observation', () => {
  it('judges a holder and a ticket dead after a lease of the same heartbeat, and records the holder', async () => {
    const { poll, memory } = observer();
    const first = await poll(0);
    expect([first.queue?.holderSilent, [...first.queue!.dead]]).toEqual([false, []]);
    const later = await poll(LEASE_MS);
    expect([later.queue?.holderSilent, [...later.queue!.dead]]).toEqual([true, [2]]);
    expect([...memory.waitedFor.keys()]).toEqual([7]);
  });

  it("a failed call later in the same poll takes back that poll's verdicts, and the lease starts again", async () => {
    const { poll, timeout } = observer();
    await poll(0);
    const seen = await poll(LEASE_MS);
    expect(seen.queue?.holderSilent).toBe(true);
    await timeout();
    expect([seen.queue?.holderSilent, [...seen.queue!.dead]]).toEqual([false, []]);
    // Seen unchanged again from the next read on: dead only a full lease after it.
    expect((await poll(LEASE_MS + 5_000)).queue?.holderSilent).toBe(false);
    expect((await poll(2 * LEASE_MS + 4_999)).queue?.holderSilent).toBe(false);
    expect((await poll(2 * LEASE_MS + 5_000)).queue?.holderSilent).toBe(true);
  });

  it('a failed call measures the silence at that moment, and an answer ends it', async () => {
    const { eyes, timeout } = observer();
    await timeout();
    expect(eyes.calls.health.silence).toEqual({
      forMs: 0,
      error: 'registry query failed: TimeoutError: timed out'
    });
    await eyes.calls.attempt(async () => 1);
    expect(eyes.calls.health.silence).toBeUndefined();
  });
});
