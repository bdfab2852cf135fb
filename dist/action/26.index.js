export const id = 26;
export const ids = [26];
export const modules = {

/***/ 8677:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ Lease)
/* harmony export */ });
/* harmony import */ var _ports_registry_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4053);
/* harmony import */ var _backoff_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1715);
/* harmony import */ var _heartbeat_loop_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8922);



/**
 * One acquisition of the lock, from the instant it is taken (or taken back) to its release: the
 * only thing that heartbeats it, on a loop of its own (HeartbeatLoop), so no Slack,
 * CloudFormation or GitHub call the holder is waiting for can delay it. It never gives up while
 * it holds: registry trouble is retried, never a reason to stop. Every write is conditional on the owner
 * token and the fencing token: a lease that lost its lock can never extend or release another's.
 */
class Lease {
    deps;
    environment;
    key;
    leaseMs;
    heartbeatMs;
    events;
    loop;
    started = false;
    inFlight;
    lostLock = false;
    lastLanded;
    /**
     * `sinceMs`: when the write that took (or last extended) the lock was sent; a lease counts from
     * the sending of its latest write that landed, never from its answer, since the write may have
     * landed any time in between.
     */
    constructor(deps, environment, key, leaseMs, heartbeatMs, events = {}, sinceMs = deps.clock.now()) {
        this.deps = deps;
        this.environment = environment;
        this.key = key;
        this.leaseMs = leaseMs;
        this.heartbeatMs = heartbeatMs;
        this.events = events;
        this.lastLanded = sinceMs;
        this.loop = new _heartbeat_loop_js__WEBPACK_IMPORTED_MODULE_1__/* .HeartbeatLoop */ .V(deps.sleep, heartbeatMs, () => this.beat());
    }
    /**
     * Whether this holder may act as one now: the lock was not found lost, and its latest write
     * that landed was sent less than a lease ago, less one heartbeat interval of margin for what
     * it is about to do, so nobody can have taken it over meanwhile.
     */
    get current() {
        return (!this.lostLock && this.deps.clock.now() - this.lastLanded < this.leaseMs - this.heartbeatMs);
    }
    /**
     * Makes sure of the lease before acting as the holder (deploying, repairing): true at once when
     * it is current, else heartbeats until one lands (true), the lock is found lost (false), or
     * `budgetMs` passes without an answer (false: it may have run out; do not act on it).
     */
    async confirm(budgetMs) {
        const until = this.deps.clock.now() + budgetMs;
        for (let attempt = 0; !this.current; attempt++) {
            if (this.lostLock)
                return false;
            if ((await this.beat()) === true)
                return true;
            if (this.lostLock)
                return false;
            const left = until - this.deps.clock.now();
            if (left <= 0)
                return false;
            await this.deps.sleep(Math.min(left, (0,_backoff_js__WEBPACK_IMPORTED_MODULE_2__/* .backoffMs */ .j)(attempt, 200, this.heartbeatMs)));
        }
        return true;
    }
    /** The lock was found to be someone else's (or free): this holder must stop acting as one. */
    get lost() {
        return this.lostLock;
    }
    /** When the latest write that landed (a heartbeat, or the acquisition) was sent, on this holder's clock. */
    get lastLandedAt() {
        return this.lastLanded;
    }
    /** Heartbeats from now on: the first after `firstDelayMs` (default one interval), then every interval. */
    start(firstDelayMs = this.heartbeatMs) {
        if (this.started || this.lostLock)
            return this;
        this.started = true;
        this.loop.start(firstDelayMs);
        return this;
    }
    /**
     * One heartbeat now (or the one already in flight): true when it landed, false when the lock is
     * no longer this acquisition's, undefined when the registry did not answer.
     */
    beat() {
        if (this.lostLock)
            return Promise.resolve(false);
        const sentAt = this.deps.clock.now();
        this.inFlight ??= this.deps.lock
            // One heartbeat never outlives its interval: a hung call is given up and the next one sent.
            .heartbeatLock(this.environment, this.key, AbortSignal.timeout(this.heartbeatMs))
            .then((ok) => {
            if (ok)
                this.lastLanded = Math.max(this.lastLanded, sentAt);
            this.events.onBeat?.(ok);
            if (!ok)
                this.markLost();
            return ok;
        }, (err) => {
            // Whatever failed, the loop goes on: a holder never stops heartbeating on an error.
            this.events.onBeat?.(err instanceof _ports_registry_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryUnavailableError */ .i$
                ? err
                : new _ports_registry_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryUnavailableError */ .i$('lock heartbeat', err));
            return undefined;
        })
            .finally(() => {
            this.inFlight = undefined;
        });
        return this.inFlight;
    }
    /** No more heartbeats from this process (another process holds it now, or it is being released). */
    async stop() {
        await this.loop.stop();
        await this.inFlight;
    }
    /**
     * Stops heartbeating and releases, retrying registry trouble with backoff for up to `budgetMs`:
     * true released, false not this acquisition's any more, undefined the registry never answered
     * (the lock then expires after a lease).
     */
    async release(outcome, budgetMs) {
        await this.stop();
        if (this.lostLock)
            return false;
        const deadline = this.deps.clock.now() + budgetMs;
        for (let attempt = 0;; attempt++) {
            try {
                const released = await this.deps.lock.release(this.environment, this.key, outcome);
                if (!released)
                    this.markLost();
                return released;
            }
            catch (err) {
                if (!(err instanceof _ports_registry_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryUnavailableError */ .i$))
                    throw err;
                const left = deadline - this.deps.clock.now();
                if (left <= 0)
                    return undefined;
                await this.deps.sleep(Math.min(left, (0,_backoff_js__WEBPACK_IMPORTED_MODULE_2__/* .backoffMs */ .j)(attempt, 200, 5_000)));
            }
        }
    }
    markLost() {
        if (this.lostLock)
            return;
        this.lostLock = true;
        this.events.onLost?.();
    }
}


/***/ }),

/***/ 6347:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L3: () => (/* binding */ contextBlock),
/* harmony export */   O9: () => (/* binding */ finish),
/* harmony export */   ZZ: () => (/* binding */ field),
/* harmony export */   tX: () => (/* binding */ fieldSections),
/* harmony export */   uW: () => (/* binding */ section),
/* harmony export */   wx: () => (/* binding */ header)
/* harmony export */ });
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4030);

/** The fallback text ends with the correlation ID; the blocks with the footer (which has it too). */
function finish(info, summary, blocks) {
    const suffix = ` [${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(info.correlationId)}]`;
    const text = (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(summary, _escape_js__WEBPACK_IMPORTED_MODULE_0__/* .FALLBACK_TEXT_MAX */ .KN - suffix.length) + suffix;
    const footer = footerBlock(info);
    const body = blocks.length > _escape_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_BLOCKS */ .I7 - 1 ? capped(blocks) : blocks;
    return { text, blocks: [...body, footer] };
}
/** Keeps room for the footer and says how much was left out. */
function capped(blocks) {
    const keep = blocks.slice(0, _escape_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_BLOCKS */ .I7 - 2);
    return [...keep, contextBlock([`${blocks.length - keep.length} more blocks not shown`])];
}
function footerBlock(info) {
    const run = info.run;
    const runName = [run.workflow, run.job].filter(Boolean).join(' / ') || 'workflow run';
    return contextBlock([
        `Correlation ID ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(info.correlationId)}`,
        run.runUrl ? (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .link */ .nf)(run.runUrl, runName) : (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(runName),
        run.actor ? `by ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(run.actor)}` : ''
    ]);
}
/** One item of a section's `fields`: a bold label over its value. */
function field(label, value) {
    return `*${label}*\n${value}`;
}
function header(text) {
    // plain_text: no mrkdwn, so rather than guess how entities render there,
    // the control characters are dropped from the (config-validated) text.
    const plain = text.replace(/[<>&]/g, '').replace(/\s+/g, ' ').trim();
    return {
        type: 'header',
        text: { type: 'plain_text', text: (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(plain || '-', _escape_js__WEBPACK_IMPORTED_MODULE_0__/* .HEADER_TEXT_MAX */ .FV), emoji: true }
    };
}
function section(text) {
    return { type: 'section', text: { type: 'mrkdwn', text: (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(text, _escape_js__WEBPACK_IMPORTED_MODULE_0__/* .SECTION_TEXT_MAX */ .$G) } };
}
/** Sections of at most ten fields each; empty fields are left out. */
function fieldSections(fields) {
    const items = fields.filter((f) => f !== '').map((f) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(f, _escape_js__WEBPACK_IMPORTED_MODULE_0__/* .FIELD_TEXT_MAX */ .aV));
    const out = [];
    for (let i = 0; i < items.length; i += _escape_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_FIELDS */ .Dq) {
        out.push({
            type: 'section',
            fields: items.slice(i, i + _escape_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_FIELDS */ .Dq).map((text) => ({ type: 'mrkdwn', text }))
        });
    }
    return out;
}
/** Empty elements are left out (Slack rejects a context block without any). */
function contextBlock(elements) {
    const items = elements.filter((e) => e !== '').slice(0, _escape_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_CONTEXT_ELEMENTS */ .ZR);
    return {
        type: 'context',
        elements: (items.length > 0 ? items : [' ']).map((text) => ({
            type: 'mrkdwn',
            text: (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(text, _escape_js__WEBPACK_IMPORTED_MODULE_0__/* .CONTEXT_TEXT_MAX */ .hT)
        }))
    };
}


/***/ }),

/***/ 4030:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $G: () => (/* binding */ SECTION_TEXT_MAX),
/* harmony export */   Dq: () => (/* binding */ MAX_FIELDS),
/* harmony export */   FV: () => (/* binding */ HEADER_TEXT_MAX),
/* harmony export */   I7: () => (/* binding */ MAX_BLOCKS),
/* harmony export */   KN: () => (/* binding */ FALLBACK_TEXT_MAX),
/* harmony export */   X1: () => (/* binding */ escapeText),
/* harmony export */   ZR: () => (/* binding */ MAX_CONTEXT_ELEMENTS),
/* harmony export */   aV: () => (/* binding */ FIELD_TEXT_MAX),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   hT: () => (/* binding */ CONTEXT_TEXT_MAX),
/* harmony export */   nf: () => (/* binding */ link),
/* harmony export */   xv: () => (/* binding */ truncate)
/* harmony export */ });
/**
 * Making outside text (commit messages, refs, actor names, CloudFormation
 * event reasons, stack outputs) safe to put in a Slack message, and keeping
 * every piece within Slack's limits.
 *
 * Slack's mrkdwn has exactly three control characters: `&`, `<` and `>`.
 * Everything that pings or links (`<!channel>`, `<!here>`, `<@U123>`,
 * `<#C123>`, `<!subteam^S1>`, `<http://x|y>`, `<!date^…>`) needs a `<`, so
 * escaping those three characters makes outside text inert.
 *
 * Plain `@channel`, `@here` and `@everyone` (without `<!…>`) do not ping when a
 * message is posted through the API, as long as the poster leaves `parse` and
 * `link_names` unset (neither `parse: 'full'` nor `link_names: true`): only
 * then would Slack turn plain names into mentions. They are therefore left as
 * they are here; the sender must keep those options off.
 *
 * Formatting characters (`*`, `_`, `~`, backticks) in outside text would
 * restyle the message (a commit message `*urgent*` in bold, a backtick opening
 * a code span that swallows the rest). mrkdwn has no escape for them, so where
 * one could open or close a style (next to a space, punctuation or the end of
 * the text) it gets a zero-width space on each side, which Slack does not
 * count as a word boundary; inside a word (`UPDATE_IN_PROGRESS`, `snake_case`)
 * it cannot style anything and is left as it is, so identifiers still copy.
 */
/** Section `text` (mrkdwn), per Slack's section block reference. */
const SECTION_TEXT_MAX = 3000;
/** Header block `text` (plain_text). */
const HEADER_TEXT_MAX = 150;
/** Each item of a section's `fields`. */
const FIELD_TEXT_MAX = 2000;
/** Items in a section's `fields`. */
const MAX_FIELDS = 10;
/**
 * Text elements of a context block. Slack documents no limit of its own for
 * them beyond a text object's 3000 characters; 2000 keeps a safe margin.
 */
const CONTEXT_TEXT_MAX = 2000;
/** Elements in a context block. */
const MAX_CONTEXT_ELEMENTS = 10;
/**
 * The top-level `text` (notification and fallback). Slack truncates it at
 * 40 000 characters and recommends staying under 4000; ours is a summary.
 */
const FALLBACK_TEXT_MAX = 4000;
/** Blocks in one message. */
const MAX_BLOCKS = 50;
const ELLIPSIS = '…';
const ZERO_WIDTH_SPACE = '\u200B';
/** A formatting character next to a non-word character or an end of the text. */
const STYLE_MARKER = /(?<=^|[^\p{L}\p{N}])[*_~`]|[*_~`](?=[^\p{L}\p{N}]|$)/gu;
/** Escapes mrkdwn's three control characters: no mention or link. */
const escapeEntities = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Makes outside text inert in mrkdwn: no mention, link or style (see the module comment). */
function escapeText(s) {
    return escapeEntities(s).replace(STYLE_MARKER, (m) => `${ZERO_WIDTH_SPACE}${m}${ZERO_WIDTH_SPACE}`);
}
/**
 * A link to an http(s) URL with an escaped label; for any other URL (or one
 * that does not parse) the escaped label alone, so `javascript:` and friends
 * never become clickable. In the URL, characters that would end or split the
 * `<url|label>` syntax (`|`, `<`, `>`, whitespace) are percent-encoded and `&`
 * is escaped as Slack requires.
 */
function link(url, label) {
    const text = escapeText(label);
    const safe = url === undefined ? undefined : safeUrl(url.trim());
    if (!safe)
        return text || escapeText(url ?? '');
    return `<${safe}|${text || safe}>`;
}
function safeUrl(url) {
    if (!/^https?:\/\//i.test(url))
        return undefined;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(url))
        return undefined;
    try {
        const parsed = new URL(url);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
            return undefined;
        if (!parsed.hostname)
            return undefined;
    }
    catch {
        return undefined;
    }
    return url
        .replace(/\|/g, '%7C')
        .replace(/</g, '%3C')
        .replace(/>/g, '%3E')
        .replace(/\s/g, '%20')
        .replace(/&/g, '&amp;');
}
/**
 * Cuts `s` to at most `max` characters (UTF-16 code units, which never
 * undercounts Slack's characters), ending with `…` when it had to cut. The
 * cut never splits a surrogate pair, an `&amp;`-style entity or a
 * `<…>` link/date of our own, so a truncated text stays valid mrkdwn.
 */
function truncate(s, max) {
    if (s.length <= max)
        return s;
    if (max <= 0)
        return '';
    if (max === 1)
        return ELLIPSIS;
    let cut = s.slice(0, max - ELLIPSIS.length);
    if (/[\uD800-\uDBFF]$/.test(cut))
        cut = cut.slice(0, -1);
    cut = cut.replace(/&[A-Za-z0-9#]{0,6}$/, '');
    const open = cut.lastIndexOf('<');
    if (open > cut.lastIndexOf('>'))
        cut = cut.slice(0, open);
    return cut + ELLIPSIS;
}
/**
 * Inline code for an identifier (stack name, correlation ID, status):
 * backticks are stripped from the value (they would end the code span),
 * line breaks become spaces, and `&`, `<`, `>` are escaped. Empty for an empty value.
 */
function code(s) {
    const value = s
        .replace(/`/g, '')
        .replace(/[\r\n]+/g, ' ')
        .trim();
    // Inside a code span nothing styles: the value keeps its characters (so it copies as it is).
    return value ? `\`${escapeEntities(value)}\`` : '';
}


/***/ }),

/***/ 2930:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DR: () => (/* binding */ consoleSection),
/* harmony export */   HP: () => (/* binding */ latestLines),
/* harmony export */   SY: () => (/* binding */ durationAgainst),
/* harmony export */   Tk: () => (/* binding */ remaining),
/* harmony export */   V8: () => (/* binding */ eventLine),
/* harmony export */   Vd: () => (/* binding */ commitSection),
/* harmony export */   YL: () => (/* binding */ estimateText),
/* harmony export */   dL: () => (/* binding */ deploymentFields),
/* harmony export */   ef: () => (/* binding */ eventFields),
/* harmony export */   f$: () => (/* binding */ timeLeft),
/* harmony export */   oD: () => (/* binding */ REASON_MAX),
/* harmony export */   uV: () => (/* binding */ reasonText),
/* harmony export */   uc: () => (/* binding */ linkFields),
/* harmony export */   vE: () => (/* binding */ slackDate),
/* harmony export */   xD: () => (/* binding */ stackList)
/* harmony export */ });
/* harmony import */ var _domain_durations_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1265);
/* harmony import */ var _domain_stack_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3456);
/* harmony import */ var _blocks_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6347);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4030);
/**
 * The text pieces shared by the messages: dates, durations, estimates, event
 * lines, and the deployment's own fields and sections. Outside text is escaped
 * here.
 */




/** One event line, before the section's own limit applies. */
const EVENT_LINE_MAX = 200;
/** A stack event reason in an alert. */
const REASON_MAX = 1500;
function deploymentFields(info) {
    const run = info.run;
    return [
        (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .field */ .ZZ)('Environment', (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(info.environment)),
        (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .field */ .ZZ)('Stacks', stackList(info.stacks)),
        run.ref ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .field */ .ZZ)('Ref', (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(shortRef(run.ref))) : '',
        run.sha ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .field */ .ZZ)('Commit', commitLink(run)) : '',
        run.actor ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .field */ .ZZ)('Actor', (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(run.actor)) : '',
        run.runUrl ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .field */ .ZZ)('Run', (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)(run.runUrl, 'workflow run')) : ''
    ];
}
/** Where a person goes from a final notice: the workflow run, and the thread by its permalink. */
function linkFields(info, threadUrl) {
    return [
        info.run.runUrl ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .field */ .ZZ)('Run', (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)(info.run.runUrl, 'workflow run')) : '',
        threadUrl ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .field */ .ZZ)('Thread', (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)(threadUrl, 'this deployment in Slack')) : ''
    ];
}
/** The commit message's subject line, when there is one. */
function commitSection(info) {
    const subject = info.commitMessage?.split(/\r?\n/).find((l) => l.trim() !== '');
    return subject ? [(0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .section */ .uW)(`*Commit message*\n${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .truncate */ .xv)((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(subject.trim()), 300)}`)] : [];
}
function consoleSection(info) {
    return info.consoleUrl
        ? [(0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .section */ .uW)(`:mag: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)(info.consoleUrl, 'Stack events in the AWS console')}`)]
        : [];
}
function eventFields(e) {
    return [
        (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .field */ .ZZ)('Logical ID', (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_domain_stack_js__WEBPACK_IMPORTED_MODULE_2__/* .eventName */ .eq)(e))),
        (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .field */ .ZZ)('Type', (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(e.resourceType)),
        (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .field */ .ZZ)('Status', (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(e.status)),
        (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .field */ .ZZ)('Stack', (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(e.stackName)),
        (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .field */ .ZZ)('Time', slackDate(e.timestamp))
    ];
}
function reasonText(e) {
    return e.reason ? (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .truncate */ .xv)((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(e.reason), REASON_MAX) : '_no reason given_';
}
/** `name`: the resource as a person should find it (a nested one by its path). */
function eventLine(e, max = EVENT_LINE_MAX, name = (0,_domain_stack_js__WEBPACK_IMPORTED_MODULE_2__/* .eventName */ .eq)(e)) {
    const time = e.timestamp.toISOString().slice(11, 19);
    const reason = e.reason ? ` — ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .truncate */ .xv)((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(e.reason), max)}` : '';
    return `\`${time}\` ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(name)} (${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(e.resourceType)}) *${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(e.status)}*${reason}`;
}
/** The last lines (the newest events) that fit in `budget` characters, one per line. */
function latestLines(lines, budget) {
    const out = [];
    let used = 0;
    for (let i = lines.length - 1; i >= 0; i--) {
        const line = lines[i] ?? '';
        if (out.length > 0 && used + line.length + 1 > budget)
            break;
        out.unshift(line);
        used += line.length + 1;
    }
    return out;
}
function stackList(stacks) {
    return stacks.length > 0 ? stacks.map(_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY).join(', ') : '_none_';
}
function shortRef(ref) {
    return ref.replace(/^refs\/(heads|tags)\//, '');
}
function commitLink(run) {
    const sha = run.sha ?? '';
    const short = sha.slice(0, 7);
    const base = run.runUrl?.match(/^(https?:\/\/.+?)\/actions\/runs\//)?.[1];
    return base && /^[0-9a-f]{7,40}$/i.test(sha) ? (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)(`${base}/commit/${sha}`, short) : (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(short);
}
function estimateText(e) {
    const range = e.lowMs !== undefined && e.highMs !== undefined && e.highMs > e.lowMs
        ? `, usually ${(0,_domain_durations_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(e.lowMs)} to ${(0,_domain_durations_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(e.highMs)}`
        : '';
    return `about ${(0,_domain_durations_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(e.expectedMs)} (${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(e.basis)}${range})`;
}
/** For a field labelled as remaining time: `about 4m 00s` or `overdue by 1m 00s`. */
function timeLeft(ms) {
    return ms > 0 ? `about ${(0,_domain_durations_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(ms)}` : `overdue by ${(0,_domain_durations_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(-ms)}`;
}
function remaining(ms) {
    return ms > 0 ? `about ${(0,_domain_durations_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(ms)} remaining` : `overdue by ${(0,_domain_durations_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(-ms)}`;
}
function durationAgainst(durationMs, expectedMs) {
    if (expectedMs === undefined || expectedMs <= 0)
        return (0,_domain_durations_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(durationMs);
    return `${(0,_domain_durations_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(durationMs)} (expected ${(0,_domain_durations_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(expectedMs)})`;
}
/** Slack shows the date in the reader's time zone; the fallback is UTC. */
function slackDate(d) {
    const iso = d.toISOString();
    const utc = `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
    return `<!date^${Math.floor(d.getTime() / 1000)}^{date_short_pretty} {time_secs}|${utc}>`;
}


/***/ }),

/***/ 8255:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PZ: () => (/* binding */ untilPlain),
/* harmony export */   hQ: () => (/* binding */ freezeOverrideMessage),
/* harmony export */   rA: () => (/* binding */ freezeFields),
/* harmony export */   rz: () => (/* binding */ frozenLead)
/* harmony export */ });
/* unused harmony export untilText */
/* harmony import */ var _domain_freeze_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9785);
/* harmony import */ var _blocks_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6347);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4030);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2930);
/**
 * Deploy freezes in Slack: what a held run's 'queued' notice says, and the announcement of a run
 * that broke the glass (`override-freeze`), a thread reply broadcast to the channel.
 */




/** 'until <date>', or 'until thawed' when no end is in sight. */
const untilText = (f) => f.openEnded ? 'until thawed' : `until ${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .slackDate */ .vE)(f.until)}`;
/** The same for plain text (notification summaries). */
const untilPlain = (f) => (0,_domain_freeze_js__WEBPACK_IMPORTED_MODULE_0__/* .untilIso */ .Ci)({ until: f.until.getTime(), openEnded: f.openEnded });
const why = (f) => f.reasons.map((r) => `"${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(r)}"`).join(', ');
/** The lead of a held run's 'queued' notice. */
function frozenLead(environment, f, position) {
    return `:snowflake: Deployments to *${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(environment)}* are *frozen* ${untilText(f)}: ${why(f)}. This one keeps its place in the queue${position > 0 ? ` (number ${position})` : ''} and waits.`;
}
function freezeFields(f) {
    return [(0,_blocks_js__WEBPACK_IMPORTED_MODULE_3__/* .field */ .ZZ)('Frozen until', f.openEnded ? 'thawed' : (0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .slackDate */ .vE)(f.until)), (0,_blocks_js__WEBPACK_IMPORTED_MODULE_3__/* .field */ .ZZ)('Why', why(f))];
}
/** A run went through a freeze with `override-freeze`: in its thread and in the channel. */
function freezeOverrideMessage(info, o) {
    const env = (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(info.environment);
    return (0,_blocks_js__WEBPACK_IMPORTED_MODULE_3__/* .finish */ .O9)(info, `:rotating_light: Freeze overridden: ${env}: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(o.override)}`, [
        (0,_blocks_js__WEBPACK_IMPORTED_MODULE_3__/* .header */ .wx)(`:rotating_light: Freeze overridden: ${info.environment}`),
        (0,_blocks_js__WEBPACK_IMPORTED_MODULE_3__/* .section */ .uW)(`This deployment goes through the freeze of *${env}* (${untilText(o)}: ${why(o)}) with \`override-freeze\`: *${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(o.override)}*.`),
        ...(0,_blocks_js__WEBPACK_IMPORTED_MODULE_3__/* .fieldSections */ .tX)([
            (0,_blocks_js__WEBPACK_IMPORTED_MODULE_3__/* .field */ .ZZ)('Override', (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(o.override)),
            ...freezeFields(o),
            ...(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .deploymentFields */ .dL)(info)
        ])
    ]);
}


/***/ }),

/***/ 3156:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i2: () => (/* reexport */ failureAlertMessage),
  r2: () => (/* reexport */ foreignOperationMessage),
  hQ: () => (/* reexport */ freeze_messages/* freezeOverrideMessage */.hQ),
  bE: () => (/* reexport */ lockLostMessage),
  aF: () => (/* reexport */ monitorEndedMessage),
  y8: () => (/* reexport */ monitoringGapMessage),
  Au: () => (/* reexport */ start_messages/* notDeployingMessage */.Au),
  uB: () => (/* reexport */ overdueMessage),
  LF: () => (/* reexport */ progressMessage),
  OU: () => (/* reexport */ questionMessage),
  PO: () => (/* reexport */ start_messages/* queuedMessage */.PO),
  Yf: () => (/* reexport */ stallMessage),
  kP: () => (/* reexport */ stallResolvedMessage),
  VS: () => (/* reexport */ start_messages/* startedMessage */.VS)
});

// UNUSED EXPORTS: MAX_EVENTS_SHOWN, MAX_STACKS_SHOWN, MAX_TROUBLESHOOTING_SHOWN, failedMessage, succeededMessage

// EXTERNAL MODULE: ./.tmp/js/notify/start-messages.js
var start_messages = __webpack_require__(2422);
// EXTERNAL MODULE: ./.tmp/js/domain/durations.js
var durations = __webpack_require__(1265);
// EXTERNAL MODULE: ./.tmp/js/domain/stack.js
var stack = __webpack_require__(3456);
// EXTERNAL MODULE: ./.tmp/js/notify/blocks.js
var notify_blocks = __webpack_require__(6347);
// EXTERNAL MODULE: ./.tmp/js/notify/escape.js
var notify_escape = __webpack_require__(4030);
// EXTERNAL MODULE: ./.tmp/js/notify/format.js
var format = __webpack_require__(2930);
;// CONCATENATED MODULE: ./.tmp/js/notify/alert-messages.js
/**
 * Replies in the thread while the deployment runs: progress, stall (and its
 * end), overdue, a failed resource, someone else's stack operation, a
 * monitoring gap, a lost lock.
 */





/** Events listed in a progress reply (the latest ones). */
const MAX_EVENTS_SHOWN = 10;
/** Stacks listed by name and status in a progress reply. */
const MAX_STACKS_SHOWN = 20;
function progressMessage(info, p) {
    const counts = `${p.done} done, ${p.inProgress} in progress, ${p.failed} failed`;
    const left = p.remainingMs !== undefined ? (0,format/* remaining */.Tk)(p.remainingMs) : 'unknown';
    const stacks = Object.entries(p.stackStatus);
    const stackLines = stacks
        .slice(0, MAX_STACKS_SHOWN)
        .map(([name, status]) => `• ${(0,notify_escape/* code */.aY)(name)} ${(0,notify_escape/* escapeText */.X1)(status)}`);
    if (stacks.length > MAX_STACKS_SHOWN)
        stackLines.push(`… and ${stacks.length - MAX_STACKS_SHOWN} more stacks`);
    const title = '*Latest events*';
    const events = (0,format/* latestLines */.HP)(p.latestEvents.slice(-MAX_EVENTS_SHOWN).map((e) => (0,format/* eventLine */.V8)(e)), notify_escape/* SECTION_TEXT_MAX */.$G - title.length);
    const omitted = p.latestEvents.length - events.length;
    const blocks = [
        (0,notify_blocks/* header */.wx)(':hourglass_flowing_sand: Deployment in progress'),
        ...(0,notify_blocks/* fieldSections */.tX)([
            (0,notify_blocks/* field */.ZZ)('Elapsed', (0,durations/* formatDuration */.a3)(p.elapsedMs)),
            (0,notify_blocks/* field */.ZZ)('Remaining', p.remainingMs !== undefined ? (0,format/* timeLeft */.f$)(p.remainingMs) : 'unknown'),
            (0,notify_blocks/* field */.ZZ)('Resources', counts),
            (0,notify_blocks/* field */.ZZ)('Estimate', (0,format/* estimateText */.YL)(info.estimate))
        ])
    ];
    if (stackLines.length > 0)
        blocks.push((0,notify_blocks/* section */.uW)(`*Stacks*\n${stackLines.join('\n')}`));
    if (events.length > 0) {
        blocks.push((0,notify_blocks/* section */.uW)(`${title}\n${events.join('\n')}`));
        if (omitted > 0)
            blocks.push((0,notify_blocks/* contextBlock */.L3)([`${omitted} earlier events not shown`]));
    }
    return (0,notify_blocks/* finish */.O9)(info, `:hourglass_flowing_sand: ${(0,notify_escape/* escapeText */.X1)(info.environment)}: ${counts}; ${(0,durations/* formatDuration */.a3)(p.elapsedMs)} elapsed, ${left}`, blocks);
}
function stallMessage(info, s) {
    const silent = (0,durations/* formatDuration */.a3)(s.silentForMs);
    const blocks = [
        (0,notify_blocks/* header */.wx)(`:warning: No stack events for ${silent}`),
        (0,notify_blocks/* section */.uW)(`CloudFormation has reported nothing for *${silent}*. Some resources (CloudFront distributions, RDS instances, custom resources) are quiet for a long time; if the silence goes on, check the stack in the console.`)
    ];
    if (s.lastEvent)
        blocks.push((0,notify_blocks/* section */.uW)(`*Last event*\n${(0,format/* eventLine */.V8)(s.lastEvent)}`));
    blocks.push(...(0,format/* consoleSection */.DR)(info));
    return (0,notify_blocks/* finish */.O9)(info, `:warning: ${(0,notify_escape/* escapeText */.X1)(info.environment)}: no stack events for ${silent}`, blocks);
}
function stallResolvedMessage(info, s) {
    const silent = (0,durations/* formatDuration */.a3)(s.silentForMs);
    return (0,notify_blocks/* finish */.O9)(info, `:arrow_forward: ${(0,notify_escape/* escapeText */.X1)(info.environment)}: stack events resumed after ${silent} of silence`, [
        (0,notify_blocks/* header */.wx)(':arrow_forward: Stack events resumed'),
        (0,notify_blocks/* section */.uW)(`Events are arriving again after *${silent}* of silence.`)
    ]);
}
function overdueMessage(info, o) {
    const over = (0,durations/* formatDuration */.a3)(o.elapsedMs - o.expectedMs);
    return (0,notify_blocks/* finish */.O9)(info, `:alarm_clock: ${(0,notify_escape/* escapeText */.X1)(info.environment)}: taking longer than expected, ${(0,durations/* formatDuration */.a3)(o.elapsedMs)} elapsed, expected ${(0,durations/* formatDuration */.a3)(o.expectedMs)}`, [
        (0,notify_blocks/* header */.wx)(':alarm_clock: Taking longer than expected'),
        (0,notify_blocks/* section */.uW)(`*${(0,durations/* formatDuration */.a3)(o.elapsedMs)}* elapsed; this deployment was expected to take *${(0,durations/* formatDuration */.a3)(o.expectedMs)}* (${(0,notify_escape/* escapeText */.X1)(info.estimate.basis)}), so it is *${over}* over. It is still being watched.`),
        ...(0,format/* consoleSection */.DR)(info)
    ]);
}
function failureAlertMessage(info, a) {
    const e = a.event;
    return (0,notify_blocks/* finish */.O9)(info, `:rotating_light: ${(0,notify_escape/* escapeText */.X1)(info.environment)}: ${(0,notify_escape/* escapeText */.X1)((0,stack/* eventName */.eq)(e))} (${(0,notify_escape/* escapeText */.X1)(e.resourceType)}) ${(0,notify_escape/* escapeText */.X1)(e.status)}${e.reason ? `: ${(0,notify_escape/* truncate */.xv)((0,notify_escape/* escapeText */.X1)(e.reason), 500)}` : ''}`, [
        (0,notify_blocks/* header */.wx)(`:rotating_light: Resource failed: ${(0,stack/* eventName */.eq)(e)}`),
        ...(0,notify_blocks/* fieldSections */.tX)((0,format/* eventFields */.ef)(e)),
        (0,notify_blocks/* section */.uW)(`*Reason*\n${(0,format/* reasonText */.uV)(e)}`),
        ...(0,format/* consoleSection */.DR)(info)
    ]);
}
/** An operation on a stack of this deployment, while it holds the lock, that is not its own. */
function foreignOperationMessage(info, f) {
    const by = (0,notify_escape/* truncate */.xv)((0,notify_escape/* escapeText */.X1)(f.startedBy), 500);
    const status = f.status ?? f.start?.status;
    return (0,notify_blocks/* finish */.O9)(info, `:warning: ${(0,notify_escape/* escapeText */.X1)(info.environment)}: an operation that is not this deployment's is running on ${(0,notify_escape/* code */.aY)(f.stack)}, started by ${by}`, [
        (0,notify_blocks/* header */.wx)(`:warning: Another operation on ${f.stack}`),
        ...(0,notify_blocks/* fieldSections */.tX)([
            (0,notify_blocks/* field */.ZZ)('Stack', (0,notify_escape/* code */.aY)(f.stack)),
            status ? (0,notify_blocks/* field */.ZZ)('Status', (0,notify_escape/* escapeText */.X1)(status)) : '',
            f.start ? (0,notify_blocks/* field */.ZZ)('Started', (0,format/* slackDate */.vE)(f.start.timestamp)) : '',
            (0,notify_blocks/* field */.ZZ)('Started by', by)
        ]),
        (0,notify_blocks/* section */.uW)("While this deployment holds the lock, CloudFormation shows an operation on the stack that is not this deployment's (another `DeploymentCorrelationId` tag or ClientRequestToken). It is not counted as this deployment's: a failure of it is not this deployment's failure. Find out who runs it before the next deployment."),
        ...(0,format/* consoleSection */.DR)(info)
    ]);
}
function monitoringGapMessage(info, g) {
    const gap = (0,durations/* formatDuration */.a3)(g.gapMs);
    const restarts = g.restarts === 1 ? '1 restart' : `${g.restarts} restarts`;
    return (0,notify_blocks/* finish */.O9)(info, `:electric_plug: ${(0,notify_escape/* escapeText */.X1)(info.environment)}: monitoring gap of ${gap} (${restarts})`, [
        (0,notify_blocks/* header */.wx)(':electric_plug: Monitoring gap'),
        (0,notify_blocks/* section */.uW)(`The monitor was not watching for *${gap}* (${restarts} so far). Progress or alerts from that interval may be missing from this thread; the stack itself was not affected.`),
        ...(0,format/* consoleSection */.DR)(info)
    ]);
}
/** The monitor ended on its own: its job is over without a post step, or it reached its bound. */
function monitorEndedMessage(info, reason) {
    return (0,notify_blocks/* finish */.O9)(info, `:stopwatch: ${(0,notify_escape/* escapeText */.X1)(info.environment)}: monitoring ended: ${reason}`, [
        (0,notify_blocks/* header */.wx)(':stopwatch: Monitoring ended'),
        (0,notify_blocks/* section */.uW)(`The monitor stopped: ${reason}. Nothing heartbeats this deployment's lock any more; the next run takes it over once a lease has passed. Check the stack in the console.`),
        ...(0,format/* consoleSection */.DR)(info)
    ]);
}
/** The lock was found no longer this deployment's: taken over, or unlocked by an operator. */
function lockLostMessage(info, l) {
    const env = (0,notify_escape/* escapeText */.X1)(info.environment);
    const now = l.nowHeldBy
        ? `It is now held by \`${(0,notify_escape/* escapeText */.X1)(l.nowHeldBy)}\`.`
        : 'Nobody holds it now: it was released or unlocked by an operator.';
    return (0,notify_blocks/* finish */.O9)(info, `:rotating_light: ${env}: this deployment lost the lock`, [
        (0,notify_blocks/* header */.wx)(':rotating_light: Lock lost'),
        (0,notify_blocks/* section */.uW)(`The ${env} lock is no longer this deployment's (found by ${l.by}). ${now} This run stops acting as the holder: no more heartbeats, no repair, no release. Check the stack before the next deployment.`),
        ...(0,format/* consoleSection */.DR)(info)
    ]);
}

;// CONCATENATED MODULE: ./.tmp/js/notify/question-message.js
/** A question in the interact channel (see `ask`). */




/** For the interact channel. */
function questionMessage(info, q) {
    const env = (0,notify_escape/* escapeText */.X1)(info.environment);
    const timeout = (0,durations/* formatDuration */.a3)(q.timeoutMs);
    const fallback = (0,notify_escape/* escapeText */.X1)(q.defaultAnswer);
    return (0,notify_blocks/* finish */.O9)(info, `:question: ${env}: ${(0,notify_escape/* escapeText */.X1)(q.question)} Answer within ${timeout}; default: ${fallback}`, [
        (0,notify_blocks/* header */.wx)(`:question: Input needed: ${info.environment}`),
        (0,notify_blocks/* section */.uW)(`*${(0,notify_escape/* escapeText */.X1)(q.question)}*`),
        // The product's own words, with their own mrkdwn (the answers as code).
        (0,notify_blocks/* section */.uW)(q.options),
        (0,notify_blocks/* section */.uW)(`If nobody answers within *${timeout}*, the deployment will *${fallback}*.`),
        ...(0,notify_blocks/* fieldSections */.tX)((0,format/* deploymentFields */.dL)(info)),
        ...(0,format/* commitSection */.Vd)(info)
    ]);
}

// EXTERNAL MODULE: ./.tmp/js/notify/freeze-messages.js
var freeze_messages = __webpack_require__(8255);
;// CONCATENATED MODULE: ./.tmp/js/notify/messages.js







/***/ }),

/***/ 2422:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Au: () => (/* binding */ notDeployingMessage),
/* harmony export */   PO: () => (/* binding */ queuedMessage),
/* harmony export */   VS: () => (/* binding */ startedMessage)
/* harmony export */ });
/* harmony import */ var _domain_durations_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1265);
/* harmony import */ var _blocks_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6347);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4030);
/* harmony import */ var _freeze_messages_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8255);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2930);
/**
 * Before and at the start: `queuedMessage` for a run that waits, `notDeployingMessage` for one
 * that does not (or gives up), and `startedMessage`, the thread parent (posted once, then re-rendered with a
 * new state for `chat.update`).
 */





function queuedMessage(info, q) {
    const env = (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(info.environment);
    const activeId = q.activeCorrelationId ? (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(q.activeCorrelationId) : 'unknown';
    const lead = q.freeze
        ? (0,_freeze_messages_js__WEBPACK_IMPORTED_MODULE_0__/* .frozenLead */ .rz)(info.environment, q.freeze, q.position)
        : q.position <= 1
            ? 'Another deployment is active; this one is *next in line* and starts when it finishes.'
            : `Another deployment is active; this one is *number ${q.position}* in line.`;
    // This run starts once the active one and those ahead of it are done, each about as long as this.
    const startsInMs = q.remainingMs !== undefined
        ? q.remainingMs + Math.max(0, q.position - 1) * info.estimate.expectedMs
        : undefined;
    // Frozen with nobody ahead: the freeze alone holds it, so no active deployment and no position.
    const onlyFrozen = q.freeze !== undefined && q.position === 0;
    const fields = [
        onlyFrozen ? '' : (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Active deployment', activeId),
        q.activeSince ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Active since', (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .slackDate */ .vE)(q.activeSince)) : '',
        q.elapsedMs !== undefined ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Elapsed', (0,_domain_durations_js__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a3)(q.elapsedMs)) : '',
        q.remainingMs !== undefined ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Estimated remaining', (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .timeLeft */ .f$)(q.remainingMs)) : '',
        // Frozen: the freeze's end (in its fields) comes first; a start counted without it would mislead.
        startsInMs !== undefined && q.position > 1 && !q.freeze
            ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Expected start', (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .timeLeft */ .f$)(startsInMs))
            : '',
        q.holderRunUrl ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Active run', (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)(q.holderRunUrl, 'workflow run')) : '',
        onlyFrozen ? '' : (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Position in queue', String(q.position)),
        ...(q.freeze ? (0,_freeze_messages_js__WEBPACK_IMPORTED_MODULE_0__/* .freezeFields */ .rA)(q.freeze) : []),
        q.priority ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Priority', q.priority === 'high' ? '*high*' : 'normal') : ''
    ];
    const icon = q.freeze ? ':snowflake:' : ':double_vertical_bar:';
    // Frozen with nobody ahead: the freeze alone holds it (no 'position 0 behind ...').
    const behind = q.position > 0 || !q.freeze
        ? `, position ${q.position}${q.priority === 'high' ? ' (high priority)' : ''} behind ${q.activeCorrelationId ? (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(q.activeCorrelationId) : 'an active deployment'}${q.remainingMs !== undefined ? ` (${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .remaining */ .Tk)(q.remainingMs)})` : ''}`
        : q.priority === 'high'
            ? ' (high priority)'
            : '';
    const summary = `${icon} Deployment queued: ${env}${q.freeze ? `, frozen ${(0,_freeze_messages_js__WEBPACK_IMPORTED_MODULE_0__/* .untilPlain */ .PZ)(q.freeze)}` : ''}${behind}`;
    return (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .finish */ .O9)(info, summary, [
        (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .header */ .wx)(`${icon} Deployment queued: ${info.environment}`),
        (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .section */ .uW)(lead),
        ...(0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .fieldSections */ .tX)(fields),
        ...(0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .fieldSections */ .tX)((0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .deploymentFields */ .dL)(info)),
        ...(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .commitSection */ .Vd)(info),
        (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .section */ .uW)(`This deployment expects to take ${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .estimateText */ .YL)(info.estimate)} once it starts.`)
    ]);
}
const NOT_DEPLOYING_LEAD = {
    'no-wait': () => 'Another deployment is active and this run does not wait (`wait-timeout-minutes: 0`): *it is not deploying*.',
    timeout: (waited) => `This run gave up after waiting *${waited}* (\`wait-timeout-minutes\`): *it is not deploying*.`,
    cancelled: (waited) => `This run was cancelled after waiting *${waited}*: *it is not deploying*.`,
    superseded: (waited) => `A newer run of the same ref is queued behind this one: after waiting *${waited}*, *this one is not deploying* (\`skip-superseded\`).`,
    blocked: (waited) => `This run's turn came after *${waited}*, but a blocking finding stopped it: *it is not deploying* (see the run's log).`,
    aborted: (waited) => `This run's turn came after *${waited}*, but it was stopped (a person or a policy said no, or the lock was not confirmed): *it is not deploying*.`,
    frozen: (waited) => `A deploy freeze outlasted this run's wait (*${waited}*, \`wait-timeout-minutes\`): *it is not deploying*.`
};
/** A run that found the environment busy and is not deploying: it did not wait, or gave up. */
function notDeployingMessage(info, n) {
    const env = (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(info.environment);
    const waited = (0,_domain_durations_js__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a3)(n.waitedMs);
    const fields = [
        n.activeCorrelationId || n.reason === 'no-wait' || n.reason === 'timeout'
            ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Active deployment', n.activeCorrelationId ? (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(n.activeCorrelationId) : 'unknown')
            : '',
        n.activeSince ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Active since', (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .slackDate */ .vE)(n.activeSince)) : '',
        n.remainingMs !== undefined ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Estimated remaining', (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .timeLeft */ .f$)(n.remainingMs)) : '',
        n.holderRunUrl ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Active run', (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)(n.holderRunUrl, 'workflow run')) : '',
        (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Waited', waited),
        ...(n.freeze ? (0,_freeze_messages_js__WEBPACK_IMPORTED_MODULE_0__/* .freezeFields */ .rA)(n.freeze) : [])
    ];
    const behind = n.activeCorrelationId ? (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(n.activeCorrelationId) : 'an active deployment';
    const why = {
        'no-wait': `did not wait for ${behind}`,
        timeout: `gave up after ${waited} waiting for ${behind}`,
        cancelled: `cancelled after ${waited} waiting for ${behind}`,
        superseded: `superseded by a newer run after ${waited}`,
        blocked: `blocked after its turn came (${waited} waited)`,
        aborted: `stopped after its turn came (${waited} waited)`,
        frozen: `frozen${n.freeze ? ` ${(0,_freeze_messages_js__WEBPACK_IMPORTED_MODULE_0__/* .untilPlain */ .PZ)(n.freeze)}` : ''}, after ${waited} of waiting`
    }[n.reason];
    return (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .finish */ .O9)(info, `:no_entry: Not deploying: ${env}: ${why}`, [
        (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .header */ .wx)(`:no_entry: Not deploying: ${info.environment}`),
        (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .section */ .uW)(NOT_DEPLOYING_LEAD[n.reason](waited)),
        ...(0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .fieldSections */ .tX)(fields),
        ...(0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .fieldSections */ .tX)((0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .deploymentFields */ .dL)(info)),
        ...(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .commitSection */ .Vd)(info)
    ]);
}
const STATES = {
    deploying: { emoji: ':rocket:', title: 'Deploying' },
    'still-running': { emoji: ':hourglass_flowing_sand:', title: 'Still running' },
    succeeded: { emoji: ':white_check_mark:', title: 'Deployed' },
    failed: { emoji: ':x:', title: 'Deployment failed' },
    'no-change': { emoji: ':heavy_minus_sign:', title: 'No changes' },
    cancelled: { emoji: ':no_entry_sign:', title: 'Deployment cancelled' }
};
/** The thread parent; re-render with the new state for `chat.update`. */
function startedMessage(info, s) {
    const { emoji, title } = STATES[s.state];
    const env = (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(info.environment);
    const durationMs = s.endedAt ? s.endedAt.getTime() - s.startedAt.getTime() : undefined;
    const took = durationMs !== undefined ? ` in ${(0,_domain_durations_js__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a3)(durationMs)}` : '';
    const after = durationMs !== undefined ? ` after ${(0,_domain_durations_js__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a3)(durationMs)}` : '';
    const lead = {
        deploying: `Deploying to *${env}*. Progress, stalls and failures follow in this thread.`,
        'still-running': `The workflow stopped watching, but the CloudFormation operation in *${env}* is *still running*. Follow it in the console.`,
        succeeded: `Deployed to *${env}*${took}.`,
        failed: `The deployment to *${env}* failed${after}. The root cause is in this thread.`,
        'no-change': `Nothing to deploy: CloudFormation reported no changes for *${env}*.`,
        cancelled: `The deployment to *${env}* was cancelled${after}.`
    };
    const timing = [(0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Started', (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .slackDate */ .vE)(s.startedAt))];
    if (s.endedAt && durationMs !== undefined) {
        timing.push((0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Finished', (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .slackDate */ .vE)(s.endedAt)));
        timing.push((0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Duration', (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .durationAgainst */ .SY)(durationMs, info.estimate.expectedMs)));
    }
    else {
        timing.push((0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Expected', (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .estimateText */ .YL)(info.estimate)));
        timing.push((0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .field */ .ZZ)('Expected by', (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .slackDate */ .vE)(new Date(s.startedAt.getTime() + Math.max(0, info.estimate.expectedMs)))));
    }
    const ended = s.state === 'succeeded' ? took : s.state === 'failed' || s.state === 'cancelled' ? after : '';
    return (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .finish */ .O9)(info, `${emoji} ${title}: ${env}${ended}`, [
        (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .header */ .wx)(`${emoji} ${title}: ${info.environment}`),
        (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .section */ .uW)(lead[s.state]),
        ...(0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .fieldSections */ .tX)([...(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .deploymentFields */ .dL)(info), ...timing]),
        ...(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .commitSection */ .Vd)(info),
        ...(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .consoleSection */ .DR)(info)
    ]);
}


/***/ }),

/***/ 9617:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NT: () => (/* binding */ openNotifier),
/* harmony export */   WB: () => (/* binding */ formatThread),
/* harmony export */   Yx: () => (/* binding */ parseThread),
/* harmony export */   df: () => (/* binding */ commitMessage),
/* harmony export */   "in": () => (/* binding */ THREAD_PARENT),
/* harmony export */   qx: () => (/* binding */ deploymentInfo),
/* harmony export */   wt: () => (/* binding */ POST_STEP_SLACK_BUDGET_MS)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var _runtime_budget_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(579);
/* harmony import */ var _runtime_env_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1623);



/**
 * The head commit's message from the event payload, when the event has one (outside text).
 * The only read of the environment in this module, and only as the default argument.
 */
function commitMessage(env = _runtime_env_js__WEBPACK_IMPORTED_MODULE_2__/* .processEnv */ .H) {
    const file = env['GITHUB_EVENT_PATH'];
    if (!file)
        return undefined;
    try {
        const event = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8'));
        return event.head_commit?.message || undefined;
    }
    catch {
        return undefined;
    }
}
function deploymentInfo(config, correlationId, run, estimate, consoleUrl, commit) {
    return {
        correlationId,
        environment: config.environment,
        stacks: config.stackNames,
        run,
        commitMessage: commit,
        consoleUrl,
        estimate
    };
}
/**
 * What the post step spends on Slack: a call still running when it is spent is given up (its
 * requests aborted), and no call starts after it. What is left is listed as not sent.
 */
const POST_STEP_SLACK_BUDGET_MS = 30_000;
/**
 * The notifier of a stage (or the monitor), the Slack client loaded only when Slack is configured
 * (without it, one info line). With `budgetMs` (the post step's) every call's client is bounded by
 * what is left of it, and a call once it is spent is not made.
 */
async function openNotifier(slack, log, spoolFile, budgetMs) {
    if (!slack) {
        log.info('Slack is not configured (no slack-token): no messages.');
        return undefined;
    }
    const [{ SlackNotifier }, { SLACK_RETRY, budgetedClients, createSlackClient }] = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(105), __webpack_require__.e(115)]).then(__webpack_require__.bind(__webpack_require__, 9115)), Promise.all(/* import() */[__webpack_require__.e(105), __webpack_require__.e(65)]).then(__webpack_require__.bind(__webpack_require__, 2065))]);
    return budgetMs === undefined
        ? new SlackNotifier(createSlackClient(slack), createSlackClient(slack, { retries: 0 }), log, spoolFile)
        : new SlackNotifier(budgetedClients(slack, SLACK_RETRY), budgetedClients(slack, { retries: 0 }), log, spoolFile, new _runtime_budget_js__WEBPACK_IMPORTED_MODULE_1__/* .TimeBudget */ .z(budgetMs, 'Slack'));
}
/** The thread parent's label: the message whose ts every later reply needs. */
const THREAD_PARENT = 'started';
const formatThread = (ref) => `${ref.channel}:${ref.ts}`;
function parseThread(value) {
    const [channel, ts] = (value ?? '').split(':');
    return channel && ts ? { channel, ts } : undefined;
}


/***/ }),

/***/ 579:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ BudgetSpentError),
/* harmony export */   z: () => (/* binding */ TimeBudget)
/* harmony export */ });
/**
 * A step's allowance of time for one service (the post step's for Slack, or for GitHub): the time
 * its calls take is added up, a call still running when it is spent is given up at that moment (its
 * requests aborted), and once it is spent no call is made at all.
 */
class TimeBudget {
    totalMs;
    service;
    now;
    spentMs = 0;
    /** What was not done for want of the service (for the summary), in the order it happened. */
    missed = [];
    /** Whether a call was given up while still running (it may end later, unwaited for). */
    gaveUp = false;
    constructor(
    /** What the step gives the service, in ms. */
    totalMs, 
    /** The service, in the reason a call was not made ('Slack', 'GitHub'). */
    service, now = Date.now) {
        this.totalMs = totalMs;
        this.service = service;
        this.now = now;
    }
    /** Records what could not be done, and why (in a person's words). */
    miss(what, why) {
        this.missed.push({ what, why, at: new Date(this.now()).toISOString() });
    }
    /** What is left, in ms (never below 0). */
    left() {
        return Math.max(0, this.totalMs - this.spentMs);
    }
    /**
     * Runs one call with what is left. Refused with a `BudgetSpentError` when nothing is left; given
     * up with one (naming the trouble it met, if any) when it outlasts what was left.
     */
    async run(call) {
        const leftMs = this.left();
        if (leftMs <= 0)
            throw new BudgetSpentError(this, 'refused');
        const started = this.now();
        const abort = new AbortController();
        let trouble;
        let timer;
        const givenUp = new Promise((_, reject) => {
            timer = setTimeout(() => {
                this.gaveUp = true;
                reject(new BudgetSpentError(this, 'given-up', trouble));
                abort.abort(new BudgetSpentError(this, 'given-up', trouble));
            }, leftMs);
        });
        const context = {
            leftMs,
            left: () => Math.max(0, leftMs - (this.now() - started)),
            signal: abort.signal,
            note: (reason) => {
                if (!abort.signal.aborted)
                    trouble = reason;
            }
        };
        try {
            return await Promise.race([call(context), givenUp]);
        }
        finally {
            clearTimeout(timer);
            this.spentMs += this.now() - started;
        }
    }
}
/**
 * A step's budget for a service was spent: before a call (`refused`: it was not made) or during one
 * (`given-up`: nobody waits for it any longer). The message says which, and the trouble met first.
 */
class BudgetSpentError extends Error {
    budgetMs;
    constructor(budget, when, trouble) {
        const spent = `the ${Math.round(budget.totalMs / 1000)} s this step gives ${budget.service} were spent`;
        super(when === 'refused'
            ? `not sent: ${spent}`
            : // A request that timed out as the budget ran out reads as the budget's own timeout.
                trouble && trouble !== 'timed out'
                    ? `${trouble}; given up when ${spent}`
                    : `timed out: ${spent}`);
        this.name = 'BudgetSpentError';
        this.budgetMs = budget.totalMs;
    }
}


/***/ })

};
