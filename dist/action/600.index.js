export const id = 600;
export const ids = [600];
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


/***/ }),

/***/ 2308:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  POST_STEP_GITHUB_BUDGET_MS: () => (/* binding */ POST_STEP_GITHUB_BUDGET_MS),
  finalize: () => (/* binding */ finalize),
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./.tmp/js/config/config.js + 2 modules
var config_config = __webpack_require__(9358);
// EXTERNAL MODULE: ./.tmp/js/config/read.js
var read = __webpack_require__(4172);
// EXTERNAL MODULE: ./.tmp/js/config/state.js
var state = __webpack_require__(4131);
// EXTERNAL MODULE: ./.tmp/js/monitor/files.js
var files = __webpack_require__(7101);
// EXTERNAL MODULE: ./.tmp/js/notify/thread.js
var notify_thread = __webpack_require__(9617);
// EXTERNAL MODULE: ./.tmp/js/report/logger.js
var logger = __webpack_require__(3748);
// EXTERNAL MODULE: ./.tmp/js/runtime/clients.js + 1 modules
var clients = __webpack_require__(5366);
// EXTERNAL MODULE: ./.tmp/js/runtime/github.js
var github = __webpack_require__(2558);
// EXTERNAL MODULE: ./.tmp/js/runtime/run-context.js
var run_context = __webpack_require__(6335);
// EXTERNAL MODULE: ./.tmp/js/runtime/stage.js
var stage = __webpack_require__(1130);
// EXTERNAL MODULE: ./.tmp/js/domain/turn-result.js
var turn_result = __webpack_require__(8223);
// EXTERNAL MODULE: ./.tmp/js/runtime/budget.js
var budget = __webpack_require__(579);
// EXTERNAL MODULE: ./.tmp/js/logs/deployment-log.js
var deployment_log = __webpack_require__(3892);
// EXTERNAL MODULE: ./.tmp/js/runtime/logs.js + 1 modules
var runtime_logs = __webpack_require__(2519);
// EXTERNAL MODULE: ./.tmp/js/stages/answered.js
var answered = __webpack_require__(8755);
// EXTERNAL MODULE: ./.tmp/js/stages/deps.js
var deps = __webpack_require__(6985);
// EXTERNAL MODULE: ./.tmp/js/ports/registry-errors.js
var registry_errors = __webpack_require__(4053);
// EXTERNAL MODULE: ./.tmp/js/report/markdown.js
var markdown = __webpack_require__(8781);
// EXTERNAL MODULE: ./.tmp/js/stages/holder.js
var holder = __webpack_require__(1281);
;// CONCATENATED MODULE: ./.tmp/js/stages/finalize/acquisition.js






/**
 * This run's acquisition: the owner token and fence coordinate saved the moment it took the lock.
 * The finalize/ sub-action runs in a step of its own, without coordinate's state: the lock held
 * under its correlation-id input by this very run attempt is this deployment's.
 */
async function acquired(d) {
    const { io, log, config, run } = d;
    const owner = io.getState(state/* State */.Uw.Owner);
    const fence = io.getState(state/* State */.Uw.Fence);
    const acquiredAt = io.getState(state/* State */.Uw.AcquiredAt) || undefined;
    if (owner && fence !== '' && Number.isInteger(Number(fence)))
        return { key: { owner, fence: Number(fence), correlationId: log.correlationId }, acquiredAt };
    if (!owner && !config.correlationId)
        return undefined;
    const lock = await d.registry.lock.readLock(config.environment).catch((err) => {
        // The table answered with a lock it cannot read: no outage, but no holding to find either.
        if (err instanceof registry_errors/* RegistryCorruptError */.zk)
            log.warning(`The ${config.environment} lock cannot be read (${(0,registry_errors/* describeUnreadable */.D2)(err.item)}): this run's holding, if it has one, cannot be found and expires after lease-minutes. List and repair: ${registry_errors/* REPAIR_COMMAND */.wE} --registry-table ${config.registryTable ?? 'TABLE'}`, { title: 'Unreadable registry item' });
        else {
            const { text, title } = (0,deps/* finalizeWarning */.bV)(err.message);
            log.warning(text, { title });
        }
        return undefined;
    });
    const holder = lock?.holder;
    if (!holder)
        return undefined;
    // This run's own token (an acquire whose answer was lost), or, for a finalize step of its own
    // with no state, the lock held under this correlation ID by this very run attempt.
    const mine = owner
        ? holder.owner === owner
        : holder.correlationId === config.correlationId &&
            holder.run.runId === run.runId &&
            (holder.run.runAttempt ?? '') === (run.runAttempt ?? '');
    return mine
        ? {
            key: { owner: holder.owner, fence: holder.fence, correlationId: holder.correlationId },
            acquiredAt: holder.acquiredAt
        }
        : undefined;
}
/**
 * The lease, taken back from the monitor: it counts as current only once a heartbeat from here
 * has landed, and it heartbeats from before the monitor is stopped, through the repair, to the
 * release.
 */
async function takeBack(d, acquisition, folder) {
    const thread = folder.thread();
    const slack = d.config.slack && thread && d.notifier
        ? { notifier: d.notifier, channel: thread.channel, ts: thread.ts }
        : undefined;
    const holding = (0,holder/* holdLease */.UU)({ ...d, info: folder.info(), slack }, d.config.environment, acquisition.key, d.config.leaseMs, 'finalize', -Infinity);
    const landed = await holding.lease.beat();
    holding.lease.start();
    if (landed === undefined)
        d.log.warning('Could not heartbeat the lock on taking it back (the registry did not answer); still trying while finalize works.', { title: 'Registry unavailable' });
    await holding.reported();
    return holding;
}
/** The summary's lock line: held to the release, or how it was lost. */
function lockLine(holding) {
    const { fence } = holding.lease.key;
    const loss = holding.loss();
    if (!(0,turn_result/* leased */.Xw)(holding.lease.key))
        return 'none (CloudFormation only)';
    if (!holding.lease.lost)
        return `held from acquire to release (fencing token ${fence})`;
    if (loss?.kind === 'released')
        return `already released (fencing token ${fence})`;
    return (0,markdown/* join */.fj)((0,markdown/* bold */.Cr)('lost'), ` (fencing token ${fence}): ${loss?.text ?? "no longer this deployment's"}; this run stopped acting as the holder`);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./.tmp/js/stages/finalize/folder.js





/**
 * What coordinate left for finalize, in state or (for a finalize in a step of its own) in the
 * deployment's folder: the Slack thread, the GitHub Deployment, the deployment's details.
 */
class DeploymentFolder {
    io;
    dir;
    files;
    constructor(io, dir) {
        this.io = io;
        this.dir = dir;
        this.files = (0,files/* monitorFiles */.Sy)(dir);
    }
    read(file) {
        return (0,external_node_fs_.existsSync)(file) ? (0,external_node_fs_.readFileSync)(file, 'utf8') : '';
    }
    thread() {
        return (0,notify_thread/* parseThread */.Yx)(this.io.getState(state/* State */.Uw.SlackThread) || this.read(this.files.thread));
    }
    /** The deploy freeze coordinate met or overrode (JSON), if any. */
    freeze() {
        return this.io.getState(state/* State */.Uw.Freeze) || this.read(this.files.freeze);
    }
    /** The questions answered in Slack, and who answered them. */
    answered() {
        return (0,answered/* answeredOf */.H6)(this.io, '', this.dir);
    }
    deploymentId() {
        const id = Number(this.io.getState(state/* State */.Uw.DeploymentId) || this.read(this.files.deployment));
        return Number.isInteger(id) && id > 0 ? id : undefined;
    }
    /** The details the monitor was started with; undefined when there are none (or torn). */
    info() {
        try {
            return (0,external_node_fs_.existsSync)(this.files.settings) ? (0,files/* readSettings */.sb)(this.files.settings).info : undefined;
        }
        catch {
            return undefined;
        }
    }
    get spools() {
        return [this.files.stageSpool, this.files.spool];
    }
    /** Whether the final Slack notice went out already (finalize may run twice). */
    finalSent() {
        return (0,external_node_fs_.existsSync)(this.files.finalSent);
    }
    markFinalSent(at) {
        // A finalize in a job of its own has no folder yet.
        (0,external_node_fs_.mkdirSync)(this.dir, { recursive: true, mode: 0o700 });
        (0,external_node_fs_.writeFileSync)(this.files.finalSent, at.toISOString(), { mode: 0o600 });
    }
}

// EXTERNAL MODULE: ./.tmp/js/monitor/stop.js
var stop = __webpack_require__(112);
;// CONCATENATED MODULE: ./.tmp/js/stages/finalize/monitor.js


/** The detached monitor process of this deployment, if it was started. */
function monitorProcess(d, dir) {
    const pid = (0,stop/* monitorPid */.UU)(d.io.getState(state/* State */.Uw.MonitorPid), dir);
    return pid === undefined
        ? undefined
        : {
            pid,
            stop: () => (0,stop/* stopMonitor */.f5)(pid, d.sleep, undefined, dir),
            observations: () => (0,stop/* readObservations */.iX)(dir)
        };
}
/**
 * Stops the monitor (given, or the process named in state or its folder) and says what it saw;
 * returns its observations (none without a monitor).
 */
async function stopTheMonitor(d, dir) {
    const monitor = d.monitor ?? monitorProcess(d, dir);
    if (!monitor)
        return [];
    const stopped = await monitor.stop();
    const observations = monitor.observations();
    const count = (type) => observations.filter((o) => o['type'] === type).length;
    d.log.info(`Monitor${monitor.pid ? ` (pid ${monitor.pid})` : ''}: ${stopped === 'not-running' ? 'was no longer running' : stopped}; ${count('heartbeat')} heartbeats, ${count('event')} events, ${count('error') + count('heartbeat-error')} errors recorded.`);
    const lost = observations.find((o) => o['type'] === 'lock-lost');
    if (lost) {
        const at = typeof lost['at'] === 'string' ? lost['at'] : 'an unknown time';
        const by = typeof lost['nowHeldBy'] === 'string' ? ` (now held by ${lost['nowHeldBy']})` : '';
        d.log.info(`The monitor found the lock no longer this deployment's at ${at}${by} and stopped.`);
    }
    return observations;
}

// EXTERNAL MODULE: ./.tmp/js/domain/activity.js
var activity = __webpack_require__(679);
// EXTERNAL MODULE: ./.tmp/js/domain/estimate.js
var estimate = __webpack_require__(4280);
// EXTERNAL MODULE: ./.tmp/js/domain/ownership.js
var ownership = __webpack_require__(7661);
// EXTERNAL MODULE: ./.tmp/js/domain/stack.js
var stack = __webpack_require__(3456);
// EXTERNAL MODULE: ./.tmp/js/domain/watch.js
var watch = __webpack_require__(9707);
;// CONCATENATED MODULE: ./.tmp/js/domain/root-cause.js
/**
 * Why a deployment failed, in one place for everything a person reads after it (the job summary,
 * the post log, the final Slack notice, the registry record): the first resource that failed in
 * this deployment's operation (not the cancellations that echo it), deepest first (a nested stack
 * resource's failure is explained by the first failure inside its stack), else the stack's own
 * status reason.
 */


/** The root cause as an event: a resource's failure, or the stack's status with its reason. */
function rootCauseOf(events, stacks) {
    const first = failuresInOrder(events)[0];
    if (first)
        return first;
    return stackCauseOf(events, stacks);
}
/** The failures that may be a root cause (not the echoes of one), oldest first. */
function failuresInOrder(events) {
    return [...events]
        .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())
        .filter(watch/* isRootCauseFailure */.M);
}
/** Without a failed resource: the reason of a stack this deployment's operation touched. */
function stackCauseOf(events, stacks) {
    // Only a stack this deployment's operation touched: another stack's old reason is not this one's.
    const touched = new Set(events.map((e) => e.stackName));
    const failed = stacks.find((s) => touched.has(s.name) && s.statusReason && /FAILED|ROLLBACK/.test(s.status));
    if (!failed)
        return undefined;
    return {
        id: `${failed.name}-status`,
        stackName: failed.name,
        timestamp: failed.lastUpdatedAt ?? failed.createdAt ?? new Date(0),
        logicalId: failed.name,
        resourceType: stack/* STACK_RESOURCE_TYPE */.nD,
        status: failed.status,
        reason: failed.statusReason
    };
}
/**
 * When a nested stack resource's part of an operation began: its latest `*_IN_PROGRESS` event
 * before `failure` among `events`; undefined when they do not hold it.
 */
function startOf(failure, events) {
    const t = failure.timestamp.getTime();
    return events
        .filter((e) => e.logicalId === failure.logicalId &&
        e.stackName === failure.stackName &&
        e.status.endsWith('_IN_PROGRESS') &&
        e.timestamp.getTime() <= t)
        .reduce((latest, e) => Math.max(latest ?? 0, e.timestamp.getTime()), undefined);
}
/** One line: `Data › Db (AWS::RDS::DBInstance) UPDATE_FAILED: Cannot upgrade postgres from 15.15 to 14.1`. */
function describeRootCause(cause) {
    const where = cause.resourceType === stack/* STACK_RESOURCE_TYPE */.nD && (0,stack/* isStackEvent */.lQ)(cause)
        ? `stack ${cause.stackName}`
        : `${(0,stack/* eventName */.eq)(cause)} (${cause.resourceType})`;
    return `${where} ${cause.status}${cause.reason ? `: ${cause.reason}` : ''}`;
}

// EXTERNAL MODULE: ./.tmp/js/domain/tree.js
var tree = __webpack_require__(4650);
;// CONCATENATED MODULE: ./.tmp/js/coordination/deepest-cause.js
/**
 * The root cause of a failed deployment across a tree of nested stacks: the first failure in time
 * order, a nested stack resource's failure replaced by the first failure inside its stack
 * (recursively). A nested stack's events are read only when it could hold a failure earlier than
 * the best found so far.
 */



async function deepestCause(d, 
/** This deployment's own events of the covered stacks. */
events, stacks, sinceMs) {
    return (await firstInTree(d, events, sinceMs, [])) ?? stackCauseOf(events, stacks);
}
async function firstInTree(d, events, fromMs, path) {
    let best;
    const before = (ms) => !best || ms < best.timestamp.getTime();
    for (const failure of failuresInOrder(events)) {
        const nested = path.length < stack/* MAX_NESTED_READ_DEPTH */.mu ? (0,tree/* nestedStackOf */.VB)(failure) : undefined;
        const own = path.length > 0 ? { ...failure, nestedIn: path } : failure;
        if (!nested) {
            if (before(failure.timestamp.getTime()))
                best = own;
            continue;
        }
        // Everything inside it happened after its resource's part began: skip it if that is too late.
        const startMs = startOf(failure, events) ?? fromMs;
        if (!before(startMs))
            continue;
        const inner = await failuresInside(d, nested, startMs, failure.timestamp.getTime());
        const deeper = inner && (await firstInTree(d, inner, startMs, [...path, failure.logicalId]));
        const candidate = deeper ?? own;
        if (before(candidate.timestamp.getTime()))
            best = candidate;
    }
    return best;
}
/** The nested stack's failures in the window; undefined (the resource's own failure stands) on an error. */
async function failuresInside(d, stackId, fromMs, untilMs) {
    try {
        const { events, refused } = await d.reader.failedEvents(stackId, fromMs, untilMs);
        if (refused)
            d.log.debug(`DescribeEvents not used (${refused}): read the failures of ${stackId} from its events.`);
        return events;
    }
    catch (err) {
        d.log.debug(`Could not read the failures of nested stack ${stackId}: ${err.message}`);
        return undefined;
    }
}

// EXTERNAL MODULE: ./.tmp/js/domain/stack-status.js
var stack_status = __webpack_require__(6235);
;// CONCATENATED MODULE: ./.tmp/js/domain/outcome.js


/**
 * What happened to the stacks since the lock was taken, from CloudFormation's
 * own record: their status now and their stack-level events since `sinceMs`.
 */
function decideOutcome(stacks, eventsSince, sinceMs) {
    const touched = new Set(eventsSince
        .filter((e) => isStackEvent(e) && e.timestamp.getTime() >= sinceMs)
        .map((e) => e.stackName));
    if (touched.size === 0)
        return 'no-change';
    const classes = stacks
        .filter((s) => touched.has(s.name))
        .map((s) => classifyStatus(s.status).class);
    return outcomeOfStatuses(classes);
}
function outcomeOfStatuses(classes) {
    if (classes.includes('in-progress'))
        return 'still-running';
    if (classes.some((c) => c === 'stable-after-failure' || c === 'blocked'))
        return 'failed';
    return 'succeeded';
}
/**
 * What this deployment's own operations did: each stack it operated on, in the status its last
 * own operation left it (the stack's status now, unless someone else's operation came after).
 */
function decideOwnOutcome(stacks, operations) {
    const classes = [];
    for (const s of stacks) {
        const ofStack = operations.filter((op) => op.stack === s.name && op.events.some(stack/* isStackEvent */.lQ));
        const lastOwn = ofStack.filter((op) => op.ours).at(-1);
        if (!lastOwn)
            continue;
        const status = lastOwn === ofStack.at(-1) ? s.status : (lastOwn.status ?? s.status);
        classes.push((0,stack_status/* classifyStatus */.xo)(status).class);
    }
    return classes.length === 0 ? 'no-change' : outcomeOfStatuses(classes);
}
/**
 * The outcome, with what only the job knows: no stack operation, and a step of this job was
 * cancelled (asked only then), means the deployment was cancelled before it began.
 */
async function outcomeOf(stacks, operations, stepCancelled) {
    const outcome = decideOwnOutcome(stacks, operations);
    return outcome === 'no-change' && (await stepCancelled()) === true ? 'cancelled' : outcome;
}
/** The record's transition for each outcome. */
const OUTCOME_TRANSITION = {
    succeeded: 'completed',
    'no-change': 'completed',
    failed: 'failed',
    cancelled: 'cancelled',
    'still-running': 'completed'
};

// EXTERNAL MODULE: ./.tmp/js/coordination/stack-tree.js
var stack_tree = __webpack_require__(4900);
;// CONCATENATED MODULE: ./.tmp/js/stages/finalize/outcome.js











/**
 * The outcome, from the stacks and this deployment's own operations among their events since the
 * lock was taken: told from anyone else's by token and tag (the monitor's snapshots of the tags
 * while they ran, and finalize's own), else by time.
 */
async function assess(d, acquiredAtState, observations = []) {
    const { config } = d;
    const acquiredAt = acquiredAtState || new Date(d.clock.now()).toISOString();
    // Events of coordinate's own repairs (before deploy-from) are not this deployment's operation.
    const deployFrom = Date.parse(d.io.getState(state/* State */.Uw.DeployFrom));
    const sinceMs = Math.max(Date.parse(acquiredAt), Number.isNaN(deployFrom) ? 0 : deployFrom);
    const all = [];
    for (const s of config.stackNames)
        all.push(...(await d.reader.eventsAfter(s, sinceMs)));
    // Read after the events, so the tags it shows are those of the operation the events end in.
    const stacks = await d.reader.describeStacks(config.stackNames);
    const sightings = [
        ...sightingsIn(observations),
        ...stacks.map((s) => ({
            stack: s.name,
            status: s.status,
            tag: (0,activity/* activeCorrelationId */.S6)(s) ?? '',
            afterEventId: all.filter((e) => e.stackName === s.name).at(-1)?.id
        }))
    ];
    const operations = (0,ownership/* judgeOperations */.mJ)((0,ownership/* splitOperations */.x2)(all), {
        correlationId: d.log.correlationId,
        sightings,
        tagsBefore: tagsBefore(d.io.getState(state/* State */.Uw.TagsBefore))
    });
    const events = (0,ownership/* ownEvents */.uN)(operations);
    const nested = await ownNestedEvents(d, operations, sinceMs);
    const outcome = await outcomeOf(stacks, operations, d.stepCancelled);
    const rootCause = outcome === 'failed' ? await deepestCause(d, events, stacks, sinceMs) : undefined;
    const untagged = outcome === 'succeeded'
        ? stacks
            .filter((s) => operations.some((op) => op.ours && op.stack === s.name))
            .filter((s) => (0,activity/* activeCorrelationId */.S6)(s) !== d.log.correlationId)
            .map((s) => s.name)
        : [];
    const foreign = operations.filter((op) => !op.ours);
    return { outcome, sinceMs, acquiredAt, stacks, events, nested, rootCause, foreign, untagged };
}
/**
 * The nested stacks' events of this deployment's own operations: those that happened while an own
 * operation of their covered stack was in force (someone else's operation moves them too).
 */
async function ownNestedEvents(d, operations, sinceMs) {
    const out = [];
    for (const stack of new Set(operations.filter((op) => op.ours).map((op) => op.stack))) {
        const own = operations.filter((op) => op.ours && op.stack === stack);
        const nested = await (0,stack_tree/* nestedEvents */.H)(d.reader, own.flatMap((op) => op.events), sinceMs, {
            onError: (arn, err) => d.log.debug(`Could not read the events of nested stack ${arn}: ${err.message}`)
        });
        out.push(...nested.filter((e) => (0,tree/* operationAt */.f2)(operations, stack, e.timestamp.getTime())?.ours));
    }
    return (0,tree/* inTimeOrder */.xM)(out);
}
/** The monitor's snapshots of the stacks' tags (its `stack-tag` observations). */
function sightingsIn(observations) {
    return observations.flatMap((o) => o['type'] === 'stack-tag' &&
        typeof o['stack'] === 'string' &&
        typeof o['status'] === 'string' &&
        typeof o['tag'] === 'string'
        ? [
            {
                stack: o['stack'],
                status: o['status'],
                tag: o['tag'],
                afterEventId: typeof o['afterEventId'] === 'string' ? o['afterEventId'] : undefined
            }
        ]
        : []);
}
/** coordinate's record of the tags the deploy step started from; undefined when not there. */
function tagsBefore(saved) {
    if (!saved)
        return undefined;
    try {
        const parsed = JSON.parse(saved);
        if (!parsed || typeof parsed !== 'object')
            return undefined;
        return Object.fromEntries(Object.entries(parsed).filter((e) => typeof e[1] === 'string'));
    }
    catch {
        return undefined;
    }
}
/** The outcome in the log, with the stacks as they are after any repair. */
async function logOutcome(d, deployment, recoveries) {
    const after = recoveries.length > 0 ? await d.reader.describeStacks(d.config.stackNames) : deployment.stacks;
    const cause = deployment.rootCause
        ? ` (root cause: ${describeRootCause(deployment.rootCause)})`
        : deployment.outcome === 'failed'
            ? ' (no failed resource or stack reason was found in the events)'
            : '';
    d.log.info(`Outcome: ${deployment.outcome}${cause}. Stacks now: ${(0,deps/* statuses */.bM)(after)}`);
    for (const op of deployment.foreign)
        d.log.warning(`A stack operation that is not this deployment's ran while it held the lock: ${(0,ownership/* describeForeign */.eQ)(op)}. It is not counted in this deployment's outcome.`, { title: 'Foreign stack operation' });
    if (deployment.untagged.length > 0)
        d.log.info(`${deployment.untagged.join(', ')} do not carry this deployment's DeploymentCorrelationId tag: its operations were told from others' by time alone. Pass the cfn-tags output to the deploy step (see the job summary).`);
    if (deployment.outcome === 'still-running')
        d.log.warning('The job ended while CloudFormation is still working: releasing the lock; the next run is still held back by the in-progress check.', { title: 'Deployment still running' });
}
/** The release, whatever failed before it: true released, false not this run's (said already), undefined no lock or no answer. */
async function release(d, lease, outcome) {
    const { log, config } = d;
    const env = config.environment;
    if (!lease) {
        log.info(`No acquisition of ${env} by this run was found (in state or the lock): nothing to release.`);
        return undefined;
    }
    if (lease.lost)
        return false;
    const released = await lease.release(outcome, (0,deps/* releaseBudget */.De)(config));
    const { fence } = lease.key;
    if (released && !(0,turn_result/* leased */.Xw)(lease.key))
        log.info('CloudFormation-only coordination holds no lock: nothing to release.');
    else if (released)
        log.info(`Released ${env} (fencing token ${fence}), outcome ${outcome}.`);
    else if (released === undefined)
        log.warning(`Could not release ${env} (the registry did not answer): the lock expires after lease-minutes.`, { title: 'Registry unavailable' });
    else
        log.info(`Nothing to release: ${env} is no longer held under fencing token ${fence}.`);
    return released;
}
/** On the record and in the history: only for a deployment whose release this run made. */
async function recordOutcome(d, deployment, released, 
/** Who answered the question (in Slack) that let the deployment go ahead. */
by) {
    const { log, config, registry } = d;
    if (!deployment || !released)
        return;
    const { outcome } = deployment;
    const now = new Date(d.clock.now()).toISOString();
    const rootCause = deployment.rootCause && describeRootCause(deployment.rootCause);
    await (0,deps/* safely */.vm)(log, async () => {
        await registry.records.addTransition(log.correlationId, {
            state: OUTCOME_TRANSITION[outcome],
            at: now,
            note: rootCause ? `${outcome}: ${rootCause}` : outcome,
            ...(by ? { by } : {})
        }, rootCause ? { outcome, rootCause } : { outcome });
        await registry.records.addTransition(log.correlationId, { state: 'released', at: now });
        if (outcome === 'no-change')
            return;
        await registry.history.add(historyEntry(log.correlationId, config, deployment, d.clock.now()));
        await registry.history.save();
    }, deps/* finalizeWarning */.bV);
}
/** When the deployment's events began and ended (the lock's time and now without any). */
function span(deployment, now) {
    const first = deployment.events[0]?.timestamp.getTime() ?? deployment.sinceMs;
    const last = deployment.events.at(-1)?.timestamp.getTime() ?? now;
    return { first, last };
}
/** The deployment's events across its tree, in time order. */
const treeEvents = (deployment) => (0,tree/* inTimeOrder */.xM)([...deployment.events, ...deployment.nested]);
function historyEntry(correlationId, config, deployment, now) {
    const { first, last } = span(deployment, now);
    return {
        correlationId,
        environment: config.environment,
        stacks: config.stackNames,
        outcome: deployment.outcome,
        startedAt: new Date(first).toISOString(),
        endedAt: new Date(last).toISOString(),
        durationMs: last - first,
        resourceTypeSeconds: (0,estimate/* resourceTypeSeconds */.S3)(treeEvents(deployment))
    };
}

// EXTERNAL MODULE: ./.tmp/js/domain/durations.js
var durations = __webpack_require__(1265);
// EXTERNAL MODULE: ./.tmp/js/notify/blocks.js
var notify_blocks = __webpack_require__(6347);
// EXTERNAL MODULE: ./.tmp/js/notify/escape.js
var notify_escape = __webpack_require__(4030);
// EXTERNAL MODULE: ./.tmp/js/notify/format.js
var format = __webpack_require__(2930);
;// CONCATENATED MODULE: ./.tmp/js/notify/outcome-messages.js
/**
 * The final reply of a deployment's thread, broadcast to the channel by the
 * sender: `succeededMessage` or `failedMessage`.
 */





/** Troubleshooting bullets in a failed reply. */
const MAX_TROUBLESHOOTING_SHOWN = 10;
function succeededMessage(info, s) {
    const env = (0,notify_escape/* escapeText */.X1)(info.environment);
    const fields = [
        (0,notify_blocks/* field */.ZZ)('Duration', (0,format/* durationAgainst */.SY)(s.durationMs, s.expectedMs)),
        (0,notify_blocks/* field */.ZZ)('Stacks', (0,format/* stackList */.xD)(info.stacks))
    ];
    if (s.appUrl)
        fields.push((0,notify_blocks/* field */.ZZ)('Application', (0,notify_escape/* link */.nf)(s.appUrl, s.appUrl)));
    fields.push(...(0,format/* linkFields */.uc)(info, s.threadUrl));
    return (0,notify_blocks/* finish */.O9)(info, `:white_check_mark: Deployment succeeded: ${env} in ${(0,durations/* formatDuration */.a3)(s.durationMs)}`, [
        (0,notify_blocks/* header */.wx)(`:white_check_mark: Deployment succeeded: ${info.environment}`),
        (0,notify_blocks/* section */.uW)(`Deployed to *${env}* in *${(0,durations/* formatDuration */.a3)(s.durationMs)}*. :tada:`),
        ...(0,notify_blocks/* fieldSections */.tX)(fields),
        ...(0,format/* consoleSection */.DR)(info)
    ]);
}
function failedMessage(info, f) {
    const env = (0,notify_escape/* escapeText */.X1)(info.environment);
    const blocks = [
        (0,notify_blocks/* header */.wx)(`:x: Deployment failed: ${info.environment}`),
        (0,notify_blocks/* section */.uW)(`The deployment to *${env}* failed after *${(0,durations/* formatDuration */.a3)(f.durationMs)}*.`)
    ];
    if (f.rootCause) {
        blocks.push((0,notify_blocks/* section */.uW)(`*Root cause*\n${(0,format/* eventLine */.V8)(f.rootCause, format/* REASON_MAX */.oD)}`));
    }
    else {
        blocks.push((0,notify_blocks/* section */.uW)('*Root cause*\nNo failed resource was found among the stack events.'));
    }
    if (f.rollback) {
        blocks.push((0,notify_blocks/* section */.uW)(`*Rollback*\n${(0,notify_escape/* escapeText */.X1)(f.rollback.action)}: ${(0,notify_escape/* escapeText */.X1)(f.rollback.result)}`));
    }
    const tips = f.troubleshooting
        .slice(0, MAX_TROUBLESHOOTING_SHOWN)
        .map((t) => `• ${(0,notify_escape/* escapeText */.X1)(t)}`);
    if (tips.length > 0)
        blocks.push((0,notify_blocks/* section */.uW)(`*Troubleshooting*\n${tips.join('\n')}`));
    blocks.push(...(0,notify_blocks/* fieldSections */.tX)((0,format/* linkFields */.uc)(info, f.threadUrl)), ...(0,format/* consoleSection */.DR)(info));
    const cause = f.rootCause
        ? `: ${(0,notify_escape/* escapeText */.X1)((0,stack/* eventName */.eq)(f.rootCause))} ${(0,notify_escape/* escapeText */.X1)(f.rootCause.status)}${f.rootCause.reason ? ` (${(0,notify_escape/* truncate */.xv)((0,notify_escape/* escapeText */.X1)(f.rootCause.reason), 500)})` : ''}`
        : '';
    return (0,notify_blocks/* finish */.O9)(info, `:x: Deployment failed: ${env} after ${(0,durations/* formatDuration */.a3)(f.durationMs)}${cause}`, blocks);
}

// EXTERNAL MODULE: ./.tmp/js/notify/start-messages.js
var start_messages = __webpack_require__(2422);
;// CONCATENATED MODULE: ./.tmp/js/notify/final-notice.js



function finalNotice(info, end, stackNames) {
    const durationMs = end.endedAt.getTime() - end.startedAt.getTime();
    const parent = (0,start_messages/* startedMessage */.VS)(info, {
        state: finalState(end.outcome),
        startedAt: end.startedAt,
        endedAt: end.endedAt
    });
    if (end.outcome === 'succeeded') {
        const message = succeededMessage(info, {
            durationMs,
            expectedMs: info.estimate.expectedMs,
            appUrl: end.appUrl,
            threadUrl: end.threadUrl
        });
        return { post: { label: 'succeeded', message }, parent };
    }
    if (end.outcome === 'failed') {
        const message = failedMessage(info, {
            durationMs,
            rootCause: end.rootCause ?? end.events.find(watch/* isRootCauseFailure */.M),
            rollback: rollbackSummary(end.recoveries),
            troubleshooting: troubleshooting(stackNames),
            threadUrl: end.threadUrl
        });
        return { post: { label: 'failed', message }, parent };
    }
    return { parent };
}
/** The parent's final state: the outcome itself, or 'cancelled' for anything else. */
function finalState(outcome) {
    switch (outcome) {
        case 'succeeded':
        case 'failed':
        case 'no-change':
        case 'still-running':
            return outcome;
        default:
            return 'cancelled';
    }
}
/** What the repairs did, for the failed reply; none without a repair. */
function rollbackSummary(recoveries) {
    if (recoveries.length === 0)
        return undefined;
    return {
        action: recoveries.map((r) => `${r.action} ${r.stack}`).join(', '),
        result: recoveries
            .map((r) => `${r.stack} ${r.ok ? 'is' : 'still'} ${r.finalStatus}${r.ok ? '' : ': needs a person (see the job summary)'}`)
            .join('; ')
    };
}
/** The troubleshooting bullets of a failed reply: the commands to look at each stack's events first. */
function troubleshooting(stackNames) {
    return [
        ...stackNames.map((s) => `aws cloudformation describe-stack-events --stack-name ${s} --max-items 30`),
        'Check the failing resource above, fix the template or parameters, and push again.',
        'A stack left in UPDATE_FAILED or UPDATE_ROLLBACK_FAILED needs a rollback before the next deployment.'
    ];
}

// EXTERNAL MODULE: ./.tmp/js/notify/messages.js + 2 modules
var messages = __webpack_require__(3156);
// EXTERNAL MODULE: ./.tmp/js/notify/answers.js
var answers = __webpack_require__(6942);
;// CONCATENATED MODULE: ./.tmp/js/report/summary.js





/** The job summary's main part: the facts, the stacks, the events. */
function deploymentSummary(s) {
    const d = s.deployment;
    const facts = [
        ['Correlation ID', (0,markdown/* code */.aY)(s.correlationId)],
        ['Coordination', s.result]
    ];
    const f = s.freeze;
    if (f?.override)
        facts.push(['Freeze overridden', `${f.override} (override-freeze); ${f.text}`]);
    else if (f?.outlasted)
        facts.push(['Freeze', `${f.text}; it outlasted the wait (wait-timeout-minutes)`]);
    else if (f)
        facts.push(['Freeze', `waited through it: ${f.text}`]);
    for (const a of s.answered ?? [])
        facts.push([
            'Answered in Slack',
            `${a.answer}${a.by ? `, by ${(0,answers/* whoAnswered */.Wi)(a.by)}` : ''}: ${a.question}`
        ]);
    if (d) {
        facts.push(['Outcome', d.outcome]);
        if (d.rootCause)
            facts.push(['Root cause', d.rootCause]);
        facts.push(['Waited', (0,durations/* formatDuration */.a3)(d.waitedMs)]);
        const estimate = d.expectedMs !== undefined ? ` (estimate ${(0,durations/* formatDuration */.a3)(d.expectedMs)})` : '';
        facts.push(['Deploying', `${(0,durations/* formatDuration */.a3)(d.deployMs)}${estimate}`]);
        if (d.thread)
            facts.push([
                'Slack thread',
                d.thread.permalink
                    ? (0,markdown/* link */.nf)(`thread in ${d.thread.channel}`, d.thread.permalink)
                    : `channel ${d.thread.channel}, message ${d.thread.ts}`
            ]);
        if (d.lock)
            facts.push(['Lock', d.lock]);
    }
    facts.push(['Registry', s.config.registryTable ?? 'none (CloudFormation only)']);
    if (s.run.runUrl)
        facts.push(['Run', (0,markdown/* link */.nf)('workflow run', s.run.runUrl)]);
    const lines = [`## Deployment Coordinator: ${s.config.environment}`, '', ...(0,markdown/* table */.tp)([], facts), ''];
    if (s.rows.length > 0)
        lines.push(...(0,markdown/* table */.tp)(['Stack', 'Status'], s.rows.map((r) => [(0,markdown/* link */.nf)(r.name, r.url), r.status])), '');
    const shown = s.events.slice(-SUMMARY_EVENTS_MAX);
    const earlier = s.events.length - shown.length;
    if (s.events.length > 0)
        lines.push('<details><summary>Stack events</summary>', '', ...(earlier > 0
            ? [
                `The latest ${shown.length} of ${s.events.length} events (a tree holds many); the stacks' events in the AWS console have them all.`,
                ''
            ]
            : []), ...(0,markdown/* table */.tp)(['time', 'resource', 'status', 'reason'], shown.map((e) => [
            e.timestamp.toISOString(),
            `${(0,stack/* eventName */.eq)(e)} (${e.resourceType})`,
            e.status,
            e.reason ?? ''
        ])), '', '</details>', '');
    return lines.join('\n');
}
/**
 * At most this many events in the summary's table, the latest: a tree of nested stacks can hold
 * thousands, and GitHub refuses a step summary over 1 MiB.
 */
const SUMMARY_EVENTS_MAX = 500;
/**
 * The stack operations that ran while this deployment held the lock and were not its own, each
 * with who or what started it as far as CloudFormation says (outside text, escaped).
 */
function foreignSection(operations) {
    if (operations.length === 0)
        return '';
    const rows = operations.map((op) => {
        const start = op.start ?? op.events[0];
        return [
            op.stack,
            start ? `${start.status} at ${start.timestamp.toISOString()}` : '',
            op.status ?? '',
            (0,ownership/* describeStarter */.lD)(op)
        ];
    });
    return `${[
        '### Foreign stack operations',
        '',
        "While this deployment held the lock, these operations ran on its stacks and were not its own (another correlation ID in their tag or ClientRequestToken, or the console's token). The outcome above is judged without them.",
        '',
        ...(0,markdown/* table */.tp)(['stack', 'began', 'status', 'started by'], rows)
    ].join('\n')}\n`;
}
/**
 * A deployment whose stacks do not carry its tag: how to pass it, so its operations are told from
 * anyone else's by identity rather than by time.
 */
function correlationTagNotice(stacks, correlationId) {
    if (stacks.length === 0)
        return '';
    const tag = `${stack/* CORRELATION_TAG */.In}=${correlationId}`;
    return `${[
        '### Correlation tag',
        '',
        `${stacks.map((s) => (0,markdown/* code */.aY)(s).md).join(', ')} ${stacks.length === 1 ? 'does' : 'do'} not carry this deployment's ${(0,markdown/* code */.aY)(stack/* CORRELATION_TAG */.In).md} tag, so its stack operations were told from anyone else's by time alone. Pass the coordinate step's \`cfn-tags\` output (or its correlation ID) to the deploy step:`,
        '',
        `- \`aws cloudformation deploy\`: ${(0,markdown/* code */.aY)(`--tags ${tag}`).md}`,
        `- CDK: ${(0,markdown/* code */.aY)(`cdk deploy --tags ${tag}`).md} (or \`Tags.of(app).add('${stack/* CORRELATION_TAG */.In}', ...)\`)`,
        `- a deploy action's \`tags\` input: ${(0,markdown/* code */.aY)('${{ steps.<coordinate step id>.outputs.cfn-tags }}').md}`
    ].join('\n')}\n`;
}
/** What was repaired, and for a person what to do where the repair did not work. */
function recoverySection(recoveries) {
    if (recoveries.length === 0)
        return '';
    const lines = ['### Recovery', ''];
    for (const r of recoveries) {
        lines.push(`- ${(0,markdown/* escapeText */.X1)(r.stack)}: ${r.action} → ${r.finalStatus} (${r.ok ? 'done' : 'failed'})`);
        if (r.instructions.length > 0)
            lines.push('', '```', ...r.instructions.map((i) => i.replace(/```/g, "'''")), '```', '');
    }
    return `${lines.join('\n')}\n`;
}
/** What the post step could not do on GitHub (the Deployment's status, the Actions cache), and why. */
function githubSection(missed) {
    if (missed.length === 0)
        return '';
    const rows = missed.map((m) => [m.what, m.why, m.at]);
    return `${['### GitHub', '', ...(0,markdown/* table */.tp)(['not done', 'why', 'when'], rows)].join('\n')}\n`;
}
/** What Slack was sent by finalize, and every message that could not be delivered, with why. */
function slackSection(delivered, lost, 
/** A line on how the messages went, when it is not one thread (e.g. none could be started). */
note) {
    const lines = [
        '### Slack',
        '',
        `Delivered: ${delivered.length > 0 ? delivered.join(', ') : 'nothing'} (by finalize).`
    ];
    if (note)
        lines.push('', note);
    if (lost.length > 0)
        lines.push('', ...(0,markdown/* table */.tp)(['not delivered', 'why', 'when'], lost.map((l) => [l.label, l.error, l.at])));
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./.tmp/js/stages/finalize/report.js









/** The deploy freeze coordinate met (state, else the deployment's folder), for the summary. */
function freezeOf(folder) {
    try {
        const saved = folder.freeze();
        return saved ? JSON.parse(saved) : undefined;
    }
    catch {
        return undefined;
    }
}
/** The summary's CloudWatch Logs section, after everything earlier steps kept is sent. */
async function logsSection(d, folder) {
    return d.logs ? d.logs.summarySection(d.config.region, [(0,files/* monitorFiles */.Sy)(folder.dir).logsSpool]) : '';
}
const DEPLOYMENT_STATE = {
    succeeded: 'success',
    'no-change': 'success',
    cancelled: 'success',
    failed: 'failure',
    'still-running': 'in_progress'
};
/** The GitHub Deployment follows the outcome: success, failure (with the app URL and the run's log), or error. */
async function setDeploymentStatus(d, folder, state, what, appUrl) {
    const id = folder.deploymentId();
    if (!d.deployments || id === undefined)
        return;
    const deployments = await d.deployments();
    if (await deployments.status(id, state, `${what} (${d.log.correlationId})`, appUrl))
        d.log.info(`GitHub Deployment ${id}: ${state}.`);
}
/** The end of a deployment that held the lock: the GitHub Deployment, Slack, the job summary. */
async function reportDeployment(d, folder, deployment, recoveries, lock) {
    const { io, log, config } = d;
    const { outcome, acquiredAt } = deployment;
    const events = treeEvents(deployment);
    const after = await d.reader.describeStacks(config.stackNames).catch(() => deployment.stacks);
    const rows = after.map((s) => ({ name: s.name, status: s.status, url: d.reader.consoleUrl(s) }));
    const waitedMs = Date.parse(acquiredAt) - Date.parse(io.getState(state/* State */.Uw.QueuedAt) || acquiredAt);
    const { first, last } = span(deployment, d.clock.now());
    const appUrl = config.urlOutput
        ? after.map((st) => st.outputs[config.urlOutput]).find(Boolean)
        : undefined;
    await setDeploymentStatus(d, folder, DEPLOYMENT_STATE[outcome], outcome, appUrl);
    const slack = await slackReport(d, folder, {
        outcome,
        startedAt: new Date(first),
        endedAt: new Date(last),
        events,
        recoveries,
        appUrl,
        rootCause: deployment.rootCause
    });
    const thread = folder.thread();
    const facts = {
        outcome,
        waitedMs,
        deployMs: last - first,
        expectedMs: folder.info()?.estimate.expectedMs,
        thread: thread ? { ...thread, permalink: slack.permalink } : undefined,
        lock,
        rootCause: deployment.rootCause && describeRootCause(deployment.rootCause)
    };
    const summary = deploymentSummary({
        correlationId: log.correlationId,
        config,
        run: d.run,
        result: 'acquired',
        deployment: facts,
        freeze: freezeOf(folder),
        answered: folder.answered(),
        rows,
        events
    });
    d.logs?.note({ outcome, fence: lockFence(io) });
    d.logs?.event('deployment ended', {
        outcome,
        durationMs: last - first,
        waitedMs,
        ...(deployment.rootCause ? { rootCause: describeRootCause(deployment.rootCause) } : {})
    });
    await io.appendSummary(summary +
        foreignSection(deployment.foreign) +
        correlationTagNotice(deployment.untagged, log.correlationId) +
        recoverySection(recoveries) +
        slack.section +
        githubSection(d.githubBudget?.missed ?? []) +
        (await logsSection(d, folder)));
}
/** coordinate did not take the lock (or gave it back): close what it announced, and the summary. */
async function reportNotDeployed(d, folder, result) {
    if (result)
        await closeAnnouncements(d, folder, result);
    const rows = result
        ? await d.reader
            .describeStacks(d.config.stackNames)
            .then((stacks) => stacks.map((s) => ({ name: s.name, status: s.status, url: d.reader.consoleUrl(s) })))
            .catch(() => [])
        : [];
    const { section: slack } = await slackReport(d, folder, undefined);
    const summary = deploymentSummary({
        correlationId: d.log.correlationId,
        config: d.config,
        run: d.run,
        result: result || 'not coordinated',
        freeze: freezeOf(folder),
        answered: folder.answered(),
        rows,
        events: []
    });
    d.logs?.event('not deployed', { result: result || 'not coordinated' });
    await d.io.appendSummary(summary + slack + githubSection(d.githubBudget?.missed ?? []) + (await logsSection(d, folder)));
}
/**
 * A run that announced its deployment (Slack thread, GitHub Deployment) and then did not deploy
 * (it lost the lock, or its handover failed) closes what it announced.
 */
async function closeAnnouncements(d, folder, result) {
    await setDeploymentStatus(d, folder, 'error', `not deployed: ${result}`);
    const thread = folder.thread();
    const info = folder.info();
    if (!d.notifier || !thread || !info || folder.finalSent())
        return;
    const now = new Date(d.clock.now());
    const startedAt = new Date(d.io.getState(state/* State */.Uw.AcquiredAt) || now.toISOString());
    await d.notifier.update('parent', thread, (0,messages/* startedMessage */.VS)(info, { state: 'cancelled', startedAt, endedAt: now }));
    folder.markFinalSent(now);
}
/**
 * The final Slack notice (a reply broadcast to the channel) and the parent updated in place;
 * messages spooled by coordinate and the monitor are retried first, so the thread stays in order.
 * Without a thread (its parent never delivered, or its ts never learnt) the final notice is a
 * message of its own in the channel, and the parent is not posted late: it would say 'deploying'
 * for ever. Returns the summary's Slack section, and the thread's permalink.
 */
async function slackReport(d, folder, end) {
    const { config, log, notifier } = d;
    if (!notifier || !config.slack)
        return { section: '' };
    const thread = folder.thread();
    const lost = await notifier.flush(folder.spools, (e) => !thread && e.op === 'post' && e.label === notify_thread/* THREAD_PARENT */["in"] && !e.threadTs
        ? end
            ? 'not sent again: the final notice was posted on its own instead'
            : 'not sent again: the deployment did not go ahead'
        : undefined);
    // Only a link: not asked for when Slack is in trouble (the final notice comes first then).
    const permalink = end && thread && lost.length === 0 ? await notifier.permalink(thread) : undefined;
    if (end && !folder.finalSent()) {
        const info = folder.info() ??
            (0,notify_thread/* deploymentInfo */.qx)(config, log.correlationId, d.run, {
                expectedMs: config_config/* DEFAULT_EXPECTED_DURATION_MS */.PP,
                basis: 'no history yet'
            });
        const notice = finalNotice(info, { ...end, threadUrl: permalink }, config.stackNames);
        if (thread) {
            if (notice.post)
                await notifier.post(notice.post.label, thread.channel, notice.post.message, {
                    ts: thread.ts,
                    broadcast: true
                });
            await notifier.update('parent', thread, notice.parent);
        }
        else {
            const own = notice.post ?? { label: finalState(end.outcome), message: notice.parent };
            await notifier.post(own.label, config.slack.channel, own.message);
        }
        folder.markFinalSent(new Date(d.clock.now()));
    }
    lost.push(...notifier.failed);
    if (lost.length > 0)
        log.warning(`Slack: ${lost.length} message(s) could not be delivered: ${lost.map((l) => l.label).join(', ')}.`, { title: 'Slack messages lost' });
    const unthreaded = end && !thread
        ? "No thread: its parent ('started') was never delivered, so the monitor's replies were not posted and the final notice went to the channel on its own."
        : undefined;
    return { section: slackSection(notifier.delivered, lost, unthreaded), permalink };
}
/** The fencing token this run held (state), for the log's fields. */
function lockFence(io) {
    const fence = Number(io.getState(state/* State */.Uw.Fence));
    return Number.isInteger(fence) && fence > 0 ? fence : undefined;
}

// EXTERNAL MODULE: ./.tmp/js/stages/repair.js
var repair = __webpack_require__(1910);
// EXTERNAL MODULE: ./.tmp/js/coordination/recover.js
var recover = __webpack_require__(3319);
;// CONCATENATED MODULE: ./.tmp/js/stages/finalize.js























/** What the post step spends on GitHub (the Deployment's status, the job's steps, the Actions cache). */
const POST_STEP_GITHUB_BUDGET_MS = 30_000;
/**
 * finalize (post): runs whatever happened before it, as often as it is run. Takes the lease back
 * from the monitor before stopping it, decides the outcome, repairs under the lease, and releases
 * in a `finally` (a no-op when already released or taken over); then records and reports.
 */
async function finalize(d) {
    const acquisition = await acquired(d);
    const result = d.io.getState(state/* State */.Uw.Result) || (acquisition ? 'acquired' : '');
    const folder = new DeploymentFolder(d.io, d.io.getState(state/* State */.Uw.MonitorDir) || (0,files/* monitorDir */.yO)(d.log.correlationId));
    if (result !== 'acquired')
        return notDeployed(d, folder, result, acquisition);
    let holding;
    let deployment;
    let recoveries;
    let released;
    try {
        if (acquisition)
            holding = await takeBack(d, acquisition, folder);
        const observations = await stopTheMonitor(d, folder.dir);
        deployment = await assess({ ...d, stepCancelled: d.stepCancelled ?? (async () => undefined) }, acquisition?.acquiredAt ?? (d.io.getState(state/* State */.Uw.AcquiredAt) || undefined), observations);
        // Repaired before the next run is let in, so it finds a stack it can deploy.
        recoveries = await (0,repair/* repairUnderLease */.a)(d, deployment.stacks, holding?.lease);
        await (0,recover/* explainUnrepaired */.b)(d, deployment.stacks, d.config);
        await logOutcome(d, deployment, recoveries);
    }
    finally {
        released = await release(d, holding?.lease, deployment?.outcome ?? 'unknown');
    }
    await recordOutcome(d, deployment, released, (0,answered/* answeredBy */.dd)(folder.answered()));
    await reportDeployment(d, folder, deployment, recoveries ?? [], holding && lockLine(holding));
}
/** coordinate did not take the lock (or gave it back): remove a ticket it may have left, and report. */
async function notDeployed(d, folder, result, acquisition) {
    const { io, log, config, registry } = d;
    await stopTheMonitor(d, folder.dir);
    // coordinate normally removes its ticket; it may have been killed while waiting.
    const ticket = io.getState(state/* State */.Uw.TicketSeq);
    if (ticket)
        await registry.lock.removeTicket(config.environment, Number(ticket)).catch(() => { });
    // coordinate gives the lock back itself when it does not deploy; if it could not (the registry
    // failed, or the handover to the monitor did), this does.
    const released = acquisition
        ? await registry.lock.release(config.environment, acquisition.key, result).catch(() => false)
        : false;
    if (released && acquisition && (0,turn_result/* leased */.Xw)(acquisition.key)) {
        log.info(`Released ${config.environment} (fencing token ${acquisition.key.fence}), outcome ${result}.`);
        await (0,deps/* record */.g1)(d, registry, 'released', `not deploying: ${result || 'coordinate did not finish'}`);
    }
    else
        log.info(result
            ? `coordinate result: ${result}; no lock was held.`
            : 'coordinate did not run (or did not finish): nothing was acquired, nothing to release.');
    await reportNotDeployed(d, folder, result);
}
async function main() {
    const io = stage.coreIO;
    const correlationId = (0,stage.stageCorrelationId)(io);
    const logs = new deployment_log/* DeploymentLog */.e(stage.coreSink);
    const log = (0,logger/* createLogger */.h)(correlationId, logs);
    await (0,stage.runStage)(correlationId, async () => {
        // Bad inputs were already reported by pre or coordinate; finalize has nothing to undo then.
        const config = io.getState(state/* State */.Uw.Result) ? (0,stage.loadConfig)(log, io) : tryReadConfig();
        if (!config) {
            logs.off();
            log.info('The inputs are invalid (see the earlier error): nothing was coordinated, nothing to finalize.');
            return;
        }
        // The log never stands between the post step and the release.
        await (0,runtime_logs/* startDeploymentLog */.A_)(logs, config, 'finalize', log, io).catch(() => logs.off());
        const reader = await (0,clients/* cloudFormationReader */.oE)(config.region);
        const githubBudget = new budget/* TimeBudget */.z(POST_STEP_GITHUB_BUDGET_MS, 'GitHub');
        // The mode coordinate ended in: CloudFormation alone when it fell back from the table.
        const fellBack = io.getState(state/* State */.Uw.Registry) === 'cloudformation-only';
        const table = fellBack ? undefined : config.registryTable;
        const deps = {
            config,
            log,
            io,
            reader,
            registry: await (0,clients/* openRegistry */.Me)({
                table,
                region: config.region,
                environment: config.environment,
                // The history file is kept in the Actions cache only where there is no table at all.
                log: config.registryTable ? undefined : log,
                githubBudget
            }),
            clock: stage.systemClock,
            sleep: stage.sleep,
            recovery: reader,
            notifier: await (0,notify_thread/* openNotifier */.NT)(config.slack, log, undefined, notify_thread/* POST_STEP_SLACK_BUDGET_MS */.wt),
            run: (0,run_context/* runContext */.p)(),
            deployments: githubDeploymentsOf(config, log, githubBudget),
            stepCancelled: config.githubToken
                ? () => (0,github/* stepCancelled */.oQ)(config.githubToken, githubBudget)
                : undefined,
            githubBudget,
            logs
        };
        try {
            await finalize(deps);
        }
        finally {
            await logs.close();
            // A call given up at the budget (the Actions cache's upload takes no signal) is not waited
            // for; finalize released the lock already (in its own finally).
            if (githubBudget.gaveUp) {
                log.info('Not waiting for the GitHub call given up at the budget.');
                setTimeout(() => process.exit(), 100).unref();
            }
        }
    });
}
function githubDeploymentsOf(config, log, budget) {
    const token = config.githubToken;
    return config.githubDeployment && token ? () => (0,github/* githubDeployments */.Sv)(token, log, budget) : undefined;
}
function tryReadConfig() {
    try {
        return (0,read/* readConfig */.Xg)();
    }
    catch (err) {
        if (err instanceof config_config/* ConfigError */.xL)
            return undefined;
        throw err;
    }
}


/***/ })

};
