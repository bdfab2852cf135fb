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
