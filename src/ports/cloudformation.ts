import type { StackEvent, StackSnapshot } from '../domain/stack.js';

/** The operation a stack is in (or last went through), from its events. */
export interface StackOperation {
  /** The stack-level event that opened it; undefined when not found within the pages read. */
  readonly start?: StackEvent;
  /** Every event since the start, oldest first. */
  readonly events: readonly StackEvent[];
}

export interface FailedEvents {
  readonly events: readonly StackEvent[];
  /** Why DescribeEvents was not used (refused, or failed for this call): read from the stack's events. */
  readonly refused?: string;
}

/** What coordination needs from CloudFormation. */
export interface StackReader {
  describeStacks(names: readonly string[]): Promise<StackSnapshot[]>;
  /** Events newer than `afterEventId`, oldest first; without it, the newest page. */
  eventsSince(stack: string, afterEventId?: string): Promise<StackEvent[]>;
  currentOperation(stack: string): Promise<StackOperation>;
  /**
   * Every event at or after `sinceMs`, oldest first, as far back as a few pages of them reach:
   * all the operations since the lock was taken, this deployment's and anyone else's.
   */
  eventsAfter(stack: string, sinceMs: number): Promise<StackEvent[]>;
  /**
   * The stack's most recent events, oldest first, as far back as a few pages of them reach: its
   * past operations, for estimates. None for a stack that does not exist.
   */
  pastEvents(stack: string): Promise<StackEvent[]>;
  /**
   * A stack's (a nested stack's, by its ARN) failed events from `fromMs` to `untilMs`, oldest
   * first: DescribeEvents' FailedEvents where the endpoint and the role allow it, else read from
   * its events; `refused` then says why DescribeEvents was not used.
   */
  failedEvents(stack: string, fromMs: number, untilMs: number): Promise<FailedEvents>;
  consoleUrl(stack: StackSnapshot): string;
}

/** The CloudFormation calls that repair a stack. */
export interface StackRecovery {
  rollbackStack(stack: string): Promise<void>;
  continueUpdateRollback(stack: string, resourcesToSkip?: readonly string[]): Promise<void>;
  deleteStack(stack: string): Promise<void>;
}
