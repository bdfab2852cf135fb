/**
 * How long a deployment is expected to take, and past when it counts as
 * overdue: the estimate policy, pure (no I/O). The expected-duration-minutes
 * input wins; else the history of successful deployments of the same stacks;
 * else a fallback ('no history yet').
 */
import { formatDuration } from './durations.js';
import type { Estimate } from './estimate.js';

/** The estimate a deployment is announced with. */
export interface DeploymentEstimate {
  readonly expectedMs: number;
  readonly lowMs?: number;
  readonly highMs?: number;
  /** How the estimate was made, e.g. 'median of 7 deployments' or 'no history yet'. */
  readonly basis: string;
}

/** How long a deployment is expected to take, and past when it is overdue. */
export interface Expectation {
  readonly estimate: DeploymentEstimate;
  /** The overdue threshold: expected-duration-minutes, else the estimate's upper bound (p80). */
  readonly overdueMs: number;
}

/** What the policy reads from the configuration (a `Config` fits). */
export interface ExpectationSettings {
  /** From expected-duration-minutes, when set. */
  readonly expectedDurationMs?: number;
}

const NO_HISTORY_BASIS = 'no history yet';

export function expectation(
  settings: ExpectationSettings,
  fromHistory: Estimate | undefined,
  fallbackMs: number
): Expectation {
  if (settings.expectedDurationMs !== undefined) {
    return {
      estimate: {
        expectedMs: settings.expectedDurationMs,
        basis: 'from expected-duration-minutes'
      },
      overdueMs: settings.expectedDurationMs
    };
  }
  if (fromHistory) {
    return {
      estimate: {
        expectedMs: fromHistory.expectedMs,
        lowMs: fromHistory.lowMs,
        highMs: fromHistory.highMs,
        basis: historyBasis(fromHistory)
      },
      overdueMs: overdueBound(fromHistory)
    };
  }
  return { estimate: { expectedMs: fallbackMs, basis: NO_HISTORY_BASIS }, overdueMs: fallbackMs };
}

/** From history, a deployment is overdue past the p80 (never before the median). */
function overdueBound(fromHistory: Estimate): number {
  return Math.max(fromHistory.highMs, fromHistory.expectedMs);
}

/** How an estimate from history was made, for the messages. */
function historyBasis(fromHistory: Estimate): string {
  const n = fromHistory.samples;
  return `median of ${n} successful deployment${n === 1 ? '' : 's'}, p20 to p80 ${formatDuration(fromHistory.lowMs)} to ${formatDuration(fromHistory.highMs)}`;
}
