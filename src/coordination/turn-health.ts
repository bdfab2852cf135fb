import { RegistryCorruptError, RegistryUnavailableError } from '../ports/registry-errors.js';
import type { Unreadable } from '../ports/registry.js';
import type { Clock, Logger } from '../ports/runtime.js';
import { itemOf, type Health } from './turn-sight.js';

/** The table refusing a request as invalid this many times in a row is an item that defeats it. */
const MAX_REFUSALS = 3; // polls in a row

export type Answer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false };

/**
 * A waiter's calls to the registry, and what they say of its health. Registry trouble fails safe:
 * errors without an answer count toward the fallback (`Health.silence`; throttling is an answer),
 * and after any of them what was seen before proves nothing (`onGap`: liveness is watched afresh).
 * An item that does not decode is an answer, not an outage: it never counts toward the fallback.
 */
export class RegistryCalls {
  private state: {
    -readonly [K in keyof Health]: Health[K];
  } = { failures: 0 };
  /** Polls in a row in which the table refused a request as invalid (see MAX_REFUSALS). */
  private refusals = 0;
  private refusedThisPoll = false;
  /** The lock and queue were read once: a configuration failure after that is just trouble. */
  arrived = false;

  constructor(
    private readonly environment: string,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly onGap: () => void
  ) {}

  get health(): Health {
    return { ...this.state };
  }

  /** Refusals count in polls in a row: one poll without any ends the run of them. */
  newPoll(): void {
    if (!this.refusedThisPoll) this.refusals = 0;
    this.refusedThisPoll = false;
  }

  /** Once on CloudFormation alone, the table's silence is no longer counted. */
  fellBack(): void {
    this.state.unreachableSince = undefined;
    this.state.silence = undefined;
  }

  /** An answer from the table that ends the wait (an item it cannot read). */
  unreadable(item: Unreadable): void {
    this.state.corrupt ??= item;
  }

  /** The table cannot be used as configured, whatever the wait has seen. */
  misconfigured(message: string): void {
    this.state.misconfigured ??= message;
  }

  async attempt<T>(fn: () => Promise<T>): Promise<Answer<T>> {
    const s = this.state;
    s.silence = undefined;
    try {
      const value = await fn();
      s.failures = 0;
      s.unreachableSince = undefined;
      return { ok: true, value };
    } catch (err) {
      if (err instanceof RegistryCorruptError) {
        s.corrupt ??= err.item;
        return { ok: false };
      }
      if (!(err instanceof RegistryUnavailableError)) throw err;
      if (this.arrived && (err.cause as { name?: string })?.name === 'ValidationException') {
        // The table answered: this request does not fit the item as it is now (a hand-written
        // attribute of another type). Retried with a pause, then reported, never a fallback.
        if (!this.refusedThisPoll) this.refusals++;
        this.refusedThisPoll = true;
        if (this.refusals >= MAX_REFUSALS)
          s.corrupt ??= {
            ...itemOf(this.environment, err.operation),
            attribute: '',
            expected: `an item the ${err.operation} can be written to`,
            found: `one the table refused at ${this.refusals} polls in a row (${err.message})`
          };
        s.failures++;
        return { ok: false };
      }
      this.refusals = 0;
      s.failures++;
      // What was seen before the gap proves nothing about what happened during it.
      this.onGap();
      if (err.failure === 'configuration' && !this.arrived) s.misconfigured ??= err.message;
      else if (err.failure === 'throttled') s.unreachableSince = undefined;
      else s.unreachableSince ??= this.clock.now();
      if (s.unreachableSince !== undefined)
        s.silence = { forMs: this.clock.now() - s.unreachableSince, error: err.message };
      if (s.failures === 1 || s.failures % 10 === 0)
        this.log.info(`Registry trouble (${err.message}); retrying.`);
      return { ok: false };
    }
  }
}
