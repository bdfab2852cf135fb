import { CronExpressionParser, type CronExpression } from 'cron-parser';
import { shown } from './display.js';
import { formatDuration } from './durations.js';

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

// Around a DST change cron-parser's prev() and next() disagree: on a spring-forward day next()
// moves an occurrence the gap skips to the first instant after it (02:00 Berlin is 03:00 CEST)
// where prev() knows none; on an autumn day prev() finds both instants of a repeated wall time,
// next() only the first. A freeze errs towards frozen: its occurrences are those of either.

/**
 * A bound on the occurrences one side may know and the other not, between two of its own (the
 * minutes of an hour a spring change skips, say); past it the search stops.
 */
const MISSED_MAX = 4096;

/** Parsed expressions by zone and cron (a parse costs as much as a step): reset, not parsed again. */
const parsed = new Map<string, CronExpression | undefined>();

/**
 * The expression, its iterator at `t`. One instance per cron and zone, shared: use one at a time
 * (each use resets it). Undefined if it does not parse (or the zone is unknown).
 */
function iterate(
  cron: string,
  timeZone: string | undefined,
  t: number
): CronExpression | undefined {
  const tz = timeZone ?? 'UTC';
  const key = `${tz} ${cron}`;
  if (!parsed.has(key)) {
    if (parsed.size >= 64) parsed.clear();
    let it: CronExpression | undefined;
    try {
      it = CronExpressionParser.parse(cron, { currentDate: new Date(t), tz });
    } catch {
      it = undefined;
    }
    parsed.set(key, it);
  }
  const it = parsed.get(key);
  try {
    it?.reset(new Date(t));
    return it;
  } catch {
    return undefined;
  }
}

/**
 * Whether prev() and next() may disagree between `a` and `b`: the zone changes its offset in
 * between (a span of less than a week holds at most one change, which shows in the offsets at
 * its ends). Telling it is cheaper than the cron step it spares.
 */
function mayDisagree(timeZone: string | undefined, a: number, b: number): boolean {
  if (!timeZone || timeZone === 'UTC') return false;
  if (!(b - a < 7 * 86_400_000)) return true;
  try {
    return offsetAt(timeZone, a) !== offsetAt(timeZone, b);
  } catch {
    return true;
  }
}

/** The occurrence of `it` the direction gives, or undefined at the end of the schedule. */
function step(it: CronExpression, which: 'prev' | 'next'): number | undefined {
  try {
    return (which === 'prev' ? it.prev() : it.next()).getTime();
  } catch {
    return undefined;
  }
}

/** The latest occurrence at or before `t` and after `after` (prev()'s or next()'s). */
export function latestOccurrence(
  cron: string,
  timeZone: string | undefined,
  t: number,
  after = -Infinity
): number | undefined {
  // prev() is strictly before currentDate: one millisecond later finds an occurrence at t itself.
  const back = iterate(cron, timeZone, t + 1);
  const p = back && step(back, 'prev');
  let latest = p !== undefined && p > after ? p : undefined;
  // next() is strictly after currentDate: what it knows between p (or `after`) and t, prev() missed.
  const from = Math.max(p ?? -Infinity, after);
  if (!Number.isFinite(from) || !mayDisagree(timeZone, from, t)) return latest;
  const forward = iterate(cron, timeZone, from);
  if (!forward) return latest;
  for (let i = 0; i < MISSED_MAX; i++) {
    const n = step(forward, 'next');
    if (n === undefined || n > t) break;
    latest = n;
  }
  return latest;
}

/** The earliest occurrence strictly after `t` (next()'s or prev()'s). */
export function earliestOccurrence(
  cron: string,
  timeZone: string | undefined,
  t: number
): number | undefined {
  const forward = iterate(cron, timeZone, t);
  const n = forward && step(forward, 'next');
  if (n === undefined) return undefined;
  // prev() from there, strictly before it: what it knows between t and n, next() missed.
  if (!mayDisagree(timeZone, t, n)) return n;
  const back = iterate(cron, timeZone, n);
  let earliest = n;
  for (let i = 0; back && i < MISSED_MAX; i++) {
    const p = step(back, 'prev');
    if (p === undefined || p <= t) break;
    earliest = p;
  }
  return earliest;
}

// ---------------------------------------------------------------------------------------------
// What an operator types: durations, times, cron expressions, time zones

/** The shortest duration an operator may give: a second (less would round to nothing). */
export const MIN_DURATION_MS = 1000;
/** The longest: a year (366 days), as far as the end of a freeze is looked for. */
export const MAX_DURATION_MS = 366 * 86_400_000;
/** What a duration may be, for the messages. */
export const DURATIONS_ACCEPTED = 'a duration such as 30m, 2h, 1h30m or 1d, from 1s to 366d';

/**
 * `2h`, `30m`, `1h30m`, `90s`, `1d`, `1.5h`: a duration with its unit(s), in whole ms, from
 * MIN_DURATION_MS to MAX_DURATION_MS; or why not ("is shorter than 1s").
 */
export function readDuration(text: string): { ms: number } | { problem: string } {
  const s = text.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?[dhms])+$/.test(s)) return { problem: 'is not a duration' };
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;
  let ms = 0;
  for (const [, n, , u] of s.matchAll(/(\d+(\.\d+)?)([dhms])/g))
    ms += Number(n) * unit[u as keyof typeof unit];
  ms = Math.round(ms);
  if (ms < MIN_DURATION_MS) return { problem: 'is shorter than 1s' };
  if (!(ms <= MAX_DURATION_MS)) return { problem: 'is longer than 366d' };
  return { ms };
}

/** The duration in ms (see readDuration); undefined if not one an operator may give. */
export function parseDuration(text: string): number | undefined {
  const d = readDuration(text);
  return 'ms' in d ? d.ms : undefined;
}

/** The longest reason (as the action's reason inputs): people read it in every held run. */
export const REASON_MAX = 500;
export const REASON_ACCEPTED = `one line of 1 to ${REASON_MAX} characters without control characters (such as "holiday freeze")`;

/** `U+202E`: a character as the messages name it. */
const codePoint = (c: string): string =>
  `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why a reason (trimmed) cannot be used ("is empty"), or undefined when it can: one line, no control
 * characters (C0, DEL, C1: no terminal escapes), no line or paragraph separators, no bidirectional
 * controls (U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069: they reorder what Slack and the
 * logs show) and no zero-width characters (U+200B to U+200D, U+FEFF), 1 to 500 characters.
 */
export function reasonProblem(reason: string): string | undefined {
  if (reason.length === 0) return 'is empty';
  // eslint-disable-next-line no-control-regex
  const bad = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/.exec(reason)?.[0];
  if (bad !== undefined)
    return /[\n\r\u2028\u2029]/.test(bad)
      ? 'is more than one line'
      : `contains a control character (${codePoint(bad)})`;
  const bidi = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/.exec(reason)?.[0];
  if (bidi !== undefined) return `contains a bidirectional control character (${codePoint(bidi)})`;
  const hidden = /[\u200b-\u200d\ufeff]/.exec(reason)?.[0];
  if (hidden !== undefined) return `contains a zero-width character (${codePoint(hidden)})`;
  if (reason.length > REASON_MAX) return `is ${reason.length} characters long`;
  return undefined;
}

/** What an operator typed, quoted to be shown safely in a message (see display.ts). */
export { shown };

/** Whether the runtime knows the IANA time zone (through Intl, no zone data of our own). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** What a cron expression may be, for the messages. */
export const CRON_ACCEPTED =
  'five fields: minute hour day-of-month month day-of-week, such as "0 14 * * 5"';

/** The names cron-parser reads in the month and day-of-week fields (`THU` holds an H). */
const CRON_NAMES = new Set(
  'jan feb mar apr may jun jul aug sep oct nov dec sun mon tue wed thu fri sat'.split(' ')
);

/**
 * Why a cron expression breaks the rules every reader must agree on, or undefined: exactly five
 * fields (minute hour day-of-month month day-of-week; cron-parser would read fewer with defaults
 * put in front, and six with seconds), and no `H` (cron-parser's hashed value: random at each
 * parse without a seed, so two waiters would read two schedules). Cheap: no parse.
 */
export function cronRuleProblem(cron: string): string | undefined {
  const fields = cron
    .trim()
    .split(/\s+/)
    .filter((x) => x.length > 0);
  if (fields.length === 0) return 'is empty';
  if (fields.length !== 5)
    return `has ${fields.length} field${fields.length === 1 ? '' : 's'}${fields.length === 6 ? ' (a seconds field is not accepted)' : ''}`;
  const names = (field: string): string =>
    field.replace(/[a-z]{3}/gi, (m) => (CRON_NAMES.has(m.toLowerCase()) ? '' : m));
  if (fields.some((field) => /h/i.test(names(field))))
    return 'uses H (a hashed value: random at each reading)';
  return undefined;
}

/** Why a cron expression cannot be used (in the zone, default UTC), or undefined when it can. */
export function cronProblem(cron: string, timeZone = 'UTC'): string | undefined {
  const rule = cronRuleProblem(cron);
  if (rule) return rule;
  try {
    CronExpressionParser.parse(cron, { tz: timeZone }).next();
    return undefined;
  } catch (err) {
    return `is not valid (${(err as Error).message})`;
  }
}

/** The formats offsetAt reads a zone's wall time with, by zone (making one costs more than using it). */
const formats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `t`, in ms (Intl's wall-clock parts for that instant). */
function offsetAt(zone: string, t: number): number {
  let format = formats.get(zone);
  if (!format) {
    if (formats.size >= 64) formats.clear();
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit'
    });
    formats.set(zone, format);
  }
  const parts = format.formatToParts(new Date(t));
  const n = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(t / 1000) * 1000;
}

/** Whether the day is on the calendar (no 30 February, no month 13). */
function isDate(y: number, month: number, day: number): boolean {
  const t = new Date(Date.UTC(y, month - 1, day));
  return t.getUTCFullYear() === y && t.getUTCMonth() === month - 1 && t.getUTCDate() === day;
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * An instant from what an operator typed: an ISO time with `Z` or an offset, or a wall-clock
 * time without one in `timeZone` (then required). A wall time that a DST change skips is read
 * with the offset from before the change.
 */
export function parseInstant(text: string, timeZone?: string): number | undefined {
  const s = text.trim();
  const wall = WALL_TIME.exec(s);
  if (!wall) {
    // Only an instant that names its offset: Date.parse would read a bare time in the machine's zone.
    if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(s)) return undefined;
    // Date.parse reads 2026-02-30 as 2 March.
    const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(s)?.slice(1).map(Number);
    if (date && !isDate(date[0]!, date[1]!, date[2]!)) return undefined;
    const t = Date.parse(s);
    return Number.isFinite(t) ? t : undefined;
  }
  if (!timeZone) return undefined;
  const [, y, mo, d, h, mi, se] = wall.map(Number);
  if (!isDate(y!, mo!, d!) || h! > 23 || mi! > 59 || (se ?? 0) > 59) return undefined;
  const asUtc = Date.UTC(y!, mo! - 1, d, h, mi, se || 0);
  let t = asUtc - offsetAt(timeZone, asUtc);
  t = asUtc - offsetAt(timeZone, t);
  return t;
}

/**
 * `2026-12-24 18:00 Europe/Berlin (17:00 UTC)`, `2026-12-24 00:00 Europe/Berlin (2026-12-23 23:00
 * UTC)`: an instant as a person in `zone` reads it.
 */
export function formatInZone(t: number, zone = 'UTC'): string {
  const iso = new Date(t).toISOString();
  if (zone === 'UTC') return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  const local = new Date(t + offsetAt(zone, t)).toISOString().slice(0, 16).replace('T', ' ');
  // The UTC day too when it is not the zone's.
  const utc =
    iso.slice(0, 10) === local.slice(0, 10)
      ? iso.slice(11, 16)
      : iso.slice(0, 16).replace('T', ' ');
  return `${local} ${zone} (${utc} UTC)`;
}

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
