import type { Activity } from '../domain/activity.js';
import type { Frozen } from '../domain/freeze.js';
import type { StackSnapshot } from '../domain/stack.js';
import type { StackReader } from '../ports/cloudformation.js';
import type {
  Holder,
  LockView,
  Participant,
  Registry,
  Ticket,
  Unreadable
} from '../ports/registry.js';
import type { RunLiveness } from '../ports/run.js';
import type { Clock, Logger, Sleep } from '../ports/runtime.js';

export interface TurnDeps {
  readonly reader: StackReader;
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly log: Logger;
  readonly registry: Registry;
  /** What coordination falls back to when the registry fails. */
  readonly fallback: () => Registry;
  readonly liveness?: RunLiveness;
}

export interface TurnOptions {
  readonly me: Participant;
  readonly arrival: readonly StackSnapshot[];
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  readonly expectedMs: number;
  readonly estimateBasis: string;
  readonly skipSuperseded: boolean;
  readonly signal?: AbortSignal;
  /** Called once the ticket exists, so finalize can remove it if this process dies. */
  readonly onQueued?: (ticket: Ticket) => void;
  /** Called the instant the lock is taken, before anything else is awaited: the lease starts here. */
  readonly onAcquired?: (holder: Holder, registry: Registry, sentAt: number) => void;
  /** Called once, after the first look at the queue: who is ahead on arrival. */
  readonly onArrival?: (arrival: Arrival) => Promise<void>;
  /** override-freeze: the reason this run goes through a deploy freeze. */
  readonly overrideFreeze?: string;
  /** Called once, the first time a freeze holds this run back after its arrival. */
  readonly onFrozen?: (frozen: Frozen) => Promise<void>;
}

export interface Arrival {
  readonly registry: Registry;
  readonly position: number;
  readonly holder?: Holder;
  readonly ahead: readonly Ticket[];
  /** Covered stacks busy on arrival: who, since when, how far. */
  readonly busy: readonly Activity[];
  /** The deploy freeze in force on arrival, if any. */
  readonly frozen?: Frozen;
}

export interface TurnOutcome {
  readonly kind:
    'acquired' | 'timeout' | 'cancelled' | 'superseded' | 'misconfigured' | 'corrupt' | 'frozen';
  readonly holder?: Holder;
  /** The registry in force at the end: the fallback when the table failed. */
  readonly registry: Registry;
  readonly fallbackReason?: string;
  /** misconfigured: the table cannot be used as configured (missing, denied, another key schema). */
  readonly registryError?: string;
  /** corrupt: the item of this environment's lock, queue or freezes that does not decode. */
  readonly unreadable?: Unreadable;
  readonly waitedMs: number;
  readonly queuePosition: number;
  readonly stacks: readonly StackSnapshot[];
  /** Busy stacks seen (first poll that saw them busy), for who / since when / how far. */
  readonly busy: readonly Activity[];
  /** Lock holders seen while waiting, oldest first. */
  readonly waitedFor: readonly Holder[];
  readonly tookOver?: { readonly from: Holder; readonly reason: string };
  /** The lock as it was when this run acquired it (its last holder and outcome). */
  readonly lockBefore?: LockView;
  readonly supersededBy?: Ticket;
  /** The deploy freeze: the first that held this run back, the one in force when a `frozen` wait ended, the one overridden. */
  readonly freeze?: {
    readonly heldBy?: Frozen;
    readonly endedBy?: Frozen;
    readonly overridden?: Frozen;
  };
}
