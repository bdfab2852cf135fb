export const id = 69;
export const ids = [69];
export const modules = {

/***/ 4069:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SLACK_RETRY: () => (/* binding */ SLACK_RETRY),
/* harmony export */   SlackNotifier: () => (/* binding */ SlackNotifier),
/* harmony export */   budgetedClients: () => (/* binding */ budgetedClients),
/* harmony export */   createSlackClient: () => (/* binding */ createSlackClient)
/* harmony export */ });
/* unused harmony exports SLACK_REQUEST_TIMEOUT_MS, SLACK_MAX_RETRY_AFTER_S, BudgetSpentError, describe */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var _slack_web_api__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5105);
/* harmony import */ var _runtime_network_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5554);



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
function createSlackClient(config, retryConfig = SLACK_RETRY, timeoutMs = SLACK_REQUEST_TIMEOUT_MS) {
    return new _slack_web_api__WEBPACK_IMPORTED_MODULE_1__.WebClient(config.token, {
        slackApiUrl: config.apiUrl,
        retryConfig,
        // 429s come back to the notifier, which waits only for a short Retry-After (a long one would
        // hold up a deployment step: the message is kept for finalize instead).
        rejectRateLimitedCalls: true,
        logLevel: _slack_web_api__WEBPACK_IMPORTED_MODULE_1__.LogLevel.ERROR,
        timeout: timeoutMs
    });
}
/** Clients bounded by what is left of a budget (the post step's), with `retryConfig`'s retries. */
const budgetedClients = (config, retryConfig) => (leftMs) => {
    const left = Math.max(1, Math.floor(leftMs));
    return createSlackClient(config, { ...retryConfig, maxRetryTime: left }, Math.min(SLACK_REQUEST_TIMEOUT_MS, left));
};
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
    budgetMs;
    delivered = [];
    failed = [];
    degraded = false;
    /** Time spent in Slack calls so far (the budget's measure). */
    spentMs = 0;
    /**
     * `quick` (no retries) takes over once a message failed after all retries:
     * while Slack is down, each later message costs one attempt, not the whole policy.
     * With a `budgetMs` (the post step's), calls stop once that much time went into Slack:
     * what is left is not sent, and says so.
     */
    constructor(full, quick, log, spoolFile, budgetMs) {
        this.full = full;
        this.quick = quick;
        this.log = log;
        this.spoolFile = spoolFile;
        this.budgetMs = budgetMs;
    }
    /** One call to Slack, timed against the budget; refused at once when it is spent. */
    async call(send) {
        if (this.budgetMs !== undefined && this.spentMs >= this.budgetMs)
            throw new BudgetSpentError(this.budgetMs);
        const started = Date.now();
        try {
            return await rateLimited(send, this.budgetMs === undefined
                ? undefined
                : () => this.budgetMs - this.spentMs - (Date.now() - started));
        }
        finally {
            this.spentMs += Date.now() - started;
        }
    }
    get client() {
        return this.degraded ? this.quickClient : this.bounded(this.full);
    }
    get quickClient() {
        return this.bounded(this.quick);
    }
    bounded(client) {
        return typeof client === 'function'
            ? client((this.budgetMs ?? SLACK_REQUEST_TIMEOUT_MS) - this.spentMs)
            : client;
    }
    async post(label, channel, message, thread) {
        try {
            const res = await this.call(() => this.client.chat.postMessage(postArgs(channel, message, thread?.ts, thread?.broadcast)));
            this.delivered.push(label);
            return { channel: String(res.channel ?? channel), ts: String(res.ts) };
        }
        catch (err) {
            this.spool({
                op: 'post',
                label,
                channel,
                message,
                threadTs: thread?.ts,
                broadcast: thread?.broadcast,
                error: describe(err),
                at: new Date().toISOString()
            });
            return undefined;
        }
    }
    async update(label, ref, message) {
        try {
            await this.call(() => this.client.chat.update({
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
                error: describe(err),
                at: new Date().toISOString()
            });
            return false;
        }
    }
    /** A person's answers to a question: reactions on it and replies in its thread (not the app's own). */
    async answers(ref) {
        const quick = this.quickClient;
        const [reacted, thread] = await Promise.all([
            quick.reactions.get({ channel: ref.channel, timestamp: ref.ts }),
            quick.conversations.replies({ channel: ref.channel, ts: ref.ts })
        ]);
        return {
            reactions: (reacted.message?.reactions ?? []).map((r) => r.name ?? ''),
            replies: (thread.messages ?? [])
                .filter((m) => m.ts !== ref.ts && !m.bot_id)
                .map((m) => m.text ?? '')
        };
    }
    spool(entry) {
        this.degraded = true;
        this.failed.push(entry);
        this.log.warning(`Slack: '${entry.label}' not delivered (${entry.error}); kept for a retry by finalize.`, { title: 'Slack delivery failed' });
        if (this.spoolFile)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(this.spoolFile, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    }
    /** Retries spooled messages in order; returns what is finally lost. The spool file is consumed. */
    async flush(files) {
        const entries = files.filter((f) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(f)).flatMap((f) => readSpool(f));
        for (const f of files)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(f, { force: true });
        const lost = [];
        for (const e of entries) {
            try {
                await this.call(() => e.op === 'post'
                    ? this.client.chat.postMessage(postArgs(e.channel, e.message, e.threadTs, e.broadcast))
                    : this.client.chat.update({
                        channel: e.channel,
                        ts: e.ts ?? '',
                        text: e.message.text,
                        blocks: [...e.message.blocks]
                    }));
                this.delivered.push(`${e.label} (retried)`);
            }
            catch (err) {
                this.degraded = true;
                lost.push({ ...e, error: describe(err) });
            }
        }
        return lost;
    }
}
function postArgs(channel, message, threadTs, broadcast) {
    const reply = threadTs ? { thread_ts: threadTs, reply_broadcast: Boolean(broadcast) } : {};
    const unfurls = { unfurl_links: false, unfurl_media: false };
    return message.blocks.length > 0
        ? { channel, text: message.text, blocks: [...message.blocks], ...reply, ...unfurls }
        : { channel, text: message.text, ...reply, ...unfurls };
}
function readSpool(file) {
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8')
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
/** The longest Retry-After a message waits for, and how often. */
const SLACK_MAX_RETRY_AFTER_S = 5;
const SLACK_RATE_LIMIT_RETRIES = 4;
const isRateLimited = (err) => err?.code === 'slack_webapi_rate_limited_error';
/** The post step's budget for Slack was spent before this call: it was not sent. */
class BudgetSpentError extends Error {
    budgetMs;
    constructor(budgetMs) {
        super(`not sent: the ${Math.round(budgetMs / 1000)} s this step gives Slack were spent`);
        this.budgetMs = budgetMs;
    }
}
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
/** Why a message was not delivered, in words a person understands (never a header or a token). */
function describe(err) {
    if (isRateLimited(err))
        return `rate limited (Retry-After ${err.retryAfter} s)`;
    if (err instanceof BudgetSpentError)
        return err.message;
    const e = err;
    if (e?.data?.error)
        return e.data.error;
    if (e?.code === 'slack_webapi_http_error' && e.statusCode)
        return `HTTP ${e.statusCode}`;
    return (0,_runtime_network_js__WEBPACK_IMPORTED_MODULE_2__/* .networkReason */ .d)(e?.original) ?? e?.code ?? 'request failed';
}


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
