/**
 * Where a stack operation begins and ends among its stack's events. Pure: the events come from
 * the StackReader port.
 *
 * By ID: where events carry CloudFormation's `OperationId`, an operation is the events of one ID
 * (per stack, in the order each ID first appears), however the events of two operations fall in
 * the same second. CloudFormation gives an automatic rollback an ID of its own, from the stack's
 * `ROLLBACK_IN_PROGRESS`, `UPDATE_ROLLBACK_IN_PROGRESS` or `IMPORT_ROLLBACK_IN_PROGRESS` on, but
 * nobody opened it: it is part of the attempt it rolls back. So an ID whose first stack-level event
 * is one of those, right after an operation of the same stack that had not ended (its latest
 * stack-level status still `*_IN_PROGRESS`, or none seen), belongs to that operation, unless it
 * carries another ClientRequestToken than that operation (someone cancelled it from the console). A rollback
 * someone asked for (RollbackStack after a failed update with rollback disabled,
 * ContinueUpdateRollback) starts from a stack whose operation ended: an operation of its own,
 * opened by whoever called it. An operation's `start` is the stack-level event that opened its
 * first ID (one of OPERATION_START_STATUSES, or a rollback's start), when it is among the events.
 *
 * By inference, for events without an ID (older regions, emulators), as before there were IDs: a
 * stack-level event that opens an operation (OPERATION_START_STATUSES) starts one, every other
 * event belongs to the stack's latest operation, and events before the first opening one are an
 * operation without a start. A rollback, a cleanup and a repair are inside the operation they end.
 */
import { OPERATION_START_STATUSES } from './stack-status.js';
import { isStackEvent, latestStackStatus, type StackEvent } from './stack.js';

/** One stack operation among a stack's events. */
export interface Operation {
  readonly stack: string;
  /** The stack-level event that opened it; undefined when it is not among the events. */
  readonly start?: StackEvent;
  /** Oldest first. */
  readonly events: readonly StackEvent[];
}

/** Stack-level statuses that start a rollback (an automatic one, or one someone asked for). */
const ROLLBACK_START_STATUSES: ReadonlySet<string> = new Set([
  'ROLLBACK_IN_PROGRESS',
  'UPDATE_ROLLBACK_IN_PROGRESS',
  'IMPORT_ROLLBACK_IN_PROGRESS'
]);

/** Opens an operation, without IDs. */
const opens = (e: StackEvent): boolean => isStackEvent(e) && OPERATION_START_STATUSES.has(e.status);
/** Opens an operation's ID: an operation's start, or a rollback's (which has an ID of its own). */
const opensId = (e: StackEvent): boolean =>
  isStackEvent(e) &&
  (OPERATION_START_STATUSES.has(e.status) || ROLLBACK_START_STATUSES.has(e.status));
const startsRollback = (e: StackEvent): boolean =>
  isStackEvent(e) && ROLLBACK_START_STATUSES.has(e.status);
/** The operation of these events (oldest first) had ended: its latest stack-level status is final. */
const ended = (events: readonly StackEvent[]): boolean =>
  !(latestStackStatus(events)?.endsWith('_IN_PROGRESS') ?? true);
/**
 * A rollback after an operation that had not ended is that operation's own (automatic) one when it
 * carries its token or none; one with another token was asked for by someone else (a console's
 * CancelUpdateStack): an operation of its own, judged on its own.
 */
const sameAttempt = (rollback: StackEvent, op: { events: readonly StackEvent[] }): boolean =>
  !rollback.clientRequestToken ||
  rollback.clientRequestToken === op.events.find((e) => e.clientRequestToken)?.clientRequestToken;
const idKey = (e: StackEvent): string => `${e.stackName}\n${e.operationId ?? ''}`;

/** The events (of any stacks, oldest first) split into operations, per stack in order. */
export function splitOperations(events: readonly StackEvent[]): Operation[] {
  const firstStackLevel = new Map<string, StackEvent>();
  for (const e of events)
    if (e.operationId && isStackEvent(e) && !firstStackLevel.has(idKey(e)))
      firstStackLevel.set(idKey(e), e);
  type Draft = { stack: string; start?: StackEvent; events: StackEvent[] };
  const ops: Draft[] = [];
  const latest = new Map<string, Draft>();
  const ofId = new Map<string, Draft>();
  const open = (stack: string, start?: StackEvent): Draft => {
    const op: Draft = { stack, start, events: [] };
    ops.push(op);
    latest.set(stack, op);
    return op;
  };
  for (const e of events) {
    let op: Draft | undefined;
    if (e.operationId) {
      op = ofId.get(idKey(e));
      if (!op) {
        const first = firstStackLevel.get(idKey(e));
        const before = latest.get(e.stackName);
        op =
          first &&
          startsRollback(first) &&
          before &&
          !ended(before.events) &&
          sameAttempt(first, before)
            ? before
            : open(e.stackName, first && opensId(first) ? first : undefined);
        ofId.set(idKey(e), op);
      }
    } else {
      op = latest.get(e.stackName);
      if (!op || opens(e)) op = open(e.stackName, opens(e) ? e : undefined);
    }
    op.events.push(e);
  }
  return ops;
}

/**
 * The operation a stack is in (or last went through), read back from its newest event: `add` each
 * event, newest first, until it says no older event can change what splitOperations makes of the
 * latest operation. Without IDs: back to the stack-level event that opened it. With them: back to
 * its start (an automatic rollback's reaches into the update it rolls back), then through the rest
 * of the start's second, for events of its ID listed after it. One rule, splitOperations', applied
 * to what was read.
 */
export class OperationReadBack {
  /** Every event read, newest first. */
  private readonly read: StackEvent[] = [];
  private latest?: Operation;
  private done = false;

  /** The next older event; true once no older event can be the operation's (read no further). */
  add(e: StackEvent): boolean {
    if (this.done) return true;
    this.read.push(e);
    // Only a stack-level event can open an operation (or end one a rollback follows); with IDs, an
    // event before the start's second may settle it.
    if (!isStackEvent(e) && !beforeSecondOf(e, this.latest?.start)) return false;
    this.latest = splitOperations([...this.read].reverse()).at(-1);
    const start = this.latest?.start;
    if (!start) return false;
    return (this.done = !start.operationId || beforeSecondOf(e, start));
  }

  /** What was read: the operation's events, oldest first, and its start if it was found. */
  operation(): Omit<Operation, 'stack'> {
    const op = splitOperations([...this.read].reverse()).at(-1);
    return { ...(op?.start ? { start: op.start } : {}), events: op?.events ?? [] };
  }
}

/** `e` is from before the second of `start` (an ID'd one): nothing older is its operation's. */
const beforeSecondOf = (e: StackEvent, start: StackEvent | undefined): boolean =>
  start?.operationId !== undefined &&
  e.timestamp.getTime() < Math.floor(start.timestamp.getTime() / 1000) * 1000;
