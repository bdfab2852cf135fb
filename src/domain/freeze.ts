import {
  CRON_ACCEPTED,
  cronRuleProblem,
  earliestOccurrence,
  latestOccurrence
} from './cron-schedule.js';
import { shown } from './display.js';
import { formatDuration } from './durations.js';
import { formatInZone } from './instants.js';

// A deploy freeze: its windows, what holds an environment (frozenAt), and how they read. What an
// operator types for one: durations and reasons in operator-input.ts, times and time zones in
// instants.ts, cron expressions and their occurrences in cron-schedule.ts.

/** The scope of a freeze that holds every environment of the table. */
export const ALL_ENVIRONMENTS = '*';

/**
 * A deploy freeze, as the registry keeps it: either one window (`from` to `until`) or a recurring
 * one (`cron` in `timeZone`, each occurrence opening a window of `durationMs`). Set and thawed
 * with the CLI; a thawed freeze holds nothing and stays a week for the record.
 */
export interface Freeze {
  readonly id: string;
  /** An environment, or `*` for all of them. */
  readonly environment: string;
  readonly reason: string;
  readonly by: string;
  readonly createdAt: string;
  readonly from?: string;
  readonly until?: string;
  readonly cron?: string;
  readonly durationMs?: number;
  readonly timeZone?: string;
  readonly thawedAt?: string;
  readonly thawedBy?: string;
}

/** One window of a freeze: from `start` (inclusive) to `end` (exclusive), epoch ms. */
export interface FreezeWindow {
  readonly freeze: Freeze;
  readonly start: number;
  readonly end: number;
}

/** What holds an environment now: until when (the end of the unbroken frozen stretch), and why. */
export interface Frozen {
  /**
   * Epoch ms; the first instant no freeze holds the environment. With `openEnded`, the furthest
   * instant looked at instead: the environment is still frozen there.
   */
  readonly until: number;
  /**
   * The stretch had not ended where the search stopped (FROZEN_HORIZON_MS ahead, or after
   * FROZEN_MAX_WINDOWS windows that run into each other): no end in sight, frozen until thawed.
   */
  readonly openEnded?: boolean;
  /** The windows in force now, each with its freeze (reason, who, id). */
  readonly windows: readonly FreezeWindow[];
}

/** Does the freeze apply to this environment (its own, or one for all)? */
export const holds = (f: Freeze, environment: string): boolean =>
  f.environment === ALL_ENVIRONMENTS || f.environment === environment;

/**
 * The window of `f` that contains `t`, if any (of a recurring freeze whose windows overlap, the
 * one that ends last).
 */
export function windowAt(f: Freeze, t: number): FreezeWindow | undefined {
  if (f.thawedAt) return undefined;
  if (f.cron !== undefined) {
    // A cron that breaks the rules (written by hand, or before them) holds nothing.
    if (!f.durationMs || f.durationMs <= 0 || cronRuleProblem(f.cron)) return undefined;
    // Windows are all as long: the latest occurrence at or before t reaches furthest.
    const start = latestOccurrence(f.cron, f.timeZone, t, t - f.durationMs);
    return start === undefined ? undefined : { freeze: f, start, end: start + f.durationMs };
  }
  const start = f.from ? Date.parse(f.from) : -Infinity;
  const end = f.until ? Date.parse(f.until) : NaN;
  if (!Number.isFinite(end)) return undefined;
  return start <= t && t < end ? { freeze: f, start, end } : undefined;
}

/**
 * The next window of `f` that has not ended by `t`: the one in force (the window `windowAt`
 * gives), else the next to open.
 */
export function nextWindow(f: Freeze, t: number): FreezeWindow | undefined {
  const now = windowAt(f, t);
  if (now || f.thawedAt) return now;
  if (f.cron !== undefined) {
    if (cronRuleProblem(f.cron)) return undefined;
    const start = earliestOccurrence(f.cron, f.timeZone, t);
    return start === undefined || !f.durationMs || f.durationMs <= 0
      ? undefined
      : { freeze: f, start, end: start + f.durationMs };
  }
  const start = f.from ? Date.parse(f.from) : -Infinity;
  const end = f.until ? Date.parse(f.until) : NaN;
  return Number.isFinite(end) && end > t ? { freeze: f, start, end } : undefined;
}

/** Whether the freeze is over for good: thawed, or no window in force or to come. */
export const ended = (f: Freeze, t: number): boolean => !nextWindow(f, t);

/**
 * How far ahead the end of a frozen stretch is looked for: a week. Past it (or past
 * FROZEN_MAX_WINDOWS windows) a stretch that still goes on is open-ended: frozen until thawed.
 */
export const FROZEN_HORIZON_MS = 7 * 86_400_000;
/** How many windows that run into each other are followed, at most (`* * * * *` for 1m: 200 minutes). */
export const FROZEN_MAX_WINDOWS = 200;

/** What frozenAt may be given: the lookup of a freeze's window at an instant (to count them). */
export interface FrozenOptions {
  readonly windowAt?: (f: Freeze, t: number) => FreezeWindow | undefined;
}

/**
 * Whether the freezes hold the environment at `now`, and if so until when: windows that touch or
 * overlap (two freezes, or a recurring one whose windows run into each other) make one stretch.
 * The work is bounded: the stretch is followed FROZEN_HORIZON_MS ahead and FROZEN_MAX_WINDOWS
 * windows at most (one lookup per freeze each); one still going on there is `openEnded`.
 */
export function frozenAt(
  freezes: readonly Freeze[],
  environment: string,
  now: number,
  options: FrozenOptions = {}
): Frozen | undefined {
  const lookup = options.windowAt ?? windowAt;
  const mine = freezes.filter((f) => holds(f, environment));
  const inForce = (t: number): FreezeWindow[] => mine.flatMap((f) => lookup(f, t) ?? []);
  const windows = inForce(now);
  if (windows.length === 0) return undefined;
  let until = Math.max(...windows.map((w) => w.end));
  for (let i = 0; ; i++) {
    const next = inForce(until);
    if (next.length === 0) return { until, windows };
    // Still frozen at `until`, and the search is at its bound: no end in sight.
    if (i >= FROZEN_MAX_WINDOWS || until - now >= FROZEN_HORIZON_MS)
      return { until, windows, openEnded: true };
    until = Math.max(...next.map((w) => w.end));
  }
}

/** The shortest duration an operator may give: a second (less would round to nothing). */
export const MIN_DURATION_MS = 1000;
/** The longest: a year (366 days), as far as the end of a freeze is looked for. */
export const MAX_DURATION_MS = 366 * 86_400_000;

/** The freeze as one line: scope, window, reason, who. */
export function describeFreeze(f: Freeze, now: number): string {
  const scope = f.environment === ALL_ENVIRONMENTS ? 'all environments' : f.environment;
  const w = nextWindow(f, now);
  const invalid = f.cron !== undefined ? cronRuleProblem(f.cron) : undefined;
  const when = invalid
    ? `every ${shown(f.cron ?? '')}: invalid, holds nothing (the cron ${invalid}; expected ${CRON_ACCEPTED})`
    : f.cron !== undefined
      ? `every "${f.cron}" (${f.timeZone ?? 'UTC'}) for ${formatDuration(f.durationMs ?? 0)}${
          w
            ? w.start <= now
              ? `, now until ${formatInZone(w.end, f.timeZone)}`
              : `, next ${formatInZone(w.start, f.timeZone)}`
            : ''
        }`
      : w && w.start > now
        ? `from ${formatInZone(w.start)} until ${formatInZone(w.end)}`
        : `until ${formatInZone(Date.parse(f.until ?? ''))}`;
  return `${f.id}: ${scope}, ${when}: "${f.reason}" (by ${f.by}${f.thawedAt ? `, thawed ${f.thawedAt} by ${f.thawedBy ?? 'unknown'}` : ''})`;
}

/** Why the environment is frozen and until when, for the log and the messages. */
export function describeFrozen(frozen: Frozen, environment: string, now: number): string {
  const reasons = frozen.windows
    .map(
      (w) =>
        `"${w.freeze.reason}" (freeze ${w.freeze.id} by ${w.freeze.by}${w.freeze.environment === ALL_ENVIRONMENTS ? ', all environments' : ''})`
    )
    .join('; ');
  return `${environment} is frozen ${untilText(frozen, now)}: ${reasons}`;
}

/** `until 2026-01-14T16:00:00.000Z`, or `until thawed` for an open-ended stretch: for one-line notes. */
export const untilIso = (frozen: Pick<Frozen, 'until' | 'openEnded'>): string =>
  frozen.openEnded ? 'until thawed' : `until ${new Date(frozen.until).toISOString()}`;

/**
 * `until 2026-01-14T16:00:00.000Z (in 3h 00m)`, or of an open-ended stretch `until thawed (no end
 * within 7 days)`.
 */
export function untilText(frozen: Frozen, now: number): string {
  if (!frozen.openEnded)
    return `until ${new Date(frozen.until).toISOString()} (in ${formatDuration(frozen.until - now)})`;
  return `until thawed (no end within ${aheadText(frozen.until - now)})`;
}

/** `7 days`, `1 day`, `3h 20m`: how far an open-ended stretch was looked at. */
export function aheadText(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  return days >= 1 ? `${days} day${days === 1 ? '' : 's'}` : formatDuration(ms);
}
