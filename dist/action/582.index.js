export const id = 582;
export const ids = [582];
export const modules = {

/***/ 6582:
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
/** The result: `data` as JSON with --json, else `text`. */
function emit(ctx, data, text) {
    ctx.out(ctx.json ? JSON.stringify(data, null, 2) : text);
}
/** Owner tokens stay in the table: they are identities, not something to print. */
const withoutOwner = (x) => {
    const { owner: _owner, ...rest } = x;
    return rest;
};

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./.tmp/js/domain/durations.js
var durations = __webpack_require__(1265);
// EXTERNAL MODULE: ./.tmp/js/domain/freeze.js
var freeze = __webpack_require__(9785);
;// CONCATENATED MODULE: ./.tmp/js/cli/freeze.js





// The commands of deploy freezes: freeze, thaw, and the list (freezes).
const NO_FREEZES = 'without a registry there are no freezes.';
const SCOPE = '--environment NAME | --all';
/** The environment a command names (`*` for --all), or why it names none. */
function scopeOf(ctx) {
    if (ctx.options['all'])
        return freeze/* ALL_ENVIRONMENTS */.Jp;
    return str(ctx, 'environment');
}
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
            const problem = (0,freeze/* reasonProblem */.Ge)(reason);
            if (problem)
                problems.push(`--reason ${(0,freeze/* shown */.SP)(reasonText)}: expected ${freeze/* REASON_ACCEPTED */.He}; that ${problem}.`);
        }
        const modes = [until, forText, cron].filter((m) => m !== undefined).length;
        if (modes !== 1)
            problems.push('freeze needs exactly one of --until TIME, --for DURATION or --cron EXPR.');
        if (from !== undefined && until === undefined)
            problems.push(`--from ${(0,freeze/* shown */.SP)(from)}: --from is the start of an --until freeze and needs --until TIME (--for starts now; --cron opens a window at each occurrence).`);
        if (durationText !== undefined && cron === undefined)
            problems.push(`--duration ${(0,freeze/* shown */.SP)(durationText)}: --duration is how long each --cron window lasts and needs --cron EXPR${forText !== undefined ? '; --for DURATION already says how long' : until !== undefined ? '; --until TIME already says when it ends' : ''}: drop --duration.`);
        if (zone !== undefined && forText !== undefined)
            problems.push(`--time-zone ${(0,freeze/* shown */.SP)(zone)}: --time-zone is the zone of --cron and of a wall time in --until or --from; --for counts from now: drop --time-zone.`);
        if (zone !== undefined && !(0,freeze/* isTimeZone */.kQ)(zone))
            problems.push(`--time-zone ${(0,freeze/* shown */.SP)(zone)} is not a time zone this runtime knows (IANA names such as Europe/Berlin).`);
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
        else if (until !== undefined && zone !== undefined && !(0,freeze/* isTimeZone */.kQ)(zone)) {
            // A zone already refused: the times in it cannot be read (said once, above).
        }
        else if (until !== undefined) {
            const end = (0,freeze/* parseInstant */.nV)(until, zone);
            const start = from === undefined ? now : (0,freeze/* parseInstant */.nV)(from, zone);
            if (end === undefined)
                problems.push(`--until ${(0,freeze/* shown */.SP)(until)}: ${TIME_ACCEPTED}.`);
            else if (end <= now)
                problems.push(`--until ${(0,freeze/* shown */.SP)(until)} is not in the future (it is ${new Date(end).toISOString()}).`);
            if (from !== undefined && start === undefined)
                problems.push(`--from ${(0,freeze/* shown */.SP)(from)}: ${TIME_ACCEPTED} (the forms of --until).`);
            else if (from !== undefined && start !== undefined && end !== undefined && start >= end)
                problems.push(`--from ${(0,freeze/* shown */.SP)(from)} is not before --until ${(0,freeze/* shown */.SP)(until)} (${new Date(start).toISOString()} is not before ${new Date(end).toISOString()}).`);
            if (start !== undefined && end !== undefined && end > now && start < end)
                f = { ...base, from: new Date(start).toISOString(), until: new Date(end).toISOString() };
        }
        else if (forText !== undefined) {
            const d = (0,freeze/* readDuration */.$7)(forText);
            if ('problem' in d)
                problems.push(`--for ${(0,freeze/* shown */.SP)(forText)}: expected ${freeze/* DURATIONS_ACCEPTED */["if"]}; that ${d.problem}.`);
            else
                f = { ...base, from: base.createdAt, until: new Date(now + d.ms).toISOString() };
        }
        else if (cron !== undefined) {
            const d = durationText === undefined ? undefined : (0,freeze/* readDuration */.$7)(durationText);
            // A zone already refused is not read again (luxon's message would say it twice).
            const problem = (0,freeze/* cronProblem */.K2)(cron, zone !== undefined && (0,freeze/* isTimeZone */.kQ)(zone) ? zone : 'UTC');
            if (problem)
                problems.push(`--cron ${(0,freeze/* shown */.SP)(cron)}: expected ${freeze/* CRON_ACCEPTED */.FF}; that ${problem}.`);
            if (d === undefined)
                problems.push('--cron needs --duration DURATION (how long each window lasts), such as 3h or 30m.');
            else if ('problem' in d)
                problems.push(`--duration ${(0,freeze/* shown */.SP)(durationText ?? '')}: expected ${freeze/* DURATIONS_ACCEPTED */["if"]}; that ${d.problem}.`);
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
            ? `every "${f.cron}" (${f.timeZone}) for ${(0,durations/* formatDuration */.a3)(f.durationMs ?? 0)}, until thawed${window ? `; ${window.start <= now ? 'now, until' : 'next from'} ${(0,freeze/* formatInZone */.FL)(window.start <= now ? window.end : window.start, f.timeZone)}` : ''}`
            : `${start > now ? `from ${(0,freeze/* formatInZone */.FL)(start, zone)} ` : ''}until ${(0,freeze/* formatInZone */.FL)(Date.parse(f.until), zone)}`;
        emit(ctx, f, `Froze ${where} ${when}: ${f.reason}\nFreeze ${f.id}; thaw it with: ${thawCommand(ctx, `--id ${f.id}`)}`);
        return state/* ExitCode */.yU.Ok;
    }
};
/** The thaw command line an operator can paste. */
const thawCommand = (ctx, what) => `deploy-coordinator thaw --registry-table ${ctx.config.registryTable} ${what}`;
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
        const kept = await freezes.list();
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
        const lines = thawed.map((f) => `Thawed ${(0,freeze/* describeFreeze */.LU)(f, now)}`);
        if (thawed.length === 0)
            lines.push(nothingToThaw(kept, id, scope, now));
        if (remaining.length > 0)
            lines.push(all
                ? `Not thawed by --all (freezes of one environment; thaw each with --id, or with --environment NAME):`
                : `${scope} is ${stillFrozen.length > 0 ? 'still frozen' : 'to be frozen'} by ${remaining.length === 1 ? 'a freeze' : 'freezes'} of all environments, not thawed by --environment:`, ...remaining.map((f) => `  ${(0,freeze/* windowAt */.MF)(f, now) ? 'now ' : 'later'} ${(0,freeze/* describeFreeze */.LU)(f, now)}\n        thaw it with: ${thawCommand(ctx, `--id ${f.id}`)}`), ...(all ? [] : [`  or every freeze of all environments with: ${thawCommand(ctx, '--all')}`]));
        emit(ctx, {
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
/** A recurring freeze whose cron breaks the rules (stored by hand, or before them): holds nothing. */
const invalidCron = (f) => f.cron !== undefined && (0,freeze/* cronRuleProblem */.s)(f.cron) !== undefined;
/** Why nothing was thawed: no such freeze, or it was thawed already, or it has ended. */
function nothingToThaw(kept, id, scope, now) {
    if (id === undefined)
        return `Nothing to thaw: no freeze set for ${scope === freeze/* ALL_ENVIRONMENTS */.Jp ? 'all environments' : scope} is in force or to come.`;
    const f = kept.find((k) => k.id === id);
    if (!f)
        return `Nothing to thaw: no freeze with id ${(0,freeze/* shown */.SP)(id)} is in the table.`;
    if (f.thawedAt)
        return `Nothing to thaw: freeze ${id} was thawed ${f.thawedAt} by ${f.thawedBy ?? 'unknown'}.`;
    return `Nothing to thaw: freeze ${id} has ended (${(0,freeze/* describeFreeze */.LU)(f, now)}).`;
}
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
        const kept = (await store.list()).filter((f) => !f.thawedAt && (!env || (0,freeze/* holds */.v9)(f, env)));
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
            ...invalid.map((f) => ({ ...f, active: false, invalid: true }))
        ], listed.length + invalid.length === 0
            ? `No freeze${env ? ` holds ${env}` : ''} now or later.`
            : [
                ...listed.map(({ freeze: f, window: w }) => `${w.start <= now ? 'now ' : 'later'} ${(0,freeze/* describeFreeze */.LU)(f, now)}`),
                ...invalid.map((f) => `bad   ${(0,freeze/* describeFreeze */.LU)(f, now)}\n      thaw it with: ${thawCommand(ctx, `--id ${f.id}`)}`)
            ].join('\n'));
        return state/* ExitCode */.yU.Ok;
    }
};

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

// EXTERNAL MODULE: ./.tmp/js/coordination/wait-for-turn.js + 5 modules
var wait_for_turn = __webpack_require__(2093);
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
// EXTERNAL MODULE: ./.tmp/js/domain/priority.js
var priority = __webpack_require__(806);
// EXTERNAL MODULE: ./.tmp/js/runtime/stage.js
var stage = __webpack_require__(1130);
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
    const list = await Promise.all(names.map(async (environment) => {
        const [view, freeze] = await Promise.all([
            stores.lock.view(environment),
            freezes?.lookup(environment)
        ]);
        const busy = Boolean(view.lock.holder) || view.tickets.length > 0;
        const history = busy ? await stores.history.recent(environment, OVERVIEW_HISTORY) : [];
        return environmentOverview(view, history, now(), freeze);
    }));
    return { at: new Date(now()).toISOString(), environments: list };
}

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
const runLink = (url) => url ?? 'no run link';
function environmentText(e, now) {
    const h = e.holder;
    const end = h ? Date.parse(h.expectedEnd) - now : 0;
    const lines = [
        `Environment ${e.environment}`,
        h
            ? `  Lock: held by ${h.correlationId} (${runLink(h.runUrl)}) since ${h.since}${lasting(h.since, now)}, fencing token ${h.fence}; expected end ${h.expectedEnd}${end >= 0 ? relative(h.expectedEnd, now) : ` (overdue by ${(0,durations/* formatDuration */.a3)(-end)})`}; estimate ${(0,durations/* formatDuration */.a3)(h.expectedMs)}, ${h.estimateBasis}`
            : `  Lock: free${e.last ? ` (last: ${e.last.correlationId}, ${e.last.outcome ?? 'no outcome'}, released ${e.last.at ?? '?'})` : ''}`,
        `  Queue: ${e.queue.length === 0
            ? 'empty'
            : e.queue
                .map((w) => `${w.position}. ${w.correlationId} (${runLink(w.runUrl)}, ticket #${w.ticket}${w.priority === 'high' ? ', priority high' : ''}${w.overridesFreeze ? ', override-freeze' : ''}) waiting since ${w.waitingSince}${lasting(w.waitingSince, now)}, expected start ${w.expectedStart}${relative(w.expectedStart, now)}`)
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
            ? `until ${f.until}${relative(f.until, now)}`
            : 'in force';
    return `${until}: ${f.reason}${f.by ? ` (by ${f.by}${f.ids?.length ? `; ${f.ids.join(', ')}` : ''})` : ''}`;
}
function overviewText(o, table) {
    const now = Date.parse(o.at);
    if (o.environments.length === 0)
        return `No environment in registry ${table} yet: one appears once a run queues in it.`;
    return [
        `Registry ${table}, ${o.environments.length} environment${o.environments.length === 1 ? '' : 's'}, at ${o.at}`,
        ...o.environments.flatMap((e) => ['', ...environmentText(e, now)])
    ].join('\n');
}

;// CONCATENATED MODULE: ./.tmp/js/cli/watch.js

// `--watch`: a command's result again every --interval seconds, until Ctrl-C.
const DEFAULT_WATCH_INTERVAL_S = 5;
/** Bounds of --interval: no faster than twice a second (each frame is a few registry reads). */
const WATCH_INTERVAL_RANGE = { min: 0.5, max: 3600 };
/** --interval in milliseconds, or why not (undefined with the message). */
function watchIntervalMs(given) {
    if (given === undefined)
        return DEFAULT_WATCH_INTERVAL_S * 1000;
    const n = /^(\d+(\.\d*)?|\.\d+)$/.test(given.trim()) ? Number(given) : NaN;
    const { min, max } = WATCH_INTERVAL_RANGE;
    if (!(n >= min && n <= max))
        return `--interval is ${JSON.stringify(given)}: expected a number of seconds from ${min} to ${max} (default ${DEFAULT_WATCH_INTERVAL_S}).`;
    return n * 1000;
}
const CLEAR_SCREEN = '\x1b[H\x1b[2J';
/**
 * Draws `frame` every `intervalMs` until `signal` aborts (Ctrl-C), one frame at a time: the next
 * sleep starts when a frame is drawn, so a slow registry never piles reads up. On a terminal each
 * frame replaces the last; elsewhere frames follow each other, and with --json each is one line
 * (JSON Lines). A frame that fails is said on stderr and tried again at the next interval.
 */
async function watch(ctx, frame, opts) {
    const every = `every ${opts.intervalMs / 1000} s; Ctrl-C to stop`;
    while (!opts.signal.aborted) {
        try {
            const f = await frame();
            if (ctx.json)
                ctx.out(JSON.stringify(f.data));
            else
                ctx.out(`${opts.terminal ? CLEAR_SCREEN : ''}${f.text}\n(${every})\n`);
        }
        catch (err) {
            ctx.err(`error: ${err.name}: ${err.message} (trying again, ${every})`);
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

;// CONCATENATED MODULE: ./.tmp/js/cli/readiness.js











// The commands that look and take nothing: status, can-deploy, wait.
/**
 * Whether a deployment could start now, and why not: the lock, the queue, the stacks, and the
 * deploy freezes in force (read as the action reads them; none without a registry).
 */
async function readiness(ctx) {
    const { config } = ctx;
    const { reader, registry } = await openClients(config);
    const [stacks, view, freezes] = await Promise.all([
        reader.describeStacks(config.stackNames),
        registry.lock.view(config.environment),
        registry.freezes.list()
    ]);
    const now = stage.systemClock.now();
    const findings = [
        ...(0,domain_findings/* activeDeploymentFindings */.mh)(stacks),
        ...(0,domain_findings/* otherFindings */.jE)(stacks, { registryConfigured: Boolean(config.registryTable) })
    ];
    const held = (0,freeze/* frozenAt */.qt)(freezes, config.environment, now);
    // The freeze in the shape `status --json` gives it (until, reason, by, ids).
    const frozen = held
        ? await freezeLookup(freezes, now).lookup(config.environment)
        : undefined;
    const reasons = [
        ...(held ? [(0,freeze/* describeFrozen */.Gb)(held, config.environment, now)] : []),
        ...(view.lock.holder ? [`lock held by ${(0,wait_for_turn/* describeHolder */.sG)(view.lock.holder)}`] : []),
        ...(view.tickets.length > 0 ? [`${view.tickets.length} run(s) queued`] : []),
        ...(0,domain_findings/* blocking */.ub)(findings).map((f) => `${f.code}: ${f.message}`)
    ];
    return { reader, registry, stacks, view, findings, reasons, frozen };
}
const readiness_status = {
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
                terminal: Boolean(process.stdout.isTTY)
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
        const [stacks, view, freezes] = await Promise.all([
            reader.describeStacks(config.stackNames),
            registry.lock.view(config.environment),
            registry.freezes.list()
        ]);
        const now = stage.systemClock.now();
        const freeze = await freezeLookup(freezes, now).lookup(config.environment);
        // In the order they are served: a higher priority first, arrival order within one; while
        // frozen, the runs that override the freeze before the frozen ones.
        const queue = servedOrder(view.tickets, freeze !== undefined).map((t) => ({
            ...withoutOwner(t),
            priority: (0,priority/* priorityOf */.a2)(t),
            ...(t.overridesFreeze ? { overridesFreeze: true } : {})
        }));
        const lines = [
            `Environment ${config.environment} (${config.registryTable ? `registry ${config.registryTable}` : 'CloudFormation only'})`,
            view.lock.holder
                ? `  Lock: held by ${(0,wait_for_turn/* describeHolder */.sG)(view.lock.holder)}, fencing token ${view.lock.fence}`
                : `  Lock: free${view.lock.lastHolder ? ` (last: ${view.lock.lastHolder}, ${view.lock.lastOutcome ?? 'no outcome'}, released ${view.lock.releasedAt ?? '?'})` : ''}`,
            `  Queue: ${queue.length === 0 ? 'empty' : queue.map((t, i) => `${i + 1}. #${t.seq} ${t.correlationId} (${t.run.runUrl ?? 'no run link'}${t.priority === 'high' ? ', priority high' : ''}${t.overridesFreeze ? ', override-freeze' : ''}) since ${t.enqueuedAt}`).join('\n         ')}`,
            ...(freeze ? [`  Freeze: ${freezeText(freeze, now)}`] : []),
            ...stacks.map((s) => `  Stack ${s.name}: ${s.status}  ${reader.consoleUrl(s)}`)
        ];
        return {
            data: {
                environment: config.environment,
                registry: registry.lock.kind,
                lock: view.lock.holder
                    ? { ...view.lock, holder: withoutOwner(view.lock.holder) }
                    : view.lock,
                queue,
                ...(freeze ? { freeze } : {}),
                stacks: stacks.map((s) => ({ name: s.name, status: s.status }))
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
        const freezes = freezeLookup(await registry.freezes.list(), stage.systemClock.now());
        const overview = await readOverview(registry, only, () => stage.systemClock.now(), freezes);
        return { data: overview, text: overviewText(overview, config.registryTable ?? '') };
    };
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
        const { reasons, findings, frozen } = await readiness(ctx);
        const blocked = (0,domain_findings/* blocking */.ub)(findings).some((f) => f.code !== 'STACK_IN_PROGRESS');
        emit(ctx, { canDeploy: reasons.length === 0, reasons, findings, ...(frozen ? { frozen } : {}) }, reasons.length === 0
            ? `${ctx.config.environment}: free to deploy.`
            : `${ctx.config.environment}: not now.\n  ${reasons.join('\n  ')}`);
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
            const { reasons, findings, frozen } = await readiness(ctx);
            const waited = stage.systemClock.now() - started;
            const stuck = (0,domain_findings/* blocking */.ub)(findings).filter((f) => f.code !== 'STACK_IN_PROGRESS');
            if (stuck.length > 0) {
                // Waiting cannot unblock these: someone has to act on the stack.
                emit(ctx, { canDeploy: false, waitedMs: waited, reasons, ...(frozen ? { frozen } : {}) }, `${config.environment}: blocked, waiting will not help.\n  ${reasons.join('\n  ')}`);
                return state/* ExitCode */.yU.Failed;
            }
            if (reasons.length === 0) {
                emit(ctx, { canDeploy: true, waitedMs: waited }, `${config.environment}: free after ${(0,durations/* formatDuration */.a3)(waited)}.`);
                return state/* ExitCode */.yU.Ok;
            }
            if (waited >= config.waitTimeoutMs) {
                // A freeze that outlasted the wait ends it as the action's does: frozen, exit 1.
                emit(ctx, { canDeploy: false, waitedMs: waited, reasons, ...(frozen ? { frozen } : {}) }, `${config.environment}: ${frozen ? 'still frozen' : 'still busy'} after ${(0,durations/* formatDuration */.a3)(waited)}.\n  ${reasons.join('\n  ')}`);
                return frozen ? state/* ExitCode */.yU.Failed : state/* ExitCode */.yU.Concurrent;
            }
            ctx.log.info(`Waiting: ${reasons.join('; ')}`);
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
    unlock: unlock,
    freeze: freeze_freeze,
    thaw: thaw,
    freezes: freezes
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


/***/ })

};
