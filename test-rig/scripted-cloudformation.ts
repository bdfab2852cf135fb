/**
 * An in-memory CloudFormation for in-process runs of the stages: one reader and recovery port
 * (src/coordination/ports.ts) over stacks whose operations are scripts of steps in virtual time,
 * materialized lazily on every call, like the HTTP stand-in (cfn-standin.ts) does on real time.
 *
 * It keeps CloudFormation's own rules that coordination relies on: an update is refused while
 * the stack is in progress or needs a repair (`updatesRefused` counts each refusal, so a test can
 * tell two deployers apart from one), RollbackStack and ContinueUpdateRollback only from the
 * states that allow them, and a deleted stack is gone. A stack that was never put does not exist.
 */
import type {
  FailedEvents,
  StackOperation,
  StackReader,
  StackRecovery
} from '../src/ports/cloudformation.js';
import { STACK_RESOURCE_TYPE, type StackEvent, type StackSnapshot } from '../src/domain/stack.js';

export interface ScriptStep {
  readonly atMs: number;
  /** A stack-level status, or a resource's. */
  readonly status: string;
  readonly logicalId?: string;
  /** A resource's type (default AWS::Lambda::Function); a stack-level step's is the stack's. */
  readonly resourceType?: string;
  readonly reason?: string;
}

/** A stack as a test puts it: tags (the deploy step's correlation tag), why it is in its status. */
export interface StackSetup {
  readonly tags?: Readonly<Record<string, string>>;
  readonly reason?: string;
  /** When it reached the status (default a minute ago). */
  readonly at?: number;
}

/** Who runs an operation, as CloudFormation records it: the API call's token, the tags it sets. */
export interface OperationIdentity {
  /** The ClientRequestToken CloudFormation copies onto every event of the operation. */
  readonly token?: string;
  /** The stack's tags from the operation's start (put back when it rolls back). */
  readonly tags?: Readonly<Record<string, string>>;
}

interface Script extends OperationIdentity {
  readonly start: number;
  readonly steps: ScriptStep[];
  begun?: boolean;
  tagsBefore?: Record<string, string>;
}

interface StackState {
  status: string;
  readonly events: StackEvent[];
  script: Script | undefined;
  exists: boolean;
  reason?: string;
  tags: Record<string, string>;
}

/**
 * The stack-level statuses that open an operation, as CloudFormation's events show them: a
 * rollback or a repair is part of the operation it ends. Listed here, not taken from the product,
 * so a wrong rule in the product fails a test.
 */
const OPENS_OPERATION = new Set([
  'CREATE_IN_PROGRESS',
  'UPDATE_IN_PROGRESS',
  'DELETE_IN_PROGRESS',
  'IMPORT_IN_PROGRESS',
  'REVIEW_IN_PROGRESS'
]);

/** The deploy step's tag naming the deployment (its `cfn-tags` output). */
const CORRELATION_TAG = 'DeploymentCorrelationId';

export class RefusedError extends Error {
  override readonly name = 'ValidationError';
}

export class ScriptedCloudFormation implements StackReader, StackRecovery {
  private readonly stacks = new Map<string, StackState>();
  private eventSeq = 0;
  /** Updates refused because the stack was busy or blocked: each one a second deployer. */
  readonly updatesRefused: { stack: string; by: string; at: number; status: string }[] = [];
  /** Every update started: who, when. */
  readonly updates: { stack: string; by: string; at: number }[] = [];

  constructor(private readonly now: () => number) {}

  put(name: string, status: string, setup: StackSetup = {}): void {
    const s: StackState = {
      status,
      events: [],
      script: undefined,
      exists: true,
      reason: setup.reason,
      tags: { ...setup.tags }
    };
    this.stacks.set(name, s);
    this.event(name, s, { atMs: 0, status, reason: setup.reason }, setup.at ?? this.now() - 60_000);
  }

  /**
   * An operation someone else runs on a stack that was put: its steps from `startAt` (default now;
   * earlier for one that began before the test looked), materialized as time reaches them. The
   * first step is usually the stack-level `..._IN_PROGRESS` that opens it. Replaces any script.
   * `token` and `tags` say who runs it (default: nothing, as `aws cloudformation deploy` without
   * `--tags` leaves it).
   */
  run(
    name: string,
    steps: readonly ScriptStep[],
    opts: { startAt?: number } & OperationIdentity = {}
  ): void {
    const s = this.state(name);
    if (!s?.exists) throw new Error(`scripted-cloudformation: no stack ${name}`);
    s.script = {
      start: opts.startAt ?? this.now(),
      steps: [...steps].sort((a, b) => a.atMs - b.atMs),
      token: opts.token,
      tags: opts.tags
    };
    this.state(name);
  }

  /**
   * A deployment (UpdateStack): refused while the stack is busy or blocked. It tags the stack with
   * `by` unless `tagged: false` (a deploy step that does not pass `cfn-tags`).
   */
  update(
    name: string,
    by: string,
    opts: {
      durationMs: number;
      fails: boolean;
      disableRollback: boolean;
      tagged?: boolean;
      token?: string;
    }
  ): boolean {
    const s = this.state(name);
    // As CloudFormation: nothing while in progress, failed, or rolled back from a failed create.
    if (!s?.exists || s.script || /_IN_PROGRESS$|_FAILED$|^ROLLBACK_COMPLETE$/.test(s.status)) {
      this.updatesRefused.push({ stack: name, by, at: this.now(), status: s?.status ?? '-' });
      return false;
    }
    this.updates.push({ stack: name, by, at: this.now() });
    // The deploy step passes the cfn-tags output: the stack carries who deployed it last.
    const tags = opts.tagged === false ? undefined : { ...s.tags, [CORRELATION_TAG]: by };
    const d = opts.durationMs;
    const steps: ScriptStep[] = [
      { atMs: 0, status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
      { atMs: d * 0.2, logicalId: 'Api', status: 'UPDATE_IN_PROGRESS' }
    ];
    if (!opts.fails) {
      steps.push(
        { atMs: d * 0.8, logicalId: 'Api', status: 'UPDATE_COMPLETE' },
        { atMs: d * 0.9, status: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS' },
        { atMs: d, status: 'UPDATE_COMPLETE' }
      );
    } else if (opts.disableRollback) {
      steps.push(
        { atMs: d * 0.8, logicalId: 'Api', status: 'UPDATE_FAILED', reason: 'Scripted failure' },
        { atMs: d, status: 'UPDATE_FAILED', reason: 'The following resource(s) failed: Api' }
      );
    } else {
      steps.push(
        { atMs: d * 0.6, logicalId: 'Api', status: 'UPDATE_FAILED', reason: 'Scripted failure' },
        { atMs: d * 0.7, status: 'UPDATE_ROLLBACK_IN_PROGRESS' },
        { atMs: d, status: 'UPDATE_ROLLBACK_COMPLETE' }
      );
    }
    s.script = { start: this.now(), steps, token: opts.token, tags };
    this.state(name);
    return true;
  }

  /** Whether the stack is in an operation now. */
  busy(name: string): boolean {
    const s = this.state(name);
    return Boolean(s?.script) || Boolean(s?.status.endsWith('_IN_PROGRESS'));
  }

  /**
   * How the next repair of a stack goes: its duration, whether it fails, and what its resources do
   * meanwhile (`steps`, from the repair call; a resource that cannot be rolled back, say).
   */
  nextRepair: { durationMs: number; fails: boolean; steps?: readonly ScriptStep[] } = {
    durationMs: 2_000,
    fails: false
  };

  /** A stack's events of `status` (a resource's, or the stack's own), oldest first. */
  eventsOf(stack: string, status: string, logicalId = stack): StackEvent[] {
    return (this.state(stack)?.events ?? []).filter(
      (e) => e.status === status && e.logicalId === logicalId
    );
  }

  /** When a stack (or one of its resources) had its latest event of `status`, in virtual ms. */
  eventAt(stack: string, status: string, logicalId = stack): number {
    const e = this.eventsOf(stack, status, logicalId).at(-1);
    if (!e) throw new Error(`scripted-cloudformation: no ${logicalId} ${status} event`);
    return e.timestamp.getTime();
  }

  async describeStacks(names: readonly string[]): Promise<StackSnapshot[]> {
    return names.map((name) => {
      const s = this.state(name);
      return s?.exists
        ? {
            name,
            exists: true,
            status: s.status,
            statusReason: s.reason,
            tags: { ...s.tags },
            outputs: {}
          }
        : { name, exists: false, status: 'DOES_NOT_EXIST', tags: {}, outputs: {} };
    });
  }

  async eventsSince(stack: string, afterEventId?: string): Promise<StackEvent[]> {
    const s = this.state(stack);
    if (!s?.exists) return [];
    if (!afterEventId) return s.events.slice(-100);
    const i = s.events.findIndex((e) => e.id === afterEventId);
    return i < 0 ? s.events.slice(-100) : s.events.slice(i + 1);
  }

  async currentOperation(stack: string): Promise<StackOperation> {
    const s = this.state(stack);
    if (!s?.exists) return { events: [] };
    for (let i = s.events.length - 1; i >= 0; i--) {
      const e = s.events[i]!;
      if (
        e.logicalId === stack &&
        e.resourceType === STACK_RESOURCE_TYPE &&
        OPENS_OPERATION.has(e.status)
      )
        return { start: e, events: s.events.slice(i) };
    }
    return { events: s.events.slice() };
  }

  async eventsAfter(stack: string, sinceMs: number): Promise<StackEvent[]> {
    const s = this.state(stack);
    if (!s?.exists) return [];
    return s.events.filter((e) => e.timestamp.getTime() >= sinceMs);
  }

  /** Every event the stack has had, oldest first, as CloudFormation orders them (this stand-in has no pages). */
  async pastEvents(stack: string): Promise<StackEvent[]> {
    const s = this.state(stack);
    if (!s?.exists) return [];
    return s.events.slice().sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  }

  async failedEvents(stack: string, fromMs: number, untilMs: number): Promise<FailedEvents> {
    const events = await this.eventsAfter(stack, fromMs);
    return {
      events: events.filter((e) => e.timestamp.getTime() <= untilMs && e.status.endsWith('_FAILED'))
    };
  }

  consoleUrl(stack: StackSnapshot): string {
    return `https://console.example/${stack.name}`;
  }

  async rollbackStack(stack: string): Promise<void> {
    this.repair(stack, ['UPDATE_FAILED', 'CREATE_FAILED'], 'ROLLBACK');
  }

  async continueUpdateRollback(stack: string): Promise<void> {
    this.repair(stack, ['UPDATE_ROLLBACK_FAILED'], 'CONTINUE');
  }

  async deleteStack(stack: string): Promise<void> {
    const s = this.state(stack);
    if (!s?.exists || s.script) throw new RefusedError(`Stack ${stack} cannot be deleted now`);
    const { durationMs: d } = this.nextRepair;
    s.script = {
      start: this.now(),
      steps: [
        { atMs: 0, status: 'DELETE_IN_PROGRESS' },
        { atMs: d, status: 'DELETE_COMPLETE' }
      ]
    };
  }

  private repair(stack: string, from: string[], kind: 'ROLLBACK' | 'CONTINUE'): void {
    const s = this.state(stack);
    if (!s?.exists || s.script || !from.includes(s.status))
      throw new RefusedError(`Stack ${stack} is in ${s?.status ?? 'no'} state: cannot ${kind}`);
    const { durationMs: d, fails, steps = [] } = this.nextRepair;
    // A failed create rolls back to ROLLBACK_COMPLETE (a stack that can only be deleted).
    const rollback = s.status === 'CREATE_FAILED' ? 'ROLLBACK' : 'UPDATE_ROLLBACK';
    s.script = {
      start: this.now(),
      steps: [
        { atMs: 0, status: `${rollback}_IN_PROGRESS` },
        ...steps,
        fails
          ? { atMs: d, status: `${rollback}_FAILED`, reason: 'Scripted repair failure' }
          : { atMs: d, status: `${rollback}_COMPLETE` }
      ].sort((a, b) => a.atMs - b.atMs)
    };
  }

  private state(name: string): StackState | undefined {
    const s = this.stacks.get(name);
    if (s?.script) {
      const now = this.now();
      const script = s.script;
      const { start, steps } = script;
      while (steps.length > 0 && start + steps[0]!.atMs <= now) {
        const step = steps.shift()!;
        // As CloudFormation: an update's tags apply when it begins, and a rollback puts back the old.
        if (!script.begun) {
          script.begun = true;
          if (script.tags) {
            script.tagsBefore = { ...s.tags };
            s.tags = { ...script.tags };
          }
        }
        this.event(name, s, step, start + step.atMs, script.token);
        if (!step.logicalId) {
          s.status = step.status;
          s.reason = step.reason;
          if (script.tagsBefore && /ROLLBACK_COMPLETE$/.test(step.status))
            s.tags = script.tagsBefore;
        }
      }
      if (steps.length === 0) {
        s.script = undefined;
        if (s.status === 'DELETE_COMPLETE') s.exists = false;
      }
    }
    return s;
  }

  private event(
    name: string,
    s: StackState,
    step: ScriptStep,
    at: number,
    clientRequestToken?: string
  ): void {
    s.events.push({
      id: `event-${++this.eventSeq}`,
      stackName: name,
      timestamp: new Date(at),
      logicalId: step.logicalId ?? name,
      resourceType: step.logicalId
        ? (step.resourceType ?? 'AWS::Lambda::Function')
        : STACK_RESOURCE_TYPE,
      status: step.status,
      reason: step.reason,
      ...(clientRequestToken ? { clientRequestToken } : {})
    });
  }
}
