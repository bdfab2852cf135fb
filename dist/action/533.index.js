export const id = 533;
export const ids = [533];
export const modules = {

/***/ 3533:
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
// EXTERNAL MODULE: ./.tmp/js/coordination/report-findings.js
var report_findings = __webpack_require__(9032);
// EXTERNAL MODULE: ./.tmp/js/domain/correlation-id.js
var correlation_id = __webpack_require__(8036);
// EXTERNAL MODULE: ./.tmp/js/domain/display.js
var display = __webpack_require__(2298);
// EXTERNAL MODULE: ./.tmp/js/report/logger.js
var logger = __webpack_require__(3748);
// EXTERNAL MODULE: ./.tmp/js/runtime/run-context.js
var run_context = __webpack_require__(6335);
// EXTERNAL MODULE: ./.tmp/js/runtime/clients.js + 1 modules
var clients = __webpack_require__(5366);
;// CONCATENATED MODULE: ./.tmp/js/cli/command.js


/** The registry table's default in the shell, so an operator sets it once (a flag wins). */
const TABLE_VARIABLE = 'DEPLOY_COORDINATOR_REGISTRY_TABLE';
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
/**
 * The result: `data` as JSON with --json (the stored values exactly, the characters that could act
 * on a terminal as \u escapes: safeJson), else `text` (whose stored texts went through displayText).
 */
function emit(ctx, data, text) {
    ctx.out(ctx.json ? (0,display/* safeJson */.oi)(data, 2) : text);
}
/** Owner tokens stay in the table: they are identities, not something to print. */
const withoutOwner = (x) => {
    const { owner: _owner, ...rest } = x;
    return rest;
};

// EXTERNAL MODULE: ./.tmp/js/ports/registry-errors.js
var registry_errors = __webpack_require__(4053);
// EXTERNAL MODULE: ./.tmp/js/registry/dynamodb.js + 5 modules
var dynamodb = __webpack_require__(448);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-dynamodb/dist-cjs/index.js
var dist_cjs = __webpack_require__(4305);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/util-dynamodb/dist-cjs/index.js
var util_dynamodb_dist_cjs = __webpack_require__(5290);
// EXTERNAL MODULE: ./.tmp/js/registry/schema.js
var schema = __webpack_require__(248);
// EXTERNAL MODULE: ./.tmp/js/registry/schema-freezes.js
var schema_freezes = __webpack_require__(9801);
// EXTERNAL MODULE: ./.tmp/js/registry/schema-lock.js
var schema_lock = __webpack_require__(2902);
// EXTERNAL MODULE: ./.tmp/js/registry/schema-records.js
var schema_records = __webpack_require__(5291);
;// CONCATENATED MODULE: ./.tmp/js/registry/repair.js







function kindOf(pk, sk) {
    if (pk.startsWith('ENV#') && sk === 'LOCK')
        return 'lock';
    if (pk.startsWith('ENV#') && sk === 'QUEUE')
        return 'queue';
    if (pk.startsWith('ENV#') && sk.startsWith('HIST#'))
        return 'history';
    if (pk.startsWith('DEPLOY#') && sk === 'RECORD')
        return 'record';
    if (pk === 'ENVS' && sk.startsWith('ENV#'))
        return 'index';
    if (pk === 'FREEZES' && sk.startsWith('FREEZE#'))
        return 'freeze';
    return undefined;
}
/** What a holding is made of: one of these unreadable, and the lock is freed. */
const HOLDING = [
    'holder',
    'owner',
    'heartbeat',
    'heartbeatAt',
    'acquiredAt',
    'leaseMs',
    'run',
    'stacks'
];
/** The attributes each kind of item has (besides pk, sk and expiresAt, which TTL reads). */
const DECLARED = {
    lock: ['fence', ...HOLDING, 'lastHolder', 'lastOutcome', 'releasedAt', 'lastForcedUnlock'],
    queue: ['seq', 'tickets'],
    history: [
        'correlationId',
        'environment',
        'stacks',
        'outcome',
        'startedAt',
        'endedAt',
        'durationMs',
        'resourceTypeSeconds'
    ],
    record: [
        'correlationId',
        'environment',
        'stacks',
        'run',
        'priority',
        'fence',
        'transitions',
        'outcome',
        'rootCause'
    ],
    index: ['environment', 'queuedAt'],
    freeze: [
        'id',
        'environment',
        'reason',
        'by',
        'createdAt',
        'from',
        'until',
        'cron',
        'durationMs',
        'timeZone',
        'thawedAt',
        'thawedBy'
    ]
};
const KEYS = new Set(['pk', 'sk', 'expiresAt']);
function decodeAs(kind, pk, value) {
    switch (kind) {
        case 'lock':
            return (0,schema_lock/* decodeLock */.Cc)(pk.slice('ENV#'.length), value);
        case 'queue':
            return (0,schema_lock/* decodeQueue */.MA)(value);
        case 'history':
            return (0,schema_records/* decodeHistory */.FU)(value);
        case 'record':
            return (0,schema_records/* decodeRecord */.eT)(value);
        case 'index':
            return (0,schema_freezes/* decodeIndexEntry */.n)(value);
        case 'freeze':
            return (0,schema_freezes/* decodeFreeze */.U)(value);
    }
}
const rootOf = (attribute) => attribute.split(/[.[]/)[0] ?? '';
/** A whole number stored as a number or as its text, if it is one. */
function wholeNumber(v) {
    const n = Number(v?.N ?? v?.S);
    return v && (v.N ?? v.S)?.trim() && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}
/** The repair for an item of `kind` that does not decode at `u.attribute`. */
function repairFor(kind, u, item, ctx) {
    const root = rootOf(u.attribute);
    if (kind === 'lock' || kind === 'queue') {
        if (root && !KEYS.has(root) && !DECLARED[kind].includes(root))
            return { kind: 'remove-attribute', path: [root] };
        if (kind === 'lock') {
            if (!HOLDING.includes(root) && root !== 'fence' && root !== '')
                return { kind: 'remove-attribute', path: [root] };
            // A holder that still heartbeats clears its holding at its release: never freed under it.
            const beat = Date.parse(item['heartbeatAt']?.S ?? '');
            const lease = Math.min(wholeNumber(item['leaseMs']) ?? schema/* MAX_LEASE_MS */.l, schema/* MAX_LEASE_MS */.l);
            if (item['holder'] !== undefined && Number.isFinite(beat) && ctx.now - beat < lease)
                return {
                    kind: 'wait',
                    lastHeartbeat: new Date(beat).toISOString(),
                    until: new Date(beat + lease).toISOString()
                };
            // Never a fencing token again: past the lock's own (as a number or its text) and the records'.
            const env = (item['pk']?.S ?? '').slice('ENV#'.length);
            return {
                kind: 'free-lock',
                fence: Math.max(wholeNumber(item['fence']) ?? 0, ctx.fences.get(env) ?? 0)
            };
        }
        const tickets = item['tickets']?.M;
        const [, ticket, attribute] = /^tickets\.([^.[]+)(?:\.([^.[]+))?/.exec(u.attribute) ?? [];
        if (ticket !== undefined && tickets?.[ticket] !== undefined) {
            // An attribute no release writes on a ticket: removed, the waiter keeps its place.
            if (attribute !== undefined && !schema_lock/* TICKET_ATTRIBUTES */.Nx.includes(attribute))
                return { kind: 'remove-attribute', path: ['tickets', ticket, attribute] };
            return { kind: 'remove-ticket', ticket };
        }
        const numbers = Object.keys(tickets ?? {})
            .map(Number)
            .filter((n) => Number.isSafeInteger(n) && n > 0);
        return {
            kind: 'reset-queue',
            // At least 1: every release takes its next number from a counter that is there.
            seq: Math.max(1, wholeNumber(item['seq']) ?? 0, ...numbers),
            emptyTickets: tickets === undefined
        };
    }
    return { kind: 'delete-item' };
}
/** Every item of the table, as DynamoDB keeps it: those that do not decode, and how many were read. */
async function diagnose(client, table, now = Date.now) {
    const items = [];
    try {
        for await (const page of (0,dist_cjs.paginateScan)({ client }, { TableName: table, ConsistentRead: true }))
            items.push(...(page.Items ?? []));
    }
    catch (err) {
        throw new registry_errors/* RegistryUnavailableError */.i$('doctor read', err);
    }
    const fences = new Map();
    const unreadable = [];
    let foreign = 0;
    for (const item of items) {
        const pk = item['pk']?.S ?? '';
        const kind = kindOf(pk, item['sk']?.S ?? '');
        if (!kind) {
            foreign++;
            continue;
        }
        const d = decodeAs(kind, pk, (0,util_dynamodb_dist_cjs.unmarshall)(item, { wrapNumbers: schema/* readNumber */.kz }));
        if (!d.ok)
            unreadable.push({ kind, item, unreadable: d.unreadable });
        else if (kind === 'record') {
            const { environment, fence } = d.value;
            if (fence !== undefined)
                fences.set(environment, Math.max(fences.get(environment) ?? 0, fence));
        }
    }
    const ctx = { now: now(), fences };
    const problems = unreadable.map((u) => ({
        kind: u.kind,
        unreadable: u.unreadable,
        item: u.item,
        repair: repairFor(u.kind, u.unreadable, u.item, ctx)
    }));
    return { problems, read: items.length, foreign };
}
/** The repair in a few words, for the operator who confirms it. */
function describeRepair(r) {
    switch (r.kind) {
        case 'remove-attribute':
            return `remove the attribute ${r.path.join('.')} (the rest of the item is kept)`;
        case 'wait':
            return `none yet: its holder heartbeated at ${r.lastHeartbeat} and may still be deploying (its release clears the holding); if it does not, run doctor again after ${r.until}`;
        case 'free-lock':
            return `free the lock (its holding removed, fence ${r.fence} kept: the next run takes ${r.fence + 1}); a holder still running finds its lock lost`;
        case 'remove-ticket':
            return `remove ticket ${r.ticket} from the queue (a run still waiting on it queues again)`;
        case 'reset-queue':
            return `set the queue's counter seq to ${r.seq} (the next run takes ${r.seq + 1})${r.emptyTickets ? ' and its tickets to an empty map' : ''}`;
        case 'delete-item':
            return 'delete the item';
    }
}

// EXTERNAL MODULE: ./.tmp/js/registry/dynamodb-table.js
var dynamodb_table = __webpack_require__(7530);
;// CONCATENATED MODULE: ./.tmp/js/registry/repair-apply.js




/** `doctor --fix`: a repair found by `diagnose`, applied only while its item is as it was read. */
/**
 * The condition that the item is still as read: each attribute equal (scalars), or of the same size
 * (lists, maps, sets: compared by size, which DynamoDB and dynalite agree on), and none of the
 * attributes the action writes added.
 */
function unchanged(item, kind) {
    const names = {};
    const values = {};
    const parts = [];
    Object.entries(item).forEach(([name, value], i) => {
        names[`#a${i}`] = name;
        if (value.S !== undefined || value.N !== undefined || value.BOOL !== undefined) {
            values[`:a${i}`] = value;
            parts.push(`#a${i} = :a${i}`);
        }
        else {
            const size = value.L?.length ??
                (value.M && Object.keys(value.M).length) ??
                value.SS?.length ??
                value.NS?.length ??
                value.BS?.length ??
                value.B?.length;
            if (size === undefined)
                parts.push(`attribute_exists(#a${i})`);
            else {
                values[`:a${i}`] = { N: String(size) };
                parts.push(`size(#a${i}) = :a${i}`);
            }
        }
    });
    // Nor anything the action writes that was not there (a holding taken, a thaw, a counter set).
    [...DECLARED[kind], 'expiresAt']
        .filter((name) => !(name in item))
        .forEach((name, i) => {
        names[`#n${i}`] = name;
        parts.push(`attribute_not_exists(#n${i})`);
    });
    return {
        ConditionExpression: parts.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values
    };
}
/** Applies the repair if the item is still as read: true when it applied, false when it had changed. */
async function applyRepair(client, table, p) {
    const Key = { pk: p.item['pk'], sk: p.item['sk'] };
    const cond = unchanged(p.item, p.kind);
    const r = p.repair;
    const update = (expression, names, values = {}) => new dist_cjs.UpdateItemCommand({
        TableName: table,
        Key,
        UpdateExpression: expression,
        ConditionExpression: cond.ConditionExpression,
        ExpressionAttributeNames: { ...cond.ExpressionAttributeNames, ...names },
        ExpressionAttributeValues: { ...cond.ExpressionAttributeValues, ...values }
    });
    if (r.kind === 'wait')
        return false;
    const command = r.kind === 'delete-item'
        ? new dist_cjs.DeleteItemCommand({ TableName: table, Key, ...cond })
        : r.kind === 'remove-attribute'
            ? update(`REMOVE ${r.path.map((_, i) => `#r${i}`).join('.')}`, Object.fromEntries(r.path.map((name, i) => [`#r${i}`, name])))
            : r.kind === 'remove-ticket'
                ? update('REMOVE #t.#k', { '#t': 'tickets', '#k': r.ticket })
                : r.kind === 'free-lock'
                    ? update(`SET #fence = :fence, #outcome = :outcome, #at = :at REMOVE ${[
                        ...HOLDING,
                        ...Object.keys(p.item).filter((k) => !KEYS.has(k) && !DECLARED.lock.includes(k))
                    ]
                        .filter((k) => k in p.item)
                        .map((_, i) => `#h${i}`)
                        .join(', ')}`.replace(/ REMOVE $/, ''), {
                        '#fence': 'fence',
                        '#outcome': 'lastOutcome',
                        '#at': 'releasedAt',
                        ...Object.fromEntries([
                            ...HOLDING,
                            ...Object.keys(p.item).filter((k) => !KEYS.has(k) && !DECLARED.lock.includes(k))
                        ]
                            .filter((k) => k in p.item)
                            .map((k, i) => [`#h${i}`, k]))
                    }, {
                        ':fence': { N: String(r.fence) },
                        ':outcome': { S: 'repaired' },
                        ':at': { S: new Date().toISOString() }
                    })
                    : update(`SET #seq = :seq${r.emptyTickets ? ', #tickets = :empty' : ''}`, { '#seq': 'seq', ...(r.emptyTickets ? { '#tickets': 'tickets' } : {}) }, { ':seq': { N: String(r.seq) }, ...(r.emptyTickets ? { ':empty': { M: {} } } : {}) });
    try {
        await client.send(command);
        return true;
    }
    catch (err) {
        if ((0,dynamodb_table/* isConditionFailure */._8)(err))
            return false;
        throw new registry_errors/* RegistryUnavailableError */.i$('doctor repair', err);
    }
}

// EXTERNAL MODULE: ./.tmp/js/coordination/wait-for-turn.js + 12 modules
var wait_for_turn = __webpack_require__(6688);
// EXTERNAL MODULE: ./.tmp/js/domain/cron-schedule.js
var cron_schedule = __webpack_require__(702);
// EXTERNAL MODULE: ./.tmp/js/domain/findings.js
var domain_findings = __webpack_require__(8336);
;// CONCATENATED MODULE: ./.tmp/js/cli/stored-text.js





// What the CLI shows of the table's items (and of the stacks) as text: every stored text through
// displayText (escaped, cut when long), so that a reason, a correlation ID or a run link written
// by anyone with access to the table cannot clear the operator's screen, move the cursor or
// reorder the line. --json gives the values themselves (see safeJson).

/** A holder as the log and the action name it (describeHolder), its texts escaped. */
function holderText(h) {
    const runUrl = h.run?.runUrl;
    return (0,wait_for_turn/* describeHolder */.sG)({
        ...h,
        correlationId: (0,display/* displayText */.WV)(h.correlationId),
        acquiredAt: (0,display/* displayText */.WV)(h.acquiredAt),
        run: { ...h.run, ...(runUrl !== undefined ? { runUrl: (0,display/* displayText */.WV)(runUrl) } : {}) }
    });
}
/**
 * A cron for the text: one that breaks the rules is left as it is (describeFreeze quotes and
 * escapes it); any other has its fields escaped, one space between them (as they are read), so
 * that the copy holds the same windows as the freeze.
 */
function displayedCron(cron) {
    if ((0,cron_schedule/* cronRuleProblem */.s)(cron) !== undefined)
        return cron;
    return cron
        .trim()
        .split(/\s+/)
        .map((field) => (0,display/* displayText */.WV)(field, Infinity))
        .join(' ');
}
/** A freeze whose texts are escaped, for describeFreeze and describeFrozen: same windows. */
function displayedFreeze(f) {
    const optional = (key) => f[key] !== undefined ? { [key]: (0,display/* displayText */.WV)(f[key]) } : {};
    return {
        ...f,
        id: (0,display/* displayText */.WV)(f.id),
        environment: (0,display/* displayText */.WV)(f.environment),
        reason: (0,display/* displayText */.WV)(f.reason),
        by: (0,display/* displayText */.WV)(f.by),
        ...optional('thawedAt'),
        ...optional('thawedBy'),
        ...optional('timeZone'),
        ...(f.cron !== undefined ? { cron: displayedCron(f.cron) } : {})
    };
}
/** What holds an environment, its freezes' texts escaped (describeFrozen). */
const displayedFrozen = (frozen) => ({
    ...frozen,
    windows: frozen.windows.map((w) => ({ ...w, freeze: displayedFreeze(w.freeze) }))
});
/** A finding's message (from a stack's status, reason and tags) as one escaped line. */
const findingText = (f) => `${(0,display/* displayText */.WV)(f.code)}: ${(0,display/* displayText */.WV)(f.message, 4 * display/* DISPLAY_MAX */.M$)}`;
/** A registry call failed for a reason waiting will not fix: the table missing, access denied, another key schema. */
const isMisconfiguration = (err) => err instanceof registry_errors/* RegistryUnavailableError */.i$ && err.failure === 'configuration';
/** The action's REGISTRY_MISCONFIGURED finding, for the CLI: the same words, the error escaped. */
const misconfiguredFinding = (table, error) => (0,domain_findings/* registryMisconfiguredFinding */.we)(table ?? '', (0,display/* displayText */.WV)(error, 4 * display/* DISPLAY_MAX */.M$));
/** An item the action cannot read, on one escaped line (views list it instead of failing). */
const unreadableText = (u) => `unreadable ${(0,display/* displayText */.WV)((0,registry_errors/* describeUnreadable */.D2)(u), 4 * display/* DISPLAY_MAX */.M$)}`;
/** An unreadable item in --json: where it is, what is wrong; never the value itself. */
const unreadableJson = (u) => ({ unreadable: true, ...u });
/** The line after a view's unreadable items: how to list and repair them. */
const repairText = (table) => `List and repair unreadable items: ${registry_errors/* REPAIR_COMMAND */.wE} --registry-table ${(0,display/* displayText */.WV)(table ?? 'TABLE')}`;
/** The views' unreadable items and the repair line, when there are any. */
const unreadableLines = (unreadable, table) => unreadable.length === 0 ? [] : [...unreadable.map(unreadableText), repairText(table)];
/** An item the command needs does not decode (the lock, the queue): what the action says of it. */
const isCorrupt = (err) => err instanceof registry_errors/* RegistryCorruptError */.zk;
const corruptFinding = (table, err) => (0,domain_findings/* registryCorruptFinding */.Yl)(table ?? '', err.item, (0,display/* displayText */.WV)((0,registry_errors/* describeUnreadable */.D2)(err.item), 4 * display/* DISPLAY_MAX */.M$), registry_errors/* REPAIR_COMMAND */.wE);

;// CONCATENATED MODULE: ./.tmp/js/cli/doctor.js







// doctor: every item of the table that the action cannot read, and (--fix) its repair.
/** The old item in full, as DynamoDB keeps it (every number as written), escaped for the terminal. */
const itemText = (p) => (0,display/* displayText */.WV)(JSON.stringify(p.item), Infinity);
const doctor = {
    summary: 'List every item of the table that the action cannot read (and why); with --fix, repair each after printing it in full and asking (--yes: without asking).',
    usage: '--registry-table TABLE [--fix [--yes]] [--json]',
    help: [
        'Reads the whole table (dynamodb:Scan: infra/iam-operator-policy.json). Each repair is the',
        'smallest that makes the item readable: an attribute no release reads is removed; a lock whose',
        'holding cannot be read is freed; a ticket that cannot be read leaves the queue; a queue counter',
        'is set past its tickets; history, records, index entries and freezes are deleted. Each is a',
        'conditional write that applies only while the item is exactly as printed.',
        'Exit 0 when nothing is left unreadable, 1 otherwise.'
    ].join('\n'),
    options: { fix: { type: 'boolean' }, yes: { type: 'boolean' } },
    needsTable: 'doctor reads the registry table.',
    stackNameOptional: true,
    async run(ctx) {
        const table = ctx.config.registryTable;
        const client = (0,dynamodb.createDynamoClient)(ctx.config.region);
        const { problems, read, foreign } = await diagnose(client, table);
        const fix = Boolean(ctx.options['fix']);
        const yes = Boolean(ctx.options['yes']);
        const results = [];
        const lines = [
            `Read ${read} item${read === 1 ? '' : 's'} of ${(0,display/* displayText */.WV)(table)}: ${problems.length === 0 ? 'every item of the action reads' : `${problems.length} cannot be read`}${foreign > 0 ? ` (${foreign} not of the action, left alone)` : ''}.`
        ];
        const q = fix && !yes ? ctx.questions() : undefined;
        try {
            for (const [i, p] of problems.entries()) {
                const head = [
                    `${i + 1}. ${(0,display/* displayText */.WV)((0,registry_errors/* describeUnreadable */.D2)(p.unreadable), Infinity)}`,
                    `   item: ${itemText(p)}`,
                    `   repair: ${describeRepair(p.repair)}`
                ];
                if (!fix) {
                    lines.push(...head);
                    results.push({ problem: p });
                    continue;
                }
                if (p.repair.kind === 'wait') {
                    // Nothing to ask: its holder's release mends it, and nothing may free it under it.
                    results.push({ problem: p, result: 'waiting' });
                    if (!ctx.json)
                        ctx.out(`${head.join('\n')}\n   left as it is.`);
                    continue;
                }
                // Printed in full before anything is written, then asked (or not, with --yes); with
                // --json, on stderr, so that stdout stays one JSON document.
                if (!ctx.json)
                    ctx.out(head.join('\n'));
                else if (q)
                    ctx.err(head.join('\n'));
                const answer = q ? (await q.ask('   Apply this repair? [y/N] ')).trim() : 'y';
                if (!/^y(es)?$/i.test(answer)) {
                    results.push({ problem: p, result: 'skipped' });
                    if (!ctx.json)
                        ctx.out('   skipped.');
                    continue;
                }
                const applied = await applyRepair(client, table, p);
                results.push({ problem: p, result: applied ? 'repaired' : 'changed' });
                if (!ctx.json)
                    ctx.out(applied
                        ? '   repaired.'
                        : '   not repaired: the item changed since it was read (run doctor again).');
            }
        }
        finally {
            q?.close();
            client.destroy();
        }
        const left = results.filter((r) => r.result !== 'repaired').length;
        if (ctx.json)
            ctx.out((0,display/* safeJson */.oi)({
                read,
                foreign,
                problems: results.map(({ problem: p, result }) => ({
                    ...p.unreadable,
                    item: p.item,
                    repair: describeRepair(p.repair),
                    ...(result ? { result } : {})
                }))
            }, 2));
        else if (!fix)
            ctx.out(lines.join('\n'));
        else
            ctx.out(`${lines[0]} Repaired ${results.length - left}, left ${left}${left > 0 ? ' (run doctor again to see them)' : ''}.`);
        return left === 0 ? state/* ExitCode */.yU.Ok : state/* ExitCode */.yU.Failed;
    }
};

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./.tmp/js/domain/durations.js
var durations = __webpack_require__(1265);
// EXTERNAL MODULE: ./.tmp/js/domain/freeze.js
var freeze = __webpack_require__(9785);
// EXTERNAL MODULE: ./.tmp/js/domain/instants.js
var instants = __webpack_require__(892);
;// CONCATENATED MODULE: ./.tmp/js/domain/operator-input.js

// What an operator types: durations and reasons (times and time zones: instants.ts; cron
// expressions: cron-schedule.ts).
/** What a duration may be, for the messages. */
const DURATIONS_ACCEPTED = 'a duration such as 30m, 2h, 1h30m or 1d, from 1s to 366d';
/**
 * `2h`, `30m`, `1h30m`, `90s`, `1d`, `1.5h`: a duration with its unit(s), in whole ms, from
 * MIN_DURATION_MS to MAX_DURATION_MS; or why not ("is shorter than 1s").
 */
function readDuration(text) {
    const s = text.trim().toLowerCase();
    if (!/^(\d+(\.\d+)?[dhms])+$/.test(s))
        return { problem: 'is not a duration' };
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
    let ms = 0;
    for (const [, n, , u] of s.matchAll(/(\d+(\.\d+)?)([dhms])/g))
        ms += Number(n) * unit[u];
    ms = Math.round(ms);
    if (ms < freeze/* MIN_DURATION_MS */.BC)
        return { problem: 'is shorter than 1s' };
    if (!(ms <= freeze/* MAX_DURATION_MS */.rG))
        return { problem: 'is longer than 366d' };
    return { ms };
}
/** The duration in ms (see readDuration); undefined if not one an operator may give. */
function parseDuration(text) {
    const d = readDuration(text);
    return 'ms' in d ? d.ms : undefined;
}
/** The longest reason (as the action's reason inputs): people read it in every held run. */
const REASON_MAX = 500;
const REASON_ACCEPTED = `one line of 1 to ${REASON_MAX} characters without control characters (such as "holiday freeze")`;
/** `U+202E`: a character as the messages name it. */
const codePoint = (c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
/**
 * Why a reason (trimmed) cannot be used ("is empty"), or undefined when it can: one line, no control
 * characters (C0, DEL, C1: no terminal escapes), no line or paragraph separators, no bidirectional
 * controls (U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069: they reorder what Slack and the
 * logs show) and no zero-width characters (U+200B to U+200D, U+FEFF), 1 to 500 characters.
 */
function reasonProblem(reason) {
    if (reason.length === 0)
        return 'is empty';
    // eslint-disable-next-line no-control-regex
    const bad = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/.exec(reason)?.[0];
    if (bad !== undefined)
        return /[\n\r\u2028\u2029]/.test(bad)
            ? 'is more than one line'
            : `contains a control character (${codePoint(bad)})`;
    const bidi = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/.exec(reason)?.[0];
    if (bidi !== undefined)
        return `contains a bidirectional control character (${codePoint(bidi)})`;
    const hidden = /[\u200b-\u200d\ufeff]/.exec(reason)?.[0];
    if (hidden !== undefined)
        return `contains a zero-width character (${codePoint(hidden)})`;
    if (reason.length > REASON_MAX)
        return `is ${reason.length} characters long`;
    return undefined;
}

;// CONCATENATED MODULE: ./.tmp/js/cli/freeze.js










// The commands of deploy freezes: freeze (here), thaw (thaw.ts), and the list (freezes.ts); what
// they share is here too.
const NO_FREEZES = 'without a registry there are no freezes.';
const SCOPE = '--environment NAME | --all';
/** The environment a command names (`*` for --all), or why it names none. */
function scopeOf(ctx) {
    if (ctx.options['all'])
        return freeze/* ALL_ENVIRONMENTS */.Jp;
    return str(ctx, 'environment');
}
/** A freeze as the lists say it (describeFreeze), its stored texts escaped. */
const freezeLine = (f, now) => (0,freeze/* describeFreeze */.LU)(displayedFreeze(f), now);
/** The thaw command line an operator can paste. */
const thawCommand = (ctx, what) => `deploy-coordinator thaw --registry-table ${ctx.config.registryTable} ${what}`;
/** A recurring freeze whose cron breaks the rules (stored by hand, or before them): holds nothing. */
const invalidCron = (f) => f.cron !== undefined && (0,cron_schedule/* cronRuleProblem */.s)(f.cron) !== undefined;
/** `fz-` and 8 hex digits: short enough to type in `thaw --id`. */
const newFreezeId = () => `fz-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
const TIME_ACCEPTED = 'expected an ISO time with Z or an offset (2026-12-24T18:00:00Z), or YYYY-MM-DDTHH:MM with --time-zone';
const freeze_freeze = {
    summary: 'Freeze deployments to an environment (or all): until a time, for a duration, or in a recurring window.',
    usage: `${SCOPE} --registry-table TABLE (--until TIME [--from TIME] | --for DURATION | --cron EXPR --duration DURATION) [--time-zone ZONE] --reason TEXT`,
    help: [
        'A run that arrives or waits during a freeze keeps its place in the queue and waits; if the freeze',
        'outlasts its wait-timeout-minutes it ends with result frozen (exit 1). override-freeze lets a run through.',
        '  --until TIME        the end: an ISO time with Z or an offset (2026-12-24T18:00:00+01:00), or a wall time',
        '                      (2026-12-24T18:00) with --time-zone',
        '  --from TIME         with --until: the start (default now), in the same forms; before --until',
        '  --for DURATION      from now: 30m, 2h, 1h30m, 1d (1s to 366d)',
        '  --cron EXPR         a recurring window opening at each occurrence: five fields, minute hour',
        '                      day-of-month month day-of-week (e.g. "0 14 * * 5"; no seconds field, no H);',
        '                      it recurs until it is thawed',
        '  --duration DURATION with --cron: how long each window lasts (1s to 366d)',
        '  --time-zone ZONE    IANA time zone of --cron (default UTC) and of a wall time in --until or --from',
        '                      (required for one: a wall time has no default zone)',
        '  --reason TEXT       why (required): every held run says it; one line of 1 to 500 characters,',
        '                      no control characters, bidirectional controls or zero-width characters'
    ].join('\n'),
    options: {
        all: { type: 'boolean' },
        from: { type: 'string' },
        until: { type: 'string' },
        for: { type: 'string' },
        cron: { type: 'string' },
        duration: { type: 'string' },
        'time-zone': { type: 'string' },
        reason: { type: 'string' }
    },
    needsTable: NO_FREEZES,
    stackNameOptional: true,
    async run(ctx) {
        const scope = scopeOf(ctx);
        const reasonText = str(ctx, 'reason');
        const reason = reasonText?.trim();
        const zone = str(ctx, 'time-zone');
        const [until, from, forText, cron] = [
            str(ctx, 'until'),
            str(ctx, 'from'),
            str(ctx, 'for'),
            str(ctx, 'cron')
        ];
        const durationText = str(ctx, 'duration');
        const problems = [];
        if (!scope || (ctx.options['all'] && str(ctx, 'environment')))
            problems.push(`freeze needs one of ${SCOPE}.`);
        if (reasonText === undefined || reason === undefined)
            problems.push('freeze needs --reason TEXT: every run it holds says why.');
        else {
            const problem = reasonProblem(reason);
            if (problem)
                problems.push(`--reason ${(0,display/* shown */.SP)(reasonText)}: expected ${REASON_ACCEPTED}; that ${problem}.`);
        }
        const modes = [until, forText, cron].filter((m) => m !== undefined).length;
        if (modes !== 1)
            problems.push('freeze needs exactly one of --until TIME, --for DURATION or --cron EXPR.');
        if (from !== undefined && until === undefined)
            problems.push(`--from ${(0,display/* shown */.SP)(from)}: --from is the start of an --until freeze and needs --until TIME (--for starts now; --cron opens a window at each occurrence).`);
        if (durationText !== undefined && cron === undefined)
            problems.push(`--duration ${(0,display/* shown */.SP)(durationText)}: --duration is how long each --cron window lasts and needs --cron EXPR${forText !== undefined ? '; --for DURATION already says how long' : until !== undefined ? '; --until TIME already says when it ends' : ''}: drop --duration.`);
        if (zone !== undefined && forText !== undefined)
            problems.push(`--time-zone ${(0,display/* shown */.SP)(zone)}: --time-zone is the zone of --cron and of a wall time in --until or --from; --for counts from now: drop --time-zone.`);
        if (zone !== undefined && !(0,instants/* isTimeZone */.kQ)(zone))
            problems.push(`--time-zone ${(0,display/* shown */.SP)(zone)} is not a time zone this runtime knows (IANA names such as Europe/Berlin).`);
        const now = Date.now();
        const base = {
            id: newFreezeId(),
            environment: scope ?? '',
            reason: reason ?? '',
            by: ctx.operator,
            createdAt: new Date(now).toISOString()
        };
        let f;
        if (modes !== 1) {
            // Which window was meant is unclear: nothing more to check.
        }
        else if (until !== undefined && zone !== undefined && !(0,instants/* isTimeZone */.kQ)(zone)) {
            // A zone already refused: the times in it cannot be read (said once, above).
        }
        else if (until !== undefined) {
            const end = (0,instants/* parseInstant */.nV)(until, zone);
            const start = from === undefined ? now : (0,instants/* parseInstant */.nV)(from, zone);
            if (end === undefined)
                problems.push(`--until ${(0,display/* shown */.SP)(until)}: ${TIME_ACCEPTED}.`);
            else if (end <= now)
                problems.push(`--until ${(0,display/* shown */.SP)(until)} is not in the future (it is ${new Date(end).toISOString()}).`);
            if (from !== undefined && start === undefined)
                problems.push(`--from ${(0,display/* shown */.SP)(from)}: ${TIME_ACCEPTED} (the forms of --until).`);
            else if (from !== undefined && start !== undefined && end !== undefined && start >= end)
                problems.push(`--from ${(0,display/* shown */.SP)(from)} is not before --until ${(0,display/* shown */.SP)(until)} (${new Date(start).toISOString()} is not before ${new Date(end).toISOString()}).`);
            if (start !== undefined && end !== undefined && end > now && start < end)
                f = { ...base, from: new Date(start).toISOString(), until: new Date(end).toISOString() };
        }
        else if (forText !== undefined) {
            const d = readDuration(forText);
            if ('problem' in d)
                problems.push(`--for ${(0,display/* shown */.SP)(forText)}: expected ${DURATIONS_ACCEPTED}; that ${d.problem}.`);
            else
                f = { ...base, from: base.createdAt, until: new Date(now + d.ms).toISOString() };
        }
        else if (cron !== undefined) {
            const d = durationText === undefined ? undefined : readDuration(durationText);
            // A zone already refused is not read again (luxon's message would say it twice).
            const problem = (0,cron_schedule/* cronProblem */.K2)(cron, zone !== undefined && (0,instants/* isTimeZone */.kQ)(zone) ? zone : 'UTC');
            if (problem)
                problems.push(`--cron ${(0,display/* shown */.SP)(cron)}: expected ${cron_schedule/* CRON_ACCEPTED */.FF}; that ${problem}.`);
            if (d === undefined)
                problems.push('--cron needs --duration DURATION (how long each window lasts), such as 3h or 30m.');
            else if ('problem' in d)
                problems.push(`--duration ${(0,display/* shown */.SP)(durationText ?? '')}: expected ${DURATIONS_ACCEPTED}; that ${d.problem}.`);
            if (!problem && d && 'ms' in d)
                f = { ...base, cron, durationMs: d.ms, timeZone: zone ?? 'UTC' };
        }
        if (problems.length > 0 || !f) {
            for (const p of problems)
                ctx.err(p);
            return state/* ExitCode */.yU.Failed;
        }
        const { freezes } = await registryFor(ctx.config);
        await freezes.add(f);
        const where = scope === freeze/* ALL_ENVIRONMENTS */.Jp ? 'all environments' : scope;
        const window = (0,freeze/* nextWindow */.KC)(f, now);
        const start = f.from ? Date.parse(f.from) : now;
        const when = f.cron
            ? `every "${f.cron}" (${f.timeZone}) for ${(0,durations/* formatDuration */.a3)(f.durationMs ?? 0)}, until thawed${window ? `; ${window.start <= now ? 'now, until' : 'next from'} ${(0,instants/* formatInZone */.FL)(window.start <= now ? window.end : window.start, f.timeZone)}` : ''}`
            : `${start > now ? `from ${(0,instants/* formatInZone */.FL)(start, zone)} ` : ''}until ${(0,instants/* formatInZone */.FL)(Date.parse(f.until), zone)}`;
        emit(ctx, f, `Froze ${where} ${when}: ${f.reason}\nFreeze ${f.id}; thaw it with: ${thawCommand(ctx, `--id ${f.id}`)}`);
        return state/* ExitCode */.yU.Ok;
    }
};

;// CONCATENATED MODULE: ./.tmp/js/cli/freezes.js






// The freezes command: the list of the freezes in force or to come (set with freeze, in freeze.ts).
const freezes = {
    summary: 'List the freezes in force or to come (of an environment: its own and those of all environments).',
    usage: '--registry-table TABLE [--environment NAME] [--json]',
    options: {},
    needsTable: NO_FREEZES,
    stackNameOptional: true,
    async run(ctx) {
        const env = str(ctx, 'environment');
        const { freezes: store } = await registryFor(ctx.config);
        const now = Date.now();
        const read = await store.list();
        const kept = read.items.filter((f) => !f.thawedAt && (!env || (0,freeze/* holds */.v9)(f, env)));
        // Items that do not decode, shown where they could hold what was asked about.
        const unreadable = read.unreadable.filter((u) => !env || (0,registry_errors/* concerns */.Kc)(u, env));
        const listed = kept
            .filter((f) => (0,freeze/* nextWindow */.KC)(f, now))
            .map((f) => ({ freeze: f, window: (0,freeze/* nextWindow */.KC)(f, now) }))
            .sort((a, b) => a.window.start - b.window.start);
        // Never in force, but never over: listed last, to be thawed.
        const invalid = kept.filter(invalidCron);
        emit(ctx, [
            ...listed.map(({ freeze: f, window: w }) => ({
                ...f,
                active: w.start <= now,
                windowStart: Number.isFinite(w.start) ? new Date(w.start).toISOString() : f.createdAt,
                windowEnd: new Date(w.end).toISOString()
            })),
            ...invalid.map((f) => ({ ...f, active: false, invalid: true })),
            ...unreadable.map(unreadableJson)
        ], listed.length + invalid.length + unreadable.length === 0
            ? `No freeze${env ? ` holds ${(0,display/* displayText */.WV)(env)}` : ''} now or later.`
            : [
                ...listed.map(({ freeze: f, window: w }) => `${w.start <= now ? 'now ' : 'later'} ${freezeLine(f, now)}`),
                ...invalid.map((f) => `bad   ${freezeLine(f, now)}\n      thaw it with: ${thawCommand(ctx, `--id ${(0,display/* displayText */.WV)(f.id)}`)}`),
                ...unreadableLines(unreadable, ctx.config.registryTable)
            ].join('\n'));
        return state/* ExitCode */.yU.Ok;
    }
};

// EXTERNAL MODULE: ./.tmp/js/domain/expectation.js
var expectation = __webpack_require__(9338);
// EXTERNAL MODULE: ./.tmp/js/domain/past-operations.js
var past_operations = __webpack_require__(813);
// EXTERNAL MODULE: ./.tmp/js/domain/numbers.js
var numbers = __webpack_require__(6934);
;// CONCATENATED MODULE: ./.tmp/js/cli/flags.js


/** The flag's number (its default, or undefined, when not given), or why its value is refused. */
function numberFlag(flag, given, rule) {
    if (given === undefined)
        return rule.default;
    const n = (0,numbers/* readNumber */.k)(given, rule);
    if (n !== undefined)
        return n;
    const fallback = rule.default !== undefined ? ` (default ${rule.default})` : '';
    return {
        problem: `--${flag} is ${(0,display/* shown */.SP)(given)}: expected ${(0,numbers/* numberAccepted */.N)(rule, rule.unit)}${fallback}.`
    };
}
const isProblem = (x) => typeof x === 'object' && x !== null && 'problem' in x;

;// CONCATENATED MODULE: ./.tmp/js/cli/history.js








// The commands that read finished deployments: history and estimate.
const NO_HISTORY = 'without a registry there is no lock, queue or history.';
/** --limit: how many finished deployments history lists (a DynamoDB query's Limit). */
const LIMIT = { min: 1, max: 1000, integer: true, default: 20 };
/** How many finished deployments an estimate looks at. */
const ESTIMATE_SAMPLE = 100;
const history_history = {
    summary: 'Recent deployments of an environment, all its stacks: outcome, duration, stacks.',
    usage: '--environment NAME --registry-table TABLE [--limit N] [--json]',
    help: 'The environment is --environment, else the first of --stack-name.',
    options: { limit: { type: 'string' } },
    needsTable: NO_HISTORY,
    stackNameOptional: true,
    async run(ctx) {
        const { config } = ctx;
        if (!config.environment) {
            ctx.err('history needs --environment NAME (or --stack-name, whose first stack names it).');
            return state/* ExitCode */.yU.Failed;
        }
        const limit = numberFlag('limit', str(ctx, 'limit'), LIMIT) ?? LIMIT.default;
        if (isProblem(limit)) {
            ctx.err(limit.problem);
            return state/* ExitCode */.yU.Failed;
        }
        const { history } = await registryFor(config);
        const { items: entries, unreadable } = await history.recent(config.environment, limit);
        emit(ctx, [...entries, ...unreadable.map(unreadableJson)], [
            ...(entries.length === 0 && unreadable.length === 0
                ? [`${(0,display/* displayText */.WV)(config.environment)}: no history yet.`]
                : entries.map(historyLine)),
            ...unreadableLines(unreadable, config.registryTable)
        ].join('\n'));
        return state/* ExitCode */.yU.Ok;
    }
};
/** A finished deployment on one line, its stored texts escaped. */
function historyLine(e) {
    const stacks = e.stacks.map((s) => (0,display/* displayText */.WV)(s));
    const past = (0,past_operations/* pastOperationKind */.UJ)(e.correlationId) ? "  (from CloudFormation's event history)" : '';
    return `${(0,display/* displayText */.WV)(e.endedAt)}  ${(0,display/* displayText */.WV)(e.outcome).padEnd(13)} ${(0,durations/* formatDuration */.a3)(e.durationMs).padStart(8)}  ${(0,display/* displayText */.WV)(e.correlationId)}  ${stacks.join(',')}${past}`;
}
const estimate = {
    summary: 'Expected duration of a deployment of these stacks, from history.',
    usage: '--stack-name NAMES --registry-table TABLE [--json]',
    options: {},
    needsTable: NO_HISTORY,
    async run(ctx) {
        const { config } = ctx;
        const { history } = await registryFor(config);
        const found = (0,expectation/* historyEstimate */.J)((await history.recent(config.environment, ESTIMATE_SAMPLE)).items, config.stackNames);
        const fallback = config.expectedDurationMs ?? config_config/* DEFAULT_EXPECTED_DURATION_MS */.PP;
        emit(ctx, found ?? { expectedMs: fallback, samples: 0 }, found
            ? `Expected ${(0,durations/* formatDuration */.a3)(found.expectedMs)} (${(0,display/* displayText */.WV)(found.basis, 2000)}).`
            : `Expected ${(0,durations/* formatDuration */.a3)(fallback)}: no history yet.`);
        return state/* ExitCode */.yU.Ok;
    }
};

;// CONCATENATED MODULE: ./.tmp/js/cli/lock.js







// The commands that free a lock: release (one acquisition) and unlock (whoever holds it).
const NO_LOCK = 'without a registry there is no lock, queue or history.';
const OUTCOMES = ['succeeded', 'failed', 'no-change', 'cancelled'];
/** A fencing token: the lock's count of acquisitions, from 1. */
const FENCE = { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true };
const release = {
    summary: 'Release a lock by correlation ID and fencing token (a no-op, exit 1, when it is not held by them).',
    usage: '--stack-name NAMES --registry-table TABLE --correlation-id ID --fence N [--outcome succeeded|failed]',
    options: { fence: { type: 'string' }, outcome: { type: 'string' } },
    needsTable: NO_LOCK,
    async run(ctx) {
        const { config } = ctx;
        const id = config.correlationId;
        const fence = numberFlag('fence', str(ctx, 'fence'), FENCE);
        if (!id || fence === undefined) {
            ctx.err(`release needs --correlation-id and --fence (${(0,numbers/* numberAccepted */.N)(FENCE)}), got ${(0,display/* shown */.SP)(id ?? '')} and ${(0,display/* shown */.SP)(str(ctx, 'fence') ?? '')}.`);
            return state/* ExitCode */.yU.Failed;
        }
        if (isProblem(fence)) {
            ctx.err(fence.problem);
            return state/* ExitCode */.yU.Failed;
        }
        const outcome = str(ctx, 'outcome') ?? 'succeeded';
        if (!OUTCOMES.includes(outcome)) {
            ctx.err(`--outcome is ${(0,display/* shown */.SP)(outcome)}: expected succeeded, failed, no-change or cancelled.`);
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
    help: `  --reason TEXT  why (required): recorded on the holder's record; one line of 1 to ${REASON_MAX} characters,
                 no control characters, bidirectional controls or zero-width characters`,
    options: { force: { type: 'boolean' }, reason: { type: 'string' } },
    needsTable: NO_LOCK,
    async run(ctx) {
        const { config, operator: by } = ctx;
        const reasonText = str(ctx, 'reason');
        const reason = reasonText?.trim();
        if (!ctx.options['force'] || !reason) {
            ctx.err('unlock needs --force and --reason TEXT: it takes the lock from whoever holds it.');
            return state/* ExitCode */.yU.Failed;
        }
        // As freeze's --reason: it is kept on the holder's record and read by people.
        const problem = reasonProblem(reason);
        if (problem) {
            ctx.err(`--reason ${(0,display/* shown */.SP)(reasonText ?? '')}: expected ${REASON_ACCEPTED}; that ${problem}.`);
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
            ? `Unlocked ${config.environment}: was held by ${holderText(previous)}. Recorded: by ${(0,display/* displayText */.WV)(by)}: ${reason}`
            : `${config.environment} was not locked.`);
        return state/* ExitCode */.yU.Ok;
    }
};

// EXTERNAL MODULE: ./.tmp/js/runtime/stage.js
var stage = __webpack_require__(1130);
// EXTERNAL MODULE: ./.tmp/js/domain/priority.js
var priority = __webpack_require__(806);
// EXTERNAL MODULE: ./.tmp/js/domain/estimate.js
var domain_estimate = __webpack_require__(4280);
;// CONCATENATED MODULE: ./.tmp/js/cli/overview.js






/**
 * The freezes as the view shows them, from one read of them all at `now`: the lookup, and the
 * environments a freeze in force names (listed even before a run has queued in them).
 */
function freezeLookup(freezes, now) {
    const lookup = (environment) => {
        const frozen = (0,freeze/* frozenAt */.qt)(freezes, environment, now);
        if (!frozen)
            return Promise.resolve(undefined);
        const by = [...new Set(frozen.windows.map((w) => w.freeze.by))].join(', ');
        return Promise.resolve({
            reason: frozen.windows.map((w) => w.freeze.reason).join('; '),
            until: iso(frozen.until),
            ...(frozen.openEnded ? { openEnded: true } : {}),
            by,
            ids: frozen.windows.map((w) => w.freeze.id)
        });
    };
    const environments = [
        ...new Set(freezes
            .filter((f) => f.environment !== freeze/* ALL_ENVIRONMENTS */.Jp && (0,freeze/* windowAt */.MF)(f, now))
            .map((f) => f.environment))
    ];
    return { lookup, environments };
}
/**
 * The tickets in the order they are served: a higher priority first, arrival order within one;
 * while the environment is frozen, those that override the freeze before the frozen ones (they
 * pass them: the frozen cannot go anyway).
 */
function servedOrder(tickets, frozen) {
    const byPriority = [...tickets].sort((a, b) => (0,priority/* servedBefore */.p7)(a, b) ? -1 : (0,priority/* servedBefore */.p7)(b, a) ? 1 : 0);
    if (!frozen)
        return byPriority;
    return [
        ...byPriority.filter((t) => t.overridesFreeze),
        ...byPriority.filter((t) => !t.overridesFreeze)
    ];
}
/** How many finished deployments the estimates look at (as `estimate` does). */
const OVERVIEW_HISTORY = 100;
/**
 * An environment as its lock, queue and history show it at `now`. The holder's expected end is
 * from the history of its stacks, else from the environment's usual deployment; each waiter is
 * expected to start once the holder and those ahead of it have taken the usual time (a ticket
 * does not say which stacks it deploys). While a freeze holds the environment the frozen waiters
 * start after it ends, and those that override it go first, their start not put off by it.
 */
function environmentOverview(view, history, now, freeze) {
    const usual = usualDuration(history);
    const { lock, tickets } = view;
    let holder;
    let nextStart = now;
    if (lock.holder) {
        const own = (0,expectation/* historyEstimate */.J)(history, lock.holder.stacks);
        const expectedMs = own?.expectedMs ?? usual.expectedMs;
        const end = Date.parse(lock.holder.acquiredAt) + expectedMs;
        holder = {
            correlationId: lock.holder.correlationId,
            runUrl: lock.holder.run.runUrl,
            since: lock.holder.acquiredAt,
            fence: lock.holder.fence,
            stacks: lock.holder.stacks,
            expectedEnd: iso(end),
            expectedMs,
            estimateBasis: own?.basis ?? usual.basis
        };
        // Overdue: the next one may start any moment.
        if (Number.isFinite(end))
            nextStart = Math.max(now, end);
    }
    const thaw = freeze?.until ? Date.parse(freeze.until) : NaN;
    const frozen = freeze !== undefined;
    // In the order they are served (while frozen, those that override the freeze first), each
    // after the one ahead has taken the usual time; nobody else starts before the freeze ends.
    const queue = servedOrder(tickets, frozen).map((t, i) => {
        const start = frozen && !t.overridesFreeze && Number.isFinite(thaw) ? Math.max(nextStart, thaw) : nextStart;
        nextStart = start + usual.expectedMs;
        return {
            position: i + 1,
            priority: (0,priority/* priorityOf */.a2)(t),
            ticket: t.seq,
            correlationId: t.correlationId,
            runUrl: t.run.runUrl,
            waitingSince: t.enqueuedAt,
            expectedStart: iso(start),
            ...(t.overridesFreeze ? { overridesFreeze: true } : {})
        };
    });
    const last = !lock.holder && lock.lastHolder
        ? { correlationId: lock.lastHolder, outcome: lock.lastOutcome, at: lock.releasedAt }
        : undefined;
    return { environment: lock.environment, holder, last, queue, freeze };
}
/** The environment's usual deployment, whatever its stacks: the median of recent successes. */
function usualDuration(history) {
    const durations = history
        .filter((h) => h.outcome === 'succeeded')
        .slice(0, 20)
        .map((h) => h.durationMs);
    const m = (0,domain_estimate/* median */.JZ)(durations);
    if (m === undefined)
        return { expectedMs: config_config/* DEFAULT_EXPECTED_DURATION_MS */.PP, basis: 'no history yet' };
    const n = durations.length;
    return {
        expectedMs: m,
        basis: `median of ${n} successful deployment${n === 1 ? '' : 's'} of the environment`
    };
}
const iso = (ms) => (Number.isFinite(ms) ? new Date(ms).toISOString() : '');
/**
 * Reads the overview: the given environments, else every one in the index; per environment one
 * read of the lock and queue, and of the history only when someone holds or waits.
 */
async function readOverview(stores, environments, now, freezes) {
    const names = environments ??
        [...new Set([...(await stores.lock.environments()), ...(freezes?.environments ?? [])])].sort();
    const unreadable = [];
    const list = await Promise.all(names.map(async (environment) => {
        const [view, freeze] = await Promise.all([
            stores.lock.view(environment).catch((err) => {
                // One environment's unreadable lock or queue is shown as such; the others as usual.
                if (!(err instanceof registry_errors/* RegistryCorruptError */.zk))
                    throw err;
                unreadable.push(err.item);
                return undefined;
            }),
            freezes?.lookup(environment)
        ]);
        if (!view)
            return undefined;
        const busy = Boolean(view.lock.holder) || view.tickets.length > 0;
        const history = busy
            ? (await stores.history.recent(environment, OVERVIEW_HISTORY)).items
            : [];
        return environmentOverview(view, history, now(), freeze);
    }));
    const environmentsRead = list.filter((e) => e !== undefined);
    const all = [...unreadable, ...(freezes?.unreadable ?? [])];
    return {
        at: new Date(now()).toISOString(),
        environments: environmentsRead,
        ...(all.length > 0 ? { unreadable: all } : {})
    };
}

;// CONCATENATED MODULE: ./.tmp/js/cli/readiness.js










// The commands that ask whether a deployment could start, and take nothing: can-deploy, wait.
/**
 * Whether a deployment could start now, and why not: the lock, the queue, the stacks, and the
 * deploy freezes in force (read as the action reads them; none without a registry).
 */
async function readiness(ctx) {
    const { config } = ctx;
    const { reader, registry } = await openClients(config);
    const [stacks, view, read] = await Promise.all([
        reader.describeStacks(config.stackNames),
        registry.lock.view(config.environment),
        registry.freezes.list()
    ]);
    const freezes = read.items;
    // A freeze item that could hold this environment but does not decode holds the action's runs
    // (REGISTRY_CORRUPT), so it is a reason here too.
    const unreadable = read.unreadable.filter((u) => (0,registry_errors/* concerns */.Kc)(u, config.environment));
    const now = stage.systemClock.now();
    const findings = [
        ...(0,domain_findings/* activeDeploymentFindings */.mh)(stacks),
        ...(0,domain_findings/* otherFindings */.jE)(stacks, { registryConfigured: Boolean(config.registryTable) }),
        // Waiting will not mend it: the action's runs end blocked on it (REGISTRY_CORRUPT).
        ...unreadable.map((u) => corruptFinding(config.registryTable, new registry_errors/* RegistryCorruptError */.zk(u)))
    ];
    const held = (0,freeze/* frozenAt */.qt)(freezes, config.environment, now);
    // The freeze in the shape `status --json` gives it (until, reason, by, ids).
    const frozen = held
        ? await freezeLookup(freezes, now).lookup(config.environment)
        : undefined;
    const holder = view.lock.holder;
    // For --json as they are; for the text (and the log), their stored texts escaped.
    const reasons = [
        ...(held ? [(0,freeze/* describeFrozen */.Gb)(held, config.environment, now)] : []),
        ...(holder ? [`lock held by ${(0,wait_for_turn/* describeHolder */.sG)(holder)}`] : []),
        ...(view.tickets.length > 0 ? [`${view.tickets.length} run(s) queued`] : []),
        ...(0,domain_findings/* blocking */.ub)(findings).map((f) => `${f.code}: ${f.message}`)
    ];
    const reasonsText = [
        ...(held ? [(0,freeze/* describeFrozen */.Gb)(displayedFrozen(held), config.environment, now)] : []),
        ...(holder ? [`lock held by ${holderText(holder)}`] : []),
        ...(view.tickets.length > 0 ? [`${view.tickets.length} run(s) queued`] : []),
        ...(0,domain_findings/* blocking */.ub)(findings).map(findingText)
    ];
    return { reader, registry, stacks, view, findings, reasons, reasonsText, frozen };
}
const canDeploy = {
    summary: 'Exit 0 when a deployment could start now, 2 when another is active or queued, 1 when a stack blocks or a deploy freeze holds the environment.',
    usage: '--stack-name NAMES [--environment NAME] [--registry-table TABLE] [--json]',
    help: `Exit codes, as the action's:
  0  free to deploy
  2  not now: the lock is held, runs are queued, or a covered stack is in progress (wait waits)
  1  a stack that waiting cannot unblock, or a deploy freeze in force (the action's result frozen,
     exit 1): the reasons say until when, why, the freeze's id and who set it, and --json has
     frozen: { until, reason, by, ids }. wait waits through a freeze; thaw ends one.
Without a registry there are no freezes.`,
    options: {},
    async run(ctx) {
        const { reasons, reasonsText, findings, frozen } = await readiness(ctx);
        const blocked = (0,domain_findings/* blocking */.ub)(findings).some((f) => f.code !== 'STACK_IN_PROGRESS');
        emit(ctx, { canDeploy: reasons.length === 0, reasons, findings, ...(frozen ? { frozen } : {}) }, reasons.length === 0
            ? `${ctx.config.environment}: free to deploy.`
            : `${ctx.config.environment}: not now.\n  ${reasonsText.join('\n  ')}`);
        if (reasons.length === 0)
            return state/* ExitCode */.yU.Ok;
        return blocked || frozen ? state/* ExitCode */.yU.Failed : state/* ExitCode */.yU.Concurrent;
    }
};
const wait = {
    summary: 'Wait until a deployment could start (exit 0), or give up after --wait-timeout-minutes (exit 2; 1 if a deploy freeze still holds the environment then). Takes no lock.',
    usage: '--stack-name NAMES [--wait-timeout-minutes N] [--poll-interval-seconds N] [--json]',
    help: `Waits while the lock is held, runs are queued, a covered stack is in progress or a deploy
freeze holds the environment (as a run of the action waits through one: a thaw lets it go at its
next poll). Exit 0 once a deployment could start; 2 when --wait-timeout-minutes runs out while
busy; 1 when it runs out while a freeze is still in force (the action's result frozen; --json has
frozen: { until, reason, by, ids }), or at once on a stack that waiting cannot unblock.`,
    options: {},
    async run(ctx) {
        const { config } = ctx;
        const started = stage.systemClock.now();
        for (;;) {
            const { reasons, reasonsText, findings, frozen } = await readiness(ctx);
            const waited = stage.systemClock.now() - started;
            const stuck = (0,domain_findings/* blocking */.ub)(findings).filter((f) => f.code !== 'STACK_IN_PROGRESS');
            if (stuck.length > 0) {
                // Waiting cannot unblock these: someone has to act on the stack.
                emit(ctx, { canDeploy: false, waitedMs: waited, reasons, ...(frozen ? { frozen } : {}) }, `${config.environment}: blocked, waiting will not help.\n  ${reasonsText.join('\n  ')}`);
                return state/* ExitCode */.yU.Failed;
            }
            if (reasons.length === 0) {
                emit(ctx, { canDeploy: true, waitedMs: waited }, `${config.environment}: free after ${(0,durations/* formatDuration */.a3)(waited)}.`);
                return state/* ExitCode */.yU.Ok;
            }
            if (waited >= config.waitTimeoutMs) {
                // A freeze that outlasted the wait ends it as the action's does: frozen, exit 1.
                emit(ctx, { canDeploy: false, waitedMs: waited, reasons, ...(frozen ? { frozen } : {}) }, `${config.environment}: ${frozen ? 'still frozen' : 'still busy'} after ${(0,durations/* formatDuration */.a3)(waited)}.\n  ${reasonsText.join('\n  ')}`);
                return frozen ? state/* ExitCode */.yU.Failed : state/* ExitCode */.yU.Concurrent;
            }
            ctx.log.info(`Waiting: ${reasonsText.join('; ')}`);
            await (0,stage.sleep)(Math.min(config.pollIntervalMs, config.waitTimeoutMs - waited));
        }
    }
};

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
        // The table missing, access denied, another key schema: not busy, as the action says.
        if (turn.kind === 'misconfigured') {
            (0,report_findings/* reportFindings */.L)(log, [misconfiguredFinding(config.registryTable, turn.registryError ?? '')]);
            return state/* ExitCode */.yU.Failed;
        }
        if (turn.kind === 'corrupt' && turn.unreadable) {
            (0,report_findings/* reportFindings */.L)(log, [
                corruptFinding(config.registryTable, new registry_errors/* RegistryCorruptError */.zk(turn.unreadable))
            ]);
            return state/* ExitCode */.yU.Failed;
        }
        // Fence 0 is CloudFormation's own lock (the table stopped answering): nothing anyone else sees.
        const holder = turn.kind === 'acquired' && turn.holder?.fence ? turn.holder : undefined;
        if (turn.kind === 'frozen') {
            emit(ctx, { acquired: false, frozenUntil: new Date(turn.freeze.endedBy.until).toISOString() }, `${config.environment}: frozen until ${new Date(turn.freeze.endedBy.until).toISOString()}; not registered.`);
            return state/* ExitCode */.yU.Failed;
        }
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

;// CONCATENATED MODULE: ./.tmp/js/cli/overview-text.js




// `status` without --stack-name, as a person reads it: one block per environment.
/** '(in 4m 10s)', '(2m 05s ago)' from `now`. */
function relative(at, now) {
    const ms = Date.parse(at) - now;
    if (!Number.isFinite(ms))
        return '';
    return ms >= 0 ? ` (in ${(0,durations/* formatDuration */.a3)(ms)})` : ` (${(0,durations/* formatDuration */.a3)(-ms)} ago)`;
}
/** '(for 4m 10s)': how long since `at`. */
const lasting = (at, now) => {
    const ms = now - Date.parse(at);
    return Number.isFinite(ms) ? ` (for ${(0,durations/* formatDuration */.a3)(Math.max(0, ms))})` : '';
};
const runLink = (url) => url === undefined ? 'no run link' : (0,display/* displayText */.WV)(url);
/** An optional stored text, escaped; `none` when there is none. */
const orElse = (text, none) => text === undefined ? none : (0,display/* displayText */.WV)(text);
/** An environment's lines; every stored text in them through displayText (escaped, cut when long). */
function environmentText(e, now) {
    const h = e.holder;
    const end = h ? Date.parse(h.expectedEnd) - now : 0;
    const lines = [
        `Environment ${(0,display/* displayText */.WV)(e.environment)}`,
        h
            ? `  Lock: held by ${(0,display/* displayText */.WV)(h.correlationId)} (${runLink(h.runUrl)}) since ${(0,display/* displayText */.WV)(h.since)}${lasting(h.since, now)}, fencing token ${(0,display/* displayText */.WV)(String(h.fence))}; expected end ${h.expectedEnd}${end >= 0 ? relative(h.expectedEnd, now) : ` (overdue by ${(0,durations/* formatDuration */.a3)(-end)})`}; estimate ${(0,durations/* formatDuration */.a3)(h.expectedMs)}, ${(0,display/* displayText */.WV)(h.estimateBasis, 2000)}`
            : `  Lock: free${e.last ? ` (last: ${(0,display/* displayText */.WV)(e.last.correlationId)}, ${orElse(e.last.outcome, 'no outcome')}, released ${orElse(e.last.at, '?')})` : ''}`,
        `  Queue: ${e.queue.length === 0
            ? 'empty'
            : e.queue
                .map((w) => `${w.position}. ${(0,display/* displayText */.WV)(w.correlationId)} (${runLink(w.runUrl)}, ticket #${(0,display/* displayText */.WV)(String(w.ticket))}${w.priority === 'high' ? ', priority high' : ''}${w.overridesFreeze ? ', override-freeze' : ''}) waiting since ${(0,display/* displayText */.WV)(w.waitingSince)}${lasting(w.waitingSince, now)}, expected start ${w.expectedStart}${relative(w.expectedStart, now)}`)
                .join('\n         ')}`
    ];
    if (e.freeze)
        lines.push(`  Freeze: ${freezeText(e.freeze, now)}`);
    return lines;
}
/**
 * A freeze as `status` says it: until when (and in how long; or until thawed, no end in sight),
 * why, who, which.
 */
function freezeText(f, now) {
    const until = f.until && f.openEnded
        ? `until thawed (no end within ${(0,freeze/* aheadText */.Th)(Date.parse(f.until) - now)})`
        : f.until
            ? `until ${(0,display/* displayText */.WV)(f.until)}${relative(f.until, now)}`
            : 'in force';
    // The reasons of all the freezes in force, joined: each may be as long as one reason may be.
    const count = Math.max(1, f.ids?.length ?? 1);
    const reason = (0,display/* displayText */.WV)(f.reason, count * (display/* DISPLAY_MAX */.M$ + 2));
    const ids = f.ids?.length ? `; ${f.ids.map((id) => (0,display/* displayText */.WV)(id)).join(', ')}` : '';
    return `${until}: ${reason}${f.by ? ` (by ${(0,display/* displayText */.WV)(f.by, count * (display/* DISPLAY_MAX */.M$ + 2))}${ids})` : ''}`;
}
function overviewText(o, table) {
    const now = Date.parse(o.at);
    const unreadable = unreadableLines(o.unreadable ?? [], table);
    if (o.environments.length === 0 && unreadable.length === 0)
        return `No environment in registry ${table} yet: one appears once a run queues in it.`;
    return [
        `Registry ${table}, ${o.environments.length} environment${o.environments.length === 1 ? '' : 's'}, at ${o.at}`,
        ...o.environments.flatMap((e) => ['', ...environmentText(e, now)]),
        ...(unreadable.length > 0 ? ['', ...unreadable] : [])
    ].join('\n');
}

;// CONCATENATED MODULE: ./.tmp/js/cli/watch.js




// `--watch`: a command's result again every --interval seconds, until Ctrl-C.
const DEFAULT_WATCH_INTERVAL_S = 5;
/** Bounds of --interval: no faster than twice a second (each frame is a few registry reads). */
const WATCH_INTERVAL_RANGE = { min: 0.5, max: 3600 };
/** --interval in milliseconds, or why not (the message). */
function watchIntervalMs(given) {
    const s = numberFlag('interval', given, {
        ...WATCH_INTERVAL_RANGE,
        unit: 'seconds',
        default: DEFAULT_WATCH_INTERVAL_S
    });
    return isProblem(s) ? s.problem : (s ?? DEFAULT_WATCH_INTERVAL_S) * 1000;
}
const CLEAR_SCREEN = '\x1b[H\x1b[2J';
/**
 * Draws `frame` every `intervalMs` until `signal` aborts (Ctrl-C), one frame at a time: the next
 * sleep starts when a frame is drawn, so a slow registry never piles reads up. On a terminal each
 * frame replaces the last; elsewhere frames follow each other, and with --json each is one line
 * (JSON Lines). A frame that fails is said on stderr and tried again at the next interval, unless
 * the table cannot be used as configured (thrown: the CLI says what the action says of it).
 */
async function watch(ctx, frame, opts) {
    const every = `every ${opts.intervalMs / 1000} s; Ctrl-C to stop`;
    while (!opts.signal.aborted) {
        try {
            const f = await frame();
            if (ctx.json)
                ctx.out((0,display/* safeJson */.oi)(f.data));
            else
                ctx.out(`${opts.terminal ? CLEAR_SCREEN : ''}${f.text}\n(${every})\n`);
        }
        catch (err) {
            // A table that cannot be used as configured stays so: said once, as the action says it.
            if (isMisconfiguration(err) || isCorrupt(err))
                throw err;
            ctx.err(`error: ${(0,display/* displayText */.WV)(String(err.name))}: ${(0,display/* displayText */.WV)(String(err.message), 2000)} (trying again, ${every})`);
        }
        await opts.sleep(opts.intervalMs, opts.signal);
    }
    return state/* ExitCode */.yU.Ok;
}
/** An abort on Ctrl-C (SIGINT) or SIGTERM, for as long as `release` is not called. */
function interruption() {
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return {
        signal: controller.signal,
        release: () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
        }
    };
}

;// CONCATENATED MODULE: ./.tmp/js/cli/status.js









// The status command: it looks and takes nothing (as can-deploy and wait, in readiness.ts).
const status_status = {
    summary: 'Show who holds and who waits in every environment of the table (or --environment); with --stack-name, one environment and its stacks.',
    usage: '[--environment NAME] [--stack-name NAMES] [--registry-table TABLE] [--json] [--watch [--interval SECONDS]]',
    help: `Without --stack-name: every environment in the table (one that a run has queued in), or the one
--environment names: the holder (correlation ID, run link, since, expected end), the queue
(position, run link, waiting since, expected start) and any freeze. With --stack-name: that
environment's lock, queue (in the order it is served: priority high first; while a freeze holds
it, the runs with override-freeze before the frozen ones) and freeze in force, and its stacks'
status.
  --watch                    draw it again every --interval seconds until Ctrl-C (with --json: one
                             JSON document a line)
  --interval SECONDS         with --watch: from ${WATCH_INTERVAL_RANGE.min} to ${WATCH_INTERVAL_RANGE.max} (default ${DEFAULT_WATCH_INTERVAL_S})`,
    options: { watch: { type: 'boolean' }, interval: { type: 'string' } },
    stackNameOptional: true,
    async run(ctx) {
        const { config } = ctx;
        const byStacks = config.stackNames.length > 0;
        if (!byStacks && !config.registryTable) {
            ctx.err(`status without --stack-name reads the registry: give --registry-table (or set ${TABLE_VARIABLE}), or --stack-name for the stacks' own status.`);
            return state/* ExitCode */.yU.Failed;
        }
        const interval = str(ctx, 'interval');
        if (interval !== undefined && !ctx.options['watch']) {
            ctx.err('--interval goes with --watch.');
            return state/* ExitCode */.yU.Failed;
        }
        const intervalMs = watchIntervalMs(interval);
        if (typeof intervalMs === 'string') {
            ctx.err(intervalMs);
            return state/* ExitCode */.yU.Failed;
        }
        const frame = byStacks ? await stacksFrame(ctx) : await overviewFrame(ctx);
        if (!ctx.options['watch']) {
            const f = await frame();
            emit(ctx, f.data, f.text);
            return state/* ExitCode */.yU.Ok;
        }
        const stop = interruption();
        try {
            return await watch(ctx, frame, {
                intervalMs,
                sleep: stage.sleep,
                signal: stop.signal,
                terminal: ctx.terminal
            });
        }
        finally {
            stop.release();
        }
    }
};
/** status --stack-name: the environment's lock, queue (in the order served), freeze and stacks. */
async function stacksFrame(ctx) {
    const { config } = ctx;
    const { reader, registry } = await openClients(config);
    return async () => {
        const unreadable = [];
        const [stacks, read, found] = await Promise.all([
            reader.describeStacks(config.stackNames),
            registry.freezes.list(),
            registry.lock.view(config.environment).catch((err) => {
                // Shown as unreadable (never as free), the rest of the view as usual.
                if (!(err instanceof registry_errors/* RegistryCorruptError */.zk))
                    throw err;
                unreadable.push(err.item);
                return undefined;
            })
        ]);
        const view = found ?? {
            lock: { environment: config.environment, fence: 0 },
            tickets: []
        };
        unreadable.push(...read.unreadable.filter((u) => (0,registry_errors/* concerns */.Kc)(u, config.environment)));
        const freezes = read.items;
        const now = stage.systemClock.now();
        const freeze = await freezeLookup(freezes, now).lookup(config.environment);
        // In the order they are served: a higher priority first, arrival order within one; while
        // frozen, the runs that override the freeze before the frozen ones.
        const queue = servedOrder(view.tickets, freeze !== undefined).map((t) => ({
            ...withoutOwner(t),
            priority: (0,priority/* priorityOf */.a2)(t),
            ...(t.overridesFreeze ? { overridesFreeze: true } : {})
        }));
        const { lock } = view;
        const lines = [
            `Environment ${config.environment} (${config.registryTable ? `registry ${config.registryTable}` : 'CloudFormation only'})`,
            !found
                ? `  Lock and queue: unreadable (below)`
                : lock.holder
                    ? `  Lock: held by ${holderText(lock.holder)}, fencing token ${(0,display/* displayText */.WV)(String(lock.fence))}`
                    : `  Lock: free${lock.lastHolder ? ` (last: ${(0,display/* displayText */.WV)(lock.lastHolder)}, ${lock.lastOutcome === undefined ? 'no outcome' : (0,display/* displayText */.WV)(lock.lastOutcome)}, released ${lock.releasedAt === undefined ? '?' : (0,display/* displayText */.WV)(lock.releasedAt)})` : ''}`,
            ...(!found
                ? []
                : [
                    `  Queue: ${queue.length === 0 ? 'empty' : queue.map((t, i) => `${i + 1}. #${(0,display/* displayText */.WV)(String(t.seq))} ${(0,display/* displayText */.WV)(t.correlationId)} (${t.run?.runUrl === undefined ? 'no run link' : (0,display/* displayText */.WV)(t.run.runUrl)}${t.priority === 'high' ? ', priority high' : ''}${t.overridesFreeze ? ', override-freeze' : ''}) since ${(0,display/* displayText */.WV)(t.enqueuedAt)}`).join('\n         ')}`
                ]),
            ...(freeze ? [`  Freeze: ${freezeText(freeze, now)}`] : []),
            ...stacks.map((s) => `  Stack ${(0,display/* displayText */.WV)(s.name)}: ${(0,display/* displayText */.WV)(s.status)}  ${(0,display/* displayText */.WV)(reader.consoleUrl(s))}`),
            ...unreadableLines(unreadable, config.registryTable).map((l) => `  ${l}`)
        ];
        return {
            data: {
                environment: config.environment,
                registry: registry.lock.kind,
                // Unreadable: null, never a free lock and an empty queue that a script could act on.
                lock: !found
                    ? null
                    : view.lock.holder
                        ? { ...view.lock, holder: withoutOwner(view.lock.holder) }
                        : view.lock,
                queue: found ? queue : null,
                ...(freeze ? { freeze } : {}),
                stacks: stacks.map((s) => ({ name: s.name, status: s.status })),
                ...(unreadable.length > 0 ? { unreadable: unreadable.map(unreadableJson) } : {})
            },
            text: lines.join('\n')
        };
    };
}
/** status without --stack-name: every environment of the table, or --environment's. */
async function overviewFrame(ctx) {
    const { config } = ctx;
    const registry = await registryFor(config);
    const only = config.environment ? [config.environment] : undefined;
    return async () => {
        // One read of every freeze a frame: each environment's in force, and the frozen ones.
        const read = await registry.freezes.list();
        const freezes = { ...freezeLookup(read.items, stage.systemClock.now()), unreadable: read.unreadable };
        const overview = await readOverview(registry, only, () => stage.systemClock.now(), freezes);
        return { data: overview, text: overviewText(overview, config.registryTable ?? '') };
    };
}

;// CONCATENATED MODULE: ./.tmp/js/cli/thaw.js







// The thaw command: it ends freezes (set with freeze, in freeze.ts).
const thaw = {
    summary: 'End freezes: by --id, or the freezes of an environment (--environment), or those of all environments (--all).',
    usage: `(--id ID | ${SCOPE}) --registry-table TABLE`,
    help: [
        '  --id ID             the freeze with this id (fz-1a2b3c4d), whatever its scope',
        '  --environment NAME  the freezes set for this environment; not those of all environments that',
        '                      hold it too (the answer names them)',
        '  --all               the freezes set for all environments (freeze --all) only; not those of one environment',
        'Exit 0 when at least one freeze was thawed; exit 1 when nothing was, whatever the scope (no such',
        'freeze, thawed already, or ended), saying why.',
        'Freezes that have ended (their window is over, not recurring) are left as they are.',
        'A thawed freeze stays in the table for a week, for the record, then expires.'
    ].join('\n'),
    options: { all: { type: 'boolean' }, id: { type: 'string' } },
    needsTable: NO_FREEZES,
    stackNameOptional: true,
    async run(ctx) {
        const id = str(ctx, 'id');
        const environment = str(ctx, 'environment');
        const all = Boolean(ctx.options['all']);
        if ([id !== undefined, environment !== undefined, all].filter(Boolean).length !== 1) {
            ctx.err(`thaw needs exactly one of --id ID, --environment NAME or --all.`);
            return state/* ExitCode */.yU.Failed;
        }
        const scope = all ? freeze/* ALL_ENVIRONMENTS */.Jp : environment;
        const { freezes } = await registryFor(ctx.config);
        const read = await freezes.list();
        const kept = read.items;
        const now = Date.now();
        // In force or to come: a freeze whose window is over is left alone (its TTL too). One with an
        // invalid cron holds nothing but has no end either: it can be thawed.
        const live = kept.filter((f) => !f.thawedAt && (!(0,freeze/* ended */.v6)(f, now) || invalidCron(f)));
        const chosen = live.filter((f) => (id !== undefined ? f.id === id : f.environment === scope));
        const thawed = [];
        for (const f of chosen)
            if (await freezes.thaw(f, ctx.operator))
                thawed.push(f);
        const thawedIds = new Set(thawed.map((f) => f.id));
        // What still holds the scope: of an environment, the freezes of all environments; of --all,
        // those of single environments (which --all does not thaw).
        const remaining = id !== undefined
            ? []
            : live.filter((f) => !thawedIds.has(f.id) &&
                (all
                    ? f.environment !== freeze/* ALL_ENVIRONMENTS */.Jp
                    : f.environment === freeze/* ALL_ENVIRONMENTS */.Jp && (0,freeze/* holds */.v9)(f, scope ?? '')));
        const stillFrozen = remaining.filter((f) => (0,freeze/* windowAt */.MF)(f, now));
        const lines = thawed.map((f) => `Thawed ${freezeLine(f, now)}`);
        if (thawed.length === 0)
            lines.push(nothingToThaw(kept, id, scope, now));
        if (remaining.length > 0)
            lines.push(all
                ? `Not thawed by --all (freezes of one environment; thaw each with --id, or with --environment NAME):`
                : `${scope} is ${stillFrozen.length > 0 ? 'still frozen' : 'to be frozen'} by ${remaining.length === 1 ? 'a freeze' : 'freezes'} of all environments, not thawed by --environment:`, ...remaining.map((f) => `  ${(0,freeze/* windowAt */.MF)(f, now) ? 'now ' : 'later'} ${freezeLine(f, now)}\n        thaw it with: ${thawCommand(ctx, `--id ${(0,display/* displayText */.WV)(f.id)}`)}`), ...(all ? [] : [`  or every freeze of all environments with: ${thawCommand(ctx, '--all')}`]));
        // A freeze item that does not decode cannot be thawed: it holds runs of what its key names
        // (they end blocked, REGISTRY_CORRUPT) until doctor repairs it.
        const unreadable = read.unreadable.filter((u) => all || (id !== undefined ? u.sk.endsWith(`#${id}`) : (0,registry_errors/* concerns */.Kc)(u, scope ?? '')));
        lines.push(...unreadableLines(unreadable, ctx.config.registryTable));
        emit(ctx, {
            ...(unreadable.length > 0 ? { unreadable: unreadable.map(unreadableJson) } : {}),
            thawed: thawed.map((f) => f.id),
            notThawed: remaining.map((f) => ({
                id: f.id,
                environment: f.environment,
                active: Boolean((0,freeze/* windowAt */.MF)(f, now))
            }))
        }, lines.join('\n'));
        // Nothing thawed, whatever the scope: what was asked for did not happen.
        return thawed.length > 0 ? state/* ExitCode */.yU.Ok : state/* ExitCode */.yU.Failed;
    }
};
/** Why nothing was thawed: no such freeze, or it was thawed already, or it has ended. */
function nothingToThaw(kept, id, scope, now) {
    if (id === undefined)
        return `Nothing to thaw: no freeze set for ${scope === freeze/* ALL_ENVIRONMENTS */.Jp ? 'all environments' : scope} is in force or to come.`;
    const f = kept.find((k) => k.id === id);
    if (!f)
        return `Nothing to thaw: no freeze with id ${(0,display/* shown */.SP)(id)} is in the table.`;
    if (f.thawedAt)
        return `Nothing to thaw: freeze ${(0,display/* displayText */.WV)(id)} was thawed ${(0,display/* displayText */.WV)(f.thawedAt)} by ${f.thawedBy === undefined ? 'unknown' : (0,display/* displayText */.WV)(f.thawedBy)}.`;
    return `Nothing to thaw: freeze ${(0,display/* displayText */.WV)(id)} has ended (${freezeLine(f, now)}).`;
}

;// CONCATENATED MODULE: ./.tmp/js/cli/commands.js









/** Every command, in the order the usage lists them. */
const COMMANDS = {
    status: status_status,
    'can-deploy': canDeploy,
    wait: wait,
    register: register,
    release: release,
    history: history_history,
    estimate: estimate,
    unlock: unlock,
    freeze: freeze_freeze,
    thaw: thaw,
    freezes: freezes,
    doctor: doctor
};

// EXTERNAL MODULE: ./.tmp/js/runtime/env.js
var runtime_env = __webpack_require__(1623);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(481);
;// CONCATENATED MODULE: ./.tmp/js/cli/io.js


const processIO = {
    stdout: (t) => {
        process.stdout.write(t);
    },
    stderr: (t) => {
        process.stderr.write(t);
    },
    get stdin() {
        return process.stdin;
    },
    get terminal() {
        return Boolean(process.stdout.isTTY);
    },
    env: runtime_env/* processEnv */.H
};
/** Asks each question on stderr and reads the answers from stdin, one line each ('' at its end). */
function questioner(io) {
    const rl = (0,external_node_readline_.createInterface)({ input: io.stdin, terminal: false });
    const lines = [];
    const waiting = [];
    let ended = false;
    rl.on('line', (line) => {
        const next = waiting.shift();
        if (next)
            next(line);
        else
            lines.push(line);
    });
    rl.on('close', () => {
        ended = true;
        for (const w of waiting.splice(0))
            w('');
    });
    return {
        ask: (q) => {
            io.stderr(q);
            const line = lines.shift();
            if (line !== undefined)
                return Promise.resolve(line);
            if (ended)
                return Promise.resolve('');
            return new Promise((resolve) => waiting.push(resolve));
        },
        close: () => rl.close()
    };
}

;// CONCATENATED MODULE: ./.tmp/js/cli/main.js














const USAGE = `Usage: deploy-coordinator <command> [options]

Commands:
${Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(11)} ${c.summary}`)
    .join('\n')}

Run 'deploy-coordinator <command> --help' for a command's options.
The table and the region may come from the shell: ${TABLE_VARIABLE}, AWS_REGION
(then AWS_DEFAULT_REGION); --registry-table and --region win over them.
Exit status: 0 ok, 2 another deployment is active, 1 anything else.`;
/** The options every command takes; --stack-name is optional for some. */
function common(command) {
    const stacks = command.stackNameOptional ? 'optional here' : 'required';
    return `Options (the action's inputs, same names and defaults):
  --stack-name NAMES         stacks, comma separated (${stacks})
  --environment NAME         lock scope (default: the first stack name)
  --region REGION            default AWS_REGION, then AWS_DEFAULT_REGION
  --registry-table TABLE     the DynamoDB registry table (default: ${TABLE_VARIABLE}, else
                             CloudFormation only)
  --json                     machine-readable output
  --help                     this help
Flags win over the environment variables.`;
}
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
const stderrSink = (stderr) => ({
    info: (m) => stderr(`${m}\n`),
    debug: () => undefined,
    warning: (m) => stderr(`warning: ${m}\n`),
    error: (m) => stderr(`error: ${m}\n`)
});
/**
 * The CLI's entry, and the one place it reads and writes its process (`io`): its streams, and its
 * environment, from which the region, the operator's name and the workflow run are passed down.
 */
async function runCli(argv, io = processIO) {
    const { env } = io;
    const out = (t) => io.stdout(`${t}\n`);
    const [name, ...rest] = argv;
    if (!name) {
        io.stderr(`${USAGE}\n`);
        return state/* ExitCode */.yU.Failed;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
        out(USAGE);
        return state/* ExitCode */.yU.Ok;
    }
    const command = COMMANDS[name];
    if (!command) {
        io.stderr(`Unknown command '${(0,display/* displayText */.WV)(name, 80)}'.\n\n${USAGE}\n`);
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
        // Node's message quotes the option as typed.
        io.stderr(`${(0,display/* displayText */.WV)(err.message, 2000)}\n\nRun 'deploy-coordinator ${name} --help'.\n`);
        return state/* ExitCode */.yU.Failed;
    }
    if (values['help']) {
        out(`Usage: deploy-coordinator ${name} ${command.usage}\n\n${command.summary}\n\n${command.help ? `${command.help}\n\n` : ''}${common(command)}`);
        return state/* ExitCode */.yU.Ok;
    }
    let config;
    // A flag wins, even an empty one (--registry-table= is CloudFormation only).
    const tableFromShell = typeof values[inputs/* Inputs */.G0.RegistryTable] === 'string' ? undefined : (0,runtime_env/* envValue */.$)(TABLE_VARIABLE, env);
    try {
        config = (0,config_config/* parseConfig */.o4)((input) => typeof values[input] === 'string'
            ? values[input]
            : input === inputs/* Inputs */.G0.RegistryTable
                ? (tableFromShell ?? '')
                : '', env, { stackNameOptional: command.stackNameOptional });
    }
    catch (err) {
        if (!(err instanceof config_config/* ConfigError */.xL))
            throw err;
        // The same checks as the action, in the command line's words: 'stack-name' -> --stack-name.
        const message = tableFromShell
            ? err.message.replaceAll(`'${inputs/* Inputs */.G0.RegistryTable}'`, `${TABLE_VARIABLE}`)
            : err.message;
        const text = Object.values(inputs/* Inputs */.G0).reduce((m, input) => m.replaceAll(`'${input}'`, `--${input}`), message);
        io.stderr(`${text}\n`);
        return state/* ExitCode */.yU.Failed;
    }
    const refused = needTable(name, command, config);
    if (refused) {
        io.stderr(`${refused}\n`);
        return state/* ExitCode */.yU.Failed;
    }
    const correlationId = config.correlationId ?? (0,correlation_id/* newCorrelationId */.Cv)();
    const ctx = {
        config,
        options: values,
        json: Boolean(values['json']),
        log: (0,logger/* createLogger */.h)(correlationId, stderrSink(io.stderr)),
        out,
        err: (t) => io.stderr(`${t}\n`),
        questions: () => questioner(io),
        terminal: io.terminal,
        operator: env['USER'] || env['GITHUB_ACTOR'] || 'unknown',
        run: (0,run_context/* runContext */.p)(env)
    };
    try {
        return await command.run(ctx);
    }
    catch (err) {
        // The table missing, access denied, another key schema: what the action says of it.
        if (isMisconfiguration(err)) {
            (0,report_findings/* reportFindings */.L)(ctx.log, [misconfiguredFinding(config.registryTable, err.message)]);
            return state/* ExitCode */.yU.Failed;
        }
        // An item of the lock or the queue that does not decode: named, with its repair.
        if (isCorrupt(err)) {
            (0,report_findings/* reportFindings */.L)(ctx.log, [corruptFinding(config.registryTable, err)]);
            return state/* ExitCode */.yU.Failed;
        }
        io.stderr(`error: ${(0,display/* displayText */.WV)(String(err.name))}: ${(0,display/* displayText */.WV)(String(err.message), 2000)}\n`);
        return state/* ExitCode */.yU.Failed;
    }
}


/***/ })

};
