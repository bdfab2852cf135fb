export const id = 914;
export const ids = [914];
export const modules = {

/***/ 914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CloudFormationOnlyRegistry: () => (/* binding */ CloudFormationOnlyRegistry)
/* harmony export */ });
/**
 * No table: nobody to queue with and nothing to record. Coordination rests on
 * CloudFormation's own status alone (best effort: no order, no identity).
 */
class CloudFormationOnlyRegistry {
    kind = 'cloudformation-only';
    async enqueue(me) {
        return {
            seq: 0,
            correlationId: me.correlationId,
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
    async addHistory(_entry) { }
    async history() {
        return [];
    }
}


/***/ })

};
