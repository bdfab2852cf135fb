import { classifyStatus } from './stack-status.js';
import {
  STACK_RESOURCE_TYPE,
  isStackEvent,
  operationProgress,
  type NestedEvent,
  type OperationProgress,
  type StackEvent
} from './stack.js';

export interface WatchSettings {
  readonly stallMs: number;
  readonly expectedMs: number;
  readonly progressIntervalMs: number;
  /** Empty: every resource type is critical. */
  readonly criticalResourceTypes: readonly string[];
  /** Events before this belong to someone else's operation. */
  readonly sinceMs: number;
}

export type Alert =
  | { readonly kind: 'stall'; readonly silentForMs: number; readonly lastEvent?: NestedEvent }
  | { readonly kind: 'stall-resolved'; readonly silentForMs: number }
  | { readonly kind: 'overdue'; readonly elapsedMs: number; readonly expectedMs: number }
  | { readonly kind: 'failure'; readonly event: NestedEvent }
  | {
      readonly kind: 'progress';
      readonly elapsedMs: number;
      readonly progress: OperationProgress;
      readonly latestEvents: readonly NestedEvent[];
    };

/** 'Resource creation cancelled' and friends echo the real failure; they are not a root cause. */
const ECHO = /(creation|update|deletion|delete|import) cancelled|cancelled by user|cancellation/i;

export const isRootCauseFailure = (e: StackEvent): boolean =>
  !isStackEvent(e) && e.status.endsWith('_FAILED') && !ECHO.test(e.reason ?? '');

/** A nested stack resource's failure: its cause is inside its stack, read after it (or not at all). */
const isNestedStackFailure = (e: StackEvent): boolean => e.resourceType === STACK_RESOURCE_TYPE;

/**
 * What the monitor should say, from the events of this deployment's operation
 * and the passing of time: a stall once per episode (and when it ends), an
 * overrun once, the first root-cause failure at once, progress on a cadence.
 */
export class DeploymentWatch {
  private readonly events: NestedEvent[] = [];
  private operationStart?: number;
  private lastEventAt?: number;
  private stalled = false;
  private overdue = false;
  private failureSent = false;
  /**
   * A nested stack resource's failure, held for one poll: the failure inside its stack (its
   * cause, named by its path) normally comes with the same poll, but a read of the nested stack
   * that failed brings it one later. Said itself only when no deeper failure came by then.
   */
  private heldFailure?: { readonly event: NestedEvent; readonly tick: number };
  private ticks = 0;
  private nextProgress?: number;

  constructor(private readonly s: WatchSettings) {}

  get operationEvents(): readonly NestedEvent[] {
    return this.events;
  }

  get startedAt(): number | undefined {
    return this.operationStart;
  }

  /** New events (oldest first); returns the alerts they cause. */
  onEvents(fresh: readonly NestedEvent[], now: number): Alert[] {
    const alerts: Alert[] = [];
    const mine = fresh.filter((e) => e.timestamp.getTime() >= this.s.sinceMs);
    if (mine.length === 0) return alerts;
    this.operationStart ??= mine[0]!.timestamp.getTime();
    this.nextProgress ??= this.operationStart + this.s.progressIntervalMs;
    if (this.stalled) {
      alerts.push({ kind: 'stall-resolved', silentForMs: now - (this.lastEventAt ?? now) });
      this.stalled = false;
    }
    this.events.push(...mine);
    this.lastEventAt = now;
    if (!this.failureSent) {
      const failures = mine.filter(
        (e) =>
          isRootCauseFailure(e) &&
          (this.s.criticalResourceTypes.length === 0 ||
            this.s.criticalResourceTypes.includes(e.resourceType))
      );
      const failure = failures.find((e) => !isNestedStackFailure(e));
      if (failure) {
        this.failureSent = true;
        this.heldFailure = undefined;
        alerts.push({ kind: 'failure', event: failure });
      } else if (failures[0] && !this.heldFailure)
        this.heldFailure = { event: failures[0], tick: this.ticks };
    }
    return alerts;
  }

  /** The passing of time; `statuses` are the covered stacks' current statuses. */
  onTick(now: number, statuses: readonly string[]): Alert[] {
    const alerts: Alert[] = [];
    this.ticks++;
    // Held through the poll after it came: no failure inside its stack was read, so it is said.
    if (this.heldFailure && !this.failureSent && this.ticks - this.heldFailure.tick >= 2) {
      this.failureSent = true;
      alerts.push({ kind: 'failure', event: this.heldFailure.event });
      this.heldFailure = undefined;
    }
    if (this.operationStart === undefined) return alerts;
    const running = statuses.some((st) => classifyStatus(st).class === 'in-progress');
    if (!running) return alerts;
    const silent = now - (this.lastEventAt ?? now);
    if (!this.stalled && silent >= this.s.stallMs) {
      this.stalled = true;
      alerts.push({ kind: 'stall', silentForMs: silent, lastEvent: this.events.at(-1) });
    }
    const elapsed = now - this.operationStart;
    if (!this.overdue && elapsed > this.s.expectedMs) {
      this.overdue = true;
      alerts.push({ kind: 'overdue', elapsedMs: elapsed, expectedMs: this.s.expectedMs });
    }
    if (this.nextProgress !== undefined && now >= this.nextProgress) {
      this.nextProgress = now + this.s.progressIntervalMs;
      alerts.push({
        kind: 'progress',
        elapsedMs: elapsed,
        progress: operationProgress(this.events),
        latestEvents: this.events.slice(-5)
      });
    }
    return alerts;
  }
}
