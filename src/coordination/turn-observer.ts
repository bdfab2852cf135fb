import type { Activity } from '../domain/activity.js';
import { LivenessTracker } from '../domain/liveness.js';
import { isInProgress } from '../domain/stack-status.js';
import type { NestedEvent, StackSnapshot } from '../domain/stack.js';
import {
  RegistryCorruptError,
  RegistryUnavailableError,
  concerns
} from '../ports/registry-errors.js';
import type { Holder, Registry } from '../ports/registry.js';
import type { FreezeWatch } from './freeze-watch.js';
import { RegistryCalls } from './turn-health.js';
import { readActivity } from './turn-report.js';
import { duplicateOf, sameOwner } from './turn-queue.js';
import type { Memory, Sight, Step } from './turn-sight.js';
import type { TurnDeps, TurnOptions } from './turn.js';

export type Draft<T> = { -readonly [K in keyof T]: T[K] };
/** What the observer fills in: the sight without the registry's health (which it keeps). */
export type Seen = Draft<Omit<Sight, 'health'>>;
export type Remembered = Draft<Memory> & {
  readonly runCheckedAt: Map<string, number>;
  readonly waitedFor: Map<number, Holder>;
};

/**
 * A waiting run's eyes: each look reads one thing (the table on CloudFormation alone, the lock and
 * queue, the freezes, the holder's run, the stacks) into what the run has seen. Liveness is
 * judged here, across unbroken observation: after any failed read (`RegistryCalls.onGap`) a
 * holder or ticket must be seen unchanged for a full lease again before it counts as dead.
 */
export class TurnObserver {
  readonly calls: RegistryCalls;
  private tracker = new LivenessTracker();
  /** The covered stacks as last read, and what the busy ones are doing. */
  stacks: readonly StackSnapshot[];
  busy: Activity[] = [];
  /** The first busy stacks seen (who, since when, how far). */
  firstBusy?: Activity[];
  /** Nested stacks of the busy stacks' operations that have settled: read once, not every poll. */
  private readonly settledNested = new Map<string, NestedEvent[]>();
  private warnedDuplicate = false;
  /** What the poll being observed has seen so far. */
  private seen?: Seen;

  constructor(
    private readonly deps: TurnDeps,
    private readonly opts: TurnOptions,
    private readonly freezes: FreezeWatch,
    private readonly memory: Remembered
  ) {
    this.stacks = opts.arrival;
    this.calls = new RegistryCalls(opts.me.environment, deps.clock, deps.log, () => this.gap());
  }

  /**
   * What was seen before a gap proves nothing about what happened during it: liveness is watched
   * afresh, and this poll's verdicts no longer stand (nobody counts as dead until seen unchanged
   * for a full lease again).
   */
  gap(): void {
    this.tracker = new LivenessTracker();
    const q = this.seen?.queue;
    if (q && this.seen) this.seen.queue = { ...q, holderSilent: false, dead: new Set() };
  }

  async look(step: Extract<Step, { kind: 'look' }>, s: Seen, polled: Registry): Promise<void> {
    const { deps } = this;
    this.seen = s;
    switch (step.at) {
      case 'table':
        // On CloudFormation alone: does the table answer again? An item it cannot read is an answer.
        s.tableAnswers = await deps.registry.lock.view(this.opts.me.environment).then(
          () => 'yes' as const,
          (err: unknown) => {
            if (!(err instanceof RegistryCorruptError)) return 'no' as const;
            this.calls.unreadable(err.item);
            return 'corrupt' as const;
          }
        );
        return;
      case 'queue':
        return this.readQueue(s, polled);
      case 'freezes': {
        const read = () =>
          this.calls
            .attempt(() => this.freezesOf(polled))
            .then((a) => (a.ok ? a.value : undefined));
        // decide asks once per reason and poll, and only while this poll has not read them.
        s.freezeReads = new Set([...s.freezeReads, step.why]);
        const at = deps.clock.now();
        if (await this.freezes.read(read, at))
          s.freezes = { ...s.freezes, readPoll: s.poll, readAtMs: at };
        return;
      }
      case 'run': {
        const holder = s.queue?.holder;
        s.runAsked = true;
        if (!holder || !deps.liveness) return;
        this.memory.runCheckedAt.set(holder.owner, s.now);
        s.runFinished = (await deps.liveness.runFinished(holder.run)) === true;
        return;
      }
      case 'stacks': {
        if (s.poll > 1) this.stacks = await deps.reader.describeStacks(this.opts.me.stacks);
        this.busy = this.stacks.some((x) => isInProgress(x.status))
          ? await readActivity(deps.reader, this.stacks, this.settledNested)
          : [];
        if (this.busy.length > 0) this.firstBusy ??= this.busy;
        s.stacks = { readAtMs: s.now, readPoll: s.poll, busy: this.busy.length > 0 };
        return;
      }
    }
  }

  /** The lock and the queue, with the liveness verdicts of this instant. */
  private async readQueue(s: Seen, polled: Registry): Promise<void> {
    const { me } = this.opts;
    const env = me.environment;
    const read = await this.calls.attempt(() => polled.lock.view(env));
    if (!read.ok) {
      s.queueFailed = true;
      return;
    }
    const view = read.value;
    this.calls.arrived = this.memory.arrived = true;
    const now = this.deps.clock.now();
    const lockHolder = view.lock.holder;
    const holder = lockHolder && !sameOwner(lockHolder.owner, me.owner) ? lockHolder : undefined;
    const twin = this.warnedDuplicate ? undefined : duplicateOf(me, holder, view.tickets);
    if (twin) {
      this.warnedDuplicate = true;
      this.deps.log.warning(
        `The correlation ID ${me.correlationId} is already used by another run in ${env} (${twin.run.runUrl ?? 'no run link'}). Correlation IDs should be unique per run: logs, records and Slack threads of the two runs will mix. This run queues like any other.`,
        { title: 'Correlation ID not unique' }
      );
    }
    if (holder && !this.memory.waitedFor.has(holder.fence))
      this.memory.waitedFor.set(holder.fence, holder);
    const tracker = this.tracker;
    const silent = (key: string, t: { heartbeat: string; leaseMs: number }) =>
      tracker.isDead(key, t.heartbeat, t.leaseMs, now);
    s.queue = {
      ...view,
      holder,
      holderSilent: holder !== undefined && silent(`lock#${holder.fence}`, holder),
      dead: new Set(
        view.tickets
          .filter((t) => !sameOwner(t.owner, me.owner) && silent(`ticket#${t.seq}`, t))
          .map((t) => t.seq)
      )
    };
  }

  /** The freezes; one that could hold this environment but does not decode is an answer too. */
  private async freezesOf(from: Registry) {
    try {
      const { items, unreadable } = await from.freezes.list();
      const mine = unreadable.find((u) => concerns(u, this.opts.me.environment));
      if (mine) throw new RegistryCorruptError(mine);
      return items;
    } catch (err) {
      // A table whose freezes this role may not read is misconfigured, not busy.
      if (err instanceof RegistryUnavailableError && err.failure === 'configuration')
        this.calls.misconfigured(
          `the deploy freezes could not be read (${err.message}): the role needs dynamodb:Query on the table's FREEZES partition`
        );
      throw err;
    }
  }
}
