export const id = 722;
export const ids = [722];
export const modules = {

/***/ 3319:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ recoverStacks),
/* harmony export */   b: () => (/* binding */ explainUnrepaired)
/* harmony export */ });
/* harmony import */ var _domain_durations_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1265);
/* harmony import */ var _domain_recovery_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5269);
/* harmony import */ var _domain_tree_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4650);
/* harmony import */ var _domain_stack_status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6235);
/* harmony import */ var _domain_stack_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3456);





/**
 * Repairs what the policy allows: RollbackStack, ContinueUpdateRollback, or
 * DeleteStack for a failed create, then waits for CloudFormation to finish and
 * checks the result (a deleted stack must be gone).
 */
async function recoverStacks(d, stacks, policy, timeoutMs, pollMs) {
    const results = [];
    for (const stack of stacks) {
        const action = (0,_domain_recovery_js__WEBPACK_IMPORTED_MODULE_0__/* .recoveryAction */ .Qp)(stack.status, policy);
        if (!action)
            continue;
        if ((0,_domain_recovery_js__WEBPACK_IMPORTED_MODULE_0__/* .isNested */ ._$)(stack)) {
            d.log.info(`Recovery: ${stack.name} is ${stack.status}, but it is a nested stack: it is repaired through its root stack (${stack.rootId}) only, never on its own.`);
            continue;
        }
        // What failed to roll back inside nested stacks is skipped, named as CloudFormation requires
        // (`Data.Db`: the plain `Db` is not the root's, and `Data` cannot be skipped while its stack is
        // stuck). The root's own failed resources are retried, not skipped. Read before the lease is
        // confirmed: nothing slow runs between that and the repair call.
        const skip = action === 'continue-rollback'
            ? (0,_domain_recovery_js__WEBPACK_IMPORTED_MODULE_0__/* .nestedSkips */ .Ox)(await stuckResources(d.reader, stack.name).catch((err) => {
                d.log.debug(`Could not read what failed to roll back in ${stack.name} (nothing skipped): ${err.message}`);
                return [];
            }))
            : [];
        if (d.mayRepair && !(await d.mayRepair())) {
            d.log.warning(`Recovery of ${stack.name} not started: this run is not sure it holds the lock.`);
            continue;
        }
        const startedAt = d.clock.now();
        d.log.info(`Recovery: ${stack.name} is ${stack.status}; ${action === 'rollback' ? 'RollbackStack' : action === 'continue-rollback' ? 'ContinueUpdateRollback' : 'DeleteStack'}${skip.length > 0 ? `, skipping ${skip.join(', ')} (failed to roll back inside nested stacks: left as they are)` : ''}.`);
        // The repair's own events come after this one: its end is the first stack-level event that is
        // not *_IN_PROGRESS, however fast it came and whatever status the stack was in before.
        let cursor;
        try {
            cursor = (await d.reader.eventsSince(stack.name)).at(-1)?.id;
            if (action === 'rollback')
                await d.recovery.rollbackStack(stack.name);
            else if (action === 'continue-rollback')
                await d.recovery.continueUpdateRollback(stack.name, skip);
            else
                await d.recovery.deleteStack(stack.name);
        }
        catch (err) {
            results.push(await failed(d, stack.name, action, stack.status, startedAt, `the call failed: ${err.message}`));
            continue;
        }
        let status = stack.status;
        let now = d.clock.now();
        let ended;
        while (now - startedAt < timeoutMs && !ended && d.holding?.() !== false) {
            await d.sleep(Math.min(pollMs, timeoutMs - (now - startedAt)));
            const fresh = cursor ? await d.reader.eventsSince(stack.name, cursor) : [];
            cursor = fresh.at(-1)?.id ?? cursor;
            ended = fresh.find((e) => (0,_domain_stack_js__WEBPACK_IMPORTED_MODULE_2__/* .isStackEvent */ .lQ)(e) && !e.status.endsWith('_IN_PROGRESS'));
            [{ status } = { status }] = await d.reader.describeStacks([stack.name]);
            now = d.clock.now();
            // A deleted stack has no events to read by name; a stack without a cursor falls back to its status.
            if ((0,_domain_stack_status_js__WEBPACK_IMPORTED_MODULE_1__/* .classifyStatus */ .xo)(status).class === 'does-not-exist')
                break;
            if (!cursor && status !== stack.status && (0,_domain_stack_status_js__WEBPACK_IMPORTED_MODULE_1__/* .classifyStatus */ .xo)(status).class !== 'in-progress')
                break;
        }
        const cls = (0,_domain_stack_status_js__WEBPACK_IMPORTED_MODULE_1__/* .classifyStatus */ .xo)(status).class;
        const ok = action === 'delete'
            ? cls === 'does-not-exist'
            : cls === 'stable' || cls === 'stable-after-failure';
        if (ok) {
            d.log.info(`Recovery: ${stack.name} is ${status} after ${(0,_domain_durations_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(now - startedAt)}.`);
            results.push({ stack: stack.name, action, ok, finalStatus: status, instructions: [] });
        }
        else {
            results.push(await failed(d, stack.name, action, status, startedAt, d.holding?.() === false
                ? `stopped waiting: this run no longer holds the lock (still ${status})`
                : ended || !(0,_domain_stack_status_js__WEBPACK_IMPORTED_MODULE_1__/* .classifyStatus */ .xo)(status).class.startsWith('in-progress')
                    ? `ended ${status}${ended?.reason ? `: ${ended.reason}` : ''}`
                    : `still ${status} after ${(0,_domain_durations_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(now - startedAt)}`));
        }
    }
    return results;
}
async function failed(d, stack, action, status, sinceMs, why) {
    const [snapshot] = await d.reader.describeStacks([stack]);
    // Only what failed during the repair: those are the resources to fix or skip.
    const instructions = (0,_domain_recovery_js__WEBPACK_IMPORTED_MODULE_0__/* .recoveryInstructions */ .ry)(stack, snapshot?.status ?? status, await stuckResources(d.reader, stack, sinceMs), snapshot ? d.reader.consoleUrl(snapshot) : '');
    d.log.error(`Recovery of ${stack} failed (${why}).\n${instructions.join('\n')}`, {
        title: `Recovery failed: ${stack}`
    });
    return { stack, action, ok: false, finalStatus: snapshot?.status ?? status, instructions };
}
/**
 * A stack the policy may not repair, left needing a rollback or its continuation (auto-rollback
 * off): what a person does, with the resources stuck inside its nested stacks. A nested stack
 * covered by itself is explained through its root, once per root (a root and its nested stacks
 * both covered: one warning), and only if the root, read now, still needs a rollback or its
 * continuation: a root repaired meanwhile (UPDATE_ROLLBACK_COMPLETE, or still rolling back) needs
 * no person.
 */
async function explainUnrepaired(d, stacks, policy) {
    const explained = new Set();
    for (const stack of stacks) {
        const needs = (0,_domain_stack_status_js__WEBPACK_IMPORTED_MODULE_1__/* .classifyStatus */ .xo)(stack.status).needs;
        if (needs !== 'rollback' && needs !== 'continue-rollback')
            continue;
        const nested = (0,_domain_recovery_js__WEBPACK_IMPORTED_MODULE_0__/* .isNested */ ._$)(stack);
        // A root the policy covers was repaired, and its failure explained, by recoverStacks.
        if ((0,_domain_recovery_js__WEBPACK_IMPORTED_MODULE_0__/* .recoveryAction */ .Qp)(stack.status, policy) && !nested)
            continue;
        const root = nested ? stack.rootId : stack.name;
        const key = nested ? stack.rootId : (stack.stackId ?? stack.name);
        if (explained.has(key))
            continue;
        explained.add(key);
        try {
            const [snapshot] = await d.reader.describeStacks([root]);
            const now = snapshot ? (0,_domain_stack_status_js__WEBPACK_IMPORTED_MODULE_1__/* .classifyStatus */ .xo)(snapshot.status).needs : undefined;
            if (!snapshot || (now !== 'rollback' && now !== 'continue-rollback')) {
                d.log.debug(`${stack.name}: its root ${root} is ${snapshot?.status ?? 'unknown'} now, no repair needed.`);
                continue;
            }
            const instructions = (0,_domain_recovery_js__WEBPACK_IMPORTED_MODULE_0__/* .recoveryInstructions */ .ry)(root, snapshot.status, await stuckResources(d.reader, root), d.reader.consoleUrl(snapshot));
            d.log.warning(instructions.join('\n'), { title: `Repair needed: ${stack.name}` });
        }
        catch (err) {
            d.log.debug(`Could not read what is stuck in ${root}: ${err.message}`);
        }
    }
}
/**
 * The resources whose latest event in the stack's latest operation (since `sinceMs`) is a failure,
 * and, for a nested stack resource among them, those inside its stack (recursively).
 */
async function stuckResources(reader, stack, sinceMs, path = [], nestedStack) {
    const op = await reader.currentOperation(stack);
    const events = sinceMs === undefined ? op.events : op.events.filter((e) => e.timestamp.getTime() >= sinceMs);
    const out = [];
    for (const e of (0,_domain_recovery_js__WEBPACK_IMPORTED_MODULE_0__/* .rollbackFailures */ .SD)(events, path.length > 0)) {
        out.push(path.length > 0 ? { ...e, nestedIn: path, nestedStack } : e);
        const arn = (0,_domain_tree_js__WEBPACK_IMPORTED_MODULE_4__/* .nestedStackOf */ .VB)(e);
        if (arn && path.length < _domain_stack_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_NESTED_READ_DEPTH */ .mu)
            out.push(...(await stuckResources(reader, arn, sinceMs, [...path, e.logicalId], arn).catch(() => [])));
    }
    return out;
}


/***/ }),

/***/ 8223:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FO: () => (/* binding */ exitCodeOf),
/* harmony export */   Xw: () => (/* binding */ leased),
/* harmony export */   xP: () => (/* binding */ NOT_ACQUIRED)
/* harmony export */ });
/* harmony import */ var _config_state_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4131);

/** How a wait that did not end with the lock is reported: the step's result and the record's transition. */
const NOT_ACQUIRED = {
    timeout: { result: 'concurrent', transition: 'timed-out' },
    cancelled: { result: 'aborted', transition: 'cancelled' },
    superseded: { result: 'superseded', transition: 'superseded' },
    frozen: { result: 'frozen', transition: 'frozen' }
};
/** The coordinate step's exit status: 0 go, 2 another deployment is active, 1 anything else. */
function exitCodeOf(result) {
    if (result === 'acquired')
        return _config_state_js__WEBPACK_IMPORTED_MODULE_0__/* .ExitCode */ .yU.Ok;
    if (result === 'concurrent')
        return _config_state_js__WEBPACK_IMPORTED_MODULE_0__/* .ExitCode */ .yU.Concurrent;
    return _config_state_js__WEBPACK_IMPORTED_MODULE_0__/* .ExitCode */ .yU.Failed;
}
/**
 * An acquisition with a fencing token is a lease in the table: someone must heartbeat it from
 * acquire to release. Fence 0 is CloudFormation's own lock (no table): nothing to keep alive.
 */
const leased = (acquisition) => acquisition.fence > 0;


/***/ }),

/***/ 112:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   UU: () => (/* binding */ monitorPid),
/* harmony export */   f5: () => (/* binding */ stopMonitor),
/* harmony export */   iX: () => (/* binding */ readObservations)
/* harmony export */ });
/* unused harmony export isMonitorOf */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7101);



/** Running, not just a zombie waiting to be reaped (a detached monitor's parent is gone). */
const alive = (pid) => {
    try {
        process.kill(pid, 0);
    }
    catch {
        return false;
    }
    try {
        const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    }
    catch {
        return true;
    }
};
const realOrResolved = (file) => {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(file);
    }
    catch {
        return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(file);
    }
};
/**
 * Whether the process with this pid is the monitor of the deployment whose folder is `dir` (its
 * command line names the settings file there). Where the command line cannot be read (not Linux),
 * the pid is taken at its word.
 */
function isMonitorOf(pid, dir) {
    let cmdline;
    try {
        cmdline = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`/proc/${pid}/cmdline`, 'utf8');
    }
    catch {
        return true;
    }
    const settings = realOrResolved((0,_files_js__WEBPACK_IMPORTED_MODULE_2__/* .monitorFiles */ .Sy)(dir).settings);
    return cmdline
        .split('\0')
        .some((arg) => arg.endsWith('monitor.json') && realOrResolved(arg) === settings);
}
/**
 * SIGTERM, wait for it to flush and exit, SIGKILL after the grace period. With the deployment's
 * folder, a pid that is no longer its monitor (it ended and the pid was reused) is not signalled.
 */
async function stopMonitor(pid, sleep, graceMs = 3_000, dir) {
    if (!Number.isInteger(pid) || pid <= 0 || !alive(pid))
        return 'not-running';
    if (dir !== undefined && !isMonitorOf(pid, dir))
        return 'not-running';
    if (!signal(pid, 'SIGTERM'))
        return 'not-running';
    for (let waited = 0; waited < graceMs; waited += 50) {
        if (!alive(pid))
            return 'stopped';
        await sleep(50);
    }
    if (!alive(pid))
        return 'stopped';
    return signal(pid, 'SIGKILL') ? 'killed' : 'stopped';
}
/** False when the process is gone already (it exited between the check and the signal). */
function signal(pid, sig) {
    try {
        process.kill(pid, sig);
        return true;
    }
    catch {
        return false;
    }
}
/** The pid from state, else from the deployment's folder (a separate finalize step). */
function monitorPid(statePid, dir) {
    if (statePid)
        return Number(statePid);
    const file = (0,_files_js__WEBPACK_IMPORTED_MODULE_2__/* .monitorFiles */ .Sy)(dir).pid;
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file) ? Number((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8').trim()) : undefined;
}
/** The monitor's observations (one JSON object a line); a torn last line is skipped. */
function readObservations(dir, fromByte = 0) {
    const file = (0,_files_js__WEBPACK_IMPORTED_MODULE_2__/* .monitorFiles */ .Sy)(dir).log;
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
        return [];
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file)
        .subarray(fromByte)
        .toString('utf8')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .flatMap((l) => {
        try {
            return [JSON.parse(l)];
        }
        catch {
            return [];
        }
    });
}


/***/ }),

/***/ 6942:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P9: () => (/* binding */ decodeReactions),
/* harmony export */   S0: () => (/* binding */ decodeUser),
/* harmony export */   Wi: () => (/* binding */ whoAnswered),
/* harmony export */   bp: () => (/* binding */ untrusted),
/* harmony export */   dI: () => (/* binding */ decodeReplies)
/* harmony export */ });
/**
 * What people answered a question with, decoded where it comes in from Slack: reactions (their
 * names and who reacted) and thread replies (their text and who wrote them, with the name Slack
 * gives in the reply's `user_profile`). Everything from Slack is untrusted: only strings are
 * taken, cut to a sane length, with control characters escaped.
 */
const ID_MAX = 32;
const NAME_MAX = 80;
const TEXT_MAX = 500;
/** C0 and C1 controls, zero-width and bidirectional controls, line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
/** A string from Slack, one line: control characters escaped (`\u202e`), cut to `max`. */
function untrusted(value, max) {
    if (typeof value !== 'string')
        return undefined;
    const text = value
        .slice(0, max * 2)
        .replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
    return cut.trim() === '' ? undefined : cut;
}
/** A user from an ID and, for a reply, its `user_profile`; undefined without a usable ID. */
function decodeUser(id, profile) {
    const uid = untrusted(id, ID_MAX);
    if (!uid)
        return undefined;
    const p = (typeof profile === 'object' && profile !== null ? profile : {});
    const name = untrusted(p['display_name'], NAME_MAX) ??
        untrusted(p['real_name'], NAME_MAX) ??
        untrusted(p['name'], NAME_MAX);
    return name ? { id: uid, name } : { id: uid };
}
/** `reactions.get`'s `message.reactions`. */
function decodeReactions(value) {
    if (!Array.isArray(value))
        return [];
    return value.flatMap((r) => {
        const o = (typeof r === 'object' && r !== null ? r : {});
        const name = untrusted(o['name'], NAME_MAX);
        if (!name)
            return [];
        const ids = Array.isArray(o['users']) ? o['users'] : [];
        return [{ name, users: ids.flatMap((u) => decodeUser(u) ?? []) }];
    });
}
/** `conversations.replies`'s messages: people's replies only (not the question, not a bot's). */
function decodeReplies(value, questionTs) {
    if (!Array.isArray(value))
        return [];
    return value.flatMap((m) => {
        const o = (typeof m === 'object' && m !== null ? m : {});
        if (o['ts'] === questionTs || o['bot_id'])
            return [];
        const user = decodeUser(o['user'], o['user_profile']);
        return [{ text: untrusted(o['text'], TEXT_MAX) ?? '', ...(user ? { user } : {}) }];
    });
}
/** A person in a log line or the summary: `Dana (U0PERSON001)`, or the ID alone. */
const whoAnswered = (by) => (by.name ? `${by.name} (${by.id})` : by.id);


/***/ }),

/***/ 2558:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sv: () => (/* binding */ githubDeployments),
/* harmony export */   j: () => (/* binding */ githubLiveness),
/* harmony export */   oQ: () => (/* binding */ stepCancelled)
/* harmony export */ });
/* unused harmony export githubApiUrl */
/* harmony import */ var _run_context_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6335);
/* harmony import */ var _env_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1623);


// The GitHub clients, loaded only when an input asks for them, on the runner's API URL.
/** The GitHub API the runner names (GitHub Enterprise Server included). */
const githubApiUrl = (env = _env_js__WEBPACK_IMPORTED_MODULE_1__/* .processEnv */ .H) => env['GITHUB_API_URL'] || 'https://api.github.com';
async function githubLiveness(token, log) {
    const { GitHubRunLiveness } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(666)]).then(__webpack_require__.bind(__webpack_require__, 2666));
    return new GitHubRunLiveness(token, log, githubApiUrl());
}
async function githubDeployments(token, log, budget) {
    const { GitHubDeployments } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(707)]).then(__webpack_require__.bind(__webpack_require__, 5707));
    return new GitHubDeployments(token, (0,_run_context_js__WEBPACK_IMPORTED_MODULE_0__/* .runContext */ .p)(), log, githubApiUrl(), budget);
}
async function stepCancelled(token, budget) {
    const { stepCancelled } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(891)]).then(__webpack_require__.bind(__webpack_require__, 5891));
    return stepCancelled(token, (0,_run_context_js__WEBPACK_IMPORTED_MODULE_0__/* .runContext */ .p)(), githubApiUrl(), budget);
}


/***/ }),

/***/ 8755:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H6: () => (/* binding */ answeredOf),
/* harmony export */   Lo: () => (/* binding */ keepAnswered),
/* harmony export */   dd: () => (/* binding */ answeredBy)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _config_state_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4131);
/* harmony import */ var _monitor_files_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7101);
/* harmony import */ var _notify_answers_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6942);
/**
 * The questions a person answered in Slack (`ask`), kept by coordinate for the record's
 * transitions and finalize's summary: in state, and in the deployment's folder for a finalize
 * that runs as a separate step.
 */





/** Adds an answer to those kept (state and folder); the folder is best effort. */
function keepAnswered(io, log, answered) {
    const all = JSON.stringify([...answeredOf(io, log.correlationId), answered]);
    io.saveState(_config_state_js__WEBPACK_IMPORTED_MODULE_2__/* .State */ .Uw.Answered, all);
    try {
        const file = (0,_monitor_files_js__WEBPACK_IMPORTED_MODULE_3__/* .monitorFiles */ .Sy)((0,_monitor_files_js__WEBPACK_IMPORTED_MODULE_3__/* .monitorDir */ .yO)(log.correlationId)).answered;
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(file), { recursive: true, mode: 0o700 });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(file, all, { mode: 0o600 });
    }
    catch (err) {
        log.info(`Could not keep the answer for a separate finalize step: ${err.message}`);
    }
}
/** The answers kept by coordinate (state, else the deployment's folder), decoded. */
function answeredOf(io, correlationId, dir) {
    let raw = io.getState(_config_state_js__WEBPACK_IMPORTED_MODULE_2__/* .State */ .Uw.Answered);
    if (!raw) {
        const file = (0,_monitor_files_js__WEBPACK_IMPORTED_MODULE_3__/* .monitorFiles */ .Sy)(dir ?? (0,_monitor_files_js__WEBPACK_IMPORTED_MODULE_3__/* .monitorDir */ .yO)(correlationId)).answered;
        raw = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file) ? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8') : '';
    }
    try {
        const parsed = raw ? JSON.parse(raw) : [];
        return Array.isArray(parsed) ? parsed.flatMap(decodeAnswered) : [];
    }
    catch {
        return [];
    }
}
function decodeAnswered(value) {
    const o = (typeof value === 'object' && value !== null ? value : {});
    const question = (0,_notify_answers_js__WEBPACK_IMPORTED_MODULE_4__/* .untrusted */ .bp)(o['question'], 500);
    const answer = o['answer'];
    const at = (0,_notify_answers_js__WEBPACK_IMPORTED_MODULE_4__/* .untrusted */ .bp)(o['at'], 40);
    if (!question || !at || (answer !== 'proceed' && answer !== 'abort'))
        return [];
    const b = (typeof o['by'] === 'object' && o['by'] !== null ? o['by'] : {});
    const by = (0,_notify_answers_js__WEBPACK_IMPORTED_MODULE_4__/* .decodeUser */ .S0)(b['id'], { name: b['name'] });
    return [{ question, answer, at, ...(by ? { by } : {}) }];
}
/** Who gave the latest answer, for the transition that follows it. */
const answeredBy = (answered) => answered.at(-1)?.by;


/***/ }),

/***/ 6985:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   De: () => (/* binding */ releaseBudget),
/* harmony export */   bM: () => (/* binding */ statuses),
/* harmony export */   bV: () => (/* binding */ finalizeWarning),
/* harmony export */   g1: () => (/* binding */ record),
/* harmony export */   i7: () => (/* binding */ statusChannel),
/* harmony export */   vm: () => (/* binding */ safely)
/* harmony export */ });
/** Registry trouble after the lock decision never fails the run: a warning, and on. */
async function safely(log, fn, warn = (message) => ({
    text: `Registry write failed: ${message}`,
    title: 'Registry write failed'
})) {
    try {
        return await fn();
    }
    catch (err) {
        const { text, title } = warn(err.message);
        log.warning(text, { title });
        return undefined;
    }
}
/** finalize's registry trouble: reported, never fatal (the lease expires on its own). */
const finalizeWarning = (message) => ({
    text: `Registry unavailable in finalize (${message}); the lock, if held, expires after lease-minutes.`,
    title: 'Registry unavailable'
});
/** A transition on this deployment's record (best effort, see `safely`). */
async function record(d, registry, state, note, patch = {}, 
/** Who answered the question this transition followed. */
by) {
    const entry = {
        state,
        at: new Date(d.clock.now()).toISOString(),
        ...(note ? { note } : {}),
        ...(by ? { by } : {})
    };
    await safely(d.log, () => registry.records.addTransition(d.log.correlationId, entry, patch));
}
const statuses = (stacks) => stacks.map((s) => `${s.name}=${s.status}`).join(', ');
/** A release retries registry trouble for at most this long: a lease, up to 30 s. */
const releaseBudget = (config) => Math.min(config.leaseMs, 30_000);
/** Where a stage posts to Slack: the notifier and the status channel, when both are there. */
const statusChannel = (d) => d.notifier && d.config.slack
    ? { notifier: d.notifier, channel: d.config.slack.channel }
    : undefined;


/***/ }),

/***/ 1281:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   UU: () => (/* binding */ holdLease),
/* harmony export */   qF: () => (/* binding */ confirmed)
/* harmony export */ });
/* unused harmony exports lossOf, reportLoss */
/* harmony import */ var _coordination_lease_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8677);
/* harmony import */ var _monitor_files_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7101);
/* harmony import */ var _notify_messages_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3156);



/** How a lock that is no longer this acquisition's was lost, from the lock as it is now. */
function lossOf(view, key) {
    if (!view)
        return { kind: 'unknown', text: 'the registry could not be read to say how' };
    const holder = view.holder;
    if (holder && holder.fence !== key.fence)
        return {
            kind: 'taken-over',
            text: `it is now held by ${holder.correlationId} (fencing token ${holder.fence}, ${holder.run.runUrl ?? 'no run link'})`
        };
    if (!holder && view.fence === key.fence && view.lastOutcome === 'force-unlocked')
        return {
            kind: 'unlocked',
            text: 'an operator unlocked it (deploy-coordinator unlock --force)'
        };
    if (!holder && view.fence === key.fence && view.lastHolder === key.correlationId)
        return { kind: 'released', text: `it was already released (fencing token ${key.fence})` };
    return { kind: 'unknown', text: `the lock is at fencing token ${view.fence}` };
}
/**
 * The lease of this run's acquisition, heartbeating on its own loop (see Lease). When a heartbeat
 * finds the lock no longer this acquisition's, the holder says so at once: an error annotation,
 * a Slack alert, the record; `signal` aborts then, so the stage can stop acting as the holder.
 */
function holdLease(d, environment, key, leaseMs, by, sinceMs) {
    const controller = new AbortController();
    let reported = Promise.resolve(undefined);
    let loss;
    let warnedSilent = false;
    const lease = new _coordination_lease_js__WEBPACK_IMPORTED_MODULE_0__/* .Lease */ .n({ lock: d.registry.lock, clock: d.clock, sleep: d.sleep }, environment, key, leaseMs, (0,_monitor_files_js__WEBPACK_IMPORTED_MODULE_1__/* .heartbeatInterval */ .gA)(leaseMs), {
        onBeat: (r) => {
            if (typeof r === 'boolean' || warnedSilent)
                return;
            if (d.clock.now() - lease.lastLandedAt < leaseMs)
                return;
            warnedSilent = true;
            d.log.warning(`The lock's heartbeats have not landed for longer than a lease (${r.message}): another run may take it over. Still trying.`, { title: 'Lock heartbeat failing' });
        },
        onLost: () => {
            reported = reportLoss(d, environment, key, by).then((l) => (loss = l));
            controller.abort();
        }
    }, sinceMs);
    return {
        lease,
        reported: async () => {
            await reported;
        },
        signal: controller.signal,
        loss: () => loss
    };
}
async function reportLoss(d, environment, key, by) {
    const view = await d.registry.lock.readLock(environment).catch(() => undefined);
    const loss = lossOf(view, key);
    if (loss.kind === 'released') {
        // This acquisition ended already (finalize run twice): nothing was lost.
        d.log.info(`Nothing to release: ${environment} was already released (fencing token ${key.fence}).`);
        return loss;
    }
    d.log.error(`This deployment no longer holds the ${environment} lock (fencing token ${key.fence}): ${loss.text}. It stops acting as the holder: no heartbeat, no repair, no release.`, { title: 'Lock lost' });
    const at = new Date(d.clock.now()).toISOString();
    await d.registry.records
        .addTransition(key.correlationId, { state: 'lock-lost', at, note: `${by}: ${loss.text}` })
        .catch(() => undefined);
    if (d.slack && d.info) {
        await d.slack.notifier
            .post('lock lost', d.slack.channel, (0,_notify_messages_js__WEBPACK_IMPORTED_MODULE_2__/* .lockLostMessage */ .bE)(d.info, {
            nowHeldBy: view?.holder && view.holder.fence !== key.fence ? view.holder.correlationId : undefined,
            by
        }), d.slack.ts ? { ts: d.slack.ts } : undefined)
            .catch(() => undefined);
    }
    return loss;
}
/** The lease made sure of before this run acts as the holder; said when it cannot be. */
async function confirmed(d, lease) {
    if (await lease.confirm(d.config.leaseMs))
        return true;
    if (!lease.lost)
        d.log.error(`Could not make sure this run still holds the ${d.config.environment} lock: no heartbeat landed for a lease (the registry did not answer). Not acting as the holder.`, { title: 'Lock not confirmed' });
    return false;
}


/***/ }),

/***/ 1910:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ repairUnderLease)
/* harmony export */ });
/* harmony import */ var _config_config_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9358);
/* harmony import */ var _coordination_recover_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3319);
/* harmony import */ var _holder_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1281);



/**
 * Repairs what the recovery inputs allow, only while this run holds the lock and, before each
 * repair call, only on a lease made sure of; bounded by wait-timeout-minutes (or the default
 * deployment time when the run does not wait).
 */
async function repairUnderLease(d, stacks, lease) {
    const { config } = d;
    if (!d.recovery)
        return [];
    return (0,_coordination_recover_js__WEBPACK_IMPORTED_MODULE_1__/* .recoverStacks */ .U)({
        reader: d.reader,
        recovery: d.recovery,
        clock: d.clock,
        sleep: d.sleep,
        log: d.log,
        holding: () => !lease?.lost,
        mayRepair: () => (lease ? (0,_holder_js__WEBPACK_IMPORTED_MODULE_2__/* .confirmed */ .qF)(d, lease) : Promise.resolve(true))
    }, stacks, { autoRollback: config.autoRollback, cleanup: config.cleanup }, config.waitTimeoutMs > 0 ? config.waitTimeoutMs : _config_config_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_EXPECTED_DURATION_MS */ .PP, config.pollIntervalMs);
}


/***/ })

};
