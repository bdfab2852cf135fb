import type { JudgedOperation } from './ownership.js';
import { classifyStatus, type StackStatusClass } from './stack-status.js';
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
  return outcomeOfStatuses(classes);
}

function outcomeOfStatuses(classes: readonly StackStatusClass[]): Outcome {
  if (classes.includes('in-progress')) return 'still-running';
  if (classes.some((c) => c === 'stable-after-failure' || c === 'blocked')) return 'failed';
  return 'succeeded';
}

/**
 * What this deployment's own operations did: each stack it operated on, in the status its last
 * own operation left it (the stack's status now, unless someone else's operation came after).
 */
export function decideOwnOutcome(
  stacks: readonly StackSnapshot[],
  operations: readonly JudgedOperation[]
): Outcome {
  const classes: StackStatusClass[] = [];
  for (const s of stacks) {
    const ofStack = operations.filter((op) => op.stack === s.name && op.events.some(isStackEvent));
    const lastOwn = ofStack.filter((op) => op.ours).at(-1);
    if (!lastOwn) continue;
    const status = lastOwn === ofStack.at(-1) ? s.status : (lastOwn.status ?? s.status);
    classes.push(classifyStatus(status).class);
  }
  return classes.length === 0 ? 'no-change' : outcomeOfStatuses(classes);
}

/**
 * The outcome, with what only the job knows: no stack operation, and a step of this job was
 * cancelled (asked only then), means the deployment was cancelled before it began.
 */
export async function outcomeOf(
  stacks: readonly StackSnapshot[],
  operations: readonly JudgedOperation[],
  stepCancelled: () => Promise<boolean | undefined>
): Promise<Outcome> {
  const outcome = decideOwnOutcome(stacks, operations);
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
