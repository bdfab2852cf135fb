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
 * stack-level status still `*_IN_PROGRESS`, or none seen), belongs to that operation. A rollback
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
import { isStackEvent, type StackEvent } from './stack.js';

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
  !(events.filter(isStackEvent).at(-1)?.status.endsWith('_IN_PROGRESS') ?? true);
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
          first && startsRollback(first) && before && !ended(before.events)
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
 * The operation a stack is in (or last went through), read back from its newest event the way
 * splitOperations splits: `add` each event, newest first, until it says the start is found.
 * Without an ID on the newest event: back to the stack-level event that opened an operation. With
 * one: the events of that ID, back to the event that opened it, and on into the operation before
 * it when it is an automatic rollback (that operation had not ended); then through the rest of the
 * start's second, for events of its IDs listed after it.
 */
export class OperationReadBack {
  /** Every event read, newest first. */
  private readonly read: StackEvent[] = [];
  /** The IDs of the operation; undefined before the first event, null without IDs. */
  private ids?: Set<string> | null;
  private start?: StackEvent;
  private done = false;
  /** A rollback's start, until the operation before it (`before`, its ID) says whether it had ended. */
  private rollback?: { start: StackEvent; before?: string };

  /** The next older event; true once no older event can be the operation's (read no further). */
  add(e: StackEvent): boolean {
    if (this.done) return true;
    if (this.ids === undefined) this.ids = e.operationId ? new Set([e.operationId]) : null;
    const ids = this.ids;
    if (ids === null) {
      this.read.push(e);
      if (opens(e)) this.found(e);
      return (this.done = this.start !== undefined);
    }
    if (this.start) {
      if (e.timestamp.getTime() < Math.floor(this.start.timestamp.getTime() / 1000) * 1000)
        return (this.done = true);
      this.read.push(e);
      return false;
    }
    this.read.push(e);
    const id = e.operationId;
    if (id && ids.has(id)) {
      if (opens(e)) this.found(e);
      else if (startsRollback(e)) this.rollback = { start: e };
      return false;
    }
    const r = this.rollback;
    if (!r || !id) return false;
    r.before ??= id;
    if (id !== r.before || !isStackEvent(e)) return false;
    // The operation before the rollback: the same attempt only if it had not ended.
    if (!e.status.endsWith('_IN_PROGRESS')) return this.found(r.start);
    ids.add(id);
    this.rollback = undefined;
    if (opens(e)) this.found(e);
    return false;
  }

  /** What was read: the operation's events, oldest first, and its start if it was found. */
  operation(): Omit<Operation, 'stack'> {
    const r = this.rollback;
    // Read to the end with a rollback undecided: its own start, unless events before it (of an
    // operation whose end was not seen) make it part of that one, as splitOperations does.
    const ids = this.ids && new Set([...this.ids, ...(r?.before ? [r.before] : [])]);
    const events = ids
      ? this.read.filter((e) => e.operationId !== undefined && ids.has(e.operationId))
      : this.read;
    const start = this.start ?? (r && r.before === undefined ? r.start : undefined);
    return { ...(start ? { start } : {}), events: [...events].reverse() };
  }

  private found(start: StackEvent): false {
    this.start = start;
    this.rollback = undefined;
    return false;
  }
}
