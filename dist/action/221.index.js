export const id = 221;
export const ids = [221];
export const modules = {

/***/ 9785:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $7: () => (/* binding */ readDuration),
/* harmony export */   BC: () => (/* binding */ MIN_DURATION_MS),
/* harmony export */   Ci: () => (/* binding */ untilIso),
/* harmony export */   FF: () => (/* binding */ CRON_ACCEPTED),
/* harmony export */   FL: () => (/* binding */ formatInZone),
/* harmony export */   Gb: () => (/* binding */ describeFrozen),
/* harmony export */   Ge: () => (/* binding */ reasonProblem),
/* harmony export */   He: () => (/* binding */ REASON_ACCEPTED),
/* harmony export */   Jp: () => (/* binding */ ALL_ENVIRONMENTS),
/* harmony export */   K2: () => (/* binding */ cronProblem),
/* harmony export */   KC: () => (/* binding */ nextWindow),
/* harmony export */   LU: () => (/* binding */ describeFreeze),
/* harmony export */   MF: () => (/* binding */ windowAt),
/* harmony export */   SP: () => (/* reexport safe */ _display_js__WEBPACK_IMPORTED_MODULE_1__.SP),
/* harmony export */   Th: () => (/* binding */ aheadText),
/* harmony export */   "if": () => (/* binding */ DURATIONS_ACCEPTED),
/* harmony export */   kQ: () => (/* binding */ isTimeZone),
/* harmony export */   nV: () => (/* binding */ parseInstant),
/* harmony export */   oD: () => (/* binding */ REASON_MAX),
/* harmony export */   qt: () => (/* binding */ frozenAt),
/* harmony export */   rG: () => (/* binding */ MAX_DURATION_MS),
/* harmony export */   s: () => (/* binding */ cronRuleProblem),
/* harmony export */   v6: () => (/* binding */ ended),
/* harmony export */   v9: () => (/* binding */ holds)
/* harmony export */ });
/* unused harmony exports FROZEN_HORIZON_MS, FROZEN_MAX_WINDOWS, latestOccurrence, earliestOccurrence, parseDuration, untilText */
/* harmony import */ var cron_parser__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8628);
/* harmony import */ var _display_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2298);
/* harmony import */ var _durations_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1265);



/** The scope of a freeze that holds every environment of the table. */
const ALL_ENVIRONMENTS = '*';
/** Does the freeze apply to this environment (its own, or one for all)? */
const holds = (f, environment) => f.environment === ALL_ENVIRONMENTS || f.environment === environment;
/**
 * The window of `f` that contains `t`, if any (of a recurring freeze whose windows overlap, the
 * one that ends last).
 */
function windowAt(f, t) {
    if (f.thawedAt)
        return undefined;
    if (f.cron !== undefined) {
        // A cron that breaks the rules (written by hand, or before them) holds nothing.
        if (!f.durationMs || f.durationMs <= 0 || cronRuleProblem(f.cron))
            return undefined;
        // Windows are all as long: the latest occurrence at or before t reaches furthest.
        const start = latestOccurrence(f.cron, f.timeZone, t, t - f.durationMs);
        return start === undefined ? undefined : { freeze: f, start, end: start + f.durationMs };
    }
    const start = f.from ? Date.parse(f.from) : -Infinity;
    const end = f.until ? Date.parse(f.until) : NaN;
    if (!Number.isFinite(end))
        return undefined;
    return start <= t && t < end ? { freeze: f, start, end } : undefined;
}
/**
 * The next window of `f` that has not ended by `t`: the one in force (the window `windowAt`
 * gives), else the next to open.
 */
function nextWindow(f, t) {
    const now = windowAt(f, t);
    if (now || f.thawedAt)
        return now;
    if (f.cron !== undefined) {
        if (cronRuleProblem(f.cron))
            return undefined;
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
const ended = (f, t) => !nextWindow(f, t);
/**
 * How far ahead the end of a frozen stretch is looked for: a week. Past it (or past
 * FROZEN_MAX_WINDOWS windows) a stretch that still goes on is open-ended: frozen until thawed.
 */
const FROZEN_HORIZON_MS = 7 * 86_400_000;
/** How many windows that run into each other are followed, at most (`* * * * *` for 1m: 200 minutes). */
const FROZEN_MAX_WINDOWS = 200;
/**
 * Whether the freezes hold the environment at `now`, and if so until when: windows that touch or
 * overlap (two freezes, or a recurring one whose windows run into each other) make one stretch.
 * The work is bounded: the stretch is followed FROZEN_HORIZON_MS ahead and FROZEN_MAX_WINDOWS
 * windows at most (one lookup per freeze each); one still going on there is `openEnded`.
 */
function frozenAt(freezes, environment, now, options = {}) {
    const lookup = options.windowAt ?? windowAt;
    const mine = freezes.filter((f) => holds(f, environment));
    const inForce = (t) => mine.flatMap((f) => lookup(f, t) ?? []);
    const windows = inForce(now);
    if (windows.length === 0)
        return undefined;
    let until = Math.max(...windows.map((w) => w.end));
    for (let i = 0;; i++) {
        const next = inForce(until);
        if (next.length === 0)
            return { until, windows };
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
const parsed = new Map();
/**
 * The expression, its iterator at `t`. One instance per cron and zone, shared: use one at a time
 * (each use resets it). Undefined if it does not parse (or the zone is unknown).
 */
function iterate(cron, timeZone, t) {
    const tz = timeZone ?? 'UTC';
    const key = `${tz} ${cron}`;
    if (!parsed.has(key)) {
        if (parsed.size >= 64)
            parsed.clear();
        let it;
        try {
            it = cron_parser__WEBPACK_IMPORTED_MODULE_0__.CronExpressionParser.parse(cron, { currentDate: new Date(t), tz });
        }
        catch {
            it = undefined;
        }
        parsed.set(key, it);
    }
    const it = parsed.get(key);
    try {
        it?.reset(new Date(t));
        return it;
    }
    catch {
        return undefined;
    }
}
/**
 * Whether prev() and next() may disagree between `a` and `b`: the zone changes its offset in
 * between (a span of less than a week holds at most one change, which shows in the offsets at
 * its ends). Telling it is cheaper than the cron step it spares.
 */
function mayDisagree(timeZone, a, b) {
    if (!timeZone || timeZone === 'UTC')
        return false;
    if (!(b - a < 7 * 86_400_000))
        return true;
    try {
        return offsetAt(timeZone, a) !== offsetAt(timeZone, b);
    }
    catch {
        return true;
    }
}
/** The occurrence of `it` the direction gives, or undefined at the end of the schedule. */
function step(it, which) {
    try {
        return (which === 'prev' ? it.prev() : it.next()).getTime();
    }
    catch {
        return undefined;
    }
}
/** The latest occurrence at or before `t` and after `after` (prev()'s or next()'s). */
function latestOccurrence(cron, timeZone, t, after = -Infinity) {
    // prev() is strictly before currentDate: one millisecond later finds an occurrence at t itself.
    const back = iterate(cron, timeZone, t + 1);
    const p = back && step(back, 'prev');
    let latest = p !== undefined && p > after ? p : undefined;
    // next() is strictly after currentDate: what it knows between p (or `after`) and t, prev() missed.
    const from = Math.max(p ?? -Infinity, after);
    if (!Number.isFinite(from) || !mayDisagree(timeZone, from, t))
        return latest;
    const forward = iterate(cron, timeZone, from);
    if (!forward)
        return latest;
    for (let i = 0; i < MISSED_MAX; i++) {
        const n = step(forward, 'next');
        if (n === undefined || n > t)
            break;
        latest = n;
    }
    return latest;
}
/** The earliest occurrence strictly after `t` (next()'s or prev()'s). */
function earliestOccurrence(cron, timeZone, t) {
    const forward = iterate(cron, timeZone, t);
    const n = forward && step(forward, 'next');
    if (n === undefined)
        return undefined;
    // prev() from there, strictly before it: what it knows between t and n, next() missed.
    if (!mayDisagree(timeZone, t, n))
        return n;
    const back = iterate(cron, timeZone, n);
    let earliest = n;
    for (let i = 0; back && i < MISSED_MAX; i++) {
        const p = step(back, 'prev');
        if (p === undefined || p <= t)
            break;
        earliest = p;
    }
    return earliest;
}
// ---------------------------------------------------------------------------------------------
// What an operator types: durations, times, cron expressions, time zones
/** The shortest duration an operator may give: a second (less would round to nothing). */
const MIN_DURATION_MS = 1000;
/** The longest: a year (366 days), as far as the end of a freeze is looked for. */
const MAX_DURATION_MS = 366 * 86_400_000;
/** What a duration may be, for the messages. */
const DURATIONS_ACCEPTED = 'a duration such as 30m, 2h, 1h30m or 1d, from 1s to 366d';
/**
 * `2h`, `30m`, `1h30m`, `90s`, `1d`, `1.5h`: a duration with its unit(s), in whole ms, from
 * MIN_DURATION_MS to MAX_DURATION_MS; or why not ("is shorter than 1s").
 */
function readDuration(text) {
    const s = text.trim().toLowerCase();
    if (!/^(\d+(\.\d+)?[dhms])+$/.test(s))
        return { problem: 'is not a duration' };
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
    let ms = 0;
    for (const [, n, , u] of s.matchAll(/(\d+(\.\d+)?)([dhms])/g))
        ms += Number(n) * unit[u];
    ms = Math.round(ms);
    if (ms < MIN_DURATION_MS)
        return { problem: 'is shorter than 1s' };
    if (!(ms <= MAX_DURATION_MS))
        return { problem: 'is longer than 366d' };
    return { ms };
}
/** The duration in ms (see readDuration); undefined if not one an operator may give. */
function parseDuration(text) {
    const d = readDuration(text);
    return 'ms' in d ? d.ms : undefined;
}
/** The longest reason (as the action's reason inputs): people read it in every held run. */
const REASON_MAX = 500;
const REASON_ACCEPTED = `one line of 1 to ${REASON_MAX} characters without control characters (such as "holiday freeze")`;
/** `U+202E`: a character as the messages name it. */
const codePoint = (c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
/**
 * Why a reason (trimmed) cannot be used ("is empty"), or undefined when it can: one line, no control
 * characters (C0, DEL, C1: no terminal escapes), no line or paragraph separators, no bidirectional
 * controls (U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069: they reorder what Slack and the
 * logs show) and no zero-width characters (U+200B to U+200D, U+FEFF), 1 to 500 characters.
 */
function reasonProblem(reason) {
    if (reason.length === 0)
        return 'is empty';
    // eslint-disable-next-line no-control-regex
    const bad = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/.exec(reason)?.[0];
    if (bad !== undefined)
        return /[\n\r\u2028\u2029]/.test(bad)
            ? 'is more than one line'
            : `contains a control character (${codePoint(bad)})`;
    const bidi = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/.exec(reason)?.[0];
    if (bidi !== undefined)
        return `contains a bidirectional control character (${codePoint(bidi)})`;
    const hidden = /[\u200b-\u200d\ufeff]/.exec(reason)?.[0];
    if (hidden !== undefined)
        return `contains a zero-width character (${codePoint(hidden)})`;
    if (reason.length > REASON_MAX)
        return `is ${reason.length} characters long`;
    return undefined;
}
/** What an operator typed, quoted to be shown safely in a message (see display.ts). */

/** Whether the runtime knows the IANA time zone (through Intl, no zone data of our own). */
function isTimeZone(zone) {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return zone.length > 0;
    }
    catch {
        return false;
    }
}
/** What a cron expression may be, for the messages. */
const CRON_ACCEPTED = 'five fields: minute hour day-of-month month day-of-week, such as "0 14 * * 5"';
/** The names cron-parser reads in the month and day-of-week fields (`THU` holds an H). */
const CRON_NAMES = new Set('jan feb mar apr may jun jul aug sep oct nov dec sun mon tue wed thu fri sat'.split(' '));
/**
 * Why a cron expression breaks the rules every reader must agree on, or undefined: exactly five
 * fields (minute hour day-of-month month day-of-week; cron-parser would read fewer with defaults
 * put in front, and six with seconds), and no `H` (cron-parser's hashed value: random at each
 * parse without a seed, so two waiters would read two schedules). Cheap: no parse.
 */
function cronRuleProblem(cron) {
    const fields = cron
        .trim()
        .split(/\s+/)
        .filter((x) => x.length > 0);
    if (fields.length === 0)
        return 'is empty';
    if (fields.length !== 5)
        return `has ${fields.length} field${fields.length === 1 ? '' : 's'}${fields.length === 6 ? ' (a seconds field is not accepted)' : ''}`;
    const names = (field) => field.replace(/[a-z]{3}/gi, (m) => (CRON_NAMES.has(m.toLowerCase()) ? '' : m));
    if (fields.some((field) => /h/i.test(names(field))))
        return 'uses H (a hashed value: random at each reading)';
    return undefined;
}
/** Why a cron expression cannot be used (in the zone, default UTC), or undefined when it can. */
function cronProblem(cron, timeZone = 'UTC') {
    const rule = cronRuleProblem(cron);
    if (rule)
        return rule;
    try {
        cron_parser__WEBPACK_IMPORTED_MODULE_0__.CronExpressionParser.parse(cron, { tz: timeZone }).next();
        return undefined;
    }
    catch (err) {
        return `is not valid (${err.message})`;
    }
}
/** The formats offsetAt reads a zone's wall time with, by zone (making one costs more than using it). */
const formats = new Map();
/** The zone's offset from UTC at `t`, in ms (Intl's wall-clock parts for that instant). */
function offsetAt(zone, t) {
    let format = formats.get(zone);
    if (!format) {
        if (formats.size >= 64)
            formats.clear();
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
    const n = (type) => Number(parts.find((p) => p.type === type)?.value);
    const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
    return wall - Math.floor(t / 1000) * 1000;
}
/** Whether the day is on the calendar (no 30 February, no month 13). */
function isDate(y, month, day) {
    const t = new Date(Date.UTC(y, month - 1, day));
    return t.getUTCFullYear() === y && t.getUTCMonth() === month - 1 && t.getUTCDate() === day;
}
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
/**
 * An instant from what an operator typed: an ISO time with `Z` or an offset, or a wall-clock
 * time without one in `timeZone` (then required). A wall time that a DST change skips is read
 * with the offset from before the change.
 */
function parseInstant(text, timeZone) {
    const s = text.trim();
    const wall = WALL_TIME.exec(s);
    if (!wall) {
        // Only an instant that names its offset: Date.parse would read a bare time in the machine's zone.
        if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(s))
            return undefined;
        // Date.parse reads 2026-02-30 as 2 March.
        const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(s)?.slice(1).map(Number);
        if (date && !isDate(date[0], date[1], date[2]))
            return undefined;
        const t = Date.parse(s);
        return Number.isFinite(t) ? t : undefined;
    }
    if (!timeZone)
        return undefined;
    const [, y, mo, d, h, mi, se] = wall.map(Number);
    if (!isDate(y, mo, d) || h > 23 || mi > 59 || (se ?? 0) > 59)
        return undefined;
    const asUtc = Date.UTC(y, mo - 1, d, h, mi, se || 0);
    let t = asUtc - offsetAt(timeZone, asUtc);
    t = asUtc - offsetAt(timeZone, t);
    return t;
}
/**
 * `2026-12-24 18:00 Europe/Berlin (17:00 UTC)`, `2026-12-24 00:00 Europe/Berlin (2026-12-23 23:00
 * UTC)`: an instant as a person in `zone` reads it.
 */
function formatInZone(t, zone = 'UTC') {
    const iso = new Date(t).toISOString();
    if (zone === 'UTC')
        return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
    const local = new Date(t + offsetAt(zone, t)).toISOString().slice(0, 16).replace('T', ' ');
    // The UTC day too when it is not the zone's.
    const utc = iso.slice(0, 10) === local.slice(0, 10)
        ? iso.slice(11, 16)
        : iso.slice(0, 16).replace('T', ' ');
    return `${local} ${zone} (${utc} UTC)`;
}
/** The freeze as one line: scope, window, reason, who. */
function describeFreeze(f, now) {
    const scope = f.environment === ALL_ENVIRONMENTS ? 'all environments' : f.environment;
    const w = nextWindow(f, now);
    const invalid = f.cron !== undefined ? cronRuleProblem(f.cron) : undefined;
    const when = invalid
        ? `every ${(0,_display_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(f.cron ?? '')}: invalid, holds nothing (the cron ${invalid}; expected ${CRON_ACCEPTED})`
        : f.cron !== undefined
            ? `every "${f.cron}" (${f.timeZone ?? 'UTC'}) for ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a3)(f.durationMs ?? 0)}${w
                ? w.start <= now
                    ? `, now until ${formatInZone(w.end, f.timeZone)}`
                    : `, next ${formatInZone(w.start, f.timeZone)}`
                : ''}`
            : w && w.start > now
                ? `from ${formatInZone(w.start)} until ${formatInZone(w.end)}`
                : `until ${formatInZone(Date.parse(f.until ?? ''))}`;
    return `${f.id}: ${scope}, ${when}: "${f.reason}" (by ${f.by}${f.thawedAt ? `, thawed ${f.thawedAt} by ${f.thawedBy ?? 'unknown'}` : ''})`;
}
/** Why the environment is frozen and until when, for the log and the messages. */
function describeFrozen(frozen, environment, now) {
    const reasons = frozen.windows
        .map((w) => `"${w.freeze.reason}" (freeze ${w.freeze.id} by ${w.freeze.by}${w.freeze.environment === ALL_ENVIRONMENTS ? ', all environments' : ''})`)
        .join('; ');
    return `${environment} is frozen ${untilText(frozen, now)}: ${reasons}`;
}
/** `until 2026-01-14T16:00:00.000Z`, or `until thawed` for an open-ended stretch: for one-line notes. */
const untilIso = (frozen) => frozen.openEnded ? 'until thawed' : `until ${new Date(frozen.until).toISOString()}`;
/**
 * `until 2026-01-14T16:00:00.000Z (in 3h 00m)`, or of an open-ended stretch `until thawed (no end
 * within 7 days)`.
 */
function untilText(frozen, now) {
    if (!frozen.openEnded)
        return `until ${new Date(frozen.until).toISOString()} (in ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a3)(frozen.until - now)})`;
    return `until thawed (no end within ${aheadText(frozen.until - now)})`;
}
/** `7 days`, `1 day`, `3h 20m`: how far an open-ended stretch was looked at. */
function aheadText(ms) {
    const days = Math.floor(ms / 86_400_000);
    return days >= 1 ? `${days} day${days === 1 ? '' : 's'}` : (0,_durations_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a3)(ms);
}


/***/ }),

/***/ 6129:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Br: () => (/* binding */ RECORD_TTL_DAYS),
/* harmony export */   D2: () => (/* binding */ describeUnreadable),
/* harmony export */   Kc: () => (/* binding */ concerns),
/* harmony export */   MA: () => (/* binding */ HISTORY_TTL_DAYS),
/* harmony export */   Ns: () => (/* binding */ FREEZE_TTL_DAYS),
/* harmony export */   i$: () => (/* binding */ RegistryUnavailableError),
/* harmony export */   wE: () => (/* binding */ REPAIR_COMMAND),
/* harmony export */   zk: () => (/* binding */ RegistryCorruptError)
/* harmony export */ });
/* unused harmony export classifyRegistryError */
const CONFIGURATION_ERRORS = new Set([
    'ResourceNotFoundException',
    'AccessDeniedException',
    'ValidationException',
    'UnrecognizedClientException',
    'InvalidSignatureException',
    'MissingAuthenticationTokenException',
    'ExpiredTokenException',
    'CredentialsProviderError'
]);
const THROTTLING_ERRORS = new Set([
    'ThrottlingException',
    'ProvisionedThroughputExceededException',
    'RequestLimitExceeded',
    'TooManyRequestsException'
]);
function classifyRegistryError(err) {
    const name = err?.name ?? '';
    if (CONFIGURATION_ERRORS.has(name))
        return 'configuration';
    if (THROTTLING_ERRORS.has(name))
        return 'throttled';
    return 'unreachable';
}
/** A registry call failed after the SDK's own retries; `failure` says what kind of trouble it is. */
class RegistryUnavailableError extends Error {
    operation;
    cause;
    failure;
    constructor(operation, cause) {
        const e = cause;
        super(`registry ${operation} failed: ${e?.name ?? 'Error'}: ${e?.message ?? String(cause)}`);
        this.operation = operation;
        this.cause = cause;
        this.name = 'RegistryUnavailableError';
        this.failure = classifyRegistryError(cause);
    }
}
/** The command that lists and repairs unreadable items (the table's name is the caller's to add). */
const REPAIR_COMMAND = 'deploy-coordinator doctor --fix';
/** An unreadable item, in one line: `ENV#production / LOCK: heartbeatNs is ..., expected ...`. */
const describeUnreadable = (u) => `${u.pk} / ${u.sk}: ${u.attribute || 'the item'} is ${u.found}, expected ${u.expected}`;
/** Whether an unreadable item could concern `environment` (its own, all of them, or nobody knows). */
const concerns = (u, environment) => u.scope === undefined || u.scope === '*' || u.scope === environment;
/** A registry read met an item it cannot decode where the caller cannot do without it. */
class RegistryCorruptError extends Error {
    item;
    constructor(item) {
        super(`unreadable registry item ${describeUnreadable(item)}`);
        this.item = item;
        this.name = 'RegistryCorruptError';
    }
}
const RECORD_TTL_DAYS = 7;
/** A thawed or ended freeze is kept this long, for the record. */
const FREEZE_TTL_DAYS = 7;
const HISTORY_TTL_DAYS = 180;


/***/ }),

/***/ 1602:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p2: () => (/* binding */ historyFile),
/* harmony export */   rZ: () => (/* binding */ HistoryFile)
/* harmony export */ });
/* unused harmony exports readHistoryFile, appendHistoryFile */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1623);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(248);





/** How many deployments the history file keeps (newest first). */
const KEEP = 50;
/** Without a registry table, history lives in a file that the Actions cache carries from run to run. */
function historyFile(environment, env = _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__/* .processEnv */ .H) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env['RUNNER_TEMP'] || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'deploy-coordinator-history', `${environment.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
}
/** The file's entries, each decoded as the table's are (the cache brings back whatever was saved). */
function readHistoryFile(file) {
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
        return { items: [], unreadable: [] };
    let entries;
    try {
        entries = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8'));
    }
    catch {
        entries = undefined;
    }
    if (!Array.isArray(entries))
        return {
            items: [],
            unreadable: [
                {
                    pk: file,
                    sk: '',
                    attribute: '',
                    expected: 'a JSON list of deployments',
                    found: 'something else'
                }
            ]
        };
    return (0,_schema_js__WEBPACK_IMPORTED_MODULE_4__/* .sorted */ .IP)(entries.map((e, i) => (0,_schema_js__WEBPACK_IMPORTED_MODULE_4__/* .decodeHistory */ .FU)(e, { pk: file, sk: `[${i}]` })));
}
function appendHistoryFile(file, entry) {
    const entries = [
        entry,
        ...readHistoryFile(file).items.filter((e) => e.correlationId !== entry.correlationId)
    ]
        .sort((a, b) => b.endedAt.localeCompare(a.endedAt))
        .slice(0, KEEP);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(file), { recursive: true });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(file, JSON.stringify(entries, null, 2));
}
/** The history in a file; `persist` keeps it for later runs (the Actions cache). */
class HistoryFile {
    file;
    persist;
    constructor(file, persist = async () => undefined) {
        this.file = file;
        this.persist = persist;
    }
    async add(entry) {
        appendHistoryFile(this.file, entry);
    }
    async recent(_environment, limit) {
        const { items, unreadable } = readHistoryFile(this.file);
        return { items: items.slice(0, limit), unreadable };
    }
    save() {
        return this.persist();
    }
}


/***/ }),

/***/ 248:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cc: () => (/* binding */ decodeLock),
/* harmony export */   DH: () => (/* binding */ decoded),
/* harmony export */   FU: () => (/* binding */ decodeHistory),
/* harmony export */   IP: () => (/* binding */ sorted),
/* harmony export */   MA: () => (/* binding */ decodeQueue),
/* harmony export */   Nx: () => (/* binding */ TICKET_ATTRIBUTES),
/* harmony export */   S8: () => (/* binding */ ticketKey),
/* harmony export */   Ul: () => (/* binding */ decodeFreeze),
/* harmony export */   bp: () => (/* binding */ describeValue),
/* harmony export */   eT: () => (/* binding */ decodeRecord),
/* harmony export */   kz: () => (/* binding */ readNumber),
/* harmony export */   l: () => (/* binding */ MAX_LEASE_MS),
/* harmony export */   nk: () => (/* binding */ decodeIndexEntry)
/* harmony export */ });
/* unused harmony exports MAX_HISTORY_DURATION_MS, keyText, freezeKeyEnvironment */
/* harmony import */ var _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8907);
/* harmony import */ var _domain_freeze_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9785);
/* harmony import */ var _domain_priority_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(806);
/* harmony import */ var _ports_registry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6129);





/**
 * Every item the registry reads is decoded here, against the schema below, before any code acts on
 * it. The table is shared by every repository, every release of the action, scripts and hands: an
 * item that does not decode (a number JavaScript cannot hold exactly, a missing or mistyped
 * attribute, an impossible value) is an `Unreadable` answer that names the item's key, the
 * attribute and what was expected; it is never taken for silence. Unknown extra attributes are
 * kept (the table is never rewritten by a read) and ignored, unless they hold a number the SDK
 * cannot convert: then the item is one that this and older releases cannot read at all.
 *
 * Numbers come from the document client's `wrapNumbers` hook (`readNumber`): a JavaScript number
 * when it is exact, else a `NumberValue` holding DynamoDB's own text, which every check refuses.
 */
/** The largest lease any release accepts (lease-minutes 1440): a longer one never dies. */
const MAX_LEASE_MS = 86_400_000;
/** The longest deployment history keeps: a longer one is an impossible value, not a slow stack. */
const MAX_HISTORY_DURATION_MS = 30 * 86_400_000;
/** The largest fence or queue number: far beyond any table's life, far below 2^53. */
const MAX_COUNTER = 1e12;
/** A stored text longer than this is not one the action wrote. */
const MAX_TEXT = 10_000;
/** The document client's number hook: exact numbers as numbers, the rest as DynamoDB's text. */
function readNumber(text) {
    const n = Number(text);
    return Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER ? n : _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_0__/* .NumberValue */ .lS.from(text);
}
class Mismatch extends Error {
    attribute;
    expected;
    found;
    constructor(attribute, expected, found) {
        super(`${attribute}: expected ${expected}, found ${found}`);
        this.attribute = attribute;
        this.expected = expected;
        this.found = found;
    }
}
/** What a value is, in a few words, for a decoding failure (shown safely). */
function describeValue(v) {
    if (v === undefined)
        return 'nothing (missing)';
    if (v === null)
        return 'null';
    if (v instanceof _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_0__/* .NumberValue */ .lS)
        return `the number ${(0,_domain_freeze_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(v.value)}, which JavaScript cannot hold exactly`;
    if (typeof v === 'string')
        return `the string ${(0,_domain_freeze_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(v)}`;
    if (typeof v === 'number')
        return `the number ${v}`;
    if (typeof v === 'boolean')
        return `the boolean ${v}`;
    if (Array.isArray(v))
        return `a list of ${v.length}`;
    if (v instanceof Set)
        return `a set of ${v.size}`;
    if (v instanceof Uint8Array)
        return `binary data of ${v.length} bytes`;
    if (typeof v === 'object')
        return 'a map';
    return typeof v;
}
const fail = (at, expected, v) => {
    throw new Mismatch(at, expected, describeValue(v));
};
const text = (opts = {}) => (v, at) => {
    if (typeof v !== 'string' || (opts.nonEmpty && v === '') || v.length > MAX_TEXT)
        fail(at, `${opts.nonEmpty ? 'a non-empty string' : 'a string'} of at most ${MAX_TEXT} characters`, v);
    return v;
};
const instant = (v, at) => typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) && Number.isFinite(Date.parse(v))
    ? v
    : fail(at, 'an ISO 8601 instant (such as 2026-12-07T10:00:00.000Z)', v);
const integer = (min, max) => (v, at) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
    ? v
    : fail(at, `a whole number from ${min} to ${max}`, v);
const number = (min, max, what = `a number from ${min} to ${max}`) => (v, at) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : fail(at, what, v);
const bool = (v, at) => (typeof v === 'boolean' ? v : fail(at, 'a boolean', v));
const oneOf = (values) => (v, at) => values.includes(v)
    ? v
    : fail(at, `one of ${values.join(', ')}`, v);
const optional = (check) => (v, at) => v === undefined ? undefined : check(v, at);
const isMap = (v) => typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_0__/* .NumberValue */ .lS) &&
    !(v instanceof Set) &&
    !(v instanceof Uint8Array);
const map = (v, at) => isMap(v) ? v : fail(at, 'a map', v);
const list = (of) => (v, at) => {
    if (!Array.isArray(v))
        return fail(at, 'a list', v);
    return v.map((x, i) => of(x, `${at}[${i}]`));
};
const join = (at, name) => (at ? `${at}.${name}` : name);
/** A map whose declared attributes are checked; the others are kept and ignored. */
const fields = (shape) => (v, at) => {
    const m = map(v, at);
    const out = {};
    for (const [name, check] of Object.entries(shape)) {
        const value = check(m[name], join(at, name));
        if (value !== undefined)
            out[name] = value;
    }
    return out;
};
/** Every number anywhere in the item is one JavaScript holds exactly (extra attributes too). */
function exactNumbers(v, at) {
    if (v instanceof _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_0__/* .NumberValue */ .lS)
        fail(at, 'a number JavaScript can hold exactly', v);
    else if (Array.isArray(v))
        v.forEach((x, i) => exactNumbers(x, `${at}[${i}]`));
    else if (v instanceof Set)
        for (const x of v)
            exactNumbers(x, at);
    else if (isMap(v))
        for (const [k, x] of Object.entries(v))
            exactNumbers(x, join(at, k));
}
const RUN_FIELDS = [
    'runId',
    'runAttempt',
    'runUrl',
    'repository',
    'workflow',
    'job',
    'actor',
    'sha',
    'ref'
];
const run = (v, at) => {
    const m = map(v, at);
    const out = {};
    for (const name of RUN_FIELDS) {
        const value = optional(text())(m[name], join(at, name));
        if (value !== undefined)
            out[name] = value;
    }
    return out;
};
const lease = number(1, MAX_LEASE_MS, `a lease in milliseconds, from 1 to ${MAX_LEASE_MS} (a day)`);
const counter = (min) => integer(min, MAX_COUNTER);
const stackNames = list(text({ nonEmpty: true }));
const priority = optional(oneOf(_domain_priority_js__WEBPACK_IMPORTED_MODULE_2__/* .PRIORITIES */ .BE));
const keyText = (k) => `${k.pk} / ${k.sk}`;
function decode(item, check, where) {
    const m = isMap(item) ? item : {};
    const keyPart = (v) => (typeof v === 'string' ? v : '?');
    const key = where ?? { pk: keyPart(m['pk']), sk: keyPart(m['sk']) };
    const scope = key.pk.startsWith('ENV#') ? key.pk.slice(4) : freezeKeyEnvironment(key.sk);
    try {
        exactNumbers(item, '');
        return { ok: true, value: check(item, '') };
    }
    catch (err) {
        if (!(err instanceof Mismatch))
            throw err;
        return {
            ok: false,
            unreadable: {
                ...key,
                ...(scope !== undefined ? { scope } : {}),
                attribute: err.attribute,
                expected: err.expected,
                found: err.found
            }
        };
    }
}
const lockItem = fields({
    fence: optional(counter(0)),
    holder: optional(text({ nonEmpty: true })),
    owner: optional(text()),
    heartbeat: optional(text()),
    acquiredAt: optional(instant),
    leaseMs: optional(lease),
    run: optional(run),
    stacks: optional(stackNames),
    lastHolder: optional(text()),
    lastOutcome: optional(text()),
    releasedAt: optional(instant)
});
/** What a held lock must have besides its holder's name. */
/** (No `owner`: releases before owner tokens wrote none; such a holding is nobody's but its own.) */
const HELD = ['fence', 'heartbeat', 'acquiredAt', 'leaseMs'];
/** The LOCK item of an environment (none: never held). */
function decodeLock(environment, item) {
    if (!item)
        return { ok: true, value: { environment, fence: 0 } };
    return decode(item, (v, at) => {
        const l = lockItem(v, at);
        if (l.holder !== undefined) {
            for (const name of HELD)
                if (l[name] === undefined)
                    fail(name, 'present while the lock has a holder', undefined);
            if (l.fence === 0)
                fail('fence', 'at least 1 while the lock has a holder', 0);
        }
        const holder = l.holder === undefined
            ? undefined
            : {
                correlationId: l.holder,
                owner: l.owner ?? '',
                fence: l.fence,
                heartbeat: l.heartbeat,
                acquiredAt: l.acquiredAt,
                leaseMs: l.leaseMs,
                run: l.run ?? {},
                stacks: l.stacks ?? []
            };
        return {
            environment,
            fence: l.fence ?? 0,
            holder,
            lastHolder: l.lastHolder,
            lastOutcome: l.lastOutcome,
            releasedAt: l.releasedAt
        };
    });
}
/** A ticket's key in the QUEUE item's map: its number, zero-padded so the map reads in order. */
const ticketKey = (seq) => String(seq).padStart(12, '0');
/** A ticket's attributes (`owner` is missing on those of releases before owner tokens). */
const TICKET_ATTRIBUTES = [
    'seq',
    'correlationId',
    'owner',
    'heartbeat',
    'enqueuedAt',
    'leaseMs',
    'run',
    'priority',
    'overridesFreeze'
];
const ticketFields = fields({
    seq: counter(1),
    correlationId: text({ nonEmpty: true }),
    owner: optional(text()),
    heartbeat: text({ nonEmpty: true }),
    enqueuedAt: instant,
    leaseMs: lease,
    run,
    priority,
    overridesFreeze: optional(bool)
});
/** The QUEUE item: its counter and its live tickets, in arrival order (none: nobody queued yet). */
function decodeQueue(item) {
    if (!item)
        return { ok: true, value: { seq: 0, tickets: [] } };
    return decode(item, (v) => {
        const m = map(v, '');
        const seq = counter(0)(m['seq'], 'seq');
        // Every write keeps the map (a removal leaves it empty): without it no ticket can be added.
        const entries = map(m['tickets'], 'tickets');
        const tickets = Object.entries(entries).map(([k, raw]) => {
            const at = `tickets.${k}`;
            const t = ticketFields(raw, at);
            if (k !== ticketKey(t.seq))
                fail(`${at}.seq`, `${Number(k)} (the number its key says)`, t.seq);
            if (t.seq > seq)
                fail(`${at}.seq`, `at most the queue's counter seq (${seq})`, t.seq);
            const ticket = { ...t, owner: t.owner ?? '', priority: t.priority ?? 'normal' };
            return ticket;
        });
        return { seq, tickets: tickets.sort((a, b) => a.seq - b.seq) };
    });
}
const transition = fields({
    state: text({ nonEmpty: true }),
    at: instant,
    note: optional(text()),
    by: optional(fields({ id: text({ nonEmpty: true }), name: optional(text()) }))
});
/**
 * A record: the transitions alone when it was started by a transition (a predecessor's
 * `taken-over`, an unlock, a lock lost) rather than by its run's arrival.
 */
const recordFields = fields({
    correlationId: optional(text({ nonEmpty: true })),
    environment: optional(text({ nonEmpty: true })),
    stacks: optional(stackNames),
    run: optional(run),
    priority,
    fence: optional(counter(0)),
    transitions: list(transition),
    outcome: optional(text()),
    rootCause: optional(text())
});
function decodeRecord(item) {
    return decode(item, (v, at) => {
        const r = recordFields(v, at);
        const pk = typeof item['pk'] === 'string' ? item['pk'] : '';
        return {
            ...r,
            correlationId: r.correlationId ?? pk.slice('DEPLOY#'.length),
            environment: r.environment ?? '',
            stacks: r.stacks ?? [],
            run: r.run ?? {}
        };
    });
}
const historyFields = fields({
    correlationId: text({ nonEmpty: true }),
    environment: text({ nonEmpty: true }),
    stacks: stackNames,
    outcome: text({ nonEmpty: true }),
    startedAt: instant,
    endedAt: instant,
    durationMs: integer(0, MAX_HISTORY_DURATION_MS),
    resourceTypeSeconds: optional((v, at) => {
        const m = map(v, at);
        const seconds = number(0, MAX_HISTORY_DURATION_MS / 1000);
        return Object.fromEntries(Object.entries(m).map(([k, x]) => [k, seconds(x, join(at, k))]));
    })
});
/** A finished deployment; its end is not before its start. */
function decodeHistory(item, where) {
    return decode(item, (v, at) => {
        const h = historyFields(v, at);
        if (Date.parse(h.endedAt) < Date.parse(h.startedAt))
            fail('endedAt', `not before startedAt (${h.startedAt})`, h.endedAt);
        return h;
    }, where);
}
const freezeFields = fields({
    id: text({ nonEmpty: true }),
    environment: text({ nonEmpty: true }),
    reason: text(),
    by: text(),
    createdAt: instant,
    from: optional(instant),
    until: optional(instant),
    cron: optional(text({ nonEmpty: true })),
    durationMs: optional(integer(_domain_freeze_js__WEBPACK_IMPORTED_MODULE_1__/* .MIN_DURATION_MS */ .BC, _domain_freeze_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_DURATION_MS */ .rG)),
    timeZone: optional(text({ nonEmpty: true })),
    thawedAt: optional(instant),
    thawedBy: optional(text())
});
/** An entry of the index of environments: it names the environment its key names. */
function decodeIndexEntry(item) {
    return decode(item, (v, at) => {
        const e = fields({ environment: text({ nonEmpty: true }) })(v, at);
        if (`ENV#${e.environment}` !== item['sk'])
            fail('environment', `the environment its key names`, e.environment);
        return e;
    });
}
/** The environment a freeze item's key names (`FREEZE#<env>#<id>`; `*` for all), if it names one. */
function freezeKeyEnvironment(sk) {
    const m = /^FREEZE#(.*)#[^#]*$/.exec(sk);
    return m?.[1];
}
/** A freeze: one window (`until`, maybe `from`) or a recurring one (`cron` and `durationMs`), as its key says. */
function decodeFreeze(item) {
    return decode(item, (v, at) => {
        const f = freezeFields(v, at);
        const sk = String(item['sk']);
        if (sk !== `FREEZE#${f.environment}#${f.id}`)
            fail('environment', `the environment and id its key names (${(0,_domain_freeze_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(sk)})`, `${(0,_domain_freeze_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(f.environment)} / ${(0,_domain_freeze_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(f.id)}`);
        if (f.cron === undefined && f.until === undefined)
            fail('until', 'an end (until), or a cron with a durationMs', undefined);
        if (f.cron !== undefined && f.durationMs === undefined)
            fail('durationMs', 'present with a cron', undefined);
        if (f.from !== undefined && f.until !== undefined && Date.parse(f.until) <= Date.parse(f.from))
            fail('until', `after from (${f.from})`, f.until);
        return f;
    });
}
/** A decoded item's value; an unreadable one is an answer the caller cannot do without. */
function decoded(d) {
    if (!d.ok)
        throw new _ports_registry_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryCorruptError */ .zk(d.unreadable);
    return d.value;
}
/** Items read together: those that decode, and those that do not (named, never dropped silently). */
function sorted(decodedItems) {
    const items = [];
    const unreadable = [];
    for (const d of decodedItems) {
        if (d.ok)
            items.push(d.value);
        else
            unreadable.push(d.unreadable);
    }
    return { items, unreadable };
}


/***/ })

};
