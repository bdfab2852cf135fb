import { classifyStatus, type RequiredAction } from './stack-status.js';
import type { StackSnapshot } from './stack.js';
import { isNested } from './recovery.js';

export type Severity = 'blocking' | 'warning' | 'info';

export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly resolution: readonly string[];
  readonly stack?: string;
}

/** The active-deployment check: runs first, on its own, before any other check. */
export function activeDeploymentFindings(stacks: readonly StackSnapshot[]): Finding[] {
  return stacks
    .filter((s) => classifyStatus(s.status).class === 'in-progress')
    .map((s) => ({
      code: 'STACK_IN_PROGRESS',
      severity: 'blocking' as const,
      stack: s.name,
      message: `Stack ${s.name} is ${s.status}: another deployment is active.`,
      resolution: [
        'Wait for the active deployment to finish (raise wait-timeout-minutes to queue behind it).',
        `Follow it: aws cloudformation describe-stack-events --stack-name ${s.name}`
      ]
    }));
}

const recovery: Record<
  RequiredAction,
  (stack: string) => { code: string; message: string; resolution: string[] }
> = {
  rollback: (stack) => ({
    code: 'STACK_NEEDS_ROLLBACK',
    message: `Stack ${stack} failed with rollback disabled and must be rolled back before it can be updated.`,
    resolution: [
      `aws cloudformation rollback-stack --stack-name ${stack}`,
      `aws cloudformation wait stack-rollback-complete --stack-name ${stack}`
    ]
  }),
  'continue-rollback': (stack) => ({
    code: 'STACK_NEEDS_CONTINUE_ROLLBACK',
    message: `Stack ${stack} is stuck in a failed rollback; the rollback must be continued before it can be updated.`,
    resolution: [
      `Find the resources that failed: aws cloudformation describe-stack-events --stack-name ${stack}`,
      `aws cloudformation continue-update-rollback --stack-name ${stack} [--resources-to-skip LogicalId ...]`,
      'A resource inside a nested stack is skipped as NestedStackLogicalId.ResourceLogicalId (Data.Db), never by its own logical ID, and never the nested stack resource itself.'
    ]
  }),
  delete: (stack) => ({
    code: 'STACK_NEEDS_DELETE',
    message: `Stack ${stack} can only be deleted (a failed create or a failed delete); it must be deleted before it can be deployed.`,
    resolution: [
      `aws cloudformation delete-stack --stack-name ${stack}`,
      `aws cloudformation wait stack-delete-complete --stack-name ${stack}`,
      'Or set cleanup: failed-create to let the action delete a stack left by a failed create.'
    ]
  })
};

/** A nested stack is never repaired on its own: CloudFormation refuses it; its root is repaired. */
function throughRoot(s: StackSnapshot, needs: RequiredAction): string[] {
  const root = s.rootId ?? '';
  const first = `${s.name} is a nested stack: it is repaired only through its root stack ${root}.`;
  return needs === 'delete'
    ? [
        first,
        `Update the root stack ${root} (removing the nested stack from its template if it is not wanted): never delete the root for it, which deletes the whole environment.`
      ]
    : [first, ...recovery[needs](root).resolution];
}

export interface GatewayContext {
  readonly registryConfigured: boolean;
  /** Why a configured registry could not be used (coordination fell back to CloudFormation only). */
  readonly registryUnavailable?: string;
}

/** The checks after the active-deployment check, in a fixed order. */
export function otherFindings(stacks: readonly StackSnapshot[], ctx: GatewayContext): Finding[] {
  const findings: Finding[] = [];
  for (const s of stacks) {
    const info = classifyStatus(s.status);
    if (info.class === 'blocked' && info.needs) {
      const own = recovery[info.needs](s.name);
      findings.push({
        severity: 'blocking',
        stack: s.name,
        ...own,
        ...(isNested(s) ? { resolution: throughRoot(s, info.needs) } : {})
      });
    } else if (info.class === 'stable-after-failure') {
      findings.push({
        code: 'LAST_DEPLOYMENT_FAILED',
        severity: 'warning',
        stack: s.name,
        message: `The last deployment of ${s.name} failed and was rolled back (${s.status}${s.statusReason ? `: ${s.statusReason}` : ''}).`,
        resolution: [
          `See why: aws cloudformation describe-stack-events --stack-name ${s.name}`,
          'Make sure this run contains the fix.'
        ]
      });
    } else if (info.class === 'does-not-exist') {
      findings.push({
        code: 'STACK_DOES_NOT_EXIST',
        severity: 'info',
        stack: s.name,
        message: `Stack ${s.name} does not exist yet; this deployment will create it.`,
        resolution: []
      });
    }
  }
  if (ctx.registryUnavailable) {
    findings.push({
      code: 'REGISTRY_UNAVAILABLE',
      severity: 'warning',
      message: `The registry table could not be used (${ctx.registryUnavailable}); coordinated through CloudFormation only (no queue order, no identity of other runs).`,
      resolution: [
        'Check that the table exists in this region and that the role may use it (see infra/iam-policy.json).',
        'aws dynamodb describe-table --table-name TABLE'
      ]
    });
  } else if (!ctx.registryConfigured) {
    findings.push({
      code: 'REGISTRY_NOT_CONFIGURED',
      severity: 'warning',
      message:
        'No registry-table: coordinating through CloudFormation only (best effort: no queue order, no identity of other runs).',
      resolution: ['Deploy the registry table (infra/registry-table.yml) and set registry-table.']
    });
  }
  return findings;
}

export const blocking = (findings: readonly Finding[]): Finding[] =>
  findings.filter((f) => f.severity === 'blocking');
export const warningsOf = (findings: readonly Finding[]): Finding[] =>
  findings.filter((f) => f.severity === 'warning');

/** The table cannot be used as configured (missing, denied, another key schema): fixed by a person, not by waiting. */
export function registryMisconfiguredFinding(table: string, error: string): Finding {
  return {
    code: 'REGISTRY_MISCONFIGURED',
    severity: 'blocking',
    message: `registry-table ${JSON.stringify(table)} cannot be used: ${error}. Nothing was coordinated: a table that is set but unusable is a configuration error, not a reason to coordinate on CloudFormation alone.`,
    resolution: [
      'Check registry-table and the region: the table must exist there, with partition key pk (S) and sort key sk (S) (infra/registry-table.yml).',
      'Check that the role may use it (infra/iam-policy.json).',
      `aws dynamodb describe-table --table-name ${table}`,
      'To coordinate on CloudFormation alone on purpose, leave registry-table empty.'
    ]
  };
}

/**
 * An item of this environment's lock, queue or freezes does not decode (written by a hand, a
 * script or another release): the table answered, so it is no outage and no reason to fall back
 * to CloudFormation alone; nor is it a lock anyone may take. Fixed by a person, with `doctor`.
 */
export function registryCorruptFinding(
  table: string,
  item: { readonly pk: string; readonly sk: string },
  problem: string,
  repair: string
): Finding {
  return {
    code: 'REGISTRY_CORRUPT',
    severity: 'blocking',
    message: `registry-table ${JSON.stringify(table)} holds an item this run cannot read: ${problem}. Not deploying: an answer that cannot be read is not taken for a free lock, nor for an outage.`,
    resolution: [
      `List it and repair it (the old item is printed in full first, each repair confirmed): ${repair} --registry-table ${table}`,
      `Or look at it: aws dynamodb get-item --table-name ${table} --key '${JSON.stringify({ pk: { S: item.pk }, sk: { S: item.sk } })}'`
    ]
  };
}
