import { classifyStatus, type RequiredAction } from './stack-status.js';
import { isStackEvent, STACK_RESOURCE_TYPE, type NestedEvent, type StackEvent } from './stack.js';
import { isRootCauseFailure } from './watch.js';

export interface RecoveryPolicy {
  readonly autoRollback: boolean;
  readonly cleanup: 'none' | 'failed-create';
}

/** What the action may do by itself to a stack in this status, under this policy. */
export function recoveryAction(status: string, policy: RecoveryPolicy): RequiredAction | undefined {
  const needs = classifyStatus(status).needs;
  if ((needs === 'rollback' || needs === 'continue-rollback') && policy.autoRollback) return needs;
  // Only a failed create (ROLLBACK_COMPLETE) is deleted automatically: it holds nothing worth keeping.
  if (needs === 'delete' && status === 'ROLLBACK_COMPLETE' && policy.cleanup === 'failed-create')
    return 'delete';
  return undefined;
}

/** A nested stack (its root is another stack): repaired only through its root. */
export const isNested = (s: { readonly stackId?: string; readonly rootId?: string }): boolean =>
  Boolean(s.rootId && s.rootId !== s.stackId);

/** Resources whose latest event is a failure, with its reason (nested stack resources included). */
export function failedResources(events: readonly StackEvent[]): StackEvent[] {
  const latest = new Map<string, StackEvent>();
  for (const e of events) if (!isStackEvent(e)) latest.set(e.logicalId, e);
  return [...latest.values()].filter((e) => e.status.endsWith('_FAILED'));
}

/** A resource that failed, inside nested stacks or not. */
export interface StuckResource extends NestedEvent {
  /** The ARN of the nested stack it is in. */
  readonly nestedStack?: string;
  /**
   * False when its UPDATE_FAILED is not its rollback's (an update that failed or was cancelled,
   * which the rollback never reached): CloudFormation refuses to skip it.
   */
  readonly failedToRollBack?: boolean;
}

/** The stack events that start a rollback: what fails after one failed to roll back. */
const ROLLBACK_STARTS = new Set(['UPDATE_ROLLBACK_IN_PROGRESS', 'IMPORT_ROLLBACK_IN_PROGRESS']);

/**
 * The failed resources of one stack's latest operation (`events` oldest first), each marked with
 * whether it failed to roll back: its latest event comes after the stack's latest rollback start and
 * is no echo of another failure ("Resource update cancelled"). Inside a nested stack that rolled
 * back, only those are kept: the rest are not stuck, and CloudFormation refuses to skip them.
 */
export function rollbackFailures(events: readonly StackEvent[], nested: boolean): StuckResource[] {
  const start = events.findLastIndex((e) => isStackEvent(e) && ROLLBACK_STARTS.has(e.status));
  const after = new Set(start < 0 ? [] : events.slice(start + 1));
  const out: StuckResource[] = [];
  for (const e of failedResources(events)) {
    const failedToRollBack = isRootCauseFailure(e) && (start < 0 ? !nested : after.has(e));
    if (nested && start >= 0 && !failedToRollBack) continue;
    out.push({ ...e, failedToRollBack });
  }
  return out;
}

/** How ContinueUpdateRollback and `--resources-to-skip` name it: `Db`, or `Data.Db` inside nested stack Data. */
export const skipId = (r: StuckResource): string => [...(r.nestedIn ?? []), r.logicalId].join('.');

/**
 * What ContinueUpdateRollback of a root skips: the resources inside its nested stacks that failed
 * to roll back (`Data.Db`). A nested stack resource itself cannot be skipped while its stack is
 * stuck, and a failed resource of the root itself is retried, not skipped.
 */
export const nestedSkips = (stuck: readonly StuckResource[]): string[] =>
  stuck
    .filter(
      (r) =>
        (r.nestedIn?.length ?? 0) > 0 &&
        r.status === 'UPDATE_FAILED' &&
        r.failedToRollBack !== false &&
        // `Data.Inner` is a nested stack resource too: refused while its stack is not DELETE_*.
        r.resourceType !== STACK_RESOURCE_TYPE
    )
    .map(skipId);

/** What a person does when the automatic recovery failed: the stuck resources and the exact commands. */
export function recoveryInstructions(
  stack: string,
  status: string,
  failed: readonly StuckResource[],
  consoleUrl: string
): string[] {
  // A nested stack resource is explained by what is stuck inside it, and cannot be skipped itself.
  const stuck = failed.filter(
    (e) =>
      e.resourceType !== STACK_RESOURCE_TYPE ||
      !failed.some((inner) => inner.nestedIn?.join('.') === skipId(e))
  );
  const skip = stuck
    .filter((e) => e.resourceType !== STACK_RESOURCE_TYPE && e.failedToRollBack !== false)
    .map(skipId);
  const lines = [`Stack ${stack} is ${status} and needs a person:`];
  for (const e of stuck)
    lines.push(
      `  - ${skipId(e)} (${e.resourceType}) ${e.status}: ${e.reason ?? 'no reason given'}`
    );
  lines.push(`  See the events: aws cloudformation describe-stack-events --stack-name ${stack}`);
  const nested = [...new Set(stuck.flatMap((e) => (e.nestedStack ? [e.nestedStack] : [])))];
  for (const arn of nested)
    lines.push(
      `  And of nested stack ${arn}: aws cloudformation describe-stack-events --stack-name ${arn}`
    );
  if (nested.length > 0)
    lines.push(
      `  A nested stack is repaired through its root only: every command below names ${stack}.`
    );
  if (status === 'UPDATE_ROLLBACK_FAILED' || status === 'IMPORT_ROLLBACK_FAILED') {
    lines.push(
      `  Fix the resources above, then: aws cloudformation continue-update-rollback --stack-name ${stack}`
    );
    if (skip.length > 0) {
      lines.push(
        `  Or skip them (they are left as they are): aws cloudformation continue-update-rollback --stack-name ${stack} --resources-to-skip ${skip.join(' ')}`
      );
    }
  } else if (status === 'UPDATE_FAILED' || status === 'CREATE_FAILED') {
    lines.push(`  aws cloudformation rollback-stack --stack-name ${stack}`);
  } else if (classifyStatus(status).needs === 'delete') {
    // ROLLBACK_COMPLETE, ROLLBACK_FAILED, DELETE_FAILED: only a deletion gets it out.
    const retain = stuck.filter((e) => !e.nestedIn?.length).map(skipId);
    lines.push(
      `  aws cloudformation delete-stack --stack-name ${stack}${retain.length > 0 ? ` [--retain-resources ${retain.join(' ')}]` : ''}`
    );
  } else if (classifyStatus(status).class.startsWith('in-progress')) {
    lines.push(`  CloudFormation is still working on it: look again once it is done.`);
  } else {
    lines.push(`  It needs no repair in this status.`);
  }
  lines.push(`  Console: ${consoleUrl}`);
  return lines;
}

/** What a repair did, for the summary, the final notice and a person. */
export interface RecoveryResult {
  readonly stack: string;
  readonly action: RequiredAction;
  readonly ok: boolean;
  readonly finalStatus: string;
  /** For a person, when the automatic recovery did not work. */
  readonly instructions: readonly string[];
}
