export const id = 130;
export const ids = [130];
export const modules = {

/***/ 9358:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  xL: () => (/* binding */ ConfigError),
  PP: () => (/* binding */ DEFAULT_EXPECTED_DURATION_MS),
  o4: () => (/* binding */ parseConfig)
});

// EXTERNAL MODULE: ./.tmp/js/domain/correlation-id.js
var correlation_id = __webpack_require__(8036);
// EXTERNAL MODULE: ./.tmp/js/domain/display.js
var display = __webpack_require__(2298);
// EXTERNAL MODULE: ./.tmp/js/domain/durations.js
var durations = __webpack_require__(1265);
// EXTERNAL MODULE: ./.tmp/js/domain/priority.js
var domain_priority = __webpack_require__(806);
// EXTERNAL MODULE: ./.tmp/js/domain/numbers.js
var numbers = __webpack_require__(6934);
// EXTERNAL MODULE: ./.tmp/js/config/inputs.js
var inputs = __webpack_require__(4161);
;// CONCATENATED MODULE: ./.tmp/js/config/fields.js




const BOOLEAN_TRUE = ['true', 'True', 'TRUE'];
const BOOLEAN_FALSE = ['false', 'False', 'FALSE'];
/** Splits a comma or newline separated list; empty items are dropped. */
const splitList = (value) => value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
/**
 * Reads inputs one at a time and collects every problem, each naming the input, the value and
 * what is accepted. A field that fails still answers (a placeholder), so parsing goes on and
 * every problem is reported at once.
 */
class Fields {
    read;
    problems = [];
    /** What is accepted but worth a warning (the step goes on). */
    warnings = [];
    constructor(read) {
        this.read = read;
    }
    /** The input as typed (trimmed), or its default when empty. */
    raw(name) {
        const v = this.read(name).trim();
        return v === '' ? inputs/* INPUT_DEFAULTS */.WJ[name] : v;
    }
    /** The input as typed (trimmed), without its default. */
    given(name) {
        return this.read(name).trim();
    }
    fail(name, value, accepted) {
        // Quoted, escaped, cut when long (display.ts): a value may hold anything.
        this.problems.push(`'${name}' is ${(0,display/* shown */.SP)(value)}: ${accepted}.`);
        return undefined;
    }
    /** Accepted, with a warning annotation (the step goes on). */
    warn(text) {
        this.warnings.push(text);
    }
    /** A problem that is not about one value. */
    problem(text) {
        this.problems.push(text);
    }
    /**
     * A number from `min` to `max` (0 too when `allowZero`), in `unit`; the message gives the range.
     */
    number(name, unit, min, max, allowZero) {
        const value = this.raw(name);
        const range = `${allowZero ? `0 (no wait), or a number from ${min}` : `a number from ${min}`} to ${max} ${unit} (decimals allowed, e.g. 0.5)`;
        return ((0,numbers/* readNumber */.k)(value, { min, max, zero: allowZero }) ??
            this.fail(name, value, `expected ${range}`));
    }
    /** A duration in minutes, as milliseconds. */
    minutes(name, range, allowZero = false) {
        return (0,durations/* minutes */.Gx)(this.number(name, 'minutes', range.min, range.max, allowZero) ?? 0);
    }
    /** A duration in seconds, as milliseconds. */
    seconds(name, range) {
        return (0,durations/* seconds */.YA)(this.number(name, 'seconds', range.min, range.max, false) ?? 0);
    }
    boolean(name) {
        const value = this.raw(name);
        if (BOOLEAN_TRUE.includes(value))
            return true;
        if (BOOLEAN_FALSE.includes(value))
            return false;
        this.fail(name, value, 'expected true or false');
        return false;
    }
    oneOf(name, allowed) {
        const value = this.raw(name);
        if (allowed.includes(value))
            return value;
        this.fail(name, value, `expected one of ${allowed.join(', ')}`);
        return allowed[0];
    }
    /** The input when it matches `pattern` (a problem otherwise); undefined when empty. */
    optional(name, pattern, accepted) {
        const value = this.raw(name) || undefined;
        if (value && !pattern.test(value))
            this.fail(name, value, accepted);
        return value;
    }
}

;// CONCATENATED MODULE: ./.tmp/js/config/slack.js

const SLACK_CHANNEL = /^(#?[a-z0-9][a-z0-9._-]{0,79}|[CGD][A-Z0-9]{8,})$/;
const SLACK_TOKEN = /^xox[abpe]-[A-Za-z0-9-]+$/;
const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;
/**
 * Why `apiUrl` is not where a bot token may be sent ('userinfo' for user information, which is
 * not to be echoed), or undefined: https, or plain http only to this machine (a local stand-in).
 */
function apiUrlProblem(apiUrl) {
    let url;
    try {
        url = new URL(apiUrl);
    }
    catch {
        return 'expected an https URL such as https://slack.com/api/';
    }
    if (url.username || url.password)
        return 'userinfo';
    if (url.protocol === 'https:')
        return undefined;
    if (url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname))
        return undefined;
    if (url.protocol === 'http:')
        return 'expected https (plain http only to a loopback host such as 127.0.0.1: the bot token travels with every call)';
    return 'expected an https URL such as https://slack.com/api/';
}
/** The Slack inputs: all or nothing (no token means no Slack); the token is never echoed. */
function parseSlack(fields) {
    const token = fields.raw(inputs/* Inputs */.G0.SlackToken);
    const channel = fields.raw(inputs/* Inputs */.G0.SlackChannel);
    const interactChannel = fields.raw(inputs/* Inputs */.G0.SlackInteractChannel) || channel;
    const apiUrl = fields.raw(inputs/* Inputs */.G0.SlackApiUrl);
    for (const [name, value] of [
        [inputs/* Inputs */.G0.SlackChannel, channel],
        [inputs/* Inputs */.G0.SlackInteractChannel, fields.raw(inputs/* Inputs */.G0.SlackInteractChannel)]
    ]) {
        if (value && !SLACK_CHANNEL.test(value))
            fields.fail(name, value, 'expected a channel name such as #deploys or a channel ID such as C0123456789');
    }
    const urlProblem = apiUrlProblem(apiUrl);
    // A URL with user information is not echoed: it may hold a password (so neither is any
    // value with an '@' that does not parse).
    if (urlProblem === 'userinfo' || (urlProblem && apiUrl.includes('@')))
        fields.problem(`'slack-api-url' carries a user name or password (the value is hidden): expected an https URL such as https://slack.com/api/, without user information.`);
    else if (urlProblem)
        fields.fail(inputs/* Inputs */.G0.SlackApiUrl, apiUrl, urlProblem);
    if (!token) {
        // An empty token is no Slack (a secret not set for this environment, a fork's run): never
        // a reason to stop a deployment.
        if (channel || fields.raw(inputs/* Inputs */.G0.SlackInteractChannel))
            fields.warn(`'slack-token' is empty while 'slack-channel' is set: no Slack messages for this deployment. Set the secret to post to Slack (it may be missing for this environment, or this is a fork's run).`);
        return undefined;
    }
    // The value is a secret: name the input, never echo the token.
    if (!SLACK_TOKEN.test(token)) {
        fields.problem(`'slack-token' does not look like a Slack token (the value is hidden): expected a bot token starting with xoxb-.`);
    }
    if (!channel)
        fields.problem(`'slack-channel' is required when 'slack-token' is set: a channel name such as #deploys or an ID.`);
    return { token, channel, interactChannel, apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` };
}

;// CONCATENATED MODULE: ./.tmp/js/config/config.js







/** Used when `expected-duration-minutes` is empty and there is no history. */
const DEFAULT_EXPECTED_DURATION_MS = (0,durations/* minutes */.Gx)(30);
class ConfigError extends Error {
    problems;
    constructor(problems) {
        super(problems.length === 1
            ? `Invalid input: ${problems[0]}`
            : `Invalid inputs:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
        this.problems = problems;
        this.name = 'ConfigError';
    }
}
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
const ENVIRONMENT = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const TABLE = /^[A-Za-z0-9_.-]{3,255}$/;
const RESOURCE_TYPE = /^[A-Za-z0-9]+(::[A-Za-z0-9]+){1,3}$/;
const OUTPUT_KEY = /^[A-Za-z0-9]{1,255}$/;
const LOG_GROUP = /^[\w\-/.#]{1,512}$/;
/** A reason people read: one line, no control characters. */
// eslint-disable-next-line no-control-regex
const REASON = /^[^\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]{1,500}$/;
/** A token: printable characters, no whitespace or control characters. */
const TOKEN = /^[\x21-\x7e]+$/;
/**
 * Parses every input at once and reports every problem at once, each naming the
 * input, the value and what is accepted. Touches nothing outside its arguments.
 * `stackNameOptional`: the CLI's commands that work on an environment (or every one)
 * without its stacks; without stack-name and environment, the environment is ''.
 */
function parseConfig(read, env, opts = {}) {
    const f = new Fields(read);
    // stack-name
    const stackNames = splitList(f.given(inputs/* Inputs */.G0.StackName));
    if (stackNames.length === 0 && !opts.stackNameOptional) {
        f.problem(`'stack-name' is required: one or more CloudFormation stack names, comma or newline separated.`);
    }
    for (const name of stackNames) {
        if (!STACK_NAME.test(name)) {
            f.fail(inputs/* Inputs */.G0.StackName, name, 'a stack name starts with a letter and has only letters, digits and hyphens, at most 128 characters');
        }
    }
    const duplicates = stackNames.filter((n, i) => stackNames.indexOf(n) !== i);
    if (duplicates.length > 0)
        f.fail(inputs/* Inputs */.G0.StackName, f.given(inputs/* Inputs */.G0.StackName), `lists ${duplicates.map((d) => (0,display/* displayText */.WV)(d)).join(', ')} more than once`);
    const environment = f.raw(inputs/* Inputs */.G0.Environment) || stackNames[0] || '';
    if (f.raw(inputs/* Inputs */.G0.Environment) && !ENVIRONMENT.test(environment)) {
        f.fail(inputs/* Inputs */.G0.Environment, environment, 'expected letters, digits, ".", "_", "/" or "-", starting with a letter or digit, at most 100 characters');
    }
    // The region, and where it came from: an error names that place (the input or the variable).
    const regionInput = f.raw(inputs/* Inputs */.G0.Region);
    const regionVariable = ['AWS_REGION', 'AWS_DEFAULT_REGION'].find((v) => env[v]?.trim());
    const region = regionInput || (regionVariable ? env[regionVariable].trim() : '');
    if (!region) {
        f.problem(`'region' is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is set: set the region input (e.g. us-east-1) or configure AWS credentials with a region.`);
    }
    else if (!REGION.test(region) && regionInput) {
        f.fail(inputs/* Inputs */.G0.Region, region, 'expected an AWS region such as us-east-1 or eu-central-2');
    }
    else if (!REGION.test(region)) {
        f.problem(`'region' is empty and the environment variable ${regionVariable} is ${(0,display/* shown */.SP)(region)}: expected an AWS region such as us-east-1 or eu-central-2 (set the region input, or fix ${regionVariable}).`);
    }
    const registryTable = f.optional(inputs/* Inputs */.G0.RegistryTable, TABLE, 'expected a DynamoDB table name: 3 to 255 letters, digits, "_", "-" or "."');
    const waitTimeoutMs = f.minutes(inputs/* Inputs */.G0.WaitTimeoutMinutes, inputs/* INPUT_RANGES */.ix['wait-timeout-minutes'], true);
    const pollIntervalMs = f.seconds(inputs/* Inputs */.G0.PollIntervalSeconds, inputs/* INPUT_RANGES */.ix['poll-interval-seconds']);
    const leaseMs = f.minutes(inputs/* Inputs */.G0.LeaseMinutes, inputs/* INPUT_RANGES */.ix['lease-minutes']);
    const skipSuperseded = f.boolean(inputs/* Inputs */.G0.SkipSuperseded);
    const onActiveFailure = f.oneOf(inputs/* Inputs */.G0.OnActiveFailure, [
        'proceed',
        'abort',
        'ask'
    ]);
    const warnings = f.oneOf(inputs/* Inputs */.G0.Warnings, ['proceed', 'fail', 'ask']);
    const askTimeoutMs = f.minutes(inputs/* Inputs */.G0.AskTimeoutMinutes, inputs/* INPUT_RANGES */.ix['ask-timeout-minutes']);
    const autoRollback = f.boolean(inputs/* Inputs */.G0.AutoRollback);
    const cleanup = f.oneOf(inputs/* Inputs */.G0.Cleanup, ['none', 'failed-create']);
    const monitor = f.boolean(inputs/* Inputs */.G0.Monitor);
    const monitorIntervalMs = f.seconds(inputs/* Inputs */.G0.MonitorIntervalSeconds, inputs/* INPUT_RANGES */.ix['monitor-interval-seconds']);
    const stallTimeoutMs = f.minutes(inputs/* Inputs */.G0.StallTimeoutMinutes, inputs/* INPUT_RANGES */.ix['stall-timeout-minutes']);
    const expectedDurationMs = f.raw(inputs/* Inputs */.G0.ExpectedDurationMinutes)
        ? f.minutes(inputs/* Inputs */.G0.ExpectedDurationMinutes, inputs/* INPUT_RANGES */.ix['expected-duration-minutes'])
        : undefined;
    const progressIntervalMs = f.minutes(inputs/* Inputs */.G0.ProgressIntervalMinutes, inputs/* INPUT_RANGES */.ix['progress-interval-minutes']);
    // Combinations that cannot work, named by both inputs (only once each input is valid itself).
    if (registryTable && pollIntervalMs > 0 && leaseMs > 0 && pollIntervalMs >= leaseMs)
        f.problem(`'poll-interval-seconds' (${pollIntervalMs / 1000} s) must be shorter than 'lease-minutes' (${leaseMs / 60_000} min = ${leaseMs / 1000} s): a waiter must look at the lock more often than a lease runs out.`);
    if (monitor && monitorIntervalMs > 0 && stallTimeoutMs > 0 && stallTimeoutMs <= monitorIntervalMs)
        f.problem(`'stall-timeout-minutes' (${stallTimeoutMs / 60_000} min = ${stallTimeoutMs / 1000} s) must be longer than 'monitor-interval-seconds' (${monitorIntervalMs / 1000} s): the monitor looks for new stack events once per interval.`);
    const criticalResourceTypes = splitList(f.raw(inputs/* Inputs */.G0.CriticalResourceTypes));
    for (const t of criticalResourceTypes) {
        if (!RESOURCE_TYPE.test(t))
            f.fail(inputs/* Inputs */.G0.CriticalResourceTypes, t, 'expected resource types such as AWS::RDS::DBInstance, comma or newline separated');
    }
    const urlOutput = f.optional(inputs/* Inputs */.G0.UrlOutput, OUTPUT_KEY, 'expected a stack Output key (letters and digits)');
    const logGroup = f.optional(inputs/* Inputs */.G0.LogGroup, LOG_GROUP, 'expected a CloudWatch Logs group name: 1 to 512 letters, digits and _ - / . #');
    const slack = parseSlack(f);
    // Slack meant (a channel named) but its token empty: nobody can be asked, so a question's
    // answer is the safe one (no), and the run goes on without Slack.
    const slackMissing = !slack &&
        f.given(inputs/* Inputs */.G0.SlackToken) === '' &&
        (f.raw(inputs/* Inputs */.G0.SlackChannel) !== '' || f.raw(inputs/* Inputs */.G0.SlackInteractChannel) !== '');
    let warningsPolicy = warnings;
    let activeFailure = onActiveFailure;
    for (const which of [inputs/* Inputs */.G0.Warnings, inputs/* Inputs */.G0.OnActiveFailure]) {
        const asks = which === inputs/* Inputs */.G0.Warnings ? warnings === 'ask' : onActiveFailure === 'ask';
        if (slack || !asks)
            continue;
        if (!slackMissing) {
            f.problem(`'${which}' is "ask" but Slack is not configured: asking needs slack-token and slack-channel (or slack-interact-channel).`);
            continue;
        }
        const instead = which === inputs/* Inputs */.G0.Warnings ? 'fail' : 'abort';
        f.warn(`'${which}' is "ask" but 'slack-token' is empty, so nobody can be asked: it acts as "${instead}" for this run.`);
        if (which === inputs/* Inputs */.G0.Warnings)
            warningsPolicy = 'fail';
        else
            activeFailure = 'abort';
    }
    const githubToken = f.given(inputs/* Inputs */.G0.GithubToken) || undefined;
    // The value is a secret: name the input, never echo the token.
    if (githubToken && !TOKEN.test(githubToken))
        f.problem(`'github-token' contains whitespace or control characters (the value is hidden): pass the token alone, such as \${{ github.token }}.`);
    const githubDeployment = f.boolean(inputs/* Inputs */.G0.GithubDeployment);
    const correlationId = f.optional(inputs/* Inputs */.G0.CorrelationId, correlation_id/* CORRELATION_ID_PATTERN */.Sy, 'expected 8 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit (or leave it empty to generate one)');
    const priority = f.oneOf(inputs/* Inputs */.G0.Priority, domain_priority/* PRIORITIES */.BE);
    const overrideFreeze = f.optional(inputs/* Inputs */.G0.OverrideFreeze, REASON, 'expected a reason of at most 500 characters on one line (such as "hotfix for INC-42"), or empty');
    if (f.problems.length > 0)
        throw new ConfigError(f.problems);
    return {
        stackNames,
        environment,
        region,
        registryTable,
        waitTimeoutMs,
        pollIntervalMs,
        leaseMs,
        skipSuperseded,
        onActiveFailure: activeFailure,
        warnings: warningsPolicy,
        askTimeoutMs,
        autoRollback,
        cleanup,
        monitor,
        monitorIntervalMs,
        stallTimeoutMs,
        expectedDurationMs,
        progressIntervalMs,
        criticalResourceTypes,
        urlOutput,
        logGroup,
        slack,
        inputWarnings: f.warnings,
        githubToken,
        githubDeployment,
        correlationId,
        priority,
        overrideFreeze
    };
}


/***/ }),

/***/ 4161:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G0: () => (/* binding */ Inputs),
/* harmony export */   WJ: () => (/* binding */ INPUT_DEFAULTS),
/* harmony export */   ix: () => (/* binding */ INPUT_RANGES),
/* harmony export */   pH: () => (/* binding */ SECRET_INPUTS)
/* harmony export */ });
/** The action's inputs, as users type them (CONTRACT.md). Reading any other name is a type error. */
const Inputs = {
    StackName: 'stack-name',
    Environment: 'environment',
    Region: 'region',
    RegistryTable: 'registry-table',
    WaitTimeoutMinutes: 'wait-timeout-minutes',
    PollIntervalSeconds: 'poll-interval-seconds',
    LeaseMinutes: 'lease-minutes',
    SkipSuperseded: 'skip-superseded',
    OnActiveFailure: 'on-active-failure',
    Warnings: 'warnings',
    AskTimeoutMinutes: 'ask-timeout-minutes',
    AutoRollback: 'auto-rollback',
    Cleanup: 'cleanup',
    Monitor: 'monitor',
    MonitorIntervalSeconds: 'monitor-interval-seconds',
    StallTimeoutMinutes: 'stall-timeout-minutes',
    ExpectedDurationMinutes: 'expected-duration-minutes',
    ProgressIntervalMinutes: 'progress-interval-minutes',
    CriticalResourceTypes: 'critical-resource-types',
    UrlOutput: 'url-output',
    LogGroup: 'log-group',
    SlackToken: 'slack-token',
    SlackChannel: 'slack-channel',
    SlackInteractChannel: 'slack-interact-channel',
    SlackApiUrl: 'slack-api-url',
    GithubToken: 'github-token',
    GithubDeployment: 'github-deployment',
    CorrelationId: 'correlation-id',
    Priority: 'priority',
    OverrideFreeze: 'override-freeze'
};
/**
 * Defaults the parser applies to an empty input. action.yml declares the same
 * values (a test keeps them equal); empty here means 'derived' (see CONTRACT.md).
 */
const INPUT_DEFAULTS = {
    'stack-name': '',
    environment: '',
    region: '',
    'registry-table': '',
    'wait-timeout-minutes': '30',
    'poll-interval-seconds': '5',
    'lease-minutes': '10',
    'skip-superseded': 'false',
    'on-active-failure': 'proceed',
    warnings: 'proceed',
    'ask-timeout-minutes': '15',
    'auto-rollback': 'true',
    cleanup: 'none',
    monitor: 'true',
    'monitor-interval-seconds': '30',
    'stall-timeout-minutes': '10',
    'expected-duration-minutes': '',
    'progress-interval-minutes': '10',
    'critical-resource-types': '',
    'url-output': '',
    'log-group': '',
    'slack-token': '',
    'slack-channel': '',
    'slack-interact-channel': '',
    'slack-api-url': 'https://slack.com/api/',
    'github-token': '',
    'github-deployment': 'false',
    'correlation-id': '',
    priority: 'normal',
    'override-freeze': ''
};
/** Inputs whose values are secrets: masked before anything else happens. */
const SECRET_INPUTS = ['slack-token', 'github-token'];
/**
 * The range of every numeric input, in its own unit (README's inputs table says the same; a test
 * keeps them equal). The lower bounds keep a shared table and Slack safe from a typo (0.0001 s)
 * while the tests can still run the real code in seconds.
 */
const INPUT_RANGES = {
    'wait-timeout-minutes': { min: 0.01, max: 4320 },
    'poll-interval-seconds': { min: 0.1, max: 3600 },
    'lease-minutes': { min: 0.05, max: 1440 },
    'ask-timeout-minutes': { min: 0.01, max: 1440 },
    'monitor-interval-seconds': { min: 0.1, max: 3600 },
    'stall-timeout-minutes': { min: 0.01, max: 1440 },
    'expected-duration-minutes': { min: 0.01, max: 4320 },
    'progress-interval-minutes': { min: 0.01, max: 1440 }
};


/***/ }),

/***/ 4172:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xg: () => (/* binding */ readConfig),
/* harmony export */   uv: () => (/* binding */ readCorrelationIdInput)
/* harmony export */ });
/* unused harmony exports readInput, maskSecrets */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var _config_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9358);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4161);
/* harmony import */ var _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1623);




/** The one place that reads the action's inputs. Secrets are masked before anything else. */
function readInput(name) {
    return _actions_core__WEBPACK_IMPORTED_MODULE_0__.getInput(name);
}
/**
 * Masks every secret input, and each of its lines on its own: the runner matches masks line by
 * line, so a value spread over lines (pasted with a newline) is hidden in every piece.
 */
function maskSecrets() {
    for (const name of _inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .SECRET_INPUTS */ .pH) {
        const value = readInput(name).trim();
        if (!value)
            continue;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.setSecret(value);
        for (const line of value.split(/\r?\n/))
            if (line.trim())
                _actions_core__WEBPACK_IMPORTED_MODULE_0__.setSecret(line.trim());
    }
}
function readConfig(env = _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__/* .processEnv */ .H) {
    maskSecrets();
    return (0,_config_js__WEBPACK_IMPORTED_MODULE_1__/* .parseConfig */ .o4)(readInput, env);
}
/** The correlation-id input alone, read before the rest so even config errors carry an ID. */
const readCorrelationIdInput = () => readInput(_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.CorrelationId).trim();


/***/ }),

/***/ 8036:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cv: () => (/* binding */ newCorrelationId),
/* harmony export */   Sy: () => (/* binding */ CORRELATION_ID_PATTERN),
/* harmony export */   qF: () => (/* binding */ isValidCorrelationId)
/* harmony export */ });
/* unused harmony export GENERATED_ID_PATTERN */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);

/** `YYYYMMDD-HHMMSS-<8 hex>`, UTC, the random part from a cryptographic source. */
function newCorrelationId(now = new Date(), random = node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes) {
    const iso = now.toISOString(); // 2026-11-22T18:28:25.123Z
    const date = iso.slice(0, 10).replaceAll('-', '');
    const time = iso.slice(11, 19).replaceAll(':', '');
    return `${date}-${time}-${random(4).toString('hex')}`;
}
const GENERATED_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{8}$/;
/** IDs users bring: they become tag values, registry keys and Slack text, so keep them plain. */
const CORRELATION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{7,63}$/;
const isValidCorrelationId = (id) => CORRELATION_ID_PATTERN.test(id);


/***/ }),

/***/ 6934:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ numberAccepted),
/* harmony export */   k: () => (/* binding */ readNumber)
/* harmony export */ });
const INTEGER = /^\d+$/;
const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;
/** The number `text` is under `rule`, or undefined when it is not one (or out of range). */
function readNumber(text, rule) {
    if (!(rule.integer ? INTEGER : DECIMAL).test(text))
        return undefined;
    const n = Number(text);
    if (!Number.isFinite(n) || (rule.integer && !Number.isSafeInteger(n)))
        return undefined;
    if (rule.zero && n === 0)
        return n;
    return n >= rule.min && n <= rule.max ? n : undefined;
}
/**
 * What `rule` accepts, for a refusal: `a whole number from 1 to 1000 in plain digits`, `a number of
 * seconds from 0.5 to 3600`.
 */
function numberAccepted(rule, unit) {
    const kind = `${rule.integer ? 'a whole number' : 'a number'}${unit ? ` of ${unit}` : ''}`;
    return `${rule.zero ? `0, or ${kind}` : kind} from ${rule.min} to ${rule.max}${rule.integer ? ' in plain digits' : ''}`;
}


/***/ }),

/***/ 1130:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   actionStage: () => (/* binding */ actionStage),
/* harmony export */   cancellationSignal: () => (/* binding */ cancellationSignal),
/* harmony export */   coreIO: () => (/* binding */ coreIO),
/* harmony export */   coreSink: () => (/* binding */ coreSink),
/* harmony export */   envValue: () => (/* reexport safe */ _env_js__WEBPACK_IMPORTED_MODULE_5__.$),
/* harmony export */   loadConfig: () => (/* binding */ loadConfig),
/* harmony export */   runStage: () => (/* binding */ runStage),
/* harmony export */   sayInputWarnings: () => (/* binding */ sayInputWarnings),
/* harmony export */   sleep: () => (/* reexport safe */ _clock_js__WEBPACK_IMPORTED_MODULE_8__.y),
/* harmony export */   stageCorrelationId: () => (/* binding */ stageCorrelationId),
/* harmony export */   systemClock: () => (/* reexport safe */ _clock_js__WEBPACK_IMPORTED_MODULE_8__.m)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var _domain_correlation_id_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8036);
/* harmony import */ var _config_config_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9358);
/* harmony import */ var _config_read_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4172);
/* harmony import */ var _report_logger_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(3748);
/* harmony import */ var _config_state_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4131);
/* harmony import */ var _env_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1623);
/* harmony import */ var _logs_deployment_log_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3892);
/* harmony import */ var _logs_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2519);
/* harmony import */ var _clock_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(9146);









/** The runner's log: workflow commands through @actions/core. */
const coreSink = _actions_core__WEBPACK_IMPORTED_MODULE_0__;
const coreIO = {
    setOutput: (name, value) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.setOutput(name, value),
    saveState: (name, value) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.saveState(name, value),
    getState: (name) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.getState(name),
    setExitCode: (code) => {
        process.exitCode = code;
    },
    appendSummary: async (markdown) => {
        if (!_env_js__WEBPACK_IMPORTED_MODULE_5__/* .processEnv */ .H['GITHUB_STEP_SUMMARY'])
            return;
        await _actions_core__WEBPACK_IMPORTED_MODULE_0__.summary.addRaw(markdown, true).write();
    }
};
// Time and the environment, from the light modules the detached monitor uses too.


/**
 * The deployment's correlation ID: the one pre saved, else the input, else a new
 * one (a stage that runs without pre, such as a sub-action, still has one).
 */
function stageCorrelationId(io) {
    const saved = io.getState(_config_state_js__WEBPACK_IMPORTED_MODULE_4__/* .State */ .Uw.CorrelationId);
    if (saved)
        return saved;
    const input = (0,_config_read_js__WEBPACK_IMPORTED_MODULE_3__/* .readCorrelationIdInput */ .uv)();
    return input && (0,_domain_correlation_id_js__WEBPACK_IMPORTED_MODULE_1__/* .isValidCorrelationId */ .qF)(input) ? input : (0,_domain_correlation_id_js__WEBPACK_IMPORTED_MODULE_1__/* .newCorrelationId */ .Cv)();
}
/** Aborts on the signals the runner sends on cancel: SIGINT, then SIGTERM. */
function cancellationSignal(onSignal) {
    const controller = new AbortController();
    for (const sig of ['SIGINT', 'SIGTERM']) {
        process.once(sig, () => {
            onSignal?.(sig);
            controller.abort(sig);
        });
    }
    return controller.signal;
}
/** Runs a stage: any unexpected error fails the step with a message that carries the correlation ID. */
async function runStage(correlationId, body) {
    try {
        await body();
    }
    catch (err) {
        const e = err;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.error(`[${correlationId}] ${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`, {
            title: 'Deployment Coordinator failed'
        });
        if (e?.stack)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__.debug(e.stack);
        process.exitCode = 1;
    }
}
/** Every stage validates the inputs (a sub-action may run without pre); bad input fails the step here. */
function loadConfig(log, io) {
    try {
        return (0,_config_read_js__WEBPACK_IMPORTED_MODULE_3__/* .readConfig */ .Xg)();
    }
    catch (err) {
        if (!(err instanceof _config_config_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigError */ .xL))
            throw err;
        log.error(err.message, { title: 'Invalid input' });
        io.setExitCode(1);
        return undefined;
    }
}
/**
 * What the inputs accepted with a warning, as warning annotations: once a job, in its first stage
 * (pre, or the main step when there is no pre, as in the split sub-actions).
 */
function sayInputWarnings(log, io, config) {
    if (io.getState(_config_state_js__WEBPACK_IMPORTED_MODULE_4__/* .State */ .Uw.PreRan) === 'true')
        return;
    for (const w of config.inputWarnings)
        log.warning(w, { title: 'Input warning' });
}
/**
 * A stage's prologue and epilogue: its correlation ID, its logger, its inputs checked (bad input
 * fails the step), its log sent to the deployment's stream (with log-group) until its end.
 */
async function actionStage(stage, body) {
    const io = coreIO;
    const correlationId = stageCorrelationId(io);
    const logs = new _logs_deployment_log_js__WEBPACK_IMPORTED_MODULE_6__/* .DeploymentLog */ .e(coreSink);
    const log = (0,_report_logger_js__WEBPACK_IMPORTED_MODULE_9__/* .createLogger */ .h)(correlationId, logs);
    await runStage(correlationId, async () => {
        const config = loadConfig(log, io);
        if (!config)
            return logs.off();
        await (0,_logs_js__WEBPACK_IMPORTED_MODULE_7__/* .startDeploymentLog */ .A_)(logs, config, stage, log, io).catch(() => logs.off());
        try {
            await body({ io, log, config, correlationId, logs });
        }
        finally {
            await logs.close();
        }
    });
}


/***/ })

};
