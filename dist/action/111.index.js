export const id = 111;
export const ids = [111];
export const modules = {

/***/ 4131:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Uw: () => (/* binding */ State),
/* harmony export */   tY: () => (/* binding */ Outputs),
/* harmony export */   yU: () => (/* binding */ ExitCode)
/* harmony export */ });
/** Keys saved with core.saveState and read back (as STATE_<key>) by later stages. */
const State = {
    CorrelationId: 'correlation-id',
    PreRan: 'pre-ran',
    Result: 'result',
    AcquiredAt: 'acquired-at',
    /** When coordinate's own repairs ended (CloudFormation's time): this deployment's events come after. */
    DeployFrom: 'deploy-from',
    QueuedAt: 'queued-at',
    /** Each stack's DeploymentCorrelationId tag as the deploy step found it (JSON): whose tag is new. */
    TagsBefore: 'tags-before',
    Registry: 'registry',
    Fence: 'fence',
    /** Why a step could not write the deployment's CloudWatch Logs stream (said once, in that step). */
    LogsFailed: 'logs-failed',
    /** The lock's owner token for this run attempt: never logged, never an output. */
    Owner: 'owner',
    TicketSeq: 'ticket-seq',
    MonitorPid: 'monitor-pid',
    MonitorDir: 'monitor-dir',
    SlackThread: 'slack-thread',
    /** The freeze that held this run, or that it overrode (JSON, for the summary). */
    Freeze: 'freeze',
    /** The questions asked in Slack, their answers and who gave them (JSON, for the record and the summary). */
    Answered: 'slack-answered',
    DeploymentId: 'github-deployment-id'
};
const Outputs = {
    CorrelationId: 'correlation-id',
    Result: 'result',
    Registry: 'registry',
    WaitedSeconds: 'waited-seconds',
    QueuePosition: 'queue-position',
    ActiveCorrelationId: 'active-correlation-id',
    StackStatus: 'stack-status',
    ConsoleUrl: 'console-url',
    EstimatedMinutes: 'estimated-minutes',
    CfnTags: 'cfn-tags',
    Validation: 'validation',
    FencingToken: 'fencing-token'
};
/** Exit status of the coordinate stage and of the CLI. */
const ExitCode = { Ok: 0, Failed: 1, Concurrent: 2 };


/***/ }),

/***/ 2298:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M$: () => (/* binding */ DISPLAY_MAX),
/* harmony export */   SP: () => (/* binding */ shown),
/* harmony export */   WV: () => (/* binding */ displayText),
/* harmony export */   oi: () => (/* binding */ safeJson)
/* harmony export */ });
/**
 * Text from outside (the registry's items, a stack's tags, what an operator typed) as a terminal
 * may show it. Escaped, so that nothing in it can act on the terminal or on how the line reads:
 * the C0 controls (a terminal escape starts with ESC, U+001B), DEL, the C1 controls (U+009B is a
 * CSI of its own), the line and paragraph separators, the bidirectional controls (U+200E, U+200F,
 * U+202A to U+202E, U+2066 to U+2069: they reorder what follows them), the zero-width characters
 * (U+200B to U+200D, U+FEFF: they hide a difference) and unpaired surrogates. Each becomes a
 * visible escape in JSON's spelling (`\n`, `\t`, `\u001b`, `\u202e`), the same characters that
 * `reasonProblem` refuses in a reason.
 */
const HIDDEN = 
// eslint-disable-next-line no-control-regex
/[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** HIDDEN less what JSON.stringify escapes itself (C0, unpaired surrogates) or writes between tokens. */
const HIDDEN_IN_JSON = /[\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const SHORT = {
    '\b': '\\b',
    '\t': '\\t',
    '\n': '\\n',
    '\f': '\\f',
    '\r': '\\r'
};
const escapeOne = (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
/** The longest stored text shown in full: a freeze's or an unlock's reason (REASON_MAX) fits. */
const DISPLAY_MAX = 500;
/** The first `max` characters, without splitting a surrogate pair. */
function cut(text, max) {
    if (text.length <= max)
        return text;
    const head = text.slice(0, max);
    return /[\ud800-\udbff]$/.test(head) ? head.slice(0, -1) : head;
}
/**
 * Stored text as the CLI and the messages show it, unquoted: the characters above escaped, and a
 * value longer than `max` cut there, with `… (N characters)` saying how long it was. Anything that
 * is not a string (an item written by hand) is shown as its string form.
 */
function displayText(value, max = DISPLAY_MAX) {
    const text = typeof value === 'string' ? value : String(value);
    const head = cut(text, max);
    const shownHead = head.replace(HIDDEN, escapeOne);
    return head === text ? shownHead : `${shownHead}… (${text.length} characters)`;
}
/**
 * What an operator typed (or an input's value), quoted for a refusal: a JSON string (quotes and
 * backslashes escaped) with the characters above escaped, cut at `max` (80) characters as
 * displayText cuts.
 */
function shown(value, max = 80) {
    const text = typeof value === 'string' ? value : String(value);
    const head = cut(text, max);
    const quoted = `"${head.replace(/["\\]/g, '\\$&').replace(HIDDEN, escapeOne)}"`;
    return head === text ? quoted : `${quoted}… (${text.length} characters)`;
}
/**
 * `value` as JSON (`indent` as JSON.stringify's) that parses back to exactly the same values, with
 * the characters above written as `\u` escapes: JSON.stringify escapes only the C0 controls, and
 * leaves DEL, C1, the separators, bidirectional and zero-width characters as they are. Outside
 * strings JSON has none of them, so only string contents change, and only in their spelling.
 */
function safeJson(value, indent) {
    return (JSON.stringify(value, null, indent) ?? 'null').replace(HIDDEN_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}


/***/ }),

/***/ 1265:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gx: () => (/* binding */ minutes),
/* harmony export */   YA: () => (/* binding */ seconds),
/* harmony export */   a3: () => (/* binding */ formatDuration)
/* harmony export */ });
/** Human durations for logs and messages: `45s`, `4m 05s`, `1h 02m`. */
function formatDuration(ms) {
    // Sub-second intervals (tests, tight polling) would otherwise read '0s'.
    if (ms > 0 && ms < 1000)
        return `${Math.round(ms)}ms`;
    const total = Math.max(0, Math.round(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    if (h > 0)
        return `${h}h ${String(m).padStart(2, '0')}m`;
    if (m > 0)
        return `${m}m ${String(s).padStart(2, '0')}s`;
    return `${s}s`;
}
const minutes = (n) => n * 60_000;
const seconds = (n) => n * 1000;


/***/ }),

/***/ 806:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BE: () => (/* binding */ PRIORITIES),
/* harmony export */   Ht: () => (/* binding */ atLeastAsHigh),
/* harmony export */   a2: () => (/* binding */ priorityOf),
/* harmony export */   p7: () => (/* binding */ servedBefore)
/* harmony export */ });
const PRIORITIES = ['normal', 'high'];
const RANK = { normal: 0, high: 1 };
/** A ticket written before priorities existed (no priority attribute) is normal. */
const priorityOf = (t) => t.priority ?? 'normal';
/** Whether `a` is of a priority at least as high as `b`'s (a newer run supersedes only such). */
const atLeastAsHigh = (a, b) => RANK[priorityOf(a)] >= RANK[priorityOf(b)];
/**
 * Whether ticket `a` is served before ticket `b`: a higher priority first, then the lower number
 * (arrival order) within one priority. A holder is never part of this: nobody is pre-empted.
 */
function servedBefore(a, b) {
    const ra = RANK[priorityOf(a)];
    const rb = RANK[priorityOf(b)];
    return ra !== rb ? ra > rb : a.seq < b.seq;
}


/***/ }),

/***/ 3892:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ DeploymentLog),
/* harmony export */   t: () => (/* binding */ LOG_FLUSH_INTERVAL_MS)
/* harmony export */ });
/* harmony import */ var _report_markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8781);
/* harmony import */ var _events_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2390);


/** How often buffered events are sent while a stage runs (a wait, the monitor). */
const LOG_FLUSH_INTERVAL_MS = 5_000;
/** `[correlation-id] ` at the start of each line: the event has the ID as a field of its own. */
const untag = (message) => message
    .split('\n')
    .map((l) => l.replace(/^\[[^\]\s]+\] /, ''))
    .join('\n');
class DeploymentLog {
    inner;
    now;
    early = [];
    shipper;
    context;
    timer;
    constructor(inner, now = Date.now) {
        this.inner = inner;
        this.now = now;
    }
    info(message) {
        this.inner.info(message);
        this.line('info', message);
    }
    debug(message) {
        this.inner.debug(message);
        this.line('debug', message);
    }
    warning(message, props) {
        this.inner.warning(message, props);
        this.line('warning', message, props?.title ? { title: props.title } : undefined);
    }
    error(message, props) {
        this.inner.error(message, props);
        this.line('error', message, props?.title ? { title: props.title } : undefined);
    }
    /** A milestone with the fields a query looks for (an outcome and its duration), not printed. */
    event(message, fields) {
        this.line('info', message, fields);
    }
    /** Fields every later event carries (the fence once taken, the outcome once known). */
    note(fields) {
        if (this.context)
            this.context = { ...this.context, ...fields };
    }
    /** Sends the stage's lines to the deployment's stream from here on (and those written before). */
    start(shipper, context) {
        this.shipper = shipper;
        this.context = context;
        for (const l of this.early ?? [])
            this.ship(l);
        this.early = undefined;
        this.timer = setInterval(() => void shipper.flush(), LOG_FLUSH_INTERVAL_MS);
        this.timer.unref();
    }
    /** No stream (no log-group): nothing is kept. */
    off() {
        this.early = undefined;
    }
    get stream() {
        return this.shipper;
    }
    /** Sends what is left; the stage's end. */
    async close() {
        if (this.timer)
            clearInterval(this.timer);
        await this.shipper?.flush();
    }
    /** The job summary's section: the stream in the console, what was sent, what was not and why. */
    async summarySection(region, adopt) {
        const s = this.shipper;
        if (!s)
            return '';
        s.adopt(adopt);
        await s.flush();
        const url = (0,_events_js__WEBPACK_IMPORTED_MODULE_0__/* .streamConsoleUrl */ .zq)(region, s.group, s.stream);
        const lines = [
            '### CloudWatch Logs',
            '',
            `Stream ${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)(`${s.group} ${s.stream}`, url).md}: ${s.sent} event(s) sent by this step.`
        ];
        if (s.lost > 0 || s.failure)
            lines.push('', `Not delivered: ${s.lost} event(s)${s.failure ? ` (${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(s.failure)})` : ''}. The deployment itself was not affected.`);
        return `${lines.join('\n')}\n`;
    }
    line(level, message, fields) {
        const l = { at: this.now(), level, text: untag(message), fields };
        if (this.early)
            this.early.push(l);
        else if (this.shipper)
            this.ship(l);
    }
    ship(l) {
        this.shipper.add({
            timestamp: l.at,
            message: (0,_events_js__WEBPACK_IMPORTED_MODULE_0__/* .eventMessage */ ._X)(this.context, l.at, l.level, l.text, l.fields)
        });
    }
}


/***/ }),

/***/ 2390:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WB: () => (/* binding */ streamName),
/* harmony export */   Xy: () => (/* binding */ batches),
/* harmony export */   _X: () => (/* binding */ eventMessage),
/* harmony export */   zq: () => (/* binding */ streamConsoleUrl)
/* harmony export */ });
/* unused harmony export PUT_LOG_EVENTS */
/**
 * The deployment's log in CloudWatch Logs, as pure data: every line a stage or the monitor writes
 * becomes one JSON event (time, correlation ID, environment, stage, level, message, and the fields
 * that matter), in one stream per deployment, sent in batches within PutLogEvents' limits.
 */
/** PutLogEvents' limits (the service refuses a batch past any of them). */
const PUT_LOG_EVENTS = {
    maxEvents: 10_000,
    maxBytes: 1_048_576,
    overheadBytes: 26,
    maxSpanMs: 24 * 3_600_000,
    /** One event's message; longer ones are cut (well under the service's own limit). */
    maxMessageBytes: 256 * 1024 - 26
};
/** The stream of a deployment: `<environment>/<correlation-id>` (':' and '*' are not allowed). */
const streamName = (environment, correlationId) => `${environment}/${correlationId}`.replace(/[:*]/g, '_').slice(0, 512);
/** The event's JSON: the context's fields, then the line's own. */
function eventMessage(context, at, level, message, fields = {}) {
    const json = JSON.stringify({
        time: new Date(at).toISOString(),
        ...context,
        level,
        message,
        ...fields
    });
    return Buffer.byteLength(json) <= PUT_LOG_EVENTS.maxMessageBytes
        ? json
        : JSON.stringify({
            time: new Date(at).toISOString(),
            ...context,
            level,
            message: `${message.slice(0, 16_384)} (cut: the line was longer than a log event may be)`
        });
}
/**
 * The events in time order (stable: lines of one moment keep their order), cut into batches
 * PutLogEvents accepts: at most 10,000 events, 1 MiB with 26 bytes per event, 24 hours from the
 * first to the last.
 */
function batches(events) {
    const sorted = events
        .map((e, i) => ({ e, i }))
        .sort((a, b) => a.e.timestamp - b.e.timestamp || a.i - b.i)
        .map(({ e }) => e);
    const out = [];
    let batch = [];
    let bytes = 0;
    for (const e of sorted) {
        const size = Buffer.byteLength(e.message) + PUT_LOG_EVENTS.overheadBytes;
        const full = batch.length >= PUT_LOG_EVENTS.maxEvents ||
            bytes + size > PUT_LOG_EVENTS.maxBytes ||
            (batch.length > 0 && e.timestamp - batch[0].timestamp > PUT_LOG_EVENTS.maxSpanMs);
        if (full) {
            out.push(batch);
            batch = [];
            bytes = 0;
        }
        batch.push(e);
        bytes += size;
    }
    if (batch.length > 0)
        out.push(batch);
    return out;
}
/** The stream in the CloudWatch console (its path segments are encoded twice, with `$` for `%`). */
function streamConsoleUrl(region, group, stream) {
    const enc = (s) => encodeURIComponent(encodeURIComponent(s)).replace(/%/g, '$');
    return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${enc(group)}/log-events/${enc(stream)}`;
}


/***/ }),

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

/***/ 3748:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ createLogger)
/* harmony export */ });
/** Every line tagged with the correlation ID (each line of a message: the runner reads lines). */
function createLogger(correlationId, sink) {
    const tag = (message) => message
        .split('\n')
        .map((line) => `[${correlationId}] ${line}`)
        .join('\n');
    return {
        correlationId,
        info: (m) => sink.info(tag(m)),
        debug: (m) => sink.debug(tag(m)),
        warning: (m, p) => sink.warning(tag(m), p),
        error: (m, p) => sink.error(tag(m), p)
    };
}


/***/ }),

/***/ 8781:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cr: () => (/* binding */ bold),
/* harmony export */   X1: () => (/* binding */ escapeText),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   fj: () => (/* binding */ join),
/* harmony export */   nf: () => (/* binding */ link),
/* harmony export */   tp: () => (/* binding */ table)
/* harmony export */ });
/* unused harmony export md */
/**
 * The job summary's markdown, built so that outside text (a stack's status reason, a Slack
 * error, an event) can never break it: every cell is escaped unless it is markdown this code
 * built itself from escaped parts.
 */
/** Outside text, safe in a table cell or a line: no `|` splits a row, no newline ends it, no HTML. */
function escapeText(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/\\/g, '\\\\')
        .replace(/\|/g, '\\|')
        .replace(/\r?\n|\r/g, ' ');
}
const cell = (c) => (typeof c === 'string' ? escapeText(c) : c.md);
const md = (text) => ({ md: text });
const code = (text) => md(`\`${text.replace(/`/g, "'")}\``);
const bold = (text) => md(`**${escapeText(text)}**`);
/** Characters that would end a markdown link's URL or break out of it, percent-encoded. */
const urlSafe = (url) => url.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const link = (text, url) => md(`[${escapeText(text).replace(/[[\]]/g, '\\$&')}](${urlSafe(url)})`);
const join = (...parts) => md(parts.map(cell).join(''));
/** A markdown table; `head` empty gives the two-column key/value table without a header row. */
function table(head, rows) {
    const width = Math.max(head.length, ...rows.map((r) => r.length));
    const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
    const header = head.length > 0 ? head : Array.from({ length: width }, () => '');
    return [
        head.length > 0 ? line(header) : `|${' |'.repeat(width)}`,
        `|${'---|'.repeat(width)}`,
        ...rows.map(line)
    ];
}


/***/ }),

/***/ 9146:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ systemClock),
/* harmony export */   y: () => (/* binding */ sleep)
/* harmony export */ });
/** The wall clock. */
const systemClock = { now: () => Date.now() };
/** A sleep that an abort ends at once (resolving, never rejecting). */
const sleep = (ms, signal) => new Promise((resolve) => {
    if (signal?.aborted)
        return resolve();
    const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
});


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


/***/ }),

/***/ 2519:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  W3: () => (/* binding */ openLogShipper),
  A_: () => (/* binding */ startDeploymentLog)
});

// UNUSED EXPORTS: LOGS_WARNING_TITLE

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./.tmp/js/logs/events.js
var logs_events = __webpack_require__(2390);
;// CONCATENATED MODULE: ./.tmp/js/logs/shipper.js
/**
 * Sends a deployment's log events to its stream. A missing group or an outage never fails or
 * slows a deployment: after the first failed call nothing more is tried in this process (one
 * warning), and what was not sent is kept in the deployment's spool file, which the post step
 * sends with its own (and counts what it still cannot).
 */


class LogShipper {
    port;
    group;
    stream;
    warn;
    describe;
    spoolFile;
    earlierFailure;
    buffer = [];
    streamReady = false;
    broken;
    sending = Promise.resolve();
    /** Events the service took. */
    sent = 0;
    /** Events kept in the spool for a later step. */
    kept = 0;
    /** Events that will never reach the stream (the service left them out, or there is no later step). */
    lost = 0;
    constructor(port, group, stream, warn, describe, 
    /** Where unsent events wait for a later step; none: this is the last step (they are lost). */
    spoolFile, 
    /**
     * An earlier step of the job could not write the stream (and said so): a step with a spool
     * keeps its events there without trying; the last step tries once more, and says nothing new.
     */
    earlierFailure) {
        this.port = port;
        this.group = group;
        this.stream = stream;
        this.warn = warn;
        this.describe = describe;
        this.spoolFile = spoolFile;
        this.earlierFailure = earlierFailure;
        if (earlierFailure && spoolFile)
            this.broken = earlierFailure;
    }
    add(event) {
        this.buffer.push(event);
    }
    /** Why the stream could not be written, once a call failed. */
    get failure() {
        return this.broken;
    }
    /** Takes the events earlier steps could not send (their spool files are consumed). */
    adopt(files) {
        for (const file of files)
            this.safely(() => this.adoptOne(file));
    }
    adoptOne(file) {
        if (!(0,external_node_fs_.existsSync)(file))
            return;
        // Taken away first: a line another process appends meanwhile goes to a new file, not lost.
        const taken = `${file}.${process.pid}.sending`;
        (0,external_node_fs_.renameSync)(file, taken);
        for (const line of (0,external_node_fs_.readFileSync)(taken, 'utf8').split('\n')) {
            if (!line.startsWith('{'))
                continue;
            try {
                const e = JSON.parse(line);
                if (typeof e.timestamp === 'number' && typeof e.message === 'string')
                    this.buffer.push(e);
            }
            catch {
                // A torn last line: nothing to send.
            }
        }
        (0,external_node_fs_.rmSync)(taken, { force: true });
    }
    /** Sends what is buffered, one flush at a time (in order). */
    flush() {
        // Never rejects: a log that cannot be written must not end a step (or the monitor).
        this.sending = this.sending.then(() => this.send()).catch(() => undefined);
        return this.sending;
    }
    async send() {
        const events = this.buffer;
        this.buffer = [];
        if (events.length === 0)
            return;
        if (this.broken)
            return this.keep(events);
        const parts = (0,logs_events/* batches */.Xy)(events);
        for (let i = 0; i < parts.length; i++) {
            try {
                if (!this.streamReady) {
                    await this.port.createStream(this.group, this.stream);
                    this.streamReady = true;
                }
                const left = await this.port.put(this.group, this.stream, parts[i]);
                this.lost += left;
                this.sent += parts[i].length - left;
            }
            catch (err) {
                this.broken = this.describe(err);
                const unsent = parts.slice(i).flat();
                if (!this.earlierFailure)
                    this.safely(() => this.warn(`CloudWatch Logs: could not write to ${this.group} ${this.stream} (${this.broken}). The deployment goes on; ${unsent.length} event(s) ${this.spoolFile ? 'are kept for the post step' : 'could not be sent'}.`));
                return this.keep(unsent);
            }
        }
    }
    keep(events) {
        const file = this.spoolFile;
        const kept = file !== undefined &&
            this.safely(() => (0,external_node_fs_.appendFileSync)(file, events.map((e) => `${JSON.stringify(e)}\n`).join(''), {
                mode: 0o600
            }));
        if (kept)
            this.kept += events.length;
        else
            this.lost += events.length;
    }
    /** True when `act` ran; false when it threw (a full disk, a folder gone): counted, never raised. */
    safely(act) {
        try {
            act();
            return true;
        }
        catch {
            return false;
        }
    }
}

// EXTERNAL MODULE: ./.tmp/js/monitor/files.js
var files = __webpack_require__(7101);
// EXTERNAL MODULE: ./.tmp/js/config/state.js
var state = __webpack_require__(4131);
// EXTERNAL MODULE: ./.tmp/js/runtime/run-context.js
var run_context = __webpack_require__(6335);
;// CONCATENATED MODULE: ./.tmp/js/runtime/logs.js






/** The warning's title when the stream cannot be written (once a step). */
const LOGS_WARNING_TITLE = 'CloudWatch Logs unavailable';
/**
 * The deployment's stream for this step, when `log-group` is set (the Logs client is loaded only
 * then). Steps before the post keep what they cannot send in the deployment's folder; the post step
 * is the last, and counts what it cannot send.
 */
async function openLogShipper(config, correlationId, log, last, 
/** The job's record that a step could not write the stream (one warning a job). */
failed) {
    if (!config.logGroup)
        return undefined;
    const { cloudWatchLogs, describeLogsError } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(303), __webpack_require__.e(822)]).then(__webpack_require__.bind(__webpack_require__, 3822));
    const dir = (0,files/* monitorDir */.yO)(correlationId);
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true, mode: 0o700 });
    return new LogShipper(cloudWatchLogs(config.region), config.logGroup, (0,logs_events/* streamName */.WB)(config.environment, correlationId), (message) => {
        log.warning(message, { title: LOGS_WARNING_TITLE });
        failed?.record(message);
    }, describeLogsError, last ? undefined : (0,files/* monitorFiles */.Sy)(dir).logsSpool, failed?.reason || undefined);
}
/** Starts sending a stage's log to the deployment's stream (or lets go of what it kept). */
async function startDeploymentLog(logs, config, stage, log, io) {
    // In state for the job's later steps, and in the deployment's folder for split sub-actions.
    const marker = (0,files/* monitorFiles */.Sy)((0,files/* monitorDir */.yO)(log.correlationId)).logsFailed;
    const shipper = await openLogShipper(config, log.correlationId, log, stage === 'finalize', {
        reason: io.getState(state/* State */.Uw.LogsFailed) || ((0,external_node_fs_.existsSync)(marker) ? (0,external_node_fs_.readFileSync)(marker, 'utf8') : ''),
        record: (reason) => {
            io.saveState(state/* State */.Uw.LogsFailed, reason);
            try {
                (0,external_node_fs_.writeFileSync)(marker, reason, { mode: 0o600 });
            }
            catch {
                // The state is enough where there is no folder.
            }
        }
    });
    if (!shipper)
        return logs.off();
    logs.start(shipper, {
        correlationId: log.correlationId,
        environment: config.environment,
        stage,
        stacks: config.stackNames,
        ...((0,run_context/* runContext */.p)().runUrl ? { runUrl: (0,run_context/* runContext */.p)().runUrl } : {})
    });
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


/***/ })

};
