import { formatDuration } from '../domain/durations.js';
import type { Frozen } from '../domain/freeze.js';
import type { Registry, Ticket } from '../ports/registry.js';
import { backoffMs } from './backoff.js';
import { FreezeWatch } from './freeze-watch.js';
import { TicketKeeper } from './ticket-keeper.js';
import { TurnObserver, type Remembered, type Seen } from './turn-observer.js';
import { TurnPause, headPollMs } from './turn-pause.js';
import { endWait, finishWait } from './turn-ending.js';
import { logActivity, pollReport } from './turn-report.js';
import type { Rules, Sight, Step } from './turn-sight.js';
import type { TurnDeps, TurnOptions, TurnOutcome } from './turn.js';

/** A waiting run's hands: it performs each step decided, and keeps what was seen up to date. */
export class Waiter {
  readonly rules: Rules;
  readonly memory: Remembered = {
    arrived: false,
    lostAcquires: 0,
    runCheckedAt: new Map(),
    waitedFor: new Map()
  };
  keeper: TicketKeeper;
  private readonly env: string;
  readonly started: number;
  registry: Registry;
  fallbackReason?: string;
  readonly freezes: FreezeWatch;
  readonly eyes: TurnObserver;
  private readonly pauses: TurnPause;
  private s: Seen;
  private readonly seenEvents = new Map<string, Set<string>>();
  arrivalNotice?: Promise<void>;
  private saidHead = false;

  constructor(
    readonly deps: TurnDeps,
    readonly opts: TurnOptions
  ) {
    const { me } = opts;
    this.env = me.environment;
    this.started = deps.clock.now();
    this.registry = deps.registry;
    this.rules = {
      me,
      pollIntervalMs: opts.pollIntervalMs,
      headMs: headPollMs(opts.pollIntervalMs),
      overriding: opts.overrideFreeze !== undefined,
      skipSuperseded: opts.skipSuperseded,
      canAskRun: deps.liveness !== undefined
    };
    this.freezes = new FreezeWatch(this.env, deps.log, opts.overrideFreeze, (f) => this.frozen(f));
    this.eyes = new TurnObserver(deps, opts, this.freezes, this.memory);
    this.pauses = new TurnPause(deps, opts, this.started, () => this.memory.arrived);
    this.keeper = this.newKeeper();
    this.s = this.poll(1, {
      freezes: { readAtMs: -Infinity, readPoll: 0 },
      stacks: { readAtMs: this.started, readPoll: 0, busy: false }
    });
  }

  get sight(): Sight {
    return { ...this.s, health: this.eyes.calls.health };
  }

  /** Performs one step: the wait's outcome when the step ends it. */
  async perform(step: Step): Promise<TurnOutcome | undefined> {
    const { s, deps } = this;
    const calls = this.eyes.calls;
    switch (step.kind) {
      case 'end':
        return endWait(this, step.ending);
      case 'acquire': {
        const acquired = await this.acquire(step);
        if (acquired) return acquired;
        break;
      }
      case 'look':
        await this.eyes.look(step, s, this.registry);
        if (step.at === 'queue') s.ticketRemoved = this.keeper.removed;
        break;
      case 'fall-back':
        this.fallbackReason = step.reason;
        calls.fellBack();
        void this.keeper.drop();
        this.registry = deps.fallback();
        this.keeper = this.newKeeper();
        deps.log.warning(
          `The registry has not answered for ${formatDuration(step.forMs)}, longer than a lease (${this.fallbackReason}). Falling back to CloudFormation-only coordination: no queue order, but a stack in progress still holds this run back.`,
          { title: 'Registry unavailable' }
        );
        this.s = this.poll(s.poll + 1, s);
        break;
      case 'return':
        // Back to the registry as soon as it answers again: CloudFormation alone is the last resort.
        if (s.tableAnswers === 'yes')
          deps.log.info(
            'The registry answers again: coordinating through it again (queuing anew).'
          );
        await this.keeper.drop();
        this.registry = deps.registry;
        this.keeper = this.newKeeper();
        this.fallbackReason = undefined;
        this.eyes.gap();
        Object.assign(s, { onTable: true, tableAnswers: undefined, ticket: undefined });
        break;
      case 'enqueue':
        await this.enqueue();
        break;
      case 'requeue':
        // Someone judged this waiter dead and removed its ticket: queue again, at the back.
        deps.log.warning(
          "This run's queue ticket was removed as dead (no heartbeat within lease-minutes); queuing again."
        );
        await this.keeper.drop();
        this.s = this.poll(s.poll + 1, s);
        break;
      case 'remove-dead': {
        const t = step.ticket;
        const polled = this.registry;
        const done = await calls.attempt(() => polled.lock.removeDeadTicket(this.env, t));
        const removed = done.ok && done.value;
        if (removed)
          deps.log.warning(
            `Removed the dead ticket #${t.seq} of ${t.correlationId} (no heartbeat for ${formatDuration(t.leaseMs)}).`
          );
        s.removals = new Map([...s.removals, [t.seq, removed]]);
        break;
      }
      case 'arrive':
        // Said in the log on arrival, whoever is ahead (and told in the arrival notice).
        if (step.frozen) this.freezes.holds(s.now);
        this.memory.position = step.position;
        // Told in the background: a slow Slack never holds up the wait.
        this.arrivalNotice = this.opts
          .onArrival?.({
            registry: this.registry,
            position: step.position,
            holder: step.holder,
            ahead: step.ahead,
            busy: this.eyes.busy,
            frozen: step.frozen
          })
          .catch((err: unknown) =>
            deps.log.warning(`Arrival notice failed: ${(err as Error).message}`)
          );
        break;
      case 'retry': {
        if (step.why === 'lost-acquire')
          deps.log.info('Another run took the lock first; waiting again.');
        const d = step.delay;
        const ms = 'fixedMs' in d ? d.fixedMs : backoffMs(d.attempt, d.baseMs, d.capMs);
        s.over = await this.pauses.pause(ms);
        if (!s.over)
          this.s =
            step.then === 'same-poll' ? { ...s, enqueue: undefined } : this.poll(s.poll + 1, s);
        break;
      }
      case 'wait':
        await this.wait(step);
        break;
    }
    // What is seen next is seen now: a freeze window may have opened or closed meanwhile.
    this.s.now = deps.clock.now();
    this.freezes.at(this.s.now);
    this.s.freezes = { ...this.s.freezes, inForce: this.freezes.current };
    return undefined;
  }

  /** A new poll: what was read of the freezes and the stacks carries over, nothing else. */
  private poll(n: number, from: Pick<Sight, 'freezes' | 'stacks'>): Seen {
    this.eyes.calls.newPoll();
    return {
      poll: n,
      now: this.deps.clock.now(),
      onTable: this.registry === this.deps.registry,
      ticket: this.keeper.current,
      lostNumbers: 0,
      queueFailed: false,
      ticketRemoved: false,
      removals: new Map(),
      runAsked: false,
      freezeReads: new Set(),
      freezes: from.freezes,
      stacks: from.stacks
    };
  }

  private newKeeper(): TicketKeeper {
    const { me } = this.opts;
    // Throttled: the holder's silence proves nothing, so its liveness is watched afresh.
    return new TicketKeeper(this.registry.lock, this.env, this.deps.sleep, me.leaseMs / 3, () =>
      this.eyes.gap()
    );
  }

  /** A freeze held this run back for the first time since its arrival was told. */
  private frozen(frozen: Frozen): void {
    // Before the arrival is told, the arrival notice says it (one 'queued' message, not two).
    const onFrozen = this.opts.onFrozen;
    if (this.memory.position === undefined || !onFrozen) return;
    // Told in the background, after the arrival notice: it updates the message that one posted.
    this.arrivalNotice = Promise.resolve(this.arrivalNotice)
      .then(() => onFrozen(frozen))
      .catch((err: unknown) =>
        this.deps.log.warning(`Freeze notice failed: ${(err as Error).message}`)
      );
  }

  private async enqueue(): Promise<void> {
    const { s, opts } = this;
    const polled = this.registry;
    const queued = await this.eyes.calls.attempt(() => polled.lock.enqueue(opts.me));
    if (!queued.ok || !queued.value) {
      // Refused: another run took that number (its ticket shows), or the queue's condition
      // cannot be met at all. Either way the next try comes after a pause, within this poll.
      s.enqueue = queued.ok ? 'lost' : 'failed';
      if (queued.ok) s.lostNumbers++;
      return;
    }
    const ticket: Ticket = queued.value;
    this.keeper.keep(ticket);
    s.ticket = ticket;
    // Ticket 0 is CloudFormation's own (no table): nothing to remove later, nothing to say.
    if (ticket.seq === 0) return;
    opts.onQueued?.(ticket);
    this.deps.log.info(
      `Queued with ticket #${ticket.seq} for ${this.env}${ticket.priority === 'high' ? ' (priority high)' : ''}.`
    );
  }

  private async acquire(
    step: Extract<Step, { kind: 'acquire' }>
  ): Promise<TurnOutcome | undefined> {
    const { takeOver, observed } = step;
    if (takeOver)
      this.deps.log.warning(
        `Taking over the lock of ${takeOver.from.correlationId} (${takeOver.from.run.runUrl ?? 'no run link'}): ${takeOver.reason}.`,
        { title: 'Stale lock taken over' }
      );
    const polled = this.registry;
    const sentAt = this.deps.clock.now();
    const got = await this.eyes.calls.attempt(() =>
      polled.lock.acquire(this.opts.me, observed.lock)
    );
    if (got.ok && got.value) {
      // The lease is on the registry that granted the lock (the one this poll read).
      this.opts.onAcquired?.(got.value, polled, sentAt);
      return finishWait(this, 'acquired', {
        registry: polled,
        holder: got.value,
        lockBefore: observed.lock,
        tookOver: takeOver
      });
    }
    if (got.ok) this.memory.lostAcquires++;
    this.s.acquire = got.ok ? 'lost' : 'failed';
    return undefined;
  }

  private async wait(step: Extract<Step, { kind: 'wait' }>): Promise<void> {
    const { standing } = step;
    const { holder } = standing;
    const { deps, opts, s } = this;
    if (holder && !standing.stale) this.memory.lostAcquires = 0;
    if (step.held) this.freezes.holds(s.now);
    const now = deps.clock.now();
    const report = pollReport(
      s.poll,
      now - this.started,
      opts,
      standing,
      this.memory.position ?? 0
    );
    deps.log.info(report + this.freezes.note(now));
    logActivity(deps.log, this.eyes.busy, this.seenEvents, now, opts);
    if (step.as === 'head' && holder && !this.saidHead) {
      this.saidHead = true;
      deps.log.info(
        `First in line: reading the lock every ${formatDuration(this.rules.headMs)} until ${holder.correlationId} releases it (the whole queue every ${formatDuration(opts.pollIntervalMs)}).`
      );
    }
    const polled = this.registry;
    const readLock = () =>
      this.eyes.calls
        .attempt(() => polled.lock.readLock(this.env))
        .then((read) => (read.ok ? read.value : undefined));
    s.over =
      step.as === 'head' && holder
        ? await this.pauses.head(holder, readLock)
        : await this.pauses.pause(opts.pollIntervalMs);
    if (!s.over) this.s = this.poll(s.poll + 1, s);
  }
}
