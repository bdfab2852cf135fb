export const id = 758;
export const ids = [758];
export const modules = {

/***/ 7101:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ln: () => (/* binding */ writeSettings),
/* harmony export */   Sy: () => (/* binding */ monitorFiles),
/* harmony export */   U1: () => (/* binding */ monitorSettings),
/* harmony export */   f: () => (/* binding */ siblingEntry),
/* harmony export */   gA: () => (/* binding */ heartbeatInterval),
/* harmony export */   sb: () => (/* binding */ readSettings),
/* harmony export */   wB: () => (/* binding */ monitorEnv),
/* harmony export */   yO: () => (/* binding */ monitorDir)
/* harmony export */ });
/* unused harmony export monitorMaxLifetimeMs */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1623);
/* harmony import */ var _process_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4111);





/**
 * Another entry's script beside `self` (dist/<entry>/index.js), resolved at run time: a literal
 * path would be pulled into the bundle by ncc.
 */
const siblingEntry = (self, entry) => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(self), '..', [entry, 'index.js'].join('/'));
/** One folder per deployment, found again by correlation ID (finalize may run as a separate step). */
function monitorDir(correlationId, env = _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__/* .processEnv */ .H) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env['RUNNER_TEMP'] || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'deploy-coordinator', correlationId);
}
const monitorFiles = (dir) => ({
    settings: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'monitor.json'),
    log: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'monitor.jsonl'),
    /** CloudWatch Logs events a step could not send, for the post step to send. */
    logsSpool: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'logs-spool.jsonl'),
    /** Why a step could not write the stream: later steps (split sub-actions too) do not warn again. */
    logsFailed: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'logs-failed'),
    pid: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'monitor.pid'),
    /** Slack messages the monitor could not deliver, for finalize to retry. */
    spool: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'monitor-slack-spool.jsonl'),
    /** The same for coordinate and finalize's own messages. */
    stageSpool: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'stage-slack-spool.jsonl'),
    /** The Slack thread (channel:ts), for stages that run as separate steps. */
    thread: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'slack-thread'),
    /** The deploy freeze coordinate met or overrode, for a finalize that runs as a separate step. */
    freeze: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'freeze.json'),
    /** The questions answered in Slack (see `State.Answered`), for a finalize in a separate step. */
    answered: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'slack-answered.json'),
    /** The GitHub Deployment's ID, for a finalize that runs as a separate step. */
    deployment: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'github-deployment-id'),
    /** Written once the final Slack notice went out, so a second finalize does not repeat it. */
    finalSent: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'slack-final-sent')
});
function writeSettings(dir, settings) {
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(dir, { recursive: true, mode: 0o700 });
    const file = monitorFiles(dir).settings;
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(file, JSON.stringify(settings, null, 2), { mode: 0o600 });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.chmodSync)(file, 0o600);
    return file;
}
const readSettings = (file) => JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8'));
/**
 * The longest a monitor runs: GitHub ends any job within 6 hours on its own runners and 5 days on
 * self-hosted ones (its documented limits), so a monitor older than that has outlived its job.
 */
const monitorMaxLifetimeMs = (env = _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__/* .processEnv */ .H) => (env['RUNNER_ENVIRONMENT'] === 'github-hosted' ? 6 * 60 : 5 * 24 * 60) * 60_000;
/** The lock's heartbeat cadence: three beats per lease, so one lost write never makes it stale. */
const heartbeatInterval = (leaseMs) => Math.max(200, Math.floor(leaseMs / 3));
/** The settings for a deployment's monitor, from the inputs and what coordinate learned. */
function monitorSettings(config, deployment) {
    const jobPid = deployment.jobPid ?? process.ppid;
    return {
        correlationId: deployment.correlationId,
        environment: config.environment,
        stacks: config.stackNames,
        region: config.region,
        registryTable: deployment.registryTable,
        owner: deployment.owner,
        fence: deployment.fence,
        leaseMs: config.leaseMs,
        heartbeatMs: heartbeatInterval(config.leaseMs),
        monitorIntervalMs: config.monitorIntervalMs,
        watchEvents: config.monitor,
        acquiredAt: deployment.acquiredAt,
        jobPid,
        jobStartedAt: (0,_process_js__WEBPACK_IMPORTED_MODULE_4__/* .processStart */ .g)(jobPid),
        endsBy: new Date(Date.parse(deployment.acquiredAt) + monitorMaxLifetimeMs()).toISOString(),
        stallMs: config.stallTimeoutMs,
        overdueMs: deployment.overdueMs,
        progressIntervalMs: config.progressIntervalMs,
        criticalResourceTypes: config.criticalResourceTypes,
        ...(config.logGroup ? { logGroup: config.logGroup } : {}),
        ...(deployment.logsFailed ? { logsFailed: deployment.logsFailed } : {}),
        info: deployment.info,
        typeSeconds: deployment.typeSeconds,
        slack: config.slack && deployment.thread
            ? { apiUrl: config.slack.apiUrl, thread: deployment.thread }
            : undefined
    };
}
/**
 * What the detached monitor keeps of the job's environment: the AWS SDK's own variables
 * (credentials, region, endpoints, profile and CA files), Node's own switches, the runner's temp
 * folder and its tracking ID (by which the runner finds and ends it with the job), the system's
 * basics, and a proxy. Not the action's inputs (INPUT_*, the tokens among them), its state, or
 * the runner's tokens (ACTIONS_*, GITHUB_TOKEN).
 */
const MONITOR_ENV = [
    /^AWS_/,
    // Node's own switches: a proxy or the system's CA store (NODE_USE_ENV_PROXY, NODE_USE_SYSTEM_CA),
    // extra CA files, the options the job runs node with.
    /^NODE_/,
    // The system's basics, in either spelling (Windows writes Path, SystemRoot, USERPROFILE).
    /^(PATH|HOME|USER|USERPROFILE|HOMEDRIVE|HOMEPATH|SYSTEMROOT|WINDIR|APPDATA|LOCALAPPDATA|PROGRAMDATA|COMSPEC|LANG|LC_[A-Z]+|TZ|TMPDIR|TMP|TEMP)$/i,
    /^(RUNNER_TEMP|RUNNER_TRACKING_ID)$/,
    /^(HTTPS?_PROXY|ALL_PROXY|NO_PROXY)$/i,
    /^(SSL_CERT_FILE|SSL_CERT_DIR)$/
];
/** The monitor's environment: only what it needs of the job's (MONITOR_ENV). The Slack token comes on its stdin (`secret.ts`). */
function monitorEnv(env = _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__/* .processEnv */ .H) {
    return Object.fromEntries(Object.entries(env).filter(([name, value]) => value !== undefined && MONITOR_ENV.some((p) => p.test(name))));
}


/***/ }),

/***/ 4111:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ processAlive),
/* harmony export */   g: () => (/* binding */ processStart)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);

/**
 * Whether a process lives (one that exists but is another user's counts). With `startedAt` (its
 * `processStart`), a process that now has its pid but started at another time is not it: a pid
 * reused after the job's runner ended does not keep the monitor going.
 */
function processAlive(pid, startedAt) {
    if (pid === undefined || pid <= 1)
        return true;
    try {
        process.kill(pid, 0);
    }
    catch (err) {
        if (err.code !== 'EPERM')
            return false;
    }
    const stat = procStat(pid);
    // A zombie (ended, not yet reaped by its parent) is over.
    if (stat && (stat[0] === 'Z' || stat[0] === 'X'))
        return false;
    if (startedAt === undefined)
        return true;
    const now = stat?.[19];
    return now === undefined || now === startedAt;
}
/**
 * When a process started, as the kernel counts it (Linux: `/proc/<pid>/stat`, field 22, in clock
 * ticks since boot); undefined where that cannot be read (another system, no such process).
 */
function processStart(pid) {
    return procStat(pid)?.[19];
}
/** `/proc/<pid>/stat` from field 3 (the state) on; undefined where it cannot be read. */
function procStat(pid) {
    try {
        const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
        return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    }
    catch {
        return undefined;
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

/***/ 1623:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ envValue),
/* harmony export */   H: () => (/* binding */ processEnv)
/* harmony export */ });
const processEnv = process.env;
/** A variable of this process's environment (empty counts as unset). */
const envValue = (name, env = processEnv) => env[name] || undefined;


/***/ })

};
