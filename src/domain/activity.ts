import { formatDuration } from './durations.js';
import {
  CORRELATION_TAG,
  operationProgress,
  eventName,
  type NestedEvent,
  type StackSnapshot
} from './stack.js';

/** Who is deploying a busy stack, since when, and how far along. */
export interface Activity {
  readonly stack: StackSnapshot;
  readonly consoleUrl: string;
  readonly startedAt?: Date;
  readonly startStatus?: string;
  /** Events of the operation so far, oldest first, its nested stacks' among them. */
  readonly events: readonly NestedEvent[];
}

export const activeCorrelationId = (stack: StackSnapshot): string | undefined =>
  stack.tags[CORRELATION_TAG] || undefined;

const LATEST_EVENTS = 5;

export function formatEvent(e: NestedEvent): string {
  const time = e.timestamp.toISOString().slice(11, 19);
  const reason = e.reason ? `: ${e.reason}` : '';
  return `${time} ${eventName(e)} (${e.resourceType}) ${e.status}${reason}`;
}

/** The block logged at every poll and in the error annotation when we give up. */
export function describeActivity(
  a: Activity,
  now: number,
  expectedMs: number,
  estimateBasis: string,
  showLatest = true
): string {
  const id = activeCorrelationId(a.stack);
  const lines = [`Stack ${a.stack.name} is ${a.stack.status}: another deployment is active.`];
  lines.push(`  Active deployment: ${id ?? `unknown (the stack has no ${CORRELATION_TAG} tag)`}`);
  if (a.startedAt) {
    const elapsed = now - a.startedAt.getTime();
    const remaining = expectedMs - elapsed;
    lines.push(`  Started: ${a.startedAt.toISOString()} (${a.startStatus ?? 'operation'})`);
    lines.push(`  Elapsed: ${formatDuration(elapsed)}`);
    lines.push(
      `  Estimate: ${remaining > 0 ? `about ${formatDuration(remaining)} remaining` : `overdue by ${formatDuration(-remaining)}`} (expected ${formatDuration(expectedMs)}; ${estimateBasis})`
    );
  } else {
    lines.push('  Started: unknown (the start of the operation is not among the recent events)');
  }
  const p = operationProgress(a.events);
  lines.push(
    `  Progress: ${p.done} resources done, ${p.inProgress} in progress, ${p.failed} failed`
  );
  lines.push(`  Console: ${a.consoleUrl}`);
  const latest = showLatest ? a.events.slice(-LATEST_EVENTS) : [];
  if (latest.length > 0) {
    lines.push('  Latest events:');
    for (const e of latest) lines.push(`    ${formatEvent(e)}`);
  }
  return lines.join('\n');
}
