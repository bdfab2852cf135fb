import { CronExpressionParser, type CronExpression } from 'cron-parser';
import { offsetAt } from './instants.js';

// Cron expressions: which ones a recurring freeze accepts, and their occurrences in a time zone.

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
