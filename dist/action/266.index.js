export const id = 266;
export const ids = [266];
export const modules = {

/***/ 1602:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p2: () => (/* binding */ historyFile),
/* harmony export */   rZ: () => (/* binding */ HistoryFile)
/* harmony export */ });
/* unused harmony exports readHistoryFile, appendHistoryFile */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1623);




/** How many deployments the history file keeps (newest first). */
const KEEP = 50;
/** Without a registry table, history lives in a file that the Actions cache carries from run to run. */
function historyFile(environment, env = _runtime_env_js__WEBPACK_IMPORTED_MODULE_3__/* .processEnv */ .H) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env['RUNNER_TEMP'] || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'deploy-coordinator-history', `${environment.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
}
function readHistoryFile(file) {
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
        return [];
    try {
        const entries = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8'));
        return Array.isArray(entries) ? entries : [];
    }
    catch {
        return [];
    }
}
function appendHistoryFile(file, entry) {
    const entries = [
        entry,
        ...readHistoryFile(file).filter((e) => e.correlationId !== entry.correlationId)
    ]
        .sort((a, b) => b.endedAt.localeCompare(a.endedAt))
        .slice(0, KEEP);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(file), { recursive: true });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(file, JSON.stringify(entries, null, 2));
}
/** The history in a file; `persist` keeps it for later runs (the Actions cache). */
class HistoryFile {
    file;
    persist;
    constructor(file, persist = async () => undefined) {
        this.file = file;
        this.persist = persist;
    }
    async add(entry) {
        appendHistoryFile(this.file, entry);
    }
    async recent(_environment, limit) {
        return readHistoryFile(this.file).slice(0, limit);
    }
    save() {
        return this.persist();
    }
}


/***/ }),

/***/ 4266:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   preStage: () => (/* binding */ preStage)
/* harmony export */ });
/* harmony import */ var _config_state_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4131);
/* harmony import */ var _registry_history_file_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1602);
/* harmony import */ var _report_logger_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3748);
/* harmony import */ var _runtime_stage_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1130);
/* harmony import */ var _logs_deployment_log_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3892);
/* harmony import */ var _runtime_logs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2519);






/**
 * pre: validate every input before anything is touched, and fix the correlation
 * ID for the whole job.
 */
async function preStage(io) {
    const logs = new _logs_deployment_log_js__WEBPACK_IMPORTED_MODULE_3__/* .DeploymentLog */ .e(_runtime_stage_js__WEBPACK_IMPORTED_MODULE_2__.coreSink);
    const log = (0,_report_logger_js__WEBPACK_IMPORTED_MODULE_5__/* .createLogger */ .h)((0,_runtime_stage_js__WEBPACK_IMPORTED_MODULE_2__.stageCorrelationId)(io), logs);
    const config = (0,_runtime_stage_js__WEBPACK_IMPORTED_MODULE_2__.loadConfig)(log, io);
    if (!config)
        return logs.off();
    await (0,_runtime_logs_js__WEBPACK_IMPORTED_MODULE_4__/* .startDeploymentLog */ .A_)(logs, config, 'pre', log, io).catch(() => logs.off());
    try {
        await prepare(io, log, config);
    }
    finally {
        await logs.close();
    }
}
async function prepare(io, log, config) {
    (0,_runtime_stage_js__WEBPACK_IMPORTED_MODULE_2__.sayInputWarnings)(log, io, config);
    io.saveState(_config_state_js__WEBPACK_IMPORTED_MODULE_0__/* .State */ .Uw.CorrelationId, log.correlationId);
    io.saveState(_config_state_js__WEBPACK_IMPORTED_MODULE_0__/* .State */ .Uw.PreRan, 'true');
    if (!config.registryTable) {
        const { restoreHistory } = await __webpack_require__.e(/* import() */ 0).then(__webpack_require__.bind(__webpack_require__, 8000));
        await restoreHistory((0,_registry_history_file_js__WEBPACK_IMPORTED_MODULE_1__/* .historyFile */ .p2)(config.environment), config.environment, log);
    }
    log.info(`Deployment Coordinator: environment ${config.environment}, stacks ${config.stackNames.join(', ')}, region ${config.region}, registry ${config.registryTable ?? 'none (CloudFormation only)'}.`);
}


/***/ })

};
