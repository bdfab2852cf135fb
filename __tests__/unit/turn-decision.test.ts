import {
  decide,
  MAX_LOST_ACQUIRES,
  MAX_LOST_NUMBERS
} from '../../src/coordination/turn-decision.js';
import type { Memory, Rules, Sight, Step } from '../../src/coordination/turn-sight.js';
import {
  LEASE_MS,
  NOW,
  frozen,
  holder,
  memory,
  mine,
  queue,
  rules,
  sight,
  ticket
} from './turn-fixtures.js';

// What a waiting run does next, asked of the decision alone: a table of named cases, each what
// the run has seen (and remembers) and the step it takes. The loop that performs the steps is
// tested through the stages and end to end; here, only the decision.

interface Case {
  readonly name: string;
  readonly seen?: Partial<Sight>;
  readonly remembers?: Partial<Memory>;
  readonly rules?: Partial<Rules>;
  readonly step: Partial<Step> & { kind: Step['kind'] };
}

const h = holder();
const silentHolder = queue([mine], { holder: h, holderSilent: true });
const ahead = ticket(2);

const cases: Case[] = [
  // Its turn, or not.
  {
    name: 'nobody ahead, the lock free, nothing in progress: acquire',
    step: { kind: 'acquire', takeOver: undefined }
  },
  {
    name: 'a live ticket ahead: wait in the queue',
    seen: { queue: queue([ahead, mine]) },
    step: {
      kind: 'wait',
      as: 'queue',
      standing: { ticket: mine, ahead: [ahead], holder: undefined, stale: undefined },
      held: false
    }
  },
  {
    name: 'first in line behind a live holder: wait as the head (the lock read between polls)',
    seen: { queue: queue([mine], { holder: h }) },
    step: { kind: 'wait', as: 'head' }
  },
  {
    name: 'behind a live holder with polls as short as the head reads: wait in the queue',
    seen: { queue: queue([mine], { holder: h }) },
    rules: { headMs: 5_000 },
    step: { kind: 'wait', as: 'queue' }
  },
  {
    name: 'a holder silent for its lease: take over, saying why',
    seen: { queue: silentHolder },
    step: { kind: 'acquire', takeOver: { from: h, reason: 'no heartbeat for 1m 00s' } }
  },
  {
    name: 'a live holder whose workflow run is over: take over, saying why',
    seen: { queue: queue([mine], { holder: h }), runAsked: true, runFinished: true },
    rules: { canAskRun: true },
    step: {
      kind: 'acquire',
      takeOver: { from: h, reason: 'its workflow run is no longer in progress' }
    }
  },
  {
    name: 'a live holder whose run was not asked about for 30 s: ask GitHub',
    seen: { queue: queue([mine], { holder: h }) },
    rules: { canAskRun: true },
    step: { kind: 'look', at: 'run' }
  },
  {
    name: 'a live holder whose run was asked about 10 s ago: wait as the head, no question',
    seen: { queue: queue([mine], { holder: h }) },
    remembers: { runCheckedAt: new Map([['o-holder', NOW - 10_000]]) },
    rules: { canAskRun: true },
    step: { kind: 'wait', as: 'head' }
  },
  {
    name: 'a ticket of higher priority arrived later: it goes first',
    seen: { queue: queue([mine, ticket(9, { priority: 'high' })]) },
    step: { kind: 'wait', as: 'queue' }
  },
  {
    name: 'a high run is not behind a normal ticket with a lower number',
    seen: {
      ticket: { ...mine, priority: 'high' },
      queue: queue([ahead, { ...mine, priority: 'high' }])
    },
    step: { kind: 'acquire' }
  },
  {
    name: "the holder's own ticket is not ahead",
    seen: {
      queue: queue([ticket(2, { owner: 'o-holder' }), mine], { holder: h, holderSilent: true })
    },
    step: { kind: 'acquire' }
  },
  // Dead tickets.
  {
    name: 'a dead ticket ahead, not yet tried: remove it first',
    seen: { queue: queue([ahead, mine], { dead: new Set([2]) }) },
    step: { kind: 'remove-dead', ticket: ahead }
  },
  {
    name: 'a dead ticket ahead that went: acquire',
    seen: { queue: queue([ahead, mine], { dead: new Set([2]) }), removals: new Map([[2, true]]) },
    step: { kind: 'acquire' }
  },
  {
    name: 'a dead ticket ahead that could not be removed: still ahead',
    seen: { queue: queue([ahead, mine], { dead: new Set([2]) }), removals: new Map([[2, false]]) },
    step: { kind: 'wait', as: 'queue' }
  },
  {
    name: 'a dead ticket behind: nothing to remove, acquire',
    seen: { queue: queue([mine, ticket(5)], { dead: new Set([5]) }) },
    step: { kind: 'acquire' }
  },
  // The stacks.
  {
    name: 'its turn, the stacks not read this poll: read them',
    seen: { stacks: { readAtMs: NOW - 5_000, readPoll: 3, busy: false } },
    step: { kind: 'look', at: 'stacks' }
  },
  {
    name: 'its turn, a covered stack in progress: wait behind it',
    seen: { stacks: { readAtMs: NOW, readPoll: 4, busy: true } },
    step: { kind: 'wait', as: 'busy' }
  },
  {
    name: 'behind others, stacks read 10 s ago: no read',
    seen: {
      queue: queue([ahead, mine]),
      stacks: { readAtMs: NOW - 10_000, readPoll: 2, busy: false }
    },
    step: { kind: 'wait', as: 'queue' }
  },
  {
    name: 'behind others, stacks read 30 s ago: read them',
    seen: {
      queue: queue([ahead, mine]),
      stacks: { readAtMs: NOW - 30_000, readPoll: 2, busy: false }
    },
    step: { kind: 'look', at: 'stacks' }
  },
  // Freezes.
  {
    name: 'its turn, the freezes not read this poll: read them',
    seen: { freezes: { readAtMs: NOW - 5_000, readPoll: 3 }, freezeReads: new Set() },
    step: { kind: 'look', at: 'freezes', why: 'turn' }
  },
  {
    name: 'its turn, a freeze in force: wait frozen, and say it',
    seen: { freezes: { readAtMs: NOW, readPoll: 4, inForce: frozen() } },
    step: { kind: 'wait', as: 'frozen', held: true }
  },
  {
    name: 'its turn, a freeze in force, override-freeze: acquire',
    seen: { freezes: { readAtMs: NOW, readPoll: 4, inForce: frozen() } },
    rules: { overriding: true },
    step: { kind: 'acquire' }
  },
  {
    name: 'its turn, the read of the freezes failed: frozen (nothing known), nothing said',
    seen: { freezes: { readAtMs: NOW - 5_000, readPoll: 3 }, freezeReads: new Set(['turn']) },
    step: { kind: 'wait', as: 'frozen', held: false }
  },
  {
    name: 'its turn, the read of the freezes failed, override-freeze: acquire',
    seen: {
      freezes: { readAtMs: NOW - 5_000, readPoll: 3 },
      freezeReads: new Set(['passing', 'turn'])
    },
    rules: { overriding: true },
    step: { kind: 'acquire' }
  },
  {
    name: 'override-freeze with a freeze in force passes the frozen tickets ahead',
    seen: {
      queue: queue([ahead, mine]),
      freezes: { readAtMs: NOW, readPoll: 4, inForce: frozen() }
    },
    rules: { overriding: true },
    step: { kind: 'acquire' }
  },
  {
    name: 'override-freeze does not pass a ticket that overrides too',
    seen: {
      queue: queue([ticket(2, { overridesFreeze: true }), mine]),
      freezes: { readAtMs: NOW, readPoll: 4, inForce: frozen() }
    },
    rules: { overriding: true },
    step: { kind: 'wait', as: 'queue' }
  },
  {
    name: 'override-freeze once the freeze ended: the tickets ahead are ahead again',
    seen: { queue: queue([ahead, mine]) },
    rules: { overriding: true },
    step: { kind: 'wait', as: 'queue' }
  },
  {
    name: 'behind others, freezes read 30 s ago: read them again',
    seen: {
      queue: queue([ahead, mine]),
      freezes: { readAtMs: NOW - 30_000, readPoll: 1 },
      freezeReads: new Set()
    },
    step: { kind: 'look', at: 'freezes', why: 'waiting' }
  },
  {
    name: 'behind others, a freeze just read in force: said now, not only at its turn',
    seen: {
      queue: queue([ahead, mine]),
      freezes: { readAtMs: NOW, readPoll: 4, inForce: frozen() }
    },
    step: { kind: 'wait', as: 'queue', held: true }
  },
  // Arrival.
  {
    name: 'arriving: the freezes are read first',
    seen: { freezes: { readAtMs: -Infinity, readPoll: 0 }, freezeReads: new Set() },
    remembers: { position: undefined },
    step: { kind: 'look', at: 'freezes', why: 'arrival' }
  },
  {
    name: 'arriving behind a holder and one ticket: position 2, told',
    seen: { queue: queue([ahead, mine], { holder: h }) },
    remembers: { position: undefined },
    step: { kind: 'arrive', position: 2, holder: h, ahead: [ahead], frozen: undefined }
  },
  {
    name: 'arriving frozen: told with the freeze',
    seen: { freezes: { readAtMs: NOW, readPoll: 4, inForce: frozen() } },
    remembers: { position: undefined },
    step: { kind: 'arrive', position: 0, frozen: frozen() }
  },
  // The queue number.
  {
    name: 'no ticket: take a number',
    seen: { ticket: undefined, queue: undefined },
    step: { kind: 'enqueue' }
  },
  {
    name: 'a number lost once: try again after the head interval, in this poll',
    seen: { ticket: undefined, queue: undefined, enqueue: 'lost', lostNumbers: 1 },
    step: { kind: 'retry', delay: { fixedMs: 1_000 }, then: 'same-poll', why: 'lost-number' }
  },
  {
    name: 'a number lost three times: back off with jitter up to a poll',
    seen: { ticket: undefined, queue: undefined, enqueue: 'lost', lostNumbers: 3 },
    step: { kind: 'retry', delay: { attempt: 1, baseMs: 2_500, capMs: 5_000 }, then: 'same-poll' }
  },
  {
    name: `${MAX_LOST_NUMBERS} numbers lost in a row: the queue item is reported`,
    seen: { ticket: undefined, queue: undefined, enqueue: 'lost', lostNumbers: MAX_LOST_NUMBERS },
    step: {
      kind: 'end',
      ending: expect.objectContaining({
        kind: 'corrupt',
        unreadable: expect.objectContaining({ pk: 'ENV#production', sk: 'QUEUE', attribute: 'seq' })
      })
    }
  },
  {
    name: 'the number could not be taken (no answer): back off, next poll',
    seen: {
      ticket: undefined,
      queue: undefined,
      enqueue: 'failed',
      health: { failures: 2, unreachableSince: NOW - 10_000 }
    },
    step: {
      kind: 'retry',
      delay: { attempt: 1, baseMs: 5_000, capMs: 20_000 },
      then: 'next-poll',
      why: 'registry'
    }
  },
  {
    name: 'a ticket, the queue not read: read it',
    seen: { queue: undefined },
    step: { kind: 'look', at: 'queue' }
  },
  {
    name: 'its ticket removed as dead by another run: queue again',
    seen: { ticketRemoved: true },
    step: { kind: 'requeue' }
  },
  // Acquire refused.
  {
    name: 'the acquire refused: another run went first, try after a pause',
    seen: { acquire: 'lost' },
    remembers: { lostAcquires: 1 },
    step: {
      kind: 'retry',
      delay: { attempt: 0, baseMs: 1_000, capMs: 5_000 },
      then: 'next-poll',
      why: 'lost-acquire'
    }
  },
  {
    name: `the acquire refused ${MAX_LOST_ACQUIRES} times with no holder to show for it: the lock is reported`,
    seen: { acquire: 'lost' },
    remembers: { lostAcquires: MAX_LOST_ACQUIRES },
    step: {
      kind: 'end',
      ending: expect.objectContaining({
        kind: 'corrupt',
        unreadable: expect.objectContaining({ sk: 'LOCK' })
      })
    }
  },
  {
    name: 'the acquire not answered: wait out the poll',
    seen: { acquire: 'failed' },
    step: { kind: 'wait', as: 'queue' }
  },
  // The registry's health.
  {
    name: 'the table silent for less than a lease: keep retrying',
    seen: {
      queue: undefined,
      queueFailed: true,
      health: {
        failures: 3,
        unreachableSince: NOW - LEASE_MS + 1,
        silence: { forMs: LEASE_MS - 1, error: 'timeout' }
      }
    },
    step: { kind: 'retry', why: 'registry' }
  },
  {
    name: 'a lease has passed during the pause since the last failed call: call again, not fall back',
    seen: {
      queue: undefined,
      queueFailed: false,
      health: { failures: 3, unreachableSince: NOW - 2 * LEASE_MS, silence: undefined }
    },
    step: { kind: 'look', at: 'queue' }
  },
  {
    name: 'the table silent for a lease: fall back to CloudFormation alone',
    seen: {
      queue: undefined,
      queueFailed: true,
      health: {
        failures: 9,
        unreachableSince: NOW - LEASE_MS - 5_000,
        silence: { forMs: LEASE_MS, error: 'registry view failed: TimeoutError' }
      }
    },
    step: { kind: 'fall-back', forMs: LEASE_MS, reason: 'registry view failed: TimeoutError' }
  },
  {
    name: 'silent for a lease, but a holder seen with a longer one: keep retrying',
    seen: {
      queue: undefined,
      queueFailed: true,
      health: {
        failures: 9,
        unreachableSince: NOW - LEASE_MS,
        silence: { forMs: LEASE_MS, error: 'timeout' }
      }
    },
    remembers: { waitedFor: new Map([[7, holder({ leaseMs: 2 * LEASE_MS })]]) },
    step: { kind: 'retry', why: 'registry' }
  },
  {
    name: 'on CloudFormation alone: ask the table first',
    seen: { onTable: false },
    step: { kind: 'look', at: 'table' }
  },
  {
    name: 'on CloudFormation alone, the table answers: return to it',
    seen: { onTable: false, tableAnswers: 'yes' },
    step: { kind: 'return' }
  },
  {
    name: 'on CloudFormation alone, the table still silent: go on without it',
    seen: { onTable: false, tableAnswers: 'no' },
    step: { kind: 'acquire' }
  },
  {
    name: 'on CloudFormation alone, the table answers with an unreadable item: return (to end on it)',
    seen: {
      onTable: false,
      tableAnswers: 'corrupt',
      health: {
        failures: 0,
        corrupt: {
          pk: 'ENV#production',
          sk: 'LOCK',
          attribute: 'fence',
          expected: 'a number',
          found: 'a string'
        }
      }
    },
    step: { kind: 'return' }
  },
  {
    name: 'an unreadable item of its environment: end, naming it',
    seen: {
      health: {
        failures: 0,
        corrupt: {
          pk: 'ENV#production',
          sk: 'LOCK',
          attribute: 'fence',
          expected: 'a number',
          found: 'a string'
        }
      }
    },
    step: { kind: 'end', ending: expect.objectContaining({ kind: 'corrupt' }) }
  },
  {
    name: 'a table that cannot be used as configured: end misconfigured',
    seen: { health: { failures: 1, misconfigured: 'ResourceNotFoundException' } },
    step: { kind: 'end', ending: { kind: 'misconfigured', error: 'ResourceNotFoundException' } }
  },
  // Superseded, over.
  {
    name: 'skip-superseded: a newer live run for the same ref behind it: end superseded',
    seen: { queue: queue([mine, ticket(8, { run: me().run })]) },
    rules: { skipSuperseded: true },
    step: { kind: 'end', ending: expect.objectContaining({ kind: 'superseded' }) }
  },
  {
    name: 'skip-superseded: a newer run for the same ref that is dead does not supersede',
    seen: { queue: queue([mine, ticket(8, { run: me().run })], { dead: new Set([8]) }) },
    rules: { skipSuperseded: true },
    step: { kind: 'acquire' }
  },
  {
    name: 'skip-superseded: a newer normal run does not drop an older hotfix',
    seen: {
      ticket: { ...mine, priority: 'high' },
      queue: queue([{ ...mine, priority: 'high' }, ticket(8, { run: me().run })])
    },
    rules: { skipSuperseded: true },
    step: { kind: 'acquire' }
  },
  {
    name: 'cancelled: end',
    seen: { over: 'cancelled' },
    step: { kind: 'end', ending: { kind: 'cancelled' } }
  },
  {
    name: 'time is up: read the freezes a last time',
    seen: { over: 'time-up' },
    step: { kind: 'look', at: 'freezes', why: 'last' }
  },
  {
    name: 'time is up, read, no freeze: timeout',
    seen: { over: 'time-up', freezeReads: new Set(['last']) },
    step: { kind: 'end', ending: { kind: 'timeout' } }
  },
  {
    name: 'time is up, a freeze in force: frozen',
    seen: {
      over: 'time-up',
      freezeReads: new Set(['last']),
      freezes: { readAtMs: NOW, readPoll: 4, inForce: frozen() }
    },
    step: { kind: 'end', ending: { kind: 'frozen', frozen: frozen() } }
  }
];

function me() {
  return { run: mine.run };
}

describe('decide: what a waiting run does next', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const step = decide(sight(c.seen), memory(c.remembers), rules(c.rules));
    expect(step).toEqual(expect.objectContaining(c.step));
  });

  it('is pure: the same sight gives the same step, and nothing it is given changes', () => {
    const seen = sight({ queue: queue([ahead, mine], { holder: h, dead: new Set([2]) }) });
    const frozenCopy = JSON.stringify([...seen.queue!.dead, seen.removals.size]);
    expect(decide(seen, memory(), rules())).toEqual(decide(seen, memory(), rules()));
    expect(JSON.stringify([...seen.queue!.dead, seen.removals.size])).toBe(frozenCopy);
  });
});
