import { formatDuration } from '../domain/durations.js';
import { aheadText } from '../domain/freeze.js';
import type { EnvironmentOverview, FreezeOverview, Overview } from './overview.js';

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

const runLink = (url: string | undefined): string => url ?? 'no run link';

export function environmentText(e: EnvironmentOverview, now: number): string[] {
  const h = e.holder;
  const end = h ? Date.parse(h.expectedEnd) - now : 0;
  const lines = [
    `Environment ${e.environment}`,
    h
      ? `  Lock: held by ${h.correlationId} (${runLink(h.runUrl)}) since ${h.since}${lasting(h.since, now)}, fencing token ${h.fence}; expected end ${h.expectedEnd}${end >= 0 ? relative(h.expectedEnd, now) : ` (overdue by ${formatDuration(-end)})`}; estimate ${formatDuration(h.expectedMs)}, ${h.estimateBasis}`
      : `  Lock: free${e.last ? ` (last: ${e.last.correlationId}, ${e.last.outcome ?? 'no outcome'}, released ${e.last.at ?? '?'})` : ''}`,
    `  Queue: ${
      e.queue.length === 0
        ? 'empty'
        : e.queue
            .map(
              (w) =>
                `${w.position}. ${w.correlationId} (${runLink(w.runUrl)}, ticket #${w.ticket}${w.priority === 'high' ? ', priority high' : ''}${w.overridesFreeze ? ', override-freeze' : ''}) waiting since ${w.waitingSince}${lasting(w.waitingSince, now)}, expected start ${w.expectedStart}${relative(w.expectedStart, now)}`
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
        ? `until ${f.until}${relative(f.until, now)}`
        : 'in force';
  return `${until}: ${f.reason}${f.by ? ` (by ${f.by}${f.ids?.length ? `; ${f.ids.join(', ')}` : ''})` : ''}`;
}

export function overviewText(o: Overview, table: string): string {
  const now = Date.parse(o.at);
  if (o.environments.length === 0)
    return `No environment in registry ${table} yet: one appears once a run queues in it.`;
  return [
    `Registry ${table}, ${o.environments.length} environment${o.environments.length === 1 ? '' : 's'}, at ${o.at}`,
    ...o.environments.flatMap((e) => ['', ...environmentText(e, now)])
  ].join('\n');
}
