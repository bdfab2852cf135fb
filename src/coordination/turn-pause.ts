import type { Holder, LockView } from '../ports/registry.js';
import type { TurnDeps, TurnOptions } from './turn.js';

/** The first in line reads the lock alone this many times per poll interval... */
const HEAD_READS_PER_POLL = 5;
/** ...at least once a second... */
const HEAD_POLL_MAX_MS = 1_000;
/** ...and at most ten times a second (the smallest poll-interval-seconds). */
const HEAD_POLL_MIN_MS = 100;
/** Each of its sleeps is shortened by up to this fraction at random: heads do not read in step. */
const HEAD_POLL_JITTER = 0.2;

/**
 * How often the first in line (no live ticket ahead, the lock held by a live holder) reads the
 * lock alone between its full reads, so that a release is seen within one such read: a fifth of
 * the poll interval, at most 1 s and at least 100 ms (each sleep 80-100 % of it, at random). At
 * the default 5 s poll: every 1 s. Equal to the poll interval (100 ms): no reads in between.
 */
export function headPollMs(pollIntervalMs: number): number {
  const ms = Math.max(HEAD_POLL_MIN_MS, pollIntervalMs / HEAD_READS_PER_POLL);
  return Math.min(pollIntervalMs, HEAD_POLL_MAX_MS, ms);
}

/** Why a pause ended the wait, if it did. */
export type Over = 'cancelled' | 'time-up' | undefined;

/** A waiter's pauses, bounded by its wait-timeout-minutes and its cancellation. */
export class TurnPause {
  readonly headMs: number;

  constructor(
    private readonly deps: Pick<TurnDeps, 'clock' | 'sleep'>,
    private readonly opts: Pick<TurnOptions, 'me' | 'timeoutMs' | 'pollIntervalMs' | 'signal'>,
    private readonly started: number,
    /** The run has read the lock and queue once. */
    private readonly arrived: () => boolean
  ) {
    this.headMs = headPollMs(opts.pollIntervalMs);
  }

  /** Sleeps up to `ms`: whether that ended the wait (time is up or the run was cancelled). */
  async pause(ms: number): Promise<Over> {
    const { opts, deps } = this;
    // Registry trouble on arrival is not another deployment: a run that does not wait
    // (wait-timeout-minutes 0) still gives the table a lease to answer, then falls back.
    const limit = this.arrived() ? opts.timeoutMs : Math.max(opts.timeoutMs, opts.me.leaseMs + 1);
    const left = limit - (deps.clock.now() - this.started);
    if (!opts.signal?.aborted && left > 0) await deps.sleep(Math.min(ms, left), opts.signal);
    if (opts.signal?.aborted) return 'cancelled';
    return left <= 0 ? 'time-up' : undefined;
  }

  /**
   * Between polls, for the first in line: the lock alone (one GetItem, `readLock`) every
   * `headMs`, until the next poll is due or the lock is no longer `watched` (released, or another
   * acquisition): then the full read, which alone decides whether this run may go.
   */
  async head(watched: Holder, readLock: () => Promise<LockView | undefined>): Promise<Over> {
    const { clock } = this.deps;
    const due = clock.now() + this.opts.pollIntervalMs;
    for (;;) {
      const left = due - clock.now();
      if (left <= 0) return undefined;
      const nap = this.headMs * (1 - HEAD_POLL_JITTER * Math.random());
      const over = await this.pause(Math.min(left, nap));
      if (over || clock.now() >= due) return over;
      // A failed read is a gap like any other (liveness is watched afresh); the full read retries.
      const lock = await readLock();
      if (!lock?.holder || lock.fence !== watched.fence || lock.holder.owner !== watched.owner)
        return undefined;
    }
  }
}
