import { classifyStatus, type RequiredAction } from './stack-status.js';
import type { StackEvent } from './stack.js';

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

/** Resources whose latest event is a failure, with its reason. */
export function failedResources(events: readonly StackEvent[]): StackEvent[] {
  const latest = new Map<string, StackEvent>();
  for (const e of events)
    if (e.resourceType !== 'AWS::CloudFormation::Stack') latest.set(e.logicalId, e);
  return [...latest.values()].filter((e) => e.status.endsWith('_FAILED'));
}

/** What a person does when the automatic recovery failed: the stuck resources and the exact commands. */
export function recoveryInstructions(
  stack: string,
  status: string,
  failed: readonly StackEvent[],
  consoleUrl: string
): string[] {
  const skip = failed.map((e) => e.logicalId);
  const lines = [`Stack ${stack} is ${status} and needs a person:`];
  for (const e of failed)
    lines.push(
      `  - ${e.logicalId} (${e.resourceType}) ${e.status}: ${e.reason ?? 'no reason given'}`
    );
  lines.push(`  See the events: aws cloudformation describe-stack-events --stack-name ${stack}`);
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
  } else {
    lines.push(
      `  aws cloudformation delete-stack --stack-name ${stack}${skip.length > 0 ? ` [--retain-resources ${skip.join(' ')}]` : ''}`
    );
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
