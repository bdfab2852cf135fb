import { formatDuration } from '../domain/durations.js';
import { DISPLAY_MAX } from '../domain/display.js';
import { aheadText } from '../domain/freeze.js';
import type { EnvironmentOverview, FreezeOverview, Overview } from './overview.js';
import { displayText, unreadableLines } from './stored-text.js';

// `status` without --stack-name, as a person reads it: one block per environment.

/** '(in 4m 10s)', '(2m 05s ago)' from `now`. */
function relative(at: string, now: number): string {
  const ms = Date.parse(at) - now;
  if (!Number.isFinite(ms)) return '';
  return ms >= 0 ? ` (in ${formatDuration(ms)})` : ` (${formatDuration(-ms)} ago)`;
}

/** '(for 4m 10s)': how long since `at`. */
const lasting = (at: string, now: number): string => {
  const ms = now - Date.parse(at);
  return Number.isFinite(ms) ? ` (for ${formatDuration(Math.max(0, ms))})` : '';
};

const runLink = (url: string | undefined): string =>
  url === undefined ? 'no run link' : displayText(url);

/** An optional stored text, escaped; `none` when there is none. */
const orElse = (text: string | undefined, none: string): string =>
  text === undefined ? none : displayText(text);

/** An environment's lines; every stored text in them through displayText (escaped, cut when long). */
export function environmentText(e: EnvironmentOverview, now: number): string[] {
  const h = e.holder;
  const end = h ? Date.parse(h.expectedEnd) - now : 0;
  const lines = [
    `Environment ${displayText(e.environment)}`,
    h
      ? `  Lock: held by ${displayText(h.correlationId)} (${runLink(h.runUrl)}) since ${displayText(h.since)}${lasting(h.since, now)}, fencing token ${displayText(String(h.fence))}; expected end ${h.expectedEnd}${end >= 0 ? relative(h.expectedEnd, now) : ` (overdue by ${formatDuration(-end)})`}; estimate ${formatDuration(h.expectedMs)}, ${displayText(h.estimateBasis, 2000)}`
      : `  Lock: free${e.last ? ` (last: ${displayText(e.last.correlationId)}, ${orElse(e.last.outcome, 'no outcome')}, released ${orElse(e.last.at, '?')})` : ''}`,
    `  Queue: ${
      e.queue.length === 0
        ? 'empty'
        : e.queue
            .map(
              (w) =>
                `${w.position}. ${displayText(w.correlationId)} (${runLink(w.runUrl)}, ticket #${displayText(String(w.ticket))}${w.priority === 'high' ? ', priority high' : ''}${w.overridesFreeze ? ', override-freeze' : ''}) waiting since ${displayText(w.waitingSince)}${lasting(w.waitingSince, now)}, expected start ${w.expectedStart}${relative(w.expectedStart, now)}`
            )
            .join('\n         ')
    }`
  ];
  if (e.freeze) lines.push(`  Freeze: ${freezeText(e.freeze, now)}`);
  return lines;
}

/**
 * A freeze as `status` says it: until when (and in how long; or until thawed, no end in sight),
 * why, who, which.
 */
export function freezeText(f: FreezeOverview, now: number): string {
  const until =
    f.until && f.openEnded
      ? `until thawed (no end within ${aheadText(Date.parse(f.until) - now)})`
      : f.until
        ? `until ${displayText(f.until)}${relative(f.until, now)}`
        : 'in force';
  // The reasons of all the freezes in force, joined: each may be as long as one reason may be.
  const count = Math.max(1, f.ids?.length ?? 1);
  const reason = displayText(f.reason, count * (DISPLAY_MAX + 2));
  const ids = f.ids?.length ? `; ${f.ids.map((id) => displayText(id)).join(', ')}` : '';
  return `${until}: ${reason}${f.by ? ` (by ${displayText(f.by, count * (DISPLAY_MAX + 2))}${ids})` : ''}`;
}

export function overviewText(o: Overview, table: string): string {
  const now = Date.parse(o.at);
  const unreadable = unreadableLines(o.unreadable ?? [], table);
  if (o.environments.length === 0 && unreadable.length === 0)
    return `No environment in registry ${table} yet: one appears once a run queues in it.`;
  return [
    `Registry ${table}, ${o.environments.length} environment${o.environments.length === 1 ? '' : 's'}, at ${o.at}`,
    ...o.environments.flatMap((e) => ['', ...environmentText(e, now)]),
    ...(unreadable.length > 0 ? ['', ...unreadable] : [])
  ].join('\n');
}
