export const id = 617;
export const ids = [617];
export const modules = {

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


/***/ }),

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

/***/ 9758:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   supervisorMain: () => (/* binding */ supervisorMain)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7101);
/* harmony import */ var _secret_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4720);
/* harmony import */ var _supervise_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4820);
/**
 * The detached monitor's supervisor: a process of its own that loads nothing but Node's own
 * modules and the settings reader, starts the worker (the monitor entry with `--worker`) and
 * starts it again when it dies. The worker posts the 'monitoring gap' notice itself, so Slack's
 * client is never loaded here.
 */




/** `self` is the supervisor entry's script; the worker is the monitor entry beside it. */
async function supervisorMain(self, settingsFile) {
    const settings = (0,_files_js__WEBPACK_IMPORTED_MODULE_1__/* .readSettings */ .sb)(settingsFile);
    // Kept in memory for each worker it starts; never in an environment.
    const secret = await (0,_secret_js__WEBPACK_IMPORTED_MODULE_2__/* .readSecret */ .n)(process.stdin);
    const worker = (0,_files_js__WEBPACK_IMPORTED_MODULE_1__/* .siblingEntry */ .f)(self, 'monitor');
    const controller = new AbortController();
    for (const sig of ['SIGTERM', 'SIGINT'])
        process.once(sig, () => controller.abort());
    await (0,_supervise_js__WEBPACK_IMPORTED_MODULE_3__/* .supervise */ .zD)({
        start: (restart) => {
            const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(process.execPath, [worker, settingsFile, ...(0,_supervise_js__WEBPACK_IMPORTED_MODULE_3__/* .workerArgs */ .gW)(restart)], {
                stdio: ['pipe', 'inherit', 'inherit']
            });
            (0,_secret_js__WEBPACK_IMPORTED_MODULE_2__/* .handSecret */ .I)(child.stdin, secret);
            return child;
        },
        now: Date.now,
        signal: controller.signal,
        write: (o) => process.stdout.write(`${JSON.stringify({ correlationId: settings.correlationId, ...o })}\n`)
    });
    process.exit(0);
}


/***/ }),

/***/ 6335:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ runContext)
/* harmony export */ });
/* harmony import */ var _env_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1623);

/** The workflow run this process belongs to, from the runner's environment. */
function runContext(env = _env_js__WEBPACK_IMPORTED_MODULE_0__/* .processEnv */ .H) {
    const server = env['GITHUB_SERVER_URL'] || 'https://github.com';
    const repository = env['GITHUB_REPOSITORY'] || undefined;
    const runId = env['GITHUB_RUN_ID'] || undefined;
    const runAttempt = env['GITHUB_RUN_ATTEMPT'] || undefined;
    const runUrl = repository && runId
        ? `${server}/${repository}/actions/runs/${runId}${runAttempt ? `/attempts/${runAttempt}` : ''}`
        : undefined;
    return {
        runId,
        runAttempt,
        runUrl,
        repository,
        workflow: env['GITHUB_WORKFLOW'] || undefined,
        job: env['GITHUB_JOB'] || undefined,
        actor: env['GITHUB_ACTOR'] || undefined,
        sha: env['GITHUB_SHA'] || undefined,
        ref: env['GITHUB_REF'] || undefined
    };
}


/***/ }),

/***/ 2617:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   main: () => (/* binding */ main)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var _config_config_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9358);
/* harmony import */ var _config_state_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4131);
/* harmony import */ var _domain_expectation_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9338);
/* harmony import */ var _monitor_files_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7101);
/* harmony import */ var _monitor_launch_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8843);
/* harmony import */ var _monitor_supervisor_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9758);
/* harmony import */ var _monitor_worker_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1189);
/* harmony import */ var _notify_thread_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(9617);
/* harmony import */ var _runtime_clients_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(5366);
/* harmony import */ var _runtime_run_context_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(6335);
/* harmony import */ var _runtime_stage_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(1130);












/**
 * The monitor entry: with a settings file and `--worker` it is the detached monitor's worker;
 * with a settings file alone, its supervisor (src/monitor/supervisor.ts, as the supervisor entry
 * runs it); as the monitor/ sub-action's step it launches one for the deployment named by
 * correlation-id. `self` is the entry's script (dist/monitor/index.js).
 */
async function main(self) {
    const [settingsFile, role, ...rest] = process.argv.slice(2);
    if (settingsFile && role === '--worker')
        await (0,_monitor_worker_js__WEBPACK_IMPORTED_MODULE_7__.workerMain)(settingsFile, rest);
    else if (settingsFile)
        await (0,_monitor_supervisor_js__WEBPACK_IMPORTED_MODULE_6__.supervisorMain)((0,_monitor_files_js__WEBPACK_IMPORTED_MODULE_4__/* .siblingEntry */ .f)(self, 'supervisor'), settingsFile);
    else
        await launchForSubAction(self);
}
async function launchForSubAction(self) {
    await (0,_runtime_stage_js__WEBPACK_IMPORTED_MODULE_11__.actionStage)(async ({ io, log, config, correlationId }) => {
        let fence = 0;
        let owner;
        let acquiredAt = new Date().toISOString();
        const registry = await (0,_runtime_clients_js__WEBPACK_IMPORTED_MODULE_9__/* .openRegistry */ .Me)({
            table: config.registryTable,
            region: config.region,
            environment: config.environment
        });
        const { lock } = await registry.lock.view(config.environment);
        const run = (0,_runtime_run_context_js__WEBPACK_IMPORTED_MODULE_10__/* .runContext */ .p)();
        // A step of its own has no state: the lock held under this correlation ID by this very run attempt.
        const mine = lock.holder?.correlationId === correlationId &&
            lock.holder.run.runId === run.runId &&
            (lock.holder.run.runAttempt ?? '') === (run.runAttempt ?? '');
        if (mine && lock.holder) {
            fence = lock.fence;
            owner = lock.holder.owner;
            acquiredAt = lock.holder.acquiredAt;
        }
        else if (config.registryTable) {
            // With a table, this run is not its holder (CloudFormation alone holds no lock to watch for).
            log.warning(`${correlationId} of this run does not hold the ${config.environment} lock (holder: ${lock.holder?.correlationId ?? 'none'}): watching without heartbeats.`);
        }
        const dir = (0,_monitor_files_js__WEBPACK_IMPORTED_MODULE_4__/* .monitorDir */ .yO)(correlationId);
        const files = (0,_monitor_files_js__WEBPACK_IMPORTED_MODULE_4__/* .monitorFiles */ .Sy)(dir);
        const thread = (0,_notify_thread_js__WEBPACK_IMPORTED_MODULE_8__/* .parseThread */ .Yx)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(files.thread) ? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(files.thread, 'utf8') : undefined);
        const history = await registry.history.recent(config.environment, 50).catch(() => []);
        const expected = (0,_domain_expectation_js__WEBPACK_IMPORTED_MODULE_3__/* .expectation */ .p)(config, (0,_domain_expectation_js__WEBPACK_IMPORTED_MODULE_3__/* .historyEstimate */ .J)(history, config.stackNames), _config_config_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_EXPECTED_DURATION_MS */ .PP);
        const launched = (0,_monitor_launch_js__WEBPACK_IMPORTED_MODULE_5__/* .launchMonitor */ .O)((0,_monitor_files_js__WEBPACK_IMPORTED_MODULE_4__/* .siblingEntry */ .f)(self, 'supervisor'), dir, (0,_monitor_files_js__WEBPACK_IMPORTED_MODULE_4__/* .monitorSettings */ .U1)(config, {
            correlationId,
            owner,
            fence,
            acquiredAt,
            registryTable: fence > 0 ? config.registryTable : undefined,
            info: (0,_notify_thread_js__WEBPACK_IMPORTED_MODULE_8__/* .deploymentInfo */ .qx)(config, correlationId, (0,_runtime_run_context_js__WEBPACK_IMPORTED_MODULE_10__/* .runContext */ .p)(), expected.estimate, undefined, (0,_notify_thread_js__WEBPACK_IMPORTED_MODULE_8__/* .commitMessage */ .df)()),
            overdueMs: expected.overdueMs,
            thread
        }), (0,_monitor_files_js__WEBPACK_IMPORTED_MODULE_4__/* .monitorEnv */ .wB)(), config.slack?.token);
        io.saveState(_config_state_js__WEBPACK_IMPORTED_MODULE_2__/* .State */ .Uw.MonitorPid, String(launched.pid));
        io.saveState(_config_state_js__WEBPACK_IMPORTED_MODULE_2__/* .State */ .Uw.MonitorDir, launched.dir);
        log.info(`Monitor started (pid ${launched.pid}), observations in ${launched.log}.`);
    });
}


/***/ })

};
