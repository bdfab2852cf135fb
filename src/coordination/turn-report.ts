import { describeActivity, formatEvent, type Activity } from '../domain/activity.js';
import { formatDuration } from '../domain/durations.js';
import { isInProgress } from '../domain/stack-status.js';
import type { StackSnapshot } from '../domain/stack.js';
import type { StackReader } from '../ports/cloudformation.js';
import type { Holder, Ticket } from '../ports/registry.js';
import type { Logger } from '../ports/runtime.js';
import type { TurnOptions } from './turn.js';

/** One poll's line: how long, and (with a queue) the position, the holder and who is ahead. */
export function pollReport(
  poll: number,
  waitedMs: number,
  opts: TurnOptions,
  queue: { ticket?: Ticket; ahead: readonly Ticket[]; holder?: Holder; stale?: string },
  position: number
): string {
  const { ticket, ahead, holder, stale } = queue;
  const parts = [
    `Poll ${poll} (waited ${formatDuration(waitedMs)} of ${formatDuration(opts.timeoutMs)}):`
  ];
  // Ticket 0 is CloudFormation's own (no table): no queue to report on.
  if (ticket && ticket.seq > 0) {
    parts.push(`position ${ahead.length + (holder ? 1 : 0)} (on arrival ${position});`);
    parts.push(
      holder
        ? `lock held by ${describeHolder(holder)}${stale ? ` [stale: ${stale}]` : ''};`
        : 'lock free;'
    );
    if (ahead.length > 0)
      parts.push(
        `ahead: ${ahead.map((t) => `#${t.seq} ${t.correlationId}${t.priority === 'high' ? ' (high)' : ''}`).join(', ')};`
      );
  }
  parts.push(`estimate ${formatDuration(opts.expectedMs)} per deployment (${opts.estimateBasis}).`);
  return parts.join(' ');
}

/** What the busy stacks are doing: in full the first time, then the events new since the last poll. */
export function logActivity(
  log: Logger,
  busy: readonly Activity[],
  lastEvent: Map<string, string>,
  now: number,
  opts: TurnOptions
): void {
  for (const a of busy) {
    const seen = lastEvent.get(a.stack.name);
    const newest = a.events.at(-1);
    if (newest) lastEvent.set(a.stack.name, newest.id);
    if (seen === undefined) {
      log.info(describeActivity(a, now, opts.expectedMs, opts.estimateBasis));
      continue;
    }
    const fresh = a.events.slice(a.events.findIndex((e) => e.id === seen) + 1);
    log.info(
      `${describeActivity(a, now, opts.expectedMs, opts.estimateBasis, false)}${
        fresh.length > 0
          ? `\n  New events:\n${fresh.map((e) => `    ${formatEvent(e)}`).join('\n')}`
          : '\n  No new events since the last poll.'
      }`
    );
  }
}

export function describeHolder(h: Holder): string {
  return `${h.correlationId} (${h.run.runUrl ?? 'no run link'}) since ${h.acquiredAt}`;
}

/** Reads who is deploying each busy stack, since when, and how far along. */
export async function readActivity(
  reader: StackReader,
  stacks: readonly StackSnapshot[]
): Promise<Activity[]> {
  return Promise.all(
    stacks
      .filter((s) => isInProgress(s.status))
      .map(async (stack) => {
        const op = await reader.currentOperation(stack.name);
        return {
          stack,
          consoleUrl: reader.consoleUrl(stack),
          startedAt: op.start?.timestamp,
          startStatus: op.start?.status,
          events: op.events
        };
      })
  );
}
