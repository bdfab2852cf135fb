/**
 * The lease lock and its FIFO queue under contention: 2 to 20 in-process contenders (waitForTurn
 * with real timers and short settings) against one dynalite-backed DynamoRegistry, each with a
 * random arrival, hold time and fate (normal, cancelled, killed while holding, killed while
 * waiting). After every live contender is done:
 *   1. protected work never overlaps (a dead holder's ends at its death) and the fencing tokens
 *      the resource sees increase with time;
 *   2. live waiters acquire in the order of their ticket seqs (arrival order);
 *   3. a dead holder's lock is taken over, and only once its heartbeat has stood still for the
 *      lease; every live waiter gets its turn;
 *   4. no ticket is left behind but dead contenders'.
 * Then the same properties on fixed scenarios, which read more easily when they fail.
 */
import { queueTickets } from '../../test-rig/dynamo-rig.js';
import fc from 'fast-check';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoRegistry } from '../../src/registry/dynamodb.js';
import type { Holder } from '../../src/registry/types.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import {
  acquisitions,
  checkAll,
  checkArrivalOrder,
  checkLeftovers,
  narrate,
  runScenario,
  seqs,
  type ContenderPlan,
  type Fate,
  type ScenarioResult,
  type Settings
} from './contenders.js';

let rig: DynamoRig;
let registry: DynamoRegistry;
let environments = 0;

beforeAll(async () => {
  rig = await DynamoRig.start();
  registry = new DynamoRegistry(rig.client(), rig.table);
});
afterAll(async () => {
  await rig.close();
});

/** A fresh environment (its own lock, queue and counter) on the one table. */
const freshEnvironment = (name: string): string => `${name}-${++environments}`;

async function run(
  name: string,
  settings: Settings,
  plans: readonly ContenderPlan[],
  registryFor: (index: number) => DynamoRegistry = () => registry
): Promise<ScenarioResult> {
  return runScenario({
    environment: freshEnvironment(name),
    settings,
    plans,
    registry: registryFor,
    items: () => rig.items()
  });
}

/** Fails with every violation and the whole story of the run. */
function expectNoViolations(result: ScenarioResult, violations: readonly string[]): void {
  if (violations.length > 0)
    throw new Error(`${violations.map((v) => `- ${v}`).join('\n')}\n${narrate(result)}`);
}

const byId = (result: ScenarioResult, id: string) => {
  const r = result.runs.find((x) => x.id === id);
  if (!r) throw new Error(`no contender ${id}`);
  return r;
};

describe('the lease lock and FIFO queue under random contention (fast-check)', () => {
  const fate: fc.Arbitrary<Fate> = fc.oneof(
    { arbitrary: fc.constant<Fate>('normal'), weight: 4 },
    { arbitrary: fc.constant<Fate>('cancel'), weight: 1 },
    { arbitrary: fc.constant<Fate>('crash-holding'), weight: 1 },
    { arbitrary: fc.constant<Fate>('crash-waiting'), weight: 1 }
  );
  const plan: fc.Arbitrary<ContenderPlan> = fc.record({
    arrivalMs: fc.integer({ min: 0, max: 300 }),
    holdMs: fc.integer({ min: 10, max: 80 }),
    fate,
    fateDelayMs: fc.integer({ min: 0, max: 300 })
  });
  const scenario = fc.record({
    leaseMs: fc.integer({ min: 300, max: 400 }),
    pollIntervalMs: fc.integer({ min: 20, max: 30 }),
    plans: fc.array(plan, { minLength: 2, maxLength: 20, size: 'max' })
  });

  it('never two holders, arrival order, takeover only after the lease, no cancelled ticket left', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ leaseMs, pollIntervalMs, plans }) => {
        const result = await run('prop', { leaseMs, pollIntervalMs, timeoutMs: 20_000 }, plans);
        expectNoViolations(result, checkAll(result));
      }),
      {
        numRuns: 10,
        // A run ends within the contenders' 20 s wait timeout; shrinking a failure stops at 45 s.
        timeout: 25_000,
        interruptAfterTimeLimit: 45_000,
        markInterruptAsFailure: true
      }
    );
  }, 60_000);
});

describe('the lease lock and FIFO queue on fixed scenarios', () => {
  const settings: Settings = { leaseMs: 300, pollIntervalMs: 25, timeoutMs: 10_000 };

  it('three contenders, the middle one dies holding the lock: the third takes over after the lease', async () => {
    const result = await run('middle-dies', settings, [
      { arrivalMs: 0, holdMs: 40, fate: 'normal', fateDelayMs: 0 },
      // Works 150 ms, so one lock heartbeat (at lease/3) goes out before it dies.
      // Arrivals 100 ms apart: far enough that a loaded machine cannot swap their ticket writes.
      { arrivalMs: 100, holdMs: 150, fate: 'crash-holding', fateDelayMs: 0 },
      { arrivalMs: 200, holdMs: 40, fate: 'normal', fateDelayMs: 0 }
    ]);
    expectNoViolations(result, checkAll(result));

    const order = acquisitions(result).map((a) => `${a.fence} ${a.id}`);
    expect(order).toEqual(['1 c00-normal', '2 c01-crash-holding', '3 c02-normal']);
    const [, dead, taker] = acquisitions(result);
    const dying = byId(result, 'c01-crash-holding');
    const third = byId(result, 'c02-normal');
    expect(third.outcome?.tookOver?.from.correlationId).toBe('c01-crash-holding');
    const beats = dying.log.filter((r) => r.op === 'heartbeatLock' && r.result === true);
    expect(beats).toHaveLength(1);
    // The lease runs from the dead holder's last heartbeat, not from its acquisition.
    expect(taker!.callStart - beats[0]!.startedAt).toBeGreaterThanOrEqual(settings.leaseMs);
    expect(taker!.callStart - dead!.callStart).toBeGreaterThanOrEqual(
      settings.leaseMs + settings.leaseMs / 3
    );
    // Not stuck either: taken over within a few polls of the lease running out.
    expect(taker!.callStart - beats[0]!.startedAt).toBeLessThan(settings.leaseMs + 1_000);
    expect(third.work!.start).toBeGreaterThanOrEqual(dying.crashedAt!);
    expect(seqs(third)).toEqual([3]);
  }, 20_000);

  it('a holder that outlives the lease keeps the lock by heartbeating; a dead waiter is skipped, a cancelled one leaves no ticket', async () => {
    const result = await run('long-holder', settings, [
      // Works for twice the lease: only its heartbeats keep the others off.
      { arrivalMs: 0, holdMs: 600, fate: 'normal', fateDelayMs: 0 },
      { arrivalMs: 20, holdMs: 30, fate: 'crash-waiting', fateDelayMs: 60 },
      { arrivalMs: 40, holdMs: 30, fate: 'cancel', fateDelayMs: 100 },
      { arrivalMs: 60, holdMs: 30, fate: 'normal', fateDelayMs: 0 }
    ]);
    expectNoViolations(result, checkAll(result));

    const first = byId(result, 'c00-normal');
    const last = byId(result, 'c03-normal');
    // One heartbeat every lease/3 (100 ms) over 600 ms of work, give or take timer drift.
    expect(
      first.log.filter((r) => r.op === 'heartbeatLock' && r.result === true).length
    ).toBeGreaterThanOrEqual(4);
    expect(last.outcome?.tookOver).toBeUndefined();
    expect((last.outcome?.holder as Holder).fence).toBe(2);
    expect(last.work!.start).toBeGreaterThanOrEqual(first.work!.end!);
    expect(byId(result, 'c01-crash-waiting').crashedAt).toBeDefined();
    expect(byId(result, 'c02-cancel').outcome?.kind).toBe('cancelled');
    expect(
      queueTickets(result.items)
        .map((i) => i['correlationId'])
        .filter((id) => id !== 'c01-crash-waiting')
    ).toEqual([]);
  }, 20_000);

  it('a ticket whose write lands late is queued where it lands, never as an invisible number', async () => {
    // c00 calls enqueue first, but its write is slow to land (network latency or an SDK retry);
    // c01 arrives meanwhile. A number and its ticket are one write, so c01's ticket, written
    // first, is first: no waiter can see a number whose ticket is not there yet.
    const slow = new DynamoRegistry(delayTicketWrites(rig.client(), 400), rig.table);
    const result = await run(
      'late-ticket',
      settings,
      [
        { arrivalMs: 0, holdMs: 30, fate: 'normal', fateDelayMs: 0 },
        { arrivalMs: 30, holdMs: 30, fate: 'normal', fateDelayMs: 0 }
      ],
      (index) => (index === 0 ? slow : registry)
    );
    expect(result.runs.map(seqs)).toEqual([[2], [1]]);
    expectNoViolations(result, [...checkArrivalOrder(result), ...checkLeftovers(result)]);
  }, 20_000);
});

/** Delays, on this client, the write that creates a queue ticket and its number. */
function delayTicketWrites(client: DynamoDBClient, ms: number): DynamoDBClient {
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = JSON.stringify(args.input);
      if (input.includes('"QUEUE"') && input.includes('SET seq = :next'))
        await new Promise((resolve) => setTimeout(resolve, ms));
      return next(args);
    },
    { step: 'initialize', name: 'delayTicketWrites' }
  );
  return client;
}
