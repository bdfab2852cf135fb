/**
 * A stack's past operations, read from its CloudFormation events: so that a stack the history
 * knows nothing of is estimated from the first day (what the shell estimator's `collect` did).
 * Pure: the events come from the StackReader port.
 */
import { resourceTypeSeconds } from './estimate.js';
import { splitOperations } from './operations.js';
import { isStackEvent, type StackEvent } from './stack.js';
import { OPERATION_START_STATUSES } from './stack-status.js';

/** The operations an estimate learns from: a stack's updates and its creation. */
export type PastOperationKind = 'UPDATE' | 'CREATE';

/** One past stack operation: its stack-level start event to its stack-level end. */
export interface PastOperation {
  readonly stack: string;
  readonly kind: PastOperationKind;
  /** The stack-level `..._IN_PROGRESS` event that opened it. */
  readonly startEventId: string;
  readonly startedAt: Date;
  readonly endedAt: Date;
  /** The stack-level status it ended in. */
  readonly endStatus: string;
  /** Ended in `UPDATE_COMPLETE` / `CREATE_COMPLETE`: not rolled back, not failed. */
  readonly succeeded: boolean;
  /** Median seconds per resource type within it (see resourceTypeSeconds). */
  readonly resourceTypeSeconds: Readonly<Record<string, number>>;
}

const KINDS: ReadonlySet<string> = new Set<PastOperationKind>(['UPDATE', 'CREATE']);

/**
 * The ended operations in a stack's events (oldest first), oldest first, told apart as
 * splitOperations does (by OperationId where the events carry one: a failed update's automatic
 * rollback is part of it, and its duration). An operation whose start is older than the events
 * reach (a truncated history), or that has not ended yet, is left out; so are deletes, imports,
 * the review of a change set and a rollback someone asked for.
 */
export function pastOperations(stack: string, events: readonly StackEvent[]): PastOperation[] {
  const ended: PastOperation[] = [];
  for (const op of splitOperations(events)) {
    const start = op.start;
    if (!start || start.logicalId !== stack || !OPERATION_START_STATUSES.has(start.status))
      continue;
    const from = op.events.indexOf(start);
    // Cleanups and rollbacks are stack-level IN_PROGRESS statuses inside the operation.
    const to = op.events.findIndex(
      (e, i) => i > from && isStackEvent(e) && !e.status.endsWith('_IN_PROGRESS')
    );
    const kind = start.status.replace(/_IN_PROGRESS$/, '');
    const end = op.events[to];
    if (!end || !KINDS.has(kind)) continue;
    ended.push({
      stack,
      kind: kind as PastOperationKind,
      startEventId: start.id,
      startedAt: start.timestamp,
      endedAt: end.timestamp,
      endStatus: end.status,
      succeeded: end.status === `${kind}_COMPLETE`,
      resourceTypeSeconds: resourceTypeSeconds(op.events.slice(from, to + 1))
    });
  }
  return ended;
}

export const durationMs = (op: PastOperation): number =>
  op.endedAt.getTime() - op.startedAt.getTime();

/**
 * History entries learned from the event history carry an ID no deployment can have (a ':' is not
 * allowed in a correlation ID), the same for the same operation: adding it again changes nothing.
 */
const MARK = 'cfn-events';

/** The history's ID for a past operation: `cfn-events:<stack>:<update|create>:<start event ID>`. */
export const pastOperationId = (op: PastOperation): string =>
  `${MARK}:${op.stack}:${op.kind.toLowerCase()}:${op.startEventId}`;

/** What kind of past operation a history entry's ID names; undefined for a real deployment. */
export function pastOperationKind(correlationId: unknown): PastOperationKind | undefined {
  // A history file may hold an entry without one (written by hand, or torn).
  if (typeof correlationId !== 'string') return undefined;
  const [mark, , kind] = correlationId.split(':');
  const upper = kind?.toUpperCase() ?? '';
  return mark === MARK && KINDS.has(upper) ? (upper as PastOperationKind) : undefined;
}
