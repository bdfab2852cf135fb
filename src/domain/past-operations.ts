/**
 * A stack's past operations, read from its CloudFormation events: so that a stack the history
 * knows nothing of is estimated from the first day (what the shell estimator's `collect` did).
 * Pure: the events come from the StackReader port.
 */
import { resourceTypeSeconds } from './estimate.js';
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
 * The ended operations in a stack's events (oldest first), oldest first. An operation whose start
 * is older than the events reach (a truncated history), or that has not ended yet, is left out;
 * so are deletes, imports and the review of a change set.
 */
export function pastOperations(stack: string, events: readonly StackEvent[]): PastOperation[] {
  const ended: PastOperation[] = [];
  let open: { start: StackEvent; kind: string; events: StackEvent[] } | undefined;
  for (const e of events) {
    const own = isStackEvent(e) && e.logicalId === stack;
    if (own && OPERATION_START_STATUSES.has(e.status)) {
      // A new start while one is open: the open one's end is not in the events.
      open = { start: e, kind: e.status.replace(/_IN_PROGRESS$/, ''), events: [e] };
      continue;
    }
    if (!open) continue;
    open.events.push(e);
    // Cleanups and rollbacks are stack-level IN_PROGRESS statuses inside the operation.
    if (!own || e.status.endsWith('_IN_PROGRESS')) continue;
    if (KINDS.has(open.kind))
      ended.push({
        stack,
        kind: open.kind as PastOperationKind,
        startEventId: open.start.id,
        startedAt: open.start.timestamp,
        endedAt: e.timestamp,
        endStatus: e.status,
        succeeded: e.status === `${open.kind}_COMPLETE`,
        resourceTypeSeconds: resourceTypeSeconds(open.events)
      });
    open = undefined;
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
