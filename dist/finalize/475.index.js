export const id = 475;
export const ids = [475];
export const modules = {

/***/ 9475:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   stepCancelled: () => (/* binding */ stepCancelled)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);

/**
 * Whether a step of this job was cancelled, from the GitHub API (`actions: read`);
 * undefined when it cannot tell (no access, or the job cannot be told apart by name).
 */
async function stepCancelled(token, run, baseUrl = process.env['GITHUB_API_URL'] || 'https://api.github.com') {
    const [owner, repo] = (run.repository ?? '').split('/');
    const runId = Number(run.runId);
    if (!owner || !repo || !Number.isInteger(runId) || !run.job)
        return undefined;
    try {
        const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, { baseUrl, request: { retries: 0 } });
        const { data } = await octokit.rest.actions.listJobsForWorkflowRunAttempt({
            owner,
            repo,
            run_id: runId,
            attempt_number: Number(run.runAttempt || '1')
        });
        const mine = data.jobs.filter((j) => j.status === 'in_progress' && (j.name === run.job || j.name.startsWith(`${run.job} (`)));
        if (mine.length !== 1)
            return undefined;
        return (mine[0].steps ?? []).some((s) => s.conclusion === 'cancelled');
    }
    catch {
        return undefined;
    }
}


/***/ })

};
