/**
 * A tree of nested stacks as its events show it: each `AWS::CloudFormation::Stack` resource of a
 * stack is a nested stack, its physical ID the nested stack's ARN (absent on the very first
 * `CREATE_IN_PROGRESS`, present from "Resource creation Initiated" on), busy while the resource's
 * latest event is `*_IN_PROGRESS`. Pure: the events come from the StackReader port.
 */
import {
  STACK_RESOURCE_TYPE,
  isStackEvent,
  latestStackStatus,
  type NestedEvent,
  type StackEvent
} from './stack.js';

/** A nested stack resource, as the latest of its events says. */
export interface NestedStackRef {
  readonly logicalId: string;
  /** The nested stack's ARN, once an event carries it. */
  readonly arn?: string;
  /** Its resource's latest event is `*_IN_PROGRESS`: the nested stack is working. */
  readonly busy: boolean;
}

/** The ARN of the nested stack whose resource this event is (its physical ID), if it is one and carries it. */
export function nestedStackOf(e: StackEvent): string | undefined {
  return e.resourceType === STACK_RESOURCE_TYPE &&
    !isStackEvent(e) &&
    e.physicalId?.startsWith('arn:')
    ? e.physicalId
    : undefined;
}

/** The nested stacks whose resources appear in `events` (of one stack or several, oldest first). */
export function nestedStacksIn(events: readonly StackEvent[]): NestedStackRef[] {
  const refs = new Map<string, NestedStackRef>();
  for (const e of events) {
    if (e.resourceType !== STACK_RESOURCE_TYPE || isStackEvent(e)) continue;
    const key = `${e.stackName}/${e.logicalId}`;
    const before = refs.get(key);
    const busy = e.status.endsWith('_IN_PROGRESS');
    const arn = nestedStackOf(e) ?? before?.arn;
    refs.set(key, { logicalId: e.logicalId, busy, ...(arn ? { arn } : {}) });
  }
  return [...refs.values()];
}

/**
 * Whether a nested stack is still working, by its own events (oldest first): its latest
 * stack-level status is `*_IN_PROGRESS` (its cleanup, after its parent's resource completed,
 * included); `before` when they hold none.
 */
export function stillWorking(events: readonly StackEvent[], before: boolean): boolean {
  return latestStackStatus(events)?.endsWith('_IN_PROGRESS') ?? before;
}

/**
 * The operation of `stack` in force at `ms`: the latest to begin at or before it (the first, for
 * a time before any). A nested stack moves only with its covered stack, so its events belong to
 * the covered stack's operation in force when they happened.
 */
export function operationAt<
  T extends {
    readonly stack: string;
    readonly start?: StackEvent;
    readonly events: readonly StackEvent[];
  }
>(ops: readonly T[], stack: string, ms: number): T | undefined {
  let found: T | undefined;
  for (const op of ops) {
    if (op.stack !== stack) continue;
    const began = (op.start ?? op.events[0])?.timestamp.getTime();
    if (found === undefined || (began !== undefined && began <= ms)) found = op;
  }
  return found;
}

/** The events as of a nested stack at `path` (none: the covered stack's own). */
export const inTree = (events: readonly StackEvent[], path: readonly string[]): NestedEvent[] =>
  path.length === 0 ? [...events] : events.map((e) => ({ ...e, nestedIn: path }));

/**
 * Events of several stacks of a tree in time order; at the same instant the deeper first (a
 * nested resource's failure comes before its nested stack resource's echo of it).
 */
export function inTimeOrder<T extends NestedEvent>(events: readonly T[]): T[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        a.e.timestamp.getTime() - b.e.timestamp.getTime() ||
        (b.e.nestedIn?.length ?? 0) - (a.e.nestedIn?.length ?? 0) ||
        a.i - b.i
    )
    .map(({ e }) => e);
}
