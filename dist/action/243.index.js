export const id = 243;
export const ids = [243];
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

/***/ 6688:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  sG: () => (/* reexport */ describeHolder),
  qg: () => (/* binding */ waitForTurn)
});

// UNUSED EXPORTS: headPollMs, readActivity

// EXTERNAL MODULE: ./.tmp/js/domain/durations.js
var durations = __webpack_require__(1265);
// EXTERNAL MODULE: ./.tmp/js/domain/priority.js
var priority = __webpack_require__(806);
;// CONCATENATED MODULE: ./.tmp/js/coordination/turn-queue.js
const sameOwner = (a, b) => Boolean(a) && a === b;
/** Another run (another owner token) going by this run's correlation ID, holding or queued. */
function duplicateOf(me, holder, tickets) {
    return [holder, ...tickets].find((t) => t !== undefined && t.correlationId === me.correlationId && !sameOwner(t.owner, me.owner));
}

;// CONCATENATED MODULE: ./.tmp/js/coordination/turn-sight.js
/** The item a refused operation of the wait writes first, for its report. */
const itemOf = (env, operation) => ({
    pk: `ENV#${env}`,
    sk: /acquire|lock/.test(operation) ? 'LOCK' : 'QUEUE'
});

;// CONCATENATED MODULE: ./.tmp/js/coordination/turn-decision.js




/**
 * What a waiting run may do next, decided from what it has seen: no I/O, no clock (the time is
 * part of what it saw). `waitForTurn` observes, asks `decide`, performs the step, and asks again.
 */
/** Registry-backed: the waiter re-reads the stacks when it may go, and at least this often. */
const STACK_CHECK_MS = 30_000;
/** The GitHub API is asked about a holder's run at most this often. */
const RUN_CHECK_MS = 30_000;
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
const end = (ending) => ({ kind: 'end', ending });
const look = (at) => ({ kind: 'look', at });
const lookFreezes = (why) => ({ kind: 'look', at: 'freezes', why });
/** A condition that cannot be met, reported as the item it is about. */
const unmet = (env, operation, attribute, expected, found) => end({ kind: 'corrupt', unreadable: { ...itemOf(env, operation), attribute, expected, found } });
/** How long the table may stay silent before the run goes on CloudFormation alone. */
const patienceMs = (rules, memory) => 
// Longer than any lease seen: by then every holder has started its stack operation or lost its lease.
Math.max(rules.me.leaseMs, ...[...memory.waitedFor.values()].map((h) => h.leaseMs));
/**
 * The tickets that go before this run's, in order: every live one of a higher priority, and every
 * live one of its own priority with a lower number; the holder's and this run's own are skipped,
 * and with `passFrozen` those without override-freeze (a freeze holds them, they cannot go).
 * `dead`: the first dead one not yet tried for removal (to remove before deciding anything).
 */
function queueAhead(q, mine, me, removals, passFrozen) {
    const ahead = [];
    for (const t of q.tickets) {
        if (!(0,priority/* servedBefore */.p7)(t, mine) ||
            sameOwner(t.owner, q.holder?.owner) ||
            sameOwner(t.owner, me.owner))
            continue;
        if (passFrozen && !t.overridesFreeze)
            continue;
        if (q.dead.has(t.seq)) {
            const removed = removals.get(t.seq);
            if (removed === undefined)
                return { ahead, dead: t };
            if (removed)
                continue;
        }
        ahead.push(t);
    }
    return { ahead };
}
/** A newer live run for the same ref queued behind this one, of a priority at least as high. */
function newerRun(q, mine, rules) {
    if (!rules.skipSuperseded || !rules.me.run.ref)
        return undefined;
    return q.tickets.find((t) => t.seq > mine.seq &&
        t.run.ref === rules.me.run.ref &&
        // A newer normal run does not drop an older hotfix (it would queue behind the rest),
        // nor a run without override-freeze one with it (it would be held by the freeze).
        (0,priority/* atLeastAsHigh */.Ht)(t, mine) &&
        (!rules.overriding || t.overridesFreeze === true) &&
        !q.dead.has(t.seq));
}
/** The next step of a waiting run, from what it has seen and remembers. */
function decide(s, m, rules) {
    const env = rules.me.environment;
    const { health, freezes } = s;
    if (s.over === 'cancelled')
        return end({ kind: 'cancelled' });
    if (s.over === 'time-up') {
        // A freeze still in force outlasted the wait (whoever else was ahead): a last read first.
        if (s.onTable && !s.freezeReads.has('last'))
            return lookFreezes('last');
        return end(freezes.inForce && !rules.overriding
            ? { kind: 'frozen', frozen: freezes.inForce }
            : { kind: 'timeout' });
    }
    // On CloudFormation alone: back to the table as soon as it answers (an unreadable item included).
    if (!s.onTable && s.tableAnswers !== undefined && s.tableAnswers !== 'no')
        return { kind: 'return' };
    if (health.corrupt)
        return end({ kind: 'corrupt', unreadable: health.corrupt });
    if (health.misconfigured)
        return end({ kind: 'misconfigured', error: health.misconfigured });
    if (s.onTable && health.silence !== undefined && health.silence.forMs >= patienceMs(rules, m))
        return { kind: 'fall-back', forMs: health.silence.forMs, reason: health.silence.error };
    if (!s.onTable && s.tableAnswers === undefined)
        return look('table');
    const mine = s.ticket;
    if (!mine) {
        if (s.enqueue === 'lost') {
            if (s.lostNumbers >= MAX_LOST_NUMBERS)
                return unmet(env, 'enqueue', 'seq', 'a queue counter that takes the next number', `one whose condition refused ${s.lostNumbers} numbers in a row`);
            // The first retry after a fixed short pause: runs that lost the same number retry in the
            // order they lost it (arrival order); then backing off, with jitter, up to a poll.
            const lost = s.lostNumbers;
            return {
                kind: 'retry',
                delay: lost === 1
                    ? { fixedMs: rules.headMs }
                    : { attempt: lost - 2, baseMs: rules.pollIntervalMs / 2, capMs: rules.pollIntervalMs },
                then: 'same-poll',
                why: 'lost-number'
            };
        }
        if (s.enqueue === undefined)
            return { kind: 'enqueue' };
        return registryRetry(s, rules);
    }
    const q = s.queue;
    if (!q)
        return s.queueFailed ? registryRetry(s, rules) : look('queue');
    if (s.ticketRemoved)
        return { kind: 'requeue' };
    // A run with override-freeze reads them at every poll: while a freeze holds the others, it
    // passes the frozen tickets ahead of it (they cannot go anyway; the lock has one holder).
    // Each reason to read them tries once per poll (the last read stands for the poll once made).
    const readNow = !s.onTable || freezes.readPoll === s.poll;
    const readFor = (why) => readNow || s.freezeReads.has(why) ? undefined : lookFreezes(why);
    const passing = rules.overriding ? readFor('passing') : undefined;
    if (passing)
        return passing;
    const passFrozen = rules.overriding && readNow && freezes.inForce !== undefined;
    const { ahead, dead } = queueAhead(q, mine, rules.me, s.removals, passFrozen);
    if (dead)
        return { kind: 'remove-dead', ticket: dead };
    const holder = q.holder;
    let stale;
    if (holder) {
        if (q.holderSilent)
            stale = `no heartbeat for ${(0,durations/* formatDuration */.a3)(holder.leaseMs)}`;
        else if (s.runFinished)
            stale = 'its workflow run is no longer in progress';
        else if (rules.canAskRun &&
            !s.runAsked &&
            s.now - (m.runCheckedAt.get(holder.owner) ?? -Infinity) >= RUN_CHECK_MS)
            return look('run');
    }
    const newer = newerRun(q, mine, rules);
    if (newer)
        return end({ kind: 'superseded', by: newer });
    const myTurn = ahead.length === 0 && (!holder || stale !== undefined);
    const arriving = m.position === undefined;
    const heldNow = freezes.inForce !== undefined && !rules.overriding;
    // The freezes are read on arrival, whenever this run may go, and every STACK_CHECK_MS while it
    // waits (a read that failed: not now, so frozen). On CloudFormation alone there is no table to
    // read them from: those last read from it still hold.
    const reading = arriving
        ? readFor('arrival')
        : !myTurn && s.now - freezes.readAtMs >= STACK_CHECK_MS
            ? readFor('waiting')
            : undefined;
    const read = reading ?? (myTurn ? readFor('turn') : undefined);
    if (read)
        return read;
    // override-freeze goes whatever the freezes say, so a read that failed does not hold it.
    const frozen = myTurn && (readNow ? heldNow : !rules.overriding);
    // A run held by a freeze reads the stacks as a waiter does, not at every poll.
    const stacksDue = s.poll === 1 || (myTurn && !frozen) || s.now - s.stacks.readAtMs >= STACK_CHECK_MS;
    if (stacksDue && s.stacks.readPoll !== s.poll)
        return look('stacks');
    const busy = s.stacks.busy;
    if (arriving)
        return {
            kind: 'arrive',
            position: ahead.length + (holder || busy ? 1 : 0),
            holder,
            ahead,
            frozen: readNow && heldNow ? freezes.inForce : undefined
        };
    // Each step is decided on the freezes at the latest instant seen: a window that opened while
    // the stacks were read holds it too; one that closed meanwhile ends the passing of the frozen
    // tickets (they are ahead again).
    if (myTurn && !frozen && !busy && s.acquire === undefined)
        return {
            kind: 'acquire',
            observed: q,
            takeOver: stale && holder ? { from: holder, reason: stale } : undefined
        };
    if (s.acquire === 'lost') {
        // Refused: another run went first (its holding shows in the next read), or the lock's
        // condition cannot be met at all. Either way the next try comes after a pause.
        if (m.lostAcquires >= MAX_LOST_ACQUIRES)
            return unmet(env, 'acquire', 'holder, fence, heartbeat', 'a lock that is free, or held as last read', `one the acquire's condition refused ${m.lostAcquires} times in a row with no holder to show for it`);
        return {
            kind: 'retry',
            delay: { attempt: m.lostAcquires - 1, baseMs: rules.headMs, capMs: rules.pollIntervalMs },
            then: 'next-poll',
            why: 'lost-acquire'
        };
    }
    // First in line behind a live holder: it watches the lock more often (see headPollMs).
    const head = ahead.length === 0 && holder !== undefined && !stale && rules.headMs < rules.pollIntervalMs;
    // Behind others, a freeze set meanwhile is said when the freezes are read again, not only at
    // its turn (on CloudFormation alone: when they would have been read).
    const reread = s.onTable
        ? freezes.readPoll === s.poll
        : s.now - freezes.readAtMs >= STACK_CHECK_MS;
    return {
        kind: 'wait',
        as: head ? 'head' : frozen ? 'frozen' : busy ? 'busy' : 'queue',
        standing: { ticket: mine, ahead, holder, stale },
        held: heldNow && ((myTurn && readNow) || (!myTurn && reread))
    };
}
/** The table gave no usable answer: a pause that backs off (with jitter), then a new poll. */
function registryRetry(s, rules) {
    const capMs = Math.max(rules.pollIntervalMs, Math.min(30_000, rules.me.leaseMs / 3));
    return {
        kind: 'retry',
        delay: { attempt: s.health.failures - 1, baseMs: rules.pollIntervalMs, capMs },
        then: 'next-poll',
        why: 'registry'
    };
}

// EXTERNAL MODULE: ./.tmp/js/coordination/backoff.js
var backoff = __webpack_require__(1715);
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
    /**
     * Reads the freezes (when, is the wait's decision: see FreezeRead): false when the read failed
     * (nothing is known then).
     */
    async read(list, now) {
        const freezes = await list();
        if (!freezes)
            return false;
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

// EXTERNAL MODULE: ./.tmp/js/ports/registry-errors.js
var registry_errors = __webpack_require__(4053);
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
            if (!(err instanceof registry_errors/* RegistryUnavailableError */.i$))
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
;// CONCATENATED MODULE: ./.tmp/js/coordination/turn-health.js


/** The table refusing a request as invalid this many times in a row is an item that defeats it. */
const MAX_REFUSALS = 3; // polls in a row
/**
 * A waiter's calls to the registry, and what they say of its health. Registry trouble fails safe:
 * errors without an answer count toward the fallback (`Health.silence`; throttling is an answer),
 * and after any of them what was seen before proves nothing (`onGap`: liveness is watched afresh).
 * An item that does not decode is an answer, not an outage: it never counts toward the fallback.
 */
class RegistryCalls {
    environment;
    clock;
    log;
    onGap;
    state = { failures: 0 };
    /** Polls in a row in which the table refused a request as invalid (see MAX_REFUSALS). */
    refusals = 0;
    refusedThisPoll = false;
    /** The lock and queue were read once: a configuration failure after that is just trouble. */
    arrived = false;
    constructor(environment, clock, log, onGap) {
        this.environment = environment;
        this.clock = clock;
        this.log = log;
        this.onGap = onGap;
    }
    get health() {
        return { ...this.state };
    }
    /** Refusals count in polls in a row: one poll without any ends the run of them. */
    newPoll() {
        if (!this.refusedThisPoll)
            this.refusals = 0;
        this.refusedThisPoll = false;
    }
    /** Once on CloudFormation alone, the table's silence is no longer counted. */
    fellBack() {
        this.state.unreachableSince = undefined;
        this.state.silence = undefined;
    }
    /** An answer from the table that ends the wait (an item it cannot read). */
    unreadable(item) {
        this.state.corrupt ??= item;
    }
    /** The table cannot be used as configured, whatever the wait has seen. */
    misconfigured(message) {
        this.state.misconfigured ??= message;
    }
    async attempt(fn) {
        const s = this.state;
        s.silence = undefined;
        try {
            const value = await fn();
            s.failures = 0;
            s.unreachableSince = undefined;
            return { ok: true, value };
        }
        catch (err) {
            if (err instanceof registry_errors/* RegistryCorruptError */.zk) {
                s.corrupt ??= err.item;
                return { ok: false };
            }
            if (!(err instanceof registry_errors/* RegistryUnavailableError */.i$))
                throw err;
            if (this.arrived && err.cause?.name === 'ValidationException') {
                // The table answered: this request does not fit the item as it is now (a hand-written
                // attribute of another type). Retried with a pause, then reported, never a fallback.
                if (!this.refusedThisPoll)
                    this.refusals++;
                this.refusedThisPoll = true;
                if (this.refusals >= MAX_REFUSALS)
                    s.corrupt ??= {
                        ...itemOf(this.environment, err.operation),
                        attribute: '',
                        expected: `an item the ${err.operation} can be written to`,
                        found: `one the table refused at ${this.refusals} polls in a row (${err.message})`
                    };
                s.failures++;
                return { ok: false };
            }
            this.refusals = 0;
            s.failures++;
            // What was seen before the gap proves nothing about what happened during it.
            this.onGap();
            if (err.failure === 'configuration' && !this.arrived)
                s.misconfigured ??= err.message;
            else if (err.failure === 'throttled')
                s.unreachableSince = undefined;
            else
                s.unreachableSince ??= this.clock.now();
            if (s.unreachableSince !== undefined)
                s.silence = { forMs: this.clock.now() - s.unreachableSince, error: err.message };
            if (s.failures === 1 || s.failures % 10 === 0)
                this.log.info(`Registry trouble (${err.message}); retrying.`);
            return { ok: false };
        }
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

;// CONCATENATED MODULE: ./.tmp/js/coordination/turn-observer.js






/**
 * A waiting run's eyes: each look reads one thing (the table on CloudFormation alone, the lock and
 * queue, the freezes, the holder's run, the stacks) into what the run has seen. Liveness is
 * judged here, across unbroken observation: after any failed read (`RegistryCalls.onGap`) a
 * holder or ticket must be seen unchanged for a full lease again before it counts as dead.
 */
class TurnObserver {
    deps;
    opts;
    freezes;
    memory;
    calls;
    tracker = new LivenessTracker();
    /** The covered stacks as last read, and what the busy ones are doing. */
    stacks;
    busy = [];
    /** The first busy stacks seen (who, since when, how far). */
    firstBusy;
    /** Nested stacks of the busy stacks' operations that have settled: read once, not every poll. */
    settledNested = new Map();
    warnedDuplicate = false;
    /** What the poll being observed has seen so far. */
    seen;
    constructor(deps, opts, freezes, memory) {
        this.deps = deps;
        this.opts = opts;
        this.freezes = freezes;
        this.memory = memory;
        this.stacks = opts.arrival;
        this.calls = new RegistryCalls(opts.me.environment, deps.clock, deps.log, () => this.gap());
    }
    /**
     * What was seen before a gap proves nothing about what happened during it: liveness is watched
     * afresh, and this poll's verdicts no longer stand (nobody counts as dead until seen unchanged
     * for a full lease again).
     */
    gap() {
        this.tracker = new LivenessTracker();
        const q = this.seen?.queue;
        if (q && this.seen)
            this.seen.queue = { ...q, holderSilent: false, dead: new Set() };
    }
    async look(step, s, polled) {
        const { deps } = this;
        this.seen = s;
        switch (step.at) {
            case 'table':
                // On CloudFormation alone: does the table answer again? An item it cannot read is an answer.
                s.tableAnswers = await deps.registry.lock.view(this.opts.me.environment).then(() => 'yes', (err) => {
                    if (!(err instanceof registry_errors/* RegistryCorruptError */.zk))
                        return 'no';
                    this.calls.unreadable(err.item);
                    return 'corrupt';
                });
                return;
            case 'queue':
                return this.readQueue(s, polled);
            case 'freezes': {
                const read = () => this.calls
                    .attempt(() => this.freezesOf(polled))
                    .then((a) => (a.ok ? a.value : undefined));
                // decide asks once per reason and poll, and only while this poll has not read them.
                s.freezeReads = new Set([...s.freezeReads, step.why]);
                const at = deps.clock.now();
                if (await this.freezes.read(read, at))
                    s.freezes = { ...s.freezes, readPoll: s.poll, readAtMs: at };
                return;
            }
            case 'run': {
                const holder = s.queue?.holder;
                s.runAsked = true;
                if (!holder || !deps.liveness)
                    return;
                this.memory.runCheckedAt.set(holder.owner, s.now);
                s.runFinished = (await deps.liveness.runFinished(holder.run)) === true;
                return;
            }
            case 'stacks': {
                if (s.poll > 1)
                    this.stacks = await deps.reader.describeStacks(this.opts.me.stacks);
                this.busy = this.stacks.some((x) => (0,stack_status/* isInProgress */.LT)(x.status))
                    ? await readActivity(deps.reader, this.stacks, this.settledNested)
                    : [];
                if (this.busy.length > 0)
                    this.firstBusy ??= this.busy;
                s.stacks = { readAtMs: s.now, readPoll: s.poll, busy: this.busy.length > 0 };
                return;
            }
        }
    }
    /** The lock and the queue, with the liveness verdicts of this instant. */
    async readQueue(s, polled) {
        const { me } = this.opts;
        const env = me.environment;
        const read = await this.calls.attempt(() => polled.lock.view(env));
        if (!read.ok) {
            s.queueFailed = true;
            return;
        }
        const view = read.value;
        this.calls.arrived = this.memory.arrived = true;
        const now = this.deps.clock.now();
        const lockHolder = view.lock.holder;
        const holder = lockHolder && !sameOwner(lockHolder.owner, me.owner) ? lockHolder : undefined;
        const twin = this.warnedDuplicate ? undefined : duplicateOf(me, holder, view.tickets);
        if (twin) {
            this.warnedDuplicate = true;
            this.deps.log.warning(`The correlation ID ${me.correlationId} is already used by another run in ${env} (${twin.run.runUrl ?? 'no run link'}). Correlation IDs should be unique per run: logs, records and Slack threads of the two runs will mix. This run queues like any other.`, { title: 'Correlation ID not unique' });
        }
        if (holder && !this.memory.waitedFor.has(holder.fence))
            this.memory.waitedFor.set(holder.fence, holder);
        const tracker = this.tracker;
        const silent = (key, t) => tracker.isDead(key, t.heartbeat, t.leaseMs, now);
        s.queue = {
            ...view,
            holder,
            holderSilent: holder !== undefined && silent(`lock#${holder.fence}`, holder),
            dead: new Set(view.tickets
                .filter((t) => !sameOwner(t.owner, me.owner) && silent(`ticket#${t.seq}`, t))
                .map((t) => t.seq))
        };
    }
    /** The freezes; one that could hold this environment but does not decode is an answer too. */
    async freezesOf(from) {
        try {
            const { items, unreadable } = await from.freezes.list();
            const mine = unreadable.find((u) => (0,registry_errors/* concerns */.Kc)(u, this.opts.me.environment));
            if (mine)
                throw new registry_errors/* RegistryCorruptError */.zk(mine);
            return items;
        }
        catch (err) {
            // A table whose freezes this role may not read is misconfigured, not busy.
            if (err instanceof registry_errors/* RegistryUnavailableError */.i$ && err.failure === 'configuration')
                this.calls.misconfigured(`the deploy freezes could not be read (${err.message}): the role needs dynamodb:Query on the table's FREEZES partition`);
            throw err;
        }
    }
}

;// CONCATENATED MODULE: ./.tmp/js/coordination/turn-pause.js
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
/** A waiter's pauses, bounded by its wait-timeout-minutes and its cancellation. */
class TurnPause {
    deps;
    opts;
    started;
    arrived;
    headMs;
    constructor(deps, opts, started, 
    /** The run has read the lock and queue once. */
    arrived) {
        this.deps = deps;
        this.opts = opts;
        this.started = started;
        this.arrived = arrived;
        this.headMs = headPollMs(opts.pollIntervalMs);
    }
    /** Sleeps up to `ms`: whether that ended the wait (time is up or the run was cancelled). */
    async pause(ms) {
        const { opts, deps } = this;
        // Registry trouble on arrival is not another deployment: a run that does not wait
        // (wait-timeout-minutes 0) still gives the table a lease to answer, then falls back.
        const limit = this.arrived() ? opts.timeoutMs : Math.max(opts.timeoutMs, opts.me.leaseMs + 1);
        const left = limit - (deps.clock.now() - this.started);
        if (!opts.signal?.aborted && left > 0)
            await deps.sleep(Math.min(ms, left), opts.signal);
        if (opts.signal?.aborted)
            return 'cancelled';
        return left <= 0 ? 'time-up' : undefined;
    }
    /**
     * Between polls, for the first in line: the lock alone (one GetItem, `readLock`) every
     * `headMs`, until the next poll is due or the lock is no longer `watched` (released, or another
     * acquisition): then the full read, which alone decides whether this run may go.
     */
    async head(watched, readLock) {
        const { clock } = this.deps;
        const due = clock.now() + this.opts.pollIntervalMs;
        for (;;) {
            const left = due - clock.now();
            if (left <= 0)
                return undefined;
            const nap = this.headMs * (1 - HEAD_POLL_JITTER * Math.random());
            const over = await this.pause(Math.min(left, nap));
            if (over || clock.now() >= due)
                return over;
            // A failed read is a gap like any other (liveness is watched afresh); the full read retries.
            const lock = await readLock();
            if (!lock?.holder || lock.fence !== watched.fence || lock.holder.owner !== watched.owner)
                return undefined;
        }
    }
}

;// CONCATENATED MODULE: ./.tmp/js/coordination/turn-ending.js

/** How long an acquired run still waits for its 'queued' notice to go out. */
const ARRIVAL_NOTICE_GRACE_MS = 2_000;
/** Ends the wait as decided. */
function endWait(w, ending) {
    switch (ending.kind) {
        case 'frozen':
            // Time is up: a freeze still in force outlasted the wait (whoever else was ahead).
            return finishWait(w, 'frozen', {
                freeze: { heldBy: w.freezes.heldBy ?? ending.frozen, endedBy: ending.frozen }
            });
        case 'superseded': {
            const { by } = ending;
            w.deps.log.info(`A newer run for ${w.opts.me.run.ref} is queued behind this one (${by.correlationId}, ${by.run.runUrl ?? 'no run link'}): skipping this older deployment.`);
            return finishWait(w, 'superseded', { supersededBy: by });
        }
        case 'misconfigured':
            return finishWait(w, 'misconfigured', { registryError: ending.error });
        case 'corrupt':
            return finishWait(w, 'corrupt', { unreadable: ending.unreadable });
        default:
            return finishWait(w, ending.kind);
    }
}
async function finishWait(w, kind, extra = {}) {
    const { deps } = w;
    const env = w.opts.me.environment;
    const t = await w.keeper.drop();
    try {
        if (t)
            await w.registry.lock.removeTicket(env, t.seq);
        if (t && t.seq > 0)
            deps.log.info(`Removed this run's queue ticket #${t.seq}.`);
    }
    catch (err) {
        // finalize tries again (the ticket is in state); else it expires as dead after a lease.
        if (!(err instanceof registry_errors/* RegistryUnavailableError */.i$))
            throw err;
        deps.log.info(`Could not remove this run's queue ticket #${t?.seq} (${err.message}).`);
    }
    const waitedMs = deps.clock.now() - w.started;
    // The 'queued' notice is moot once the lock is held: a slow Slack must not hold up the deployment.
    if (kind === 'acquired') {
        const grace = new AbortController();
        await Promise.race([w.arrivalNotice, deps.sleep(ARRIVAL_NOTICE_GRACE_MS, grace.signal)]);
        grace.abort();
    }
    else
        await w.arrivalNotice;
    return {
        kind,
        registry: w.registry,
        fallbackReason: w.fallbackReason,
        waitedMs,
        queuePosition: w.memory.position ?? 0,
        stacks: w.eyes.stacks,
        busy: w.eyes.firstBusy ?? [],
        waitedFor: [...w.memory.waitedFor.values()],
        freeze: { heldBy: w.freezes.heldBy, overridden: w.freezes.overridden },
        ...extra
    };
}

;// CONCATENATED MODULE: ./.tmp/js/coordination/turn-waiter.js








/** A waiting run's hands: it performs each step decided, and keeps what was seen up to date. */
class Waiter {
    deps;
    opts;
    rules;
    memory = {
        arrived: false,
        lostAcquires: 0,
        runCheckedAt: new Map(),
        waitedFor: new Map()
    };
    keeper;
    env;
    started;
    registry;
    fallbackReason;
    freezes;
    eyes;
    pauses;
    s;
    seenEvents = new Map();
    arrivalNotice;
    saidHead = false;
    constructor(deps, opts) {
        this.deps = deps;
        this.opts = opts;
        const { me } = opts;
        this.env = me.environment;
        this.started = deps.clock.now();
        this.registry = deps.registry;
        this.rules = {
            me,
            pollIntervalMs: opts.pollIntervalMs,
            headMs: headPollMs(opts.pollIntervalMs),
            overriding: opts.overrideFreeze !== undefined,
            skipSuperseded: opts.skipSuperseded,
            canAskRun: deps.liveness !== undefined
        };
        this.freezes = new FreezeWatch(this.env, deps.log, opts.overrideFreeze, (f) => this.frozen(f));
        this.eyes = new TurnObserver(deps, opts, this.freezes, this.memory);
        this.pauses = new TurnPause(deps, opts, this.started, () => this.memory.arrived);
        this.keeper = this.newKeeper();
        this.s = this.poll(1, {
            freezes: { readAtMs: -Infinity, readPoll: 0 },
            stacks: { readAtMs: this.started, readPoll: 0, busy: false }
        });
    }
    get sight() {
        return { ...this.s, health: this.eyes.calls.health };
    }
    /** Performs one step: the wait's outcome when the step ends it. */
    async perform(step) {
        const { s, deps } = this;
        const calls = this.eyes.calls;
        switch (step.kind) {
            case 'end':
                return endWait(this, step.ending);
            case 'acquire': {
                const acquired = await this.acquire(step);
                if (acquired)
                    return acquired;
                break;
            }
            case 'look':
                await this.eyes.look(step, s, this.registry);
                if (step.at === 'queue')
                    s.ticketRemoved = this.keeper.removed;
                break;
            case 'fall-back':
                this.fallbackReason = step.reason;
                calls.fellBack();
                void this.keeper.drop();
                this.registry = deps.fallback();
                this.keeper = this.newKeeper();
                deps.log.warning(`The registry has not answered for ${(0,durations/* formatDuration */.a3)(step.forMs)}, longer than a lease (${this.fallbackReason}). Falling back to CloudFormation-only coordination: no queue order, but a stack in progress still holds this run back.`, { title: 'Registry unavailable' });
                this.s = this.poll(s.poll + 1, s);
                break;
            case 'return':
                // Back to the registry as soon as it answers again: CloudFormation alone is the last resort.
                if (s.tableAnswers === 'yes')
                    deps.log.info('The registry answers again: coordinating through it again (queuing anew).');
                await this.keeper.drop();
                this.registry = deps.registry;
                this.keeper = this.newKeeper();
                this.fallbackReason = undefined;
                this.eyes.gap();
                Object.assign(s, { onTable: true, tableAnswers: undefined, ticket: undefined });
                break;
            case 'enqueue':
                await this.enqueue();
                break;
            case 'requeue':
                // Someone judged this waiter dead and removed its ticket: queue again, at the back.
                deps.log.warning("This run's queue ticket was removed as dead (no heartbeat within lease-minutes); queuing again.");
                await this.keeper.drop();
                this.s = this.poll(s.poll + 1, s);
                break;
            case 'remove-dead': {
                const t = step.ticket;
                const polled = this.registry;
                const done = await calls.attempt(() => polled.lock.removeDeadTicket(this.env, t));
                const removed = done.ok && done.value;
                if (removed)
                    deps.log.warning(`Removed the dead ticket #${t.seq} of ${t.correlationId} (no heartbeat for ${(0,durations/* formatDuration */.a3)(t.leaseMs)}).`);
                s.removals = new Map([...s.removals, [t.seq, removed]]);
                break;
            }
            case 'arrive':
                // Said in the log on arrival, whoever is ahead (and told in the arrival notice).
                if (step.frozen)
                    this.freezes.holds(s.now);
                this.memory.position = step.position;
                // Told in the background: a slow Slack never holds up the wait.
                this.arrivalNotice = this.opts
                    .onArrival?.({
                    registry: this.registry,
                    position: step.position,
                    holder: step.holder,
                    ahead: step.ahead,
                    busy: this.eyes.busy,
                    frozen: step.frozen
                })
                    .catch((err) => deps.log.warning(`Arrival notice failed: ${err.message}`));
                break;
            case 'retry': {
                if (step.why === 'lost-acquire')
                    deps.log.info('Another run took the lock first; waiting again.');
                const d = step.delay;
                const ms = 'fixedMs' in d ? d.fixedMs : (0,backoff/* backoffMs */.j)(d.attempt, d.baseMs, d.capMs);
                s.over = await this.pauses.pause(ms);
                if (!s.over)
                    this.s =
                        step.then === 'same-poll' ? { ...s, enqueue: undefined } : this.poll(s.poll + 1, s);
                break;
            }
            case 'wait':
                await this.wait(step);
                break;
        }
        // What is seen next is seen now: a freeze window may have opened or closed meanwhile.
        this.s.now = deps.clock.now();
        this.freezes.at(this.s.now);
        this.s.freezes = { ...this.s.freezes, inForce: this.freezes.current };
        return undefined;
    }
    /** A new poll: what was read of the freezes and the stacks carries over, nothing else. */
    poll(n, from) {
        this.eyes.calls.newPoll();
        return {
            poll: n,
            now: this.deps.clock.now(),
            onTable: this.registry === this.deps.registry,
            ticket: this.keeper.current,
            lostNumbers: 0,
            queueFailed: false,
            ticketRemoved: false,
            removals: new Map(),
            runAsked: false,
            freezeReads: new Set(),
            freezes: from.freezes,
            stacks: from.stacks
        };
    }
    newKeeper() {
        const { me } = this.opts;
        // Throttled: the holder's silence proves nothing, so its liveness is watched afresh.
        return new TicketKeeper(this.registry.lock, this.env, this.deps.sleep, me.leaseMs / 3, () => this.eyes.gap());
    }
    /** A freeze held this run back for the first time since its arrival was told. */
    frozen(frozen) {
        // Before the arrival is told, the arrival notice says it (one 'queued' message, not two).
        const onFrozen = this.opts.onFrozen;
        if (this.memory.position === undefined || !onFrozen)
            return;
        // Told in the background, after the arrival notice: it updates the message that one posted.
        this.arrivalNotice = Promise.resolve(this.arrivalNotice)
            .then(() => onFrozen(frozen))
            .catch((err) => this.deps.log.warning(`Freeze notice failed: ${err.message}`));
    }
    async enqueue() {
        const { s, opts } = this;
        const polled = this.registry;
        const queued = await this.eyes.calls.attempt(() => polled.lock.enqueue(opts.me));
        if (!queued.ok || !queued.value) {
            // Refused: another run took that number (its ticket shows), or the queue's condition
            // cannot be met at all. Either way the next try comes after a pause, within this poll.
            s.enqueue = queued.ok ? 'lost' : 'failed';
            if (queued.ok)
                s.lostNumbers++;
            return;
        }
        const ticket = queued.value;
        this.keeper.keep(ticket);
        s.ticket = ticket;
        // Ticket 0 is CloudFormation's own (no table): nothing to remove later, nothing to say.
        if (ticket.seq === 0)
            return;
        opts.onQueued?.(ticket);
        this.deps.log.info(`Queued with ticket #${ticket.seq} for ${this.env}${ticket.priority === 'high' ? ' (priority high)' : ''}.`);
    }
    async acquire(step) {
        const { takeOver, observed } = step;
        if (takeOver)
            this.deps.log.warning(`Taking over the lock of ${takeOver.from.correlationId} (${takeOver.from.run.runUrl ?? 'no run link'}): ${takeOver.reason}.`, { title: 'Stale lock taken over' });
        const polled = this.registry;
        const sentAt = this.deps.clock.now();
        const got = await this.eyes.calls.attempt(() => polled.lock.acquire(this.opts.me, observed.lock));
        if (got.ok && got.value) {
            // The lease is on the registry that granted the lock (the one this poll read).
            this.opts.onAcquired?.(got.value, polled, sentAt);
            return finishWait(this, 'acquired', {
                registry: polled,
                holder: got.value,
                lockBefore: observed.lock,
                tookOver: takeOver
            });
        }
        if (got.ok)
            this.memory.lostAcquires++;
        this.s.acquire = got.ok ? 'lost' : 'failed';
        return undefined;
    }
    async wait(step) {
        const { standing } = step;
        const { holder } = standing;
        const { deps, opts, s } = this;
        if (holder && !standing.stale)
            this.memory.lostAcquires = 0;
        if (step.held)
            this.freezes.holds(s.now);
        const now = deps.clock.now();
        const report = pollReport(s.poll, now - this.started, opts, standing, this.memory.position ?? 0);
        deps.log.info(report + this.freezes.note(now));
        logActivity(deps.log, this.eyes.busy, this.seenEvents, now, opts);
        if (step.as === 'head' && holder && !this.saidHead) {
            this.saidHead = true;
            deps.log.info(`First in line: reading the lock every ${(0,durations/* formatDuration */.a3)(this.rules.headMs)} until ${holder.correlationId} releases it (the whole queue every ${(0,durations/* formatDuration */.a3)(opts.pollIntervalMs)}).`);
        }
        const polled = this.registry;
        const readLock = () => this.eyes.calls
            .attempt(() => polled.lock.readLock(this.env))
            .then((read) => (read.ok ? read.value : undefined));
        s.over =
            step.as === 'head' && holder
                ? await this.pauses.head(holder, readLock)
                : await this.pauses.pause(opts.pollIntervalMs);
        if (!s.over)
            this.s = this.poll(s.poll + 1, s);
    }
}

;// CONCATENATED MODULE: ./.tmp/js/coordination/wait-for-turn.js




/**
 * Waits for this run's turn: first live ticket, the lock free or stale, no freeze in force and no
 * covered stack in progress in CloudFormation. Observe, decide, act: the run looks at what the
 * decision asks for (turn-observer.ts), `decide` (turn-decision.ts, no I/O) picks the next step,
 * and this loop performs it, until a step ends the wait.
 *
 * Registry trouble fails safe. Throttling and errors without an answer are retried (the SDK's
 * retries, then backoff with jitter); only a registry that has not answered for longer than a
 * lease moves the run to CloudFormation-only coordination, since by then any holder has either
 * started its stack operation (which CloudFormation shows) or lost its lease. A table that cannot
 * be used as configured (missing, denied) on arrival ends the wait as `misconfigured`; an item
 * that does not decode ends it as `corrupt`.
 *
 * The first in line behind a live holder also reads the lock alone between its polls
 * (`headPollMs`), so a release is seen within one such read; what it may do is still decided by
 * the full read alone (FIFO, staleness, stacks), and only then does it try to acquire.
 */
async function waitForTurn(deps, opts) {
    const waiter = new Waiter(deps, opts);
    try {
        for (;;) {
            const outcome = await waiter.perform(decide(waiter.sight, waiter.memory, waiter.rules));
            if (outcome)
                return outcome;
        }
    }
    finally {
        // Whatever ended the wait (an error included), the ticket's heartbeat ends with it.
        await waiter.keeper.stop();
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
