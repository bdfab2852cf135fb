export const id = 115;
export const ids = [115,65];
export const modules = {

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

/***/ 2065:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NoTsError: () => (/* binding */ NoTsError),
/* harmony export */   SLACK_MAX_RETRY_AFTER_S: () => (/* binding */ SLACK_MAX_RETRY_AFTER_S),
/* harmony export */   SLACK_REQUEST_TIMEOUT_MS: () => (/* binding */ SLACK_REQUEST_TIMEOUT_MS),
/* harmony export */   SLACK_RETRY: () => (/* binding */ SLACK_RETRY),
/* harmony export */   budgetedClients: () => (/* binding */ budgetedClients),
/* harmony export */   createSlackClient: () => (/* binding */ createSlackClient),
/* harmony export */   describe: () => (/* binding */ describe),
/* harmony export */   rateLimited: () => (/* binding */ rateLimited)
/* harmony export */ });
/* harmony import */ var _slack_web_api__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5105);
/* harmony import */ var _runtime_budget_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(579);
/* harmony import */ var _runtime_network_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5554);



/**
 * Slack's client: its retry policy, the clients for calls under a budget, a short Retry-After
 * waited out, and why a call failed (in words a person understands).
 */
/**
 * A short retry policy for a CI step: a few quick retries, and Retry-After on
 * 429 honoured by the client itself (the library's default would retry for
 * about half an hour).
 */
const SLACK_RETRY = {
    retries: 4,
    factor: 2,
    minTimeout: 500,
    maxTimeout: 5_000,
    randomize: true
};
/** One request's timeout. */
const SLACK_REQUEST_TIMEOUT_MS = 10_000;
function createSlackClient(config, retryConfig = SLACK_RETRY, timeoutMs = SLACK_REQUEST_TIMEOUT_MS, fetchFn) {
    return new _slack_web_api__WEBPACK_IMPORTED_MODULE_0__.WebClient(config.token, {
        slackApiUrl: config.apiUrl,
        retryConfig,
        // 429s come back to the notifier, which waits only for a short Retry-After (a long one would
        // hold up a deployment step: the message is kept for finalize instead).
        rejectRateLimitedCalls: true,
        logLevel: _slack_web_api__WEBPACK_IMPORTED_MODULE_0__.LogLevel.ERROR,
        timeout: timeoutMs,
        ...(fetchFn ? { fetch: fetchFn } : {})
    });
}
/**
 * Clients for calls under a budget (the post step's), with `retryConfig`'s retries: no retry
 * begins past what is left, every request is aborted when the call is given up, and each
 * attempt's trouble is noted so that a call given up still says why.
 */
const budgetedClients = (config, retryConfig) => (call) => {
    // What is left now (a rate-limited wait may have used some): no retry waits past it.
    const left = Math.max(1, Math.floor(call.left()));
    const watched = async (url, init) => {
        const signal = init?.signal ? AbortSignal.any([init.signal, call.signal]) : call.signal;
        try {
            const res = await fetch(url, { ...init, signal });
            if (res.status === 429)
                call.note(`rate limited (Retry-After ${res.headers.get('retry-after') ?? '?'} s)`);
            else if (!res.ok)
                call.note(`HTTP ${res.status}`);
            return res;
        }
        catch (err) {
            call.note((0,_runtime_network_js__WEBPACK_IMPORTED_MODULE_2__/* .networkReason */ .d)(err) ?? 'request failed');
            throw err;
        }
    };
    return createSlackClient(config, {
        ...retryConfig,
        maxRetryTime: left,
        maxTimeout: Math.min(retryConfig.maxTimeout ?? Number.POSITIVE_INFINITY, left)
    }, 
    // A request's own timeout only when it ends before the budget does: a timeout at the
    // budget's end would race the budget's own, and the reason would depend on which fired first.
    left > SLACK_REQUEST_TIMEOUT_MS ? SLACK_REQUEST_TIMEOUT_MS : 0, watched);
};
/** Slack's answer to a post said ok without a `ts`: the message cannot be referred to. */
class NoTsError extends Error {
    constructor() {
        super('ok without ts');
        this.name = 'NoTsError';
    }
}
/** The longest Retry-After a message waits for, and how often. */
const SLACK_MAX_RETRY_AFTER_S = 5;
const SLACK_RATE_LIMIT_RETRIES = 4;
const isRateLimited = (err) => err?.code === 'slack_webapi_rate_limited_error';
/**
 * Sends, waiting out a short Retry-After a few times (and never past what is `left` of a budget);
 * a long one is the caller's failure at once.
 */
async function rateLimited(send, left) {
    for (let attempt = 0;; attempt++) {
        try {
            return await send();
        }
        catch (err) {
            if (!isRateLimited(err) ||
                attempt >= SLACK_RATE_LIMIT_RETRIES ||
                err.retryAfter > SLACK_MAX_RETRY_AFTER_S ||
                (left !== undefined && err.retryAfter * 1000 > left()))
                throw err;
            await new Promise((r) => setTimeout(r, Math.max(0, err.retryAfter) * 1000));
        }
    }
}
/**
 * Why a message was not delivered, in one line a person understands: Slack's error code, an HTTP
 * status, what kind of body came back. Never a header, a token, or the body itself.
 */
function describe(err) {
    if (isRateLimited(err))
        return `rate limited (Retry-After ${err.retryAfter} s)`;
    if (err instanceof _runtime_budget_js__WEBPACK_IMPORTED_MODULE_1__/* .BudgetSpentError */ .o || err instanceof NoTsError)
        return err.message;
    const e = err;
    // A platform error is an HTTP 200 whose body said ok:false, or was no JSON at all (the client
    // then puts the whole body in `error`).
    if (e?.code === 'slack_webapi_platform_error' || e?.data?.error !== undefined)
        return slackError(e.data?.error);
    if (e?.code === 'slack_webapi_http_error' && e.statusCode)
        return `HTTP ${e.statusCode}`;
    return (0,_runtime_network_js__WEBPACK_IMPORTED_MODULE_2__/* .networkReason */ .d)(e?.original) ?? e?.code ?? 'request failed';
}
/** Slack's `error`: a code such as `channel_not_found`; anything else is named, not pasted. */
function slackError(error) {
    if (typeof error === 'string' && /^[a-z0-9_]{1,64}$/i.test(error))
        return error;
    if (typeof error !== 'string' || error.trim() === '')
        return 'HTTP 200 with ok:false and no error';
    return /^\s*<(!doctype\s+html|html|head|body)\b/i.test(error) || /<\/html>/i.test(error)
        ? 'HTTP 200 with an HTML page'
        : 'HTTP 200 with a body that is not JSON';
}


/***/ }),

/***/ 9115:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  SlackNotifier: () => (/* binding */ SlackNotifier)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./.tmp/js/notify/answers.js
var answers = __webpack_require__(6942);
// EXTERNAL MODULE: ./.tmp/js/notify/slack-client.js
var slack_client = __webpack_require__(2065);
;// CONCATENATED MODULE: ./.tmp/js/notify/slack-spool.js

function readSpool(file) {
    return (0,external_node_fs_.readFileSync)(file, 'utf8')
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

;// CONCATENATED MODULE: ./.tmp/js/notify/slack.js




/**
 * Posts and updates messages one at a time (so they arrive in order). What
 * still fails is written to a spool file for finalize to retry; nothing here
 * ever throws into a deployment.
 */
class SlackNotifier {
    full;
    quick;
    log;
    spoolFile;
    budget;
    delivered = [];
    failed = [];
    degraded = false;
    /**
     * `quick` (no retries) takes over once a message failed after all retries:
     * while Slack is down, each later message costs one attempt, not the whole policy.
     * With a `budget` (the post step's), calls stop once it is spent: a call still running then is
     * given up, and what is left is not sent, and says so.
     */
    constructor(full, quick, log, spoolFile, budget) {
        this.full = full;
        this.quick = quick;
        this.log = log;
        this.spoolFile = spoolFile;
        this.budget = budget;
    }
    /**
     * One call to Slack with the client it should use now, under the budget when there is one.
     * `quick`: the no-retry client; `once`: a 429 fails at once (no Retry-After is waited out).
     */
    call(send, opts = {}) {
        const chosen = opts.quick || this.degraded ? this.quick : this.full;
        const client = (c) => typeof chosen !== 'function' ? chosen : c ? chosen(c) : fixed(chosen);
        const attempt = (c) => opts.once
            ? send(client(c))
            : (0,slack_client.rateLimited)(() => send(client(c)), c && (() => c.left()));
        return this.budget ? this.budget.run(attempt) : attempt();
    }
    async post(label, channel, message, thread) {
        try {
            const res = await this.call((client) => client.chat.postMessage(postArgs(channel, message, thread?.ts, thread?.broadcast)));
            const ref = posted(res, channel);
            this.delivered.push(label);
            return ref;
        }
        catch (err) {
            this.spool({
                op: 'post',
                label,
                channel,
                message,
                threadTs: thread?.ts,
                broadcast: thread?.broadcast,
                error: (0,slack_client.describe)(err),
                at: new Date().toISOString()
            });
            return undefined;
        }
    }
    async update(label, ref, message) {
        try {
            await this.call((client) => client.chat.update({
                channel: ref.channel,
                ts: ref.ts,
                text: message.text,
                blocks: [...message.blocks]
            }));
            this.delivered.push(label);
            return true;
        }
        catch (err) {
            this.spool({
                op: 'update',
                label,
                channel: ref.channel,
                ts: ref.ts,
                message,
                error: (0,slack_client.describe)(err),
                at: new Date().toISOString()
            });
            return false;
        }
    }
    /**
     * The link a person can click to a message (its thread): `chat.getPermalink`, one attempt;
     * undefined when Slack does not give one (nothing is spooled: it is only a link).
     */
    async permalink(ref) {
        try {
            const res = await this.call((client) => client.chat.getPermalink({ channel: ref.channel, message_ts: ref.ts }), { quick: true, once: true });
            return typeof res.permalink === 'string' ? res.permalink : undefined;
        }
        catch (err) {
            this.log.debug(`Slack: no permalink for ${ref.channel}:${ref.ts} (${(0,slack_client.describe)(err)}).`);
            return undefined;
        }
    }
    /**
     * People's answers to a question: reactions on it and replies in its thread (not the app's
     * own), with who gave them, decoded here (see `answers.ts`).
     */
    async answers(ref) {
        const [reacted, thread] = await Promise.all([
            // One attempt each: the ask loop polls again, and must answer a cancel at once.
            this.call((quick) => quick.reactions.get({ channel: ref.channel, timestamp: ref.ts }), {
                quick: true,
                once: true
            }),
            this.call((quick) => quick.conversations.replies({ channel: ref.channel, ts: ref.ts }), {
                quick: true,
                once: true
            })
        ]);
        return {
            reactions: (0,answers/* decodeReactions */.P9)(reacted.message?.reactions),
            replies: (0,answers/* decodeReplies */.dI)(thread.messages, ref.ts)
        };
    }
    spool(entry) {
        this.degraded = true;
        this.failed.push(entry);
        this.log.warning(`Slack: '${entry.label}' not delivered (${entry.error}); kept for a retry by finalize.`, { title: 'Slack delivery failed' });
        if (this.spoolFile)
            (0,external_node_fs_.appendFileSync)(this.spoolFile, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    }
    /**
     * Retries spooled messages in order; returns what is finally lost. The spool file is consumed.
     * What `superseded` says is not sent again (listed as lost, with why it was not retried).
     */
    async flush(files, superseded = () => undefined) {
        const entries = files.filter((f) => (0,external_node_fs_.existsSync)(f)).flatMap((f) => readSpool(f));
        for (const f of files)
            (0,external_node_fs_.rmSync)(f, { force: true });
        const lost = [];
        for (const e of entries) {
            const instead = superseded(e);
            if (instead) {
                lost.push({ ...e, error: `${e.error}; ${instead}` });
                continue;
            }
            try {
                await this.call((client) => e.op === 'post'
                    ? client.chat
                        .postMessage(postArgs(e.channel, e.message, e.threadTs, e.broadcast))
                        .then((res) => posted(res, e.channel))
                    : client.chat.update({
                        channel: e.channel,
                        ts: e.ts ?? '',
                        text: e.message.text,
                        blocks: [...e.message.blocks]
                    }));
                this.delivered.push(`${e.label} (retried)`);
            }
            catch (err) {
                this.degraded = true;
                lost.push({ ...e, error: (0,slack_client.describe)(err) });
            }
        }
        return lost;
    }
}
/** Where a posted message is: Slack's answer must name its `ts` (and says its channel). */
function posted(res, channel) {
    const ts = typeof res.ts === 'string' && /^\d+\.\d+$/.test(res.ts) ? res.ts : undefined;
    if (!ts)
        throw new slack_client.NoTsError();
    return { channel: typeof res.channel === 'string' && res.channel ? res.channel : channel, ts };
}
function postArgs(channel, message, threadTs, broadcast) {
    const reply = threadTs ? { thread_ts: threadTs, reply_broadcast: Boolean(broadcast) } : {};
    const unfurls = { unfurl_links: false, unfurl_media: false };
    return message.blocks.length > 0
        ? { channel, text: message.text, blocks: [...message.blocks], ...reply, ...unfurls }
        : { channel, text: message.text, ...reply, ...unfurls };
}
const fixed = (client) => {
    if (typeof client === 'function')
        throw new Error('budgeted Slack clients need a budget');
    return client;
};


/***/ }),

/***/ 5554:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ networkReason)
/* harmony export */ });
/**
 * A network failure in a person's words: the fetch client's timeout (a TimeoutError or an abort),
 * or the socket's error code (under `cause` for fetch).
 */
function networkReason(err) {
    if (!err)
        return undefined;
    if (err.name === 'TimeoutError' || err.name === 'AbortError')
        return 'timed out';
    const code = typeof err.code === 'string' ? err.code : err.cause?.code;
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT')
        return 'timed out';
    if (code === 'ECONNREFUSED')
        return 'connection refused';
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')
        return 'connection reset';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
        return 'host not found';
    return typeof code === 'string' && /^[A-Z_]+$/.test(code)
        ? `request failed (${code})`
        : undefined;
}


/***/ })

};
