/** What the coordinator knows of a stack and its events, independent of the SDK. */
export interface StackSnapshot {
  readonly name: string;
  readonly exists: boolean;
  /** The AWS status, or DOES_NOT_EXIST. */
  readonly status: string;
  readonly statusReason?: string;
  readonly stackId?: string;
  /** A nested stack's root stack ID (CloudFormation's RootId): repaired only through it. */
  readonly rootId?: string;
  readonly createdAt?: Date;
  readonly lastUpdatedAt?: Date;
  readonly tags: Readonly<Record<string, string>>;
  readonly outputs: Readonly<Record<string, string>>;
}

export interface StackEvent {
  readonly id: string;
  readonly stackName: string;
  readonly timestamp: Date;
  readonly logicalId: string;
  readonly physicalId?: string;
  readonly resourceType: string;
  readonly status: string;
  readonly reason?: string;
  readonly clientRequestToken?: string;
  /**
   * CloudFormation's ID of the operation the event belongs to (an automatic rollback has one of its
   * own); absent where the endpoint gives none (older regions, emulators). See domain/operations.ts.
   */
  readonly operationId?: string;
}

export const STACK_RESOURCE_TYPE = 'AWS::CloudFormation::Stack';

/** An event in a tree of nested stacks. */
export interface NestedEvent extends StackEvent {
  /**
   * The logical IDs of the nested stack resources from the root down to its stack (`['Data']`,
   * `['Data', 'Inner']`); absent for an event of the covered stack itself.
   */
  readonly nestedIn?: readonly string[];
}

/**
 * A bound on reads: how many levels of nested stacks below a covered stack are read at most (each
 * level one read of events per failed nested stack resource), for the root cause and for the
 * recovery alike. CloudFormation allows five levels of nesting; one more is a loop, not a tree.
 */
export const MAX_NESTED_READ_DEPTH = 6;

/** The tag the deploy step applies (via the `cfn-tags` output) so anyone can tell whose operation it is. */
export const CORRELATION_TAG = 'DeploymentCorrelationId';

export const isStackEvent = (e: StackEvent): boolean =>
  e.resourceType === STACK_RESOURCE_TYPE && e.logicalId === e.stackName;

/** The latest stack-level status among a stack's events (oldest first); none without one. */
export const latestStackStatus = (events: readonly StackEvent[]): string | undefined =>
  events.filter(isStackEvent).at(-1)?.status;

/**
 * `Data › Db`: a resource as a person finds it, by the path of nested stack logical IDs from its
 * covered stack; a nested stack's own stack-level event by its path alone (`Data`).
 */
export function eventName(e: NestedEvent): string {
  const path = e.nestedIn ?? [];
  return path.length > 0 && isStackEvent(e) ? path.join(' › ') : [...path, e.logicalId].join(' › ');
}

/** Progress of the operation that `events` (oldest first, all since the operation began) describe. */
export interface OperationProgress {
  readonly done: number;
  readonly inProgress: number;
  readonly failed: number;
}

export function operationProgress(events: readonly StackEvent[]): OperationProgress {
  const last = new Map<string, string>();
  // By stack and logical ID: a tree's nested stacks may hold resources of the same name.
  for (const e of events) if (!isStackEvent(e)) last.set(`${e.stackName}/${e.logicalId}`, e.status);
  let done = 0;
  let inProgress = 0;
  let failed = 0;
  for (const status of last.values()) {
    if (status.endsWith('_IN_PROGRESS')) inProgress++;
    else if (status.endsWith('_FAILED')) failed++;
    else done++;
  }
  return { done, inProgress, failed };
}
