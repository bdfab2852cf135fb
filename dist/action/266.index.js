export const id = 266;
export const ids = [266];
export const modules = {

/***/ 4053:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D2: () => (/* binding */ describeUnreadable),
/* harmony export */   Kc: () => (/* binding */ concerns),
/* harmony export */   i$: () => (/* binding */ RegistryUnavailableError),
/* harmony export */   wE: () => (/* binding */ REPAIR_COMMAND),
/* harmony export */   zk: () => (/* binding */ RegistryCorruptError)
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
/** The command that lists and repairs unreadable items (the table's name is the caller's to add). */
const REPAIR_COMMAND = 'deploy-coordinator doctor --fix';
/** An unreadable item, in one line: `ENV#production / LOCK: heartbeatNs is ..., expected ...`. */
const describeUnreadable = (u) => `${u.pk} / ${u.sk}: ${u.attribute || 'the item'} is ${u.found}, expected ${u.expected}`;
/** Whether an unreadable item could concern `environment` (its own, all of them, or nobody knows). */
const concerns = (u, environment) => u.scope === undefined || u.scope === '*' || u.scope === environment;
/** A registry read met an item it cannot decode where the caller cannot do without it. */
class RegistryCorruptError extends Error {
    item;
    constructor(item) {
        super(`unreadable registry item ${describeUnreadable(item)}`);
        this.item = item;
        this.name = 'RegistryCorruptError';
    }
}


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
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(248);
/* harmony import */ var _schema_records_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5291);






/** How many deployments the history file keeps (newest first). */
const KEEP = 50;
/** Without a registry table, history lives in a file that the Actions cache carries from run to run. */
function historyFile(environment, env = _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__/* .processEnv */ .H) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env['RUNNER_TEMP'] || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'deploy-coordinator-history', `${environment.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
}
/** The file's entries, each decoded as the table's are (the cache brings back whatever was saved). */
function readHistoryFile(file) {
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
        return { items: [], unreadable: [] };
    let entries;
    try {
        entries = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8'));
    }
    catch {
        entries = undefined;
    }
    if (!Array.isArray(entries))
        return {
            items: [],
            unreadable: [
                {
                    pk: file,
                    sk: '',
                    attribute: '',
                    expected: 'a JSON list of deployments',
                    found: 'something else'
                }
            ]
        };
    return (0,_schema_js__WEBPACK_IMPORTED_MODULE_4__/* .sorted */ .IP)(entries.map((e, i) => (0,_schema_records_js__WEBPACK_IMPORTED_MODULE_5__/* .decodeHistory */ .FU)(e, { pk: file, sk: `[${i}]` })));
}
function appendHistoryFile(file, entry) {
    const entries = [
        entry,
        ...readHistoryFile(file).items.filter((e) => e.correlationId !== entry.correlationId)
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
        const { items, unreadable } = readHistoryFile(this.file);
        return { items: items.slice(0, limit), unreadable };
    }
    save() {
        return this.persist();
    }
}


/***/ }),

/***/ 5291:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FU: () => (/* binding */ decodeHistory),
/* harmony export */   eT: () => (/* binding */ decodeRecord)
/* harmony export */ });
/* unused harmony export MAX_HISTORY_DURATION_MS */
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(248);

/** Deployment records and the history of finished deployments (see schema.ts). */
/** The longest deployment history keeps: a longer one is an impossible value, not a slow stack. */
const MAX_HISTORY_DURATION_MS = 30 * 86_400_000;
const transition = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .fields */ .OA)({
    state: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ nonEmpty: true }),
    at: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .instant */ .uR,
    note: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)()),
    by: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .fields */ .OA)({ id: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ nonEmpty: true }), name: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)()) }))
});
/**
 * A record: the transitions alone when it was started by a transition (a predecessor's
 * `taken-over`, an unlock, a lock lost) rather than by its run's arrival.
 */
const recordFields = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .fields */ .OA)({
    correlationId: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ nonEmpty: true })),
    environment: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ nonEmpty: true })),
    stacks: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .stackNames */ .zD),
    run: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF),
    priority: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .priority */ .Lr,
    fence: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .counter */ .hJ)(0)),
    transitions: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .list */ .p_)(transition),
    outcome: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)()),
    rootCause: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)())
});
function decodeRecord(item) {
    return (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .decode */ .D4)(item, (v, at) => {
        const r = recordFields(v, at);
        const pk = typeof item['pk'] === 'string' ? item['pk'] : '';
        return {
            ...r,
            correlationId: r.correlationId ?? pk.slice('DEPLOY#'.length),
            environment: r.environment ?? '',
            stacks: r.stacks ?? [],
            run: r.run ?? {}
        };
    });
}
const historyFields = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .fields */ .OA)({
    correlationId: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ nonEmpty: true }),
    environment: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ nonEmpty: true }),
    stacks: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .stackNames */ .zD,
    outcome: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ nonEmpty: true }),
    startedAt: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .instant */ .uR,
    endedAt: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .instant */ .uR,
    durationMs: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(0, MAX_HISTORY_DURATION_MS),
    resourceTypeSeconds: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((v, at) => {
        const m = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .map */ .Tj)(v, at);
        const seconds = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .number */ .ai)(0, MAX_HISTORY_DURATION_MS / 1000);
        return Object.fromEntries(Object.entries(m).map(([k, x]) => [k, seconds(x, (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .join */ .fj)(at, k))]));
    })
});
/** A finished deployment; its end is not before its start. */
function decodeHistory(item, where) {
    return (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .decode */ .D4)(item, (v, at) => {
        const h = historyFields(v, at);
        if (Date.parse(h.endedAt) < Date.parse(h.startedAt))
            (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .fail */ .fJ)('endedAt', `not before startedAt (${h.startedAt})`, h.endedAt);
        return h;
    }, where);
}


/***/ }),

/***/ 248:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D4: () => (/* binding */ decode),
/* harmony export */   DH: () => (/* binding */ decoded),
/* harmony export */   IP: () => (/* binding */ sorted),
/* harmony export */   Lr: () => (/* binding */ priority),
/* harmony export */   OA: () => (/* binding */ fields),
/* harmony export */   Qq: () => (/* binding */ text),
/* harmony export */   Tj: () => (/* binding */ map),
/* harmony export */   ai: () => (/* binding */ number),
/* harmony export */   bp: () => (/* binding */ describeValue),
/* harmony export */   dm: () => (/* binding */ lease),
/* harmony export */   eF: () => (/* binding */ run),
/* harmony export */   fJ: () => (/* binding */ fail),
/* harmony export */   fj: () => (/* binding */ join),
/* harmony export */   hJ: () => (/* binding */ counter),
/* harmony export */   kz: () => (/* binding */ readNumber),
/* harmony export */   l: () => (/* binding */ MAX_LEASE_MS),
/* harmony export */   lc: () => (/* binding */ bool),
/* harmony export */   lq: () => (/* binding */ optional),
/* harmony export */   nd: () => (/* binding */ integer),
/* harmony export */   p_: () => (/* binding */ list),
/* harmony export */   uR: () => (/* binding */ instant),
/* harmony export */   zD: () => (/* binding */ stackNames)
/* harmony export */ });
/* unused harmony exports keyText, freezeKeyEnvironment */
/* harmony import */ var _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8907);
/* harmony import */ var _domain_display_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2298);
/* harmony import */ var _domain_priority_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(806);
/* harmony import */ var _ports_registry_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4053);




/**
 * Every item the registry reads is decoded here, against its schema (the checks below, put together
 * in schema-lock.ts for the lock and the queue, schema-records.ts for records and history,
 * schema-freezes.ts for freezes and the index of environments), before any code acts on it. The
 * table is shared by every repository, every release of the action, scripts and hands: an item
 * that does not decode (a number JavaScript cannot hold exactly, a missing or mistyped
 * attribute, an impossible value) is an `Unreadable` answer that names the item's key, the
 * attribute and what was expected; it is never taken for silence. Unknown extra attributes are
 * kept (the table is never rewritten by a read) and ignored, unless they hold a number the SDK
 * cannot convert: then the item is one that this and older releases cannot read at all.
 *
 * Numbers come from the document client's `wrapNumbers` hook (`readNumber`): a JavaScript number
 * when it is exact, else a `NumberValue` holding DynamoDB's own text, which every check refuses.
 */
/** The largest lease any release accepts (lease-minutes 1440): a longer one never dies. */
const MAX_LEASE_MS = 86_400_000;
/** The largest fence or queue number: far beyond any table's life, far below 2^53. */
const MAX_COUNTER = 1e12;
/** A stored text longer than this is not one the action wrote. */
const MAX_TEXT = 10_000;
/** The document client's number hook: exact numbers as numbers, the rest as DynamoDB's text. */
function readNumber(text) {
    const n = Number(text);
    return Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER ? n : _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_0__/* .NumberValue */ .lS.from(text);
}
class Mismatch extends Error {
    attribute;
    expected;
    found;
    constructor(attribute, expected, found) {
        super(`${attribute}: expected ${expected}, found ${found}`);
        this.attribute = attribute;
        this.expected = expected;
        this.found = found;
    }
}
/** What a value is, in a few words, for a decoding failure (shown safely). */
function describeValue(v) {
    if (v === undefined)
        return 'nothing (missing)';
    if (v === null)
        return 'null';
    if (v instanceof _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_0__/* .NumberValue */ .lS)
        return `the number ${(0,_domain_display_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(v.value)}, which JavaScript cannot hold exactly`;
    if (typeof v === 'string')
        return `the string ${(0,_domain_display_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(v)}`;
    if (typeof v === 'number')
        return `the number ${v}`;
    if (typeof v === 'boolean')
        return `the boolean ${v}`;
    if (Array.isArray(v))
        return `a list of ${v.length}`;
    if (v instanceof Set)
        return `a set of ${v.size}`;
    if (v instanceof Uint8Array)
        return `binary data of ${v.length} bytes`;
    if (typeof v === 'object')
        return 'a map';
    return typeof v;
}
const fail = (at, expected, v) => {
    throw new Mismatch(at, expected, describeValue(v));
};
const text = (opts = {}) => (v, at) => {
    if (typeof v !== 'string' || (opts.nonEmpty && v === '') || v.length > MAX_TEXT)
        fail(at, `${opts.nonEmpty ? 'a non-empty string' : 'a string'} of at most ${MAX_TEXT} characters`, v);
    return v;
};
const instant = (v, at) => typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) && Number.isFinite(Date.parse(v))
    ? v
    : fail(at, 'an ISO 8601 instant (such as 2026-12-07T10:00:00.000Z)', v);
const integer = (min, max) => (v, at) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
    ? v
    : fail(at, `a whole number from ${min} to ${max}`, v);
const number = (min, max, what = `a number from ${min} to ${max}`) => (v, at) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : fail(at, what, v);
const bool = (v, at) => typeof v === 'boolean' ? v : fail(at, 'a boolean', v);
const oneOf = (values) => (v, at) => values.includes(v)
    ? v
    : fail(at, `one of ${values.join(', ')}`, v);
const optional = (check) => (v, at) => v === undefined ? undefined : check(v, at);
const isMap = (v) => typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_0__/* .NumberValue */ .lS) &&
    !(v instanceof Set) &&
    !(v instanceof Uint8Array);
const map = (v, at) => isMap(v) ? v : fail(at, 'a map', v);
const list = (of) => (v, at) => {
    if (!Array.isArray(v))
        return fail(at, 'a list', v);
    return v.map((x, i) => of(x, `${at}[${i}]`));
};
const join = (at, name) => (at ? `${at}.${name}` : name);
/** A map whose declared attributes are checked; the others are kept and ignored. */
const fields = (shape) => (v, at) => {
    const m = map(v, at);
    const out = {};
    for (const [name, check] of Object.entries(shape)) {
        const value = check(m[name], join(at, name));
        if (value !== undefined)
            out[name] = value;
    }
    return out;
};
/** Every number anywhere in the item is one JavaScript holds exactly (extra attributes too). */
function exactNumbers(v, at) {
    if (v instanceof _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_0__/* .NumberValue */ .lS)
        fail(at, 'a number JavaScript can hold exactly', v);
    else if (Array.isArray(v))
        v.forEach((x, i) => exactNumbers(x, `${at}[${i}]`));
    else if (v instanceof Set)
        for (const x of v)
            exactNumbers(x, at);
    else if (isMap(v))
        for (const [k, x] of Object.entries(v))
            exactNumbers(x, join(at, k));
}
const RUN_FIELDS = [
    'runId',
    'runAttempt',
    'runUrl',
    'repository',
    'workflow',
    'job',
    'actor',
    'sha',
    'ref'
];
const run = (v, at) => {
    const m = map(v, at);
    const out = {};
    for (const name of RUN_FIELDS) {
        const value = optional(text())(m[name], join(at, name));
        if (value !== undefined)
            out[name] = value;
    }
    return out;
};
const lease = number(1, MAX_LEASE_MS, `a lease in milliseconds, from 1 to ${MAX_LEASE_MS} (a day)`);
const counter = (min) => integer(min, MAX_COUNTER);
const stackNames = list(text({ nonEmpty: true }));
const priority = optional(oneOf(_domain_priority_js__WEBPACK_IMPORTED_MODULE_2__/* .PRIORITIES */ .BE));
const keyText = (k) => `${k.pk} / ${k.sk}`;
function decode(item, check, where) {
    const m = isMap(item) ? item : {};
    const keyPart = (v) => (typeof v === 'string' ? v : '?');
    const key = where ?? { pk: keyPart(m['pk']), sk: keyPart(m['sk']) };
    const scope = key.pk.startsWith('ENV#') ? key.pk.slice(4) : freezeKeyEnvironment(key.sk);
    try {
        exactNumbers(item, '');
        return { ok: true, value: check(item, '') };
    }
    catch (err) {
        if (!(err instanceof Mismatch))
            throw err;
        return {
            ok: false,
            unreadable: {
                ...key,
                ...(scope !== undefined ? { scope } : {}),
                attribute: err.attribute,
                expected: err.expected,
                found: err.found
            }
        };
    }
}
/** The environment a freeze item's key names (`FREEZE#<env>#<id>`; `*` for all), if it names one. */
function freezeKeyEnvironment(sk) {
    const m = /^FREEZE#(.*)#[^#]*$/.exec(sk);
    return m?.[1];
}
/** A decoded item's value; an unreadable one is an answer the caller cannot do without. */
function decoded(d) {
    if (!d.ok)
        throw new _ports_registry_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryCorruptError */ .zk(d.unreadable);
    return d.value;
}
/** Items read together: those that decode, and those that do not (named, never dropped silently). */
function sorted(decodedItems) {
    const items = [];
    const unreadable = [];
    for (const d of decodedItems) {
        if (d.ok)
            items.push(d.value);
        else
            unreadable.push(d.unreadable);
    }
    return { items, unreadable };
}


/***/ }),

/***/ 4266:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   preStage: () => (/* binding */ preStage)
/* harmony export */ });
/* harmony import */ var _config_state_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4131);
/* harmony import */ var _registry_history_file_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1602);
/* harmony import */ var _report_logger_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3748);
/* harmony import */ var _runtime_stage_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1130);
/* harmony import */ var _logs_deployment_log_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3892);
/* harmony import */ var _runtime_logs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2519);






/**
 * pre: validate every input before anything is touched, and fix the correlation
 * ID for the whole job.
 */
async function preStage(io) {
    const logs = new _logs_deployment_log_js__WEBPACK_IMPORTED_MODULE_3__/* .DeploymentLog */ .e(_runtime_stage_js__WEBPACK_IMPORTED_MODULE_2__.coreSink);
    const log = (0,_report_logger_js__WEBPACK_IMPORTED_MODULE_5__/* .createLogger */ .h)((0,_runtime_stage_js__WEBPACK_IMPORTED_MODULE_2__.stageCorrelationId)(io), logs);
    const config = (0,_runtime_stage_js__WEBPACK_IMPORTED_MODULE_2__.loadConfig)(log, io);
    if (!config)
        return logs.off();
    await (0,_runtime_logs_js__WEBPACK_IMPORTED_MODULE_4__/* .startDeploymentLog */ .A_)(logs, config, 'pre', log, io).catch(() => logs.off());
    try {
        await prepare(io, log, config);
    }
    finally {
        await logs.close();
    }
}
async function prepare(io, log, config) {
    (0,_runtime_stage_js__WEBPACK_IMPORTED_MODULE_2__.sayInputWarnings)(log, io, config);
    io.saveState(_config_state_js__WEBPACK_IMPORTED_MODULE_0__/* .State */ .Uw.CorrelationId, log.correlationId);
    io.saveState(_config_state_js__WEBPACK_IMPORTED_MODULE_0__/* .State */ .Uw.PreRan, 'true');
    if (!config.registryTable) {
        const { restoreHistory } = await __webpack_require__.e(/* import() */ 0).then(__webpack_require__.bind(__webpack_require__, 8000));
        await restoreHistory((0,_registry_history_file_js__WEBPACK_IMPORTED_MODULE_1__/* .historyFile */ .p2)(config.environment), config.environment, log);
    }
    log.info(`Deployment Coordinator: environment ${config.environment}, stacks ${config.stackNames.join(', ')}, region ${config.region}, registry ${config.registryTable ?? 'none (CloudFormation only)'}.`);
}


/***/ })

};
