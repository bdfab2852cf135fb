/**
 * Why a deployment failed, in one place for everything a person reads after it (the job summary,
 * the post log, the final Slack notice, the registry record): the first resource that failed in
 * this deployment's operation (not the cancellations that echo it), deepest first (a nested stack
 * resource's failure is explained by the first failure inside its stack), else the stack's own
 * status reason.
 */
import {
  STACK_RESOURCE_TYPE,
  eventName,
  isStackEvent,
  type NestedEvent,
  type StackEvent,
  type StackSnapshot
} from './stack.js';
import { isRootCauseFailure } from './watch.js';

/** A failed event, and the nested stacks it is in when it is not in a covered stack itself. */
export type RootCause = NestedEvent;

/** The root cause as an event: a resource's failure, or the stack's status with its reason. */
export function rootCauseOf(
  events: readonly StackEvent[],
  stacks: readonly StackSnapshot[]
): StackEvent | undefined {
  const first = failuresInOrder(events)[0];
  if (first) return first;
  return stackCauseOf(events, stacks);
}

/** The failures that may be a root cause (not the echoes of one), oldest first. */
export function failuresInOrder(events: readonly StackEvent[]): StackEvent[] {
  return [...events]
    .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())
    .filter(isRootCauseFailure);
}

/** Without a failed resource: the reason of a stack this deployment's operation touched. */
export function stackCauseOf(
  events: readonly StackEvent[],
  stacks: readonly StackSnapshot[]
): StackEvent | undefined {
  // Only a stack this deployment's operation touched: another stack's old reason is not this one's.
  const touched = new Set(events.map((e) => e.stackName));
  const failed = stacks.find(
    (s) => touched.has(s.name) && s.statusReason && /FAILED|ROLLBACK/.test(s.status)
  );
  if (!failed) return undefined;
  return {
    id: `${failed.name}-status`,
    stackName: failed.name,
    timestamp: failed.lastUpdatedAt ?? failed.createdAt ?? new Date(0),
    logicalId: failed.name,
    resourceType: STACK_RESOURCE_TYPE,
    status: failed.status,
    reason: failed.statusReason
  };
}

/**
 * When a nested stack resource's part of an operation began: its latest `*_IN_PROGRESS` event
 * before `failure` among `events`; undefined when they do not hold it.
 */
export function startOf(failure: StackEvent, events: readonly StackEvent[]): number | undefined {
  const t = failure.timestamp.getTime();
  return events
    .filter(
      (e) =>
        e.logicalId === failure.logicalId &&
        e.stackName === failure.stackName &&
        e.status.endsWith('_IN_PROGRESS') &&
        e.timestamp.getTime() <= t
    )
    .reduce<number | undefined>(
      (latest, e) => Math.max(latest ?? 0, e.timestamp.getTime()),
      undefined
    );
}

/** One line: `Data › Db (AWS::RDS::DBInstance) UPDATE_FAILED: Cannot upgrade postgres from 15.15 to 14.1`. */
export function describeRootCause(cause: RootCause): string {
  const where =
    cause.resourceType === STACK_RESOURCE_TYPE && isStackEvent(cause)
      ? `stack ${cause.stackName}`
      : `${eventName(cause)} (${cause.resourceType})`;
  return `${where} ${cause.status}${cause.reason ? `: ${cause.reason}` : ''}`;
}
