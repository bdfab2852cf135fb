import { describeActivity, formatEvent, type Activity } from '../domain/activity.js';
import { formatDuration } from '../domain/durations.js';
import { isInProgress } from '../domain/stack-status.js';
import type { NestedEvent, StackSnapshot } from '../domain/stack.js';
import { inTimeOrder } from '../domain/tree.js';
import type { StackReader } from '../ports/cloudformation.js';
import { nestedEvents } from './stack-tree.js';
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

const SEEN_EVENTS_MAX = 10_000;

/**
 * What the busy stacks are doing: in full the first time, then the events new since the last poll
 * (by ID: a nested stack's events are read only while it is busy, so they leave the list).
 */
export function logActivity(
  log: Logger,
  busy: readonly Activity[],
  seenEvents: Map<string, Set<string>>,
  now: number,
  opts: TurnOptions
): void {
  for (const a of busy) {
    const seen = seenEvents.get(a.stack.name);
    const ids = a.events.map((e) => e.id);
    // Bounded: past the cap it starts again from this poll's events (those are not new).
    seenEvents.set(
      a.stack.name,
      new Set(seen && seen.size < SEEN_EVENTS_MAX ? [...seen, ...ids] : ids)
    );
    if (seen === undefined) {
      log.info(describeActivity(a, now, opts.expectedMs, opts.estimateBasis));
      continue;
    }
    const fresh = a.events.filter((e) => !seen.has(e.id));
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

/**
 * Reads who is deploying each busy stack, since when, and how far along: its operation's events
 * and those of its nested stacks (a nested stack that cannot be read is left out; one that has
 * settled is read once).
 */
export async function readActivity(
  reader: StackReader,
  stacks: readonly StackSnapshot[],
  /** The nested stacks already settled in the operations read (one per waiting run). */
  settled?: Map<string, NestedEvent[]>
): Promise<Activity[]> {
  return Promise.all(
    stacks
      .filter((s) => isInProgress(s.status))
      .map(async (stack) => {
        const op = await reader.currentOperation(stack.name);
        const since = op.start?.timestamp.getTime() ?? op.events[0]?.timestamp.getTime() ?? 0;
        const nested = await nestedEvents(reader, op.events, since, { settled });
        return {
          stack,
          consoleUrl: reader.consoleUrl(stack),
          startedAt: op.start?.timestamp,
          startStatus: op.start?.status,
          events: inTimeOrder([...op.events, ...nested])
        };
      })
  );
}
