export const id = 351;
export const ids = [351];
export const modules = {

/***/ 7351:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DynamoRegistry: () => (/* binding */ DynamoRegistry),
/* harmony export */   createDynamoClient: () => (/* binding */ createDynamoClient)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _aws_sdk_client_dynamodb__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4305);
/* harmony import */ var _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8907);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(234);




/**
 * Item design (partition key pk, sort key sk):
 *   ENV#<env>    LOCK            the lock: holder, fence, heartbeat, lease, run
 *   ENV#<env>    QUEUE           the arrival counter `seq` and the live tickets, a map seq -> ticket:
 *                                a ticket and its number are written by one conditional write, so
 *                                no reader ever sees a number whose ticket is not there yet
 *   ENV#<env>    HIST#<end>#<id> a finished deployment, for estimates and `history`
 *   DEPLOY#<id>  RECORD          a deployment's record: run, stacks, fence, transitions, outcome
 */
const LOCK = 'LOCK';
const QUEUE = 'QUEUE';
const HIST = 'HIST#';
const envKey = (env) => `ENV#${env}`;
const ticketKey = (seq) => String(seq).padStart(12, '0');
const DAY_S = 86_400;
function createDynamoClient(region) {
    // Throttling, 5xx and timeouts are retried by the SDK (standard mode: exponential backoff with
    // jitter, a longer base for throttling), then by the caller's own loop. Short timeouts: a hung
    // call must never stall a wait, a heartbeat or a release.
    return new _aws_sdk_client_dynamodb__WEBPACK_IMPORTED_MODULE_3__.DynamoDBClient({
        region,
        maxAttempts: 4,
        retryMode: 'standard',
        requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000 }
    });
}
const isConditionFailure = (err) => err?.name === 'ConditionalCheckFailedException';
class DynamoRegistry {
    table;
    now;
    kind = 'dynamodb';
    doc;
    constructor(client, table, now = Date.now) {
        this.table = table;
        this.now = now;
        this.doc = _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_1__/* .DynamoDBDocumentClient */ .TG.from(client, {
            marshallOptions: { removeUndefinedValues: true }
        });
    }
    async call(operation, fn) {
        try {
            return await fn();
        }
        catch (err) {
            if (isConditionFailure(err))
                throw err;
            throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryUnavailableError */ .i$(operation, err);
        }
    }
    /** A conditional write: true when it applied, false when its condition did not hold. */
    async conditional(operation, fn) {
        try {
            await this.call(operation, fn);
            return true;
        }
        catch (err) {
            if (isConditionFailure(err))
                return false;
            throw err;
        }
    }
    iso() {
        return new Date(this.now()).toISOString();
    }
    expires(days) {
        return Math.floor(this.now() / 1000) + days * DAY_S;
    }
    async enqueue(me) {
        // Optimistic: read the counter, then write counter and ticket together on condition it has not moved.
        for (;;) {
            const current = await this.call('enqueue', () => this.doc.send(new _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_1__/* .GetCommand */ .s$({
                TableName: this.table,
                Key: { pk: envKey(me.environment), sk: QUEUE },
                ConsistentRead: true,
                ProjectionExpression: 'seq'
            })));
            const seen = Number(current.Item?.['seq'] ?? 0);
            const ticket = {
                seq: seen + 1,
                correlationId: me.correlationId,
                owner: me.owner,
                heartbeat: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)(),
                enqueuedAt: this.iso(),
                leaseMs: me.leaseMs,
                run: me.run
            };
            // One write: the number and its ticket appear together, or not at all.
            const written = await this.conditional('enqueue', () => this.doc.send(new _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_1__/* .UpdateCommand */ .fR({
                TableName: this.table,
                Key: { pk: envKey(me.environment), sk: QUEUE },
                ...(seen === 0
                    ? {
                        UpdateExpression: 'SET seq = :next, tickets = :first',
                        ConditionExpression: 'attribute_not_exists(seq)',
                        ExpressionAttributeValues: {
                            ':next': ticket.seq,
                            ':first': { [ticketKey(ticket.seq)]: ticket }
                        }
                    }
                    : {
                        UpdateExpression: 'SET seq = :next, tickets.#k = :ticket',
                        ConditionExpression: 'seq = :seen',
                        ExpressionAttributeNames: { '#k': ticketKey(ticket.seq) },
                        ExpressionAttributeValues: {
                            ':next': ticket.seq,
                            ':seen': seen,
                            ':ticket': ticket
                        }
                    })
            })));
            if (written)
                return ticket;
        }
    }
    async heartbeatTicket(environment, ticket) {
        const next = { ...ticket, heartbeat: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)() };
        const ok = await this.conditional('ticket heartbeat', () => this.doc.send(new _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_1__/* .UpdateCommand */ .fR({
            TableName: this.table,
            Key: { pk: envKey(environment), sk: QUEUE },
            UpdateExpression: 'SET tickets.#k.heartbeat = :hb',
            ConditionExpression: 'tickets.#k.#owner = :owner',
            ExpressionAttributeNames: { '#k': ticketKey(ticket.seq), '#owner': 'owner' },
            ExpressionAttributeValues: { ':hb': next.heartbeat, ':owner': ticket.owner }
        })));
        return ok ? next : undefined;
    }
    async removeTicket(environment, seq) {
        await this.call('ticket removal', () => this.doc.send(new _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_1__/* .UpdateCommand */ .fR({
            TableName: this.table,
            Key: { pk: envKey(environment), sk: QUEUE },
            UpdateExpression: 'REMOVE tickets.#k',
            ConditionExpression: 'attribute_exists(seq)',
            ExpressionAttributeNames: { '#k': ticketKey(seq) }
        })));
    }
    async removeDeadTicket(environment, ticket) {
        return this.conditional('dead ticket removal', () => this.doc.send(new _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_1__/* .UpdateCommand */ .fR({
            TableName: this.table,
            Key: { pk: envKey(environment), sk: QUEUE },
            UpdateExpression: 'REMOVE tickets.#k',
            ConditionExpression: 'tickets.#k.heartbeat = :hb',
            ExpressionAttributeNames: { '#k': ticketKey(ticket.seq) },
            ExpressionAttributeValues: { ':hb': ticket.heartbeat }
        })));
    }
    async view(environment) {
        // One strongly consistent query reads the lock and the queue (sort keys LOCK < QUEUE).
        const items = [];
        await this.call('read', async () => {
            const pages = (0,_aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_1__/* .paginateQuery */ .y0)({ client: this.doc }, {
                TableName: this.table,
                ConsistentRead: true,
                KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
                ExpressionAttributeValues: { ':pk': envKey(environment), ':from': LOCK, ':to': QUEUE }
            });
            for await (const page of pages)
                items.push(...(page.Items ?? []));
        });
        const lockItem = items.find((i) => i['sk'] === LOCK);
        const queue = items.find((i) => i['sk'] === QUEUE);
        const tickets = Object.values((queue?.['tickets'] ?? {}))
            .map(toTicket)
            .sort((a, b) => a.seq - b.seq);
        return { lock: toLock(environment, lockItem), tickets };
    }
    async acquire(me, observed) {
        const heartbeat = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)();
        const acquiredAt = this.iso();
        const values = {
            ':id': me.correlationId,
            ':owner': me.owner,
            ':hb': heartbeat,
            ':at': acquiredAt,
            ':lease': me.leaseMs,
            ':run': me.run,
            ':stacks': [...me.stacks],
            ':zero': 0,
            ':one': 1
        };
        // Free (never held, or released), or exactly the stale holding we observed.
        let condition = 'attribute_not_exists(holder)';
        if (observed.holder) {
            condition += ' OR (fence = :seenFence AND heartbeat = :seenHb)';
            values[':seenFence'] = observed.fence;
            values[':seenHb'] = observed.holder.heartbeat;
        }
        try {
            const out = await this.call('acquire', () => this.doc.send(new _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_1__/* .UpdateCommand */ .fR({
                TableName: this.table,
                Key: { pk: envKey(me.environment), sk: LOCK },
                UpdateExpression: 'SET fence = if_not_exists(fence, :zero) + :one, holder = :id, #owner = :owner, heartbeat = :hb, acquiredAt = :at, heartbeatAt = :at, leaseMs = :lease, run = :run, stacks = :stacks',
                ConditionExpression: condition,
                ExpressionAttributeNames: { '#owner': 'owner' },
                ExpressionAttributeValues: values,
                ReturnValues: 'ALL_NEW'
            })));
            return toLock(me.environment, out.Attributes).holder;
        }
        catch (err) {
            if (isConditionFailure(err))
                return undefined;
            throw err;
        }
    }
    async heartbeatLock(environment, key, signal) {
        return this.conditional('lock heartbeat', () => this.doc.send(new _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_1__/* .UpdateCommand */ .fR({
            TableName: this.table,
            Key: { pk: envKey(environment), sk: LOCK },
            UpdateExpression: 'SET heartbeat = :hb, heartbeatAt = :at',
            ConditionExpression: '#owner = :owner AND fence = :fence',
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: {
                ':hb': (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)(),
                ':at': this.iso(),
                ':owner': key.owner,
                ':fence': key.fence
            }
        }), { abortSignal: signal }));
    }
    async release(environment, key, outcome) {
        // The holder names itself by owner token; an operator (the CLI) by correlation ID. The fence
        // alone already names one acquisition: the other half guards against a typo.
        const byOwner = 'owner' in key;
        return this.conditional('release', () => this.doc.send(new _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_1__/* .UpdateCommand */ .fR({
            TableName: this.table,
            Key: { pk: envKey(environment), sk: LOCK },
            UpdateExpression: 'REMOVE holder, #owner, heartbeat, heartbeatAt, acquiredAt, leaseMs, run, stacks SET lastHolder = :id, lastOutcome = :outcome, releasedAt = :at',
            ConditionExpression: byOwner
                ? '#owner = :who AND fence = :fence'
                : 'holder = :who AND fence = :fence',
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: {
                ':who': byOwner ? key.owner : key.correlationId,
                ':id': key.correlationId,
                ':fence': key.fence,
                ':outcome': outcome,
                ':at': this.iso()
            }
        })));
    }
    async forceUnlock(environment, reason, by) {
        const { lock } = await this.view(environment);
        if (!lock.holder)
            return undefined;
        const done = await this.conditional('force unlock', () => this.doc.send(new _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_1__/* .UpdateCommand */ .fR({
            TableName: this.table,
            Key: { pk: envKey(environment), sk: LOCK },
            UpdateExpression: 'REMOVE holder, #owner, heartbeat, heartbeatAt, acquiredAt, leaseMs, run, stacks SET lastHolder = :id, lastOutcome = :outcome, releasedAt = :at, lastForcedUnlock = :note',
            ConditionExpression: 'holder = :id AND fence = :fence',
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: {
                ':id': lock.holder.correlationId,
                ':fence': lock.fence,
                ':outcome': 'force-unlocked',
                ':at': this.iso(),
                ':note': { by, reason, at: this.iso() }
            }
        })));
        return done ? lock.holder : undefined;
    }
    async putRecord(record, first) {
        await this.call('record', () => this.doc.send(new _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_1__/* .UpdateCommand */ .fR({
            TableName: this.table,
            Key: { pk: `DEPLOY#${record.correlationId}`, sk: 'RECORD' },
            UpdateExpression: 'SET correlationId = :id, environment = :env, stacks = :stacks, run = :run, transitions = list_append(if_not_exists(transitions, :empty), :t), expiresAt = :exp',
            ExpressionAttributeValues: {
                ':id': record.correlationId,
                ':env': record.environment,
                ':stacks': [...record.stacks],
                ':run': record.run,
                ':empty': [],
                ':t': [first],
                ':exp': this.expires(_types_js__WEBPACK_IMPORTED_MODULE_2__/* .RECORD_TTL_DAYS */ .Br)
            }
        })));
    }
    async addTransition(correlationId, entry, patch = {}) {
        const sets = ['transitions = list_append(if_not_exists(transitions, :empty), :t)'];
        const values = { ':empty': [], ':t': [entry] };
        if (patch.fence !== undefined) {
            sets.push('fence = :fence');
            values[':fence'] = patch.fence;
        }
        if (patch.outcome !== undefined) {
            sets.push('outcome = :outcome');
            values[':outcome'] = patch.outcome;
        }
        await this.call('record', () => this.doc.send(new _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_1__/* .UpdateCommand */ .fR({
            TableName: this.table,
            Key: { pk: `DEPLOY#${correlationId}`, sk: 'RECORD' },
            UpdateExpression: `SET ${sets.join(', ')}`,
            ExpressionAttributeValues: values
        })));
    }
    async getRecord(correlationId) {
        const out = await this.call('record read', () => this.doc.send(new _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_1__/* .GetCommand */ .s$({
            TableName: this.table,
            Key: { pk: `DEPLOY#${correlationId}`, sk: 'RECORD' },
            ConsistentRead: true
        })));
        return out.Item;
    }
    async addHistory(entry) {
        await this.call('history', () => this.doc.send(new _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_1__/* .UpdateCommand */ .fR({
            TableName: this.table,
            Key: {
                pk: envKey(entry.environment),
                sk: `${HIST}${entry.endedAt}#${entry.correlationId}`
            },
            UpdateExpression: 'SET correlationId = :id, environment = :env, stacks = :stacks, outcome = :outcome, startedAt = :start, endedAt = :end, durationMs = :d, resourceTypeSeconds = :rt, expiresAt = :exp',
            ExpressionAttributeValues: {
                ':id': entry.correlationId,
                ':env': entry.environment,
                ':stacks': [...entry.stacks],
                ':outcome': entry.outcome,
                ':start': entry.startedAt,
                ':end': entry.endedAt,
                ':d': entry.durationMs,
                ':rt': entry.resourceTypeSeconds ?? {},
                ':exp': this.expires(_types_js__WEBPACK_IMPORTED_MODULE_2__/* .HISTORY_TTL_DAYS */ .MA)
            }
        })));
    }
    async history(environment, limit) {
        const out = await this.call('history read', () => this.doc.send(new _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_1__/* .QueryCommand */ .sf({
            TableName: this.table,
            ConsistentRead: true,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :hist)',
            ExpressionAttributeValues: { ':pk': envKey(environment), ':hist': HIST },
            ScanIndexForward: false,
            Limit: limit
        })));
        return (out.Items ?? []);
    }
}
function toTicket(item) {
    return {
        seq: Number(item['seq']),
        correlationId: String(item['correlationId']),
        owner: String(item['owner'] ?? ''),
        heartbeat: String(item['heartbeat']),
        enqueuedAt: String(item['enqueuedAt']),
        leaseMs: Number(item['leaseMs']),
        run: (item['run'] ?? {})
    };
}
function toLock(environment, item) {
    if (!item)
        return { environment, fence: 0 };
    const holder = item['holder']
        ? {
            correlationId: String(item['holder']),
            owner: String(item['owner'] ?? ''),
            fence: Number(item['fence']),
            heartbeat: String(item['heartbeat']),
            acquiredAt: String(item['acquiredAt']),
            leaseMs: Number(item['leaseMs']),
            run: (item['run'] ?? {}),
            stacks: (item['stacks'] ?? [])
        }
        : undefined;
    return {
        environment,
        fence: Number(item['fence'] ?? 0),
        holder,
        lastHolder: item['lastHolder'],
        lastOutcome: item['lastOutcome'],
        releasedAt: item['releasedAt']
    };
}


/***/ })

};
