/**
 * CloudFormation stand-in on loopback.
 *
 * An HTTP server on 127.0.0.1 (random port) that speaks the AWS Query protocol the way the real
 * `@aws-sdk/client-cloudformation` expects it: form-encoded POST requests in, XML out. Point a client
 * at it with `endpoint: standin.url` (any region, dummy credentials; signatures are never checked).
 *
 * Time is lazy: an operation is a script of steps with offsets (ms) from the operation's start, and
 * every request (and every `stack()` call) materializes the steps whose time has come, according to
 * `Date.now()` or the `now()` passed to `start`. No timers are involved.
 *
 * Served: DescribeStacks, DescribeStackEvents, DescribeEvents (what the product reads),
 * RollbackStack, ContinueUpdateRollback, DeleteStack (its recovery), CreateStack, UpdateStack (a
 * workflow's deploy step); anything else is InvalidAction. Every call is in `calls`; its action also
 * goes to the run-wide record of the product's AWS calls (`aws-calls.ts`) unless it is a test's own.
 * `denied` answers the actions in it with AccessDenied (403), as for a role without them.
 *
 * Nested stacks: `putNestedStack` puts a stack below another, as the parent's
 * `AWS::CloudFormation::Stack` resource (its physical ID the nested stack's ARN); DescribeStacks
 * shows its `ParentId`/`RootId`, DescribeStackEvents by its name or ARN its own events. A step with
 * `stack: 'Data'` (or `'Data.Inner'`) in an operation of the parent is the nested stack's, at its
 * offset in the parent's operation: one timeline drives the whole tree (`treeOperation` writes one
 * from a compact description, `nestedSteps` places a nested stack's own script). A nested stack
 * resource that fails without a reason gets CloudFormation's "Embedded stack <arn> was not
 * successfully updated. Currently in <status> with reason: <its reason>" (or "... created: ...").
 * UpdateStack, RollbackStack, ContinueUpdateRollback and DeleteStack on a nested stack are refused
 * (`nestedStackRefusals`); ContinueUpdateRollback on the root continues the nested stacks' rollbacks
 * and skips `Nested.Resource` (a plain nested resource ID is not the root's: refused), only one that
 * failed to roll back (not one whose update failed or was cancelled before it), and a nested stack
 * resource (`Data`, `Data.Inner`) only once its stack is DELETE_*.
 *
 * Operation IDs (`operationIds`): every event has the `OperationId` of the operation it belongs to,
 * one per operation per stack: a nested stack's part of its parent's operation has an ID of its
 * own, and so has an automatic rollback (from its stack's `*ROLLBACK_IN_PROGRESS` on), as
 * CloudFormation counts it an operation; DescribeStacks' `LastOperations` holds the latest (and the
 * operation an automatic rollback rolled back). Off, as an older endpoint: none of these, and
 * DescribeEvents is InvalidAction. On by default; `CFN_STANDIN_OPERATION_IDS=off` in the environment
 * turns the default off, so a whole suite runs against an older endpoint (CI's Node 24 pass does);
 * a test that needs them says `operationIds: true` (the option, or the property) itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { recordAwsCall } from './aws-calls.js';
import { LoopbackServer, withBody } from './http-server.js';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export type ResourceStep = {
  atMs: number;
  logicalId: string;
  type: string;
  status: string;
  reason?: string;
  physicalId?: string;
  /** See `StackStep.stack`. */
  stack?: string;
};
export type StackStep = {
  atMs: number;
  stackStatus: string;
  reason?: string;
  /**
   * The step is the nested stack's, not the operation's own stack's: the path of logical IDs of
   * `AWS::CloudFormation::Stack` resources from the operation's stack down to it (`Data`, or
   * `Data.Inner` two levels down). Its offset is still from the start of the operation that holds it.
   */
  stack?: string;
};
export type Step = ResourceStep | StackStep;

export interface StackSeed {
  status: string;
  createdAt?: Date;
  lastUpdatedAt?: Date;
  tags?: Record<string, string>;
  outputs?: Record<string, string>;
  parameters?: Record<string, string>;
  resources?: Array<{
    logicalId: string;
    type: string;
    status: string;
    physicalId?: string;
    reason?: string;
  }>;
  /** Seed this many old events (newest = the stack-level event of `status`). Default 3. */
  pastEvents?: number;
  /**
   * Past operations, with their stack-level and resource events at the times given (after the
   * old events above, in time order). The stack's status stays `status`: give it the last one's.
   */
  history?: PastOperationSeed[];
  stackStatusReason?: string;
  disableRollback?: boolean;
  enableTerminationProtection?: boolean;
}

/** `putNestedStack`'s seed: a stack seed, plus the nested stack's name and its resource's status in the parent. */
export interface NestedStackSeed extends StackSeed {
  /** Default: `{parent}-{logicalId}-{12 random characters}`, as CloudFormation names them. */
  name?: string;
  /**
   * The status of the parent's `AWS::CloudFormation::Stack` resource. Default: the parent's resource's
   * if it has one, else UPDATE_FAILED for a nested stack in a `*_FAILED` status, CREATE_COMPLETE for
   * one in CREATE_COMPLETE, UPDATE_COMPLETE otherwise.
   */
  resourceStatus?: string;
}

/** A resource in `treeOperation`'s description: a name alone is a resource of type AWS::SNS::Topic. */
export interface TreeResource {
  logicalId: string;
  /** Default AWS::SNS::Topic, or AWS::CloudFormation::Stack with `nested`. */
  type?: string;
  /** It fails (with this reason, or a handler's "Scripted failure"), and its stack rolls back. */
  fails?: string | true;
  /** Its rollback fails too (UPDATE only): its stack ends in UPDATE_ROLLBACK_FAILED, and so do those above it. */
  rollbackFails?: string | true;
  /** A nested stack: its resources, updated (created) within the parent resource's update (create). */
  nested?: Array<TreeResource | string>;
}

export interface TreeOperationSpec {
  kind?: 'UPDATE' | 'CREATE';
  resources: Array<TreeResource | string>;
  /** Between one event and the next. Default 10. */
  stepMs?: number;
}

/** What DescribeStacks' `LastOperations` holds. */
export interface OperationEntryView {
  operationType: string;
  operationId: string;
}

/** An operation the stack went through before the test: what CloudFormation's event history holds. */
export interface PastOperationSeed {
  kind: 'UPDATE' | 'CREATE';
  startedAt: Date;
  /** From its stack-level `..._IN_PROGRESS` to its stack-level end. */
  durationMs: number;
  /** Updated (or created) one after the other, within the operation. */
  resources?: Array<{ logicalId: string; type: string }>;
  /** The last resource fails and the operation rolls back (to UPDATE_ROLLBACK_COMPLETE or ROLLBACK_COMPLETE). */
  rolledBack?: boolean;
}

export interface CallRecord {
  action: string;
  params: Record<string, string>;
  at: number;
  status: number;
}

export interface StackEventView {
  eventId: string;
  stackId: string;
  stackName: string;
  logicalResourceId: string;
  physicalResourceId?: string;
  resourceType: string;
  timestamp: Date;
  resourceStatus: string;
  resourceStatusReason?: string;
  clientRequestToken?: string;
  /** Present whether or not the stand-in serves operation IDs (`operationIds`). */
  operationId?: string;
}

export interface ResourceView {
  logicalId: string;
  type: string;
  status: string;
  physicalId: string;
  reason?: string;
  updatedAt: Date;
}

/** One operation started on a stack (through the API or `runOperation`). */
export interface OperationRecord {
  action: string;
  startedAt: number;
  token?: string;
  tags?: Record<string, string>;
  resourcesToSkip?: string[];
  steps: Step[];
  /** The ID of its events on this stack (an automatic rollback in it gets one of its own). */
  operationId: string;
  /** CREATE_STACK, UPDATE_STACK, DELETE_STACK, ROLLBACK or CONTINUE_ROLLBACK. */
  operationType: string;
}

export interface StackView {
  name: string;
  stackId: string;
  status: string;
  statusReason?: string;
  createdAt: Date;
  lastUpdatedAt?: Date;
  deletedAt?: Date;
  deleted: boolean;
  tags: Record<string, string>;
  outputs: Record<string, string>;
  parameters: Record<string, string>;
  resources: ResourceView[];
  /** Newest first, like DescribeStackEvents. */
  events: StackEventView[];
  /** True while a script still has steps to materialize. */
  operationInProgress: boolean;
  disableRollback: boolean;
  terminationProtection: boolean;
  operations: OperationRecord[];
  /** A nested stack's parent and root stack IDs. */
  parentId?: string;
  rootId?: string;
  /** Newest first: the latest operation, and the one it rolled back if it is an automatic rollback. */
  lastOperations: OperationEntryView[];
}

export type ScriptableAction =
  'CreateStack' | 'UpdateStack' | 'RollbackStack' | 'ContinueUpdateRollback' | 'DeleteStack';

export interface StandinError {
  code: string;
  message?: string;
  status?: number;
}

export const CFN_XMLNS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
export const STANDIN_REGION = 'us-east-1';
export const STANDIN_ACCOUNT = '123456789012';
export const STACK_RESOURCE_TYPE = 'AWS::CloudFormation::Stack';

// ---------------------------------------------------------------------------------------------
// Internal state
// ---------------------------------------------------------------------------------------------

interface ResourceState {
  logicalId: string;
  type: string;
  status: string;
  physicalId: string;
  reason?: string;
  updatedAt: number;
}

interface EventState {
  eventId: string;
  logicalId: string;
  physicalId?: string;
  type: string;
  at: number;
  status: string;
  reason?: string;
  token?: string;
  operationId?: string;
}

/** One operation ID's span of events on one stack. */
interface OpSegment {
  /** The operation whose steps drive it (a root's, for its nested stacks). */
  driver: OpState;
  id: string;
  type: string;
  /** The operation an automatic rollback rolls back. */
  rolledBack?: OperationEntryView;
}

interface OpInfo {
  type: string;
  status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  stackId: string;
}

interface OpState {
  action: string;
  /** The stack it was started on. */
  stackId: string;
  operationId: string;
  operationType: string;
  startAt: number;
  steps: Step[];
  applied: number;
  token?: string;
  /** Whether the op counts as an update of the stack (sets LastUpdatedTime when it starts). */
  touchesLastUpdated: boolean;
  /** The tags it gives the stack when it starts (runOperation's `tags`). */
  tags?: Record<string, string>;
  /** The stack's tags before it changed them: a rollback puts them back, as CloudFormation does. */
  tagsBefore?: Record<string, string>;
}

interface StackState {
  name: string;
  id: string;
  status: string;
  reason?: string;
  createdAt: number;
  lastUpdatedAt?: number;
  deletedAt?: number;
  tags: Record<string, string>;
  outputs: Record<string, string>;
  parameters: Record<string, string>;
  resources: Map<string, ResourceState>;
  /** Chronological (oldest first). */
  events: EventState[];
  op?: OpState;
  disableRollback: boolean;
  terminationProtection: boolean;
  operations: OperationRecord[];
  parentId?: string;
  rootId?: string;
  /** The operation ID its events get now. */
  seg?: OpSegment;
  lastOperations: OperationEntryView[];
}

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400
  ) {
    super(message);
  }
}

interface FailRule {
  action: string;
  error: StandinError;
  remaining: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_OP_MS = 200;

const isStackStep = (s: Step): s is StackStep => 'stackStatus' in s;
const inProgress = (status: string): boolean => status.endsWith('_IN_PROGRESS');

const UPDATABLE = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
  'UPDATE_FAILED'
]);
const ROLLBACKABLE = new Set([
  'CREATE_FAILED',
  'UPDATE_FAILED',
  'UPDATE_ROLLBACK_FAILED',
  'IMPORT_ROLLBACK_FAILED'
]);

// ---------------------------------------------------------------------------------------------
// XML helpers
// ---------------------------------------------------------------------------------------------

export function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

type Scalar = string | number | boolean | Date | undefined | null;

function el(tag: string, v: Scalar): string {
  if (v === undefined || v === null) return '';
  const text =
    v instanceof Date ? v.toISOString() : typeof v === 'string' ? xmlEscape(v) : String(v);
  return `<${tag}>${text}</${tag}>`;
}

function list(tag: string, members: string[]): string {
  if (members.length === 0) return `<${tag}/>`;
  return `<${tag}>${members.map((m) => `<member>${m}</member>`).join('')}</${tag}>`;
}

function iso(ms: number): Date {
  return new Date(ms);
}

function encodeToken(o: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(o), 'utf8').toString('base64url');
}

function decodeToken(t: string | undefined, kind: string, scope: string): number | undefined {
  if (t === undefined || t === '') return undefined;
  try {
    const o = JSON.parse(Buffer.from(t, 'base64url').toString('utf8')) as {
      k?: unknown;
      s?: unknown;
      i?: unknown;
    };
    if (
      o.k === kind &&
      o.s === scope &&
      typeof o.i === 'number' &&
      Number.isInteger(o.i) &&
      o.i >= 0
    )
      return o.i;
  } catch {
    // fall through
  }
  throw new ApiError('ValidationError', 'Invalid NextToken');
}

// Query-protocol list helpers: `Tags.member.1.Key=...`, `ResourcesToSkip.member.1=...`
function queryStructList(
  params: Record<string, string>,
  name: string
): Array<Record<string, string>> | undefined {
  const prefix = `${name}.member.`;
  const byIndex = new Map<number, Record<string, string>>();
  let present = name in params;
  for (const [k, v] of Object.entries(params)) {
    if (!k.startsWith(prefix)) continue;
    present = true;
    const rest = k.slice(prefix.length);
    const dot = rest.indexOf('.');
    const idx = Number(dot < 0 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(idx)) continue;
    const field = dot < 0 ? '' : rest.slice(dot + 1);
    const entry = byIndex.get(idx) ?? {};
    entry[field] = v;
    byIndex.set(idx, entry);
  }
  if (!present) return undefined;
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e);
}

function queryStringList(params: Record<string, string>, name: string): string[] | undefined {
  const entries = queryStructList(params, name);
  return entries?.map((e) => e[''] ?? '').filter((s) => s !== '');
}

// ---------------------------------------------------------------------------------------------
// The stand-in
// ---------------------------------------------------------------------------------------------

export class CloudFormationStandin {
  readonly url: string;
  readonly calls: CallRecord[] = [];
  /** Page size of DescribeStackEvents / DescribeStacks / DescribeEvents. */
  pageSize: number;
  /**
   * Operation IDs served: `OperationId` on stack events, `LastOperations` on stacks, DescribeEvents.
   * False: an older endpoint's answers, without any of them, and DescribeEvents an unknown action.
   * Default: on, unless the environment says `CFN_STANDIN_OPERATION_IDS=off`.
   */
  operationIds: boolean;
  /**
   * The actions refused on a nested stack (ValidationError): CloudFormation wants them on the root.
   * Remove one to let a test act on a nested stack directly.
   */
  readonly nestedStackRefusals = new Set<string>([
    'UpdateStack',
    'RollbackStack',
    'ContinueUpdateRollback',
    'DeleteStack'
  ]);
  /** Actions answered with AccessDenied (403), as for a role without the permission. */
  readonly denied = new Set<string>();

  private readonly server: LoopbackServer;
  private readonly clock: () => number;
  /** Keyed by stack id; deleted stacks stay here (reachable by id, like AWS). */
  private readonly stacks = new Map<string, StackState>();
  private readonly scripts = new Map<string, Step[]>();
  /** Every operation ID's type and status, for DescribeEvents. */
  private readonly opInfo = new Map<string, OpInfo>();
  private failRules: FailRule[] = [];
  private closed = false;

  private constructor(
    server: LoopbackServer,
    now: () => number,
    pageSize: number,
    operationIds: boolean
  ) {
    this.server = server;
    this.url = server.url;
    this.clock = now;
    this.pageSize = pageSize;
    this.operationIds = operationIds;
  }

  static async start(
    opts: { now?: () => number; pageSize?: number; operationIds?: boolean } = {}
  ): Promise<CloudFormationStandin> {
    const server = await LoopbackServer.start({ keepAliveTimeout: 1000 });
    const standin = new CloudFormationStandin(
      server,
      opts.now ?? Date.now,
      opts.pageSize ?? 100,
      opts.operationIds ?? process.env.CFN_STANDIN_OPERATION_IDS !== 'off'
    );
    server.serve(withBody((req, res, raw) => standin.handle(req, res, raw)));
    return standin;
  }

  /** The stand-in's current time (ms since epoch). */
  now(): number {
    return this.clock();
  }

  callsOf(action: string): CallRecord[] {
    return this.calls.filter((c) => c.action === action);
  }

  reset(): void {
    this.stacks.clear();
    this.scripts.clear();
    this.opInfo.clear();
    this.failRules = [];
    this.calls.length = 0;
  }

  putStack(name: string, seed: StackSeed): void {
    const existing = this.activeByName(name);
    if (existing) this.stacks.delete(existing.id);
    const now = this.now();
    const createdAt = seed.createdAt?.getTime() ?? now - DAY_MS;
    const lastUpdatedAt = seed.lastUpdatedAt?.getTime();
    const base = lastUpdatedAt ?? createdAt;
    const s: StackState = {
      name,
      id: stackArn(name),
      status: seed.status,
      reason: seed.stackStatusReason,
      createdAt,
      lastUpdatedAt,
      tags: { ...(seed.tags ?? {}) },
      outputs: { ...(seed.outputs ?? {}) },
      parameters: { ...(seed.parameters ?? {}) },
      resources: new Map(),
      events: [],
      disableRollback: seed.disableRollback ?? false,
      terminationProtection: seed.enableTerminationProtection ?? false,
      operations: [],
      lastOperations: []
    };
    for (const r of seed.resources ?? []) {
      s.resources.set(r.logicalId, {
        logicalId: r.logicalId,
        type: r.type,
        status: r.status,
        physicalId: r.physicalId ?? physicalIdFor(name, r.logicalId),
        reason: r.reason,
        updatedAt: base
      });
    }
    // Old events: oldest is the stack's CREATE_IN_PROGRESS, newest the stack-level event of the seeded
    // status, resource events in between, one second apart.
    const n = Math.max(0, Math.floor(seed.pastEvents ?? 3));
    const resources = [...s.resources.values()];
    for (let i = 0; i < n; i++) {
      const at = base - (n - 1 - i) * 1000;
      if (i === n - 1) {
        s.events.push(this.stackEvent(s, at, seed.status, seed.stackStatusReason));
      } else if (i === 0) {
        s.events.push(this.stackEvent(s, at, 'CREATE_IN_PROGRESS', 'User Initiated'));
      } else {
        const r = resources.length > 0 ? resources[(i - 1) % resources.length] : undefined;
        const logicalId = r?.logicalId ?? `OldResource${((i - 1) >> 1) + 1}`;
        s.events.push({
          eventId: `${logicalId}-${randomUUID()}`,
          logicalId,
          physicalId: r?.physicalId ?? physicalIdFor(name, logicalId),
          type: r?.type ?? 'AWS::SNS::Topic',
          at,
          status: i % 2 === 1 ? 'CREATE_IN_PROGRESS' : 'CREATE_COMPLETE'
        });
      }
    }
    const history = [...(seed.history ?? [])].sort(
      (a, b) => a.startedAt.getTime() - b.startedAt.getTime()
    );
    // One operation ID for the old events; the last of them says what the last operation was.
    const seeded = this.seededOperations(s, seed.status);
    for (const e of s.events) e.operationId = seeded[0]?.operationId;
    s.lastOperations = seeded;
    for (const op of history) {
      const events = this.pastOperationEvents(s, op);
      s.events.push(...events);
      s.lastOperations = this.seededOperations(
        s,
        events.at(-1)?.status ?? `${op.kind}_COMPLETE`,
        events
      );
    }
    // Stable: old events keep their order, the history's fall in by time.
    s.events.sort((a, b) => a.at - b.at);
    const lastUpdate = history.filter((op) => op.kind === 'UPDATE').at(-1);
    if (lastUpdate && lastUpdatedAt === undefined) s.lastUpdatedAt = lastUpdate.startedAt.getTime();
    this.stacks.set(s.id, s);
  }

  /**
   * The operation(s) a seeded status is the end of, newest first (an automatic rollback and the
   * operation it rolled back), with fresh IDs; `events` (oldest first), if given, get theirs: the
   * rollback's from the stack's `*ROLLBACK_IN_PROGRESS` on.
   */
  private seededOperations(
    s: StackState,
    status: string,
    events: EventState[] = []
  ): OperationEntryView[] {
    const made = (operationType: string, ok: boolean): OperationEntryView => {
      const operationId = randomUUID();
      this.opInfo.set(operationId, {
        type: operationType,
        status: ok ? 'SUCCEEDED' : 'FAILED',
        stackId: s.id
      });
      return { operationType, operationId };
    };
    const rolledBack = /^(UPDATE_)?ROLLBACK_/.test(status);
    const first = made(
      status.startsWith('UPDATE_')
        ? 'UPDATE_STACK'
        : status.startsWith('DELETE_')
          ? 'DELETE_STACK'
          : status.startsWith('IMPORT_')
            ? 'UPDATE_STACK'
            : 'CREATE_STACK',
      !rolledBack && !status.endsWith('_FAILED')
    );
    const entries = rolledBack ? [made('ROLLBACK', status.endsWith('_COMPLETE')), first] : [first];
    let id = first.operationId;
    for (const e of events) {
      if (e.logicalId === s.name && /ROLLBACK_IN_PROGRESS$/.test(e.status) && entries[1])
        id = entries[0]?.operationId ?? id;
      e.operationId = id;
    }
    return entries;
  }

  /**
   * A nested stack of `parent` (by name or ID), as the `AWS::CloudFormation::Stack` resource
   * `logicalId` of it (added to the parent, or given the nested stack's ARN as its physical ID).
   * Nest again under the name returned for a second level. Returns the nested stack's name.
   */
  putNestedStack(parent: string, logicalId: string, seed: NestedStackSeed): string {
    const p = this.lookup(parent);
    if (!p || p.deletedAt !== undefined) throw new Error(`cfn-standin: no stack ${parent}`);
    const name = seed.name ?? `${p.name}-${logicalId}-${randomSuffix()}`;
    this.putStack(name, seed);
    const child = this.activeByName(name);
    if (!child) throw new Error(`cfn-standin: ${name} was not put`);
    child.parentId = p.id;
    child.rootId = p.rootId ?? p.id;
    const prev = p.resources.get(logicalId);
    const status =
      seed.resourceStatus ??
      prev?.status ??
      (seed.status.endsWith('_FAILED')
        ? 'UPDATE_FAILED'
        : seed.status === 'CREATE_COMPLETE'
          ? 'CREATE_COMPLETE'
          : 'UPDATE_COMPLETE');
    p.resources.set(logicalId, {
      logicalId,
      type: STACK_RESOURCE_TYPE,
      status,
      physicalId: child.id,
      reason: prev?.reason,
      updatedAt: prev?.updatedAt ?? child.lastUpdatedAt ?? child.createdAt
    });
    return name;
  }

  /** A past operation's events, oldest first: the stack's start, each resource in turn, the end. */
  private pastOperationEvents(s: StackState, op: PastOperationSeed): EventState[] {
    const start = op.startedAt.getTime();
    const d = op.durationMs;
    const resources = op.resources ?? [];
    const slot = (d * 0.8) / Math.max(1, resources.length);
    const events = [this.stackEvent(s, start, `${op.kind}_IN_PROGRESS`, 'User Initiated')];
    resources.forEach((r, i) => {
      const fails = op.rolledBack && i === resources.length - 1;
      const resource = (at: number, status: string, reason?: string): EventState => ({
        eventId: `${r.logicalId}-${randomUUID()}`,
        logicalId: r.logicalId,
        physicalId: physicalIdFor(s.name, r.logicalId),
        type: r.type,
        at: Math.round(at),
        status,
        reason
      });
      const from = start + d * 0.05 + i * slot;
      events.push(resource(from, `${op.kind}_IN_PROGRESS`));
      events.push(
        fails
          ? resource(
              from + slot * 0.9,
              `${op.kind}_FAILED`,
              'Resource handler returned message: "Scripted failure"'
            )
          : resource(from + slot * 0.9, `${op.kind}_COMPLETE`)
      );
    });
    const rollback = op.kind === 'UPDATE' ? 'UPDATE_ROLLBACK' : 'ROLLBACK';
    const tail: Array<[number, string]> = op.rolledBack
      ? [
          [0.9, `${rollback}_IN_PROGRESS`],
          [1, `${rollback}_COMPLETE`]
        ]
      : op.kind === 'UPDATE'
        ? [
            [0.9, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'],
            [1, 'UPDATE_COMPLETE']
          ]
        : [[1, 'CREATE_COMPLETE']];
    for (const [f, status] of tail)
      events.push(this.stackEvent(s, start + Math.round(d * f), status));
    return events;
  }

  removeStack(name: string): void {
    for (const s of [...this.stacks.values()]) {
      if (s.name === name || s.id === name) this.stacks.delete(s.id);
    }
  }

  /** Current state (materialized). By name: the live stack; by stack id: also a deleted one. */
  stack(nameOrId: string): StackView | undefined {
    const s = this.lookup(nameOrId);
    if (!s) return undefined;
    this.materialize(s);
    return {
      name: s.name,
      stackId: s.id,
      status: s.status,
      statusReason: s.reason,
      createdAt: iso(s.createdAt),
      lastUpdatedAt: s.lastUpdatedAt === undefined ? undefined : iso(s.lastUpdatedAt),
      deletedAt: s.deletedAt === undefined ? undefined : iso(s.deletedAt),
      deleted: s.deletedAt !== undefined,
      tags: { ...s.tags },
      outputs: { ...s.outputs },
      parameters: { ...s.parameters },
      resources: [...s.resources.values()].map((r) => ({
        logicalId: r.logicalId,
        type: r.type,
        status: r.status,
        physicalId: r.physicalId,
        reason: r.reason,
        updatedAt: iso(r.updatedAt)
      })),
      events: [...s.events].reverse().map((e) => this.eventView(s, e)),
      operationInProgress: s.op !== undefined,
      disableRollback: s.disableRollback,
      terminationProtection: s.terminationProtection,
      operations: s.operations.map((o) => ({ ...o, steps: [...o.steps] })),
      ...(s.parentId !== undefined ? { parentId: s.parentId, rootId: s.rootId } : {}),
      lastOperations: s.lastOperations.map((o) => ({ ...o }))
    };
  }

  /**
   * Start an operation now (or at `startAt`, in the stand-in's clock). `startStatus`, when given, is
   * applied first (with reason "User Initiated"); steps at `atMs <= 0` apply at once, the others when
   * their offset has passed. Replaces whatever operation was still running on the stack. `token` is
   * the ClientRequestToken on each of its events; `tags` replace the stack's tags when it starts
   * (someone else's deployment with its own `DeploymentCorrelationId`), put back if it rolls back.
   * Steps with `stack` are its nested stacks' (see `treeOperation`, `nestedSteps`).
   */
  runOperation(
    name: string,
    steps: Step[],
    opts: {
      startStatus?: string;
      token?: string;
      startAt?: number;
      action?: string;
      tags?: Record<string, string>;
    } = {}
  ): void {
    const s = this.lookup(name);
    if (!s || s.deletedAt !== undefined) throw new Error(`cfn-standin: no stack ${name}`);
    this.materialize(s);
    const sorted = sortSteps(steps);
    const first = sorted[0];
    if (opts.startStatus !== undefined) {
      const dup =
        first &&
        isStackStep(first) &&
        first.stack === undefined &&
        first.atMs <= 0 &&
        first.stackStatus === opts.startStatus;
      if (!dup)
        sorted.unshift({ atMs: 0, stackStatus: opts.startStatus, reason: 'User Initiated' });
    }
    this.beginOp(
      s,
      opts.action ?? 'runOperation',
      sorted,
      opts.startAt ?? this.now(),
      opts.token,
      opts.tags ? { tags: opts.tags } : {},
      opts.tags
    );
  }

  /** What the next CreateStack/UpdateStack/... call on this stack does (used once). */
  scriptNext(name: string, action: ScriptableAction, steps: Step[]): void {
    this.scripts.set(scriptKey(name, action), sortSteps(steps));
  }

  /** Make the next `count` calls of `action` (any action for '*') fail with this error. */
  failNext(action: string, error: StandinError, count = 1): void {
    this.failRules.push({ action, error, remaining: count });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.server.close();
  }

  // -------------------------------------------------------------------------------------------
  // Lookup & time
  // -------------------------------------------------------------------------------------------

  private activeByName(name: string): StackState | undefined {
    for (const s of this.stacks.values()) {
      if (s.name === name && s.deletedAt === undefined) return s;
    }
    return undefined;
  }

  /** AWS semantics: a name finds the live stack only; a stack id also finds a deleted one. */
  private lookup(nameOrId: string): StackState | undefined {
    if (nameOrId.startsWith('arn:')) return this.stacks.get(nameOrId);
    const s = this.activeByName(nameOrId);
    if (!s) return undefined;
    this.materialize(s);
    return s.deletedAt === undefined ? s : undefined;
  }

  private materializeAll(): void {
    for (const s of this.stacks.values()) this.materialize(s);
  }

  /** A nested stack's steps may be its ancestors' operations': theirs first, from the root down. */
  private materialize(s: StackState): void {
    const chain: StackState[] = [];
    for (let a = this.parentOf(s); a && chain.length < 16; a = this.parentOf(a)) chain.unshift(a);
    for (const a of chain) this.materializeOwn(a);
    this.materializeOwn(s);
  }

  private parentOf(s: StackState): StackState | undefined {
    return s.parentId === undefined ? undefined : this.stacks.get(s.parentId);
  }

  private materializeOwn(s: StackState): void {
    const op = s.op;
    if (!op) return;
    const now = this.now();
    while (op.applied < op.steps.length) {
      const step = op.steps[op.applied];
      if (!step) break;
      const at = op.startAt + Math.max(0, step.atMs);
      if (at > now) break;
      if (op.applied === 0 && op.touchesLastUpdated) s.lastUpdatedAt = op.startAt;
      if (op.applied === 0 && op.tags) {
        op.tagsBefore = { ...s.tags };
        s.tags = { ...op.tags };
      }
      op.applied++;
      this.applyStep(s, step, at, op);
      if (
        op.tagsBefore &&
        isStackStep(step) &&
        step.stack === undefined &&
        /ROLLBACK_COMPLETE$/.test(step.stackStatus)
      )
        s.tags = op.tagsBefore;
      if (s.op !== op) return; // the stack was deleted: the rest of the script is moot
    }
    if (op.applied >= op.steps.length) s.op = undefined;
  }

  /** The nested stack at `path` (logical IDs of stack resources, dot-separated) below `s`. */
  private nestedAt(s: StackState, path: string): StackState | undefined {
    let t: StackState | undefined = s;
    for (const id of path.split('.')) {
      const r: ResourceState | undefined = t?.resources.get(id);
      if (!r || r.type !== STACK_RESOURCE_TYPE) return undefined;
      t = this.stacks.get(r.physicalId);
    }
    return t;
  }

  private applyStep(owner: StackState, step: Step, at: number, op: OpState): void {
    let s = owner;
    if (step.stack !== undefined) {
      const nested = this.nestedAt(owner, step.stack);
      if (!nested)
        throw new Error(`cfn-standin: no nested stack at ${step.stack} in ${owner.name}`);
      s = nested;
    }
    const token = op.token;
    const operationId = this.operationIdFor(s, op, step);
    if (isStackStep(step)) {
      s.status = step.stackStatus;
      s.reason = step.reason;
      const ev = this.stackEvent(s, at, step.stackStatus, step.reason);
      ev.token = token;
      ev.operationId = operationId;
      s.events.push(ev);
      if (step.stackStatus === 'DELETE_COMPLETE') {
        s.deletedAt = at;
        s.resources.clear();
        s.op = undefined;
      }
      return;
    }
    const prev = s.resources.get(step.logicalId);
    let physicalId = step.physicalId ?? prev?.physicalId;
    let reason = step.reason;
    if (step.type === STACK_RESOURCE_TYPE) {
      // A nested stack resource's physical ID is its stack's ARN: a new one makes the stack.
      physicalId ??= this.makeNestedStack(s, step.logicalId, at).id;
      const child = this.stacks.get(physicalId);
      if (reason === undefined && child && step.status.endsWith('_FAILED'))
        reason = embeddedReason(child, step.status);
    }
    physicalId ??= physicalIdFor(s.name, step.logicalId);
    if (step.status === 'DELETE_COMPLETE' || step.status === 'DELETE_SKIPPED') {
      s.resources.delete(step.logicalId);
    } else {
      s.resources.set(step.logicalId, {
        logicalId: step.logicalId,
        type: step.type,
        status: step.status,
        physicalId,
        reason,
        updatedAt: at
      });
    }
    s.events.push({
      eventId: `${step.logicalId}-${step.status}-${randomUUID()}`,
      logicalId: step.logicalId,
      physicalId,
      type: step.type,
      at,
      status: step.status,
      reason,
      token,
      operationId
    });
  }

  /** A nested stack created by its parent's operation (its own steps say what it goes through). */
  private makeNestedStack(parent: StackState, logicalId: string, at: number): StackState {
    const name = `${parent.name}-${logicalId}-${randomSuffix()}`;
    const child: StackState = {
      name,
      id: stackArn(name),
      status: 'CREATE_IN_PROGRESS',
      createdAt: at,
      tags: { ...parent.tags },
      outputs: {},
      parameters: {},
      resources: new Map(),
      events: [],
      disableRollback: parent.disableRollback,
      terminationProtection: false,
      operations: [],
      parentId: parent.id,
      rootId: parent.rootId ?? parent.id,
      lastOperations: []
    };
    this.stacks.set(child.id, child);
    return child;
  }

  /**
   * The operation ID of a step of `op` on stack `s`: the operation's own on its stack, a new one on
   * a nested stack (the first time the operation touches it), and a new one (ROLLBACK) from a
   * create's or update's stack-level `*ROLLBACK_IN_PROGRESS` on: CloudFormation counts an automatic
   * rollback as an operation of its own.
   */
  private operationIdFor(s: StackState, op: OpState, step: Step): string {
    let seg = s.seg;
    if (!seg || seg.driver !== op) {
      const own = s.id === op.stackId;
      seg = this.newSegment(
        s,
        op,
        own ? op.operationId : randomUUID(),
        own ? op.operationType : nestedOperationType(step, op.operationType)
      );
    }
    if (isStackStep(step)) {
      const status = step.stackStatus;
      if (
        /ROLLBACK_IN_PROGRESS$/.test(status) &&
        (seg.type === 'UPDATE_STACK' || seg.type === 'CREATE_STACK')
      ) {
        this.setOpStatus(seg.id, 'FAILED');
        seg = this.newSegment(s, op, randomUUID(), 'ROLLBACK', {
          operationType: seg.type,
          operationId: seg.id
        });
      }
      this.setOpStatus(
        seg.id,
        status.endsWith('_FAILED')
          ? 'FAILED'
          : status.endsWith('_COMPLETE')
            ? 'SUCCEEDED'
            : 'IN_PROGRESS'
      );
    }
    return seg.id;
  }

  private newSegment(
    s: StackState,
    op: OpState,
    id: string,
    type: string,
    rolledBack?: OperationEntryView
  ): OpSegment {
    const seg: OpSegment = { driver: op, id, type, ...(rolledBack ? { rolledBack } : {}) };
    s.seg = seg;
    s.lastOperations = [
      { operationType: type, operationId: id },
      ...(rolledBack ? [rolledBack] : [])
    ];
    this.opInfo.set(id, { type, status: 'IN_PROGRESS', stackId: s.id });
    return seg;
  }

  private setOpStatus(id: string, status: OpInfo['status']): void {
    const info = this.opInfo.get(id);
    if (info) info.status = status;
  }

  private beginOp(
    s: StackState,
    action: string,
    steps: Step[],
    startAt: number,
    token: string | undefined,
    extra: { tags?: Record<string, string>; resourcesToSkip?: string[] },
    /** Tags the op gives the stack when it starts (an API call applies its own at once). */
    tags?: Record<string, string>,
    tagsBefore?: Record<string, string>
  ): void {
    const first = steps.find((x): x is StackStep => isStackStep(x) && x.stack === undefined);
    const touches =
      !(first?.stackStatus.startsWith('CREATE_') ?? false) && action !== 'CreateStack';
    const operationId = randomUUID();
    const operationType = operationTypeOf(action, first?.stackStatus);
    s.op = {
      action,
      stackId: s.id,
      operationId,
      operationType,
      startAt,
      steps,
      applied: 0,
      token,
      touchesLastUpdated: touches,
      ...(tags ? { tags } : {}),
      ...(tagsBefore ? { tagsBefore } : {})
    };
    s.operations.push({
      action,
      startedAt: startAt,
      token,
      ...extra,
      steps: [...steps],
      operationId,
      operationType
    });
    this.materialize(s);
  }

  private stackEvent(s: StackState, at: number, status: string, reason?: string): EventState {
    return {
      eventId: randomUUID(),
      logicalId: s.name,
      physicalId: s.id,
      type: STACK_RESOURCE_TYPE,
      at,
      status,
      reason
    };
  }

  private eventView(s: StackState, e: EventState): StackEventView {
    return {
      eventId: e.eventId,
      stackId: s.id,
      stackName: s.name,
      logicalResourceId: e.logicalId,
      physicalResourceId: e.physicalId,
      resourceType: e.type,
      timestamp: iso(e.at),
      resourceStatus: e.status,
      resourceStatusReason: e.reason,
      clientRequestToken: e.token,
      ...(e.operationId !== undefined ? { operationId: e.operationId } : {})
    };
  }

  // -------------------------------------------------------------------------------------------
  // HTTP
  // -------------------------------------------------------------------------------------------

  private handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const params: Record<string, string> = {};
    const url = new URL(req.url ?? '/', 'http://localhost');
    for (const [k, v] of url.searchParams) params[k] = v;
    for (const [k, v] of new URLSearchParams(raw)) params[k] = v;
    const action = params['Action'] ?? '';
    recordAwsCall('cloudformation', action, req);
    const requestId = randomUUID();
    let status = 200;
    let body: string;
    try {
      this.materializeAll();
      const rule = this.failRules.find(
        (r) => r.remaining > 0 && (r.action === '*' || r.action === action)
      );
      if (rule) {
        rule.remaining--;
        this.failRules = this.failRules.filter((r) => r.remaining > 0);
        throw new ApiError(
          rule.error.code,
          rule.error.message ?? defaultMessage(rule.error.code),
          rule.error.status ?? defaultStatus(rule.error.code)
        );
      }
      if (this.denied.has(action)) {
        const on = params['StackName'] ? this.lookup(params['StackName'])?.id : undefined;
        throw new ApiError(
          'AccessDenied',
          `User: arn:aws:sts::${STANDIN_ACCOUNT}:assumed-role/deploy/standin is not authorized to perform: cloudformation:${action}` +
            (on ? ` on resource: ${on}` : '') +
            ` because no identity-based policy allows the cloudformation:${action} action`,
          403
        );
      }
      const result = this.dispatch(action, params);
      body =
        `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${CFN_XMLNS}">` +
        (result === null ? '' : `<${action}Result>${result}</${action}Result>`) +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
    } catch (err) {
      const e =
        err instanceof ApiError
          ? err
          : new ApiError(
              'InternalFailure',
              `Internal failure: ${err instanceof Error ? err.message : String(err)}`,
              500
            );
      status = e.status;
      body =
        `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${CFN_XMLNS}"><Error>` +
        el('Type', status >= 500 ? 'Receiver' : 'Sender') +
        el('Code', e.code) +
        el('Message', e.message) +
        `</Error>${el('RequestId', requestId)}</ErrorResponse>`;
    }
    this.calls.push({ action, params, at: this.now(), status });
    res.writeHead(status, {
      'content-type': 'text/xml',
      'content-length': Buffer.byteLength(body),
      'x-amzn-requestid': requestId
    });
    res.end(body);
  }

  /** Returns the inner XML of `<{Action}Result>`, or null for actions without a result element. */
  private dispatch(action: string, p: Record<string, string>): string | null {
    switch (action) {
      case 'DescribeStacks':
        return this.describeStacks(p);
      case 'DescribeStackEvents':
        return this.describeStackEvents(p);
      case 'DescribeEvents':
        if (!this.operationIds) throw unknownAction(action);
        return this.describeEvents(p);
      case 'CreateStack':
        return this.createStack(p);
      case 'UpdateStack':
        return this.updateStack(p);
      case 'RollbackStack':
        return this.rollbackStack(p);
      case 'ContinueUpdateRollback':
        return this.continueUpdateRollback(p);
      case 'DeleteStack':
        return this.deleteStack(p);
      default:
        throw unknownAction(action);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Read actions
  // -------------------------------------------------------------------------------------------

  private mustFind(p: Record<string, string>, style: 'id' | 'brackets'): StackState {
    const name = p['StackName'];
    if (name === undefined || name === '') {
      throw new ApiError(
        'ValidationError',
        "1 validation error detected: Value null at 'stackName' failed to satisfy constraint: Member must not be null"
      );
    }
    const s = this.lookup(name);
    if (!s)
      throw new ApiError(
        'ValidationError',
        style === 'id' ? `Stack with id ${name} does not exist` : `Stack [${name}] does not exist`
      );
    return s;
  }

  private describeStacks(p: Record<string, string>): string {
    let stacks: StackState[];
    const name = p['StackName'];
    if (name !== undefined && name !== '') {
      stacks = [this.mustFind(p, 'id')];
    } else {
      stacks = [...this.stacks.values()].filter((s) => s.deletedAt === undefined);
    }
    const start = decodeToken(p['NextToken'], 'stacks', '*') ?? 0;
    const page = stacks.slice(start, start + this.pageSize);
    const next =
      start + this.pageSize < stacks.length
        ? encodeToken({ k: 'stacks', s: '*', i: start + this.pageSize })
        : undefined;
    return (
      list(
        'Stacks',
        page.map((s) => this.stackXml(s))
      ) + el('NextToken', next)
    );
  }

  private stackXml(s: StackState): string {
    return (
      el('StackId', s.id) +
      el('StackName', s.name) +
      list(
        'Parameters',
        Object.entries(s.parameters).map(
          ([k, v]) => el('ParameterKey', k) + el('ParameterValue', v)
        )
      ) +
      el('CreationTime', iso(s.createdAt)) +
      (s.deletedAt !== undefined ? el('DeletionTime', iso(s.deletedAt)) : '') +
      (s.lastUpdatedAt !== undefined ? el('LastUpdatedTime', iso(s.lastUpdatedAt)) : '') +
      el('StackStatus', s.status) +
      el('StackStatusReason', s.reason) +
      el('DisableRollback', s.disableRollback) +
      list('NotificationARNs', []) +
      list('Capabilities', []) +
      list(
        'Outputs',
        Object.entries(s.outputs).map(([k, v]) => el('OutputKey', k) + el('OutputValue', v))
      ) +
      list(
        'Tags',
        Object.entries(s.tags).map(([k, v]) => el('Key', k) + el('Value', v))
      ) +
      el('EnableTerminationProtection', s.terminationProtection) +
      el('ParentId', s.parentId) +
      el('RootId', s.rootId) +
      `<DriftInformation>${el('StackDriftStatus', 'NOT_CHECKED')}</DriftInformation>` +
      (this.operationIds && s.lastOperations.length > 0
        ? list(
            'LastOperations',
            s.lastOperations.map(
              (o) => el('OperationType', o.operationType) + el('OperationId', o.operationId)
            )
          )
        : '')
    );
  }

  private describeStackEvents(p: Record<string, string>): string {
    const s = this.mustFind(p, 'brackets');
    const from = decodeToken(p['NextToken'], 'events', s.id) ?? s.events.length - 1;
    const members: string[] = [];
    let i = Math.min(from, s.events.length - 1);
    for (; i >= 0 && members.length < this.pageSize; i--) {
      const e = s.events[i];
      if (!e) continue;
      members.push(
        el('StackId', s.id) +
          el('EventId', e.eventId) +
          el('StackName', s.name) +
          el('LogicalResourceId', e.logicalId) +
          el('PhysicalResourceId', e.physicalId) +
          el('ResourceType', e.type) +
          el('Timestamp', iso(e.at)) +
          el('ResourceStatus', e.status) +
          el('ResourceStatusReason', e.reason) +
          el('ClientRequestToken', e.token) +
          (this.operationIds ? el('OperationId', e.operationId) : '')
      );
    }
    const next = i >= 0 ? encodeToken({ k: 'events', s: s.id, i }) : undefined;
    return list('StackEvents', members) + el('NextToken', next);
  }

  /**
   * DescribeEvents: a stack's events (StackName), an operation's (OperationId), or both, newest
   * first; `Filters.FailedEvents` keeps the `*_FAILED` ones. An unknown OperationId finds nothing.
   */
  private describeEvents(p: Record<string, string>): string {
    const name = p['StackName'] || undefined;
    const opId = p['OperationId'] || undefined;
    if (name === undefined && opId === undefined && !p['ChangeSetName'])
      throw new ApiError(
        'ValidationError',
        'One of ChangeSetName, OperationId or StackName must be specified'
      );
    let stacks: StackState[];
    if (name !== undefined) {
      stacks = [this.mustFind(p, 'brackets')];
    } else if (opId !== undefined) {
      const info = this.opInfo.get(opId);
      const st = info ? this.stacks.get(info.stackId) : undefined;
      stacks = st ? [st] : [];
    } else {
      stacks = []; // change sets are not modelled: none has events
    }
    const failedOnly = p['Filters.FailedEvents'] === 'true';
    const matching: Array<{ s: StackState; e: EventState }> = [];
    for (const st of stacks) {
      for (const e of st.events) {
        if (opId !== undefined && e.operationId !== opId) continue;
        if (failedOnly && !e.status.endsWith('_FAILED')) continue;
        matching.push({ s: st, e });
      }
    }
    const scope = `${name ?? ''}|${opId ?? ''}|${failedOnly}`;
    const from = decodeToken(p['NextToken'], 'opevents', scope) ?? matching.length - 1;
    const members: string[] = [];
    let i = Math.min(from, matching.length - 1);
    for (; i >= 0 && members.length < this.pageSize; i--) {
      const m = matching[i];
      if (!m) continue;
      const { s: st, e } = m;
      const info = e.operationId === undefined ? undefined : this.opInfo.get(e.operationId);
      const stackLevel = e.logicalId === st.name && e.physicalId === st.id;
      members.push(
        el('EventId', e.eventId) +
          el('StackId', st.id) +
          el('OperationId', e.operationId) +
          el('OperationType', info?.type) +
          el('OperationStatus', info?.status) +
          el(
            'EventType',
            stackLevel
              ? 'STACK_EVENT'
              : e.status.endsWith('_FAILED')
                ? 'PROVISIONING_ERROR'
                : 'PROGRESS_EVENT'
          ) +
          el('LogicalResourceId', e.logicalId) +
          el('PhysicalResourceId', e.physicalId) +
          el('ResourceType', e.type) +
          el('Timestamp', iso(e.at)) +
          el('ResourceStatus', e.status) +
          el('ResourceStatusReason', e.reason) +
          el('ClientRequestToken', e.token)
      );
    }
    const next = i >= 0 ? encodeToken({ k: 'opevents', s: scope, i }) : undefined;
    return list('OperationEvents', members) + el('NextToken', next);
  }

  private resourcesOf(s: StackState): ResourceState[] {
    return [...s.resources.values()];
  }

  // -------------------------------------------------------------------------------------------
  // Mutating actions
  // -------------------------------------------------------------------------------------------

  private takeScript(name: string, action: ScriptableAction): Step[] | undefined {
    const key = scriptKey(name, action);
    const steps = this.scripts.get(key);
    if (steps) this.scripts.delete(key);
    return steps;
  }

  /** Starts an API-initiated op: the implied start status is added unless the script opens with a stack step at 0. */
  private startApiOp(
    s: StackState,
    action: ScriptableAction,
    impliedStart: string,
    defaults: () => Step[],
    token: string | undefined,
    extra: { tags?: Record<string, string>; resourcesToSkip?: string[] } = {},
    /** The stack's tags before the call changed them, for a rollback to put back. */
    tagsBefore?: Record<string, string>
  ): void {
    const scripted = this.takeScript(s.name, action);
    const steps = scripted ? [...scripted] : sortSteps(defaults());
    const first = steps[0];
    if (!(first && isStackStep(first) && first.stack === undefined && first.atMs <= 0)) {
      steps.unshift({ atMs: 0, stackStatus: impliedStart, reason: 'User Initiated' });
    }
    this.beginOp(s, action, steps, this.now(), token, extra, undefined, tagsBefore);
  }

  /** AWS idempotency: a retried call with the token of the latest operation of the same action is a no-op. */
  private isRetry(s: StackState, action: string, token: string | undefined): boolean {
    if (!token) return false;
    const last = s.operations[s.operations.length - 1];
    return last !== undefined && last.action === action && last.token === token;
  }

  private createStack(p: Record<string, string>): string {
    const name = p['StackName'] ?? '';
    if (name === '')
      throw new ApiError(
        'ValidationError',
        "1 validation error detected: Value null at 'stackName' failed to satisfy constraint: Member must not be null"
      );
    const token = p['ClientRequestToken'] || undefined;
    const existing = this.activeByName(name);
    if (existing) {
      if (this.isRetry(existing, 'CreateStack', token)) return el('StackId', existing.id);
      throw new ApiError('AlreadyExistsException', `Stack [${name}] already exists`);
    }
    const tags = tagsFrom(p) ?? {};
    const now = this.now();
    const s: StackState = {
      name,
      id: stackArn(name),
      status: 'CREATE_IN_PROGRESS',
      reason: 'User Initiated',
      createdAt: now,
      tags,
      outputs: {},
      parameters: parametersFrom(p, {}),
      resources: new Map(),
      events: [],
      disableRollback: p['DisableRollback'] === 'true',
      terminationProtection: p['EnableTerminationProtection'] === 'true',
      operations: [],
      lastOperations: []
    };
    this.stacks.set(s.id, s);
    const resources = templateResources(p['TemplateBody']) ?? [
      { logicalId: 'Resource', type: 'AWS::CloudFormation::WaitConditionHandle' }
    ];
    this.startApiOp(
      s,
      'CreateStack',
      'CREATE_IN_PROGRESS',
      () => [
        ...resources.flatMap((r) => [
          { atMs: 50, logicalId: r.logicalId, type: r.type, status: 'CREATE_IN_PROGRESS' },
          {
            atMs: 60,
            logicalId: r.logicalId,
            type: r.type,
            status: 'CREATE_IN_PROGRESS',
            reason: 'Resource creation Initiated'
          },
          { atMs: 150, logicalId: r.logicalId, type: r.type, status: 'CREATE_COMPLETE' }
        ]),
        { atMs: DEFAULT_OP_MS, stackStatus: 'CREATE_COMPLETE' }
      ],
      token,
      { tags }
    );
    return el('StackId', s.id);
  }

  /** CloudFormation wants these on the root stack: a nested stack's own are refused. */
  private refuseNested(s: StackState, action: string): void {
    if (s.parentId === undefined || !this.nestedStackRefusals.has(action)) return;
    const root = s.rootId === undefined ? undefined : this.stacks.get(s.rootId);
    throw new ApiError(
      'ValidationError',
      `Stack [${s.name}] is a nested stack: ${action} can only be performed on its root stack [${root?.name ?? s.rootId ?? ''}]`
    );
  }

  private updateStack(p: Record<string, string>): string {
    const s = this.mustFind(p, 'brackets');
    this.refuseNested(s, 'UpdateStack');
    const token = p['ClientRequestToken'] || undefined;
    if (this.isRetry(s, 'UpdateStack', token)) return el('StackId', s.id);
    if (inProgress(s.status) || !UPDATABLE.has(s.status)) {
      throw new ApiError(
        'ValidationError',
        `Stack:${s.id} is in ${s.status} state and can not be updated.`
      );
    }
    const tags = tagsFrom(p);
    const tagsBefore = tags ? { ...s.tags } : undefined;
    if (tags) s.tags = tags;
    s.parameters = parametersFrom(p, s.parameters);
    if (p['DisableRollback'] !== undefined) s.disableRollback = p['DisableRollback'] === 'true';
    const touched = this.resourcesOf(s).slice(0, 2);
    const rs =
      touched.length > 0
        ? touched
        : [{ logicalId: 'Resource', type: 'AWS::CloudFormation::WaitConditionHandle' }];
    this.startApiOp(
      s,
      'UpdateStack',
      'UPDATE_IN_PROGRESS',
      () => [
        ...rs.flatMap((r) => [
          { atMs: 50, logicalId: r.logicalId, type: r.type, status: 'UPDATE_IN_PROGRESS' },
          { atMs: 150, logicalId: r.logicalId, type: r.type, status: 'UPDATE_COMPLETE' }
        ]),
        { atMs: 180, stackStatus: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS' },
        { atMs: DEFAULT_OP_MS, stackStatus: 'UPDATE_COMPLETE' }
      ],
      token,
      tags ? { tags } : {},
      tagsBefore
    );
    return el('StackId', s.id);
  }

  private rollbackStack(p: Record<string, string>): string {
    const s = this.mustFind(p, 'brackets');
    this.refuseNested(s, 'RollbackStack');
    const token = p['ClientRequestToken'] || undefined;
    if (this.isRetry(s, 'RollbackStack', token)) return el('StackId', s.id);
    if (!ROLLBACKABLE.has(s.status)) {
      throw new ApiError(
        'ValidationError',
        `Stack:${s.id} is in ${s.status} state and can not be rolled back.`
      );
    }
    const fromCreate = s.status === 'CREATE_FAILED';
    const failed = this.resourcesOf(s).filter(
      (r) => r.status.endsWith('_FAILED') || inProgress(r.status)
    );
    if (fromCreate) {
      const all = this.resourcesOf(s);
      this.startApiOp(
        s,
        'RollbackStack',
        'ROLLBACK_IN_PROGRESS',
        () => [
          ...all.flatMap((r) => [
            { atMs: 50, logicalId: r.logicalId, type: r.type, status: 'DELETE_IN_PROGRESS' },
            { atMs: 150, logicalId: r.logicalId, type: r.type, status: 'DELETE_COMPLETE' }
          ]),
          { atMs: DEFAULT_OP_MS, stackStatus: 'ROLLBACK_COMPLETE' }
        ],
        token
      );
    } else {
      this.startApiOp(
        s,
        'RollbackStack',
        'UPDATE_ROLLBACK_IN_PROGRESS',
        () => [
          ...failed.flatMap((r) => [
            { atMs: 50, logicalId: r.logicalId, type: r.type, status: 'UPDATE_IN_PROGRESS' },
            { atMs: 100, logicalId: r.logicalId, type: r.type, status: 'UPDATE_COMPLETE' }
          ]),
          { atMs: 150, stackStatus: 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS' },
          { atMs: DEFAULT_OP_MS, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' }
        ],
        token
      );
    }
    return el('StackId', s.id);
  }

  private continueUpdateRollback(p: Record<string, string>): null {
    const s = this.mustFind(p, 'brackets');
    this.refuseNested(s, 'ContinueUpdateRollback');
    const token = p['ClientRequestToken'] || undefined;
    if (this.isRetry(s, 'ContinueUpdateRollback', token)) return null;
    if (s.status !== 'UPDATE_ROLLBACK_FAILED') {
      throw new ApiError(
        'ValidationError',
        `Stack:${s.id} is in ${s.status} state and can not continue update rollback. ContinueUpdateRollback can only be called on a stack in UPDATE_ROLLBACK_FAILED state.`
      );
    }
    const skip = queryStringList(p, 'ResourcesToSkip') ?? [];
    for (const id of skip) this.checkSkippable(s, id);
    const failed = this.resourcesOf(s).filter((r) => r.status.endsWith('_FAILED'));
    if (failed.some((r) => r.type === STACK_RESOURCE_TYPE && this.nestedAt(s, r.logicalId))) {
      // Failed nested stacks: each one's rollback is continued within the root's, skipping the
      // resources named `Nested.Resource` (`Nested.Inner.Resource` two levels down).
      const steps: Step[] = [];
      const end = this.continueRollbackSteps(s, undefined, new Set(skip), 50, steps);
      this.startApiOp(
        s,
        'ContinueUpdateRollback',
        'UPDATE_ROLLBACK_IN_PROGRESS',
        () => [
          ...steps,
          { atMs: end + 10, stackStatus: 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS' },
          { atMs: Math.max(end + 20, DEFAULT_OP_MS), stackStatus: 'UPDATE_ROLLBACK_COMPLETE' }
        ],
        token,
        { resourcesToSkip: skip }
      );
      return null;
    }
    this.startApiOp(
      s,
      'ContinueUpdateRollback',
      'UPDATE_ROLLBACK_IN_PROGRESS',
      () => [
        ...failed.flatMap((r) =>
          skip.includes(r.logicalId)
            ? [
                {
                  atMs: 50,
                  logicalId: r.logicalId,
                  type: r.type,
                  status: 'UPDATE_COMPLETE',
                  reason: 'Resource skipped during UpdateRollback'
                }
              ]
            : [
                { atMs: 50, logicalId: r.logicalId, type: r.type, status: 'UPDATE_IN_PROGRESS' },
                { atMs: 100, logicalId: r.logicalId, type: r.type, status: 'UPDATE_COMPLETE' }
              ]
        ),
        { atMs: 150, stackStatus: 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS' },
        { atMs: DEFAULT_OP_MS, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' }
      ],
      token,
      { resourcesToSkip: skip }
    );
    return null;
  }

  /**
   * A resource ContinueUpdateRollback may skip: a resource of the stack (a nested stack resource
   * only once its stack is being deleted or gone, as CloudFormation documents), or, for one in a
   * nested stack, `NestedStackLogicalId.ResourceLogicalId`, in UPDATE_FAILED there.
   */
  private checkSkippable(s: StackState, id: string): void {
    const dot = id.lastIndexOf('.');
    if (dot < 0) {
      const r = s.resources.get(id);
      if (!r)
        throw new ApiError('ValidationError', `Resource ${id} does not exist in stack ${s.name}`);
      const child = r.type === STACK_RESOURCE_TYPE ? this.stacks.get(r.physicalId) : undefined;
      if (child && !child.status.startsWith('DELETE_'))
        throw new ApiError(
          'ValidationError',
          `Nested stack resource ${id} cannot be skipped: its stack ${child.id} is in ${child.status} state. ` +
            'Skip the resources of the nested stack that failed to roll back instead (NestedStackName.ResourceLogicalID), ' +
            'or a nested stack in DELETE_IN_PROGRESS, DELETE_COMPLETE or DELETE_FAILED state.'
        );
      return;
    }
    const path = id.slice(0, dot);
    const logicalId = id.slice(dot + 1);
    const nested = this.nestedAt(s, path);
    const r = nested?.resources.get(logicalId);
    if (!nested || !r)
      throw new ApiError('ValidationError', `Resource ${id} does not exist in stack ${s.name}`);
    // The same rule one level down: a nested stack resource only once its own stack is being deleted.
    const embedded = r.type === STACK_RESOURCE_TYPE ? this.stacks.get(r.physicalId) : undefined;
    if (embedded && !embedded.status.startsWith('DELETE_'))
      throw new ApiError(
        'ValidationError',
        `Nested stack resource ${id} cannot be skipped: its stack ${embedded.id} is in ${embedded.status} state. ` +
          'Skip the resources of the nested stack that failed to roll back instead (NestedStackName.ResourceLogicalID), ' +
          'or a nested stack in DELETE_IN_PROGRESS, DELETE_COMPLETE or DELETE_FAILED state.'
      );
    if (r.status !== 'UPDATE_FAILED')
      throw new ApiError(
        'ValidationError',
        `Resource ${id} is in ${r.status} state and cannot be skipped: only resources in UPDATE_FAILED state can be skipped`
      );
    if (!this.failedToRollBack(nested, logicalId))
      throw new ApiError(
        'ValidationError',
        `Resource ${id} cannot be skipped: it is in UPDATE_FAILED state for another reason than a failed rollback (its update failed or was cancelled). ` +
          'Only resources that failed to roll back can be skipped.'
      );
  }

  /**
   * Whether a resource's UPDATE_FAILED is its rollback's (what ContinueUpdateRollback may skip, as
   * AWS documents), not its update's failure or cancellation: its latest event comes after its
   * stack's latest UPDATE_ROLLBACK_IN_PROGRESS and is no cancellation. A stack put without such
   * events (seeded) is taken at its word.
   */
  private failedToRollBack(s: StackState, logicalId: string): boolean {
    const start = s.events.findLastIndex(
      (e) => e.logicalId === s.name && e.status === 'UPDATE_ROLLBACK_IN_PROGRESS'
    );
    const last = s.events.findLastIndex((e) => e.logicalId === logicalId);
    if (start < 0 || last < 0) return true;
    return last > start && !/cancel/i.test(s.events[last]?.reason ?? '');
  }

  /**
   * ContinueUpdateRollback's steps for the failed resources of `s` (at `path` below the operation's
   * stack), from `t` ms; returns the time of the last. A failed nested stack resource is updated
   * again while its stack continues its own rollback, with the same rules one level down.
   */
  private continueRollbackSteps(
    s: StackState,
    path: string | undefined,
    skip: Set<string>,
    t: number,
    out: Step[]
  ): number {
    const prefix = path === undefined ? '' : `${path}.`;
    const at = path === undefined ? {} : { stack: path };
    for (const r of this.resourcesOf(s).filter((x) => x.status.endsWith('_FAILED'))) {
      const child = r.type === STACK_RESOURCE_TYPE ? this.nestedAt(s, r.logicalId) : undefined;
      const res = (ms: number, status: string, reason?: string): ResourceStep => ({
        atMs: ms,
        logicalId: r.logicalId,
        type: r.type,
        status,
        ...(reason !== undefined ? { reason } : {}),
        ...at
      });
      if (skip.has(prefix + r.logicalId)) {
        out.push(res((t += 10), 'UPDATE_COMPLETE', 'Resource skipped during UpdateRollback'));
      } else if (child) {
        const childPath = prefix + r.logicalId;
        out.push(res((t += 10), 'UPDATE_IN_PROGRESS'));
        out.push({ atMs: (t += 10), stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS', stack: childPath });
        t = this.continueRollbackSteps(child, childPath, skip, t, out);
        out.push({
          atMs: (t += 10),
          stackStatus: 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
          stack: childPath
        });
        out.push({ atMs: (t += 10), stackStatus: 'UPDATE_ROLLBACK_COMPLETE', stack: childPath });
        out.push(res((t += 10), 'UPDATE_COMPLETE'));
      } else {
        out.push(res((t += 10), 'UPDATE_IN_PROGRESS'));
        out.push(res((t += 10), 'UPDATE_COMPLETE'));
      }
    }
    return t;
  }

  private deleteStack(p: Record<string, string>): null {
    const name = p['StackName'] ?? '';
    const s = name === '' ? undefined : this.lookup(name);
    // AWS: deleting a stack that does not exist (or is already deleted) succeeds silently.
    if (!s || s.deletedAt !== undefined) return null;
    this.refuseNested(s, 'DeleteStack');
    const token = p['ClientRequestToken'] || undefined;
    if (s.status === 'DELETE_IN_PROGRESS') return null;
    if (s.terminationProtection) {
      throw new ApiError(
        'ValidationError',
        `Stack [${s.name}] cannot be deleted while TerminationProtection is enabled`
      );
    }
    if (inProgress(s.status)) {
      throw new ApiError(
        'ValidationError',
        `Stack [${s.name}] cannot be deleted while in status ${s.status}`
      );
    }
    const retain = new Set(queryStringList(p, 'RetainResources') ?? []);
    const rs = this.resourcesOf(s);
    this.startApiOp(
      s,
      'DeleteStack',
      'DELETE_IN_PROGRESS',
      () => [
        ...rs.flatMap((r): Step[] =>
          retain.has(r.logicalId)
            ? [{ atMs: 50, logicalId: r.logicalId, type: r.type, status: 'DELETE_SKIPPED' }]
            : [
                { atMs: 50, logicalId: r.logicalId, type: r.type, status: 'DELETE_IN_PROGRESS' },
                // A nested stack is deleted with its resource (its own resources are not listed).
                ...(this.nestedAt(s, r.logicalId)
                  ? [
                      { atMs: 60, stack: r.logicalId, stackStatus: 'DELETE_IN_PROGRESS' },
                      { atMs: 140, stack: r.logicalId, stackStatus: 'DELETE_COMPLETE' }
                    ]
                  : []),
                { atMs: 150, logicalId: r.logicalId, type: r.type, status: 'DELETE_COMPLETE' }
              ]
        ),
        { atMs: DEFAULT_OP_MS, stackStatus: 'DELETE_COMPLETE' }
      ],
      token
    );
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Scripting helpers
// ---------------------------------------------------------------------------------------------

/**
 * A nested stack's steps, written with offsets from the moment its parent's resource goes
 * `*_IN_PROGRESS` (`atMs` in the parent's operation), placed in the parent's operation.
 */
export function nestedSteps(path: string, atMs: number, steps: Step[]): Step[] {
  return steps.map((s) => ({
    ...s,
    atMs: atMs + s.atMs,
    stack: s.stack === undefined ? path : `${path}.${s.stack}`
  }));
}

interface TreeNode {
  logicalId: string;
  type: string;
  fails?: string;
  rollbackFails?: string;
  nested?: TreeNode[];
}

const SCRIPTED_FAILURE = 'Resource handler returned message: "Scripted failure"';

function treeNodes(rs: Array<TreeResource | string>): TreeNode[] {
  return rs.map((r) => {
    const d = typeof r === 'string' ? { logicalId: r } : r;
    const reason = (v: string | true | undefined): string | undefined =>
      v === true ? SCRIPTED_FAILURE : v;
    return {
      logicalId: d.logicalId,
      type: d.type ?? (d.nested ? STACK_RESOURCE_TYPE : 'AWS::SNS::Topic'),
      ...(d.fails !== undefined ? { fails: reason(d.fails) } : {}),
      ...(d.rollbackFails !== undefined ? { rollbackFails: reason(d.rollbackFails) } : {}),
      ...(d.nested ? { nested: treeNodes(d.nested) } : {})
    };
  });
}

/**
 * The steps of a whole operation of a stack and its nested stacks, as CloudFormation goes through
 * it, from a compact description: each stack's resources one after the other (a nested stack's
 * within its resource's `*_IN_PROGRESS` and `*_COMPLETE`), `stepMs` apart. A resource that `fails`
 * stops its stack, which rolls back (stack reason "The following resource(s) failed to update:
 * [Db]."); its parent's resource fails with the embedded stack's reason, and so on up to the root,
 * which rolls back each stack's updated resources in reverse (a nested stack's within its
 * resource's rollback). `rollbackFails` leaves them in UPDATE_ROLLBACK_FAILED. A CREATE's rollback
 * deletes what it created (nested stacks too). For `runOperation` or `scriptNext` of the root.
 */
export function treeOperation(spec: TreeOperationSpec): Step[] {
  const kind = spec.kind ?? 'UPDATE';
  const stepMs = spec.stepMs ?? 10;
  const out: Step[] = [];
  let t = 0;
  const next = (): number => (t += stepMs);
  const on = (path: string | undefined) => (path === undefined ? {} : { stack: path });
  const join = (path: string | undefined, id: string) =>
    path === undefined ? id : `${path}.${id}`;
  const stackStep = (path: string | undefined, status: string, reason?: string, at = next()) =>
    out.push({
      atMs: at,
      stackStatus: status,
      ...(reason !== undefined ? { reason } : {}),
      ...on(path)
    });
  const res = (path: string | undefined, n: TreeNode, status: string, reason?: string) =>
    out.push({
      atMs: next(),
      logicalId: n.logicalId,
      type: n.type,
      status,
      ...(reason !== undefined ? { reason } : {}),
      ...on(path)
    });
  const failedList = (ids: string[]) =>
    `The following resource(s) failed to ${kind === 'UPDATE' ? 'update' : 'create'}: [${ids.join(', ')}].`;
  // What each stack went through before its rollback: its touched resources, whether it failed.
  const touchedOf = new Map<string, TreeNode[]>();
  const rollingBack = new Set<string>();

  /** Runs a stack forward; false when it failed (and started its own rollback). */
  const forward = (path: string | undefined, nodes: TreeNode[]): boolean => {
    const key = path ?? '';
    const touched: TreeNode[] = [];
    touchedOf.set(key, touched);
    if (path !== undefined) stackStep(path, `${kind}_IN_PROGRESS`);
    for (const n of nodes) {
      res(path, n, `${kind}_IN_PROGRESS`);
      touched.push(n);
      const ok = n.nested ? forward(join(path, n.logicalId), n.nested) : n.fails === undefined;
      if (ok) {
        res(path, n, `${kind}_COMPLETE`);
        continue;
      }
      // The nested stack resource's reason comes from its stack (the stand-in writes it).
      res(path, n, `${kind}_FAILED`, n.nested ? undefined : n.fails);
      rollingBack.add(key);
      stackStep(
        path,
        kind === 'UPDATE' ? 'UPDATE_ROLLBACK_IN_PROGRESS' : 'ROLLBACK_IN_PROGRESS',
        kind === 'UPDATE'
          ? failedList([n.logicalId])
          : `${failedList([n.logicalId])} Rollback requested by user.`
      );
      return false;
    }
    if (kind === 'UPDATE') stackStep(path, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
    stackStep(path, `${kind}_COMPLETE`);
    return true;
  };

  /** Rolls an update back; false when its rollback failed. */
  const rollBackUpdate = (path: string | undefined): boolean => {
    const key = path ?? '';
    if (!rollingBack.has(key)) {
      rollingBack.add(key);
      stackStep(path, 'UPDATE_ROLLBACK_IN_PROGRESS');
    }
    const failed: string[] = [];
    for (const n of [...(touchedOf.get(key) ?? [])].reverse()) {
      res(path, n, 'UPDATE_IN_PROGRESS');
      const ok = n.nested ? rollBackUpdate(join(path, n.logicalId)) : n.rollbackFails === undefined;
      if (ok) res(path, n, 'UPDATE_COMPLETE');
      else {
        res(path, n, 'UPDATE_FAILED', n.nested ? undefined : n.rollbackFails);
        failed.push(n.logicalId);
      }
    }
    if (failed.length > 0) {
      stackStep(path, 'UPDATE_ROLLBACK_FAILED', failedList(failed));
      return false;
    }
    stackStep(path, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
    stackStep(path, 'UPDATE_ROLLBACK_COMPLETE');
    return true;
  };

  /** Deletes what a create made, newest first (a nested stack: its own, then it). */
  const deleteCreated = (path: string | undefined): void => {
    for (const n of [...(touchedOf.get(path ?? '') ?? [])].reverse()) {
      res(path, n, 'DELETE_IN_PROGRESS');
      if (n.nested) {
        const child = join(path, n.logicalId);
        if (rollingBack.has(child)) {
          deleteCreated(child);
          stackStep(child, 'ROLLBACK_COMPLETE');
          stackStep(child, 'DELETE_IN_PROGRESS');
        } else {
          stackStep(child, 'DELETE_IN_PROGRESS');
          deleteCreated(child);
        }
        stackStep(child, 'DELETE_COMPLETE');
      }
      res(path, n, 'DELETE_COMPLETE');
    }
  };

  stackStep(undefined, `${kind}_IN_PROGRESS`, 'User Initiated', 0);
  if (forward(undefined, treeNodes(spec.resources))) return out;
  if (kind === 'UPDATE') rollBackUpdate(undefined);
  else {
    deleteCreated(undefined);
    stackStep(undefined, 'ROLLBACK_COMPLETE');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function stackArn(name: string): string {
  return `arn:aws:cloudformation:${STANDIN_REGION}:${STANDIN_ACCOUNT}:stack/${name}/${randomUUID()}`;
}

/** Like the suffix CloudFormation gives a nested stack's name: 12 upper-case letters and digits. */
function randomSuffix(): string {
  return randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase();
}

/**
 * Why a nested stack resource failed, as CloudFormation says it, from its stack's state then:
 * "Embedded stack <arn> was not successfully updated. Currently in <status> with reason: <reason>"
 * (an update) or "Embedded stack <arn> was not successfully created: <reason>" (a create).
 */
export function embeddedReason(
  child: { id: string; status: string; reason?: string },
  resourceStatus: string
): string {
  const why = child.reason ?? '';
  if (resourceStatus.startsWith('CREATE_')) {
    const list = /^(.*?\]\.)/.exec(why)?.[1] ?? why;
    return `Embedded stack ${child.id} was not successfully created: ${list}`;
  }
  return `Embedded stack ${child.id} was not successfully updated. Currently in ${child.status} with reason: ${why}`;
}

/** The `OperationType` of an operation started by `action` (or `runOperation`, by its first status). */
function operationTypeOf(action: string, firstStatus: string | undefined): string {
  switch (action) {
    case 'CreateStack':
      return 'CREATE_STACK';
    case 'UpdateStack':
      return 'UPDATE_STACK';
    case 'DeleteStack':
      return 'DELETE_STACK';
    case 'RollbackStack':
      return 'ROLLBACK';
    case 'ContinueUpdateRollback':
      return 'CONTINUE_ROLLBACK';
  }
  const st = firstStatus ?? '';
  if (/ROLLBACK_IN_PROGRESS$/.test(st)) return 'ROLLBACK';
  if (st.startsWith('CREATE_')) return 'CREATE_STACK';
  if (st.startsWith('DELETE_')) return 'DELETE_STACK';
  return 'UPDATE_STACK';
}

/** The operation type a nested stack's part of its parent's operation gets, by its first step. */
function nestedOperationType(step: Step, parentType: string): string {
  if (!isStackStep(step)) return parentType;
  const st = step.stackStatus;
  if (/ROLLBACK_IN_PROGRESS$/.test(st))
    return parentType === 'CONTINUE_ROLLBACK' ? parentType : 'ROLLBACK';
  if (st.startsWith('CREATE_')) return 'CREATE_STACK';
  if (st.startsWith('DELETE_')) return 'DELETE_STACK';
  if (st.startsWith('UPDATE_')) return 'UPDATE_STACK';
  return parentType;
}

function physicalIdFor(stackName: string, logicalId: string): string {
  return `${stackName}-${logicalId}-${randomUUID().slice(0, 12).replace(/-/g, '').toUpperCase()}`;
}

function scriptKey(name: string, action: string): string {
  return `${name}\u0000${action}`;
}

function sortSteps(steps: Step[]): Step[] {
  return steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.atMs - b.s.atMs || a.i - b.i)
    .map(({ s }) => s);
}

function tagsFrom(p: Record<string, string>): Record<string, string> | undefined {
  const entries = queryStructList(p, 'Tags');
  if (!entries) return undefined;
  const tags: Record<string, string> = {};
  for (const e of entries) {
    const k = e['Key'];
    if (k !== undefined) tags[k] = e['Value'] ?? '';
  }
  return tags;
}

function parametersFrom(
  p: Record<string, string>,
  previous: Record<string, string>
): Record<string, string> {
  const entries = queryStructList(p, 'Parameters');
  if (!entries) return { ...previous };
  const out: Record<string, string> = {};
  for (const e of entries) {
    const k = e['ParameterKey'];
    if (k === undefined) continue;
    if (e['UsePreviousValue'] === 'true') {
      const prev = previous[k];
      if (prev !== undefined) out[k] = prev;
    } else {
      out[k] = e['ParameterValue'] ?? '';
    }
  }
  return out;
}

/** Logical ids and types from a JSON template body (YAML templates are not parsed). */
function templateResources(
  body: string | undefined
): Array<{ logicalId: string; type: string }> | undefined {
  if (!body) return undefined;
  try {
    const t = JSON.parse(body) as { Resources?: Record<string, { Type?: unknown }> };
    if (!t.Resources || typeof t.Resources !== 'object') return undefined;
    return Object.entries(t.Resources).map(([logicalId, r]) => ({
      logicalId,
      type: typeof r?.Type === 'string' ? r.Type : 'AWS::CloudFormation::WaitConditionHandle'
    }));
  } catch {
    return undefined;
  }
}

function unknownAction(action: string): ApiError {
  return new ApiError('InvalidAction', `Could not find operation ${action} for version 2010-05-15`);
}

function defaultStatus(code: string): number {
  switch (code) {
    case 'InternalFailure':
    case 'InternalError':
      return 500;
    case 'ServiceUnavailable':
      return 503;
    default:
      return 400;
  }
}

function defaultMessage(code: string): string {
  switch (code) {
    case 'Throttling':
    case 'ThrottlingException':
      return 'Rate exceeded';
    case 'InternalFailure':
      return 'An internal error has occurred';
    case 'ServiceUnavailable':
      return 'Service Unavailable';
    default:
      return `${code} (injected by cfn-standin)`;
  }
}
