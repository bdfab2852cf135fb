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
