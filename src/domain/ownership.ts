/**
 * Which stack operations since the lock was taken are this deployment's, and who ran the others.
 * Pure: the events and the stacks' tags come from the StackReader port.
 *
 * An operation's boundaries are its `OperationId` where the events carry one, else inferred from
 * the stack-level events that open one; a failed update and its automatic rollback are one
 * operation either way (domain/operations.ts). Each operation is judged on its own, in this order:
 *
 * 1. by its events' `ClientRequestToken` (CloudFormation copies the token of the API call onto
 *    every event of the operation): a token that contains this deployment's correlation ID is
 *    ours; one that contains another correlation ID (a generated `YYYYMMDD-HHMMSS-<8 hex>`, or
 *    one seen as a tag) or that the console set (`Console-UpdateStack-<uuid>`) is foreign. Any
 *    other token (or none: `aws cloudformation deploy` and `cdk deploy` set none) says nothing;
 * 2. by the stack's `DeploymentCorrelationId` tag while the operation ran or after it succeeded
 *    (CloudFormation applies an update's tags when it begins and puts the previous ones back when
 *    it rolls back, so a snapshot after a rollback says nothing of the operation): our ID is ours;
 *    another ID is foreign, but only when the stack is known to have carried a different tag
 *    before the operation (a tag left by an earlier deployment, on an operation that did not
 *    change the tags, says nothing);
 * 3. else by time: it began after the lock was taken, so it is ours (the rule before identity).
 */
import type { Operation } from './operations.js';
import { classifyStatus } from './stack-status.js';
import { CORRELATION_TAG, isStackEvent, latestStackStatus, type StackEvent } from './stack.js';

export { splitOperations, type Operation } from './operations.js';

/** A stack's `DeploymentCorrelationId` tag as DescribeStacks reported it, and when. */
export interface TagSighting {
  readonly stack: string;
  readonly status: string;
  /** The tag's value ('' when the stack carried none). */
  readonly tag: string;
  /** The stack's newest event read before the snapshot was taken (none: no event was read). */
  readonly afterEventId?: string;
}

export interface Identity {
  readonly correlationId: string;
  readonly sightings: readonly TagSighting[];
  /** Each stack's tag just before the deploy step ('' none); a stack not listed: not known. */
  readonly tagsBefore?: Readonly<Record<string, string>>;
}

export type Basis = 'token' | 'tag' | 'time';

export interface JudgedOperation extends Operation {
  readonly ours: boolean;
  readonly by: Basis;
  /** The first ClientRequestToken on its events. */
  readonly token?: string;
  /** The stack's tag while it ran, or after it succeeded ('' none), where a snapshot showed it. */
  readonly tag?: string;
  /** The correlation ID it carried (in its token or its tag), when it is not ours. */
  readonly otherId?: string;
  /** Its token was set by the AWS console. */
  readonly console?: boolean;
  /** Its latest stack-level status. */
  readonly status?: string;
}

/** Statuses in which the stack carries the tags of the operation it is in (or that succeeded). */
const TAGS_OF_OPERATION: ReadonlySet<string> = new Set([
  'CREATE_IN_PROGRESS',
  'CREATE_COMPLETE',
  'UPDATE_IN_PROGRESS',
  'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_COMPLETE',
  'IMPORT_IN_PROGRESS',
  'IMPORT_COMPLETE'
]);
/** Ends after which the stack carries the tags it had before the operation. */
const ROLLED_BACK: ReadonlySet<string> = new Set([
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE'
]);
const SUCCEEDED: ReadonlySet<string> = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'IMPORT_COMPLETE'
]);

/** A generated correlation ID anywhere in a token. */
const GENERATED_ID = /(?<![0-9A-Za-z])\d{8}-\d{6}-[0-9a-f]{8}(?![0-9A-Za-z])/g;
const CONSOLE_TOKEN = /^Console-/;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** `id` in `text`, not as part of a longer word (`release-1` is not in `release-10`). */
export function containsId(text: string, id: string): boolean {
  if (!id) return false;
  return new RegExp(`(?<![0-9A-Za-z])${escapeRegExp(id)}(?![0-9A-Za-z])`).test(text);
}

/**
 * Only a tag that is another deployment's generated correlation ID is evidence of a foreign
 * operation: a workflow that tags with a value of its own (a run ID, a SHA) is not calling its own
 * update someone else's.
 */
const isGeneratedId = (tag: string): boolean => new RegExp(`^${GENERATED_ID.source}$`).test(tag);

/** What one token says: ours, another deployment's, the console's, or nothing. */
function byToken(
  token: string,
  ours: string,
  knownIds: ReadonlySet<string>
): { ours: boolean; otherId?: string; console?: boolean } | undefined {
  if (containsId(token, ours)) return { ours: true };
  if (CONSOLE_TOKEN.test(token)) return { ours: false, console: true };
  const generated = [...token.matchAll(GENERATED_ID)].map((m) => m[0]).find((id) => id !== ours);
  if (generated) return { ours: false, otherId: generated };
  const known = [...knownIds].find((id) => id !== ours && containsId(token, id));
  return known ? { ours: false, otherId: known } : undefined;
}

/** The latest stack-level status among `events` up to and including the event `id`. */
function statusAt(events: readonly StackEvent[], id: string): string | undefined {
  let status: string | undefined;
  for (const e of events) {
    if (isStackEvent(e)) status = e.status;
    if (e.id === id) return status;
  }
  return undefined;
}

/** Every operation judged ours or foreign, in the order of `operations`. */
export function judgeOperations(
  operations: readonly Operation[],
  identity: Identity
): JudgedOperation[] {
  const ours = identity.correlationId;
  const knownIds = new Set(
    [...identity.sightings.map((s) => s.tag), ...Object.values(identity.tagsBefore ?? {})].filter(
      (t) => t !== '' && t !== ours
    )
  );
  const judged: JudgedOperation[] = [];
  const byStack = new Map<string, Operation[]>();
  for (const op of operations) byStack.set(op.stack, [...(byStack.get(op.stack) ?? []), op]);
  const verdicts = new Map<Operation, JudgedOperation>();
  for (const [stack, ops] of byStack) {
    const sightings = identity.sightings.filter((s) => s.stack === stack);
    // The tag the stack carried before the first operation: as the deploy step found it, else
    // the latest snapshot of a settled stack taken before any operation of the window.
    const inWindow = new Set(ops.flatMap((op) => op.events.map((e) => e.id)));
    const before = sightings.filter(
      (s) =>
        (s.afterEventId === undefined || !inWindow.has(s.afterEventId)) &&
        classifyStatus(s.status).class !== 'in-progress'
    );
    let tagBefore: string | undefined = identity.tagsBefore?.[stack] ?? before.at(-1)?.tag;
    for (const op of ops) {
      const ids = new Set(op.events.map((e) => e.id));
      let tag: string | undefined;
      let tagAfter: string | undefined;
      for (const s of sightings) {
        if (s.afterEventId === undefined || !ids.has(s.afterEventId)) continue;
        // A snapshot taken after a stack-level event this read had not seen belongs to no one.
        if (statusAt(op.events, s.afterEventId) !== s.status) continue;
        // Once a snapshot showed our tag during it, the operation is ours: a later snapshot may
        // already show the next operation's tag (one that began between the read and the snapshot).
        if (TAGS_OF_OPERATION.has(s.status) && tag !== ours) tag = s.tag;
        if (classifyStatus(s.status).class !== 'in-progress') tagAfter = s.tag;
      }
      const status = latestStackStatus(op.events);
      const token = op.events.find((e) => e.clientRequestToken)?.clientRequestToken;
      const base = { ...op, token, tag, status };
      const fromToken = token !== undefined ? byToken(token, ours, knownIds) : undefined;
      let verdict: JudgedOperation;
      if (fromToken) verdict = { ...base, ...fromToken, by: 'token' };
      else if (tag === ours) verdict = { ...base, ours: true, by: 'tag' };
      else if (tag && isGeneratedId(tag) && tagBefore !== undefined && tag !== tagBefore)
        verdict = { ...base, ours: false, by: 'tag', otherId: tag };
      else verdict = { ...base, ours: true, by: 'time' };
      verdicts.set(op, verdict);
      // The tag in force after it, for the next one.
      tagBefore =
        tagAfter ??
        (status && SUCCEEDED.has(status)
          ? tag
          : status && ROLLED_BACK.has(status)
            ? tagBefore
            : undefined);
    }
  }
  for (const op of operations) judged.push(verdicts.get(op)!);
  return judged;
}

/** Who or what started a foreign operation, as far as CloudFormation says. */
export function describeStarter(op: JudgedOperation): string {
  const parts: string[] = [];
  if (op.console) parts.push(`the AWS console (ClientRequestToken ${op.token})`);
  else if (op.otherId && op.by === 'token')
    parts.push(`deployment ${op.otherId} (ClientRequestToken ${op.token})`);
  else if (op.otherId)
    parts.push(`deployment ${op.otherId} (tag ${CORRELATION_TAG}=${op.otherId})`);
  else parts.push('someone else');
  if (op.token && op.by !== 'token') parts.push(`ClientRequestToken ${op.token}`);
  if (op.start?.reason) parts.push(`'${op.start.reason}'`);
  return parts.join(', ');
}

/** One line for a person: what ran on which stack, from when, how it ended, and who started it. */
export function describeForeign(op: JudgedOperation): string {
  const start = op.start ?? op.events[0];
  const began = start ? `${start.status} at ${start.timestamp.toISOString()}` : 'an operation';
  const now = op.status && op.status !== start?.status ? `, now ${op.status}` : '';
  return `${op.stack}: ${began}${now}, started by ${describeStarter(op)}`;
}

/** The events of this deployment's own operations, oldest first per stack. */
export const ownEvents = (ops: readonly JudgedOperation[]): StackEvent[] =>
  ops.filter((op) => op.ours).flatMap((op) => [...op.events]);
