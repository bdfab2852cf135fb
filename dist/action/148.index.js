export const id = 148;
export const ids = [148];
export const modules = {

/***/ 7364:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./.tmp/js/config/config.js + 2 modules
var config_config = __webpack_require__(9358);
// EXTERNAL MODULE: ./.tmp/js/config/inputs.js
var inputs = __webpack_require__(4161);
// EXTERNAL MODULE: ./.tmp/js/config/state.js
var state = __webpack_require__(4131);
// EXTERNAL MODULE: ./.tmp/js/domain/correlation-id.js
var correlation_id = __webpack_require__(8036);
// EXTERNAL MODULE: ./.tmp/js/report/logger.js
var logger = __webpack_require__(3748);
// EXTERNAL MODULE: ./.tmp/js/runtime/run-context.js
var run_context = __webpack_require__(6335);
// EXTERNAL MODULE: ./.tmp/js/runtime/clients.js + 1 modules
var clients = __webpack_require__(5366);
;// CONCATENATED MODULE: ./.tmp/js/cli/command.js

/** The refusal of a command that needs a table when none is configured; undefined when it may run. */
function needTable(name, command, config) {
    if (!command.needsTable || config.registryTable)
        return undefined;
    return `${name} needs --registry-table: ${command.needsTable}`;
}
const registryChoice = (config) => ({
    table: config.registryTable,
    region: config.region,
    environment: config.environment
});
/** The stacks and the registry of the configured environment (opened, not yet called). */
async function openClients(config) {
    const [reader, registry] = await Promise.all([
        (0,clients/* cloudFormationReader */.oE)(config.region),
        (0,clients/* openRegistry */.Me)(registryChoice(config))
    ]);
    return { reader, registry };
}
/** The registry alone, for the commands that do not read the stacks. */
const registryFor = (config) => (0,clients/* openRegistry */.Me)(registryChoice(config));
/** A string option, when given. */
const str = (ctx, name) => typeof ctx.options[name] === 'string' ? ctx.options[name] : undefined;
/** The result: `data` as JSON with --json, else `text`. */
function emit(ctx, data, text) {
    ctx.out(ctx.json ? JSON.stringify(data, null, 2) : text);
}
/** Owner tokens stay in the table: they are identities, not something to print. */
const withoutOwner = (x) => {
    const { owner: _owner, ...rest } = x;
    return rest;
};

// EXTERNAL MODULE: ./.tmp/js/domain/durations.js
var durations = __webpack_require__(1265);
// EXTERNAL MODULE: ./.tmp/js/domain/expectation.js
var expectation = __webpack_require__(9338);
// EXTERNAL MODULE: ./.tmp/js/domain/past-operations.js
var past_operations = __webpack_require__(813);
;// CONCATENATED MODULE: ./.tmp/js/cli/history.js






// The commands that read finished deployments: history and estimate.
const NO_HISTORY = 'without a registry there is no lock, queue or history.';
const DEFAULT_LIMIT = 20;
/** How many finished deployments an estimate looks at. */
const ESTIMATE_SAMPLE = 100;
const history_history = {
    summary: 'Recent deployments of an environment: outcome, duration, stacks.',
    usage: '--stack-name NAMES --registry-table TABLE [--limit N] [--json]',
    options: { limit: { type: 'string' } },
    needsTable: NO_HISTORY,
    async run(ctx) {
        const { config } = ctx;
        const { history } = await registryFor(config);
        const limit = Number(str(ctx, 'limit') ?? String(DEFAULT_LIMIT));
        const entries = await history.recent(config.environment, Number.isInteger(limit) && limit > 0 ? limit : DEFAULT_LIMIT);
        emit(ctx, entries, entries.length === 0
            ? `${config.environment}: no history yet.`
            : entries
                .map((e) => `${e.endedAt}  ${e.outcome.padEnd(13)} ${(0,durations/* formatDuration */.a3)(e.durationMs).padStart(8)}  ${e.correlationId}  ${e.stacks.join(',')}${(0,past_operations/* pastOperationKind */.UJ)(e.correlationId) ? "  (from CloudFormation's event history)" : ''}`)
                .join('\n'));
        return state/* ExitCode */.yU.Ok;
    }
};
const estimate = {
    summary: 'Expected duration of a deployment of these stacks, from history.',
    usage: '--stack-name NAMES --registry-table TABLE [--json]',
    options: {},
    needsTable: NO_HISTORY,
    async run(ctx) {
        const { config } = ctx;
        const { history } = await registryFor(config);
        const found = (0,expectation/* historyEstimate */.J)(await history.recent(config.environment, ESTIMATE_SAMPLE), config.stackNames);
        const fallback = config.expectedDurationMs ?? config_config/* DEFAULT_EXPECTED_DURATION_MS */.PP;
        emit(ctx, found ?? { expectedMs: fallback, samples: 0 }, found
            ? `Expected ${(0,durations/* formatDuration */.a3)(found.expectedMs)} (${found.basis}).`
            : `Expected ${(0,durations/* formatDuration */.a3)(fallback)}: no history yet.`);
        return state/* ExitCode */.yU.Ok;
    }
};

// EXTERNAL MODULE: ./.tmp/js/coordination/wait-for-turn.js + 4 modules
var wait_for_turn = __webpack_require__(1003);
;// CONCATENATED MODULE: ./.tmp/js/cli/lock.js



// The commands that free a lock: release (one acquisition) and unlock (whoever holds it).
const NO_LOCK = 'without a registry there is no lock, queue or history.';
const OUTCOMES = ['succeeded', 'failed', 'no-change', 'cancelled'];
const release = {
    summary: 'Release a lock by correlation ID and fencing token (a no-op, exit 1, when it is not held by them).',
    usage: '--stack-name NAMES --registry-table TABLE --correlation-id ID --fence N [--outcome succeeded|failed]',
    options: { fence: { type: 'string' }, outcome: { type: 'string' } },
    needsTable: NO_LOCK,
    async run(ctx) {
        const { config } = ctx;
        const id = config.correlationId;
        const fence = Number(str(ctx, 'fence'));
        if (!id || !Number.isInteger(fence) || fence < 1) {
            ctx.err(`release needs --correlation-id and --fence (a whole number from 1), got ${JSON.stringify(id ?? '')} and ${JSON.stringify(str(ctx, 'fence') ?? '')}.`);
            return state/* ExitCode */.yU.Failed;
        }
        const outcome = str(ctx, 'outcome') ?? 'succeeded';
        if (!OUTCOMES.includes(outcome)) {
            ctx.err(`--outcome is ${JSON.stringify(outcome)}: expected succeeded, failed, no-change or cancelled.`);
            return state/* ExitCode */.yU.Failed;
        }
        const { lock, records } = await registryFor(config);
        const released = await lock.release(config.environment, { correlationId: id, fence }, outcome);
        if (released)
            await records.addTransition(id, {
                state: 'released',
                at: new Date().toISOString(),
                note: `from the command line (${outcome})`
            }, { outcome });
        emit(ctx, { released }, released
            ? `Released ${config.environment} (${id}, fencing token ${fence}).`
            : `Not released: ${config.environment} is not held by ${id} with fencing token ${fence}.`);
        return released ? state/* ExitCode */.yU.Ok : state/* ExitCode */.yU.Failed;
    }
};
const unlock = {
    summary: "Clear the lock whoever holds it. Needs --force and --reason; recorded on the holder's record.",
    usage: '--stack-name NAMES --registry-table TABLE --force --reason TEXT',
    options: { force: { type: 'boolean' }, reason: { type: 'string' } },
    needsTable: NO_LOCK,
    async run(ctx) {
        const { config, operator: by } = ctx;
        const reason = str(ctx, 'reason')?.trim();
        if (!ctx.options['force'] || !reason) {
            ctx.err('unlock needs --force and --reason TEXT: it takes the lock from whoever holds it.');
            return state/* ExitCode */.yU.Failed;
        }
        const { lock, records } = await registryFor(config);
        const previous = await lock.forceUnlock(config.environment, reason, by);
        if (previous) {
            await records.addTransition(previous.correlationId, {
                state: 'force-unlocked',
                at: new Date().toISOString(),
                note: `by ${by}: ${reason}`
            });
        }
        emit(ctx, { unlocked: Boolean(previous), previous: previous && withoutOwner(previous) }, previous
            ? `Unlocked ${config.environment}: was held by ${(0,wait_for_turn/* describeHolder */.sG)(previous)}. Recorded: by ${by}: ${reason}`
            : `${config.environment} was not locked.`);
        return state/* ExitCode */.yU.Ok;
    }
};

// EXTERNAL MODULE: ./.tmp/js/domain/findings.js
var domain_findings = __webpack_require__(8336);
// EXTERNAL MODULE: ./.tmp/js/runtime/stage.js
var stage = __webpack_require__(1130);
;// CONCATENATED MODULE: ./.tmp/js/cli/readiness.js






// The commands that look and take nothing: status, can-deploy, wait.
/** Whether a deployment could start now, and why not. */
async function readiness(ctx) {
    const { config } = ctx;
    const { reader, registry } = await openClients(config);
    const [stacks, view] = await Promise.all([
        reader.describeStacks(config.stackNames),
        registry.lock.view(config.environment)
    ]);
    const findings = [
        ...(0,domain_findings/* activeDeploymentFindings */.mh)(stacks),
        ...(0,domain_findings/* otherFindings */.jE)(stacks, { registryConfigured: Boolean(config.registryTable) })
    ];
    const reasons = [
        ...(view.lock.holder ? [`lock held by ${(0,wait_for_turn/* describeHolder */.sG)(view.lock.holder)}`] : []),
        ...(view.tickets.length > 0 ? [`${view.tickets.length} run(s) queued`] : []),
        ...(0,domain_findings/* blocking */.ub)(findings).map((f) => `${f.code}: ${f.message}`)
    ];
    return { reader, registry, stacks, view, findings, reasons };
}
const readiness_status = {
    summary: 'Show the lock, the queue and the stacks of an environment.',
    usage: '--stack-name NAMES [--environment NAME] [--registry-table TABLE] [--json]',
    options: {},
    async run(ctx) {
        const { config } = ctx;
        const { stacks, view, registry, reader } = await readiness(ctx);
        const lines = [
            `Environment ${config.environment} (${config.registryTable ? `registry ${config.registryTable}` : 'CloudFormation only'})`,
            view.lock.holder
                ? `  Lock: held by ${(0,wait_for_turn/* describeHolder */.sG)(view.lock.holder)}, fencing token ${view.lock.fence}`
                : `  Lock: free${view.lock.lastHolder ? ` (last: ${view.lock.lastHolder}, ${view.lock.lastOutcome ?? 'no outcome'}, released ${view.lock.releasedAt ?? '?'})` : ''}`,
            `  Queue: ${view.tickets.length === 0 ? 'empty' : view.tickets.map((t) => `#${t.seq} ${t.correlationId} (${t.run.runUrl ?? 'no run link'}) since ${t.enqueuedAt}`).join('\n         ')}`,
            ...stacks.map((s) => `  Stack ${s.name}: ${s.status}  ${reader.consoleUrl(s)}`)
        ];
        emit(ctx, {
            environment: config.environment,
            registry: registry.lock.kind,
            lock: view.lock.holder
                ? { ...view.lock, holder: withoutOwner(view.lock.holder) }
                : view.lock,
            queue: view.tickets.map(withoutOwner),
            stacks: stacks.map((s) => ({ name: s.name, status: s.status }))
        }, lines.join('\n'));
        return state/* ExitCode */.yU.Ok;
    }
};
const canDeploy = {
    summary: 'Exit 0 when a deployment could start now, 2 when another is active or queued, 1 when a stack blocks.',
    usage: '--stack-name NAMES [--environment NAME] [--registry-table TABLE] [--json]',
    options: {},
    async run(ctx) {
        const { reasons, findings } = await readiness(ctx);
        const blocked = (0,domain_findings/* blocking */.ub)(findings).some((f) => f.code !== 'STACK_IN_PROGRESS');
        const busy = reasons.length > 0 && !blocked;
        emit(ctx, { canDeploy: reasons.length === 0, reasons, findings }, reasons.length === 0
            ? `${ctx.config.environment}: free to deploy.`
            : `${ctx.config.environment}: not now.\n  ${reasons.join('\n  ')}`);
        return reasons.length === 0 ? state/* ExitCode */.yU.Ok : busy ? state/* ExitCode */.yU.Concurrent : state/* ExitCode */.yU.Failed;
    }
};
const wait = {
    summary: 'Wait until a deployment could start (exit 0), or give up after --wait-timeout-minutes (exit 2). Takes no lock.',
    usage: '--stack-name NAMES [--wait-timeout-minutes N] [--poll-interval-seconds N] [--json]',
    options: {},
    async run(ctx) {
        const { config } = ctx;
        const started = stage.systemClock.now();
        for (;;) {
            const { reasons, findings } = await readiness(ctx);
            const waited = stage.systemClock.now() - started;
            const stuck = (0,domain_findings/* blocking */.ub)(findings).filter((f) => f.code !== 'STACK_IN_PROGRESS');
            if (stuck.length > 0) {
                // Waiting cannot unblock these: someone has to act on the stack.
                emit(ctx, { canDeploy: false, waitedMs: waited, reasons }, `${config.environment}: blocked, waiting will not help.\n  ${reasons.join('\n  ')}`);
                return state/* ExitCode */.yU.Failed;
            }
            if (reasons.length === 0) {
                emit(ctx, { canDeploy: true, waitedMs: waited }, `${config.environment}: free after ${(0,durations/* formatDuration */.a3)(waited)}.`);
                return state/* ExitCode */.yU.Ok;
            }
            if (waited >= config.waitTimeoutMs) {
                emit(ctx, { canDeploy: false, waitedMs: waited, reasons }, `${config.environment}: still busy after ${(0,durations/* formatDuration */.a3)(waited)}.\n  ${reasons.join('\n  ')}`);
                return state/* ExitCode */.yU.Concurrent;
            }
            ctx.log.info(`Waiting: ${reasons.join('; ')}`);
            await (0,stage.sleep)(Math.min(config.pollIntervalMs, config.waitTimeoutMs - waited));
        }
    }
};

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./.tmp/js/cli/register.js







const register = {
    summary: 'Take the lock for a deployment made by hand (queuing up to --wait-timeout-minutes); prints its correlation ID and fencing token.',
    usage: '--stack-name NAMES --registry-table TABLE [--wait-timeout-minutes N] [--lease-minutes N] [--correlation-id ID]',
    help: 'Nothing heartbeats a lock taken here: release it before --lease-minutes pass, or others may take it over.',
    options: {},
    needsTable: 'without a registry there is no lock to take.',
    async run(ctx) {
        const { config, log } = ctx;
        const { reader, registry } = await openClients(config);
        const me = {
            correlationId: log.correlationId,
            // Nothing heartbeats a registered lock; it is released by correlation ID and fence.
            owner: (0,external_node_crypto_.randomUUID)(),
            environment: config.environment,
            stacks: config.stackNames,
            run: ctx.run,
            leaseMs: config.leaseMs
        };
        const turn = await (0,wait_for_turn/* waitForTurn */.qg)({
            reader,
            registry,
            log,
            clock: stage.systemClock,
            sleep: stage.sleep,
            fallback: (0,clients/* fallbackRegistry */.eq)(registryChoice(config))
        }, {
            me,
            arrival: await reader.describeStacks(config.stackNames),
            // Without --wait-timeout-minutes, register does not queue: busy means exit 2 at once.
            timeoutMs: str(ctx, 'wait-timeout-minutes') ? config.waitTimeoutMs : 0,
            pollIntervalMs: config.pollIntervalMs,
            expectedMs: config.expectedDurationMs ?? config_config/* DEFAULT_EXPECTED_DURATION_MS */.PP,
            estimateBasis: 'from the command line',
            skipSuperseded: false
        });
        // Fence 0 is CloudFormation's own lock (the table stopped answering): nothing anyone else sees.
        const holder = turn.kind === 'acquired' && turn.holder?.fence ? turn.holder : undefined;
        if (!holder) {
            emit(ctx, { acquired: false, waitedFor: turn.waitedFor.map(withoutOwner) }, `${config.environment}: busy; not registered.`);
            return state/* ExitCode */.yU.Concurrent;
        }
        await registry.records.putRecord({
            correlationId: me.correlationId,
            environment: config.environment,
            stacks: config.stackNames,
            run: me.run
        }, { state: 'queued', at: holder.acquiredAt, note: 'registered from the command line' });
        await registry.records.addTransition(me.correlationId, { state: 'acquired', at: holder.acquiredAt }, { fence: holder.fence });
        emit(ctx, { acquired: true, correlationId: me.correlationId, fence: holder.fence }, `Registered ${me.correlationId} on ${config.environment}, fencing token ${holder.fence}.\nRelease with: deploy-coordinator release --stack-name ${config.stackNames.join(',')} --environment ${config.environment} --registry-table ${config.registryTable} --correlation-id ${me.correlationId} --fence ${holder.fence}`);
        return state/* ExitCode */.yU.Ok;
    }
};

;// CONCATENATED MODULE: ./.tmp/js/cli/commands.js




/** Every command, in the order the usage lists them. */
const COMMANDS = {
    status: readiness_status,
    'can-deploy': canDeploy,
    wait: wait,
    register: register,
    release: release,
    history: history_history,
    estimate: estimate,
    unlock: unlock
};

// EXTERNAL MODULE: ./.tmp/js/runtime/env.js
var runtime_env = __webpack_require__(1623);
;// CONCATENATED MODULE: ./.tmp/js/cli/main.js










const USAGE = `Usage: deploy-coordinator <command> [options]

Commands:
${Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(11)} ${c.summary}`)
    .join('\n')}

Run 'deploy-coordinator <command> --help' for a command's options.
Exit status: 0 ok, 2 another deployment is active, 1 anything else.`;
const COMMON = `Options (the action's inputs, same names and defaults):
  --stack-name NAMES         stacks, comma separated (required)
  --environment NAME         lock scope (default: the first stack name)
  --region REGION            default AWS_REGION, then AWS_DEFAULT_REGION
  --registry-table TABLE     the DynamoDB registry table (default: CloudFormation only)
  --json                     machine-readable output
  --help                     this help`;
/** The action's inputs that make sense on a command line. */
const CONFIG_OPTIONS = [
    inputs/* Inputs */.G0.StackName,
    inputs/* Inputs */.G0.Environment,
    inputs/* Inputs */.G0.Region,
    inputs/* Inputs */.G0.RegistryTable,
    inputs/* Inputs */.G0.WaitTimeoutMinutes,
    inputs/* Inputs */.G0.PollIntervalSeconds,
    inputs/* Inputs */.G0.LeaseMinutes,
    inputs/* Inputs */.G0.CorrelationId,
    inputs/* Inputs */.G0.ExpectedDurationMinutes
];
/** Lines to stderr, so stdout holds only the command's result (and --json stays parseable). */
const stderrSink = {
    info: (m) => process.stderr.write(`${m}\n`),
    debug: () => undefined,
    warning: (m) => process.stderr.write(`warning: ${m}\n`),
    error: (m) => process.stderr.write(`error: ${m}\n`)
};
/**
 * The CLI's entry, and the one place it reads its process environment (`env`): the region, the
 * operator's name and the workflow run are passed down from here.
 */
async function runCli(argv, out = (t) => process.stdout.write(`${t}\n`), env = runtime_env/* processEnv */.H) {
    const [name, ...rest] = argv;
    if (!name) {
        process.stderr.write(`${USAGE}\n`);
        return state/* ExitCode */.yU.Failed;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
        out(USAGE);
        return state/* ExitCode */.yU.Ok;
    }
    const command = COMMANDS[name];
    if (!command) {
        process.stderr.write(`Unknown command '${name}'.\n\n${USAGE}\n`);
        return state/* ExitCode */.yU.Failed;
    }
    let values;
    try {
        ({ values } = (0,external_node_util_.parseArgs)({
            args: [...rest],
            strict: true,
            allowPositionals: false,
            options: {
                ...Object.fromEntries(CONFIG_OPTIONS.map((o) => [o, { type: 'string' }])),
                ...command.options,
                json: { type: 'boolean' },
                help: { type: 'boolean', short: 'h' }
            }
        }));
    }
    catch (err) {
        process.stderr.write(`${err.message}\n\nRun 'deploy-coordinator ${name} --help'.\n`);
        return state/* ExitCode */.yU.Failed;
    }
    if (values['help']) {
        out(`Usage: deploy-coordinator ${name} ${command.usage}\n\n${command.summary}\n\n${command.help ? `${command.help}\n\n` : ''}${COMMON}`);
        return state/* ExitCode */.yU.Ok;
    }
    let config;
    try {
        config = (0,config_config/* parseConfig */.o4)((input) => (typeof values[input] === 'string' ? values[input] : ''), env);
    }
    catch (err) {
        if (!(err instanceof config_config/* ConfigError */.xL))
            throw err;
        // The same checks as the action, in the command line's words: 'stack-name' -> --stack-name.
        const text = Object.values(inputs/* Inputs */.G0).reduce((m, input) => m.replaceAll(`'${input}'`, `--${input}`), err.message);
        process.stderr.write(`${text}\n`);
        return state/* ExitCode */.yU.Failed;
    }
    const refused = needTable(name, command, config);
    if (refused) {
        process.stderr.write(`${refused}\n`);
        return state/* ExitCode */.yU.Failed;
    }
    const correlationId = config.correlationId ?? (0,correlation_id/* newCorrelationId */.Cv)();
    const ctx = {
        config,
        options: values,
        json: Boolean(values['json']),
        log: (0,logger/* createLogger */.h)(correlationId, stderrSink),
        out,
        err: (t) => process.stderr.write(`${t}\n`),
        operator: env['USER'] || env['GITHUB_ACTOR'] || 'unknown',
        run: (0,run_context/* runContext */.p)(env)
    };
    try {
        return await command.run(ctx);
    }
    catch (err) {
        process.stderr.write(`error: ${err.name}: ${err.message}\n`);
        return state/* ExitCode */.yU.Failed;
    }
}


/***/ }),

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
    return `${time} ${e.logicalId} (${e.resourceType}) ${e.status}${reason}`;
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
/* harmony export */   S3: () => (/* binding */ resourceTypeSeconds),
/* harmony export */   Wj: () => (/* binding */ typeDurations),
/* harmony export */   XW: () => (/* binding */ remainingMs),
/* harmony export */   lc: () => (/* binding */ samplesOf)
/* harmony export */ });
/* unused harmony exports median, percentile */
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
/* harmony export */   In: () => (/* binding */ CORRELATION_TAG),
/* harmony export */   lQ: () => (/* binding */ isStackEvent),
/* harmony export */   nD: () => (/* binding */ STACK_RESOURCE_TYPE),
/* harmony export */   xw: () => (/* binding */ operationProgress)
/* harmony export */ });
const STACK_RESOURCE_TYPE = 'AWS::CloudFormation::Stack';
/** The tag the deploy step applies (via the `cfn-tags` output) so anyone can tell whose operation it is. */
const CORRELATION_TAG = 'DeploymentCorrelationId';
const isStackEvent = (e) => e.resourceType === STACK_RESOURCE_TYPE && e.logicalId === e.stackName;
function operationProgress(events) {
    const last = new Map();
    for (const e of events)
        if (!isStackEvent(e))
            last.set(e.logicalId, e.status);
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

/***/ 6129:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Br: () => (/* binding */ RECORD_TTL_DAYS),
/* harmony export */   MA: () => (/* binding */ HISTORY_TTL_DAYS),
/* harmony export */   i$: () => (/* binding */ RegistryUnavailableError)
/* harmony export */ });
/* unused harmony export classifyRegistryError */
const CONFIGURATION_ERRORS = new Set([
    'ResourceNotFoundException',
    'AccessDeniedException',
    'ValidationException',
    'UnrecognizedClientException',
    'InvalidSignatureException',
    'MissingAuthenticationTokenException',
    'ExpiredTokenException',
    'CredentialsProviderError'
]);
const THROTTLING_ERRORS = new Set([
    'ThrottlingException',
    'ProvisionedThroughputExceededException',
    'RequestLimitExceeded',
    'TooManyRequestsException'
]);
function classifyRegistryError(err) {
    const name = err?.name ?? '';
    if (CONFIGURATION_ERRORS.has(name))
        return 'configuration';
    if (THROTTLING_ERRORS.has(name))
        return 'throttled';
    return 'unreachable';
}
/** A registry call failed after the SDK's own retries; `failure` says what kind of trouble it is. */
class RegistryUnavailableError extends Error {
    operation;
    cause;
    failure;
    constructor(operation, cause) {
        const e = cause;
        super(`registry ${operation} failed: ${e?.name ?? 'Error'}: ${e?.message ?? String(cause)}`);
        this.operation = operation;
        this.cause = cause;
        this.name = 'RegistryUnavailableError';
        this.failure = classifyRegistryError(cause);
    }
}
const RECORD_TTL_DAYS = 7;
const HISTORY_TTL_DAYS = 180;


/***/ }),

/***/ 1602:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p2: () => (/* binding */ historyFile),
/* harmony export */   rZ: () => (/* binding */ HistoryFile)
/* harmony export */ });
/* unused harmony exports readHistoryFile, appendHistoryFile */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1623);




/** How many deployments the history file keeps (newest first). */
const KEEP = 50;
/** Without a registry table, history lives in a file that the Actions cache carries from run to run. */
function historyFile(environment, env = _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__/* .processEnv */ .H) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env['RUNNER_TEMP'] || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'deploy-coordinator-history', `${environment.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
}
function readHistoryFile(file) {
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
        return [];
    try {
        const entries = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8'));
        return Array.isArray(entries) ? entries : [];
    }
    catch {
        return [];
    }
}
function appendHistoryFile(file, entry) {
    const entries = [
        entry,
        ...readHistoryFile(file).filter((e) => e.correlationId !== entry.correlationId)
    ]
        .sort((a, b) => b.endedAt.localeCompare(a.endedAt))
        .slice(0, KEEP);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(file), { recursive: true });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(file, JSON.stringify(entries, null, 2));
}
/** The history in a file; `persist` keeps it for later runs (the Actions cache). */
class HistoryFile {
    file;
    persist;
    constructor(file, persist = async () => undefined) {
        this.file = file;
        this.persist = persist;
    }
    async add(entry) {
        appendHistoryFile(this.file, entry);
    }
    async recent(_environment, limit) {
        return readHistoryFile(this.file).slice(0, limit);
    }
    save() {
        return this.persist();
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
            run: me.run
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
    recent: async () => [],
    save: async () => undefined
};
/** CloudFormation alone: the lock above, no records, and the history given. */
const cloudFormationOnly = (history = noHistory, now = Date.now) => ({
    lock: new CloudFormationOnlyLock(now),
    records: noRecords,
    history
});

// EXTERNAL MODULE: ./.tmp/js/registry/history-file.js
var history_file = __webpack_require__(1602);
;// CONCATENATED MODULE: ./.tmp/js/runtime/clients.js


// Loaded only once the inputs are known to be good: a bad input fails fast without loading the SDKs.
async function cloudFormationReader(region) {
    const { CloudFormationAdapter, createCloudFormationClient } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(805), __webpack_require__.e(933)]).then(__webpack_require__.bind(__webpack_require__, 6933));
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
    const { dynamoRegistry, createDynamoClient } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(907), __webpack_require__.e(186)]).then(__webpack_require__.bind(__webpack_require__, 8805));
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
