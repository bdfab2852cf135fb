export const id = 266;
export const ids = [266];
export const modules = {

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
