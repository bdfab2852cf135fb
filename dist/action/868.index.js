export const id = 868;
export const ids = [868];
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

/***/ 4900:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ nestedEvents),
/* harmony export */   x: () => (/* binding */ TreeFollower)
/* harmony export */ });
/* harmony import */ var _domain_stack_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3456);
/* harmony import */ var _domain_tree_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4650);
/**
 * Following a tree of nested stacks: from the events of each covered stack, its nested stacks
 * (domain/tree.ts), and theirs, read by ARN. Nested stacks are never named by users and never
 * locked on their own; they are read only to see what their covered stack is doing.
 */


/**
 * The monitor's reads of the trees of the covered stacks, poll after poll: each covered stack's
 * events since the last poll, then those of every nested stack that is in progress (found in the
 * events read, recursively, also when one first appears mid-operation), and of one that settled
 * since, once more for its last events. In progress: its resource in its parent is, or its own
 * latest stack-level status is (its cleanup runs after its resource completed), as the CDK's
 * poller follows a nested stack until its own status ends. A settled nested stack is not read
 * again until its resource is in progress again: a tree costs about what its busy stacks cost.
 */
class TreeFollower {
    reader;
    sinceMs;
    branches = new Map();
    cursors = new Map();
    /** Read and not yet returned by a poll. */
    own = new Map();
    nested = new Map();
    constructor(reader, 
    /** Events before this are not the deployment's. */
    sinceMs) {
        this.reader = reader;
        this.sinceMs = sinceMs;
    }
    /** The newest event read of a covered stack. */
    cursor(stack) {
        return this.cursors.get(stack);
    }
    /** How many nested stacks are known, and how many are busy. */
    get size() {
        const all = [...this.branches.values()];
        return { known: all.length, busy: all.filter((b) => b.busy || b.working).length };
    }
    /**
     * The events read since the last poll that returned. A covered stack's read that fails ends the
     * poll with its error, and what was read before it is kept for the next poll, never lost; a
     * nested stack that cannot be read (a role that may not, a call that failed) is said in
     * `unreadable` and tried again at the next poll, the rest of the tree read as usual.
     */
    async poll(roots) {
        for (const root of roots) {
            // The first read is the newest page; only events since the lock was taken can be this deployment's.
            const read = await this.reader.eventsSince(root, this.cursors.get(root));
            if (read.length > 0)
                this.cursors.set(root, read.at(-1)?.id);
            const fresh = read.filter((e) => e.timestamp.getTime() >= this.sinceMs);
            this.own.set(root, [...(this.own.get(root) ?? []), ...fresh]);
            this.found(fresh, root, []);
        }
        // Each due branch once per poll; a branch found by this poll's reads is read in it too.
        const read = new Set();
        const unreadable = [];
        for (;;) {
            const due = [...this.branches].filter(([arn, b]) => b.due && !read.has(arn));
            if (due.length === 0)
                break;
            for (const [arn, b] of due) {
                read.add(arn);
                let events;
                try {
                    events = await this.readBranch(arn, b);
                }
                catch (err) {
                    unreadable.push({ arn, path: b.path.join(' › '), message: err.message });
                    // Tried again while it works, not forever: a role that may not read it costs no more.
                    b.due = b.busy || b.working;
                    continue;
                }
                b.working = (0,_domain_tree_js__WEBPACK_IMPORTED_MODULE_0__/* .stillWorking */ .Ky)(events, b.working);
                b.due = b.busy || b.working;
                this.nested.set(b.root, [...(this.nested.get(b.root) ?? []), ...(0,_domain_tree_js__WEBPACK_IMPORTED_MODULE_0__/* .inTree */ ._Z)(events, b.path)]);
                this.found(events, b.root, b.path);
            }
        }
        const polled = {
            own: new Map(this.own),
            nested: new Map([...this.nested].map(([root, events]) => [root, (0,_domain_tree_js__WEBPACK_IMPORTED_MODULE_0__/* .inTimeOrder */ .xM)(events)])),
            unreadable
        };
        this.own.clear();
        this.nested.clear();
        return polled;
    }
    /** Its first read goes back to the lock's time (it may be found late); then what is new. */
    async readBranch(arn, b) {
        const read = b.cursor === undefined
            ? await this.reader.eventsAfter(arn, this.sinceMs)
            : await this.reader.eventsSince(arn, b.cursor);
        if (read.length > 0)
            b.cursor = read.at(-1)?.id;
        return read.filter((e) => e.timestamp.getTime() >= this.sinceMs);
    }
    /** The nested stacks that `events` (of the stack at `path` in `root`'s tree) show. */
    found(events, root, path) {
        if (path.length >= _domain_stack_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_NESTED_READ_DEPTH */ .mu)
            return;
        for (const ref of (0,_domain_tree_js__WEBPACK_IMPORTED_MODULE_0__/* .nestedStacksIn */ ._M)(events)) {
            if (!ref.arn)
                continue;
            const known = this.branches.get(ref.arn);
            if (known) {
                known.busy = ref.busy;
                known.due = true;
                continue;
            }
            this.branches.set(ref.arn, {
                root,
                path: [...path, ref.logicalId],
                busy: ref.busy,
                working: false,
                due: true
            });
        }
    }
}
/**
 * The events of the nested stacks below covered stacks' `events` (oldest first), at or after
 * `sinceMs`, recursively, in time order: every nested stack they show. With a `settled` cache (one
 * per caller, across its polls), a nested stack that has settled (its resource and its own status
 * no longer in progress) is read once per operation, not at every poll. A nested stack that cannot
 * be read is left out (said through `onError`).
 */
async function nestedEvents(reader, events, sinceMs, opts = {}, path = []) {
    if (path.length >= _domain_stack_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_NESTED_READ_DEPTH */ .mu)
        return [];
    const out = [];
    for (const ref of (0,_domain_tree_js__WEBPACK_IMPORTED_MODULE_0__/* .nestedStacksIn */ ._M)(events)) {
        if (!ref.arn)
            continue;
        const key = `${ref.arn}@${sinceMs}`;
        const cached = opts.settled?.get(key);
        if (cached) {
            out.push(...cached);
            continue;
        }
        try {
            const inner = await reader.eventsAfter(ref.arn, sinceMs);
            const at = [...path, ref.logicalId];
            const below = [
                ...(0,_domain_tree_js__WEBPACK_IMPORTED_MODULE_0__/* .inTree */ ._Z)(inner, at),
                ...(await nestedEvents(reader, inner, sinceMs, opts, at))
            ];
            out.push(...below);
            if (opts.settled && !ref.busy && !(0,_domain_tree_js__WEBPACK_IMPORTED_MODULE_0__/* .stillWorking */ .Ky)(inner, false)) {
                if (opts.settled.size >= SETTLED_CACHE_MAX)
                    opts.settled.clear();
                opts.settled.set(key, below);
            }
        }
        catch (err) {
            opts.onError?.(ref.arn, err);
        }
    }
    return (0,_domain_tree_js__WEBPACK_IMPORTED_MODULE_0__/* .inTimeOrder */ .xM)(out);
}
/** Settled nested stacks kept by a waiting run: more than a tree holds, less than a leak. */
const SETTLED_CACHE_MAX = 200;


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
    return `${time} ${(0,_stack_js__WEBPACK_IMPORTED_MODULE_0__/* .eventName */ .eq)(e)} (${e.resourceType}) ${e.status}${reason}`;
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

/***/ 702:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FF: () => (/* binding */ CRON_ACCEPTED),
/* harmony export */   K2: () => (/* binding */ cronProblem),
/* harmony export */   PB: () => (/* binding */ earliestOccurrence),
/* harmony export */   s: () => (/* binding */ cronRuleProblem),
/* harmony export */   vO: () => (/* binding */ latestOccurrence)
/* harmony export */ });
/* harmony import */ var cron_parser__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8628);
/* harmony import */ var _instants_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(892);


// Cron expressions: which ones a recurring freeze accepts, and their occurrences in a time zone.
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
        return (0,_instants_js__WEBPACK_IMPORTED_MODULE_1__/* .offsetAt */ .HA)(timeZone, a) !== (0,_instants_js__WEBPACK_IMPORTED_MODULE_1__/* .offsetAt */ .HA)(timeZone, b);
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
/* harmony export */   BC: () => (/* binding */ MIN_DURATION_MS),
/* harmony export */   Ci: () => (/* binding */ untilIso),
/* harmony export */   Gb: () => (/* binding */ describeFrozen),
/* harmony export */   Jp: () => (/* binding */ ALL_ENVIRONMENTS),
/* harmony export */   KC: () => (/* binding */ nextWindow),
/* harmony export */   LU: () => (/* binding */ describeFreeze),
/* harmony export */   MF: () => (/* binding */ windowAt),
/* harmony export */   Th: () => (/* binding */ aheadText),
/* harmony export */   qt: () => (/* binding */ frozenAt),
/* harmony export */   rG: () => (/* binding */ MAX_DURATION_MS),
/* harmony export */   v6: () => (/* binding */ ended),
/* harmony export */   v9: () => (/* binding */ holds)
/* harmony export */ });
/* unused harmony exports FROZEN_HORIZON_MS, FROZEN_MAX_WINDOWS, untilText */
/* harmony import */ var _cron_schedule_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(702);
/* harmony import */ var _display_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2298);
/* harmony import */ var _durations_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1265);
/* harmony import */ var _instants_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(892);




// A deploy freeze: its windows, what holds an environment (frozenAt), and how they read. What an
// operator types for one: durations and reasons in operator-input.ts, times and time zones in
// instants.ts, cron expressions and their occurrences in cron-schedule.ts.
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
        if (!f.durationMs || f.durationMs <= 0 || (0,_cron_schedule_js__WEBPACK_IMPORTED_MODULE_0__/* .cronRuleProblem */ .s)(f.cron))
            return undefined;
        // Windows are all as long: the latest occurrence at or before t reaches furthest.
        const start = (0,_cron_schedule_js__WEBPACK_IMPORTED_MODULE_0__/* .latestOccurrence */ .vO)(f.cron, f.timeZone, t, t - f.durationMs);
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
        if ((0,_cron_schedule_js__WEBPACK_IMPORTED_MODULE_0__/* .cronRuleProblem */ .s)(f.cron))
            return undefined;
        const start = (0,_cron_schedule_js__WEBPACK_IMPORTED_MODULE_0__/* .earliestOccurrence */ .PB)(f.cron, f.timeZone, t);
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
/** The shortest duration an operator may give: a second (less would round to nothing). */
const MIN_DURATION_MS = 1000;
/** The longest: a year (366 days), as far as the end of a freeze is looked for. */
const MAX_DURATION_MS = 366 * 86_400_000;
/** The freeze as one line: scope, window, reason, who. */
function describeFreeze(f, now) {
    const scope = f.environment === ALL_ENVIRONMENTS ? 'all environments' : f.environment;
    const w = nextWindow(f, now);
    const invalid = f.cron !== undefined ? (0,_cron_schedule_js__WEBPACK_IMPORTED_MODULE_0__/* .cronRuleProblem */ .s)(f.cron) : undefined;
    const when = invalid
        ? `every ${(0,_display_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(f.cron ?? '')}: invalid, holds nothing (the cron ${invalid}; expected ${_cron_schedule_js__WEBPACK_IMPORTED_MODULE_0__/* .CRON_ACCEPTED */ .FF})`
        : f.cron !== undefined
            ? `every "${f.cron}" (${f.timeZone ?? 'UTC'}) for ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(f.durationMs ?? 0)}${w
                ? w.start <= now
                    ? `, now until ${(0,_instants_js__WEBPACK_IMPORTED_MODULE_2__/* .formatInZone */ .FL)(w.end, f.timeZone)}`
                    : `, next ${(0,_instants_js__WEBPACK_IMPORTED_MODULE_2__/* .formatInZone */ .FL)(w.start, f.timeZone)}`
                : ''}`
            : w && w.start > now
                ? `from ${(0,_instants_js__WEBPACK_IMPORTED_MODULE_2__/* .formatInZone */ .FL)(w.start)} until ${(0,_instants_js__WEBPACK_IMPORTED_MODULE_2__/* .formatInZone */ .FL)(w.end)}`
                : `until ${(0,_instants_js__WEBPACK_IMPORTED_MODULE_2__/* .formatInZone */ .FL)(Date.parse(f.until ?? ''))}`;
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
        return `until ${new Date(frozen.until).toISOString()} (in ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(frozen.until - now)})`;
    return `until thawed (no end within ${aheadText(frozen.until - now)})`;
}
/** `7 days`, `1 day`, `3h 20m`: how far an open-ended stretch was looked at. */
function aheadText(ms) {
    const days = Math.floor(ms / 86_400_000);
    return days >= 1 ? `${days} day${days === 1 ? '' : 's'}` : (0,_durations_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(ms);
}


/***/ }),

/***/ 892:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FL: () => (/* binding */ formatInZone),
/* harmony export */   HA: () => (/* binding */ offsetAt),
/* harmony export */   kQ: () => (/* binding */ isTimeZone),
/* harmony export */   nV: () => (/* binding */ parseInstant)
/* harmony export */ });
// Instants and time zones: a time as an operator types it, and an instant as a person reads it.
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


/***/ }),

/***/ 1056:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ OperationReadBack),
/* harmony export */   x: () => (/* binding */ splitOperations)
/* harmony export */ });
/* harmony import */ var _stack_status_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6235);
/* harmony import */ var _stack_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3456);
/**
 * Where a stack operation begins and ends among its stack's events. Pure: the events come from
 * the StackReader port.
 *
 * By ID: where events carry CloudFormation's `OperationId`, an operation is the events of one ID
 * (per stack, in the order each ID first appears), however the events of two operations fall in
 * the same second. CloudFormation gives an automatic rollback an ID of its own, from the stack's
 * `ROLLBACK_IN_PROGRESS`, `UPDATE_ROLLBACK_IN_PROGRESS` or `IMPORT_ROLLBACK_IN_PROGRESS` on, but
 * nobody opened it: it is part of the attempt it rolls back. So an ID whose first stack-level event
 * is one of those, right after an operation of the same stack that had not ended (its latest
 * stack-level status still `*_IN_PROGRESS`, or none seen), belongs to that operation, unless it
 * carries another ClientRequestToken than that operation (someone cancelled it from the console). A rollback
 * someone asked for (RollbackStack after a failed update with rollback disabled,
 * ContinueUpdateRollback) starts from a stack whose operation ended: an operation of its own,
 * opened by whoever called it. An operation's `start` is the stack-level event that opened its
 * first ID (one of OPERATION_START_STATUSES, or a rollback's start), when it is among the events.
 *
 * By inference, for events without an ID (older regions, emulators), as before there were IDs: a
 * stack-level event that opens an operation (OPERATION_START_STATUSES) starts one, every other
 * event belongs to the stack's latest operation, and events before the first opening one are an
 * operation without a start. A rollback, a cleanup and a repair are inside the operation they end.
 */


/** Stack-level statuses that start a rollback (an automatic one, or one someone asked for). */
const ROLLBACK_START_STATUSES = new Set([
    'ROLLBACK_IN_PROGRESS',
    'UPDATE_ROLLBACK_IN_PROGRESS',
    'IMPORT_ROLLBACK_IN_PROGRESS'
]);
/** Opens an operation, without IDs. */
const opens = (e) => (0,_stack_js__WEBPACK_IMPORTED_MODULE_1__/* .isStackEvent */ .lQ)(e) && _stack_status_js__WEBPACK_IMPORTED_MODULE_0__/* .OPERATION_START_STATUSES */ .s5.has(e.status);
/** Opens an operation's ID: an operation's start, or a rollback's (which has an ID of its own). */
const opensId = (e) => (0,_stack_js__WEBPACK_IMPORTED_MODULE_1__/* .isStackEvent */ .lQ)(e) &&
    (_stack_status_js__WEBPACK_IMPORTED_MODULE_0__/* .OPERATION_START_STATUSES */ .s5.has(e.status) || ROLLBACK_START_STATUSES.has(e.status));
const startsRollback = (e) => (0,_stack_js__WEBPACK_IMPORTED_MODULE_1__/* .isStackEvent */ .lQ)(e) && ROLLBACK_START_STATUSES.has(e.status);
/** The operation of these events (oldest first) had ended: its latest stack-level status is final. */
const ended = (events) => !((0,_stack_js__WEBPACK_IMPORTED_MODULE_1__/* .latestStackStatus */ .AT)(events)?.endsWith('_IN_PROGRESS') ?? true);
/**
 * A rollback after an operation that had not ended is that operation's own (automatic) one when it
 * carries its token or none; one with another token was asked for by someone else (a console's
 * CancelUpdateStack): an operation of its own, judged on its own.
 */
const sameAttempt = (rollback, op) => !rollback.clientRequestToken ||
    rollback.clientRequestToken === op.events.find((e) => e.clientRequestToken)?.clientRequestToken;
const idKey = (e) => `${e.stackName}\n${e.operationId ?? ''}`;
/** The events (of any stacks, oldest first) split into operations, per stack in order. */
function splitOperations(events) {
    const firstStackLevel = new Map();
    for (const e of events)
        if (e.operationId && (0,_stack_js__WEBPACK_IMPORTED_MODULE_1__/* .isStackEvent */ .lQ)(e) && !firstStackLevel.has(idKey(e)))
            firstStackLevel.set(idKey(e), e);
    const ops = [];
    const latest = new Map();
    const ofId = new Map();
    const open = (stack, start) => {
        const op = { stack, start, events: [] };
        ops.push(op);
        latest.set(stack, op);
        return op;
    };
    for (const e of events) {
        let op;
        if (e.operationId) {
            op = ofId.get(idKey(e));
            if (!op) {
                const first = firstStackLevel.get(idKey(e));
                const before = latest.get(e.stackName);
                op =
                    first &&
                        startsRollback(first) &&
                        before &&
                        !ended(before.events) &&
                        sameAttempt(first, before)
                        ? before
                        : open(e.stackName, first && opensId(first) ? first : undefined);
                ofId.set(idKey(e), op);
            }
        }
        else {
            op = latest.get(e.stackName);
            if (!op || opens(e))
                op = open(e.stackName, opens(e) ? e : undefined);
        }
        op.events.push(e);
    }
    return ops;
}
/**
 * The operation a stack is in (or last went through), read back from its newest event: `add` each
 * event, newest first, until it says no older event can change what splitOperations makes of the
 * latest operation. Without IDs: back to the stack-level event that opened it. With them: back to
 * its start (an automatic rollback's reaches into the update it rolls back), then through the rest
 * of the start's second, for events of its ID listed after it. One rule, splitOperations', applied
 * to what was read.
 */
class OperationReadBack {
    /** Every event read, newest first. */
    read = [];
    latest;
    done = false;
    /** The next older event; true once no older event can be the operation's (read no further). */
    add(e) {
        if (this.done)
            return true;
        this.read.push(e);
        // Only a stack-level event can open an operation (or end one a rollback follows); with IDs, an
        // event before the start's second may settle it.
        if (!(0,_stack_js__WEBPACK_IMPORTED_MODULE_1__/* .isStackEvent */ .lQ)(e) && !beforeSecondOf(e, this.latest?.start))
            return false;
        this.latest = splitOperations([...this.read].reverse()).at(-1);
        const start = this.latest?.start;
        if (!start)
            return false;
        return (this.done = !start.operationId || beforeSecondOf(e, start));
    }
    /** What was read: the operation's events, oldest first, and its start if it was found. */
    operation() {
        const op = splitOperations([...this.read].reverse()).at(-1);
        return { ...(op?.start ? { start: op.start } : {}), events: op?.events ?? [] };
    }
}
/** `e` is from before the second of `start` (an ID'd one): nothing older is its operation's. */
const beforeSecondOf = (e, start) => start?.operationId !== undefined &&
    e.timestamp.getTime() < Math.floor(start.timestamp.getTime() / 1000) * 1000;


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
/* harmony export */   AT: () => (/* binding */ latestStackStatus),
/* harmony export */   In: () => (/* binding */ CORRELATION_TAG),
/* harmony export */   eq: () => (/* binding */ eventName),
/* harmony export */   lQ: () => (/* binding */ isStackEvent),
/* harmony export */   mu: () => (/* binding */ MAX_NESTED_READ_DEPTH),
/* harmony export */   nD: () => (/* binding */ STACK_RESOURCE_TYPE),
/* harmony export */   xw: () => (/* binding */ operationProgress)
/* harmony export */ });
const STACK_RESOURCE_TYPE = 'AWS::CloudFormation::Stack';
/**
 * A bound on reads: how many levels of nested stacks below a covered stack are read at most (each
 * level one read of events per failed nested stack resource), for the root cause and for the
 * recovery alike. CloudFormation allows five levels of nesting; one more is a loop, not a tree.
 */
const MAX_NESTED_READ_DEPTH = 6;
/** The tag the deploy step applies (via the `cfn-tags` output) so anyone can tell whose operation it is. */
const CORRELATION_TAG = 'DeploymentCorrelationId';
const isStackEvent = (e) => e.resourceType === STACK_RESOURCE_TYPE && e.logicalId === e.stackName;
/** The latest stack-level status among a stack's events (oldest first); none without one. */
const latestStackStatus = (events) => events.filter(isStackEvent).at(-1)?.status;
/**
 * `Data › Db`: a resource as a person finds it, by the path of nested stack logical IDs from its
 * covered stack; a nested stack's own stack-level event by its path alone (`Data`).
 */
function eventName(e) {
    const path = e.nestedIn ?? [];
    return path.length > 0 && isStackEvent(e) ? path.join(' › ') : [...path, e.logicalId].join(' › ');
}
function operationProgress(events) {
    const last = new Map();
    // By stack and logical ID: a tree's nested stacks may hold resources of the same name.
    for (const e of events)
        if (!isStackEvent(e))
            last.set(`${e.stackName}/${e.logicalId}`, e.status);
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

/***/ 4650:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ky: () => (/* binding */ stillWorking),
/* harmony export */   VB: () => (/* binding */ nestedStackOf),
/* harmony export */   _M: () => (/* binding */ nestedStacksIn),
/* harmony export */   _Z: () => (/* binding */ inTree),
/* harmony export */   f2: () => (/* binding */ operationAt),
/* harmony export */   xM: () => (/* binding */ inTimeOrder)
/* harmony export */ });
/* harmony import */ var _stack_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3456);
/**
 * A tree of nested stacks as its events show it: each `AWS::CloudFormation::Stack` resource of a
 * stack is a nested stack, its physical ID the nested stack's ARN (absent on the very first
 * `CREATE_IN_PROGRESS`, present from "Resource creation Initiated" on), busy while the resource's
 * latest event is `*_IN_PROGRESS`. Pure: the events come from the StackReader port.
 */

/** The ARN of the nested stack whose resource this event is (its physical ID), if it is one and carries it. */
function nestedStackOf(e) {
    return e.resourceType === _stack_js__WEBPACK_IMPORTED_MODULE_0__/* .STACK_RESOURCE_TYPE */ .nD &&
        !(0,_stack_js__WEBPACK_IMPORTED_MODULE_0__/* .isStackEvent */ .lQ)(e) &&
        e.physicalId?.startsWith('arn:')
        ? e.physicalId
        : undefined;
}
/** The nested stacks whose resources appear in `events` (of one stack or several, oldest first). */
function nestedStacksIn(events) {
    const refs = new Map();
    for (const e of events) {
        if (e.resourceType !== _stack_js__WEBPACK_IMPORTED_MODULE_0__/* .STACK_RESOURCE_TYPE */ .nD || (0,_stack_js__WEBPACK_IMPORTED_MODULE_0__/* .isStackEvent */ .lQ)(e))
            continue;
        const key = `${e.stackName}/${e.logicalId}`;
        const before = refs.get(key);
        const busy = e.status.endsWith('_IN_PROGRESS');
        const arn = nestedStackOf(e) ?? before?.arn;
        refs.set(key, { logicalId: e.logicalId, busy, ...(arn ? { arn } : {}) });
    }
    return [...refs.values()];
}
/**
 * Whether a nested stack is still working, by its own events (oldest first): its latest
 * stack-level status is `*_IN_PROGRESS` (its cleanup, after its parent's resource completed,
 * included); `before` when they hold none.
 */
function stillWorking(events, before) {
    return (0,_stack_js__WEBPACK_IMPORTED_MODULE_0__/* .latestStackStatus */ .AT)(events)?.endsWith('_IN_PROGRESS') ?? before;
}
/**
 * The operation of `stack` in force at `ms`: the latest to begin at or before it (the first, for
 * a time before any). A nested stack moves only with its covered stack, so its events belong to
 * the covered stack's operation in force when they happened.
 */
function operationAt(ops, stack, ms) {
    let found;
    for (const op of ops) {
        if (op.stack !== stack)
            continue;
        const began = (op.start ?? op.events[0])?.timestamp.getTime();
        if (found === undefined || (began !== undefined && began <= ms))
            found = op;
    }
    return found;
}
/** The events as of a nested stack at `path` (none: the covered stack's own). */
const inTree = (events, path) => path.length === 0 ? [...events] : events.map((e) => ({ ...e, nestedIn: path }));
/**
 * Events of several stacks of a tree in time order; at the same instant the deeper first (a
 * nested resource's failure comes before its nested stack resource's echo of it).
 */
function inTimeOrder(events) {
    return events
        .map((e, i) => ({ e, i }))
        .sort((a, b) => a.e.timestamp.getTime() - b.e.timestamp.getTime() ||
        (b.e.nestedIn?.length ?? 0) - (a.e.nestedIn?.length ?? 0) ||
        a.i - b.i)
        .map(({ e }) => e);
}


/***/ }),

/***/ 9707:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ isRootCauseFailure),
/* harmony export */   T: () => (/* binding */ DeploymentWatch)
/* harmony export */ });
/* harmony import */ var _stack_status_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6235);
/* harmony import */ var _stack_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3456);


/** 'Resource creation cancelled' and friends echo the real failure; they are not a root cause. */
const ECHO = /(creation|update|deletion|delete|import) cancelled|cancelled by user|cancellation/i;
const isRootCauseFailure = (e) => !(0,_stack_js__WEBPACK_IMPORTED_MODULE_1__/* .isStackEvent */ .lQ)(e) && e.status.endsWith('_FAILED') && !ECHO.test(e.reason ?? '');
/** A nested stack resource's failure: its cause is inside its stack, read after it (or not at all). */
const isNestedStackFailure = (e) => e.resourceType === _stack_js__WEBPACK_IMPORTED_MODULE_1__/* .STACK_RESOURCE_TYPE */ .nD;
/**
 * What the monitor should say, from the events of this deployment's operation
 * and the passing of time: a stall once per episode (and when it ends), an
 * overrun once, the first root-cause failure at once, progress on a cadence.
 */
class DeploymentWatch {
    s;
    events = [];
    operationStart;
    lastEventAt;
    stalled = false;
    overdue = false;
    failureSent = false;
    /**
     * A nested stack resource's failure, held for one poll: the failure inside its stack (its
     * cause, named by its path) normally comes with the same poll, but a read of the nested stack
     * that failed brings it one later. Said itself only when no deeper failure came by then.
     */
    heldFailure;
    ticks = 0;
    nextProgress;
    constructor(s) {
        this.s = s;
    }
    get operationEvents() {
        return this.events;
    }
    get startedAt() {
        return this.operationStart;
    }
    /** New events (oldest first); returns the alerts they cause. */
    onEvents(fresh, now) {
        const alerts = [];
        const mine = fresh.filter((e) => e.timestamp.getTime() >= this.s.sinceMs);
        if (mine.length === 0)
            return alerts;
        this.operationStart ??= mine[0].timestamp.getTime();
        this.nextProgress ??= this.operationStart + this.s.progressIntervalMs;
        if (this.stalled) {
            alerts.push({ kind: 'stall-resolved', silentForMs: now - (this.lastEventAt ?? now) });
            this.stalled = false;
        }
        this.events.push(...mine);
        this.lastEventAt = now;
        if (!this.failureSent) {
            const failures = mine.filter((e) => isRootCauseFailure(e) &&
                (this.s.criticalResourceTypes.length === 0 ||
                    this.s.criticalResourceTypes.includes(e.resourceType)));
            const failure = failures.find((e) => !isNestedStackFailure(e));
            if (failure) {
                this.failureSent = true;
                this.heldFailure = undefined;
                alerts.push({ kind: 'failure', event: failure });
            }
            else if (failures[0] && !this.heldFailure)
                this.heldFailure = { event: failures[0], tick: this.ticks };
        }
        return alerts;
    }
    /** The passing of time; `statuses` are the covered stacks' current statuses. */
    onTick(now, statuses) {
        const alerts = [];
        this.ticks++;
        // Held through the poll after it came: no failure inside its stack was read, so it is said.
        if (this.heldFailure && !this.failureSent && this.ticks - this.heldFailure.tick >= 2) {
            this.failureSent = true;
            alerts.push({ kind: 'failure', event: this.heldFailure.event });
            this.heldFailure = undefined;
        }
        if (this.operationStart === undefined)
            return alerts;
        const running = statuses.some((st) => (0,_stack_status_js__WEBPACK_IMPORTED_MODULE_0__/* .classifyStatus */ .xo)(st).class === 'in-progress');
        if (!running)
            return alerts;
        const silent = now - (this.lastEventAt ?? now);
        if (!this.stalled && silent >= this.s.stallMs) {
            this.stalled = true;
            alerts.push({ kind: 'stall', silentForMs: silent, lastEvent: this.events.at(-1) });
        }
        const elapsed = now - this.operationStart;
        if (!this.overdue && elapsed > this.s.expectedMs) {
            this.overdue = true;
            alerts.push({ kind: 'overdue', elapsedMs: elapsed, expectedMs: this.s.expectedMs });
        }
        if (this.nextProgress !== undefined && now >= this.nextProgress) {
            this.nextProgress = now + this.s.progressIntervalMs;
            alerts.push({
                kind: 'progress',
                elapsedMs: elapsed,
                progress: (0,_stack_js__WEBPACK_IMPORTED_MODULE_1__/* .operationProgress */ .xw)(this.events),
                latestEvents: this.events.slice(-5)
            });
        }
        return alerts;
    }
}


/***/ }),

/***/ 4053:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D2: () => (/* binding */ describeUnreadable),
/* harmony export */   Kc: () => (/* binding */ concerns),
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
/* harmony import */ var _schema_records_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5291);






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
    return (0,_schema_js__WEBPACK_IMPORTED_MODULE_4__/* .sorted */ .IP)(entries.map((e, i) => (0,_schema_records_js__WEBPACK_IMPORTED_MODULE_5__/* .decodeHistory */ .FU)(e, { pk: file, sk: `[${i}]` })));
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

/***/ 5291:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FU: () => (/* binding */ decodeHistory),
/* harmony export */   eT: () => (/* binding */ decodeRecord)
/* harmony export */ });
/* unused harmony export MAX_HISTORY_DURATION_MS */
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(248);

/** Deployment records and the history of finished deployments (see schema.ts). */
/** The longest deployment history keeps: a longer one is an impossible value, not a slow stack. */
const MAX_HISTORY_DURATION_MS = 30 * 86_400_000;
const transition = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .fields */ .OA)({
    state: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ nonEmpty: true }),
    at: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .instant */ .uR,
    note: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)()),
    by: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .fields */ .OA)({ id: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ nonEmpty: true }), name: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)()) }))
});
/**
 * A record: the transitions alone when it was started by a transition (a predecessor's
 * `taken-over`, an unlock, a lock lost) rather than by its run's arrival.
 */
const recordFields = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .fields */ .OA)({
    correlationId: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ nonEmpty: true })),
    environment: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ nonEmpty: true })),
    stacks: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .stackNames */ .zD),
    run: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF),
    priority: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .priority */ .Lr,
    fence: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .counter */ .hJ)(0)),
    transitions: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)(transition),
    outcome: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)()),
    rootCause: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)())
});
function decodeRecord(item) {
    return (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .decode */ .D4)(item, (v, at) => {
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
const historyFields = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .fields */ .OA)({
    correlationId: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ nonEmpty: true }),
    environment: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ nonEmpty: true }),
    stacks: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .stackNames */ .zD,
    outcome: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ nonEmpty: true }),
    startedAt: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .instant */ .uR,
    endedAt: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .instant */ .uR,
    durationMs: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(0, MAX_HISTORY_DURATION_MS),
    resourceTypeSeconds: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((v, at) => {
        const m = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .map */ .Tj)(v, at);
        const seconds = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .number */ .ai)(0, MAX_HISTORY_DURATION_MS / 1000);
        return Object.fromEntries(Object.entries(m).map(([k, x]) => [k, seconds(x, (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .join */ .fj)(at, k))]));
    })
});
/** A finished deployment; its end is not before its start. */
function decodeHistory(item, where) {
    return (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .decode */ .D4)(item, (v, at) => {
        const h = historyFields(v, at);
        if (Date.parse(h.endedAt) < Date.parse(h.startedAt))
            (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .fail */ .fJ)('endedAt', `not before startedAt (${h.startedAt})`, h.endedAt);
        return h;
    }, where);
}


/***/ }),

/***/ 248:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D4: () => (/* binding */ decode),
/* harmony export */   DH: () => (/* binding */ decoded),
/* harmony export */   IP: () => (/* binding */ sorted),
/* harmony export */   Lr: () => (/* binding */ priority),
/* harmony export */   OA: () => (/* binding */ fields),
/* harmony export */   Qq: () => (/* binding */ text),
/* harmony export */   Tj: () => (/* binding */ map),
/* harmony export */   ai: () => (/* binding */ number),
/* harmony export */   bp: () => (/* binding */ describeValue),
/* harmony export */   dm: () => (/* binding */ lease),
/* harmony export */   eF: () => (/* binding */ run),
/* harmony export */   fJ: () => (/* binding */ fail),
/* harmony export */   fj: () => (/* binding */ join),
/* harmony export */   hJ: () => (/* binding */ counter),
/* harmony export */   kz: () => (/* binding */ readNumber),
/* harmony export */   l: () => (/* binding */ MAX_LEASE_MS),
/* harmony export */   lc: () => (/* binding */ bool),
/* harmony export */   lq: () => (/* binding */ optional),
/* harmony export */   nd: () => (/* binding */ integer),
/* harmony export */   p_: () => (/* binding */ list),
/* harmony export */   uR: () => (/* binding */ instant),
/* harmony export */   zD: () => (/* binding */ stackNames)
/* harmony export */ });
/* unused harmony exports keyText, freezeKeyEnvironment */
/* harmony import */ var _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8907);
/* harmony import */ var _domain_display_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2298);
/* harmony import */ var _domain_priority_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(806);
/* harmony import */ var _ports_registry_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4053);




/**
 * Every item the registry reads is decoded here, against its schema (the checks below, put together
 * in schema-lock.ts for the lock and the queue, schema-records.ts for records and history,
 * schema-freezes.ts for freezes and the index of environments), before any code acts on it. The
 * table is shared by every repository, every release of the action, scripts and hands: an item
 * that does not decode (a number JavaScript cannot hold exactly, a missing or mistyped
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
        return `the number ${(0,_domain_display_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(v.value)}, which JavaScript cannot hold exactly`;
    if (typeof v === 'string')
        return `the string ${(0,_domain_display_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(v)}`;
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
const bool = (v, at) => typeof v === 'boolean' ? v : fail(at, 'a boolean', v);
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
/** The environment a freeze item's key names (`FREEZE#<env>#<id>`; `*` for all), if it names one. */
function freezeKeyEnvironment(sk) {
    const m = /^FREEZE#(.*)#[^#]*$/.exec(sk);
    return m?.[1];
}
/** A decoded item's value; an unreadable one is an answer the caller cannot do without. */
function decoded(d) {
    if (!d.ok)
        throw new _ports_registry_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryCorruptError */ .zk(d.unreadable);
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
    recent: async () => ({ items: [], unreadable: [] }),
    save: async () => undefined
};
/** Without a table there are no freezes (the CLI refuses to set one). */
const noFreezes = {
    list: async () => ({ items: [], unreadable: [] }),
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
    const { CloudFormationAdapter, createCloudFormationClient } = await Promise.all(/* import() */[__webpack_require__.e(805), __webpack_require__.e(933)]).then(__webpack_require__.bind(__webpack_require__, 6933));
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
    const { dynamoRegistry, createDynamoClient } = await __webpack_require__.e(/* import() */ 448).then(__webpack_require__.bind(__webpack_require__, 448));
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
