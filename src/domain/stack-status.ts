/**
 * Every CloudFormation StackStatus, classified once. Pure: no SDK import, so the
 * test compares this table with the SDK's own enum and fails on a new status.
 */
export type StackStatusClass =
  'in-progress' | 'stable' | 'stable-after-failure' | 'blocked' | 'does-not-exist';

/** What someone must do before a blocked stack can be updated again. */
export type RequiredAction = 'rollback' | 'continue-rollback' | 'delete';

export interface StatusInfo {
  readonly class: StackStatusClass;
  readonly needs?: RequiredAction;
}

/** Not an AWS status: how this project names a stack that DescribeStacks does not find. */
export const DOES_NOT_EXIST = 'DOES_NOT_EXIST';

const inProgress: StatusInfo = { class: 'in-progress' };
const stable: StatusInfo = { class: 'stable' };
const afterFailure: StatusInfo = { class: 'stable-after-failure' };
const gone: StatusInfo = { class: 'does-not-exist' };
const needs = (action: RequiredAction): StatusInfo => ({ class: 'blocked', needs: action });

export const STACK_STATUSES = {
  CREATE_IN_PROGRESS: inProgress,
  DELETE_IN_PROGRESS: inProgress,
  IMPORT_IN_PROGRESS: inProgress,
  IMPORT_ROLLBACK_IN_PROGRESS: inProgress,
  // A change set was created and not executed yet: `aws cloudformation deploy`
  // sits here between its two calls, so another run is mid-deployment.
  REVIEW_IN_PROGRESS: inProgress,
  ROLLBACK_IN_PROGRESS: inProgress,
  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: inProgress,
  UPDATE_IN_PROGRESS: inProgress,
  UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: inProgress,
  UPDATE_ROLLBACK_IN_PROGRESS: inProgress,

  CREATE_COMPLETE: stable,
  IMPORT_COMPLETE: stable,
  UPDATE_COMPLETE: stable,

  UPDATE_ROLLBACK_COMPLETE: afterFailure,
  IMPORT_ROLLBACK_COMPLETE: afterFailure,

  // Rollback disabled and the operation failed: resources are half-applied.
  // We restore the last good state before anyone deploys on top of it.
  CREATE_FAILED: needs('rollback'),
  UPDATE_FAILED: needs('rollback'),
  UPDATE_ROLLBACK_FAILED: needs('continue-rollback'),
  IMPORT_ROLLBACK_FAILED: needs('continue-rollback'),
  // A failed create leaves a stack that can only be deleted.
  ROLLBACK_COMPLETE: needs('delete'),
  ROLLBACK_FAILED: needs('delete'),
  DELETE_FAILED: needs('delete'),

  DELETE_COMPLETE: gone
} as const satisfies Record<string, StatusInfo>;

export type KnownStackStatus = keyof typeof STACK_STATUSES;

export function classifyStatus(status: string | undefined): StatusInfo {
  if (status === undefined || status === DOES_NOT_EXIST) return gone;
  const info = (STACK_STATUSES as Record<string, StatusInfo>)[status];
  // An unknown status is one AWS added after this release: assume something is
  // happening rather than deploy over it.
  return info ?? inProgress;
}

export const isInProgress = (status: string | undefined): boolean =>
  classifyStatus(status).class === 'in-progress';

/** Stack-level statuses that open a new operation (the first event of an operation). */
export const OPERATION_START_STATUSES: ReadonlySet<string> = new Set([
  'CREATE_IN_PROGRESS',
  'UPDATE_IN_PROGRESS',
  'DELETE_IN_PROGRESS',
  'IMPORT_IN_PROGRESS',
  'REVIEW_IN_PROGRESS'
]);
