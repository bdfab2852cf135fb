export const id = 233;
export const ids = [233];
export const modules = {

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
/** What the busy stacks are doing: in full the first time, then the events new since the last poll. */
function logActivity(log, busy, lastEvent, now, opts) {
    for (const a of busy) {
        const seen = lastEvent.get(a.stack.name);
        const newest = a.events.at(-1);
        if (newest)
            lastEvent.set(a.stack.name, newest.id);
        if (seen === undefined) {
            log.info((0,activity/* describeActivity */.lU)(a, now, opts.expectedMs, opts.estimateBasis));
            continue;
        }
        const fresh = a.events.slice(a.events.findIndex((e) => e.id === seen) + 1);
        log.info(`${(0,activity/* describeActivity */.lU)(a, now, opts.expectedMs, opts.estimateBasis, false)}${fresh.length > 0
            ? `\n  New events:\n${fresh.map((e) => `    ${(0,activity/* formatEvent */.qF)(e)}`).join('\n')}`
            : '\n  No new events since the last poll.'}`);
    }
}
function describeHolder(h) {
    return `${h.correlationId} (${h.run.runUrl ?? 'no run link'}) since ${h.acquiredAt}`;
}
/** Reads who is deploying each busy stack, since when, and how far along. */
async function readActivity(reader, stacks) {
    return Promise.all(stacks
        .filter((s) => (0,stack_status/* isInProgress */.LT)(s.status))
        .map(async (stack) => {
        const op = await reader.currentOperation(stack.name);
        return {
            stack,
            consoleUrl: reader.consoleUrl(stack),
            startedAt: op.start?.timestamp,
            startStatus: op.start?.status,
            events: op.events
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
    const lastEvent = new Map();
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
            if (!(err instanceof ports_registry/* RegistryUnavailableError */.i$))
                throw err;
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
            await freezes.read(Infinity, () => attempt(() => polled.freezes.list()), clock.now()); // a last read
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
            if (fallbackReason && registry !== deps.registry) {
                // Back to the registry as soon as it answers again: CloudFormation alone is the last resort.
                const back = await deps.registry.lock.view(env).then(() => true, () => false);
                if (back) {
                    log.info('The registry answers again: coordinating through it again (queuing anew).');
                    await keeper.drop();
                    registry = deps.registry;
                    keeper = newKeeper();
                    fallbackReason = undefined;
                    tracker = new LivenessTracker();
                }
            }
            const polled = registry;
            if (!keeper.current) {
                const queued = await attempt(() => polled.lock.enqueue(me));
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
                return freezes.read(poll, () => attempt(() => polled.freezes.list().catch((err) => {
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
            // A run held by a freeze reads the stacks as a waiter does, not at every poll.
            if (poll === 1 || (myTurn && !frozen) || now - stacksReadAt >= STACK_CHECK_MS) {
                if (poll > 1)
                    stacks = await reader.describeStacks(me.stacks);
                stacksReadAt = now;
                busy = stacks.some((s) => (0,stack_status/* isInProgress */.LT)(s.status)) ? await readActivity(reader, stacks) : [];
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
                if (failures === 0) {
                    log.info('Another run took the lock first; waiting again.');
                    continue;
                }
            }
            now = clock.now();
            const queue = { ticket, ahead, holder, stale };
            log.info(pollReport(poll, now - started, opts, queue, queuePosition) + freezes.note(now));
            logActivity(log, busy, lastEvent, now, opts);
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
/* harmony export */   jE: () => (/* binding */ otherFindings),
/* harmony export */   mh: () => (/* binding */ activeDeploymentFindings),
/* harmony export */   nZ: () => (/* binding */ warningsOf),
/* harmony export */   ub: () => (/* binding */ blocking),
/* harmony export */   we: () => (/* binding */ registryMisconfiguredFinding)
/* harmony export */ });
/* harmony import */ var _stack_status_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6235);

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
            `aws cloudformation continue-update-rollback --stack-name ${stack} [--resources-to-skip LogicalId ...]`
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
/** The checks after the active-deployment check, in a fixed order. */
function otherFindings(stacks, ctx) {
    const findings = [];
    for (const s of stacks) {
        const info = (0,_stack_status_js__WEBPACK_IMPORTED_MODULE_0__/* .classifyStatus */ .xo)(s.status);
        if (info.class === 'blocked' && info.needs) {
            findings.push({ severity: 'blocking', stack: s.name, ...recovery[info.needs](s.name) });
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


/***/ }),

/***/ 9785:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $7: () => (/* binding */ readDuration),
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

/***/ 813:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $2: () => (/* binding */ pastOperationId),
/* harmony export */   UJ: () => (/* binding */ pastOperationKind),
/* harmony export */   pP: () => (/* binding */ pastOperations),
/* harmony export */   pc: () => (/* binding */ durationMs)
/* harmony export */ });
/* harmony import */ var _estimate_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4280);
/* harmony import */ var _stack_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3456);
/* harmony import */ var _stack_status_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6235);
/**
 * A stack's past operations, read from its CloudFormation events: so that a stack the history
 * knows nothing of is estimated from the first day (what the shell estimator's `collect` did).
 * Pure: the events come from the StackReader port.
 */



const KINDS = new Set(['UPDATE', 'CREATE']);
/**
 * The ended operations in a stack's events (oldest first), oldest first. An operation whose start
 * is older than the events reach (a truncated history), or that has not ended yet, is left out;
 * so are deletes, imports and the review of a change set.
 */
function pastOperations(stack, events) {
    const ended = [];
    let open;
    for (const e of events) {
        const own = (0,_stack_js__WEBPACK_IMPORTED_MODULE_1__/* .isStackEvent */ .lQ)(e) && e.logicalId === stack;
        if (own && _stack_status_js__WEBPACK_IMPORTED_MODULE_0__/* .OPERATION_START_STATUSES */ .s5.has(e.status)) {
            // A new start while one is open: the open one's end is not in the events.
            open = { start: e, kind: e.status.replace(/_IN_PROGRESS$/, ''), events: [e] };
            continue;
        }
        if (!open)
            continue;
        open.events.push(e);
        // Cleanups and rollbacks are stack-level IN_PROGRESS statuses inside the operation.
        if (!own || e.status.endsWith('_IN_PROGRESS'))
            continue;
        if (KINDS.has(open.kind))
            ended.push({
                stack,
                kind: open.kind,
                startEventId: open.start.id,
                startedAt: open.start.timestamp,
                endedAt: e.timestamp,
                endStatus: e.status,
                succeeded: e.status === `${open.kind}_COMPLETE`,
                resourceTypeSeconds: (0,_estimate_js__WEBPACK_IMPORTED_MODULE_2__/* .resourceTypeSeconds */ .S3)(open.events)
            });
        open = undefined;
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


/***/ })

};
