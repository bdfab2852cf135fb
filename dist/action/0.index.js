export const id = 0;
export const ids = [0];
export const modules = {

/***/ 8000:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   restoreHistory: () => (/* binding */ restoreHistory),
/* harmony export */   saveHistory: () => (/* binding */ saveHistory)
/* harmony export */ });
/* unused harmony exports historyKeyPrefix, historyRunKey */
/* harmony import */ var _runtime_env_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1623);

/**
 * The history file travels between runs in the Actions cache: one key per
 * environment and run (keys are immutable), restored by prefix so the newest wins.
 */
const historyKeyPrefix = (environment) => `deploy-coordinator-history-${environment}-`;
const historyRunKey = (environment, env) => `${historyKeyPrefix(environment)}${env['GITHUB_RUN_ID'] ?? '0'}-${env['GITHUB_RUN_ATTEMPT'] ?? '1'}`;
async function restoreHistory(file, environment, log, env = _runtime_env_js__WEBPACK_IMPORTED_MODULE_0__/* .processEnv */ .H) {
    const cache = await Promise.all(/* import() */[__webpack_require__.e(838), __webpack_require__.e(131)]).then(__webpack_require__.bind(__webpack_require__, 7131));
    if (!cache.isFeatureAvailable()) {
        log.info('The Actions cache is not available here: estimates start without history.');
        return;
    }
    try {
        const hit = await cache.restoreCache([file], historyRunKey(environment, env), [
            historyKeyPrefix(environment)
        ]);
        log.info(hit
            ? `Deployment history restored from the Actions cache (${hit}).`
            : 'No deployment history in the Actions cache yet.');
    }
    catch (err) {
        log.warning(`Could not restore the deployment history from the Actions cache: ${err.message}`, { title: 'History not restored' });
    }
}
async function saveHistory(file, environment, log, env = _runtime_env_js__WEBPACK_IMPORTED_MODULE_0__/* .processEnv */ .H, budget) {
    const cache = await Promise.all(/* import() */[__webpack_require__.e(838), __webpack_require__.e(131)]).then(__webpack_require__.bind(__webpack_require__, 7131));
    if (!cache.isFeatureAvailable())
        return;
    const key = `${historyRunKey(environment, env)}-${Date.now()}`;
    const what = 'the deployment history saved to the Actions cache';
    try {
        // The cache's client takes no signal: given up at the budget, the upload is not waited for.
        const id = await (budget
            ? budget.run(() => cache.saveCache([file], key))
            : cache.saveCache([file], key));
        // saveCache reports most failures itself (a warning) and answers -1.
        if (id === -1) {
            budget?.miss(what, 'not saved (see the Actions cache warning above)');
            return;
        }
        log.info('Deployment history saved to the Actions cache.');
    }
    catch (err) {
        // The cache's errors say what went wrong (a key taken, the service refusing) and carry no token.
        const why = err.message;
        budget?.miss(what, why);
        log.warning(`Could not save the deployment history to the Actions cache: ${why}`, {
            title: 'History not saved'
        });
    }
}


/***/ })

};
