import type { Clock, Sleep } from '../ports/runtime.js';

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A sleep that an abort ends at once (resolving, never rejecting). */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
