export const id = 806;
export const ids = [806];
export const modules = {

/***/ 8843:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ monitorHolds),
/* harmony export */   O: () => (/* binding */ launchMonitor)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7101);
/* harmony import */ var _secret_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4720);
/* harmony import */ var _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1623);





/**
 * Starts the monitor as a detached process whose output goes to a file, never
 * to the step's pipes (the step would wait for them to close), hands it the Slack token on its
 * stdin, and lets go of it.
 */
function launchMonitor(bundle, dir, settings, env = _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__/* .processEnv */ .H, 
/** The Slack token, handed over on the monitor's stdin. */
secret) {
    const file = (0,_files_js__WEBPACK_IMPORTED_MODULE_2__/* .writeSettings */ .Ln)(dir, settings);
    const files = (0,_files_js__WEBPACK_IMPORTED_MODULE_2__/* .monitorFiles */ .Sy)(dir);
    const logOffset = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(files.log) ? (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(files.log).size : 0;
    const out = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(files.log, 'a', 0o600);
    try {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(process.execPath, [bundle, file], {
            detached: true,
            stdio: ['pipe', out, out],
            env,
            cwd: dir
        });
        (0,_secret_js__WEBPACK_IMPORTED_MODULE_4__/* .handSecret */ .I)(child.stdin, secret);
        child.unref();
        if (!child.pid)
            throw new Error('the monitor process did not start');
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(files.pid, String(child.pid), { mode: 0o600 });
        return { pid: child.pid, dir, log: files.log, logOffset };
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(out);
    }
}
/**
 * Waits until the monitor has landed its first heartbeat (it then holds the lease), or found the
 * lock gone, or `timeoutMs` passed; reads its observations (`observed`) every 50 ms.
 */
async function monitorHolds(observed, clock, sleep, timeoutMs) {
    const until = clock.now() + timeoutMs;
    for (;;) {
        for (const o of observed()) {
            if (o['type'] === 'heartbeat')
                return o['ok'] === true ? 'holding' : 'lost';
            if (o['type'] === 'lock-lost')
                return 'lost';
        }
        if (clock.now() >= until)
            return 'timeout';
        await sleep(Math.min(50, until - clock.now()));
    }
}


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

/***/ 8806:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  coordinate: () => (/* binding */ coordinate),
  main: () => (/* binding */ main),
  publish: () => (/* reexport */ publish)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./.tmp/js/config/state.js
var state = __webpack_require__(4131);
// EXTERNAL MODULE: ./.tmp/js/coordination/wait-for-turn.js + 12 modules
var wait_for_turn = __webpack_require__(6688);
// EXTERNAL MODULE: ./.tmp/js/monitor/files.js
var files = __webpack_require__(7101);
// EXTERNAL MODULE: ./.tmp/js/monitor/launch.js
var launch = __webpack_require__(8843);
// EXTERNAL MODULE: ./.tmp/js/monitor/stop.js
var stop = __webpack_require__(112);
// EXTERNAL MODULE: ./.tmp/js/notify/thread.js
var notify_thread = __webpack_require__(9617);
// EXTERNAL MODULE: ./.tmp/js/runtime/clients.js + 1 modules
var clients = __webpack_require__(5366);
// EXTERNAL MODULE: ./.tmp/js/runtime/github.js
var github = __webpack_require__(2558);
// EXTERNAL MODULE: ./.tmp/js/runtime/run-context.js
var run_context = __webpack_require__(6335);
// EXTERNAL MODULE: ./.tmp/js/runtime/stage.js
var stage = __webpack_require__(1130);
// EXTERNAL MODULE: ./.tmp/js/domain/freeze.js
var freeze = __webpack_require__(9785);
// EXTERNAL MODULE: ./.tmp/js/coordination/report-findings.js
var report_findings = __webpack_require__(9032);
// EXTERNAL MODULE: ./.tmp/js/domain/activity.js
var activity = __webpack_require__(679);
// EXTERNAL MODULE: ./.tmp/js/domain/durations.js
var durations = __webpack_require__(1265);
// EXTERNAL MODULE: ./.tmp/js/domain/findings.js
var domain_findings = __webpack_require__(8336);
// EXTERNAL MODULE: ./.tmp/js/notify/messages.js + 2 modules
var messages = __webpack_require__(3156);
// EXTERNAL MODULE: ./.tmp/js/stages/deps.js
var deps = __webpack_require__(6985);
// EXTERNAL MODULE: ./.tmp/js/config/config.js + 2 modules
var config_config = __webpack_require__(9358);
// EXTERNAL MODULE: ./.tmp/js/domain/expectation.js
var expectation = __webpack_require__(9338);
// EXTERNAL MODULE: ./.tmp/js/domain/past-operations.js
var past_operations = __webpack_require__(813);
// EXTERNAL MODULE: ./.tmp/js/ports/registry-errors.js
var registry_errors = __webpack_require__(4053);
;// CONCATENATED MODULE: ./.tmp/js/stages/coordinate/estimate.js





/** How many of the newest history entries an estimate looks at. */
const HISTORY_SAMPLE = 50;
/** At most this many learned entries per stack are kept (the newest). */
const LEARNED_PER_STACK = 20;
/**
 * The estimate (see `expectation`): expected-duration-minutes, else the history. Stacks the history
 * cannot estimate are looked up in CloudFormation's event history (when the history could be read
 * at all); what their past operations took is returned as `learned`, for `storeLearned` to keep
 * once the run has its place in the queue. Nothing is written here: arriving stays a few reads.
 * `known`: the history this run read before (kept where the history now reads nothing).
 */
async function estimate(d, history, known) {
    const { config } = d;
    const read = await history.recent(config.environment, HISTORY_SAMPLE).catch(() => undefined);
    // Said once, on arrival (`known` is what the arrival read: its turn reads the history again).
    if (read?.unreadable.length && !known)
        warnUnreadableHistory(d, read.unreadable);
    const recent = read?.items;
    let entries = merged(recent ?? [], known ?? []);
    let learned = [];
    if (config.expectedDurationMs === undefined && recent !== undefined) {
        const unknown = config.stackNames.filter((s) => !(0,expectation/* historyEstimate */.J)(entries, [s]));
        if (!(0,expectation/* historyEstimate */.J)(entries, config.stackNames) && unknown.length > 0) {
            const found = await Promise.all(unknown.map((s) => readPastOperations(d, s)));
            learned = found.flatMap((ops) => ops.slice(-LEARNED_PER_STACK).map((op) => historyEntry(config.environment, op)));
            entries = merged(entries, learned);
        }
    }
    const expected = (0,expectation/* expectation */.p)(config, (0,expectation/* historyEstimate */.J)(entries, config.stackNames), config_config/* DEFAULT_EXPECTED_DURATION_MS */.PP);
    return { expected, history: entries, learned };
}
/** Unreadable history items are left out of the estimate, with one warning that names them. */
function warnUnreadableHistory(d, unreadable) {
    const [first] = unreadable;
    const more = unreadable.length > 1 ? ` (and ${unreadable.length - 1} more)` : '';
    d.log.warning(`History item ${(0,registry_errors/* describeUnreadable */.D2)(first)}${more}: left out of the estimate. List and repair: ${registry_errors/* REPAIR_COMMAND */.wE} --registry-table ${d.config.registryTable ?? 'TABLE'}`, { title: 'Unreadable history' });
}
/**
 * Keeps what was learned from CloudFormation in the history, so later runs read the events no more:
 * after the run has its place in the queue, one write at a time, stopping at the first that fails.
 */
async function storeLearned(d, history, learned) {
    for (const entry of learned) {
        try {
            await history.add(entry);
        }
        catch (err) {
            d.log.warning(`Could not keep what CloudFormation's event history says in the history (${err.message}): a later run reads it again.`, { title: 'History not written' });
            return;
        }
    }
}
/** A stack's successful past operations in its event history; none when it cannot be read. */
async function readPastOperations(d, stack) {
    try {
        const ops = (0,past_operations/* pastOperations */.pP)(stack, await d.reader.pastEvents(stack));
        const ok = ops.filter((op) => op.succeeded);
        const others = ops.length - ok.length;
        d.log.info(`No history to estimate ${stack} from: its event history in CloudFormation holds ${ok.length} successful past operation${ok.length === 1 ? '' : 's'}${others > 0 ? ` (and ${others} rolled back or failed, not counted)` : ''}.`);
        return ok;
    }
    catch (err) {
        d.log.warning(`Could not read the past events of ${stack} for the estimate: ${err.message}`, { title: 'Event history not read' });
        return [];
    }
}
function historyEntry(environment, op) {
    return {
        correlationId: (0,past_operations/* pastOperationId */.$2)(op),
        environment,
        stacks: [op.stack],
        outcome: 'succeeded',
        startedAt: op.startedAt.toISOString(),
        endedAt: op.endedAt.toISOString(),
        durationMs: (0,past_operations/* durationMs */.pc)(op),
        resourceTypeSeconds: op.resourceTypeSeconds
    };
}
/** Both lists as one history, each entry once, newest first (as the history reads). */
function merged(a, b) {
    const byId = new Map([...a, ...b].map((e) => [e.correlationId, e]));
    return [...byId.values()].sort((x, y) => y.endedAt.localeCompare(x.endedAt));
}
/**
 * The estimate made anew when this run's turn comes: the history may have grown while it waited
 * (the deployment it waited for has just finished and been recorded). A run that found nobody
 * ahead of it keeps the estimate it arrived with.
 */
async function estimateAtTurn(d, arrival, turn) {
    // Nobody was ahead (no holder, no busy stack): nothing can have finished since it arrived.
    if (turn.queuePosition === 0 && turn.waitedFor.length === 0 && turn.busy.length === 0)
        return arrival;
    const { expected, history } = await estimate(d, turn.registry.history, arrival.history);
    const before = arrival.expected.estimate;
    const now = expected.estimate;
    if (now.expectedMs !== before.expectedMs || now.basis !== before.basis)
        d.log.info(`Estimate at this run's turn: ${(0,durations/* formatDuration */.a3)(now.expectedMs)} (${now.basis}).`);
    return { ...arrival, expected, history, info: { ...arrival.info, estimate: now } };
}

;// CONCATENATED MODULE: ./.tmp/js/stages/coordinate/freeze.js



/** A freeze as the Slack messages show it. */
const freezeDetails = (f) => ({
    until: new Date(f.until),
    reasons: f.windows.map((w) => w.freeze.reason),
    ...(f.openEnded ? { openEnded: true } : {})
});
/** The freeze this run met, for the summary: overridden, outlasted its wait, or waited through. */
function freezeNote(d, turn) {
    const { overridden, endedBy, heldBy } = turn.freeze ?? {};
    const f = overridden ?? endedBy ?? heldBy;
    if (!f)
        return undefined;
    const text = (0,freeze/* describeFrozen */.Gb)(f, d.config.environment, d.clock.now());
    if (overridden)
        return { text, override: d.config.overrideFreeze };
    return endedBy ? { text, outlasted: true } : { text };
}
/** Break glass: the override in the log (a warning) and on the record, the moment the lock is held. */
async function recordOverride(d, turn) {
    const f = turn.freeze?.overridden;
    const reason = d.config.overrideFreeze;
    if (!f || !reason)
        return;
    const text = (0,freeze/* describeFrozen */.Gb)(f, d.config.environment, d.clock.now());
    d.log.warning(`Freeze overridden (override-freeze: ${reason}): ${text}.`, {
        title: 'Freeze overridden'
    });
    await (0,deps/* record */.g1)(d, turn.registry, 'freeze-overridden', `${reason}; ${text}`);
}
/** The override announced in the deployment's thread, broadcast to the channel. */
async function announceOverride(d, arrival, turn, thread) {
    const f = turn.freeze?.overridden;
    const reason = d.config.overrideFreeze;
    const slack = (0,deps/* statusChannel */.i7)(d);
    if (!f || !reason || !slack)
        return;
    const message = (0,messages/* freezeOverrideMessage */.hQ)(arrival.info, { ...freezeDetails(f), override: reason });
    await slack.notifier.post('freeze override', thread?.channel ?? slack.channel, message, thread ? { ts: thread.ts, broadcast: true } : undefined);
}

;// CONCATENATED MODULE: ./.tmp/js/stages/coordinate/arrive.js












/** Who this run is (its participant, run and owner token), the stacks as they are, and the estimate. */
async function arrive(d) {
    const { config, log, reader } = d;
    const { expected, history, learned } = await estimate(d, d.registry.history);
    const me = {
        correlationId: log.correlationId,
        owner: d.owner,
        environment: config.environment,
        stacks: config.stackNames,
        run: d.run,
        leaseMs: config.leaseMs,
        priority: config.priority,
        overridesFreeze: config.overrideFreeze !== undefined
    };
    const stacks = await reader.describeStacks(config.stackNames);
    log.info(`Stacks on arrival: ${(0,deps/* statuses */.bM)(stacks)}`);
    log.info(`Estimate: ${(0,durations/* formatDuration */.a3)(expected.estimate.expectedMs)} (${expected.estimate.basis}).`);
    const info = (0,notify_thread/* deploymentInfo */.qx)(config, log.correlationId, me.run, expected.estimate, stacks[0] ? reader.consoleUrl(stacks[0]) : undefined, d.commit);
    (0,report_findings/* reportFindings */.L)(log, (0,domain_findings/* activeDeploymentFindings */.mh)(stacks), false);
    return { me, stacks, info, expected, history, learned };
}
/**
 * How this run waits: its inputs, and what it says on arrival (the Slack 'queued' notice, only
 * for a run that waits, and the record's 'queued' transition, with who is ahead).
 */
function turnOptions(d, arrival, onAcquired, signal, notices = {}) {
    const { config, log } = d;
    const { expectedMs, basis } = arrival.expected.estimate;
    /** What the 'queued' notice said, for a freeze that holds the run back later. */
    let told;
    let arrivalPosted = false;
    return {
        me: arrival.me,
        arrival: arrival.stacks,
        timeoutMs: config.waitTimeoutMs,
        pollIntervalMs: config.pollIntervalMs,
        expectedMs,
        estimateBasis: basis,
        skipSuperseded: config.skipSuperseded,
        signal,
        onQueued: (ticket) => d.io.saveState(state/* State */.Uw.TicketSeq, String(ticket.seq)),
        onAcquired,
        overrideFreeze: config.overrideFreeze,
        onArrival: async ({ registry, position, holder, ahead, busy, frozen }) => {
            const since = holder ? new Date(holder.acquiredAt) : busy[0]?.startedAt;
            const elapsedMs = since ? d.clock.now() - since.getTime() : undefined;
            told = {
                activeCorrelationId: holder?.correlationId ?? (busy[0] ? (0,activity/* activeCorrelationId */.S6)(busy[0].stack) : undefined),
                activeSince: since,
                elapsedMs,
                remainingMs: elapsedMs === undefined ? undefined : Math.max(0, expectedMs - elapsedMs),
                position,
                holderRunUrl: holder?.run.runUrl,
                priority: config.priority,
                freeze: frozen && freezeDetails(frozen)
            };
            // A run that does not wait says so when it ends (notDeployingMessage), never 'queued'.
            if ((position > 0 || frozen) && config.waitTimeoutMs > 0 && d.notifier && config.slack) {
                arrivalPosted = true;
                notices.queued = await d.notifier.post('queued', config.slack.channel, (0,messages/* queuedMessage */.PO)(arrival.info, told));
            }
            const note = [
                `position ${position}`,
                ...(config.priority !== 'normal' ? [`priority ${config.priority}`] : []),
                ...(frozen
                    ? [
                        `frozen ${(0,freeze/* untilIso */.Ci)(frozen)} (${frozen.windows.map((w) => w.freeze.reason).join(', ')})`
                    ]
                    : []),
                holder ? `lock held by ${(0,wait_for_turn/* describeHolder */.sG)(holder)}` : 'lock free',
                ...(ahead.length > 0 ? [`ahead: ${ahead.map((t) => t.correlationId).join(', ')}`] : [])
            ].join('; ');
            await (0,deps/* safely */.vm)(log, () => registry.records.putRecord({
                correlationId: log.correlationId,
                environment: config.environment,
                stacks: config.stackNames,
                run: arrival.me.run,
                priority: config.priority
            }, { state: 'queued', at: new Date(d.clock.now()).toISOString(), note }));
            // Its place in the queue is taken (and told): what CloudFormation's event history taught
            // the estimate is kept now, so later runs read it from the history.
            await storeLearned(d, registry.history, arrival.learned);
        },
        onFrozen: async (frozen) => {
            // A freeze that came after the arrival: the 'queued' notice says so (in place, if posted).
            if (!d.notifier || !config.slack || config.waitTimeoutMs === 0)
                return;
            const message = (0,messages/* queuedMessage */.PO)(arrival.info, {
                ...(told ?? { position: 0 }),
                freeze: freezeDetails(frozen)
            });
            if (notices.queued)
                await d.notifier.update('queued', notices.queued, message);
            // Posted on arrival but not delivered (spooled, sent later as it was): no second one.
            else if (!arrivalPosted)
                notices.queued = await d.notifier.post('queued', config.slack.channel, message);
        }
    };
}

// EXTERNAL MODULE: ./.tmp/js/stages/answered.js
var answered = __webpack_require__(8755);
// EXTERNAL MODULE: ./.tmp/js/domain/estimate.js
var domain_estimate = __webpack_require__(4280);
// EXTERNAL MODULE: ./.tmp/js/domain/stack-status.js
var stack_status = __webpack_require__(6235);
// EXTERNAL MODULE: ./.tmp/js/domain/turn-result.js
var turn_result = __webpack_require__(8223);
// EXTERNAL MODULE: ./.tmp/js/stages/holder.js
var stages_holder = __webpack_require__(1281);
;// CONCATENATED MODULE: ./.tmp/js/stages/coordinate/hand-over.js











/** Slack 'started' (the thread) and the GitHub Deployment, under the lease. */
async function announce(d, arrival, turn) {
    const { config, log } = d;
    const startedAt = new Date(turn.holder.acquiredAt);
    const thread = d.notifier && config.slack
        ? await d.notifier.post(notify_thread/* THREAD_PARENT */["in"], config.slack.channel, (0,messages/* startedMessage */.VS)(arrival.info, { state: 'deploying', startedAt }))
        : undefined;
    if (thread) {
        d.io.saveState(state/* State */.Uw.SlackThread, (0,notify_thread/* formatThread */.WB)(thread));
        d.recordThread?.((0,notify_thread/* formatThread */.WB)(thread));
    }
    const deploymentId = await d.deployments?.create(config.environment, log.correlationId);
    if (deploymentId !== undefined) {
        d.io.saveState(state/* State */.Uw.DeploymentId, String(deploymentId));
        d.recordDeployment?.(deploymentId);
        const set = await d.deployments?.status(deploymentId, 'in_progress', `Deploying ${config.stackNames.join(', ')} (${log.correlationId})`);
        if (set)
            log.info(`GitHub Deployment ${deploymentId} is in progress.`);
    }
    return thread;
}
/**
 * Starts the monitor and hands it the lease: this process heartbeats until the monitor's first
 * heartbeat has landed (at most a lease), so the lock is never without a heartbeat in between.
 * True when the deploy step may start: on a lease known to be current, with the stacks still clear;
 * the unreadable item a table that answers again gave instead of its lock (not deploying either).
 */
async function handOver(d, arrival, turn, thread, lease, 
/** When this deployment's own stack operation can begin: after coordinate's repairs. */
deployFrom) {
    const { config, log } = d;
    const holder = turn.holder;
    // A lease in the table needs someone heartbeating it; CloudFormation's own lock does not.
    const keeps = (0,turn_result/* leased */.Xw)(holder);
    const monitor = keeps || config.monitor
        ? d.startMonitor?.({
            owner: d.owner,
            fence: holder.fence,
            acquiredAt: deployFrom ?? holder.acquiredAt,
            registryTable: keeps ? config.registryTable : undefined,
            info: arrival.info,
            overdueMs: arrival.expected.overdueMs,
            thread,
            typeSeconds: (0,domain_estimate/* typeDurations */.Wj)(arrival.history)
        })
        : undefined;
    if (monitor) {
        d.io.saveState(state/* State */.Uw.MonitorPid, String(monitor.pid));
        d.io.saveState(state/* State */.Uw.MonitorDir, monitor.dir);
        log.info(`Monitor started (pid ${monitor.pid}): ${keeps ? 'heartbeats the lock, ' : ''}${config.monitor ? 'follows the stack events' : 'events not watched (monitor: false)'}.`);
    }
    const handover = monitor && keeps && d.monitorHolds ? await d.monitorHolds(monitor, config.leaseMs) : undefined;
    if (handover === 'holding')
        log.info('The monitor holds the lease now (its first heartbeat landed).');
    else if (handover === 'timeout')
        log.error(`The monitor's first heartbeat has not landed within a lease (${(0,durations/* formatDuration */.a3)(config.leaseMs)}): nobody would heartbeat the lock during the deployment, so this run does not deploy.`, { title: 'Lock handover incomplete' });
    // Only now does this process stop heartbeating: the monitor holds the lease (or nobody can).
    await lease.stop();
    if (handover === 'lost' && !lease.lost)
        log.error(`The monitor found the ${config.environment} lock no longer this deployment's (fencing token ${holder.fence}): not deploying.`, { title: 'Lock lost' });
    // The deploy step starts on a lease known to be current: the monitor's first heartbeat, or one more here.
    const current = handover === 'holding' || (handover === undefined && (await (0,stages_holder/* confirmed */.qF)(d, lease)));
    return current && (await stillClear(d, turn));
}
/**
 * Just before the deploy step, CloudFormation is looked at once more: a stack in progress
 * (a change from outside, or another run while coordinating on CloudFormation alone), or a
 * table that answers again with the lock held by another run, means not now.
 */
async function stillClear(d, turn) {
    const { config, log } = d;
    const stacks = await d.reader.describeStacks(config.stackNames).catch((err) => {
        log.error(`Could not look at the stacks once more before the deploy step (${err.message}): not deploying.`, { title: 'Stacks not confirmed' });
        return undefined;
    });
    if (!stacks)
        return false;
    // The tags the deploy step starts from: an operation that brings another one is not its own.
    d.io.saveState(state/* State */.Uw.TagsBefore, JSON.stringify(Object.fromEntries(stacks.map((s) => [s.name, (0,activity/* activeCorrelationId */.S6)(s) ?? '']))));
    const busy = stacks.filter((s) => (0,stack_status/* classifyStatus */.xo)(s.status).class === 'in-progress');
    const view = turn.fallbackReason
        ? await d.registry.lock.view(config.environment).catch((err) => 
        // The table answers again, with a lock nobody can read: who holds it is not known.
        err instanceof registry_errors/* RegistryCorruptError */.zk ? err : undefined)
        : undefined;
    // The table answers again, with a lock nobody can read: who holds it cannot be told.
    if (view instanceof registry_errors/* RegistryCorruptError */.zk)
        return view.item;
    const other = view?.lock.holder && view.lock.holder.owner !== d.owner ? view.lock.holder : undefined;
    if (busy.length === 0 && !other)
        return true;
    log.error(other
        ? `The registry answers again and ${config.environment} is held by ${(0,wait_for_turn/* describeHolder */.sG)(other)}: not deploying.`
        : `${busy.map((s) => `${s.name} is ${s.status}`).join(', ')}: another deployment began meanwhile; not deploying.`, { title: 'Another deployment is active' });
    return false;
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./.tmp/js/domain/stack.js
var stack = __webpack_require__(3456);
;// CONCATENATED MODULE: ./.tmp/js/stages/coordinate/publish.js








/** Publishes what coordinate found as the step's outputs and state, and sets the exit status. */
function publish(d, report) {
    const { io, log, config, reader } = d;
    const { turn, stacks } = report;
    const first = stacks[0];
    const activeId = turn.waitedFor[0]?.correlationId ??
        turn.busy.map((a) => (0,activity/* activeCorrelationId */.S6)(a.stack)).find(Boolean);
    const fenced = report.result === 'acquired' && turn.holder && (0,turn_result/* leased */.Xw)(turn.holder);
    const outputs = {
        [state/* Outputs */.tY.CorrelationId]: log.correlationId,
        [state/* Outputs */.tY.Result]: report.result,
        [state/* Outputs */.tY.Registry]: turn.registry.lock.kind,
        [state/* Outputs */.tY.WaitedSeconds]: String(Math.round(turn.waitedMs / 1000)),
        [state/* Outputs */.tY.QueuePosition]: String(turn.queuePosition),
        [state/* Outputs */.tY.ActiveCorrelationId]: activeId ?? '',
        [state/* Outputs */.tY.StackStatus]: JSON.stringify(Object.fromEntries(stacks.map((s) => [s.name, s.status]))),
        [state/* Outputs */.tY.ConsoleUrl]: first ? reader.consoleUrl(first) : '',
        [state/* Outputs */.tY.EstimatedMinutes]: String(Math.round((report.expectedMs / 60_000) * 10) / 10),
        [state/* Outputs */.tY.CfnTags]: JSON.stringify([{ Key: stack/* CORRELATION_TAG */.In, Value: log.correlationId }]),
        [state/* Outputs */.tY.Validation]: JSON.stringify(report.findings),
        [state/* Outputs */.tY.FencingToken]: fenced ? String(turn.holder.fence) : ''
    };
    for (const [name, value] of Object.entries(outputs))
        io.setOutput(name, value);
    io.saveState(state/* State */.Uw.Result, report.result);
    io.saveState(state/* State */.Uw.Registry, turn.registry.lock.kind);
    const freeze = freezeNote(d, turn);
    if (freeze)
        io.saveState(state/* State */.Uw.Freeze, JSON.stringify(freeze));
    // And in the deployment's folder, for a finalize in a step of its own (no state of this one);
    // none this time: an earlier run's (the same correlation ID in one job) is not this one's.
    try {
        const file = (0,files/* monitorFiles */.Sy)((0,files/* monitorDir */.yO)(log.correlationId)).freeze;
        if (freeze) {
            (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(file), { recursive: true, mode: 0o700 });
            (0,external_node_fs_.writeFileSync)(file, JSON.stringify(freeze), { mode: 0o600 });
        }
        else
            (0,external_node_fs_.rmSync)(file, { force: true });
    }
    catch (err) {
        log.info(`Could not keep the freeze for a separate finalize step: ${err.message}`);
    }
    const code = (0,turn_result/* exitCodeOf */.FO)(report.result);
    log.info(`Result: ${report.result} (exit ${code}) for ${config.environment}.`);
    io.setExitCode(code);
}

;// CONCATENATED MODULE: ./.tmp/js/domain/go-no-go.js

/**
 * Go or no-go, in order: blocking findings stop the run; warnings fail it or are put to a person;
 * then, when the deployment this run waited for failed, on-active-failure decides.
 */
async function goNoGo(input, ask) {
    const { environment, findings } = input;
    const stop = (0,domain_findings/* blocking */.ub)(findings);
    if (stop.length > 0)
        return no('blocked', {
            message: `Blocked: ${stop.map((f) => f.code).join(', ')}. Nothing was deployed.`,
            title: 'Deployment blocked'
        });
    const warnings = (0,domain_findings/* warningsOf */.nZ)(findings);
    if (warnings.length > 0 && input.warnings === 'fail')
        return no('blocked', {
            message: `warnings is 'fail' and validation found ${warnings.length} warning(s): not deploying.`,
            title: 'Deployment blocked by warnings'
        });
    if (warnings.length > 0 && input.warnings === 'ask') {
        const codes = warnings.map((w) => w.code).join(', ');
        const question = `Deploy ${environment} despite ${warnings.length} warning(s) (${codes})?`;
        if (!(await ask(question)))
            return { result: 'aborted' };
    }
    if (!input.activeFailed)
        return { result: 'acquired' };
    switch (input.onActiveFailure) {
        case 'abort':
            return no('aborted', {
                message: `The deployment this run waited for failed and on-active-failure is 'abort': not deploying.`,
                title: 'Active deployment failed'
            });
        case 'ask':
            return (await ask(`The deployment this run waited for failed. Deploy ${environment} anyway?`))
                ? { result: 'acquired' }
                : { result: 'aborted' };
        case 'proceed':
            return {
                result: 'acquired',
                say: {
                    level: 'warning',
                    message: `The deployment this run waited for failed; proceeding (on-active-failure: proceed).`,
                    title: 'Active deployment failed'
                }
            };
    }
}
const no = (result, say) => ({
    result,
    say: { level: 'error', ...say }
});
/** The deployment this run waited for failed: the last holder's outcome, or a stack it saw busy ended in failure. */
function activeFailed(w) {
    const last = w.lockBefore;
    if (last?.lastHolder && w.waitedFor.some((h) => h.correlationId === last.lastHolder))
        return last.lastOutcome === 'failed';
    return w.busyStacks.some((name) => ['stable-after-failure', 'blocked'].includes(w.classes.get(name) ?? ''));
}

// EXTERNAL MODULE: ./.tmp/js/domain/recovery.js
var recovery = __webpack_require__(5269);
// EXTERNAL MODULE: ./.tmp/js/notify/answers.js
var answers = __webpack_require__(6942);
;// CONCATENATED MODULE: ./.tmp/js/notify/ask.js



const YES = new Set(['white_check_mark', 'heavy_check_mark', 'ballot_box_with_check', '+1']);
const NO = new Set(['x', 'negative_squared_cross_mark', 'no_entry', '-1']);
const WORD = /^\s*(proceed|abort)\b/i;
/** The first answer among reactions and replies, if any, and who gave it (the first to react). */
function readAnswer(answers) {
    const reacted = (names) => {
        const r = answers.reactions.find((x) => names.has(x.name));
        return r && (r.users[0] ? { by: r.users[0] } : {});
    };
    const no = reacted(NO);
    if (no)
        return { answer: 'abort', ...no };
    const yes = reacted(YES);
    if (yes)
        return { answer: 'proceed', ...yes };
    for (const reply of answers.replies) {
        const m = WORD.exec(reply.text);
        if (m)
            return { answer: m[1].toLowerCase(), ...(reply.user ? { by: reply.user } : {}) };
    }
    return undefined;
}
/**
 * Asks in the interact channel and waits for a reaction (✅ / ❌) or a thread
 * reply (`proceed` / `abort`) up to the timeout; no answer (or no Slack) is
 * the safe default: abort.
 */
async function ask(d, channel, info, question, timeoutMs, pollMs) {
    const ref = await d.notifier.post('question', channel, (0,messages/* questionMessage */.OU)(info, {
        question,
        options: 'React ✅ to proceed or ❌ to abort, or reply `proceed` / `abort` in this thread.',
        timeoutMs,
        defaultAnswer: 'abort'
    }));
    if (!ref)
        return { answer: 'abort', why: 'the question could not be posted' };
    d.log.info(`Asked in ${channel}: ${question} Waiting up to ${(0,durations/* formatDuration */.a3)(timeoutMs)} for an answer.`);
    const started = d.clock.now();
    while (d.clock.now() - started < timeoutMs && !d.signal?.aborted) {
        await d.sleep(Math.min(pollMs, timeoutMs - (d.clock.now() - started)), d.signal);
        try {
            const read = readAnswer(await d.notifier.answers(ref));
            if (read) {
                const by = read.by ? ` by ${(0,answers/* whoAnswered */.Wi)(read.by)}` : '';
                return { ...read, why: `answered '${read.answer}' in Slack${by}` };
            }
        }
        catch (err) {
            d.log.info(`Could not read the answers yet (${err.message}).`);
        }
    }
    const why = d.signal?.aborted
        ? 'cancelled while asking'
        : `no answer within ${(0,durations/* formatDuration */.a3)(timeoutMs)}`;
    await d.notifier.post('question timeout', channel, { text: `No answer: aborting (${why}). [${info.correlationId}]`, blocks: [] }, { ts: ref.ts });
    return { answer: 'abort', why };
}

// EXTERNAL MODULE: ./.tmp/js/stages/repair.js
var repair = __webpack_require__(1910);
;// CONCATENATED MODULE: ./.tmp/js/stages/coordinate/under-lease.js




















/**
 * The instant the lock is taken: on the record for finalize (owner, fence, when), and
 * heartbeating from here on.
 */
function takeLease(d, arrival, holder, registry, sentAt) {
    d.io.saveState(state/* State */.Uw.Registry, registry.lock.kind);
    d.io.saveState(state/* State */.Uw.Fence, String(holder.fence));
    d.io.saveState(state/* State */.Uw.AcquiredAt, holder.acquiredAt);
    const holding = (0,stages_holder/* holdLease */.UU)({ ...d, registry, info: arrival.info, slack: (0,deps/* statusChannel */.i7)(d) }, d.config.environment, { owner: d.owner, fence: holder.fence, correlationId: d.log.correlationId }, d.config.leaseMs, 'coordinate', sentAt);
    holding.lease.start();
    return holding;
}
/** The acquisition in the log and on the record (a takeover on both records). */
async function recordAcquisition(d, turn) {
    const { config, log } = d;
    const { registry, holder, tookOver } = turn;
    if (turn.waitedMs > 0 && turn.queuePosition > 0)
        log.info(`This run's turn came after ${(0,durations/* formatDuration */.a3)(turn.waitedMs)}.`);
    const how = (0,turn_result/* leased */.Xw)(holder) ? `fencing token ${holder.fence}` : 'CloudFormation only';
    log.info(`Acquired ${config.environment} (${how}): ${(0,deps/* statuses */.bM)(turn.stacks)}`);
    if (tookOver) {
        const from = tookOver.from.correlationId;
        await (0,deps/* record */.g1)(d, registry, 'took-over', `from ${from}: ${tookOver.reason}`);
        await (0,deps/* safely */.vm)(log, () => registry.records.addTransition(from, {
            state: 'taken-over',
            at: new Date(d.clock.now()).toISOString(),
            note: `by ${log.correlationId}: ${tookOver.reason}`
        }));
    }
    await (0,deps/* record */.g1)(d, registry, 'acquired', undefined, { fence: holder.fence });
}
/**
 * A stack a failed deployment left needing repair is repaired first, under the lease, with
 * finalize's policy. The repair's own events are not this deployment's: `deployFrom` is when the
 * last of them happened (CloudFormation's clock), saved for the monitor and finalize.
 */
async function repairFirst(d, turn, lease) {
    if (!turn.stacks.some((st) => (0,recovery/* recoveryAction */.Qp)(st.status, d.config)))
        return { stacks: turn.stacks };
    const repairs = await (0,repair/* repairUnderLease */.a)(d, turn.stacks, lease);
    if (repairs.length === 0)
        return { stacks: turn.stacks };
    const ends = await Promise.all(repairs.map(async (r) => (await d.reader.currentOperation(r.stack)).events.at(-1)?.timestamp));
    const last = Math.max(...ends.map((t) => t?.getTime() ?? 0));
    const deployFrom = last > 0 ? new Date(last + 1).toISOString() : undefined;
    if (deployFrom)
        d.io.saveState(state/* State */.Uw.DeployFrom, deployFrom);
    return { stacks: await d.reader.describeStacks(d.config.stackNames), deployFrom };
}
/** What validation finds on the stacks as they are now, reported once. */
function validate(d, turn, stacks) {
    const findings = [
        ...(0,domain_findings/* activeDeploymentFindings */.mh)(stacks),
        ...(0,domain_findings/* otherFindings */.jE)(stacks, {
            registryConfigured: Boolean(d.config.registryTable),
            registryUnavailable: turn.fallbackReason
        })
    ];
    (0,report_findings/* reportFindings */.L)(d.log, findings);
    return findings;
}
/** Go or no-go, under the lease (see goNoGo); a person is asked in Slack, until the lock is lost. */
async function decide(d, arrival, turn, findings, signal) {
    const { config, log } = d;
    const askPerson = async (question) => {
        if (!d.notifier || !config.slack)
            return false;
        const { answer, why, by } = await ask({ notifier: d.notifier, log, clock: d.clock, sleep: d.sleep, signal }, config.slack.interactChannel, arrival.info, question, config.askTimeoutMs, config.pollIntervalMs);
        if (answer === 'proceed')
            log.info(`${question} ${answer}: ${why}.`);
        else
            log.error(`${question} ${answer}: ${why}.`);
        // Who answered, for the record's next transition and the summary.
        if (by)
            (0,answered/* keepAnswered */.Lo)(d.io, log, { question, answer, by, at: new Date(d.clock.now()).toISOString() });
        return answer === 'proceed';
    };
    const classes = new Map(turn.stacks.map((s) => [s.name, (0,stack_status/* classifyStatus */.xo)(s.status).class]));
    const verdict = await goNoGo({
        environment: config.environment,
        findings,
        warnings: config.warnings,
        onActiveFailure: config.onActiveFailure,
        activeFailed: activeFailed({
            lockBefore: turn.lockBefore,
            waitedFor: turn.waitedFor,
            busyStacks: turn.busy.map((a) => a.stack.name),
            classes
        })
    }, askPerson);
    if (verdict.say)
        log[verdict.say.level](verdict.say.message, { title: verdict.say.title });
    return verdict.result;
}
/**
 * In the status channel: this run is not deploying, and (when it found the environment busy) who
 * holds it and how long it waited. The 'queued' notice of a run that waited is updated in place,
 * so no 'queued' is left behind.
 */
async function notDeployingNotice(d, arrival, turn, reason, queued) {
    const slack = (0,deps/* statusChannel */.i7)(d);
    if (!slack)
        return;
    const busyEnded = reason === 'no-wait' || reason === 'timeout' || reason === 'cancelled';
    const frozen = reason === 'frozen' ? turn.freeze?.endedBy : undefined;
    // The latest holder it waited for (it may have waited through several), else a busy stack.
    const holder = busyEnded ? turn.waitedFor.at(-1) : undefined;
    const busy = busyEnded ? turn.busy.at(-1) : undefined;
    const since = holder ? new Date(holder.acquiredAt) : busy?.startedAt;
    const elapsedMs = since ? d.clock.now() - since.getTime() : undefined;
    const message = (0,messages/* notDeployingMessage */.Au)(arrival.info, {
        reason,
        waitedMs: turn.waitedMs,
        activeCorrelationId: holder?.correlationId ?? (busy ? (0,activity/* activeCorrelationId */.S6)(busy.stack) : undefined),
        activeSince: since,
        holderRunUrl: holder?.run.runUrl,
        remainingMs: elapsedMs === undefined
            ? undefined
            : Math.max(0, arrival.expected.estimate.expectedMs - elapsedMs),
        freeze: frozen && freezeDetails(frozen)
    });
    if (queued)
        await slack.notifier.update('not deploying', queued, message);
    else if (busyEnded || frozen)
        await slack.notifier.post('not deploying', slack.channel, message);
}
/** The table answered with an item this run cannot read: REGISTRY_CORRUPT, said and returned. */
function corruptTurn(d, item) {
    const finding = (0,domain_findings/* registryCorruptFinding */.Yl)(d.config.registryTable ?? '', item, (0,registry_errors/* describeUnreadable */.D2)(item), registry_errors/* REPAIR_COMMAND */.wE);
    (0,report_findings/* reportFindings */.L)(d.log, [finding]);
    return finding;
}
/** No lock: the wait ended otherwise (busy, cancelled, superseded, or a table that cannot be used). */
async function notAcquired(d, arrival, turn, kind, 
/** The 'queued' notice it posted on arrival, closed in place. */
queued) {
    const { config, log } = d;
    if (kind === 'misconfigured') {
        const finding = (0,domain_findings/* registryMisconfiguredFinding */.we)(config.registryTable ?? '', turn.registryError ?? '');
        (0,report_findings/* reportFindings */.L)(log, [finding]);
        return { result: 'blocked', findings: [finding] };
    }
    if (kind === 'corrupt')
        return { result: 'blocked', findings: [corruptTurn(d, turn.unreadable)] };
    const { result, transition } = turn_result/* NOT_ACQUIRED */.xP[kind];
    const frozen = kind === 'frozen' ? turn.freeze?.endedBy : undefined;
    if (frozen)
        log.error(`${(0,freeze/* describeFrozen */.Gb)(frozen, config.environment, d.clock.now())}. The freeze outlasted this run's wait (${(0,durations/* formatDuration */.a3)(turn.waitedMs)}, wait-timeout-minutes): not deploying. Set override-freeze (a reason) to go through a freeze.`, { title: 'Deploy freeze' });
    else if (kind !== 'superseded') {
        const { expectedMs, basis } = arrival.expected.estimate;
        const who = turn.waitedFor.map((h) => `Lock held by ${(0,wait_for_turn/* describeHolder */.sG)(h)}.`);
        const details = turn.busy.map((a) => (0,activity/* describeActivity */.lU)(a, d.clock.now(), expectedMs, basis));
        const why = kind === 'cancelled'
            ? `Cancelled after waiting ${(0,durations/* formatDuration */.a3)(turn.waitedMs)}.`
            : config.waitTimeoutMs > 0
                ? `Gave up after waiting ${(0,durations/* formatDuration */.a3)(turn.waitedMs)} (wait-timeout-minutes).`
                : 'Not waiting (wait-timeout-minutes is 0).';
        log.error([why, ...who, ...details].join('\n'), { title: 'Another deployment is active' });
    }
    // On the record first: a cancelled run has only the runner's grace period left.
    await (0,deps/* record */.g1)(d, turn.registry, transition, frozen && (0,freeze/* untilIso */.Ci)(frozen));
    // Then in the channel, where it said it was queued (a superseded run: only there).
    const reason = kind === 'frozen'
        ? 'frozen'
        : kind === 'superseded'
            ? 'superseded'
            : kind === 'cancelled'
                ? 'cancelled'
                : config.waitTimeoutMs > 0
                    ? 'timeout'
                    : 'no-wait';
    await notDeployingNotice(d, arrival, turn, reason, queued);
    return { result, findings: (0,domain_findings/* activeDeploymentFindings */.mh)(turn.stacks) };
}

;// CONCATENATED MODULE: ./.tmp/js/stages/coordinate.js






















/**
 * coordinate: arrive (the stacks, the estimate), wait for this run's turn and take the lease the
 * instant it is granted; under it, estimate anew, repair and decide; then announce, start the
 * monitor and hand the lease over to it. Not deploying, it gives the lock back at once.
 */
async function coordinate(d) {
    const arrival = await arrive(d);
    let holding;
    const notices = {};
    try {
        const turn = await (0,wait_for_turn/* waitForTurn */.qg)(d, turnOptions(d, arrival, (holder, registry, sentAt) => {
            holding = takeLease(d, arrival, holder, registry, sentAt);
        }, d.signal, notices));
        if (turn.kind !== 'acquired')
            return {
                ...(await notAcquired(d, arrival, turn, turn.kind, notices.queued)),
                turn,
                expectedMs: arrival.expected.estimate.expectedMs,
                stacks: turn.stacks
            };
        // onAcquired ran the instant the lock was granted, before the wait returned.
        if (!holding)
            throw new Error('The lock was acquired without a lease.');
        const { lease, signal: lost } = holding;
        await recordAcquisition(d, turn);
        await recordOverride(d, turn);
        // What this run deploys with is estimated now: the history may have grown while it waited.
        const atTurn = await estimateAtTurn(d, arrival, turn);
        const expectedMs = atTurn.expected.estimate.expectedMs;
        const { stacks, deployFrom } = await repairFirst(d, turn, lease);
        const findings = validate(d, turn, stacks);
        const signal = d.signal ? AbortSignal.any([d.signal, lost]) : lost;
        let result = await decide(d, atTurn, turn, findings, signal);
        // Act as the holder only on a lease known to be current: no one can have taken it over.
        if (result === 'acquired' && !(await (0,stages_holder/* confirmed */.qF)(d, lease)))
            result = 'aborted';
        if (lease.lost)
            result = 'aborted';
        if (result !== 'acquired') {
            if (await lease.release(result, (0,deps/* releaseBudget */.De)(d.config)))
                await (0,deps/* record */.g1)(d, turn.registry, 'released', `not deploying: ${result}`, {}, (0,answered/* answeredBy */.dd)((0,answered/* answeredOf */.H6)(d.io, d.log.correlationId)));
            // Its 'queued' notice, if it waited, says it is not deploying after all.
            if (notices.queued && (result === 'blocked' || result === 'aborted'))
                await notDeployingNotice(d, arrival, turn, result, notices.queued);
            return { result, turn, findings, expectedMs, stacks };
        }
        const thread = await announce(d, atTurn, turn);
        await announceOverride(d, atTurn, turn, thread);
        const holds = await handOver(d, atTurn, turn, thread, lease, deployFrom);
        if (typeof holds === 'object') {
            // Acquired on CloudFormation alone, and the table answers again with an unreadable lock.
            const corrupt = corruptTurn(d, holds);
            return { result: 'blocked', turn, findings: [...findings, corrupt], expectedMs, stacks };
        }
        return { result: holds ? 'acquired' : 'aborted', turn, findings, expectedMs, stacks };
    }
    finally {
        // Whatever happened, this process heartbeats no more: the monitor holds the lease now, or
        // finalize releases it (owner and fence are in state).
        await holding?.lease.stop();
        await holding?.reported();
    }
}
/**
 * The step: real clients, real clock, the runner's signals. `self` is the entry's script
 * (dist/coordinate/index.js); the monitor's supervisor entry is beside it.
 */
async function main(self) {
    await (0,stage.actionStage)('coordinate', async ({ io, log, config, correlationId, logs }) => {
        (0,stage.sayInputWarnings)(log, io, config);
        io.saveState(state/* State */.Uw.CorrelationId, correlationId);
        io.saveState(state/* State */.Uw.QueuedAt, new Date().toISOString());
        // Saved before anything is queued or taken: finalize can always remove or release what this run holds.
        const owner = (0,external_node_crypto_.randomUUID)();
        io.saveState(state/* State */.Uw.Owner, owner);
        const signal = (0,stage.cancellationSignal)((sig) => log.warning(`Received ${sig}: stopping the wait.`));
        const reader = await (0,clients/* cloudFormationReader */.oE)(config.region);
        const choice = {
            table: config.registryTable,
            region: config.region,
            environment: config.environment
        };
        const dir = (0,files/* monitorDir */.yO)(correlationId);
        (0,external_node_fs_.mkdirSync)(dir, { recursive: true, mode: 0o700 });
        // The monitor's supervisor entry beside this one.
        const monitorBundle = (0,files/* siblingEntry */.f)(self, 'supervisor');
        const deps = {
            config,
            log,
            io,
            owner,
            run: (0,run_context/* runContext */.p)(),
            commit: (0,notify_thread/* commitMessage */.df)(),
            reader,
            registry: await (0,clients/* openRegistry */.Me)(choice),
            fallback: (0,clients/* fallbackRegistry */.eq)(choice),
            liveness: config.githubToken && config.registryTable
                ? await (0,github/* githubLiveness */.j)(config.githubToken, log)
                : undefined,
            clock: stage.systemClock,
            sleep: stage.sleep,
            signal,
            notifier: await (0,notify_thread/* openNotifier */.NT)(config.slack, log, (0,files/* monitorFiles */.Sy)(dir).stageSpool),
            recovery: reader,
            deployments: config.githubDeployment && config.githubToken
                ? await (0,github/* githubDeployments */.Sv)(config.githubToken, log)
                : undefined,
            recordDeployment: (id) => (0,external_node_fs_.writeFileSync)((0,files/* monitorFiles */.Sy)(dir).deployment, String(id), { mode: 0o600 }),
            recordThread: (thread) => (0,external_node_fs_.writeFileSync)((0,files/* monitorFiles */.Sy)(dir).thread, thread, { mode: 0o600 }),
            startMonitor: (m) => (0,launch/* launchMonitor */.O)(monitorBundle, dir, (0,files/* monitorSettings */.U1)(config, {
                correlationId,
                ...m,
                logsFailed: io.getState(state/* State */.Uw.LogsFailed) || undefined
            }), (0,files/* monitorEnv */.wB)(), config.slack?.token),
            monitorHolds: (m, timeoutMs) => (0,launch/* monitorHolds */.B)(() => (0,stop/* readObservations */.iX)(m.dir, m.logOffset), stage.systemClock, stage.sleep, timeoutMs)
        };
        const report = await coordinate(deps);
        publish(deps, report);
        const holder = report.turn.holder;
        logs.note(holder && holder.fence > 0 ? { fence: holder.fence } : {});
        logs.event('coordinated', {
            result: report.result,
            registry: report.turn.registry.lock.kind,
            queuePosition: report.turn.queuePosition,
            waitedMs: report.turn.waitedMs,
            expectedMs: report.expectedMs,
            stackStatus: Object.fromEntries(report.stacks.map((st) => [st.name, st.status])),
            findings: report.findings.map((f) => f.code)
        });
    });
}


/***/ })

};
