export const id = 867;
export const ids = [867];
export const modules = {

/***/ 1265:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gx: () => (/* binding */ minutes),
/* harmony export */   YA: () => (/* binding */ seconds),
/* harmony export */   a3: () => (/* binding */ formatDuration)
/* harmony export */ });
/** Human durations for logs and messages: `45s`, `4m 05s`, `1h 02m`. */
function formatDuration(ms) {
    // Sub-second intervals (tests, tight polling) would otherwise read '0s'.
    if (ms > 0 && ms < 1000)
        return `${Math.round(ms)}ms`;
    const total = Math.max(0, Math.round(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    if (h > 0)
        return `${h}h ${String(m).padStart(2, '0')}m`;
    if (m > 0)
        return `${m}m ${String(s).padStart(2, '0')}s`;
    return `${s}s`;
}
const minutes = (n) => n * 60_000;
const seconds = (n) => n * 1000;


/***/ }),

/***/ 3748:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ createLogger)
/* harmony export */ });
/** Every line tagged with the correlation ID (each line of a message: the runner reads lines). */
function createLogger(correlationId, sink) {
    const tag = (message) => message
        .split('\n')
        .map((line) => `[${correlationId}] ${line}`)
        .join('\n');
    return {
        correlationId,
        info: (m) => sink.info(tag(m)),
        debug: (m) => sink.debug(tag(m)),
        warning: (m, p) => sink.warning(tag(m), p),
        error: (m, p) => sink.error(tag(m), p)
    };
}


/***/ }),

/***/ 9146:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ systemClock),
/* harmony export */   y: () => (/* binding */ sleep)
/* harmony export */ });
/** The wall clock. */
const systemClock = { now: () => Date.now() };
/** A sleep that an abort ends at once (resolving, never rejecting). */
const sleep = (ms, signal) => new Promise((resolve) => {
    if (signal?.aborted)
        return resolve();
    const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
});


/***/ }),

/***/ 1623:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ envValue),
/* harmony export */   H: () => (/* binding */ processEnv)
/* harmony export */ });
const processEnv = process.env;
/** A variable of this process's environment (empty counts as unset). */
const envValue = (name, env = processEnv) => env[name] || undefined;


/***/ })

};
