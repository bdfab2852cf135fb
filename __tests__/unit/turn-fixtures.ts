import type { Frozen } from '../../src/domain/freeze.js';
import type { Holder, Participant, Ticket } from '../../src/ports/registry.js';
import type { Memory, QueueSight, Rules, Sight } from '../../src/coordination/turn-sight.js';

// What a waiting run has seen, in plain data, for the decision's tests (the table of cases and
// the property test): a run 'me' at ticket #3 in production, five-second polls, one-minute lease.

export const NOW = 1_800_000_000_000;
export const LEASE_MS = 60_000;

export const me: Participant = {
  correlationId: 'me',
  owner: 'o-me',
  environment: 'production',
  stacks: ['AppStack'],
  run: { ref: 'refs/heads/main' },
  leaseMs: LEASE_MS,
  priority: 'normal'
};

export const ticket = (seq: number, extra: Partial<Ticket> = {}): Ticket => ({
  seq,
  correlationId: `run-${seq}`,
  owner: `o${seq}`,
  heartbeat: `hb-${seq}`,
  enqueuedAt: '2027-01-15T08:00:00.000Z',
  leaseMs: LEASE_MS,
  run: { ref: `refs/heads/b${seq}` },
  priority: 'normal',
  ...extra
});

export const mine: Ticket = ticket(3, { correlationId: 'me', owner: 'o-me', run: me.run });

export const holder = (extra: Partial<Holder> = {}): Holder => ({
  correlationId: 'holder',
  owner: 'o-holder',
  fence: 7,
  heartbeat: 'hb-h',
  acquiredAt: '2027-01-15T07:59:00.000Z',
  leaseMs: LEASE_MS,
  run: { ref: 'refs/heads/other' },
  stacks: ['AppStack'],
  ...extra
});

export const frozen = (reason = 'holiday'): Frozen =>
  ({
    until: NOW + 3_600_000,
    windows: [{ freeze: { id: 'f1', reason }, start: NOW - 60_000, end: NOW + 3_600_000 }]
  }) as unknown as Frozen;

export const queue = (
  tickets: readonly Ticket[],
  extra: Partial<Omit<QueueSight, 'tickets'>> = {}
): QueueSight => ({
  lock: { environment: 'production', fence: extra.holder?.fence ?? 6, holder: extra.holder },
  tickets,
  holderSilent: false,
  dead: new Set(),
  ...extra
});

export const rules = (extra: Partial<Rules> = {}): Rules => ({
  me,
  pollIntervalMs: 5_000,
  headMs: 1_000,
  overriding: false,
  skipSuperseded: false,
  canAskRun: false,
  ...extra
});

export const memory = (extra: Partial<Memory> = {}): Memory => ({
  arrived: true,
  position: 1,
  lostAcquires: 0,
  runCheckedAt: new Map(),
  waitedFor: new Map(),
  ...extra
});

/** Poll 4 of a run that has read everything this poll: its ticket alone, the lock free, idle stacks. */
export const sight = (extra: Partial<Sight> = {}): Sight => ({
  poll: 4,
  now: NOW,
  onTable: true,
  health: { failures: 0 },
  ticket: mine,
  lostNumbers: 0,
  queue: queue([mine]),
  queueFailed: false,
  ticketRemoved: false,
  removals: new Map(),
  runAsked: false,
  freezes: { readAtMs: NOW, readPoll: 4 },
  freezeReads: new Set(['turn']),
  stacks: { readAtMs: NOW, readPoll: 4, busy: false },
  ...extra
});
