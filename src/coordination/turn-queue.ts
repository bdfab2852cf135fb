import { servedBefore } from '../domain/priority.js';
import type { Holder, Participant, Ticket } from '../ports/registry.js';

export const sameOwner = (a: string | undefined, b: string | undefined): boolean =>
  Boolean(a) && a === b;

/** Another run (another owner token) going by this run's correlation ID, holding or queued. */
export function duplicateOf(
  me: Participant,
  holder: Holder | undefined,
  tickets: readonly Ticket[]
): Holder | Ticket | undefined {
  return [holder, ...tickets].find(
    (t): t is Holder | Ticket =>
      t !== undefined && t.correlationId === me.correlationId && !sameOwner(t.owner, me.owner)
  );
}

/**
 * The live tickets ahead of this run's: every one of a higher priority, and every one of its own
 * priority with a lower number (arrival order); the lock holder's own and this run's are skipped.
 * A ticket judged dead is removed (only if its heartbeat is still the one seen) and skipped, else
 * it stays ahead (it lives, or the table did not answer).
 *
 * A high ticket that lands after a normal head read the queue is not seen by that head, which may
 * then acquire: it was its turn when it read, the lock's conditional write still grants one
 * holder, and a holder is never pre-empted. The high ticket goes next.
 *
 * `passes`: tickets this run goes past (a run with override-freeze, while a freeze holds the
 * others, passes the frozen ones: they cannot go anyway).
 */
export async function liveAhead(
  tickets: readonly Ticket[],
  mine: Ticket,
  me: Participant,
  holder: Holder | undefined,
  dead: {
    isDead: (t: Ticket) => boolean;
    remove: (t: Ticket) => Promise<boolean>;
    passes?: (t: Ticket) => boolean;
  }
): Promise<Ticket[]> {
  const ahead: Ticket[] = [];
  for (const t of tickets) {
    if (!servedBefore(t, mine) || sameOwner(t.owner, holder?.owner) || sameOwner(t.owner, me.owner))
      continue;
    if (dead.passes?.(t)) continue;
    if (dead.isDead(t) && (await dead.remove(t))) continue;
    ahead.push(t);
  }
  return ahead;
}
