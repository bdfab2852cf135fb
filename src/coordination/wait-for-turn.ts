import { decide } from './turn-decision.js';
import { Waiter } from './turn-waiter.js';
import type { TurnDeps, TurnOptions, TurnOutcome } from './turn.js';

export type { Arrival, TurnDeps, TurnOptions, TurnOutcome } from './turn.js';
export { describeHolder, readActivity } from './turn-report.js';
export { headPollMs } from './turn-pause.js';

/**
 * Waits for this run's turn: first live ticket, the lock free or stale, no freeze in force and no
 * covered stack in progress in CloudFormation. Observe, decide, act: the run looks at what the
 * decision asks for (turn-observer.ts), `decide` (turn-decision.ts, no I/O) picks the next step,
 * and this loop performs it, until a step ends the wait.
 *
 * Registry trouble fails safe. Throttling and errors without an answer are retried (the SDK's
 * retries, then backoff with jitter); only a registry that has not answered for longer than a
 * lease moves the run to CloudFormation-only coordination, since by then any holder has either
 * started its stack operation (which CloudFormation shows) or lost its lease. A table that cannot
 * be used as configured (missing, denied) on arrival ends the wait as `misconfigured`; an item
 * that does not decode ends it as `corrupt`.
 *
 * The first in line behind a live holder also reads the lock alone between its polls
 * (`headPollMs`), so a release is seen within one such read; what it may do is still decided by
 * the full read alone (FIFO, staleness, stacks), and only then does it try to acquire.
 */
export async function waitForTurn(deps: TurnDeps, opts: TurnOptions): Promise<TurnOutcome> {
  const waiter = new Waiter(deps, opts);
  try {
    for (;;) {
      const outcome = await waiter.perform(decide(waiter.sight, waiter.memory, waiter.rules));
      if (outcome) return outcome;
    }
  } finally {
    // Whatever ended the wait (an error included), the ticket's heartbeat ends with it.
    await waiter.keeper.stop();
  }
}
