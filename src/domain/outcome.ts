import { classifyStatus } from './stack-status.js';
import { isStackEvent, type StackEvent, type StackSnapshot } from './stack.js';

export type Outcome = 'succeeded' | 'failed' | 'no-change' | 'still-running' | 'cancelled';

/**
 * What happened to the stacks since the lock was taken, from CloudFormation's
 * own record: their status now and their stack-level events since `sinceMs`.
 */
export function decideOutcome(
  stacks: readonly StackSnapshot[],
  eventsSince: readonly StackEvent[],
  sinceMs: number
): Outcome {
  const touched = new Set(
    eventsSince
      .filter((e) => isStackEvent(e) && e.timestamp.getTime() >= sinceMs)
      .map((e) => e.stackName)
  );
  if (touched.size === 0) return 'no-change';
  const classes = stacks
    .filter((s) => touched.has(s.name))
    .map((s) => classifyStatus(s.status).class);
  if (classes.includes('in-progress')) return 'still-running';
  if (classes.some((c) => c === 'stable-after-failure' || c === 'blocked')) return 'failed';
  return 'succeeded';
}

/**
 * The outcome, with what only the job knows: no stack operation, and a step of this job was
 * cancelled (asked only then), means the deployment was cancelled before it began.
 */
export async function outcomeOf(
  stacks: readonly StackSnapshot[],
  eventsSince: readonly StackEvent[],
  sinceMs: number,
  stepCancelled: () => Promise<boolean | undefined>
): Promise<Outcome> {
  const outcome = decideOutcome(stacks, eventsSince, sinceMs);
  return outcome === 'no-change' && (await stepCancelled()) === true ? 'cancelled' : outcome;
}

/** The record's transition for each outcome. */
export const OUTCOME_TRANSITION = {
  succeeded: 'completed',
  'no-change': 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
  'still-running': 'completed'
} as const satisfies Record<Outcome, string>;
