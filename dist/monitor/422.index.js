export const id = 422;
export const ids = [422];
export const modules = {

/***/ 1422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DynamoRegistry: () => (/* binding */ DynamoRegistry),
  createDynamoClient: () => (/* binding */ createDynamoClient)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-dynamodb/dist-cjs/index.js
var dist_cjs = __webpack_require__(4305);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/lib-dynamodb/dist-cjs/index.js
var lib_dynamodb_dist_cjs = __webpack_require__(8907);
;// CONCATENATED MODULE: ./src/registry/types.ts
/** The table is unreachable, missing, denied or throttled beyond retries: fall back, never deploy blindly. */
class RegistryUnavailableError extends Error {
    operation;
    cause;
    constructor(operation, cause) {
        const e = cause;
        super(`registry ${operation} failed: ${e?.name ?? 'Error'}: ${e?.message ?? String(cause)}`);
        this.operation = operation;
        this.cause = cause;
        this.name = 'RegistryUnavailableError';
    }
}
const RECORD_TTL_DAYS = 7;
const HISTORY_TTL_DAYS = 180;

;// CONCATENATED MODULE: ./src/registry/dynamodb.ts




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
    // Short timeouts: an unreachable table must turn into a fallback quickly, not a hung step.
    return new dist_cjs.DynamoDBClient({
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
        this.doc = lib_dynamodb_dist_cjs/* DynamoDBDocumentClient */.TG.from(client, {
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
            throw new RegistryUnavailableError(operation, err);
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
            const current = await this.call('enqueue', () => this.doc.send(new lib_dynamodb_dist_cjs/* GetCommand */.s$({
                TableName: this.table,
                Key: { pk: envKey(me.environment), sk: QUEUE },
                ConsistentRead: true,
                ProjectionExpression: 'seq'
            })));
            const seen = Number(current.Item?.['seq'] ?? 0);
            const ticket = {
                seq: seen + 1,
                correlationId: me.correlationId,
                heartbeat: (0,external_node_crypto_.randomUUID)(),
                enqueuedAt: this.iso(),
                leaseMs: me.leaseMs,
                run: me.run
            };
            // One write: the number and its ticket appear together, or not at all.
            const written = await this.conditional('enqueue', () => this.doc.send(new lib_dynamodb_dist_cjs/* UpdateCommand */.fR({
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
        const next = { ...ticket, heartbeat: (0,external_node_crypto_.randomUUID)() };
        const ok = await this.conditional('ticket heartbeat', () => this.doc.send(new lib_dynamodb_dist_cjs/* UpdateCommand */.fR({
            TableName: this.table,
            Key: { pk: envKey(environment), sk: QUEUE },
            UpdateExpression: 'SET tickets.#k.heartbeat = :hb',
            ConditionExpression: 'tickets.#k.correlationId = :id',
            ExpressionAttributeNames: { '#k': ticketKey(ticket.seq) },
            ExpressionAttributeValues: { ':hb': next.heartbeat, ':id': ticket.correlationId }
        })));
        return ok ? next : undefined;
    }
    async removeTicket(environment, seq) {
        await this.call('ticket removal', () => this.doc.send(new lib_dynamodb_dist_cjs/* UpdateCommand */.fR({
            TableName: this.table,
            Key: { pk: envKey(environment), sk: QUEUE },
            UpdateExpression: 'REMOVE tickets.#k',
            ConditionExpression: 'attribute_exists(seq)',
            ExpressionAttributeNames: { '#k': ticketKey(seq) }
        })));
    }
    async removeDeadTicket(environment, ticket) {
        return this.conditional('dead ticket removal', () => this.doc.send(new lib_dynamodb_dist_cjs/* UpdateCommand */.fR({
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
            const pages = (0,lib_dynamodb_dist_cjs/* paginateQuery */.y0)({ client: this.doc }, {
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
        const heartbeat = (0,external_node_crypto_.randomUUID)();
        const acquiredAt = this.iso();
        const values = {
            ':id': me.correlationId,
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
            const out = await this.call('acquire', () => this.doc.send(new lib_dynamodb_dist_cjs/* UpdateCommand */.fR({
                TableName: this.table,
                Key: { pk: envKey(me.environment), sk: LOCK },
                UpdateExpression: 'SET fence = if_not_exists(fence, :zero) + :one, holder = :id, heartbeat = :hb, acquiredAt = :at, heartbeatAt = :at, leaseMs = :lease, run = :run, stacks = :stacks',
                ConditionExpression: condition,
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
    async heartbeatLock(environment, correlationId, fence) {
        return this.conditional('lock heartbeat', () => this.doc.send(new lib_dynamodb_dist_cjs/* UpdateCommand */.fR({
            TableName: this.table,
            Key: { pk: envKey(environment), sk: LOCK },
            UpdateExpression: 'SET heartbeat = :hb, heartbeatAt = :at',
            ConditionExpression: 'holder = :id AND fence = :fence',
            ExpressionAttributeValues: {
                ':hb': (0,external_node_crypto_.randomUUID)(),
                ':at': this.iso(),
                ':id': correlationId,
                ':fence': fence
            }
        })));
    }
    async release(environment, correlationId, fence, outcome) {
        return this.conditional('release', () => this.doc.send(new lib_dynamodb_dist_cjs/* UpdateCommand */.fR({
            TableName: this.table,
            Key: { pk: envKey(environment), sk: LOCK },
            UpdateExpression: 'REMOVE holder, heartbeat, heartbeatAt, acquiredAt, leaseMs, run, stacks SET lastHolder = :id, lastOutcome = :outcome, releasedAt = :at',
            ConditionExpression: 'holder = :id AND fence = :fence',
            ExpressionAttributeValues: {
                ':id': correlationId,
                ':fence': fence,
                ':outcome': outcome,
                ':at': this.iso()
            }
        })));
    }
    async forceUnlock(environment, reason, by) {
        const { lock } = await this.view(environment);
        if (!lock.holder)
            return undefined;
        const done = await this.conditional('force unlock', () => this.doc.send(new lib_dynamodb_dist_cjs/* UpdateCommand */.fR({
            TableName: this.table,
            Key: { pk: envKey(environment), sk: LOCK },
            UpdateExpression: 'REMOVE holder, heartbeat, heartbeatAt, acquiredAt, leaseMs, run, stacks SET lastHolder = :id, lastOutcome = :outcome, releasedAt = :at, lastForcedUnlock = :note',
            ConditionExpression: 'holder = :id AND fence = :fence',
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
        await this.call('record', () => this.doc.send(new lib_dynamodb_dist_cjs/* UpdateCommand */.fR({
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
                ':exp': this.expires(RECORD_TTL_DAYS)
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
        await this.call('record', () => this.doc.send(new lib_dynamodb_dist_cjs/* UpdateCommand */.fR({
            TableName: this.table,
            Key: { pk: `DEPLOY#${correlationId}`, sk: 'RECORD' },
            UpdateExpression: `SET ${sets.join(', ')}`,
            ExpressionAttributeValues: values
        })));
    }
    async getRecord(correlationId) {
        const out = await this.call('record read', () => this.doc.send(new lib_dynamodb_dist_cjs/* GetCommand */.s$({
            TableName: this.table,
            Key: { pk: `DEPLOY#${correlationId}`, sk: 'RECORD' },
            ConsistentRead: true
        })));
        return out.Item;
    }
    async addHistory(entry) {
        await this.call('history', () => this.doc.send(new lib_dynamodb_dist_cjs/* UpdateCommand */.fR({
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
                ':exp': this.expires(HISTORY_TTL_DAYS)
            }
        })));
    }
    async history(environment, limit) {
        const out = await this.call('history read', () => this.doc.send(new lib_dynamodb_dist_cjs/* QueryCommand */.sf({
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
