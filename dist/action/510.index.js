export const id = 510;
export const ids = [510];
export const modules = {

/***/ 7661:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   eQ: () => (/* binding */ describeForeign),
/* harmony export */   lD: () => (/* binding */ describeStarter),
/* harmony export */   mJ: () => (/* binding */ judgeOperations),
/* harmony export */   uN: () => (/* binding */ ownEvents),
/* harmony export */   x2: () => (/* reexport safe */ _operations_js__WEBPACK_IMPORTED_MODULE_1__.x)
/* harmony export */ });
/* unused harmony export containsId */
/* harmony import */ var _stack_status_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6235);
/* harmony import */ var _stack_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3456);
/* harmony import */ var _operations_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1056);



/** Statuses in which the stack carries the tags of the operation it is in (or that succeeded). */
const TAGS_OF_OPERATION = new Set([
    'CREATE_IN_PROGRESS',
    'CREATE_COMPLETE',
    'UPDATE_IN_PROGRESS',
    'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
    'UPDATE_COMPLETE',
    'IMPORT_IN_PROGRESS',
    'IMPORT_COMPLETE'
]);
/** Ends after which the stack carries the tags it had before the operation. */
const ROLLED_BACK = new Set([
    'UPDATE_ROLLBACK_COMPLETE',
    'IMPORT_ROLLBACK_COMPLETE'
]);
const SUCCEEDED = new Set([
    'CREATE_COMPLETE',
    'UPDATE_COMPLETE',
    'IMPORT_COMPLETE'
]);
/** A generated correlation ID anywhere in a token. */
const GENERATED_ID = /(?<![0-9A-Za-z])\d{8}-\d{6}-[0-9a-f]{8}(?![0-9A-Za-z])/g;
const CONSOLE_TOKEN = /^Console-/;
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
/** `id` in `text`, not as part of a longer word (`release-1` is not in `release-10`). */
function containsId(text, id) {
    if (!id)
        return false;
    return new RegExp(`(?<![0-9A-Za-z])${escapeRegExp(id)}(?![0-9A-Za-z])`).test(text);
}
/**
 * Only a tag that is another deployment's generated correlation ID is evidence of a foreign
 * operation: a workflow that tags with a value of its own (a run ID, a SHA) is not calling its own
 * update someone else's.
 */
const isGeneratedId = (tag) => new RegExp(`^${GENERATED_ID.source}$`).test(tag);
/** What one token says: ours, another deployment's, the console's, or nothing. */
function byToken(token, ours, knownIds) {
    if (containsId(token, ours))
        return { ours: true };
    if (CONSOLE_TOKEN.test(token))
        return { ours: false, console: true };
    const generated = [...token.matchAll(GENERATED_ID)].map((m) => m[0]).find((id) => id !== ours);
    if (generated)
        return { ours: false, otherId: generated };
    const known = [...knownIds].find((id) => id !== ours && containsId(token, id));
    return known ? { ours: false, otherId: known } : undefined;
}
/** The latest stack-level status among `events` up to and including the event `id`. */
function statusAt(events, id) {
    let status;
    for (const e of events) {
        if ((0,_stack_js__WEBPACK_IMPORTED_MODULE_2__/* .isStackEvent */ .lQ)(e))
            status = e.status;
        if (e.id === id)
            return status;
    }
    return undefined;
}
/** Every operation judged ours or foreign, in the order of `operations`. */
function judgeOperations(operations, identity) {
    const ours = identity.correlationId;
    const knownIds = new Set([...identity.sightings.map((s) => s.tag), ...Object.values(identity.tagsBefore ?? {})].filter((t) => t !== '' && t !== ours));
    const judged = [];
    const byStack = new Map();
    for (const op of operations)
        byStack.set(op.stack, [...(byStack.get(op.stack) ?? []), op]);
    const verdicts = new Map();
    for (const [stack, ops] of byStack) {
        const sightings = identity.sightings.filter((s) => s.stack === stack);
        // The tag the stack carried before the first operation: as the deploy step found it, else
        // the latest snapshot of a settled stack taken before any operation of the window.
        const inWindow = new Set(ops.flatMap((op) => op.events.map((e) => e.id)));
        const before = sightings.filter((s) => (s.afterEventId === undefined || !inWindow.has(s.afterEventId)) &&
            (0,_stack_status_js__WEBPACK_IMPORTED_MODULE_0__/* .classifyStatus */ .xo)(s.status).class !== 'in-progress');
        let tagBefore = identity.tagsBefore?.[stack] ?? before.at(-1)?.tag;
        for (const op of ops) {
            const ids = new Set(op.events.map((e) => e.id));
            let tag;
            let tagAfter;
            for (const s of sightings) {
                if (s.afterEventId === undefined || !ids.has(s.afterEventId))
                    continue;
                // A snapshot taken after a stack-level event this read had not seen belongs to no one.
                if (statusAt(op.events, s.afterEventId) !== s.status)
                    continue;
                // Once a snapshot showed our tag during it, the operation is ours: a later snapshot may
                // already show the next operation's tag (one that began between the read and the snapshot).
                if (TAGS_OF_OPERATION.has(s.status) && tag !== ours)
                    tag = s.tag;
                if ((0,_stack_status_js__WEBPACK_IMPORTED_MODULE_0__/* .classifyStatus */ .xo)(s.status).class !== 'in-progress')
                    tagAfter = s.tag;
            }
            const status = (0,_stack_js__WEBPACK_IMPORTED_MODULE_2__/* .latestStackStatus */ .AT)(op.events);
            const token = op.events.find((e) => e.clientRequestToken)?.clientRequestToken;
            const base = { ...op, token, tag, status };
            const fromToken = token !== undefined ? byToken(token, ours, knownIds) : undefined;
            let verdict;
            if (fromToken)
                verdict = { ...base, ...fromToken, by: 'token' };
            else if (tag === ours)
                verdict = { ...base, ours: true, by: 'tag' };
            else if (tag && isGeneratedId(tag) && tagBefore !== undefined && tag !== tagBefore)
                verdict = { ...base, ours: false, by: 'tag', otherId: tag };
            else
                verdict = { ...base, ours: true, by: 'time' };
            verdicts.set(op, verdict);
            // The tag in force after it, for the next one.
            tagBefore =
                tagAfter ??
                    (status && SUCCEEDED.has(status)
                        ? tag
                        : status && ROLLED_BACK.has(status)
                            ? tagBefore
                            : undefined);
        }
    }
    for (const op of operations)
        judged.push(verdicts.get(op));
    return judged;
}
/** Who or what started a foreign operation, as far as CloudFormation says. */
function describeStarter(op) {
    const parts = [];
    if (op.console)
        parts.push(`the AWS console (ClientRequestToken ${op.token})`);
    else if (op.otherId && op.by === 'token')
        parts.push(`deployment ${op.otherId} (ClientRequestToken ${op.token})`);
    else if (op.otherId)
        parts.push(`deployment ${op.otherId} (tag ${_stack_js__WEBPACK_IMPORTED_MODULE_2__/* .CORRELATION_TAG */ .In}=${op.otherId})`);
    else
        parts.push('someone else');
    if (op.token && op.by !== 'token')
        parts.push(`ClientRequestToken ${op.token}`);
    if (op.start?.reason)
        parts.push(`'${op.start.reason}'`);
    return parts.join(', ');
}
/** One line for a person: what ran on which stack, from when, how it ended, and who started it. */
function describeForeign(op) {
    const start = op.start ?? op.events[0];
    const began = start ? `${start.status} at ${start.timestamp.toISOString()}` : 'an operation';
    const now = op.status && op.status !== start?.status ? `, now ${op.status}` : '';
    return `${op.stack}: ${began}${now}, started by ${describeStarter(op)}`;
}
/** The events of this deployment's own operations, oldest first per stack. */
const ownEvents = (ops) => ops.filter((op) => op.ours).flatMap((op) => [...op.events]);


/***/ }),

/***/ 4720:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ handSecret),
/* harmony export */   n: () => (/* binding */ readSecret)
/* harmony export */ });
/** Longest a process waits for its secret (the writer closes the pipe at once). */
const SECRET_WAIT_MS = 5_000;
/** Far more than a token: anything longer is not one. */
const SECRET_MAX_BYTES = 4_096;
/** Reads the secret a parent wrote to `input` (until it closes it); '' if none came in time. */
function readSecret(input, waitMs = SECRET_WAIT_MS) {
    // Started by hand in a terminal: nobody hands a secret over (and typing is not one).
    if (input.isTTY)
        return Promise.resolve('');
    return new Promise((resolve) => {
        const chunks = [];
        let size = 0;
        const done = (value) => {
            clearTimeout(timer);
            input.removeAllListeners('data');
            input.destroy();
            resolve(value);
        };
        const timer = setTimeout(() => done(''), waitMs);
        input.on('data', (chunk) => {
            size += chunk.length;
            if (size > SECRET_MAX_BYTES)
                return done('');
            chunks.push(chunk);
        });
        input.once('end', () => done(Buffer.concat(chunks).toString('utf8').trim()));
        input.once('error', () => done(''));
    });
}
/** Hands `secret` to a child on its stdin and closes it. */
function handSecret(stdin, secret) {
    if (!stdin)
        return;
    stdin.on('error', () => undefined);
    stdin.end(secret ?? '');
}


/***/ }),

/***/ 4820:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R6: () => (/* binding */ restartOf),
/* harmony export */   gW: () => (/* binding */ workerArgs),
/* harmony export */   zD: () => (/* binding */ supervise)
/* harmony export */ });
/** The worker's arguments after the settings file: its role, and the restart it follows. */
const workerArgs = (restart) => restart
    ? ['--worker', '--restart', String(restart.restarts), String(restart.diedAt)]
    : ['--worker'];
/** Reads `workerArgs` back (from the arguments after `--worker`). */
function restartOf(args) {
    if (args[0] !== '--restart')
        return undefined;
    const restarts = Number(args[1]);
    const diedAt = Number(args[2]);
    return Number.isFinite(restarts) && Number.isFinite(diedAt) ? { restarts, diedAt } : undefined;
}
const exited = (child) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
        return resolve({ code: child.exitCode, signal: child.signalCode });
    child.once('exit', (code, signal) => resolve({ code, signal }));
});
/**
 * Keeps a monitor worker running until the signal aborts or the worker ends
 * on purpose (exit code 0): a worker that dies is restarted, at most `maxRestarts` times in
 * `windowMs`; then the supervisor ends too (finalize finds nothing to stop, which it handles). On
 * abort it stops the worker (SIGTERM, then SIGKILL after the grace period).
 */
async function supervise(d) {
    const maxRestarts = d.maxRestarts ?? 5;
    const windowMs = d.windowMs ?? 5 * 60_000;
    const restarts = [];
    const aborted = new Promise((resolve) => {
        if (d.signal.aborted)
            resolve();
        d.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    let restart;
    while (!d.signal.aborted) {
        const worker = d.start(restart);
        const outcome = await Promise.race([exited(worker), aborted.then(() => undefined)]);
        if (!outcome) {
            worker.kill('SIGTERM');
            const timer = setTimeout(() => worker.kill('SIGKILL'), d.graceMs ?? 1_500);
            await exited(worker);
            clearTimeout(timer);
            return;
        }
        const diedAt = d.now();
        if (outcome.code === 0) {
            // The worker ended on purpose (its lock was taken from it, or its job is over): nothing to restart.
            d.write({ type: 'worker-finished', at: new Date(diedAt).toISOString() });
            return;
        }
        d.write({ type: 'worker-died', at: new Date(diedAt).toISOString(), ...outcome });
        while (restarts.length > 0 && diedAt - restarts[0] > windowMs)
            restarts.shift();
        if (restarts.length >= maxRestarts) {
            d.write({
                type: 'supervisor-gave-up',
                at: new Date(diedAt).toISOString(),
                restarts: restarts.length
            });
            return;
        }
        restarts.push(diedAt);
        restart = { diedAt, restarts: restarts.length };
        d.write({
            type: 'worker-restarted',
            at: new Date(d.now()).toISOString(),
            restarts: restarts.length
        });
    }
}


/***/ }),

/***/ 3510:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  workerMain: () => (/* binding */ workerMain)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./.tmp/js/domain/stack.js
var stack = __webpack_require__(3456);
// EXTERNAL MODULE: ./.tmp/js/notify/messages.js + 2 modules
var messages = __webpack_require__(3156);
// EXTERNAL MODULE: ./.tmp/js/notify/thread.js
var thread = __webpack_require__(9617);
// EXTERNAL MODULE: ./.tmp/js/report/logger.js
var logger = __webpack_require__(3748);
// EXTERNAL MODULE: ./.tmp/js/runtime/clients.js + 1 modules
var clients = __webpack_require__(5366);
// EXTERNAL MODULE: ./.tmp/js/runtime/clock.js
var clock = __webpack_require__(9146);
// EXTERNAL MODULE: ./.tmp/js/monitor/files.js
var files = __webpack_require__(7101);
// EXTERNAL MODULE: ./.tmp/js/coordination/lease.js
var coordination_lease = __webpack_require__(8677);
// EXTERNAL MODULE: ./.tmp/js/monitor/process.js
var monitor_process = __webpack_require__(4111);
// EXTERNAL MODULE: ./.tmp/js/domain/tree.js
var domain_tree = __webpack_require__(4650);
// EXTERNAL MODULE: ./.tmp/js/coordination/stack-tree.js
var stack_tree = __webpack_require__(4900);
// EXTERNAL MODULE: ./.tmp/js/domain/watch.js
var domain_watch = __webpack_require__(9707);
// EXTERNAL MODULE: ./.tmp/js/domain/activity.js
var activity = __webpack_require__(679);
// EXTERNAL MODULE: ./.tmp/js/domain/ownership.js
var ownership = __webpack_require__(7661);
;// CONCATENATED MODULE: ./.tmp/js/monitor/ownership.js
/**
 * Whose the stack operations since the lock are, as the monitor's polls read them
 * (domain/ownership.ts), and what its log keeps of a foreign one.
 */




/**
 * Whose the operations since the lock are (domain/ownership.ts), as the polls read them: every
 * event since the lock, each new tag snapshot, which foreign operations were reported already
 * and which own events the watch has had. A foreign operation is reported once; an operation
 * first taken for this deployment's by time and found foreign later is reported then.
 */
class Ownership {
    correlationId;
    events = [];
    sightings = [];
    lastSighting = new Map();
    reported = new Set();
    watched = new Set();
    constructor(correlationId) {
        this.correlationId = correlationId;
    }
    read(fresh) {
        this.events.push(...fresh);
    }
    /** The snapshots' tags, each after the newest event read of its stack: the new ones. */
    saw(snapshots, cursor) {
        const fresh = [];
        for (const st of snapshots) {
            const sighting = {
                stack: st.name,
                status: st.status,
                tag: (0,activity/* activeCorrelationId */.S6)(st) ?? '',
                afterEventId: cursor(st.name)
            };
            const lastStackEvent = this.events
                .filter((e) => e.stackName === st.name && (0,stack/* isStackEvent */.lQ)(e))
                .at(-1)?.id;
            const key = `${sighting.status}|${sighting.tag}|${lastStackEvent ?? ''}`;
            if (this.lastSighting.get(st.name) === key)
                continue;
            this.lastSighting.set(st.name, key);
            this.sightings.push(sighting);
            fresh.push(sighting);
        }
        return fresh;
    }
    judge() {
        return (0,ownership/* judgeOperations */.mJ)((0,ownership/* splitOperations */.x2)(this.events), {
            correlationId: this.correlationId,
            sightings: this.sightings
        });
    }
    newlyForeign(judged) {
        return judged.filter((op) => {
            const key = opKey(op);
            if (op.ours || this.reported.has(key))
                return false;
            this.reported.add(key);
            return true;
        });
    }
    /** Events of this deployment's own operations the watch has not had yet, oldest first. */
    ownUnwatched(judged) {
        const own = new Set(judged.filter((op) => op.ours && !this.reported.has(opKey(op))).flatMap((op) => op.events));
        const out = this.events.filter((e) => own.has(e) && !this.watched.has(e.id));
        for (const e of out)
            this.watched.add(e.id);
        return out;
    }
    /**
     * The stack's operation in force at `ms` is this deployment's (and not found foreign since): a
     * nested stack's event at `ms` is then this deployment's too. None read yet: by time, ours.
     */
    ownsAt(judged, stack, ms) {
        const op = (0,domain_tree/* operationAt */.f2)(judged, stack, ms);
        return op === undefined || (op.ours && !this.reported.has(opKey(op)));
    }
    /** The stack's latest operation is someone else's. */
    foreignNow(judged, stack) {
        const latest = judged.filter((op) => op.stack === stack).at(-1);
        return latest !== undefined && (!latest.ours || this.reported.has(opKey(latest)));
    }
}
/**
 * An operation, the same from poll to poll: by its ID where its events carry one (its opening
 * event may be read a poll after its first), else by the event that opened it.
 */
const opKey = (op) => `${op.stack}/${op.events[0]?.operationId ?? (op.start ?? op.events[0])?.id ?? ''}`;
/** What the log keeps of a foreign operation: enough to name it without the events. */
function foreignObservation(op) {
    return {
        stack: op.stack,
        startedAt: op.start?.timestamp.toISOString(),
        startStatus: op.start?.status,
        status: op.status,
        by: op.by,
        otherCorrelationId: op.otherId,
        clientRequestToken: op.token,
        reason: op.start?.reason,
        startedBy: (0,ownership/* describeStarter */.lD)(op)
    };
}

// EXTERNAL MODULE: ./.tmp/js/domain/estimate.js
var estimate = __webpack_require__(4280);
;// CONCATENATED MODULE: ./.tmp/js/monitor/say.js
/**
 * What the monitor says in the deployment's thread (and its log): its alerts, someone else's
 * operation, the lock taken from it.
 */




/** Someone else's operation, in the thread: who started it, where CloudFormation says. */
async function alertForeign(d, op) {
    const { settings: s } = d;
    if (!d.notifier || !s.slack)
        return;
    await d.notifier.post('foreign operation', s.slack.thread.channel, (0,messages/* foreignOperationMessage */.r2)(s.info, {
        stack: op.stack,
        start: op.start,
        status: op.status,
        startedBy: (0,ownership/* describeStarter */.lD)(op)
    }), { ts: s.slack.thread.ts });
}
/** The lock was taken from this deployment: on the record, in the thread, then the monitor ends. */
async function lockLost(d, registry) {
    const { settings: s } = d;
    const lock = await registry?.lock.readLock(s.environment).catch(() => undefined);
    const nowHeldBy = lock?.holder?.correlationId;
    d.write({
        at: new Date(d.now()).toISOString(),
        correlationId: s.correlationId,
        type: 'lock-lost',
        fence: s.fence,
        nowHeldBy,
        nowFence: lock?.fence
    });
    if (d.notifier && s.slack) {
        await d.notifier
            .post('lock lost', s.slack.thread.channel, (0,messages/* lockLostMessage */.bE)(s.info, { nowHeldBy, by: 'monitor' }), { ts: s.slack.thread.ts })
            .catch(() => undefined);
    }
}
async function report(d, alert, stackStatus, watch) {
    const { settings: s } = d;
    d.write({
        at: new Date(d.now()).toISOString(),
        correlationId: s.correlationId,
        type: 'alert',
        alert
    });
    const info = s.info;
    let message;
    switch (alert.kind) {
        case 'stall':
            message = (0,messages/* stallMessage */.Yf)(info, { silentForMs: alert.silentForMs, lastEvent: alert.lastEvent });
            break;
        case 'stall-resolved':
            message = (0,messages/* stallResolvedMessage */.kP)(info, { silentForMs: alert.silentForMs });
            break;
        case 'overdue':
            message = (0,messages/* overdueMessage */.uB)(info, { elapsedMs: alert.elapsedMs, expectedMs: alert.expectedMs });
            break;
        case 'failure':
            message = (0,messages/* failureAlertMessage */.i2)(info, { event: alert.event });
            break;
        case 'progress':
            message = (0,messages/* progressMessage */.LF)(info, {
                stackStatus,
                ...alert.progress,
                elapsedMs: alert.elapsedMs,
                remainingMs: (0,estimate/* remainingMs */.XW)(info.estimate.expectedMs, alert.elapsedMs, inProgressResources(watch), s.typeSeconds ?? {}, d.now()),
                latestEvents: alert.latestEvents
            });
            break;
    }
    if (!d.notifier || !s.slack)
        return;
    await d.notifier.post(alert.kind, s.slack.thread.channel, message, { ts: s.slack.thread.ts });
    if (alert.kind === 'progress' || alert.kind === 'failure') {
        // The parent shows the current state in place.
        const startedAt = new Date(watch.startedAt ?? Date.parse(s.acquiredAt));
        await d.notifier.update('parent', s.slack.thread, (0,messages/* startedMessage */.VS)(info, { state: 'deploying', startedAt }));
    }
}
/** Resources whose latest event is *_IN_PROGRESS, with when they started. */
function inProgressResources(watch) {
    const state = new Map();
    for (const e of watch.operationEvents) {
        if ((0,stack/* isStackEvent */.lQ)(e))
            continue;
        const key = `${e.stackName}/${e.logicalId}`;
        const previous = state.get(key);
        const startedMs = previous?.status.endsWith('_IN_PROGRESS')
            ? previous.startedMs
            : e.timestamp.getTime();
        state.set(key, { type: e.resourceType, status: e.status, startedMs });
    }
    return [...state.values()].filter((r) => r.status.endsWith('_IN_PROGRESS'));
}

;// CONCATENATED MODULE: ./.tmp/js/monitor/run.js








/** How long a monitor whose job is over waits for Slack to take its last notice. */
const MONITOR_ENDED_NOTICE_WAIT_MS = 10_000;
/**
 * The detached monitor: holds the lease while the deployment runs (its first heartbeat is the
 * handover from coordinate), follows the stacks' events, and says in the deployment's Slack
 * thread when it stalls, overruns, fails or makes progress. Errors are recorded and retried with
 * backoff. It ends when it is stopped (finalize takes the lease back first), when its lease
 * finds the lock no longer its own (then it says so in the thread), when the job that started it
 * is over without a post step, and at the latest at `endsBy`.
 */
async function runMonitor(d) {
    const { settings: s, registry, reader } = d;
    const note = (type, fields = {}) => d.write({
        at: new Date(d.now()).toISOString(),
        correlationId: s.correlationId,
        type,
        ...fields
    });
    const watch = new domain_watch/* DeploymentWatch */.T({
        stallMs: s.stallMs,
        expectedMs: s.overdueMs,
        progressIntervalMs: s.progressIntervalMs,
        criticalResourceTypes: s.criticalResourceTypes,
        sinceMs: Date.parse(s.acquiredAt)
    });
    note('started', {
        pid: process.pid,
        environment: s.environment,
        stacks: s.stacks,
        fence: s.fence
    });
    const lost = new AbortController();
    const lease = registry && s.owner
        ? new coordination_lease/* Lease */.n({ lock: registry.lock, clock: { now: d.now }, sleep: d.sleep }, s.environment, { owner: s.owner, fence: s.fence, correlationId: s.correlationId }, s.leaseMs, s.heartbeatMs, {
            onBeat: (r) => typeof r === 'boolean'
                ? note('heartbeat', { ok: r })
                : note('heartbeat-error', { message: r.message }),
            onLost: () => lost.abort()
        }).start(0)
        : undefined;
    // The job's end is looked for every heartbeat interval, on a loop of its own (a poll may be
    // minutes apart, or stuck in a call): the lease stops within a heartbeat or two of it.
    const jobAlive = d.jobAlive ?? (() => (0,monitor_process/* processAlive */.F)(s.jobPid, s.jobStartedAt));
    const endsBy = Date.parse(s.endsBy);
    let over;
    const ended = new AbortController();
    const jobOver = () => {
        over ??= !jobAlive()
            ? 'the job that started it is over (its runner process is gone)'
            : d.now() >= endsBy
                ? `it has run for the longest a job can (until ${s.endsBy})`
                : undefined;
        if (over)
            ended.abort();
        return over !== undefined;
    };
    const signal = AbortSignal.any([d.signal, lost.signal, ended.signal]);
    const watchJob = (async () => {
        while (!signal.aborted && !jobOver())
            await d.sleep(s.heartbeatMs, signal);
    })();
    const sinceMs = Date.parse(s.acquiredAt);
    const tree = new stack_tree/* TreeFollower */.x(reader, sinceMs);
    const ownership = new Ownership(s.correlationId);
    let nextPoll = d.now();
    let failures = 0;
    // Alerts of events already recorded, kept until posted: a failed read never loses one.
    let pending = [];
    // Nested stacks' events read and not yet watched, by covered stack: kept across a failed poll.
    const nestedUnwatched = new Map();
    // A nested stack that cannot be read is said once per error, not at every poll.
    const unreadableSaid = new Set();
    while (!signal.aborted) {
        // The job is over without its post step (the runner died, the machine was lost), or the
        // monitor is older than any job: it stops heartbeating, so the lock is taken over a lease later.
        if (jobOver())
            break;
        if (!s.watchEvents) {
            await d.sleep(60_000, signal);
            continue;
        }
        try {
            if (d.now() >= nextPoll) {
                nextPoll = d.now() + s.monitorIntervalMs;
                const alerts = pending;
                // Each covered stack's events, and those of its nested stacks in progress.
                const polled = await tree.poll(s.stacks);
                for (const [stack, fresh] of polled.own) {
                    for (const e of fresh)
                        note('event', { stack, event: e });
                    ownership.read(fresh);
                }
                for (const u of polled.unreadable) {
                    const key = `${u.arn} ${u.message}`;
                    if (unreadableSaid.has(key))
                        continue;
                    unreadableSaid.add(key);
                    note('nested-read-error', { nestedStack: u.arn, path: u.path, message: u.message });
                }
                for (const [stack, fresh] of polled.nested) {
                    for (const e of fresh)
                        note('event', { stack, event: e });
                    nestedUnwatched.set(stack, [...(nestedUnwatched.get(stack) ?? []), ...fresh]);
                }
                // After the events: the tags a snapshot shows belong to the operation those events end in.
                const snapshots = await reader.describeStacks(s.stacks);
                for (const sighting of ownership.saw(snapshots, (stack) => tree.cursor(stack)))
                    note('stack-tag', { ...sighting });
                const judged = ownership.judge();
                for (const op of ownership.newlyForeign(judged)) {
                    note('foreign-operation', foreignObservation(op));
                    await alertForeign(d, op);
                }
                // Only this deployment's own operations are watched: someone else's failure is not its
                // alert. A nested stack moves only with its covered stack: its events are the deployment's
                // when the covered stack's operation in force at their time is.
                const nested = [...nestedUnwatched].flatMap(([stack, events]) => events.filter((e) => ownership.ownsAt(judged, stack, e.timestamp.getTime())));
                nestedUnwatched.clear();
                alerts.push(...watch.onEvents((0,domain_tree/* inTimeOrder */.xM)([...ownership.ownUnwatched(judged), ...nested]), d.now()));
                const statuses = snapshots.map((st) => [st.name, st.status]);
                alerts.push(...watch.onTick(d.now(), statuses.filter(([name]) => !ownership.foreignNow(judged, name)).map(([, st]) => st)));
                pending = [];
                for (const alert of alerts)
                    await report(d, alert, Object.fromEntries(statuses), watch);
                failures = 0;
            }
        }
        catch (err) {
            failures++;
            note('error', { message: err.message, failures });
            // Backed off: the next poll waits longer after each failure in a row, up to 30 s.
            const backoff = Math.min(30_000, 500 * 2 ** Math.min(failures, 6));
            nextPoll = d.now() + Math.max(s.monitorIntervalMs, backoff);
        }
        await d.sleep(Math.max(0, nextPoll - d.now()), signal);
    }
    await lease?.stop();
    ended.abort();
    await watchJob;
    if (over) {
        note('job-over', { reason: over });
        // Said in the thread, but not at any cost: the job is over, so Slack gets a bounded wait.
        if (d.notifier && s.slack)
            await Promise.race([
                d.notifier
                    .post('monitor ended', s.slack.thread.channel, (0,messages/* monitorEndedMessage */.aF)(s.info, over), {
                    ts: s.slack.thread.ts
                })
                    .catch(() => undefined),
                d.sleep(MONITOR_ENDED_NOTICE_WAIT_MS).catch(() => undefined)
            ]);
        return 'job-over';
    }
    if (lease?.lost) {
        await lockLost(d, registry);
        return 'lock-lost';
    }
    note('stopped', { reason: 'SIGTERM' });
    return 'stopped';
}

// EXTERNAL MODULE: ./.tmp/js/logs/deployment-log.js
var deployment_log = __webpack_require__(3892);
// EXTERNAL MODULE: ./.tmp/js/logs/events.js
var events = __webpack_require__(2390);
// EXTERNAL MODULE: ./.tmp/js/runtime/logs.js + 1 modules
var logs = __webpack_require__(2519);
// EXTERNAL MODULE: ./.tmp/js/monitor/secret.js
var secret = __webpack_require__(4720);
// EXTERNAL MODULE: ./.tmp/js/monitor/supervise.js
var supervise = __webpack_require__(4820);
;// CONCATENATED MODULE: ./.tmp/js/monitor/worker.js

/**
 * The detached monitor's worker: heartbeats the lock, follows the stacks and reports in the
 * deployment's thread (runMonitor), in a process of its own that the supervisor starts. It loads
 * its clients and the monitor loop only: not @actions/core, nor the stages.
 */













/** The detached monitor's log is its JSON lines; Slack trouble is recorded there by the spool. */
const silentSink = {
    info: () => undefined,
    debug: () => undefined,
    warning: () => undefined,
    error: () => undefined
};
/**
 * The monitor's observations as events of the deployment's stream (with log-group), sent every few
 * seconds; trouble is one observation in its own log, and what it could not send waits in the
 * deployment's folder for the post step.
 */
async function monitorLog(settings) {
    if (!settings.logGroup)
        return undefined;
    const noted = {
        correlationId: settings.correlationId,
        info: () => undefined,
        debug: () => undefined,
        warning: (message) => process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), correlationId: settings.correlationId, type: 'logs-error', message })}\n`),
        error: () => undefined
    };
    const shipper = await (0,logs/* openLogShipper */.W3)(settings, settings.correlationId, noted, false, {
        reason: settings.logsFailed ??
            readIfThere((0,files/* monitorFiles */.Sy)((0,files/* monitorDir */.yO)(settings.correlationId)).logsFailed),
        record: () => undefined
    });
    if (!shipper)
        return undefined;
    const context = {
        correlationId: settings.correlationId,
        environment: settings.environment,
        stage: 'monitor',
        stacks: settings.stacks,
        ...(settings.info.run.runUrl ? { runUrl: settings.info.run.runUrl } : {}),
        fence: settings.fence
    };
    const timer = setInterval(() => void shipper.flush(), deployment_log/* LOG_FLUSH_INTERVAL_MS */.t);
    timer.unref();
    return {
        add: (o) => {
            const at = Date.parse(String(o['at'])) || Date.now();
            const type = typeof o['type'] === 'string' ? o['type'] : 'observation';
            const { at: _at, correlationId: _id, type: _type, ...fields } = o;
            const level = /error|lost/.test(type) ? 'warning' : 'info';
            shipper.add({
                timestamp: at,
                message: (0,events/* eventMessage */._X)(context, at, level, headline(o), fields)
            });
        },
        close: async () => {
            clearInterval(timer);
            await shipper.flush();
        }
    };
}
const readIfThere = (file) => ((0,external_node_fs_.existsSync)(file) ? (0,external_node_fs_.readFileSync)(file, 'utf8') : '');
/** An observation's message in the log: its type, and for a stack event or an alert what it was. */
function headline(o) {
    const type = typeof o['type'] === 'string' ? o['type'] : 'observation';
    const e = o['event'];
    // A nested stack's event by its path (`Data › Db`), as everything else names it.
    if (type === 'event' && e)
        return `event: ${(0,stack/* eventName */.eq)(e)} ${String(e.status)}`;
    const alert = o['alert'];
    if (type === 'alert' && typeof alert?.kind === 'string')
        return `alert: ${alert.kind}`;
    return type;
}
/** A restarted worker says in the thread how long nothing watched the deployment. */
async function gapNotice(settings, notifier, restart) {
    if (!notifier || !settings.slack)
        return;
    await notifier.post('monitoring gap', settings.slack.thread.channel, (0,messages/* monitoringGapMessage */.y8)(settings.info, {
        gapMs: Math.max(0, Date.now() - restart.diedAt),
        restarts: restart.restarts
    }), { ts: settings.slack.thread.ts });
}
async function threadNotifier(settings) {
    const token = await (0,secret/* readSecret */.n)(process.stdin);
    return settings.slack && token
        ? (0,thread/* openNotifier */.NT)({
            token,
            apiUrl: settings.slack.apiUrl,
            channel: settings.slack.thread.channel,
            interactChannel: settings.slack.thread.channel
        }, (0,logger/* createLogger */.h)(settings.correlationId, silentSink), (0,files/* monitorFiles */.Sy)((0,files/* monitorDir */.yO)(settings.correlationId)).spool)
        : undefined;
}
/**
 * The worker: `settingsFile`, and the arguments after `--worker` (the restart it follows, if
 * any). It opens its clients (the AWS SDK, Slack) and nothing of the step's machinery.
 */
async function workerMain(settingsFile, args) {
    const settings = (0,files/* readSettings */.sb)(settingsFile);
    const restart = (0,supervise/* restartOf */.R6)(args);
    const controller = new AbortController();
    for (const sig of ['SIGTERM', 'SIGINT'])
        process.once(sig, () => controller.abort());
    const reader = await (0,clients/* cloudFormationReader */.oE)(settings.region);
    const registry = settings.registryTable
        ? await (0,clients/* openRegistry */.Me)({
            table: settings.registryTable,
            region: settings.region,
            environment: settings.environment
        })
        : undefined;
    const notifier = await threadNotifier(settings);
    // The log never stands between the monitor and the lease.
    const logs = await monitorLog(settings).catch(() => undefined);
    // The gap notice goes out beside the monitor, never before it: the lease's first heartbeat
    // must not wait for Slack.
    const gap = restart
        ? gapNotice(settings, notifier, restart).catch(() => undefined)
        : Promise.resolve();
    await runMonitor({
        settings,
        registry,
        reader,
        notifier,
        now: Date.now,
        sleep: clock/* sleep */.y,
        signal: controller.signal,
        write: (o) => {
            process.stdout.write(`${JSON.stringify(o)}\n`);
            logs?.add(o);
        }
    });
    await gap;
    await logs?.close();
    process.exit(0);
}


/***/ })

};
