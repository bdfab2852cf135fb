export const id = 282;
export const ids = [282];
export const modules = {

/***/ 1715:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ backoffMs)
/* harmony export */ });
/**
 * Exponential backoff with jitter: between half and all of min(cap, base * 2^attempt), so
 * retries spread out without ever hammering the service with near-zero delays.
 */
function backoffMs(attempt, baseMs, capMs, random = Math.random) {
    const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
    return Math.max(1, Math.floor(ceiling / 2 + (random() * ceiling) / 2));
}


/***/ }),

/***/ 8922:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ HeartbeatLoop)
/* harmony export */ });
/**
 * Calls `beat` every interval on a loop of its own, so a heartbeat never waits behind whatever
 * else its process is waiting for. A beat that failed (undefined) is tried again after a third of
 * the interval, so one lost write never lets a lease run out; a beat that says the thing it
 * keeps alive is gone (false) ends the loop.
 */
class HeartbeatLoop {
    sleep;
    intervalMs;
    beat;
    stopper;
    loop;
    constructor(sleep, intervalMs, beat) {
        this.sleep = sleep;
        this.intervalMs = intervalMs;
        this.beat = beat;
    }
    get running() {
        return this.loop !== undefined && !this.stopper?.signal.aborted;
    }
    start(firstDelayMs = this.intervalMs) {
        if (this.loop)
            return;
        const stopper = new AbortController();
        this.stopper = stopper;
        this.loop = (async () => {
            let delay = firstDelayMs;
            while (!stopper.signal.aborted) {
                await this.sleep(delay, stopper.signal);
                if (stopper.signal.aborted)
                    return;
                const landed = await this.beat();
                if (landed === false)
                    return;
                delay = landed ? this.intervalMs : Math.max(1, Math.floor(this.intervalMs / 3));
            }
        })();
    }
    /** Ends the loop; resolves once a beat in flight has settled. */
    async stop() {
        this.stopper?.abort();
        await this.loop;
    }
}


/***/ }),

/***/ 679:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S6: () => (/* binding */ activeCorrelationId),
/* harmony export */   lU: () => (/* binding */ describeActivity),
/* harmony export */   qF: () => (/* binding */ formatEvent)
/* harmony export */ });
/* harmony import */ var _durations_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1265);
/* harmony import */ var _stack_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3456);


const activeCorrelationId = (stack) => stack.tags[_stack_js__WEBPACK_IMPORTED_MODULE_0__/* .CORRELATION_TAG */ .In] || undefined;
const LATEST_EVENTS = 5;
function formatEvent(e) {
    const time = e.timestamp.toISOString().slice(11, 19);
    const reason = e.reason ? `: ${e.reason}` : '';
    return `${time} ${e.logicalId} (${e.resourceType}) ${e.status}${reason}`;
}
/** The block logged at every poll and in the error annotation when we give up. */
function describeActivity(a, now, expectedMs, estimateBasis, showLatest = true) {
    const id = activeCorrelationId(a.stack);
    const lines = [`Stack ${a.stack.name} is ${a.stack.status}: another deployment is active.`];
    lines.push(`  Active deployment: ${id ?? `unknown (the stack has no ${_stack_js__WEBPACK_IMPORTED_MODULE_0__/* .CORRELATION_TAG */ .In} tag)`}`);
    if (a.startedAt) {
        const elapsed = now - a.startedAt.getTime();
        const remaining = expectedMs - elapsed;
        lines.push(`  Started: ${a.startedAt.toISOString()} (${a.startStatus ?? 'operation'})`);
        lines.push(`  Elapsed: ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(elapsed)}`);
        lines.push(`  Estimate: ${remaining > 0 ? `about ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(remaining)} remaining` : `overdue by ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(-remaining)}`} (expected ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(expectedMs)}; ${estimateBasis})`);
    }
    else {
        lines.push('  Started: unknown (the start of the operation is not among the recent events)');
    }
    const p = (0,_stack_js__WEBPACK_IMPORTED_MODULE_0__/* .operationProgress */ .xw)(a.events);
    lines.push(`  Progress: ${p.done} resources done, ${p.inProgress} in progress, ${p.failed} failed`);
    lines.push(`  Console: ${a.consoleUrl}`);
    const latest = showLatest ? a.events.slice(-LATEST_EVENTS) : [];
    if (latest.length > 0) {
        lines.push('  Latest events:');
        for (const e of latest)
            lines.push(`    ${formatEvent(e)}`);
    }
    return lines.join('\n');
}


/***/ }),

/***/ 4280:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bw: () => (/* binding */ estimateFromHistory),
/* harmony export */   JZ: () => (/* binding */ median),
/* harmony export */   S3: () => (/* binding */ resourceTypeSeconds),
/* harmony export */   Wj: () => (/* binding */ typeDurations),
/* harmony export */   XW: () => (/* binding */ remainingMs),
/* harmony export */   lc: () => (/* binding */ samplesOf)
/* harmony export */ });
/* unused harmony export percentile */
/* harmony import */ var _stack_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3456);

const median = (values) => percentile(values, 0.5);
/** Linear interpolation between closest ranks; undefined for no values. */
function percentile(values, p) {
    if (values.length === 0)
        return undefined;
    const sorted = [...values].sort((a, b) => a - b);
    const rank = (sorted.length - 1) * p;
    const lo = Math.floor(rank);
    const hi = Math.ceil(rank);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}
/** Median seconds each resource type took in these events (first IN_PROGRESS to its COMPLETE). */
function resourceTypeSeconds(events) {
    const started = new Map();
    const byType = new Map();
    for (const e of [...events].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())) {
        if ((0,_stack_js__WEBPACK_IMPORTED_MODULE_0__/* .isStackEvent */ .lQ)(e))
            continue;
        const key = `${e.stackName}/${e.logicalId}`;
        if (e.status.endsWith('_IN_PROGRESS')) {
            if (!started.has(key))
                started.set(key, e.timestamp.getTime());
        }
        else if (e.status.endsWith('_COMPLETE') && started.has(key)) {
            const seconds = (e.timestamp.getTime() - started.get(key)) / 1000;
            byType.set(e.resourceType, [...(byType.get(e.resourceType) ?? []), seconds]);
            started.delete(key);
        }
    }
    return Object.fromEntries([...byType].map(([type, secs]) => [type, Math.round(median(secs) * 10) / 10]));
}
/** Median of recent successful deployments of the same stacks, with a p20 to p80 interval. */
function estimateFromHistory(history, stacks, recent = 20) {
    const durations = samplesOf(history, stacks, recent).map((h) => h.durationMs);
    if (durations.length === 0)
        return undefined;
    return {
        expectedMs: median(durations),
        lowMs: percentile(durations, 0.2),
        highMs: percentile(durations, 0.8),
        samples: durations.length
    };
}
/** The past deployments an estimate of these stacks is made from: the recent successful ones of exactly these stacks. */
function samplesOf(history, stacks, recent = 20) {
    const key = [...stacks].sort().join(',');
    return history
        .filter((h) => h.outcome === 'succeeded' && [...h.stacks].sort().join(',') === key)
        .slice(0, recent);
}
/** Median seconds per resource type over past successful deployments. */
function typeDurations(history) {
    const byType = new Map();
    for (const h of history) {
        if (h.outcome !== 'succeeded')
            continue;
        for (const [type, secs] of Object.entries(h.resourceTypeSeconds ?? {}))
            byType.set(type, [...(byType.get(type) ?? []), secs]);
    }
    return Object.fromEntries([...byType].map(([type, secs]) => [type, median(secs)]));
}
/**
 * Time left: what the estimate leaves, refined by the resources still in
 * progress (each should take about its type's usual time from when it started).
 */
function remainingMs(expectedMs, elapsedMs, inProgress, typeSeconds, now) {
    const byResources = inProgress.map((r) => (typeSeconds[r.type] ?? 0) * 1000 - (now - r.startedMs));
    return Math.max(0, expectedMs - elapsedMs, ...byResources);
}


/***/ }),

/***/ 9785:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $7: () => (/* binding */ readDuration),
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
/* harmony export */   SP: () => (/* binding */ shown),
/* harmony export */   Th: () => (/* binding */ aheadText),
/* harmony export */   "if": () => (/* binding */ DURATIONS_ACCEPTED),
/* harmony export */   kQ: () => (/* binding */ isTimeZone),
/* harmony export */   nV: () => (/* binding */ parseInstant),
/* harmony export */   qt: () => (/* binding */ frozenAt),
/* harmony export */   s: () => (/* binding */ cronRuleProblem),
/* harmony export */   v6: () => (/* binding */ ended),
/* harmony export */   v9: () => (/* binding */ holds)
/* harmony export */ });
/* unused harmony exports FROZEN_HORIZON_MS, FROZEN_MAX_WINDOWS, latestOccurrence, earliestOccurrence, MIN_DURATION_MS, MAX_DURATION_MS, parseDuration, REASON_MAX, untilText */
/* harmony import */ var cron_parser__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8628);
/* harmony import */ var _durations_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1265);


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
/**
 * What an operator typed, quoted to be shown safely in a message: JSON, with DEL, C1, the line
 * separators, the bidirectional controls and the zero-width characters escaped too; a long value
 * cut at 80 characters.
 */
function shown(text) {
    const cut = text.length > 80 ? text.slice(0, 80) : text;
    const quoted = JSON.stringify(cut).replace(/[\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return cut === text ? quoted : `${quoted}… (${text.length} characters)`;
}
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
        ? `every ${shown(f.cron ?? '')}: invalid, holds nothing (the cron ${invalid}; expected ${CRON_ACCEPTED})`
        : f.cron !== undefined
            ? `every "${f.cron}" (${f.timeZone ?? 'UTC'}) for ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(f.durationMs ?? 0)}${w
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
        return `until ${new Date(frozen.until).toISOString()} (in ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(frozen.until - now)})`;
    return `until thawed (no end within ${aheadText(frozen.until - now)})`;
}
/** `7 days`, `1 day`, `3h 20m`: how far an open-ended stretch was looked at. */
function aheadText(ms) {
    const days = Math.floor(ms / 86_400_000);
    return days >= 1 ? `${days} day${days === 1 ? '' : 's'}` : (0,_durations_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(ms);
}


/***/ }),

/***/ 6235:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LT: () => (/* binding */ isInProgress),
/* harmony export */   kq: () => (/* binding */ DOES_NOT_EXIST),
/* harmony export */   s5: () => (/* binding */ OPERATION_START_STATUSES),
/* harmony export */   xo: () => (/* binding */ classifyStatus)
/* harmony export */ });
/* unused harmony export STACK_STATUSES */
/** Not an AWS status: how this project names a stack that DescribeStacks does not find. */
const DOES_NOT_EXIST = 'DOES_NOT_EXIST';
const inProgress = { class: 'in-progress' };
const stable = { class: 'stable' };
const afterFailure = { class: 'stable-after-failure' };
const gone = { class: 'does-not-exist' };
const needs = (action) => ({ class: 'blocked', needs: action });
const STACK_STATUSES = {
    CREATE_IN_PROGRESS: inProgress,
    DELETE_IN_PROGRESS: inProgress,
    IMPORT_IN_PROGRESS: inProgress,
    IMPORT_ROLLBACK_IN_PROGRESS: inProgress,
    // A change set was created and not executed yet: `aws cloudformation deploy`
    // sits here between its two calls, so another run is mid-deployment.
    REVIEW_IN_PROGRESS: inProgress,
    ROLLBACK_IN_PROGRESS: inProgress,
    UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: inProgress,
    UPDATE_IN_PROGRESS: inProgress,
    UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: inProgress,
    UPDATE_ROLLBACK_IN_PROGRESS: inProgress,
    CREATE_COMPLETE: stable,
    IMPORT_COMPLETE: stable,
    UPDATE_COMPLETE: stable,
    UPDATE_ROLLBACK_COMPLETE: afterFailure,
    IMPORT_ROLLBACK_COMPLETE: afterFailure,
    // Rollback disabled and the operation failed: resources are half-applied.
    // We restore the last good state before anyone deploys on top of it.
    CREATE_FAILED: needs('rollback'),
    UPDATE_FAILED: needs('rollback'),
    UPDATE_ROLLBACK_FAILED: needs('continue-rollback'),
    IMPORT_ROLLBACK_FAILED: needs('continue-rollback'),
    // A failed create leaves a stack that can only be deleted.
    ROLLBACK_COMPLETE: needs('delete'),
    ROLLBACK_FAILED: needs('delete'),
    DELETE_FAILED: needs('delete'),
    DELETE_COMPLETE: gone
};
function classifyStatus(status) {
    if (status === undefined || status === DOES_NOT_EXIST)
        return gone;
    const info = STACK_STATUSES[status];
    // An unknown status is one AWS added after this release: assume something is
    // happening rather than deploy over it.
    return info ?? inProgress;
}
const isInProgress = (status) => classifyStatus(status).class === 'in-progress';
/** Stack-level statuses that open a new operation (the first event of an operation). */
const OPERATION_START_STATUSES = new Set([
    'CREATE_IN_PROGRESS',
    'UPDATE_IN_PROGRESS',
    'DELETE_IN_PROGRESS',
    'IMPORT_IN_PROGRESS',
    'REVIEW_IN_PROGRESS'
]);


/***/ }),

/***/ 3456:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   In: () => (/* binding */ CORRELATION_TAG),
/* harmony export */   lQ: () => (/* binding */ isStackEvent),
/* harmony export */   nD: () => (/* binding */ STACK_RESOURCE_TYPE),
/* harmony export */   xw: () => (/* binding */ operationProgress)
/* harmony export */ });
const STACK_RESOURCE_TYPE = 'AWS::CloudFormation::Stack';
/** The tag the deploy step applies (via the `cfn-tags` output) so anyone can tell whose operation it is. */
const CORRELATION_TAG = 'DeploymentCorrelationId';
const isStackEvent = (e) => e.resourceType === STACK_RESOURCE_TYPE && e.logicalId === e.stackName;
function operationProgress(events) {
    const last = new Map();
    for (const e of events)
        if (!isStackEvent(e))
            last.set(e.logicalId, e.status);
    let done = 0;
    let inProgress = 0;
    let failed = 0;
    for (const status of last.values()) {
        if (status.endsWith('_IN_PROGRESS'))
            inProgress++;
        else if (status.endsWith('_FAILED'))
            failed++;
        else
            done++;
    }
    return { done, inProgress, failed };
}


/***/ }),

/***/ 6129:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Br: () => (/* binding */ RECORD_TTL_DAYS),
/* harmony export */   MA: () => (/* binding */ HISTORY_TTL_DAYS),
/* harmony export */   Ns: () => (/* binding */ FREEZE_TTL_DAYS),
/* harmony export */   i$: () => (/* binding */ RegistryUnavailableError)
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




/** How many deployments the history file keeps (newest first). */
const KEEP = 50;
/** Without a registry table, history lives in a file that the Actions cache carries from run to run. */
function historyFile(environment, env = _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__/* .processEnv */ .H) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env['RUNNER_TEMP'] || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'deploy-coordinator-history', `${environment.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
}
function readHistoryFile(file) {
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
        return [];
    try {
        const entries = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8'));
        return Array.isArray(entries) ? entries : [];
    }
    catch {
        return [];
    }
}
function appendHistoryFile(file, entry) {
    const entries = [
        entry,
        ...readHistoryFile(file).filter((e) => e.correlationId !== entry.correlationId)
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
        return readHistoryFile(this.file).slice(0, limit);
    }
    save() {
        return this.persist();
    }
}


/***/ }),

/***/ 5366:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  oE: () => (/* binding */ cloudFormationReader),
  eq: () => (/* binding */ fallbackRegistry),
  Me: () => (/* binding */ openRegistry)
});

;// CONCATENATED MODULE: ./.tmp/js/registry/cloudformation-only.js
/**
 * No table: nobody to queue with. Coordination rests on CloudFormation's own status alone (best
 * effort: no order, no identity): the queue is this run alone, the lock never anyone else's,
 * and every write succeeds without a call (fence 0, ticket 0).
 */
class CloudFormationOnlyLock {
    now;
    kind = 'cloudformation-only';
    constructor(now = Date.now) {
        this.now = now;
    }
    async enqueue(me) {
        return {
            seq: 0,
            correlationId: me.correlationId,
            owner: me.owner,
            heartbeat: '',
            enqueuedAt: new Date(this.now()).toISOString(),
            leaseMs: me.leaseMs,
            run: me.run,
            priority: me.priority ?? 'normal'
        };
    }
    async heartbeatTicket(_environment, ticket) {
        return ticket;
    }
    async removeTicket() { }
    async removeDeadTicket() {
        return false;
    }
    async view(environment) {
        return { lock: { environment, fence: 0 }, tickets: [] };
    }
    async readLock(environment) {
        return { environment, fence: 0 };
    }
    async environments() {
        return [];
    }
    async acquire(me, _observed) {
        return {
            correlationId: me.correlationId,
            owner: me.owner,
            fence: 0,
            heartbeat: '',
            acquiredAt: new Date(this.now()).toISOString(),
            leaseMs: me.leaseMs,
            run: me.run,
            stacks: me.stacks
        };
    }
    async heartbeatLock() {
        return true;
    }
    async release() {
        return true;
    }
    async forceUnlock() {
        return undefined;
    }
}
/** Without a table no record is kept. */
const noRecords = {
    putRecord: async () => undefined,
    addTransition: async () => undefined,
    getRecord: async () => undefined
};
/** No history at all (a history file is given where there is one). */
const noHistory = {
    add: async () => undefined,
    recent: async () => [],
    save: async () => undefined
};
/** Without a table there are no freezes (the CLI refuses to set one). */
const noFreezes = {
    list: async () => [],
    add: async () => undefined,
    thaw: async () => false
};
/** CloudFormation alone: the lock above, no records, no freezes, and the history given. */
const cloudFormationOnly = (history = noHistory, now = Date.now) => ({
    lock: new CloudFormationOnlyLock(now),
    records: noRecords,
    history,
    freezes: noFreezes
});

// EXTERNAL MODULE: ./.tmp/js/registry/history-file.js
var history_file = __webpack_require__(1602);
;// CONCATENATED MODULE: ./.tmp/js/runtime/clients.js


// Loaded only once the inputs are known to be good: a bad input fails fast without loading the SDKs.
async function cloudFormationReader(region) {
    const { CloudFormationAdapter, createCloudFormationClient } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(805), __webpack_require__.e(933)]).then(__webpack_require__.bind(__webpack_require__, 6933));
    return new CloudFormationAdapter(createCloudFormationClient(region), region);
}
/**
 * The one place the coordination mode is decided: a table (lock, queue, records, history in
 * DynamoDB) or CloudFormation alone (a lock that is CloudFormation's status, no records, the
 * history in a file the Actions cache carries).
 */
async function openRegistry(choice) {
    if (!choice.table)
        return cloudFormationOnly(historyOf(choice));
    const { dynamoRegistry, createDynamoClient } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(907), __webpack_require__.e(955)]).then(__webpack_require__.bind(__webpack_require__, 7955));
    return dynamoRegistry(createDynamoClient(choice.region), choice.table);
}
/** What a run falls back to when the table stops answering: CloudFormation alone, the history file kept. */
const fallbackRegistry = (choice) => () => cloudFormationOnly(new history_file/* HistoryFile */.rZ((0,history_file/* historyFile */.p2)(choice.environment)));
function historyOf({ environment, log, githubBudget }) {
    const file = (0,history_file/* historyFile */.p2)(environment);
    return new history_file/* HistoryFile */.rZ(file, async () => {
        if (!log)
            return;
        const { saveHistory } = await __webpack_require__.e(/* import() */ 0).then(__webpack_require__.bind(__webpack_require__, 8000));
        await saveHistory(file, environment, log, undefined, githubBudget);
    });
}


/***/ })

};
