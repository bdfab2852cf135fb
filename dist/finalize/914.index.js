export const id = 914;
export const ids = [914];
export const modules = {

/***/ 914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CloudFormationOnlyRegistry: () => (/* binding */ CloudFormationOnlyRegistry)
/* harmony export */ });
/* harmony import */ var _history_file_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6818);

/**
 * No table: nobody to queue with and nothing to record. Coordination rests on
 * CloudFormation's own status alone (best effort: no order, no identity).
 */
class CloudFormationOnlyRegistry {
    historyFile;
    kind = 'cloudformation-only';
    /** `historyFile`: where history is kept without a table (carried by the Actions cache). */
    constructor(historyFile) {
        this.historyFile = historyFile;
    }
    async enqueue(me) {
        return {
            seq: 0,
            correlationId: me.correlationId,
            owner: me.owner,
            heartbeat: '',
            enqueuedAt: new Date().toISOString(),
            leaseMs: me.leaseMs,
            run: me.run
        };
    }
    async heartbeatTicket(_environment, ticket) {
        return ticket;
    }
    async removeTicket() { }
    async removeDeadTicket() {
        return false;
    }
    async view(environment) {
        return { lock: { environment, fence: 0 }, tickets: [] };
    }
    async acquire(me, _observed) {
        return {
            correlationId: me.correlationId,
            owner: me.owner,
            fence: 0,
            heartbeat: '',
            acquiredAt: new Date().toISOString(),
            leaseMs: me.leaseMs,
            run: me.run,
            stacks: me.stacks
        };
    }
    async heartbeatLock() {
        return true;
    }
    async release() {
        return true;
    }
    async forceUnlock() {
        return undefined;
    }
    async putRecord() { }
    async addTransition() { }
    async getRecord() {
        return undefined;
    }
    async addHistory(entry) {
        if (this.historyFile)
            (0,_history_file_js__WEBPACK_IMPORTED_MODULE_0__/* .appendHistoryFile */ .bH)(this.historyFile, entry);
    }
    async history(_environment, limit) {
        return this.historyFile ? (0,_history_file_js__WEBPACK_IMPORTED_MODULE_0__/* .readHistoryFile */ .tG)(this.historyFile).slice(0, limit) : [];
    }
}


/***/ })

};
