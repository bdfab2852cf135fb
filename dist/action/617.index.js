export const id = 617;
export const ids = [617];
export const modules = {

/***/ 9338:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ expectation)
/* harmony export */ });
/* harmony import */ var _durations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1265);
/**
 * How long a deployment is expected to take, and past when it counts as
 * overdue: the estimate policy, pure (no I/O). The expected-duration-minutes
 * input wins; else the history of successful deployments of the same stacks;
 * else a fallback ('no history yet').
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
                basis: historyBasis(fromHistory)
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
    return `median of ${n} successful deployment${n === 1 ? '' : 's'}, p20 to p80 ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(fromHistory.lowMs)} to ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(fromHistory.highMs)}`;
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
/* harmony import */ var _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1623);




/**
 * Starts the monitor as a detached process whose output goes to a file, never
 * to the step's pipes (the step would wait for them to close), and lets go of it.
 */
function launchMonitor(bundle, dir, settings, env = _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__/* .processEnv */ .H) {
    const file = (0,_files_js__WEBPACK_IMPORTED_MODULE_2__/* .writeSettings */ .Ln)(dir, settings);
    const files = (0,_files_js__WEBPACK_IMPORTED_MODULE_2__/* .monitorFiles */ .Sy)(dir);
    const logOffset = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(files.log) ? (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(files.log).size : 0;
    const out = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(files.log, 'a', 0o600);
    try {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(process.execPath, [bundle, file], {
            detached: true,
            stdio: ['ignore', out, out],
            env,
            cwd: dir
        });
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
/* harmony export */   main: () => (/* binding */ main),
/* harmony export */   supervisorEntry: () => (/* binding */ supervisorEntry)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _config_config_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9358);
/* harmony import */ var _config_state_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4131);
/* harmony import */ var _domain_estimate_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(4280);
/* harmony import */ var _domain_expectation_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(9338);
/* harmony import */ var _monitor_files_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7101);
/* harmony import */ var _monitor_launch_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8843);
/* harmony import */ var _monitor_supervisor_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8907);
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
        await (0,_monitor_supervisor_js__WEBPACK_IMPORTED_MODULE_6__.supervisorMain)(supervisorEntry(self), settingsFile);
    else
        await launchForSubAction(self);
}
/** The supervisor entry beside an entry's script (dist/<entry>/index.js). */
const supervisorEntry = (self) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(self), '..', ['supervisor', 'index.js'].join('/'));
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
        const expected = (0,_domain_expectation_js__WEBPACK_IMPORTED_MODULE_12__/* .expectation */ .p)(config, (0,_domain_estimate_js__WEBPACK_IMPORTED_MODULE_13__/* .estimateFromHistory */ .Bw)(history, config.stackNames), _config_config_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_EXPECTED_DURATION_MS */ .PP);
        const launched = (0,_monitor_launch_js__WEBPACK_IMPORTED_MODULE_5__/* .launchMonitor */ .O)(supervisorEntry(self), dir, (0,_monitor_files_js__WEBPACK_IMPORTED_MODULE_4__/* .monitorSettings */ .U1)(config, {
            correlationId,
            owner,
            fence,
            acquiredAt,
            registryTable: fence > 0 ? config.registryTable : undefined,
            info: (0,_notify_thread_js__WEBPACK_IMPORTED_MODULE_8__/* .deploymentInfo */ .qx)(config, correlationId, (0,_runtime_run_context_js__WEBPACK_IMPORTED_MODULE_10__/* .runContext */ .p)(), expected.estimate, undefined, (0,_notify_thread_js__WEBPACK_IMPORTED_MODULE_8__/* .commitMessage */ .df)()),
            overdueMs: expected.overdueMs,
            thread
        }), (0,_monitor_files_js__WEBPACK_IMPORTED_MODULE_4__/* .monitorEnv */ .wB)(config.slack));
        io.saveState(_config_state_js__WEBPACK_IMPORTED_MODULE_3__/* .State */ .Uw.MonitorPid, String(launched.pid));
        io.saveState(_config_state_js__WEBPACK_IMPORTED_MODULE_3__/* .State */ .Uw.MonitorDir, launched.dir);
        log.info(`Monitor started (pid ${launched.pid}), observations in ${launched.log}.`);
    });
}


/***/ })

};
