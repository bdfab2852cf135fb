export const id = 707;
export const ids = [707];
export const modules = {

/***/ 5707:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitHubDeployments: () => (/* binding */ GitHubDeployments)
/* harmony export */ });
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6450);

/** A GitHub Deployment whose status follows the deployment; trouble here is a warning, never a failure. */
class GitHubDeployments {
    run;
    log;
    budget;
    octokit;
    constructor(token, run, log, baseUrl, 
    /** The post step's budget for GitHub: calls past it are not made, and are listed as missed. */
    budget) {
        this.run = run;
        this.log = log;
        this.budget = budget;
        this.octokit = (0,_octokit_js__WEBPACK_IMPORTED_MODULE_0__/* .githubClient */ .$f)(token, { baseUrl });
    }
    get repo() {
        const [owner, repo] = (this.run.repository ?? '').split('/');
        return owner && repo ? { owner, repo } : undefined;
    }
    async create(environment, correlationId) {
        const repo = this.repo;
        const ref = this.run.sha || this.run.ref;
        if (!repo || !ref)
            return undefined;
        try {
            const { data } = await this.octokit.rest.repos.createDeployment({
                ...repo,
                ref,
                environment,
                auto_merge: false,
                required_contexts: [],
                description: `Deployment Coordinator ${correlationId}`,
                payload: { correlationId }
            });
            return 'id' in data ? data.id : undefined;
        }
        catch (err) {
            this.log.warning(`Could not create the GitHub Deployment: ${(0,_octokit_js__WEBPACK_IMPORTED_MODULE_0__/* .describeGitHubError */ .dZ)(err)}`, {
                title: 'GitHub Deployment'
            });
            return undefined;
        }
    }
    async status(id, state, description, environmentUrl) {
        const repo = this.repo;
        if (!repo)
            return false;
        try {
            await (0,_octokit_js__WEBPACK_IMPORTED_MODULE_0__/* .withinBudget */ .xV)(this.budget, (signal) => this.octokit.rest.repos.createDeploymentStatus({
                ...repo,
                deployment_id: id,
                state,
                description: description.slice(0, 140),
                ...(this.run.runUrl ? { log_url: this.run.runUrl } : {}),
                ...(environmentUrl ? { environment_url: environmentUrl } : {}),
                ...(signal ? { request: { signal } } : {})
            }));
            return true;
        }
        catch (err) {
            const why = (0,_octokit_js__WEBPACK_IMPORTED_MODULE_0__/* .describeGitHubError */ .dZ)(err);
            this.budget?.miss(`GitHub Deployment ${id} status ${state}`, why);
            this.log.warning(`Could not set the GitHub Deployment's status to ${state}: ${why}`, {
                title: 'GitHub Deployment'
            });
            return false;
        }
    }
}


/***/ }),

/***/ 6450:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $f: () => (/* binding */ githubClient),
/* harmony export */   dZ: () => (/* binding */ describeGitHubError),
/* harmony export */   xV: () => (/* binding */ withinBudget)
/* harmony export */ });
/* unused harmony export GITHUB_REQUEST_TIMEOUT_MS */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);
/* harmony import */ var _runtime_budget_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(579);
/* harmony import */ var _runtime_network_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5554);



/** One GitHub API request never takes longer than this: a hung call must not stall a wait or the post step. */
const GITHUB_REQUEST_TIMEOUT_MS = 10_000;
/**
 * An Octokit for the API at `baseUrl` (the runtime reads `GITHUB_API_URL`) whose every request has a timeout (each request gets its own
 * signal, joined with the caller's).
 */
function githubClient(token, opts) {
    const timeoutMs = opts.timeoutMs ?? GITHUB_REQUEST_TIMEOUT_MS;
    const timedFetch = (url, init = {}) => {
        const timeout = AbortSignal.timeout(timeoutMs);
        return fetch(url, {
            ...init,
            signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout
        });
    };
    return (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, {
        baseUrl: opts.baseUrl,
        request: {
            fetch: timedFetch,
            ...(opts.retries === undefined ? {} : { retries: opts.retries })
        }
    });
}
/**
 * What went wrong with a GitHub call, in words that can carry no secret: the HTTP status, a
 * timeout, or the network error's code. Never the error's message, which may quote the request
 * (its Authorization header among it).
 */
function describeGitHubError(err) {
    const e = err;
    // Octokit reports a failure to reach the API as status 500, with the fetch error as `cause`.
    if (err instanceof _runtime_budget_js__WEBPACK_IMPORTED_MODULE_1__/* .BudgetSpentError */ .o)
        return err.message;
    const network = (0,_runtime_network_js__WEBPACK_IMPORTED_MODULE_2__/* .networkReason */ .d)(e) ?? (0,_runtime_network_js__WEBPACK_IMPORTED_MODULE_2__/* .networkReason */ .d)(e?.cause) ?? (0,_runtime_network_js__WEBPACK_IMPORTED_MODULE_2__/* .networkReason */ .d)(e?.cause?.cause);
    if (network)
        return network;
    return typeof e?.status === 'number' && !e.cause ? `HTTP ${e.status}` : 'request failed';
}
/**
 * One GitHub call, under the step's budget when there is one (`call` gets the signal to pass as the
 * request's `signal`): a call given up at the budget is aborted.
 */
function withinBudget(budget, call) {
    return budget ? budget.run((c) => call(c.signal)) : call(undefined);
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
