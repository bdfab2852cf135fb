import {
  CloudFormationClient,
  ContinueUpdateRollbackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  RollbackStackCommand,
  paginateDescribeEvents,
  paginateDescribeStackEvents,
  type OperationEvent,
  type Stack,
  type StackEvent as SdkStackEvent
} from '@aws-sdk/client-cloudformation';
import { OperationReadBack } from '../domain/operations.js';
import { DOES_NOT_EXIST } from '../domain/stack-status.js';
import type { StackEvent, StackSnapshot } from '../domain/stack.js';
import type {
  FailedEvents,
  StackOperation,
  StackReader,
  StackRecovery
} from '../ports/cloudformation.js';

/**
 * Throttling and transient errors are retried by the SDK itself (standard mode, exponential
 * backoff); each attempt has a timeout, so one hung call cannot stall a wait or the post step.
 */
export function createCloudFormationClient(region: string, maxAttempts = 6): CloudFormationClient {
  return new CloudFormationClient({
    region,
    maxAttempts,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 }
  });
}

/** How far back currentOperation looks for the start of an operation, and eventsAfter for its time. */
const OPERATION_SEARCH_PAGES = 20;
/** How far back eventsSince looks for the last event it saw before giving up on finding it. */
const INCREMENTAL_PAGES = 10;
/** How far back pastEvents reads a stack's past operations (newest first) for estimates. */
const PAST_OPERATION_PAGES = 5;

export class CloudFormationAdapter implements StackReader, StackRecovery {
  /** Why DescribeEvents was refused (an older endpoint, a role without it): not asked again. */
  private describeEventsRefused?: string;

  constructor(
    private readonly client: CloudFormationClient,
    private readonly region: string
  ) {}

  async describeStacks(names: readonly string[]): Promise<StackSnapshot[]> {
    return Promise.all(names.map((name) => this.describeStack(name)));
  }

  async describeStack(name: string): Promise<StackSnapshot> {
    try {
      const out = await this.client.send(new DescribeStacksCommand({ StackName: name }));
      const stack = out.Stacks?.[0];
      return stack ? toSnapshot(name, stack) : missing(name);
    } catch (err) {
      if (isMissingStack(err)) return missing(name);
      throw err;
    }
  }

  /** A stack's events, newest first, across at most `maxPages` pages; none for a stack that does not exist. */
  private async *newestEvents(stack: string, maxPages: number): AsyncGenerator<StackEvent> {
    let pages = 0;
    try {
      for await (const page of paginateDescribeStackEvents(
        { client: this.client },
        { StackName: stack }
      )) {
        for (const e of page.StackEvents ?? []) yield toEvent(e);
        if (++pages >= maxPages) return;
      }
    } catch (err) {
      if (!isMissingStack(err)) throw err;
    }
  }

  async eventsSince(stack: string, afterEventId?: string): Promise<StackEvent[]> {
    const fresh: StackEvent[] = [];
    for await (const e of this.newestEvents(stack, afterEventId ? INCREMENTAL_PAGES : 1)) {
      if (e.id === afterEventId) break;
      fresh.push(e);
    }
    return fresh.reverse();
  }

  /**
   * The events of the newest event's OperationId where it has one (an automatic rollback's reach
   * back into the update it rolls back), else back to the stack-level start (domain/operations.ts).
   */
  async currentOperation(stack: string): Promise<StackOperation> {
    const back = new OperationReadBack();
    for await (const event of this.newestEvents(stack, OPERATION_SEARCH_PAGES))
      if (back.add(event)) break;
    return back.operation();
  }

  async eventsAfter(stack: string, sinceMs: number): Promise<StackEvent[]> {
    const seen: StackEvent[] = [];
    for await (const event of this.newestEvents(stack, OPERATION_SEARCH_PAGES)) {
      if (event.timestamp.getTime() < sinceMs) break;
      seen.push(event);
    }
    return seen.reverse();
  }

  async pastEvents(stack: string): Promise<StackEvent[]> {
    const seen: StackEvent[] = [];
    for await (const event of this.newestEvents(stack, PAST_OPERATION_PAGES)) seen.push(event);
    return seen.reverse();
  }

  async failedEvents(stack: string, fromMs: number, untilMs: number): Promise<FailedEvents> {
    const within = (e: StackEvent): boolean =>
      e.timestamp.getTime() >= fromMs && e.timestamp.getTime() <= untilMs;
    let why = this.describeEventsRefused;
    if (!why) {
      try {
        const events: StackEvent[] = [];
        let pages = 0;
        for await (const page of paginateDescribeEvents(
          { client: this.client },
          { StackName: stack, Filters: { FailedEvents: true } }
        )) {
          // Their order is not documented (they are grouped by operation): every page to the cap,
          // each event kept only if it is in the window and the asked stack's own, never a nested
          // stack's taken for its parent's.
          for (const e of page.OperationEvents ?? []) {
            if (!isOfStack(e.StackId, stack)) continue;
            const event = fromOperationEvent(e, stack);
            if (within(event)) events.push(event);
          }
          if (++pages >= OPERATION_SEARCH_PAGES) break;
        }
        // None in the window: read from the events after all. DescribeEvents by stack name may
        // answer for the stack's latest operation only (the rollback after the failure sought).
        if (events.length > 0)
          return {
            events: events.reverse().sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())
          };
        why = 'DescribeEvents found no failure in the window';
      } catch (err) {
        const e = err as Error;
        why = `${e.name}: ${e.message}`;
        // Only a refusal is remembered: any other error falls back for this call alone.
        if (isRefusal(err)) this.describeEventsRefused = why;
      }
    }
    const events = await this.eventsAfter(stack, fromMs);
    return {
      events: events.filter((e) => within(e) && e.status.endsWith('_FAILED')),
      refused: why
    };
  }

  async rollbackStack(stack: string): Promise<void> {
    await this.client.send(new RollbackStackCommand({ StackName: stack }));
  }

  async continueUpdateRollback(
    stack: string,
    resourcesToSkip: readonly string[] = []
  ): Promise<void> {
    await this.client.send(
      new ContinueUpdateRollbackCommand({
        StackName: stack,
        ...(resourcesToSkip.length > 0 ? { ResourcesToSkip: [...resourcesToSkip] } : {})
      })
    );
  }

  async deleteStack(stack: string): Promise<void> {
    await this.client.send(new DeleteStackCommand({ StackName: stack }));
  }

  consoleUrl(stack: StackSnapshot): string {
    return stackConsoleUrl(this.region, stack.stackId ?? stack.name);
  }
}

/** The AWS console page of a stack, in the right partition. */
export function stackConsoleUrl(region: string, stackIdOrName: string): string {
  const host = region.startsWith('cn-')
    ? 'console.amazonaws.cn'
    : region.startsWith('us-gov-')
      ? 'console.amazonaws-us-gov.com'
      : `${region}.console.aws.amazon.com`;
  const id = encodeURIComponent(stackIdOrName);
  const page = stackIdOrName.startsWith('arn:')
    ? `stackinfo?stackId=${id}`
    : `stackinfo?stackName=${id}`;
  return `https://${host}/cloudformation/home?region=${region}#/stacks/${page}`;
}

export function isMissingStack(err: unknown): boolean {
  const e = err as { name?: string; message?: string };
  return e?.name === 'ValidationError' && /does not exist/.test(e.message ?? '');
}

/** An endpoint that does not know the action, or a role that may not call it. */
function isRefusal(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    /^(InvalidAction|UnknownOperationException|AccessDenied|AccessDeniedException)$/.test(
      e?.name ?? ''
    ) || e?.$metadata?.httpStatusCode === 403
  );
}

const missing = (name: string): StackSnapshot => ({
  name,
  exists: false,
  status: DOES_NOT_EXIST,
  tags: {},
  outputs: {}
});

function toSnapshot(name: string, s: Stack): StackSnapshot {
  const pairs = <T>(
    items: T[] | undefined,
    key: (t: T) => string | undefined,
    value: (t: T) => string | undefined
  ) => Object.fromEntries((items ?? []).map((t) => [key(t) ?? '', value(t) ?? '']));
  return {
    name,
    exists: true,
    status: s.StackStatus ?? 'UNKNOWN',
    statusReason: s.StackStatusReason,
    stackId: s.StackId,
    ...(s.RootId ? { rootId: s.RootId } : {}),
    createdAt: s.CreationTime,
    lastUpdatedAt: s.LastUpdatedTime,
    tags: pairs(
      s.Tags,
      (t) => t.Key,
      (t) => t.Value
    ),
    outputs: pairs(
      s.Outputs,
      (o) => o.OutputKey,
      (o) => o.OutputValue
    )
  };
}

/** The fields DescribeStackEvents' and DescribeEvents' events share. */
type SdkEvent = Partial<
  Pick<
    SdkStackEvent,
    | 'EventId'
    | 'StackName'
    | 'Timestamp'
    | 'LogicalResourceId'
    | 'PhysicalResourceId'
    | 'ResourceType'
    | 'ResourceStatus'
    | 'ResourceStatusReason'
    | 'ClientRequestToken'
    | 'OperationId'
  >
>;

function toEvent(e: SdkEvent, stackName = e.StackName ?? ''): StackEvent {
  return {
    id: e.EventId ?? '',
    stackName,
    timestamp: e.Timestamp ?? new Date(0),
    logicalId: e.LogicalResourceId ?? '',
    physicalId: e.PhysicalResourceId,
    resourceType: e.ResourceType ?? '',
    status: e.ResourceStatus ?? '',
    reason: e.ResourceStatusReason,
    clientRequestToken: e.ClientRequestToken,
    ...(e.OperationId ? { operationId: e.OperationId } : {})
  };
}

/** DescribeEvents' event as a stack event: its stack named as DescribeStackEvents names it. */
const fromOperationEvent = (e: OperationEvent, asked: string): StackEvent =>
  toEvent(e, stackNameOf(e.StackId ?? asked));

/** Whether an event's StackId is the asked stack's (named, or by its ARN); no StackId: taken as its. */
function isOfStack(stackId: string | undefined, asked: string): boolean {
  if (!stackId) return true;
  return asked.startsWith('arn:') ? stackId === asked : stackNameOf(stackId) === asked;
}

/** `arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/ID` -> NAME; a name stays itself. */
export function stackNameOf(idOrName: string): string {
  return /^arn:[^:]+:cloudformation:[^:]*:[^:]*:stack\/([^/]+)\//.exec(idOrName)?.[1] ?? idOrName;
}
