import fc from 'fast-check';
import { decide } from '../../src/coordination/turn-decision.js';
import type { FreezeRead, Memory, Rules, Sight, Step } from '../../src/coordination/turn-sight.js';
import { servedBefore } from '../../src/domain/priority.js';
import type { Ticket } from '../../src/ports/registry.js';
import { LEASE_MS, NOW, frozen, holder, me, queue, ticket } from '../unit/turn-fixtures.js';

// The decision's invariants over random sights: whatever a waiting run has seen and remembers, it
// never acquires with a live ticket ahead, a live holder, a stack in progress or a freeze in force
// (without override-freeze); among live tickets of one priority the lower number goes first; it
// falls back to CloudFormation alone only after a lease of silence (the longest lease it saw); and
// each step makes progress (a look reads what was not read this poll, a retry pauses).

const READS: FreezeRead[] = ['passing', 'arrival', 'waiting', 'turn', 'last'];

/** true about one time in `n` (the states that end a wait at once must not hide the others). */
const oneIn = (n: number) => fc.integer({ min: 1, max: n }).map((k) => k === 1);
const mostly = (n: number) => oneIn(n).map((b) => !b);
const sometimes = <T>(arb: fc.Arbitrary<T>, n: number) =>
  fc.tuple(oneIn(n), arb).map(([yes, v]) => (yes ? v : undefined));

const arbitraryTicket = fc.record({
  seq: fc.integer({ min: 1, max: 12 }),
  priority: fc.constantFrom<'normal' | 'high'>('normal', 'high'),
  overridesFreeze: fc.boolean(),
  sameRef: fc.boolean(),
  owner: fc.constantFrom('o-a', 'o-b', 'o-c', 'o-d', 'o-holder')
});

const world = fc
  .record({
    mySeq: fc.integer({ min: 1, max: 12 }),
    myPriority: fc.constantFrom<'normal' | 'high'>('normal', 'high'),
    others: fc.uniqueArray(arbitraryTicket, { selector: (t) => t.seq, maxLength: 4 }),
    hasTicket: mostly(8),
    hasQueue: mostly(8),
    hasHolder: fc.boolean(),
    holderLeaseMs: fc.constantFrom(LEASE_MS / 2, LEASE_MS, 3 * LEASE_MS),
    holderSilent: oneIn(3),
    deadSeqs: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }),
    removals: fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.boolean()), { maxLength: 4 }),
    runAsked: fc.boolean(),
    runFinished: fc.option(fc.boolean(), { nil: undefined }),
    onTable: mostly(6),
    tableAnswers: fc.option(fc.constantFrom<'yes' | 'no' | 'corrupt'>('yes', 'no', 'corrupt'), {
      nil: undefined
    }),
    failures: fc.integer({ min: 0, max: 12 }),
    silentForMs: sometimes(fc.integer({ min: 0, max: 4 * LEASE_MS }), 4),
    lastCallSilent: mostly(3),
    pausedSinceMs: fc.integer({ min: 0, max: 5_000 }),
    corrupt: oneIn(30),
    misconfigured: oneIn(30),
    over: sometimes(fc.constantFrom<'cancelled' | 'time-up'>('cancelled', 'time-up'), 12),
    inForce: oneIn(4),
    freezesReadThisPoll: mostly(3),
    freezesAgeMs: fc.integer({ min: 0, max: 60_000 }),
    freezeReads: fc.subarray(READS),
    stacksReadThisPoll: mostly(3),
    stacksAgeMs: fc.integer({ min: 0, max: 60_000 }),
    busy: oneIn(4),
    poll: fc.integer({ min: 1, max: 6 }),
    lostNumbers: fc.integer({ min: 0, max: 11 }),
    enqueue: sometimes(fc.constantFrom<'lost' | 'failed'>('lost', 'failed'), 3),
    ticketRemoved: oneIn(12),
    acquire: sometimes(fc.constantFrom<'lost' | 'failed'>('lost', 'failed'), 6),
    arrivedTold: mostly(6),
    lostAcquires: fc.integer({ min: 0, max: 6 }),
    waitedForLeases: fc.array(fc.constantFrom(LEASE_MS / 2, LEASE_MS, 2 * LEASE_MS), {
      maxLength: 2
    }),
    overriding: fc.boolean(),
    skipSuperseded: fc.boolean(),
    canAskRun: fc.boolean(),
    runCheckedAgoMs: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: undefined })
  })
  .map((w) => {
    const mine: Ticket = ticket(w.mySeq, {
      correlationId: 'me',
      owner: 'o-me',
      run: me.run,
      priority: w.myPriority
    });
    const others = w.others
      .filter((t) => t.seq !== w.mySeq)
      .map((t) =>
        ticket(t.seq, {
          owner: t.owner === 'o-holder' ? 'o-holder' : `${t.owner}-${t.seq}`,
          priority: t.priority,
          overridesFreeze: t.overridesFreeze,
          run: t.sameRef ? me.run : { ref: 'refs/heads/other' }
        })
      );
    const tickets = [...others, mine].sort((a, b) => a.seq - b.seq);
    const h = w.hasHolder ? holder({ leaseMs: w.holderLeaseMs }) : undefined;
    const sight: Sight = {
      poll: w.poll,
      now: NOW,
      over: w.over,
      onTable: w.onTable,
      tableAnswers: w.onTable ? undefined : w.tableAnswers,
      health: {
        failures: w.failures,
        // The silence measured at the last failed call, up to a poll before now (a pause since).
        unreachableSince:
          w.silentForMs === undefined ? undefined : NOW - w.silentForMs - w.pausedSinceMs,
        silence:
          w.silentForMs === undefined || !w.lastCallSilent
            ? undefined
            : { forMs: w.silentForMs, error: 'registry view failed: TimeoutError' },
        // The table's answer with an unreadable item is the corrupt item itself.
        corrupt:
          w.corrupt || (!w.onTable && w.tableAnswers === 'corrupt')
            ? {
                pk: 'ENV#production',
                sk: 'LOCK',
                attribute: 'fence',
                expected: 'a number',
                found: 'text'
              }
            : undefined,
        misconfigured: w.misconfigured ? 'AccessDeniedException' : undefined
      },
      ticket: w.hasTicket ? mine : undefined,
      // A number lost this poll is counted (one at least); none lost, none counted.
      lostNumbers: w.enqueue === 'lost' ? Math.max(1, w.lostNumbers) : 0,
      enqueue: w.enqueue,
      queue:
        w.hasTicket && w.hasQueue
          ? queue(tickets, {
              holder: h,
              holderSilent: h !== undefined && w.holderSilent,
              dead: new Set(w.deadSeqs.filter((s) => s !== w.mySeq))
            })
          : undefined,
      queueFailed: !w.hasQueue,
      ticketRemoved: w.ticketRemoved,
      removals: new Map(w.removals),
      runFinished: w.runAsked ? w.runFinished : undefined,
      runAsked: w.runAsked,
      freezes: {
        inForce: w.inForce ? frozen() : undefined,
        readAtMs: NOW - w.freezesAgeMs,
        readPoll: w.freezesReadThisPoll ? w.poll : w.poll - 1
      },
      freezeReads: new Set(w.freezeReads),
      stacks: {
        readAtMs: NOW - w.stacksAgeMs,
        readPoll: w.stacksReadThisPoll ? w.poll : w.poll - 1,
        busy: w.busy
      },
      acquire: w.acquire
    };
    const memory: Memory = {
      arrived: true,
      position: w.arrivedTold ? 1 : undefined,
      lostAcquires: w.lostAcquires,
      runCheckedAt: new Map(
        w.runCheckedAgoMs === undefined ? [] : [['o-holder', NOW - w.runCheckedAgoMs]]
      ),
      waitedFor: new Map(
        w.waitedForLeases.map((leaseMs, i) => [i + 1, holder({ fence: i + 1, leaseMs })])
      )
    };
    const rules: Rules = {
      me: { ...me, priority: w.myPriority },
      pollIntervalMs: 5_000,
      headMs: 1_000,
      overriding: w.overriding,
      skipSuperseded: w.skipSuperseded,
      canAskRun: w.canAskRun
    };
    return { sight, memory, rules };
  });

/** The tickets that must go before this run's (live, served first, not the holder's, not passed). */
function liveAhead(s: Sight, rules: Rules): Ticket[] {
  const q = s.queue!;
  const mine = s.ticket!;
  const readNow = !s.onTable || s.freezes.readPoll === s.poll;
  const passing = rules.overriding && readNow && s.freezes.inForce !== undefined;
  return q.tickets.filter(
    (t) =>
      t.owner !== 'o-me' &&
      servedBefore(t, mine) &&
      !(q.holder && t.owner === q.holder.owner) &&
      !(q.dead.has(t.seq) && s.removals.get(t.seq) === true) &&
      !(passing && !t.overridesFreeze)
  );
}

const RUNS = Number(process.env.DECISION_PROPERTY_RUNS ?? 20_000);

describe('decide: invariants over random sights', () => {
  // The generator must reach the steps the invariants are about (not a vacuous property).
  it('reaches every kind of step', () => {
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(world, ({ sight: s, memory, rules }) => {
        const kind = decide(s, memory, rules).kind;
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }),
      { numRuns: RUNS }
    );
    for (const kind of [
      'acquire',
      'fall-back',
      'wait',
      'look',
      'retry',
      'remove-dead',
      'end',
      'arrive',
      'enqueue',
      'return',
      'requeue'
    ])
      expect([kind, kinds.get(kind) ?? 0]).toEqual([kind, expect.any(Number)]);
    expect(Math.min(...[...kinds.values()])).toBeGreaterThan(RUNS / 2000);
    expect(kinds.size).toBe(11);
  });

  it('never acquires with a live ticket ahead, a live holder, a stack in progress or a freeze in force', () => {
    fc.assert(
      fc.property(world, ({ sight: s, memory, rules }) => {
        const step = decide(s, memory, rules);
        if (step.kind !== 'acquire') return;
        expect(s.over).toBeUndefined();
        expect(s.acquire).toBeUndefined();
        expect(memory.position).toBeDefined();
        expect(s.health.corrupt ?? s.health.misconfigured).toBeUndefined();
        expect(s.ticket && s.queue).toBeTruthy();
        expect(liveAhead(s, rules)).toEqual([]);
        const h = s.queue!.holder;
        expect(!h || s.queue!.holderSilent || s.runFinished === true).toBe(true);
        expect([s.stacks.readPoll, s.stacks.busy]).toEqual([s.poll, false]);
        if (!rules.overriding) {
          expect(!s.onTable || s.freezes.readPoll === s.poll).toBe(true);
          expect(s.freezes.inForce).toBeUndefined();
        }
        // The lock it writes is the one it read, and a takeover names the holder it replaces.
        expect(step.observed).toBe(s.queue);
        expect(step.takeOver?.from).toBe(
          h && (s.queue!.holderSilent || s.runFinished) ? h : undefined
        );
      }),
      { numRuns: RUNS }
    );
  });

  it('FIFO among equal priority: it never goes before a live ticket of its priority with a lower number', () => {
    fc.assert(
      fc.property(world, ({ sight: s, memory, rules }) => {
        const step = decide(s, memory, rules);
        if (step.kind !== 'acquire' && !(step.kind === 'wait' && step.standing.ahead.length === 0))
          return;
        const earlier = liveAhead(s, rules).filter(
          (t) => t.priority === s.ticket!.priority && t.seq < s.ticket!.seq
        );
        if (step.kind === 'acquire') expect(earlier).toEqual([]);
        else expect(step.standing.ahead).toEqual(liveAhead(s, rules));
      }),
      { numRuns: RUNS }
    );
  });

  it('falls back to CloudFormation alone only after a lease of silence, the longest lease it saw', () => {
    fc.assert(
      fc.property(world, ({ sight: s, memory, rules }) => {
        const step = decide(s, memory, rules);
        if (step.kind !== 'fall-back') return;
        // Judged on the failed call itself: the table silent for that long when it failed.
        const silence = s.health.silence;
        expect(s.onTable).toBe(true);
        expect(silence).toBeDefined();
        const leases = [rules.me.leaseMs, ...[...memory.waitedFor.values()].map((h) => h.leaseMs)];
        expect(silence!.forMs).toBeGreaterThanOrEqual(Math.max(...leases));
        expect([step.forMs, step.reason]).toEqual([silence!.forMs, silence!.error]);
      }),
      { numRuns: RUNS }
    );
  });

  it('every step makes progress: a look reads what this poll has not, a retry pauses, a removal is new', () => {
    fc.assert(
      fc.property(world, ({ sight: s, memory, rules }) => {
        const step: Step = decide(s, memory, rules);
        expect(decide(s, memory, rules)).toEqual(step);
        switch (step.kind) {
          case 'look':
            if (step.at === 'freezes') expect(s.freezeReads.has(step.why)).toBe(false);
            if (step.at === 'stacks') expect(s.stacks.readPoll).not.toBe(s.poll);
            if (step.at === 'run') expect(s.runAsked).toBe(false);
            if (step.at === 'queue') expect(s.queue).toBeUndefined();
            if (step.at === 'table')
              expect([s.onTable, s.tableAnswers]).toEqual([false, undefined]);
            break;
          case 'retry': {
            const d = step.delay;
            expect('fixedMs' in d ? d.fixedMs : Math.min(d.baseMs, d.capMs)).toBeGreaterThan(0);
            break;
          }
          case 'remove-dead':
            expect(s.queue!.dead.has(step.ticket.seq)).toBe(true);
            expect(s.removals.has(step.ticket.seq)).toBe(false);
            break;
          case 'enqueue':
            expect([s.ticket, s.enqueue]).toEqual([undefined, undefined]);
            break;
          case 'return':
            expect(s.onTable).toBe(false);
            break;
          case 'arrive':
            expect(memory.position).toBeUndefined();
            break;
        }
      }),
      { numRuns: RUNS }
    );
  });
});
