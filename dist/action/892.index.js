export const id = 892;
export const ids = [892];
export const modules = {

/***/ 9032:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ reportFindings)
/* harmony export */ });
const SEVERITY_TITLE = { blocking: 'Blocking', warning: 'Warning', info: 'Info' };
/**
 * Each finding once in the log; blocking ones as error annotations, warnings as
 * warning annotations. `annotate: false` logs them only (a busy stack we are about to wait for).
 */
function reportFindings(log, findings, annotate = true) {
    for (const f of findings) {
        const text = `${f.code}: ${f.message}${f.resolution.length ? `\n  Resolution:\n${f.resolution.map((r) => `    - ${r}`).join('\n')}` : ''}`;
        const title = `${SEVERITY_TITLE[f.severity]}: ${f.code}`;
        if (!annotate)
            log.info(text);
        else if (f.severity === 'blocking')
            log.error(text, { title });
        else if (f.severity === 'warning')
            log.warning(text, { title });
        else
            log.info(text);
    }
}


/***/ }),

/***/ 2093:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  sG: () => (/* reexport */ describeHolder),
  qg: () => (/* binding */ waitForTurn)
});

// UNUSED EXPORTS: headPollMs, readActivity

// EXTERNAL MODULE: ./.tmp/js/domain/durations.js
var durations = __webpack_require__(1265);
;// CONCATENATED MODULE: ./.tmp/js/domain/liveness.js
/**
 * Judges liveness by watching a heartbeat value change, on the observer's own
 * clock (as amazon-dynamodb-lock-client does): immune to clock skew between
 * runners, since no one else's timestamps are compared.
 */
class LivenessTracker {
    seen = new Map();
    /** Records the value seen now; returns how long (ms) it has stayed the same. */
    observe(key, value, now) {
        const last = this.seen.get(key);
        if (!last || last.value !== value) {
            this.seen.set(key, { value, since: now });
            return 0;
        }
        return now - last.since;
    }
    isDead(key, value, leaseMs, now) {
        return this.observe(key, value, now) >= leaseMs;
    }
}

// EXTERNAL MODULE: ./.tmp/js/domain/stack-status.js
var stack_status = __webpack_require__(6235);
// EXTERNAL MODULE: ./.tmp/js/ports/registry.js
var ports_registry = __webpack_require__(6129);
// EXTERNAL MODULE: ./.tmp/js/coordination/backoff.js
var backoff = __webpack_require__(1715);
// EXTERNAL MODULE: ./.tmp/js/domain/priority.js
var priority = __webpack_require__(806);
// EXTERNAL MODULE: ./.tmp/js/domain/freeze.js
var freeze = __webpack_require__(9785);
;// CONCATENATED MODULE: ./.tmp/js/coordination/freeze-watch.js

/**
 * What the deploy freezes say about a waiter, read when it arrives, whenever it may go, and when
 * its wait runs out. A freeze never stops a holder: it holds runs that have not acquired yet,
 * each keeping its place in the queue. `override-freeze` lets a run through, on the record.
 */
class FreezeWatch {
    environment;
    log;
    override;
    onHeld;
    /** The freeze in force at the last read. */
    current;
    /** The first freeze that held this run back. */
    heldBy;
    /** When the freezes were last read (clock ms), -Infinity before the first read. */
    readAtMs = -Infinity;
    readAt = -1;
    list = [];
    /** The freezes of the stretch last said (their ids), so a new one is said too. */
    announced = '';
    constructor(environment, log, override, 
    /** Told once, the first time a freeze holds the run back. */
    onHeld) {
        this.environment = environment;
        this.log = log;
        this.override = override;
        this.onHeld = onHeld;
    }
    /** Reads the freezes (once per poll): false when the read failed (nothing is known then). */
    async read(poll, list, now) {
        if (this.readAt === poll)
            return true;
        const freezes = await list();
        if (!freezes)
            return false;
        this.readAt = poll;
        this.readAtMs = now;
        this.list = freezes;
        this.at(now);
        return true;
    }
    /**
     * What the freezes last read say at `now` (a window that opened or closed since the read):
     * whether one is in force.
     */
    at(now) {
        const was = this.current;
        this.current = (0,freeze/* frozenAt */.qt)(this.list, this.environment, now);
        if (was && !this.current && this.heldBy && !this.override)
            this.log.info(`The freeze of ${this.environment} is over (thawed or ended): going on.`);
        return this.current !== undefined;
    }
    /** Whether a freeze holds this run back now; says so once per frozen stretch (its freezes). */
    holds(now) {
        if (!this.current || this.override)
            return false;
        const which = this.current.windows
            .map((w) => w.freeze.id)
            .sort()
            .join(',');
        if (which !== this.announced) {
            this.announced = which;
            this.heldBy ??= this.current;
            this.log.warning(`${(0,freeze/* describeFrozen */.Gb)(this.current, this.environment, now)}. This run keeps its place in the queue and waits (wait-timeout-minutes); override-freeze lets a run through.`, { title: 'Deploy freeze' });
            this.onHeld(this.current);
        }
        return true;
    }
    /** The freeze this run goes through with override-freeze, if one is in force. */
    get overridden() {
        return this.override ? this.current : undefined;
    }
    /** For a poll's line: held by a freeze, until when (as the freezes last read say at `now`). */
    note(now) {
        this.at(now);
        return this.current && !this.override
            ? ` Frozen until ${this.current.openEnded ? 'thawed (no end in sight)' : new Date(this.current.until).toISOString()}: ${this.current.windows.map((w) => `"${w.freeze.reason}"`).join(', ')}.`
            : '';
    }
}

// EXTERNAL MODULE: ./.tmp/js/coordination/heartbeat-loop.js
var heartbeat_loop = __webpack_require__(8922);
;// CONCATENATED MODULE: ./.tmp/js/coordination/ticket-keeper.js


/**
 * A waiter's ticket and its heartbeat, on a loop of its own: a slow Slack or CloudFormation call
 * in the wait never lets a live waiter's ticket look dead to the others.
 */
class TicketKeeper {
    lock;
    environment;
    sleep;
    intervalMs;
    onThrottled;
    ticket;
    loop;
    /** Someone judged this waiter dead and removed its ticket. */
    removed = false;
    constructor(lock, environment, sleep, intervalMs, 
    /** A throttled heartbeat: the holder's writes (same partition) may be throttled too. */
    onThrottled) {
        this.lock = lock;
        this.environment = environment;
        this.sleep = sleep;
        this.intervalMs = intervalMs;
        this.onThrottled = onThrottled;
    }
    get current() {
        return this.ticket;
    }
    keep(ticket) {
        this.ticket = ticket;
        this.removed = false;
        // Ticket 0 is CloudFormation's own (no table): nobody watches it, nothing to keep alive.
        if (ticket.seq === 0)
            return;
        const loop = new heartbeat_loop/* HeartbeatLoop */.V(this.sleep, this.intervalMs, () => this.beat(ticket));
        this.loop = loop;
        loop.start();
    }
    async beat(mine) {
        if (this.ticket?.seq !== mine.seq || this.ticket.owner !== mine.owner)
            return false;
        try {
            const beat = await this.lock.heartbeatTicket(this.environment, this.ticket);
            if (this.ticket?.seq !== mine.seq)
                return false; // dropped meanwhile
            if (beat)
                this.ticket = { ...this.ticket, heartbeat: beat.heartbeat };
            else
                this.removed = true;
            return beat !== undefined;
        }
        catch (err) {
            if (!(err instanceof ports_registry/* RegistryUnavailableError */.i$))
                throw err;
            if (err.failure === 'throttled')
                this.onThrottled();
            return undefined;
        }
    }
    /** Stops the heartbeat and forgets the ticket; returns it (to remove it from the queue). */
    async drop() {
        const { ticket, loop } = this;
        this.ticket = undefined;
        this.loop = undefined;
        await loop?.stop();
        return ticket;
    }
    /** Stops the heartbeat, keeping the ticket. */
    async stop() {
        const loop = this.loop;
        this.loop = undefined;
        await loop?.stop();
    }
}

// EXTERNAL MODULE: ./.tmp/js/domain/activity.js
var activity = __webpack_require__(679);
// EXTERNAL MODULE: ./.tmp/js/domain/tree.js
var tree = __webpack_require__(4650);
// EXTERNAL MODULE: ./.tmp/js/coordination/stack-tree.js
var stack_tree = __webpack_require__(4900);
;// CONCATENATED MODULE: ./.tmp/js/coordination/turn-report.js





/** One poll's line: how long, and (with a queue) the position, the holder and who is ahead. */
function pollReport(poll, waitedMs, opts, queue, position) {
    const { ticket, ahead, holder, stale } = queue;
    const parts = [
        `Poll ${poll} (waited ${(0,durations/* formatDuration */.a3)(waitedMs)} of ${(0,durations/* formatDuration */.a3)(opts.timeoutMs)}):`
    ];
    // Ticket 0 is CloudFormation's own (no table): no queue to report on.
    if (ticket && ticket.seq > 0) {
        parts.push(`position ${ahead.length + (holder ? 1 : 0)} (on arrival ${position});`);
        parts.push(holder
            ? `lock held by ${describeHolder(holder)}${stale ? ` [stale: ${stale}]` : ''};`
            : 'lock free;');
        if (ahead.length > 0)
            parts.push(`ahead: ${ahead.map((t) => `#${t.seq} ${t.correlationId}${t.priority === 'high' ? ' (high)' : ''}`).join(', ')};`);
    }
    parts.push(`estimate ${(0,durations/* formatDuration */.a3)(opts.expectedMs)} per deployment (${opts.estimateBasis}).`);
    return parts.join(' ');
}
const SEEN_EVENTS_MAX = 10_000;
/**
 * What the busy stacks are doing: in full the first time, then the events new since the last poll
 * (by ID: a nested stack's events are read only while it is busy, so they leave the list).
 */
function logActivity(log, busy, seenEvents, now, opts) {
    for (const a of busy) {
        const seen = seenEvents.get(a.stack.name);
        const ids = a.events.map((e) => e.id);
        // Bounded: past the cap it starts again from this poll's events (those are not new).
        seenEvents.set(a.stack.name, new Set(seen && seen.size < SEEN_EVENTS_MAX ? [...seen, ...ids] : ids));
        if (seen === undefined) {
            log.info((0,activity/* describeActivity */.lU)(a, now, opts.expectedMs, opts.estimateBasis));
            continue;
        }
        const fresh = a.events.filter((e) => !seen.has(e.id));
        log.info(`${(0,activity/* describeActivity */.lU)(a, now, opts.expectedMs, opts.estimateBasis, false)}${fresh.length > 0
            ? `\n  New events:\n${fresh.map((e) => `    ${(0,activity/* formatEvent */.qF)(e)}`).join('\n')}`
            : '\n  No new events since the last poll.'}`);
    }
}
function describeHolder(h) {
    return `${h.correlationId} (${h.run.runUrl ?? 'no run link'}) since ${h.acquiredAt}`;
}
/**
 * Reads who is deploying each busy stack, since when, and how far along: its operation's events
 * and those of its nested stacks (a nested stack that cannot be read is left out; one that has
 * settled is read once).
 */
async function readActivity(reader, stacks, 
/** The nested stacks already settled in the operations read (one per waiting run). */
settled) {
    return Promise.all(stacks
        .filter((s) => (0,stack_status/* isInProgress */.LT)(s.status))
        .map(async (stack) => {
        const op = await reader.currentOperation(stack.name);
        const since = op.start?.timestamp.getTime() ?? op.events[0]?.timestamp.getTime() ?? 0;
        const nested = await (0,stack_tree/* nestedEvents */.H)(reader, op.events, since, { settled });
        return {
            stack,
            consoleUrl: reader.consoleUrl(stack),
            startedAt: op.start?.timestamp,
            startStatus: op.start?.status,
            events: (0,tree/* inTimeOrder */.xM)([...op.events, ...nested])
        };
    }));
}

;// CONCATENATED MODULE: ./.tmp/js/coordination/turn-queue.js

const sameOwner = (a, b) => Boolean(a) && a === b;
/** Another run (another owner token) going by this run's correlation ID, holding or queued. */
function duplicateOf(me, holder, tickets) {
    return [holder, ...tickets].find((t) => t !== undefined && t.correlationId === me.correlationId && !sameOwner(t.owner, me.owner));
}
/**
 * The live tickets ahead of this run's: every one of a higher priority, and every one of its own
 * priority with a lower number (arrival order); the lock holder's own and this run's are skipped.
 * A ticket judged dead is removed (only if its heartbeat is still the one seen) and skipped, else
 * it stays ahead (it lives, or the table did not answer).
 *
 * A high ticket that lands after a normal head read the queue is not seen by that head, which may
 * then acquire: it was its turn when it read, the lock's conditional write still grants one
 * holder, and a holder is never pre-empted. The high ticket goes next.
 *
 * `passes`: tickets this run goes past (a run with override-freeze, while a freeze holds the
 * others, passes the frozen ones: they cannot go anyway).
 */
async function liveAhead(tickets, mine, me, holder, dead) {
    const ahead = [];
    for (const t of tickets) {
        if (!(0,priority/* servedBefore */.p7)(t, mine) || sameOwner(t.owner, holder?.owner) || sameOwner(t.owner, me.owner))
            continue;
        if (dead.passes?.(t))
            continue;
        if (dead.isDead(t) && (await dead.remove(t)))
            continue;
        ahead.push(t);
    }
    return ahead;
}

;// CONCATENATED MODULE: ./.tmp/js/coordination/wait-for-turn.js











/** Registry-backed: the waiter re-reads the stacks when it may go, and at least this often. */
const STACK_CHECK_MS = 30_000;
/** The GitHub API is asked about a holder's run at most this often. */
const RUN_CHECK_MS = 30_000;
/** How long an acquired run still waits for its 'queued' notice to go out. */
const ARRIVAL_NOTICE_GRACE_MS = 2_000;
/** The first in line reads the lock alone this many times per poll interval... */
const HEAD_READS_PER_POLL = 5;
/** ...at least once a second... */
const HEAD_POLL_MAX_MS = 1_000;
/** ...and at most ten times a second (the smallest poll-interval-seconds). */
const HEAD_POLL_MIN_MS = 100;
/** Each of its sleeps is shortened by up to this fraction at random: heads do not read in step. */
const HEAD_POLL_JITTER = 0.2;
/**
 * An acquire refused this many times in a row, with no holder seen in between to explain it, is a
 * lock whose condition cannot be met (an item no release of the action wrote): reported, not
 * retried for ever. A refusal with a holder seen next is just another run going first.
 */
const MAX_LOST_ACQUIRES = 5;
/**
 * The same for taking a queue number: each refusal should mean another run took that number, and
 * even a burst of arrivals is served long before this many.
 */
const MAX_LOST_NUMBERS = 10;
/** The table refusing a request as invalid this many times in a row is an item that defeats it. */
const MAX_REFUSALS = 3; // polls in a row
/** The item a registry operation of the wait writes or reads first (for a refusal's report). */
const itemOf = (env, operation) => ({
    pk: `ENV#${env}`,
    sk: /acquire|lock/.test(operation) ? 'LOCK' : 'QUEUE'
});
/**
 * How often the first in line (no live ticket ahead, the lock held by a live holder) reads the
 * lock alone between its full reads, so that a release is seen within one such read: a fifth of
 * the poll interval, at most 1 s and at least 100 ms (each sleep 80-100 % of it, at random). At
 * the default 5 s poll: every 1 s. Equal to the poll interval (100 ms): no reads in between.
 */
function headPollMs(pollIntervalMs) {
    const ms = Math.max(HEAD_POLL_MIN_MS, pollIntervalMs / HEAD_READS_PER_POLL);
    return Math.min(pollIntervalMs, HEAD_POLL_MAX_MS, ms);
}
/**
 * Waits for this run's turn: first live ticket, the lock free or stale, and no covered stack in
 * progress in CloudFormation.
 *
 * Registry trouble fails safe. Throttling and errors without an answer are retried (the SDK's
 * retries, then this loop's backoff with jitter); only a registry that has not answered for
 * longer than a lease moves the run to CloudFormation-only coordination, since by then any
 * holder has either started its stack operation (which CloudFormation shows) or lost its lease.
 * A table that cannot be used as configured (missing, denied) on arrival ends the wait as
 * `misconfigured`. Liveness is judged only across unbroken observation: after any failed read,
 * a holder or ticket must be seen unchanged for a full lease again before it counts as dead.
 *
 * The first in line behind a live holder also reads the lock alone between its polls
 * (`headPollMs`), so a release is seen within one such read; what it may do is still decided by
 * the full read alone (FIFO, staleness, stacks), and only then does it try to acquire.
 */
async function waitForTurn(deps, opts) {
    const { reader, clock, sleep, log, liveness } = deps;
    const { me } = opts;
    const env = me.environment;
    const started = clock.now();
    let tracker = new LivenessTracker();
    const runChecked = new Map();
    const seenEvents = new Map();
    // Nested stacks of the busy stacks' operations that have settled: read once, not every poll.
    const settledNested = new Map();
    const waitedFor = new Map();
    let registry = deps.registry;
    let fallbackReason;
    const newKeeper = () => new TicketKeeper(registry.lock, env, sleep, me.leaseMs / 3, () => {
        // Throttled: the holder's silence proves nothing, so its liveness is watched afresh.
        tracker = new LivenessTracker();
    });
    let keeper = newKeeper();
    let stacks = opts.arrival;
    let stacksReadAt = started;
    let busy = [];
    let firstBusy;
    let queuePosition;
    let arrivalNotice;
    let arrived = false;
    let warnedDuplicate = false;
    let failures = 0;
    let unreachableSince;
    let misconfigured;
    /** An item of this environment's lock, queue or freezes that does not decode: the wait ends. */
    let corrupt;
    let lostAcquires = 0;
    /** Polls in a row in which the table refused a request as invalid (see MAX_REFUSALS). */
    let refusals = 0;
    let refusedThisPoll = false;
    let frozenOnArrival = false;
    let freezesDenied;
    const overriding = opts.overrideFreeze !== undefined;
    const freezes = new FreezeWatch(env, log, opts.overrideFreeze, (frozen) => {
        // Before the arrival is told, the arrival notice says it (one 'queued' message, not two).
        if (queuePosition === undefined) {
            frozenOnArrival = true;
            return;
        }
        // Told in the background, as the arrival is.
        const onFrozen = opts.onFrozen;
        if (!onFrozen)
            return;
        // After the arrival notice: it updates the message that one posted, never a second one.
        arrivalNotice = Promise.resolve(arrivalNotice)
            .then(() => onFrozen(frozen))
            .catch((err) => log.warning(`Freeze notice failed: ${err.message}`));
    });
    /** A registry call: undefined when it failed (and the failure was accounted for). */
    const attempt = async (fn) => {
        try {
            const value = await fn();
            failures = 0;
            unreachableSince = undefined;
            return value;
        }
        catch (err) {
            // An answer, not an outage: nothing toward the fallback, no holder looks dead for it.
            if (err instanceof ports_registry/* RegistryCorruptError */.zk) {
                corrupt ??= err.item;
                return undefined;
            }
            if (!(err instanceof ports_registry/* RegistryUnavailableError */.i$))
                throw err;
            if (arrived && err.cause?.name === 'ValidationException') {
                // The table answered: this request does not fit the item as it is now (a hand-written
                // attribute of another type). Retried with a pause, then reported, never a fallback.
                if (!refusedThisPoll)
                    refusals++;
                refusedThisPoll = true;
                if (refusals >= MAX_REFUSALS)
                    corrupt ??= {
                        ...itemOf(env, err.operation),
                        attribute: '',
                        expected: `an item the ${err.operation} can be written to`,
                        found: `one the table refused at ${refusals} polls in a row (${err.message})`
                    };
                failures++;
                return undefined;
            }
            refusals = 0;
            failures++;
            // What was seen before the gap proves nothing about what happened during it.
            tracker = new LivenessTracker();
            if (err.failure === 'configuration' && !arrived)
                misconfigured = err.message;
            else if (err.failure === 'throttled')
                unreachableSince = undefined;
            else
                unreachableSince ??= clock.now();
            if (failures === 1 || failures % 10 === 0)
                log.info(`Registry trouble (${err.message}); retrying.`);
            // Longer than any lease seen: by then every holder has started its stack operation or lost its lease.
            const patienceMs = Math.max(me.leaseMs, ...[...waitedFor.values()].map((h) => h.leaseMs));
            // Once: a call still in flight on the table after the fallback does not fall back again.
            if (unreachableSince !== undefined &&
                registry === deps.registry &&
                clock.now() - unreachableSince >= patienceMs)
                fallBack(err, clock.now() - unreachableSince);
            return undefined;
        }
    };
    const fallBack = (err, forMs) => {
        fallbackReason = err.message;
        unreachableSince = undefined;
        void keeper.drop();
        registry = deps.fallback();
        keeper = newKeeper();
        log.warning(`The registry has not answered for ${(0,durations/* formatDuration */.a3)(forMs)}, longer than a lease (${err.message}). Falling back to CloudFormation-only coordination: no queue order, but a stack in progress still holds this run back.`, { title: 'Registry unavailable' });
    };
    /** The freezes; one that could hold this environment but does not decode is an answer too. */
    const freezesOf = async (from) => {
        const { items, unreadable } = await from.freezes.list();
        const mine = unreadable.find((u) => (0,ports_registry/* concerns */.Kc)(u, env));
        if (mine)
            throw new ports_registry/* RegistryCorruptError */.zk(mine);
        return items;
    };
    const finish = async (kind, extra = {}) => {
        const t = await keeper.drop();
        try {
            if (t)
                await registry.lock.removeTicket(env, t.seq);
            if (t && t.seq > 0)
                log.info(`Removed this run's queue ticket #${t.seq}.`);
        }
        catch (err) {
            // finalize tries again (the ticket is in state); else it expires as dead after a lease.
            if (!(err instanceof ports_registry/* RegistryUnavailableError */.i$))
                throw err;
            log.info(`Could not remove this run's queue ticket #${t?.seq} (${err.message}).`);
        }
        const waitedMs = clock.now() - started;
        // The 'queued' notice is moot once the lock is held: a slow Slack must not hold up the deployment.
        if (kind === 'acquired') {
            const grace = new AbortController();
            await Promise.race([arrivalNotice, sleep(ARRIVAL_NOTICE_GRACE_MS, grace.signal)]);
            grace.abort();
        }
        else
            await arrivalNotice;
        return {
            kind,
            registry,
            fallbackReason,
            waitedMs,
            queuePosition: queuePosition ?? 0,
            stacks,
            busy: firstBusy ?? [],
            waitedFor: [...waitedFor.values()],
            freeze: { heldBy: freezes.heldBy, overridden: freezes.overridden },
            ...extra
        };
    };
    /** A condition that cannot be met, reported as the item it is about. */
    const unmet = (operation, attribute, expected, found) => finish('corrupt', { unreadable: { ...itemOf(env, operation), attribute, expected, found } });
    /** Between polls: false when the wait is over (time is up or the run was cancelled). */
    const pause = async (ms) => {
        // Registry trouble on arrival is not another deployment: a run that does not wait
        // (wait-timeout-minutes 0) still gives the table a lease to answer, then falls back.
        const limit = arrived ? opts.timeoutMs : Math.max(opts.timeoutMs, me.leaseMs + 1);
        const left = limit - (clock.now() - started);
        if (opts.signal?.aborted || left <= 0)
            return false;
        await sleep(Math.min(ms, left), opts.signal);
        return !opts.signal?.aborted;
    };
    const endOfWait = async () => {
        if (opts.signal?.aborted)
            return finish('cancelled');
        // Time is up: a freeze still in force outlasted the wait (whoever else was ahead).
        const polled = registry;
        if (polled === deps.registry)
            await freezes.read(Infinity, () => attempt(() => freezesOf(polled)), clock.now()); // a last read
        // Read or not, what holds is judged now (a freeze last read may have ended since).
        freezes.at(clock.now());
        const frozen = freezes.current && !overriding ? freezes.current : undefined;
        return frozen
            ? finish('frozen', { freeze: { heldBy: freezes.heldBy ?? frozen, endedBy: frozen } })
            : finish('timeout');
    };
    const headMs = headPollMs(opts.pollIntervalMs);
    let saidHead = false;
    /**
     * Between polls, for the first in line: the lock alone (one GetItem) every `headMs`, until the
     * next poll is due or the lock is no longer `watched` (released, or another acquisition): then
     * the full read, which alone decides whether this run may go (its ticket first, the lock free or
     * stale by what the full reads saw, the stacks idle). False when the wait is over.
     */
    const headPause = async (from, watched) => {
        const due = clock.now() + opts.pollIntervalMs;
        for (;;) {
            const left = due - clock.now();
            if (left <= 0)
                return true;
            const nap = headMs * (1 - HEAD_POLL_JITTER * Math.random());
            if (!(await pause(Math.min(left, nap))))
                return false;
            if (clock.now() >= due || registry !== from)
                return true;
            // A failed read is a gap like any other (attempt() resets liveness); the full read retries.
            const lock = await attempt(() => from.lock.readLock(env));
            if (!lock?.holder || lock.fence !== watched.fence || lock.holder.owner !== watched.owner)
                return true;
        }
    };
    try {
        for (let poll = 1;; poll++) {
            if (corrupt)
                return finish('corrupt', { unreadable: corrupt });
            // Refusals count in polls in a row: one poll without any ends the run of them.
            if (!refusedThisPoll)
                refusals = 0;
            refusedThisPoll = false;
            if (fallbackReason && registry !== deps.registry) {
                // Back to the registry as soon as it answers again: CloudFormation alone is the last resort.
                const back = await deps.registry.lock.view(env).then(() => true, (err) => {
                    // An item it cannot read is an answer too: the table is back, and the wait ends on it.
                    if (err instanceof ports_registry/* RegistryCorruptError */.zk)
                        corrupt ??= err.item;
                    return false;
                });
                if (back || corrupt) {
                    if (!corrupt)
                        log.info('The registry answers again: coordinating through it again (queuing anew).');
                    await keeper.drop();
                    registry = deps.registry;
                    keeper = newKeeper();
                    fallbackReason = undefined;
                    tracker = new LivenessTracker();
                    // Answered with an item it cannot read: the table's answer ends the wait.
                    if (corrupt)
                        return finish('corrupt', { unreadable: corrupt });
                }
            }
            const polled = registry;
            if (!keeper.current) {
                let queued = await attempt(() => polled.lock.enqueue(me));
                // Refused: another run took that number (its ticket shows), or the queue's condition
                // cannot be met at all. Either way the next try comes after a pause, within this poll.
                for (let lost = 1; queued === undefined && failures === 0 && !corrupt; lost++) {
                    if (lost >= MAX_LOST_NUMBERS)
                        return unmet('enqueue', 'seq', 'a queue counter that takes the next number', `one whose condition refused ${lost} numbers in a row`);
                    // The first retry after a fixed short pause: runs that lost the same number retry in
                    // the order they lost it (arrival order); then backing off, with jitter, up to a poll.
                    const wait = lost === 1 ? headMs : (0,backoff/* backoffMs */.j)(lost - 2, opts.pollIntervalMs / 2, opts.pollIntervalMs);
                    if (!(await pause(wait)))
                        return endOfWait();
                    queued = await attempt(() => polled.lock.enqueue(me));
                }
                if (queued && registry === polled) {
                    keeper.keep(queued);
                    // Ticket 0 is CloudFormation's own (no table): nothing to remove later, nothing to say.
                    if (queued.seq > 0) {
                        opts.onQueued?.(queued);
                        log.info(`Queued with ticket #${queued.seq} for ${env}${queued.priority === 'high' ? ' (priority high)' : ''}.`);
                    }
                }
            }
            const ticket = keeper.current;
            const view = ticket ? await attempt(() => polled.lock.view(env)) : undefined;
            if (misconfigured)
                return finish('misconfigured', { registryError: misconfigured });
            if (corrupt)
                return finish('corrupt', { unreadable: corrupt });
            if (!ticket || !view) {
                // Just fell back: queue with CloudFormation at once. Else back off (with jitter) and retry.
                if (registry !== polled)
                    continue;
                const cap = Math.max(opts.pollIntervalMs, Math.min(30_000, me.leaseMs / 3));
                if (!(await pause((0,backoff/* backoffMs */.j)(failures - 1, opts.pollIntervalMs, cap))))
                    return endOfWait();
                continue;
            }
            arrived = true;
            let now = clock.now();
            if (keeper.removed) {
                // Someone judged this waiter dead and removed its ticket: queue again, at the back.
                log.warning("This run's queue ticket was removed as dead (no heartbeat within lease-minutes); queuing again.");
                await keeper.drop();
                continue;
            }
            const lockHolder = view.lock.holder;
            const holder = lockHolder && !sameOwner(lockHolder.owner, me.owner) ? lockHolder : undefined;
            const twin = warnedDuplicate ? undefined : duplicateOf(me, holder, view.tickets);
            if (twin) {
                warnedDuplicate = true;
                log.warning(`The correlation ID ${me.correlationId} is already used by another run in ${env} (${twin.run.runUrl ?? 'no run link'}). Correlation IDs should be unique per run: logs, records and Slack threads of the two runs will mix. This run queues like any other.`, { title: 'Correlation ID not unique' });
            }
            // The freezes are read on arrival, whenever this run may go, and every STACK_CHECK_MS while
            // it waits (a read that failed: not now, so frozen). On CloudFormation alone there is no
            // table to read them from: those last read from it still hold, judged at each poll.
            const readFreezes = async () => {
                if (polled !== deps.registry) {
                    freezes.at(now);
                    return true;
                }
                return freezes.read(poll, () => attempt(() => freezesOf(polled).catch((err) => {
                    // A table whose freezes this role may not read is misconfigured, not busy.
                    if (err instanceof ports_registry/* RegistryUnavailableError */.i$ && err.failure === 'configuration')
                        freezesDenied = `the deploy freezes could not be read (${err.message}): the role needs dynamodb:Query on the table's FREEZES partition`;
                    throw err;
                })), now);
            };
            // A run with override-freeze reads them at every poll: while a freeze holds the others, it
            // passes the frozen tickets ahead of it (they cannot go anyway; the lock has one holder).
            const passFrozen = overriding && (await readFreezes()) && freezes.current !== undefined;
            let passed = 0;
            const ahead = await liveAhead(view.tickets, ticket, me, holder, {
                passes: passFrozen ? (t) => !t.overridesFreeze && ++passed > 0 : undefined,
                isDead: (t) => tracker.isDead(`ticket#${t.seq}`, t.heartbeat, t.leaseMs, now),
                remove: async (t) => {
                    const removed = await attempt(() => polled.lock.removeDeadTicket(env, t));
                    if (removed)
                        log.warning(`Removed the dead ticket #${t.seq} of ${t.correlationId} (no heartbeat for ${(0,durations/* formatDuration */.a3)(t.leaseMs)}).`);
                    return removed === true;
                }
            });
            let stale;
            if (holder) {
                if (!waitedFor.has(holder.fence))
                    waitedFor.set(holder.fence, holder);
                if (tracker.isDead(`lock#${holder.fence}`, holder.heartbeat, holder.leaseMs, now)) {
                    stale = `no heartbeat for ${(0,durations/* formatDuration */.a3)(holder.leaseMs)}`;
                }
                else if (liveness && now - (runChecked.get(holder.owner) ?? -Infinity) >= RUN_CHECK_MS) {
                    runChecked.set(holder.owner, now);
                    if ((await liveness.runFinished(holder.run)) === true)
                        stale = 'its workflow run is no longer in progress';
                }
            }
            if (opts.skipSuperseded && me.run.ref) {
                const newer = view.tickets.find((t) => t.seq > ticket.seq &&
                    t.run.ref === me.run.ref &&
                    // A newer normal run does not drop an older hotfix (it would queue behind the rest),
                    // nor a run without override-freeze one with it (it would be held by the freeze).
                    (0,priority/* atLeastAsHigh */.Ht)(t, ticket) &&
                    (!overriding || t.overridesFreeze === true) &&
                    !tracker.isDead(`ticket#${t.seq}`, t.heartbeat, t.leaseMs, now));
                if (newer) {
                    log.info(`A newer run for ${me.run.ref} is queued behind this one (${newer.correlationId}, ${newer.run.runUrl ?? 'no run link'}): skipping this older deployment.`);
                    return finish('superseded', { supersededBy: newer });
                }
            }
            const myTurn = ahead.length === 0 && (!holder || stale !== undefined);
            if (queuePosition === undefined) {
                await readFreezes();
                frozenOnArrival = freezes.current !== undefined && !overriding;
            }
            else if (!myTurn && now - freezes.readAtMs >= STACK_CHECK_MS && (await readFreezes()))
                // Behind others: a freeze set meanwhile is said now (log, Slack), not only at its turn.
                freezes.holds(now);
            // override-freeze goes whatever the freezes say, so a read that failed does not hold it.
            const frozen = myTurn && (!(await readFreezes()) ? !overriding : freezes.holds(now));
            if (freezesDenied)
                return finish('misconfigured', { registryError: freezesDenied });
            if (corrupt)
                return finish('corrupt', { unreadable: corrupt });
            // A run held by a freeze reads the stacks as a waiter does, not at every poll.
            if (poll === 1 || (myTurn && !frozen) || now - stacksReadAt >= STACK_CHECK_MS) {
                if (poll > 1)
                    stacks = await reader.describeStacks(me.stacks);
                stacksReadAt = now;
                busy = stacks.some((s) => (0,stack_status/* isInProgress */.LT)(s.status))
                    ? await readActivity(reader, stacks, settledNested)
                    : [];
                if (busy.length > 0)
                    firstBusy ??= busy;
            }
            if (queuePosition === undefined) {
                // Said in the log on arrival, whoever is ahead (and told in the arrival notice).
                if (frozenOnArrival)
                    freezes.holds(now);
                queuePosition = ahead.length + (holder || busy.length > 0 ? 1 : 0);
                // Told in the background: a slow Slack never holds up the wait.
                arrivalNotice = opts
                    .onArrival?.({
                    registry,
                    position: queuePosition,
                    holder,
                    ahead,
                    busy,
                    frozen: frozenOnArrival ? freezes.current : undefined
                })
                    .catch((err) => log.warning(`Arrival notice failed: ${err.message}`));
            }
            // A window that opened while the stacks were read holds it too (the freezes as just read);
            // one that closed meanwhile ends the passing of the frozen tickets: they may go now.
            const holdBack = () => {
                const inForce = freezes.at(clock.now());
                return passed > 0 ? !inForce : inForce && freezes.holds(clock.now());
            };
            if (myTurn && !frozen && busy.length === 0 && !holdBack()) {
                if (stale)
                    log.warning(`Taking over the lock of ${holder.correlationId} (${holder.run.runUrl ?? 'no run link'}): ${stale}.`, { title: 'Stale lock taken over' });
                const sentAt = clock.now();
                const got = await attempt(() => polled.lock.acquire(me, view.lock));
                if (got) {
                    // The lease is on the registry that granted the lock (the one this poll read).
                    opts.onAcquired?.(got, polled, sentAt);
                    return finish('acquired', {
                        registry: polled,
                        holder: got,
                        lockBefore: view.lock,
                        tookOver: stale && holder ? { from: holder, reason: stale } : undefined
                    });
                }
                if (corrupt)
                    return finish('corrupt', { unreadable: corrupt });
                if (failures === 0) {
                    // Refused: another run went first (its holding shows in the next read), or the lock's
                    // condition cannot be met at all. Either way the next try comes after a pause.
                    if (++lostAcquires >= MAX_LOST_ACQUIRES)
                        return unmet('acquire', 'holder, fence, heartbeat', 'a lock that is free, or held as last read', `one the acquire's condition refused ${lostAcquires} times in a row with no holder to show for it`);
                    log.info('Another run took the lock first; waiting again.');
                    if (!(await pause((0,backoff/* backoffMs */.j)(lostAcquires - 1, headMs, opts.pollIntervalMs))))
                        return endOfWait();
                    continue;
                }
            }
            if (holder && !stale)
                lostAcquires = 0;
            now = clock.now();
            const queue = { ticket, ahead, holder, stale };
            log.info(pollReport(poll, now - started, opts, queue, queuePosition) + freezes.note(now));
            logActivity(log, busy, seenEvents, now, opts);
            // First in line behind a live holder: watch the lock more often, so a release is seen at once.
            const head = ahead.length === 0 && holder && !stale && headMs < opts.pollIntervalMs;
            if (head && !saidHead) {
                saidHead = true;
                log.info(`First in line: reading the lock every ${(0,durations/* formatDuration */.a3)(headMs)} until ${holder.correlationId} releases it (the whole queue every ${(0,durations/* formatDuration */.a3)(opts.pollIntervalMs)}).`);
            }
            const waited = head ? headPause(polled, holder) : pause(opts.pollIntervalMs);
            if (!(await waited))
                return endOfWait();
        }
    }
    finally {
        // Whatever ended the wait (an error included), the ticket's heartbeat ends with it.
        await keeper.stop();
    }
}


/***/ }),

/***/ 9338:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ historyEstimate),
/* harmony export */   p: () => (/* binding */ expectation)
/* harmony export */ });
/* harmony import */ var _durations_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1265);
/* harmony import */ var _estimate_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4280);
/* harmony import */ var _past_operations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(813);
/**
 * How long a deployment is expected to take, and past when it counts as
 * overdue: the estimate policy, pure (no I/O). The expected-duration-minutes
 * input wins; else the history of successful deployments of the same stacks
 * (some of them perhaps read from CloudFormation's event history), or of each
 * of the stacks on its own; else a fallback ('no history yet').
 */



const NO_HISTORY_BASIS = 'no history yet';
function expectation(settings, fromHistory, fallbackMs) {
    if (settings.expectedDurationMs !== undefined) {
        return {
            estimate: {
                expectedMs: settings.expectedDurationMs,
                basis: 'from expected-duration-minutes'
            },
            overdueMs: settings.expectedDurationMs
        };
    }
    if (fromHistory) {
        return {
            estimate: {
                expectedMs: fromHistory.expectedMs,
                lowMs: fromHistory.lowMs,
                highMs: fromHistory.highMs,
                basis: fromHistory.basis ?? historyBasis(fromHistory)
            },
            overdueMs: overdueBound(fromHistory)
        };
    }
    return { estimate: { expectedMs: fallbackMs, basis: NO_HISTORY_BASIS }, overdueMs: fallbackMs };
}
/** From history, a deployment is overdue past the p80 (never before the median). */
function overdueBound(fromHistory) {
    return Math.max(fromHistory.highMs, fromHistory.expectedMs);
}
/** How an estimate from history was made, for the messages. */
function historyBasis(fromHistory) {
    const n = fromHistory.samples;
    return `median of ${n} successful deployment${n === 1 ? '' : 's'}, p20 to p80 ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(fromHistory.lowMs)} to ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(fromHistory.highMs)}`;
}
const EVENT_HISTORY = "CloudFormation's event history";
/**
 * From the history (newest first): the past deployments of exactly these stacks; else, for
 * several stacks that each have their own, the sum of their medians (and of their p20s and p80s).
 */
function historyEstimate(history, stacks) {
    const whole = (0,_estimate_js__WEBPACK_IMPORTED_MODULE_2__/* .estimateFromHistory */ .Bw)(history, stacks);
    if (whole)
        return {
            ...whole,
            basis: `median of ${samplesText((0,_estimate_js__WEBPACK_IMPORTED_MODULE_2__/* .samplesOf */ .lc)(history, stacks))}${p20p80(whole)}`
        };
    if (stacks.length < 2)
        return undefined;
    const parts = stacks.map((stack) => ({ stack, estimate: (0,_estimate_js__WEBPACK_IMPORTED_MODULE_2__/* .estimateFromHistory */ .Bw)(history, [stack]) }));
    if (parts.some((p) => !p.estimate))
        return undefined;
    const sum = (f) => parts.reduce((total, p) => total + f(p.estimate), 0);
    const summed = {
        expectedMs: sum((e) => e.expectedMs),
        lowMs: sum((e) => e.lowMs),
        highMs: sum((e) => e.highMs),
        samples: Math.min(...parts.map((p) => p.estimate.samples))
    };
    const each = parts.map((p) => `${p.stack}: ${samplesText((0,_estimate_js__WEBPACK_IMPORTED_MODULE_2__/* .samplesOf */ .lc)(history, [p.stack]))}`);
    return {
        ...summed,
        basis: `sum of each stack's own median (${each.join('; ')})${p20p80(summed)}`
    };
}
/** '3 past updates in CloudFormation's event history', '5 successful deployments, 2 of them from ...'. */
function samplesText(samples) {
    const n = samples.length;
    const kinds = samples.flatMap((s) => (0,_past_operations_js__WEBPACK_IMPORTED_MODULE_0__/* .pastOperationKind */ .UJ)(s.correlationId) ?? []);
    if (kinds.length === n) {
        const only = new Set(kinds).size === 1 ? kinds[0].toLowerCase() : undefined;
        const what = only ? `${only}${n === 1 ? '' : 's'}` : 'updates and creates';
        return `${n} past ${what} in ${EVENT_HISTORY}`;
    }
    const deployments = `${n} successful deployment${n === 1 ? '' : 's'}`;
    return kinds.length === 0
        ? deployments
        : `${deployments}, ${kinds.length} of them from ${EVENT_HISTORY}`;
}
const p20p80 = (e) => `, p20 to p80 ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(e.lowMs)} to ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(e.highMs)}`;


/***/ }),

/***/ 8336:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Yl: () => (/* binding */ registryCorruptFinding),
/* harmony export */   jE: () => (/* binding */ otherFindings),
/* harmony export */   mh: () => (/* binding */ activeDeploymentFindings),
/* harmony export */   nZ: () => (/* binding */ warningsOf),
/* harmony export */   ub: () => (/* binding */ blocking),
/* harmony export */   we: () => (/* binding */ registryMisconfiguredFinding)
/* harmony export */ });
/* harmony import */ var _stack_status_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6235);
/* harmony import */ var _recovery_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5269);


/** The active-deployment check: runs first, on its own, before any other check. */
function activeDeploymentFindings(stacks) {
    return stacks
        .filter((s) => (0,_stack_status_js__WEBPACK_IMPORTED_MODULE_0__/* .classifyStatus */ .xo)(s.status).class === 'in-progress')
        .map((s) => ({
        code: 'STACK_IN_PROGRESS',
        severity: 'blocking',
        stack: s.name,
        message: `Stack ${s.name} is ${s.status}: another deployment is active.`,
        resolution: [
            'Wait for the active deployment to finish (raise wait-timeout-minutes to queue behind it).',
            `Follow it: aws cloudformation describe-stack-events --stack-name ${s.name}`
        ]
    }));
}
const recovery = {
    rollback: (stack) => ({
        code: 'STACK_NEEDS_ROLLBACK',
        message: `Stack ${stack} failed with rollback disabled and must be rolled back before it can be updated.`,
        resolution: [
            `aws cloudformation rollback-stack --stack-name ${stack}`,
            `aws cloudformation wait stack-rollback-complete --stack-name ${stack}`
        ]
    }),
    'continue-rollback': (stack) => ({
        code: 'STACK_NEEDS_CONTINUE_ROLLBACK',
        message: `Stack ${stack} is stuck in a failed rollback; the rollback must be continued before it can be updated.`,
        resolution: [
            `Find the resources that failed: aws cloudformation describe-stack-events --stack-name ${stack}`,
            `aws cloudformation continue-update-rollback --stack-name ${stack} [--resources-to-skip LogicalId ...]`,
            'A resource inside a nested stack is skipped as NestedStackLogicalId.ResourceLogicalId (Data.Db), never by its own logical ID, and never the nested stack resource itself.'
        ]
    }),
    delete: (stack) => ({
        code: 'STACK_NEEDS_DELETE',
        message: `Stack ${stack} can only be deleted (a failed create or a failed delete); it must be deleted before it can be deployed.`,
        resolution: [
            `aws cloudformation delete-stack --stack-name ${stack}`,
            `aws cloudformation wait stack-delete-complete --stack-name ${stack}`,
            'Or set cleanup: failed-create to let the action delete a stack left by a failed create.'
        ]
    })
};
/** A nested stack is never repaired on its own: CloudFormation refuses it; its root is repaired. */
function throughRoot(s, needs) {
    const root = s.rootId ?? '';
    const first = `${s.name} is a nested stack: it is repaired only through its root stack ${root}.`;
    return needs === 'delete'
        ? [
            first,
            `Update the root stack ${root} (removing the nested stack from its template if it is not wanted): never delete the root for it, which deletes the whole environment.`
        ]
        : [first, ...recovery[needs](root).resolution];
}
/** The checks after the active-deployment check, in a fixed order. */
function otherFindings(stacks, ctx) {
    const findings = [];
    for (const s of stacks) {
        const info = (0,_stack_status_js__WEBPACK_IMPORTED_MODULE_0__/* .classifyStatus */ .xo)(s.status);
        if (info.class === 'blocked' && info.needs) {
            const own = recovery[info.needs](s.name);
            findings.push({
                severity: 'blocking',
                stack: s.name,
                ...own,
                ...((0,_recovery_js__WEBPACK_IMPORTED_MODULE_1__/* .isNested */ ._$)(s) ? { resolution: throughRoot(s, info.needs) } : {})
            });
        }
        else if (info.class === 'stable-after-failure') {
            findings.push({
                code: 'LAST_DEPLOYMENT_FAILED',
                severity: 'warning',
                stack: s.name,
                message: `The last deployment of ${s.name} failed and was rolled back (${s.status}${s.statusReason ? `: ${s.statusReason}` : ''}).`,
                resolution: [
                    `See why: aws cloudformation describe-stack-events --stack-name ${s.name}`,
                    'Make sure this run contains the fix.'
                ]
            });
        }
        else if (info.class === 'does-not-exist') {
            findings.push({
                code: 'STACK_DOES_NOT_EXIST',
                severity: 'info',
                stack: s.name,
                message: `Stack ${s.name} does not exist yet; this deployment will create it.`,
                resolution: []
            });
        }
    }
    if (ctx.registryUnavailable) {
        findings.push({
            code: 'REGISTRY_UNAVAILABLE',
            severity: 'warning',
            message: `The registry table could not be used (${ctx.registryUnavailable}); coordinated through CloudFormation only (no queue order, no identity of other runs).`,
            resolution: [
                'Check that the table exists in this region and that the role may use it (see infra/iam-policy.json).',
                'aws dynamodb describe-table --table-name TABLE'
            ]
        });
    }
    else if (!ctx.registryConfigured) {
        findings.push({
            code: 'REGISTRY_NOT_CONFIGURED',
            severity: 'warning',
            message: 'No registry-table: coordinating through CloudFormation only (best effort: no queue order, no identity of other runs).',
            resolution: ['Deploy the registry table (infra/registry-table.yml) and set registry-table.']
        });
    }
    return findings;
}
const blocking = (findings) => findings.filter((f) => f.severity === 'blocking');
const warningsOf = (findings) => findings.filter((f) => f.severity === 'warning');
/** The table cannot be used as configured (missing, denied, another key schema): fixed by a person, not by waiting. */
function registryMisconfiguredFinding(table, error) {
    return {
        code: 'REGISTRY_MISCONFIGURED',
        severity: 'blocking',
        message: `registry-table ${JSON.stringify(table)} cannot be used: ${error}. Nothing was coordinated: a table that is set but unusable is a configuration error, not a reason to coordinate on CloudFormation alone.`,
        resolution: [
            'Check registry-table and the region: the table must exist there, with partition key pk (S) and sort key sk (S) (infra/registry-table.yml).',
            'Check that the role may use it (infra/iam-policy.json).',
            `aws dynamodb describe-table --table-name ${table}`,
            'To coordinate on CloudFormation alone on purpose, leave registry-table empty.'
        ]
    };
}
/**
 * An item of this environment's lock, queue or freezes does not decode (written by a hand, a
 * script or another release): the table answered, so it is no outage and no reason to fall back
 * to CloudFormation alone; nor is it a lock anyone may take. Fixed by a person, with `doctor`.
 */
function registryCorruptFinding(table, item, problem, repair) {
    return {
        code: 'REGISTRY_CORRUPT',
        severity: 'blocking',
        message: `registry-table ${JSON.stringify(table)} holds an item this run cannot read: ${problem}. Not deploying: an answer that cannot be read is not taken for a free lock, nor for an outage.`,
        resolution: [
            `List it and repair it (the old item is printed in full first, each repair confirmed): ${repair} --registry-table ${table}`,
            `Or look at it: aws dynamodb get-item --table-name ${table} --key '${JSON.stringify({ pk: { S: item.pk }, sk: { S: item.sk } })}'`
        ]
    };
}


/***/ }),

/***/ 813:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $2: () => (/* binding */ pastOperationId),
/* harmony export */   UJ: () => (/* binding */ pastOperationKind),
/* harmony export */   pP: () => (/* binding */ pastOperations),
/* harmony export */   pc: () => (/* binding */ durationMs)
/* harmony export */ });
/* harmony import */ var _estimate_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4280);
/* harmony import */ var _operations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1056);
/* harmony import */ var _stack_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3456);
/* harmony import */ var _stack_status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6235);
/**
 * A stack's past operations, read from its CloudFormation events: so that a stack the history
 * knows nothing of is estimated from the first day (what the shell estimator's `collect` did).
 * Pure: the events come from the StackReader port.
 */




const KINDS = new Set(['UPDATE', 'CREATE']);
/**
 * The ended operations in a stack's events (oldest first), oldest first, told apart as
 * splitOperations does (by OperationId where the events carry one: a failed update's automatic
 * rollback is part of it, and its duration). An operation whose start is older than the events
 * reach (a truncated history), or that has not ended yet, is left out; so are deletes, imports,
 * the review of a change set and a rollback someone asked for.
 */
function pastOperations(stack, events) {
    const ended = [];
    for (const op of (0,_operations_js__WEBPACK_IMPORTED_MODULE_0__/* .splitOperations */ .x)(events)) {
        const start = op.start;
        if (!start || start.logicalId !== stack || !_stack_status_js__WEBPACK_IMPORTED_MODULE_1__/* .OPERATION_START_STATUSES */ .s5.has(start.status))
            continue;
        const from = op.events.indexOf(start);
        // Cleanups and rollbacks are stack-level IN_PROGRESS statuses inside the operation.
        const to = op.events.findIndex((e, i) => i > from && (0,_stack_js__WEBPACK_IMPORTED_MODULE_2__/* .isStackEvent */ .lQ)(e) && !e.status.endsWith('_IN_PROGRESS'));
        const kind = start.status.replace(/_IN_PROGRESS$/, '');
        const end = op.events[to];
        if (!end || !KINDS.has(kind))
            continue;
        ended.push({
            stack,
            kind: kind,
            startEventId: start.id,
            startedAt: start.timestamp,
            endedAt: end.timestamp,
            endStatus: end.status,
            succeeded: end.status === `${kind}_COMPLETE`,
            resourceTypeSeconds: (0,_estimate_js__WEBPACK_IMPORTED_MODULE_3__/* .resourceTypeSeconds */ .S3)(op.events.slice(from, to + 1))
        });
    }
    return ended;
}
const durationMs = (op) => op.endedAt.getTime() - op.startedAt.getTime();
/**
 * History entries learned from the event history carry an ID no deployment can have (a ':' is not
 * allowed in a correlation ID), the same for the same operation: adding it again changes nothing.
 */
const MARK = 'cfn-events';
/** The history's ID for a past operation: `cfn-events:<stack>:<update|create>:<start event ID>`. */
const pastOperationId = (op) => `${MARK}:${op.stack}:${op.kind.toLowerCase()}:${op.startEventId}`;
/** What kind of past operation a history entry's ID names; undefined for a real deployment. */
function pastOperationKind(correlationId) {
    // A history file may hold an entry without one (written by hand, or torn).
    if (typeof correlationId !== 'string')
        return undefined;
    const [mark, , kind] = correlationId.split(':');
    const upper = kind?.toUpperCase() ?? '';
    return mark === MARK && KINDS.has(upper) ? upper : undefined;
}


/***/ }),

/***/ 5269:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ox: () => (/* binding */ nestedSkips),
/* harmony export */   Qp: () => (/* binding */ recoveryAction),
/* harmony export */   SD: () => (/* binding */ rollbackFailures),
/* harmony export */   _$: () => (/* binding */ isNested),
/* harmony export */   ry: () => (/* binding */ recoveryInstructions)
/* harmony export */ });
/* unused harmony exports failedResources, skipId */
/* harmony import */ var _stack_status_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6235);
/* harmony import */ var _stack_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3456);
/* harmony import */ var _watch_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9707);



/** What the action may do by itself to a stack in this status, under this policy. */
function recoveryAction(status, policy) {
    const needs = (0,_stack_status_js__WEBPACK_IMPORTED_MODULE_0__/* .classifyStatus */ .xo)(status).needs;
    if ((needs === 'rollback' || needs === 'continue-rollback') && policy.autoRollback)
        return needs;
    // Only a failed create (ROLLBACK_COMPLETE) is deleted automatically: it holds nothing worth keeping.
    if (needs === 'delete' && status === 'ROLLBACK_COMPLETE' && policy.cleanup === 'failed-create')
        return 'delete';
    return undefined;
}
/** A nested stack (its root is another stack): repaired only through its root. */
const isNested = (s) => Boolean(s.rootId && s.rootId !== s.stackId);
/** Resources whose latest event is a failure, with its reason (nested stack resources included). */
function failedResources(events) {
    const latest = new Map();
    for (const e of events)
        if (!(0,_stack_js__WEBPACK_IMPORTED_MODULE_2__/* .isStackEvent */ .lQ)(e))
            latest.set(e.logicalId, e);
    return [...latest.values()].filter((e) => e.status.endsWith('_FAILED'));
}
/** The stack events that start a rollback: what fails after one failed to roll back. */
const ROLLBACK_STARTS = new Set(['UPDATE_ROLLBACK_IN_PROGRESS', 'IMPORT_ROLLBACK_IN_PROGRESS']);
/**
 * The failed resources of one stack's latest operation (`events` oldest first), each marked with
 * whether it failed to roll back: its latest event comes after the stack's latest rollback start and
 * is no echo of another failure ("Resource update cancelled"). Inside a nested stack that rolled
 * back, only those are kept: the rest are not stuck, and CloudFormation refuses to skip them.
 */
function rollbackFailures(events, nested) {
    const start = events.findLastIndex((e) => (0,_stack_js__WEBPACK_IMPORTED_MODULE_2__/* .isStackEvent */ .lQ)(e) && ROLLBACK_STARTS.has(e.status));
    const after = new Set(start < 0 ? [] : events.slice(start + 1));
    const out = [];
    for (const e of failedResources(events)) {
        const failedToRollBack = (0,_watch_js__WEBPACK_IMPORTED_MODULE_1__/* .isRootCauseFailure */ .M)(e) && (start < 0 ? !nested : after.has(e));
        if (nested && start >= 0 && !failedToRollBack)
            continue;
        out.push({ ...e, failedToRollBack });
    }
    return out;
}
/** How ContinueUpdateRollback and `--resources-to-skip` name it: `Db`, or `Data.Db` inside nested stack Data. */
const skipId = (r) => [...(r.nestedIn ?? []), r.logicalId].join('.');
/**
 * What ContinueUpdateRollback of a root skips: the resources inside its nested stacks that failed
 * to roll back (`Data.Db`). A nested stack resource itself cannot be skipped while its stack is
 * stuck, and a failed resource of the root itself is retried, not skipped.
 */
const nestedSkips = (stuck) => stuck
    .filter((r) => (r.nestedIn?.length ?? 0) > 0 &&
    r.status === 'UPDATE_FAILED' &&
    r.failedToRollBack !== false &&
    // `Data.Inner` is a nested stack resource too: refused while its stack is not DELETE_*.
    r.resourceType !== _stack_js__WEBPACK_IMPORTED_MODULE_2__/* .STACK_RESOURCE_TYPE */ .nD)
    .map(skipId);
/** What a person does when the automatic recovery failed: the stuck resources and the exact commands. */
function recoveryInstructions(stack, status, failed, consoleUrl) {
    // A nested stack resource is explained by what is stuck inside it, and cannot be skipped itself.
    const stuck = failed.filter((e) => e.resourceType !== _stack_js__WEBPACK_IMPORTED_MODULE_2__/* .STACK_RESOURCE_TYPE */ .nD ||
        !failed.some((inner) => inner.nestedIn?.join('.') === skipId(e)));
    const skip = stuck
        .filter((e) => e.resourceType !== _stack_js__WEBPACK_IMPORTED_MODULE_2__/* .STACK_RESOURCE_TYPE */ .nD && e.failedToRollBack !== false)
        .map(skipId);
    const lines = [`Stack ${stack} is ${status} and needs a person:`];
    for (const e of stuck)
        lines.push(`  - ${skipId(e)} (${e.resourceType}) ${e.status}: ${e.reason ?? 'no reason given'}`);
    lines.push(`  See the events: aws cloudformation describe-stack-events --stack-name ${stack}`);
    const nested = [...new Set(stuck.flatMap((e) => (e.nestedStack ? [e.nestedStack] : [])))];
    for (const arn of nested)
        lines.push(`  And of nested stack ${arn}: aws cloudformation describe-stack-events --stack-name ${arn}`);
    if (nested.length > 0)
        lines.push(`  A nested stack is repaired through its root only: every command below names ${stack}.`);
    if (status === 'UPDATE_ROLLBACK_FAILED' || status === 'IMPORT_ROLLBACK_FAILED') {
        lines.push(`  Fix the resources above, then: aws cloudformation continue-update-rollback --stack-name ${stack}`);
        if (skip.length > 0) {
            lines.push(`  Or skip them (they are left as they are): aws cloudformation continue-update-rollback --stack-name ${stack} --resources-to-skip ${skip.join(' ')}`);
        }
    }
    else if (status === 'UPDATE_FAILED' || status === 'CREATE_FAILED') {
        lines.push(`  aws cloudformation rollback-stack --stack-name ${stack}`);
    }
    else if ((0,_stack_status_js__WEBPACK_IMPORTED_MODULE_0__/* .classifyStatus */ .xo)(status).needs === 'delete') {
        // ROLLBACK_COMPLETE, ROLLBACK_FAILED, DELETE_FAILED: only a deletion gets it out.
        const retain = stuck.filter((e) => !e.nestedIn?.length).map(skipId);
        lines.push(`  aws cloudformation delete-stack --stack-name ${stack}${retain.length > 0 ? ` [--retain-resources ${retain.join(' ')}]` : ''}`);
    }
    else if ((0,_stack_status_js__WEBPACK_IMPORTED_MODULE_0__/* .classifyStatus */ .xo)(status).class.startsWith('in-progress')) {
        lines.push(`  CloudFormation is still working on it: look again once it is done.`);
    }
    else {
        lines.push(`  It needs no repair in this status.`);
    }
    lines.push(`  Console: ${consoleUrl}`);
    return lines;
}


/***/ })

};
