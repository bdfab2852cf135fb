import type { StackEvent, StackSnapshot } from '../domain/stack.js';

export interface StackResource {
  readonly logicalId: string;
  readonly physicalId?: string;
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly lastUpdatedAt?: Date;
}

/** The operation a stack is in (or last went through), from its events. */
export interface StackOperation {
  /** The stack-level event that opened it; undefined when not found within the pages read. */
  readonly start?: StackEvent;
  /** Every event since the start, oldest first. */
  readonly events: readonly StackEvent[];
}

/** What coordination needs from CloudFormation. */
export interface StackReader {
  describeStacks(names: readonly string[]): Promise<StackSnapshot[]>;
  /** Events newer than `afterEventId`, oldest first; without it, the newest page. */
  eventsSince(stack: string, afterEventId?: string): Promise<StackEvent[]>;
  currentOperation(stack: string): Promise<StackOperation>;
  listResources(stack: string): Promise<StackResource[]>;
  consoleUrl(stack: StackSnapshot): string;
}

export interface Clock {
  now(): number;
}

/** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RunRef {
  readonly repository?: string;
  readonly runId?: string;
  readonly runAttempt?: string;
}

/** Whether a workflow run has finished (GitHub API); undefined when it cannot tell. */
export interface RunLiveness {
  runFinished(run: RunRef): Promise<boolean | undefined>;
}

/** The CloudFormation calls that repair a stack. */
export interface StackRecovery {
  rollbackStack(stack: string): Promise<void>;
  continueUpdateRollback(stack: string, resourcesToSkip?: readonly string[]): Promise<void>;
  deleteStack(stack: string): Promise<void>;
}
