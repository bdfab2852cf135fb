import { RegistryUnavailableError, type LockKey, type Registry } from '../registry/types.js';
import { backoffMs } from './backoff.js';
import { HeartbeatLoop } from './heartbeat-loop.js';
import type { Clock, Sleep } from './ports.js';

export interface LeaseDeps {
  readonly registry: Pick<Registry, 'heartbeatLock' | 'release'>;
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

  constructor(
    private readonly deps: LeaseDeps,
    readonly environment: string,
    readonly key: LockKey,
    readonly heartbeatMs: number,
    private readonly events: LeaseEvents = {}
  ) {
    this.lastLanded = deps.clock.now();
    this.loop = new HeartbeatLoop(deps.sleep, heartbeatMs, () => this.beat());
  }

  /** The lock was found to be someone else's (or free): this holder must stop acting as one. */
  get lost(): boolean {
    return this.lostLock;
  }

  /** When a heartbeat (or the acquisition) last landed, on this holder's clock. */
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
    this.inFlight ??= this.deps.registry
      .heartbeatLock(this.environment, this.key)
      .then(
        (ok) => {
          this.events.onBeat?.(ok);
          if (ok) this.lastLanded = this.deps.clock.now();
          else this.markLost();
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
        const released = await this.deps.registry.release(this.environment, this.key, outcome);
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
