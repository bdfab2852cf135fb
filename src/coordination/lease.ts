import type { LockKey, LockQueue } from '../ports/registry.js';
import { RegistryUnavailableError } from '../ports/registry-errors.js';
import { backoffMs } from './backoff.js';
import { HeartbeatLoop } from './heartbeat-loop.js';
import type { Clock, Sleep } from '../ports/runtime.js';

export interface LeaseDeps {
  readonly lock: Pick<LockQueue, 'heartbeatLock' | 'release'>;
  readonly clock: Clock;
  readonly sleep: Sleep;
}

/** What a lease tells its holder; every callback is optional and must not throw. */
export interface LeaseEvents {
  /** Each heartbeat: landed (true), the lock is no longer this acquisition (false), or failed (an error, retried). */
  readonly onBeat?: (result: boolean | RegistryUnavailableError) => void;
  /** The lock is no longer this acquisition's (fence moved, released by an operator): called once. */
  readonly onLost?: () => void;
}

/**
 * One acquisition of the lock, from the instant it is taken (or taken back) to its release: the
 * only thing that heartbeats it, on a loop of its own (HeartbeatLoop), so no Slack,
 * CloudFormation or GitHub call the holder is waiting for can delay it. It never gives up while
 * it holds: registry trouble is retried, never a reason to stop. Every write is conditional on the owner
 * token and the fencing token: a lease that lost its lock can never extend or release another's.
 */
export class Lease {
  private readonly loop: HeartbeatLoop;
  private started = false;
  private inFlight?: Promise<boolean | undefined>;
  private lostLock = false;
  private lastLanded: number;

  /**
   * `sinceMs`: when the write that took (or last extended) the lock was sent; a lease counts from
   * the sending of its latest write that landed, never from its answer, since the write may have
   * landed any time in between.
   */
  constructor(
    private readonly deps: LeaseDeps,
    readonly environment: string,
    readonly key: LockKey,
    readonly leaseMs: number,
    readonly heartbeatMs: number,
    private readonly events: LeaseEvents = {},
    sinceMs: number = deps.clock.now()
  ) {
    this.lastLanded = sinceMs;
    this.loop = new HeartbeatLoop(deps.sleep, heartbeatMs, () => this.beat());
  }

  /**
   * Whether this holder may act as one now: the lock was not found lost, and its latest write
   * that landed was sent less than a lease ago, less one heartbeat interval of margin for what
   * it is about to do, so nobody can have taken it over meanwhile.
   */
  get current(): boolean {
    return (
      !this.lostLock && this.deps.clock.now() - this.lastLanded < this.leaseMs - this.heartbeatMs
    );
  }

  /**
   * Makes sure of the lease before acting as the holder (deploying, repairing): true at once when
   * it is current, else heartbeats until one lands (true), the lock is found lost (false), or
   * `budgetMs` passes without an answer (false: it may have run out; do not act on it).
   */
  async confirm(budgetMs: number): Promise<boolean> {
    const until = this.deps.clock.now() + budgetMs;
    for (let attempt = 0; !this.current; attempt++) {
      if (this.lostLock) return false;
      if ((await this.beat()) === true) return true;
      if (this.lostLock) return false;
      const left = until - this.deps.clock.now();
      if (left <= 0) return false;
      await this.deps.sleep(Math.min(left, backoffMs(attempt, 200, this.heartbeatMs)));
    }
    return true;
  }

  /** The lock was found to be someone else's (or free): this holder must stop acting as one. */
  get lost(): boolean {
    return this.lostLock;
  }

  /** When the latest write that landed (a heartbeat, or the acquisition) was sent, on this holder's clock. */
  get lastLandedAt(): number {
    return this.lastLanded;
  }

  /** Heartbeats from now on: the first after `firstDelayMs` (default one interval), then every interval. */
  start(firstDelayMs = this.heartbeatMs): this {
    if (this.started || this.lostLock) return this;
    this.started = true;
    this.loop.start(firstDelayMs);
    return this;
  }

  /**
   * One heartbeat now (or the one already in flight): true when it landed, false when the lock is
   * no longer this acquisition's, undefined when the registry did not answer.
   */
  beat(): Promise<boolean | undefined> {
    if (this.lostLock) return Promise.resolve(false);
    const sentAt = this.deps.clock.now();
    this.inFlight ??= this.deps.lock
      // One heartbeat never outlives its interval: a hung call is given up and the next one sent.
      .heartbeatLock(this.environment, this.key, AbortSignal.timeout(this.heartbeatMs))
      .then(
        (ok) => {
          if (ok) this.lastLanded = Math.max(this.lastLanded, sentAt);
          this.events.onBeat?.(ok);
          if (!ok) this.markLost();
          return ok;
        },
        (err: unknown) => {
          // Whatever failed, the loop goes on: a holder never stops heartbeating on an error.
          this.events.onBeat?.(
            err instanceof RegistryUnavailableError
              ? err
              : new RegistryUnavailableError('lock heartbeat', err)
          );
          return undefined;
        }
      )
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  /** No more heartbeats from this process (another process holds it now, or it is being released). */
  async stop(): Promise<void> {
    await this.loop.stop();
    await this.inFlight;
  }

  /**
   * Stops heartbeating and releases, retrying registry trouble with backoff for up to `budgetMs`:
   * true released, false not this acquisition's any more, undefined the registry never answered
   * (the lock then expires after a lease).
   */
  async release(outcome: string, budgetMs: number): Promise<boolean | undefined> {
    await this.stop();
    if (this.lostLock) return false;
    const deadline = this.deps.clock.now() + budgetMs;
    for (let attempt = 0; ; attempt++) {
      try {
        const released = await this.deps.lock.release(this.environment, this.key, outcome);
        if (!released) this.markLost();
        return released;
      } catch (err) {
        if (!(err instanceof RegistryUnavailableError)) throw err;
        const left = deadline - this.deps.clock.now();
        if (left <= 0) return undefined;
        await this.deps.sleep(Math.min(left, backoffMs(attempt, 200, 5_000)));
      }
    }
  }

  private markLost(): void {
    if (this.lostLock) return;
    this.lostLock = true;
    this.events.onLost?.();
  }
}
