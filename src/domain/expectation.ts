/**
 * How long a deployment is expected to take, and past when it counts as
 * overdue: the estimate policy, pure (no I/O). The expected-duration-minutes
 * input wins; else the history of successful deployments of the same stacks
 * (some of them perhaps read from CloudFormation's event history), or of each
 * of the stacks on its own; else a fallback ('no history yet').
 */
import { formatDuration } from './durations.js';
import { estimateFromHistory, samplesOf, type Estimate, type PastDeployment } from './estimate.js';
import { pastOperationKind } from './past-operations.js';

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
  fromHistory: (Estimate & { readonly basis?: string }) | undefined,
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
        basis: fromHistory.basis ?? historyBasis(fromHistory)
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

/** A past deployment as the history holds it: its ID tells one read from the event history. */
export interface KnownDeployment extends PastDeployment {
  readonly correlationId: string;
}

/** An estimate from the history, with how it was made. */
export interface HistoryEstimate extends Estimate {
  readonly basis: string;
}

const EVENT_HISTORY = "CloudFormation's event history";

/**
 * From the history (newest first): the past deployments of exactly these stacks; else, for
 * several stacks that each have their own, the sum of their medians (and of their p20s and p80s).
 */
export function historyEstimate(
  history: readonly KnownDeployment[],
  stacks: readonly string[]
): HistoryEstimate | undefined {
  const whole = estimateFromHistory(history, stacks);
  if (whole)
    return {
      ...whole,
      basis: `median of ${samplesText(samplesOf(history, stacks))}${p20p80(whole)}`
    };
  if (stacks.length < 2) return undefined;
  const parts = stacks.map((stack) => ({ stack, estimate: estimateFromHistory(history, [stack]) }));
  if (parts.some((p) => !p.estimate)) return undefined;
  const sum = (f: (e: Estimate) => number): number =>
    parts.reduce((total, p) => total + f(p.estimate!), 0);
  const summed: Estimate = {
    expectedMs: sum((e) => e.expectedMs),
    lowMs: sum((e) => e.lowMs),
    highMs: sum((e) => e.highMs),
    samples: Math.min(...parts.map((p) => p.estimate!.samples))
  };
  const each = parts.map((p) => `${p.stack}: ${samplesText(samplesOf(history, [p.stack]))}`);
  return {
    ...summed,
    basis: `sum of each stack's own median (${each.join('; ')})${p20p80(summed)}`
  };
}

/** '3 past updates in CloudFormation's event history', '5 successful deployments, 2 of them from ...'. */
function samplesText(samples: readonly KnownDeployment[]): string {
  const n = samples.length;
  const kinds = samples.flatMap((s) => pastOperationKind(s.correlationId) ?? []);
  if (kinds.length === n) {
    const only = new Set(kinds).size === 1 ? kinds[0]!.toLowerCase() : undefined;
    const what = only ? `${only}${n === 1 ? '' : 's'}` : 'updates and creates';
    return `${n} past ${what} in ${EVENT_HISTORY}`;
  }
  const deployments = `${n} successful deployment${n === 1 ? '' : 's'}`;
  return kinds.length === 0
    ? deployments
    : `${deployments}, ${kinds.length} of them from ${EVENT_HISTORY}`;
}

const p20p80 = (e: Estimate): string =>
  `, p20 to p80 ${formatDuration(e.lowMs)} to ${formatDuration(e.highMs)}`;
