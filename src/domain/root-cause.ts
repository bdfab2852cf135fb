/**
 * Why a deployment failed, in one place for everything a person reads after it (the job summary,
 * the post log, the final Slack notice, the registry record): the first resource that failed in
 * this deployment's operation (not the cancellations that echo it), else the stack's own status
 * reason.
 */
import { STACK_RESOURCE_TYPE, type StackEvent, type StackSnapshot } from './stack.js';
import { isRootCauseFailure } from './watch.js';

/** The root cause as an event: a resource's failure, or the stack's status with its reason. */
export function rootCauseOf(
  events: readonly StackEvent[],
  stacks: readonly StackSnapshot[]
): StackEvent | undefined {
  const first = [...events]
    .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())
    .find(isRootCauseFailure);
  if (first) return first;
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

/** One line: `Db (AWS::RDS::DBInstance) UPDATE_FAILED: Cannot upgrade postgres from 15.15 to 14.1`. */
export function describeRootCause(cause: StackEvent): string {
  const where =
    cause.resourceType === STACK_RESOURCE_TYPE
      ? `stack ${cause.stackName}`
      : `${cause.logicalId} (${cause.resourceType})`;
  return `${where} ${cause.status}${cause.reason ? `: ${cause.reason}` : ''}`;
}
