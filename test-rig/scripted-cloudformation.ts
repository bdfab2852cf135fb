/**
 * An in-memory CloudFormation for in-process runs of the stages: one reader and recovery port
 * (src/coordination/ports.ts) over stacks whose operations are scripts of steps in virtual time,
 * materialized lazily on every call, like the HTTP stand-in (cfn-standin.ts) does on real time.
 *
 * It keeps CloudFormation's own rules that coordination relies on: an update is refused while
 * the stack is in progress or needs a repair (`updatesRefused` counts each refusal, so a test can
 * tell two deployers apart from one), RollbackStack and ContinueUpdateRollback only from the
 * states that allow them, and a deleted stack is gone.
 */
import type { StackOperation, StackReader, StackRecovery } from '../src/ports/cloudformation.js';
import { STACK_RESOURCE_TYPE, type StackEvent, type StackSnapshot } from '../src/domain/stack.js';

export interface ScriptStep {
  readonly atMs: number;
  /** A stack-level status, or a resource's. */
  readonly status: string;
  readonly logicalId?: string;
  readonly reason?: string;
}

interface StackState {
  status: string;
  readonly events: StackEvent[];
  script: { start: number; steps: ScriptStep[] } | undefined;
  exists: boolean;
  reason?: string;
}

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

  put(name: string, status: string): void {
    const s: StackState = { status, events: [], script: undefined, exists: true };
    this.stacks.set(name, s);
    this.event(name, s, { atMs: 0, status }, this.now() - 60_000);
  }

  /** A deployment (UpdateStack): refused while the stack is busy or blocked. */
  update(
    name: string,
    by: string,
    opts: { durationMs: number; fails: boolean; disableRollback: boolean }
  ): boolean {
    const s = this.state(name);
    if (!s || s.script || /_IN_PROGRESS$|_FAILED$/.test(s.status)) {
      this.updatesRefused.push({ stack: name, by, at: this.now(), status: s?.status ?? '-' });
      return false;
    }
    this.updates.push({ stack: name, by, at: this.now() });
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
    s.script = { start: this.now(), steps };
    return true;
  }

  /** Whether the stack is in an operation now. */
  busy(name: string): boolean {
    const s = this.state(name);
    return Boolean(s?.script) || Boolean(s?.status.endsWith('_IN_PROGRESS'));
  }

  /** How the next repair of a stack goes: its duration, and whether it fails. */
  nextRepair: { durationMs: number; fails: boolean } = { durationMs: 2_000, fails: false };

  async describeStacks(names: readonly string[]): Promise<StackSnapshot[]> {
    return names.map((name) => {
      const s = this.state(name);
      return s?.exists
        ? { name, exists: true, status: s.status, statusReason: s.reason, tags: {}, outputs: {} }
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
        /^(UPDATE|CREATE|DELETE|ROLLBACK|UPDATE_ROLLBACK)_IN_PROGRESS$/.test(e.status)
      )
        return { start: e, events: s.events.slice(i) };
    }
    return { events: s.events.slice() };
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
    const { durationMs: d, fails } = this.nextRepair;
    s.script = {
      start: this.now(),
      steps: [
        { atMs: 0, status: 'UPDATE_ROLLBACK_IN_PROGRESS' },
        fails
          ? { atMs: d, status: 'UPDATE_ROLLBACK_FAILED', reason: 'Scripted repair failure' }
          : { atMs: d, status: 'UPDATE_ROLLBACK_COMPLETE' }
      ]
    };
  }

  private state(name: string): StackState | undefined {
    const s = this.stacks.get(name);
    if (s?.script) {
      const now = this.now();
      const { start, steps } = s.script;
      while (steps.length > 0 && start + steps[0]!.atMs <= now) {
        const step = steps.shift()!;
        this.event(name, s, step, start + step.atMs);
        if (!step.logicalId) {
          s.status = step.status;
          s.reason = step.reason;
        }
      }
      if (steps.length === 0) {
        s.script = undefined;
        if (s.status === 'DELETE_COMPLETE') s.exists = false;
      }
    }
    return s;
  }

  private event(name: string, s: StackState, step: ScriptStep, at: number): void {
    s.events.push({
      id: `event-${++this.eventSeq}`,
      stackName: name,
      timestamp: new Date(at),
      logicalId: step.logicalId ?? name,
      resourceType: step.logicalId ? 'AWS::Lambda::Function' : STACK_RESOURCE_TYPE,
      status: step.status,
      reason: step.reason
    });
  }
}
