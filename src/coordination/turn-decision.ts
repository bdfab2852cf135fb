import { formatDuration } from '../domain/durations.js';
import { atLeastAsHigh, servedBefore } from '../domain/priority.js';
import type { Participant, Ticket } from '../ports/registry.js';
import { sameOwner } from './turn-queue.js';
import {
  itemOf,
  type Ending,
  type FreezeRead,
  type Look,
  type Memory,
  type QueueSight,
  type Rules,
  type Sight,
  type Step
} from './turn-sight.js';

/**
 * What a waiting run may do next, decided from what it has seen: no I/O, no clock (the time is
 * part of what it saw). `waitForTurn` observes, asks `decide`, performs the step, and asks again.
 */

/** Registry-backed: the waiter re-reads the stacks when it may go, and at least this often. */
export const STACK_CHECK_MS = 30_000;
/** The GitHub API is asked about a holder's run at most this often. */
export const RUN_CHECK_MS = 30_000;
/**
 * An acquire refused this many times in a row, with no holder seen in between to explain it, is a
 * lock whose condition cannot be met (an item no release of the action wrote): reported, not
 * retried for ever. A refusal with a holder seen next is just another run going first.
 */
export const MAX_LOST_ACQUIRES = 5;
/**
 * The same for taking a queue number: each refusal should mean another run took that number, and
 * even a burst of arrivals is served long before this many.
 */
export const MAX_LOST_NUMBERS = 10;

const end = (ending: Ending): Step => ({ kind: 'end', ending });
const look = (at: Exclude<Look, 'freezes'>): Step => ({ kind: 'look', at });
const lookFreezes = (why: FreezeRead): Step => ({ kind: 'look', at: 'freezes', why });

/** A condition that cannot be met, reported as the item it is about. */
const unmet = (
  env: string,
  operation: string,
  attribute: string,
  expected: string,
  found: string
) =>
  end({ kind: 'corrupt', unreadable: { ...itemOf(env, operation), attribute, expected, found } });

/** How long the table may stay silent before the run goes on CloudFormation alone. */
export const patienceMs = (rules: Rules, memory: Memory): number =>
  // Longer than any lease seen: by then every holder has started its stack operation or lost its lease.
  Math.max(rules.me.leaseMs, ...[...memory.waitedFor.values()].map((h) => h.leaseMs));

/**
 * The tickets that go before this run's, in order: every live one of a higher priority, and every
 * live one of its own priority with a lower number; the holder's and this run's own are skipped,
 * and with `passFrozen` those without override-freeze (a freeze holds them, they cannot go).
 * `dead`: the first dead one not yet tried for removal (to remove before deciding anything).
 */
export function queueAhead(
  q: QueueSight,
  mine: Ticket,
  me: Participant,
  removals: ReadonlyMap<number, boolean>,
  passFrozen: boolean
): { ahead: Ticket[]; dead?: Ticket } {
  const ahead: Ticket[] = [];
  for (const t of q.tickets) {
    if (
      !servedBefore(t, mine) ||
      sameOwner(t.owner, q.holder?.owner) ||
      sameOwner(t.owner, me.owner)
    )
      continue;
    if (passFrozen && !t.overridesFreeze) continue;
    if (q.dead.has(t.seq)) {
      const removed = removals.get(t.seq);
      if (removed === undefined) return { ahead, dead: t };
      if (removed) continue;
    }
    ahead.push(t);
  }
  return { ahead };
}

/** A newer live run for the same ref queued behind this one, of a priority at least as high. */
export function newerRun(q: QueueSight, mine: Ticket, rules: Rules): Ticket | undefined {
  if (!rules.skipSuperseded || !rules.me.run.ref) return undefined;
  return q.tickets.find(
    (t) =>
      t.seq > mine.seq &&
      t.run.ref === rules.me.run.ref &&
      // A newer normal run does not drop an older hotfix (it would queue behind the rest),
      // nor a run without override-freeze one with it (it would be held by the freeze).
      atLeastAsHigh(t, mine) &&
      (!rules.overriding || t.overridesFreeze === true) &&
      !q.dead.has(t.seq)
  );
}

/** The next step of a waiting run, from what it has seen and remembers. */
export function decide(s: Sight, m: Memory, rules: Rules): Step {
  const env = rules.me.environment;
  const { health, freezes } = s;
  if (s.over === 'cancelled') return end({ kind: 'cancelled' });
  if (s.over === 'time-up') {
    // A freeze still in force outlasted the wait (whoever else was ahead): a last read first.
    if (s.onTable && !s.freezeReads.has('last')) return lookFreezes('last');
    return end(
      freezes.inForce && !rules.overriding
        ? { kind: 'frozen', frozen: freezes.inForce }
        : { kind: 'timeout' }
    );
  }
  // On CloudFormation alone: back to the table as soon as it answers (an unreadable item included).
  if (!s.onTable && s.tableAnswers !== undefined && s.tableAnswers !== 'no')
    return { kind: 'return' };
  if (health.corrupt) return end({ kind: 'corrupt', unreadable: health.corrupt });
  if (health.misconfigured) return end({ kind: 'misconfigured', error: health.misconfigured });
  if (s.onTable && health.silence !== undefined && health.silence.forMs >= patienceMs(rules, m))
    return { kind: 'fall-back', forMs: health.silence.forMs, reason: health.silence.error };
  if (!s.onTable && s.tableAnswers === undefined) return look('table');

  const mine = s.ticket;
  if (!mine) {
    if (s.enqueue === 'lost') {
      if (s.lostNumbers >= MAX_LOST_NUMBERS)
        return unmet(
          env,
          'enqueue',
          'seq',
          'a queue counter that takes the next number',
          `one whose condition refused ${s.lostNumbers} numbers in a row`
        );
      // The first retry after a fixed short pause: runs that lost the same number retry in the
      // order they lost it (arrival order); then backing off, with jitter, up to a poll.
      const lost = s.lostNumbers;
      return {
        kind: 'retry',
        delay:
          lost === 1
            ? { fixedMs: rules.headMs }
            : { attempt: lost - 2, baseMs: rules.pollIntervalMs / 2, capMs: rules.pollIntervalMs },
        then: 'same-poll',
        why: 'lost-number'
      };
    }
    if (s.enqueue === undefined) return { kind: 'enqueue' };
    return registryRetry(s, rules);
  }
  const q = s.queue;
  if (!q) return s.queueFailed ? registryRetry(s, rules) : look('queue');
  if (s.ticketRemoved) return { kind: 'requeue' };

  // A run with override-freeze reads them at every poll: while a freeze holds the others, it
  // passes the frozen tickets ahead of it (they cannot go anyway; the lock has one holder).
  // Each reason to read them tries once per poll (the last read stands for the poll once made).
  const readNow = !s.onTable || freezes.readPoll === s.poll;
  const readFor = (why: FreezeRead): Step | undefined =>
    readNow || s.freezeReads.has(why) ? undefined : lookFreezes(why);
  const passing = rules.overriding ? readFor('passing') : undefined;
  if (passing) return passing;
  const passFrozen = rules.overriding && readNow && freezes.inForce !== undefined;
  const { ahead, dead } = queueAhead(q, mine, rules.me, s.removals, passFrozen);
  if (dead) return { kind: 'remove-dead', ticket: dead };

  const holder = q.holder;
  let stale: string | undefined;
  if (holder) {
    if (q.holderSilent) stale = `no heartbeat for ${formatDuration(holder.leaseMs)}`;
    else if (s.runFinished) stale = 'its workflow run is no longer in progress';
    else if (
      rules.canAskRun &&
      !s.runAsked &&
      s.now - (m.runCheckedAt.get(holder.owner) ?? -Infinity) >= RUN_CHECK_MS
    )
      return look('run');
  }
  const newer = newerRun(q, mine, rules);
  if (newer) return end({ kind: 'superseded', by: newer });

  const myTurn = ahead.length === 0 && (!holder || stale !== undefined);
  const arriving = m.position === undefined;
  const heldNow = freezes.inForce !== undefined && !rules.overriding;
  // The freezes are read on arrival, whenever this run may go, and every STACK_CHECK_MS while it
  // waits (a read that failed: not now, so frozen). On CloudFormation alone there is no table to
  // read them from: those last read from it still hold.
  const reading = arriving
    ? readFor('arrival')
    : !myTurn && s.now - freezes.readAtMs >= STACK_CHECK_MS
      ? readFor('waiting')
      : undefined;
  const read = reading ?? (myTurn ? readFor('turn') : undefined);
  if (read) return read;
  // override-freeze goes whatever the freezes say, so a read that failed does not hold it.
  const frozen = myTurn && (readNow ? heldNow : !rules.overriding);
  // A run held by a freeze reads the stacks as a waiter does, not at every poll.
  const stacksDue =
    s.poll === 1 || (myTurn && !frozen) || s.now - s.stacks.readAtMs >= STACK_CHECK_MS;
  if (stacksDue && s.stacks.readPoll !== s.poll) return look('stacks');
  const busy = s.stacks.busy;
  if (arriving)
    return {
      kind: 'arrive',
      position: ahead.length + (holder || busy ? 1 : 0),
      holder,
      ahead,
      frozen: readNow && heldNow ? freezes.inForce : undefined
    };

  // Each step is decided on the freezes at the latest instant seen: a window that opened while
  // the stacks were read holds it too; one that closed meanwhile ends the passing of the frozen
  // tickets (they are ahead again).
  if (myTurn && !frozen && !busy && s.acquire === undefined)
    return {
      kind: 'acquire',
      observed: q,
      takeOver: stale && holder ? { from: holder, reason: stale } : undefined
    };
  if (s.acquire === 'lost') {
    // Refused: another run went first (its holding shows in the next read), or the lock's
    // condition cannot be met at all. Either way the next try comes after a pause.
    if (m.lostAcquires >= MAX_LOST_ACQUIRES)
      return unmet(
        env,
        'acquire',
        'holder, fence, heartbeat',
        'a lock that is free, or held as last read',
        `one the acquire's condition refused ${m.lostAcquires} times in a row with no holder to show for it`
      );
    return {
      kind: 'retry',
      delay: { attempt: m.lostAcquires - 1, baseMs: rules.headMs, capMs: rules.pollIntervalMs },
      then: 'next-poll',
      why: 'lost-acquire'
    };
  }
  // First in line behind a live holder: it watches the lock more often (see headPollMs).
  const head =
    ahead.length === 0 && holder !== undefined && !stale && rules.headMs < rules.pollIntervalMs;
  // Behind others, a freeze set meanwhile is said when the freezes are read again, not only at
  // its turn (on CloudFormation alone: when they would have been read).
  const reread = s.onTable
    ? freezes.readPoll === s.poll
    : s.now - freezes.readAtMs >= STACK_CHECK_MS;
  return {
    kind: 'wait',
    as: head ? 'head' : frozen ? 'frozen' : busy ? 'busy' : 'queue',
    standing: { ticket: mine, ahead, holder, stale },
    held: heldNow && ((myTurn && readNow) || (!myTurn && reread))
  };
}

/** The table gave no usable answer: a pause that backs off (with jitter), then a new poll. */
function registryRetry(s: Sight, rules: Rules): Step {
  const capMs = Math.max(rules.pollIntervalMs, Math.min(30_000, rules.me.leaseMs / 3));
  return {
    kind: 'retry',
    delay: { attempt: s.health.failures - 1, baseMs: rules.pollIntervalMs, capMs },
    then: 'next-poll',
    why: 'registry'
  };
}
