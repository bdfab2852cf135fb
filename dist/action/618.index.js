export const id = 618;
export const ids = [618];
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
    const { dynamoRegistry, createDynamoClient } = await __webpack_require__.e(/* import() */ 500).then(__webpack_require__.bind(__webpack_require__, 4500));
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
