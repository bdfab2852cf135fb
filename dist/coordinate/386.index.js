export const id = 386;
export const ids = [386];
export const modules = {

/***/ 5386:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitHubRunLiveness: () => (/* binding */ GitHubRunLiveness)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);

/**
 * Asks the GitHub API whether a lock holder's workflow run is still going. Any
 * failure (no access to that repository, rate limit) means 'cannot tell'.
 */
class GitHubRunLiveness {
    log;
    octokit;
    warned = false;
    constructor(token, log, baseUrl = process.env['GITHUB_API_URL'] || 'https://api.github.com') {
        this.log = log;
        this.octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, { baseUrl, request: { retries: 0 } });
    }
    async runFinished(run) {
        const [owner, repo] = (run.repository ?? '').split('/');
        const runId = Number(run.runId);
        if (!owner || !repo || !Number.isInteger(runId))
            return undefined;
        try {
            const { data } = run.runAttempt
                ? await this.octokit.rest.actions.getWorkflowRunAttempt({
                    owner,
                    repo,
                    run_id: runId,
                    attempt_number: Number(run.runAttempt)
                })
                : await this.octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId });
            return data.status === 'completed';
        }
        catch (err) {
            if (!this.warned) {
                this.warned = true;
                this.log.info(`Cannot ask GitHub about run ${run.repository}#${run.runId} (${err.message}); judging the lock by its heartbeat only.`);
            }
            return undefined;
        }
    }
}


/***/ })

};
