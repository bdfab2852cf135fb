export const id = 65;
export const ids = [65];
export const modules = {

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
