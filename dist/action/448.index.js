export const id = 448;
export const ids = [448];
export const modules = {

/***/ 7530:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DF: () => (/* binding */ HIST),
/* harmony export */   DH: () => (/* binding */ DynamoTable),
/* harmony export */   Hy: () => (/* binding */ recordKey),
/* harmony export */   SN: () => (/* binding */ envOfIndexKey),
/* harmony export */   YM: () => (/* binding */ LOCK),
/* harmony export */   _8: () => (/* binding */ isConditionFailure),
/* harmony export */   a0: () => (/* binding */ QUEUE),
/* harmony export */   xK: () => (/* binding */ ENVS),
/* harmony export */   xr: () => (/* binding */ envIndexKey),
/* harmony export */   yG: () => (/* binding */ createDynamoClient),
/* harmony export */   zW: () => (/* binding */ envKey)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_dynamodb__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4305);
/* harmony import */ var _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8907);
/* harmony import */ var _ports_registry_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4053);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(248);




/**
 * Item design (partition key pk, sort key sk):
 *   ENV#<env>    LOCK            the lock: holder, fence, heartbeat, lease, run
 *   ENV#<env>    QUEUE           the arrival counter `seq` and the live tickets, a map seq -> ticket:
 *                                a ticket and its number are written by one conditional write, so
 *                                no reader ever sees a number whose ticket is not there yet; each
 *                                ticket has its priority (high before normal, then by number)
 *   ENV#<env>    HIST#<end>#<id> a finished deployment, for estimates and `history`
 *   DEPLOY#<id>  RECORD          a deployment's record: run, stacks, fence, transitions, outcome
 *   ENVS         ENV#<env>       the index of environments (`status` with none lists them all, with
 *                                one Query: no Scan is granted); written when a run queues there
 *   FREEZES      FREEZE#<env>#<id>  a deploy freeze of one environment (`*` for all of them): one
 *                                partition, so one Query reads every freeze that can hold a run
 */
const LOCK = 'LOCK';
const QUEUE = 'QUEUE';
const HIST = 'HIST#';
const envKey = (env) => `ENV#${env}`;
const ENVS = 'ENVS';
/** An environment's entry in the index of environments. */
const envIndexKey = (env) => ({ pk: ENVS, sk: envKey(env) });
/** The environment an index entry's sort key names. */
const envOfIndexKey = (sk) => sk.slice(envKey('').length);
const recordKey = (correlationId) => ({
    pk: `DEPLOY#${correlationId}`,
    sk: 'RECORD'
});
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
/** The registry table: its document client, and calls whose failures say what kind of trouble they are. */
class DynamoTable {
    name;
    now;
    doc;
    constructor(client, name, now = Date.now) {
        this.name = name;
        this.now = now;
        this.doc = _aws_sdk_lib_dynamodb__WEBPACK_IMPORTED_MODULE_0__/* .DynamoDBDocumentClient */ .TG.from(client, {
            marshallOptions: { removeUndefinedValues: true },
            // Every number as DynamoDB wrote it when JavaScript cannot hold it: the schema refuses it,
            // naming the item, instead of the whole read failing (registry/schema.ts).
            unmarshallOptions: { wrapNumbers: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .readNumber */ .kz }
        });
    }
    async call(operation, fn) {
        try {
            return await fn();
        }
        catch (err) {
            if (isConditionFailure(err))
                throw err;
            throw new _ports_registry_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryUnavailableError */ .i$(operation, err);
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
}


/***/ }),

/***/ 448:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createDynamoClient: () => (/* reexport */ dynamodb_table/* createDynamoClient */.yG),
  dynamoRegistry: () => (/* binding */ dynamoRegistry)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/lib-dynamodb/dist-cjs/index.js
var dist_cjs = __webpack_require__(8907);
;// CONCATENATED MODULE: ./.tmp/js/ports/registry.js
const RECORD_TTL_DAYS = 7;
/** A thawed or ended freeze is kept this long, for the record. */
const FREEZE_TTL_DAYS = 7;
const HISTORY_TTL_DAYS = 180;

// EXTERNAL MODULE: ./.tmp/js/registry/schema.js
var schema = __webpack_require__(248);
// EXTERNAL MODULE: ./.tmp/js/registry/schema-freezes.js
var schema_freezes = __webpack_require__(9801);
;// CONCATENATED MODULE: ./.tmp/js/registry/dynamodb-freezes.js




const FREEZES = 'FREEZES';
const freezeKey = (f) => ({
    pk: FREEZES,
    sk: `FREEZE#${f.environment}#${f.id}`
});
/**
 * Freezes in the registry table, all in one partition. Written with UpdateItem (the policy grants
 * no PutItem or DeleteItem): a thaw marks the item and lets TTL remove it a week later; a one-off
 * freeze expires a week after its end, a recurring one only once thawed.
 */
class DynamoFreezes {
    t;
    constructor(t) {
        this.t = t;
    }
    async list() {
        const items = [];
        await this.t.call('freezes read', async () => {
            const pages = (0,dist_cjs/* paginateQuery */.y0)({ client: this.t.doc }, {
                TableName: this.t.name,
                ConsistentRead: true,
                KeyConditionExpression: 'pk = :pk AND begins_with(sk, :freeze)',
                ExpressionAttributeValues: { ':pk': FREEZES, ':freeze': 'FREEZE#' }
            });
            for await (const page of pages)
                items.push(...(page.Items ?? []));
        });
        return (0,schema/* sorted */.IP)(items.map(schema_freezes/* decodeFreeze */.U));
    }
    async add(f) {
        const fields = {
            id: f.id,
            environment: f.environment,
            reason: f.reason,
            by: f.by,
            createdAt: f.createdAt,
            from: f.from,
            until: f.until,
            cron: f.cron,
            durationMs: f.durationMs,
            timeZone: f.timeZone
        };
        if (f.until)
            fields['expiresAt'] = Math.floor(Date.parse(f.until) / 1000) + FREEZE_TTL_DAYS * 86_400;
        const names = Object.keys(fields).filter((k) => fields[k] !== undefined);
        await this.t.call('freeze', () => this.t.doc.send(new dist_cjs/* UpdateCommand */.fR({
            TableName: this.t.name,
            Key: freezeKey(f),
            UpdateExpression: `SET ${names.map((k) => `#${k} = :${k}`).join(', ')}`,
            ConditionExpression: 'attribute_not_exists(pk)',
            ExpressionAttributeNames: Object.fromEntries(names.map((k) => [`#${k}`, k])),
            ExpressionAttributeValues: Object.fromEntries(names.map((k) => [`:${k}`, fields[k]]))
        })));
    }
    async thaw(f, by) {
        return this.t.conditional('thaw', () => this.t.doc.send(new dist_cjs/* UpdateCommand */.fR({
            TableName: this.t.name,
            Key: freezeKey(f),
            UpdateExpression: 'SET thawedAt = :at, thawedBy = :by, expiresAt = :exp',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(thawedAt)',
            ExpressionAttributeValues: {
                ':at': this.t.iso(),
                ':by': by,
                ':exp': this.t.expires(FREEZE_TTL_DAYS)
            }
        })));
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./.tmp/js/ports/registry-errors.js
var registry_errors = __webpack_require__(4053);
// EXTERNAL MODULE: ./.tmp/js/registry/dynamodb-table.js
var dynamodb_table = __webpack_require__(7530);
// EXTERNAL MODULE: ./.tmp/js/registry/schema-lock.js
var schema_lock = __webpack_require__(2902);
;// CONCATENATED MODULE: ./.tmp/js/registry/dynamodb-lock.js






/** The lock, in the registry table: its LOCK item (the queue is `DynamoLockQueue`'s). */
class DynamoLock {
    t;
    constructor(t) {
        this.t = t;
    }
    async readLock(environment) {
        // One strongly consistent GetItem of the LOCK item: a release that landed is seen.
        const out = await this.t.call('lock read', () => this.t.doc.send(new dist_cjs/* GetCommand */.s$({
            TableName: this.t.name,
            Key: { pk: (0,dynamodb_table/* envKey */.zW)(environment), sk: dynamodb_table/* LOCK */.YM },
            ConsistentRead: true
        })));
        return (0,schema/* decoded */.DH)((0,schema_lock/* decodeLock */.Cc)(environment, out.Item));
    }
    async acquire(me, observed) {
        const heartbeat = (0,external_node_crypto_.randomUUID)();
        const acquiredAt = this.t.iso();
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
            const out = await this.t.call('acquire', () => this.t.doc.send(new dist_cjs/* UpdateCommand */.fR({
                TableName: this.t.name,
                Key: { pk: (0,dynamodb_table/* envKey */.zW)(me.environment), sk: dynamodb_table/* LOCK */.YM },
                UpdateExpression: 'SET fence = if_not_exists(fence, :zero) + :one, holder = :id, #owner = :owner, heartbeat = :hb, acquiredAt = :at, heartbeatAt = :at, leaseMs = :lease, run = :run, stacks = :stacks',
                ConditionExpression: condition,
                ExpressionAttributeNames: { '#owner': 'owner' },
                ExpressionAttributeValues: values,
                ReturnValues: 'UPDATED_NEW'
            })));
            // The lock is held now: what it says is what this write set, and the fence it counted (the
            // rest of the item, whatever else is in it, is not read here: the next view decodes it).
            const fence = out.Attributes?.['fence'];
            if (typeof fence !== 'number' || !Number.isSafeInteger(fence))
                throw new registry_errors/* RegistryCorruptError */.zk({
                    pk: (0,dynamodb_table/* envKey */.zW)(me.environment),
                    sk: dynamodb_table/* LOCK */.YM,
                    scope: me.environment,
                    attribute: 'fence',
                    expected: 'a whole number after the acquire',
                    found: (0,schema/* describeValue */.bp)(fence)
                });
            return {
                correlationId: me.correlationId,
                owner: me.owner,
                fence,
                heartbeat,
                acquiredAt,
                leaseMs: me.leaseMs,
                run: me.run,
                stacks: [...me.stacks]
            };
        }
        catch (err) {
            if ((0,dynamodb_table/* isConditionFailure */._8)(err))
                return undefined;
            throw err;
        }
    }
    async heartbeatLock(environment, key, signal) {
        return this.t.conditional('lock heartbeat', () => this.t.doc.send(new dist_cjs/* UpdateCommand */.fR({
            TableName: this.t.name,
            Key: { pk: (0,dynamodb_table/* envKey */.zW)(environment), sk: dynamodb_table/* LOCK */.YM },
            UpdateExpression: 'SET heartbeat = :hb, heartbeatAt = :at',
            ConditionExpression: '#owner = :owner AND fence = :fence',
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: {
                ':hb': (0,external_node_crypto_.randomUUID)(),
                ':at': this.t.iso(),
                ':owner': key.owner,
                ':fence': key.fence
            }
        }), { abortSignal: signal }));
    }
    async release(environment, key, outcome) {
        // The holder names itself by owner token; an operator (the CLI) by correlation ID. The fence
        // alone already names one acquisition: the other half guards against a typo.
        const byOwner = 'owner' in key;
        return this.t.conditional('release', () => this.t.doc.send(new dist_cjs/* UpdateCommand */.fR({
            TableName: this.t.name,
            Key: { pk: (0,dynamodb_table/* envKey */.zW)(environment), sk: dynamodb_table/* LOCK */.YM },
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
                ':at': this.t.iso()
            }
        })));
    }
    async forceUnlock(environment, reason, by) {
        const lock = await this.readLock(environment);
        if (!lock.holder)
            return undefined;
        const done = await this.t.conditional('force unlock', () => this.t.doc.send(new dist_cjs/* UpdateCommand */.fR({
            TableName: this.t.name,
            Key: { pk: (0,dynamodb_table/* envKey */.zW)(environment), sk: dynamodb_table/* LOCK */.YM },
            UpdateExpression: 'REMOVE holder, #owner, heartbeat, heartbeatAt, acquiredAt, leaseMs, run, stacks SET lastHolder = :id, lastOutcome = :outcome, releasedAt = :at, lastForcedUnlock = :note',
            ConditionExpression: 'holder = :id AND fence = :fence',
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: {
                ':id': lock.holder.correlationId,
                ':fence': lock.fence,
                ':outcome': 'force-unlocked',
                ':at': this.t.iso(),
                ':note': { by, reason, at: this.t.iso() }
            }
        })));
        return done ? lock.holder : undefined;
    }
}

;// CONCATENATED MODULE: ./.tmp/js/registry/dynamodb-queue.js







/** The index write's whole budget, retries included: it never holds up a stage's exit for long. */
const ENV_INDEX_TIMEOUT_MS = 3_000;
/** The lock and the queue, in the registry table (the lock's own writes are `DynamoLock`'s). */
class DynamoLockQueue extends DynamoLock {
    kind = 'dynamodb';
    /** Environments this process has written to the index already. */
    indexed = new Set();
    async enqueue(me) {
        this.indexEnvironment(me.environment);
        // Optimistic: read the counter, then write counter and ticket together on condition it has not
        // moved. Once: a counter that moved meanwhile is the caller's to try again, after a pause.
        const current = await this.t.call('enqueue', () => this.t.doc.send(new dist_cjs/* GetCommand */.s$({
            TableName: this.t.name,
            Key: { pk: (0,dynamodb_table/* envKey */.zW)(me.environment), sk: dynamodb_table/* QUEUE */.a0 },
            ConsistentRead: true
        })));
        const seen = (0,schema/* decoded */.DH)((0,schema_lock/* decodeQueue */.MA)(current.Item)).seq;
        const ticket = {
            seq: seen + 1,
            correlationId: me.correlationId,
            owner: me.owner,
            heartbeat: (0,external_node_crypto_.randomUUID)(),
            enqueuedAt: this.t.iso(),
            leaseMs: me.leaseMs,
            run: me.run,
            priority: me.priority ?? 'normal',
            ...(me.overridesFreeze ? { overridesFreeze: true } : {})
        };
        // One write: the number and its ticket appear together, or not at all.
        const written = await this.t.conditional('enqueue', () => this.t.doc.send(new dist_cjs/* UpdateCommand */.fR({
            TableName: this.t.name,
            Key: { pk: (0,dynamodb_table/* envKey */.zW)(me.environment), sk: dynamodb_table/* QUEUE */.a0 },
            ...(seen === 0
                ? {
                    UpdateExpression: 'SET seq = :next, tickets = :first',
                    // A counter at 0 (an empty queue set so by hand) takes its first number too.
                    ConditionExpression: 'attribute_not_exists(seq) OR seq = :zero',
                    ExpressionAttributeValues: {
                        ':next': ticket.seq,
                        ':zero': 0,
                        ':first': { [(0,schema_lock/* ticketKey */.S8)(ticket.seq)]: ticket }
                    }
                }
                : {
                    UpdateExpression: 'SET seq = :next, tickets.#k = :ticket',
                    ConditionExpression: 'seq = :seen',
                    ExpressionAttributeNames: { '#k': (0,schema_lock/* ticketKey */.S8)(ticket.seq) },
                    ExpressionAttributeValues: {
                        ':next': ticket.seq,
                        ':seen': seen,
                        ':ticket': ticket
                    }
                })
        })));
        return written ? ticket : undefined;
    }
    async heartbeatTicket(environment, ticket) {
        const next = { ...ticket, heartbeat: (0,external_node_crypto_.randomUUID)() };
        const ok = await this.t.conditional('ticket heartbeat', () => this.t.doc.send(new dist_cjs/* UpdateCommand */.fR({
            TableName: this.t.name,
            Key: { pk: (0,dynamodb_table/* envKey */.zW)(environment), sk: dynamodb_table/* QUEUE */.a0 },
            UpdateExpression: 'SET tickets.#k.heartbeat = :hb',
            ConditionExpression: 'tickets.#k.#owner = :owner',
            ExpressionAttributeNames: { '#k': (0,schema_lock/* ticketKey */.S8)(ticket.seq), '#owner': 'owner' },
            ExpressionAttributeValues: { ':hb': next.heartbeat, ':owner': ticket.owner }
        })));
        return ok ? next : undefined;
    }
    async removeTicket(environment, seq) {
        await this.t.call('ticket removal', () => this.t.doc.send(new dist_cjs/* UpdateCommand */.fR({
            TableName: this.t.name,
            Key: { pk: (0,dynamodb_table/* envKey */.zW)(environment), sk: dynamodb_table/* QUEUE */.a0 },
            UpdateExpression: 'REMOVE tickets.#k',
            ConditionExpression: 'attribute_exists(seq)',
            ExpressionAttributeNames: { '#k': (0,schema_lock/* ticketKey */.S8)(seq) }
        })));
    }
    async removeDeadTicket(environment, ticket) {
        return this.t.conditional('dead ticket removal', () => this.t.doc.send(new dist_cjs/* UpdateCommand */.fR({
            TableName: this.t.name,
            Key: { pk: (0,dynamodb_table/* envKey */.zW)(environment), sk: dynamodb_table/* QUEUE */.a0 },
            UpdateExpression: 'REMOVE tickets.#k',
            ConditionExpression: 'tickets.#k.heartbeat = :hb',
            ExpressionAttributeNames: { '#k': (0,schema_lock/* ticketKey */.S8)(ticket.seq) },
            ExpressionAttributeValues: { ':hb': ticket.heartbeat }
        })));
    }
    async view(environment) {
        // One strongly consistent query reads the lock and the queue (sort keys LOCK < QUEUE).
        const items = [];
        await this.t.call('read', async () => {
            const pages = (0,dist_cjs/* paginateQuery */.y0)({ client: this.t.doc }, {
                TableName: this.t.name,
                ConsistentRead: true,
                KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
                ExpressionAttributeValues: { ':pk': (0,dynamodb_table/* envKey */.zW)(environment), ':from': dynamodb_table/* LOCK */.YM, ':to': dynamodb_table/* QUEUE */.a0 }
            });
            for await (const page of pages)
                items.push(...(page.Items ?? []));
        });
        const lock = (0,schema/* decoded */.DH)((0,schema_lock/* decodeLock */.Cc)(environment, items.find((i) => i['sk'] === dynamodb_table/* LOCK */.YM)));
        const { tickets } = (0,schema/* decoded */.DH)((0,schema_lock/* decodeQueue */.MA)(items.find((i) => i['sk'] === dynamodb_table/* QUEUE */.a0)));
        return { lock, tickets };
    }
    async environments() {
        const names = [];
        await this.t.call('environments read', async () => {
            const pages = (0,dist_cjs/* paginateQuery */.y0)({ client: this.t.doc }, {
                TableName: this.t.name,
                ConsistentRead: true,
                KeyConditionExpression: 'pk = :pk AND begins_with(sk, :env)',
                ExpressionAttributeValues: { ':pk': dynamodb_table/* ENVS */.xK, ':env': (0,dynamodb_table/* envKey */.zW)('') },
                ProjectionExpression: 'sk'
            });
            for await (const page of pages)
                for (const item of page.Items ?? [])
                    names.push((0,dynamodb_table/* envOfIndexKey */.SN)(String(item['sk'])));
        });
        return names;
    }
    /**
     * Notes the environment in the index `environments` reads: in the background, once per process
     * and environment, idempotent. Never awaited and never failing, so a wait is not held up by it;
     * a failed write is tried again at the next enqueue.
     */
    indexEnvironment(environment) {
        if (this.indexed.has(environment))
            return;
        this.indexed.add(environment);
        this.t.doc
            .send(new dist_cjs/* UpdateCommand */.fR({
            TableName: this.t.name,
            Key: (0,dynamodb_table/* envIndexKey */.xr)(environment),
            UpdateExpression: 'SET environment = :env, queuedAt = :at, expiresAt = :exp',
            ExpressionAttributeValues: {
                ':env': environment,
                ':at': this.t.iso(),
                ':exp': this.t.expires(HISTORY_TTL_DAYS)
            }
        }), { abortSignal: AbortSignal.timeout(ENV_INDEX_TIMEOUT_MS) })
            .catch(() => this.indexed.delete(environment));
    }
}

// EXTERNAL MODULE: ./.tmp/js/registry/schema-records.js
var schema_records = __webpack_require__(5291);
;// CONCATENATED MODULE: ./.tmp/js/registry/dynamodb-records.js





/** Deployment records, in the registry table (they expire after RECORD_TTL_DAYS). */
class DynamoRecords {
    t;
    constructor(t) {
        this.t = t;
    }
    async putRecord(record, first) {
        await this.t.call('record', () => this.t.doc.send(new dist_cjs/* UpdateCommand */.fR({
            TableName: this.t.name,
            Key: (0,dynamodb_table/* recordKey */.Hy)(record.correlationId),
            UpdateExpression: 'SET correlationId = :id, environment = :env, stacks = :stacks, run = :run, priority = :priority, transitions = list_append(if_not_exists(transitions, :empty), :t), expiresAt = :exp',
            ExpressionAttributeValues: {
                ':id': record.correlationId,
                ':env': record.environment,
                ':stacks': [...record.stacks],
                ':run': record.run,
                ':priority': record.priority ?? 'normal',
                ':empty': [],
                ':t': [first],
                ':exp': this.t.expires(RECORD_TTL_DAYS)
            }
        })));
    }
    async addTransition(correlationId, entry, patch = {}) {
        // A transition may come before (or without) the record's start: it expires all the same.
        const sets = [
            'transitions = list_append(if_not_exists(transitions, :empty), :t)',
            'expiresAt = if_not_exists(expiresAt, :exp)'
        ];
        const values = {
            ':empty': [],
            ':t': [entry],
            ':exp': this.t.expires(RECORD_TTL_DAYS)
        };
        if (patch.fence !== undefined) {
            sets.push('fence = :fence');
            values[':fence'] = patch.fence;
        }
        if (patch.outcome !== undefined) {
            sets.push('outcome = :outcome');
            values[':outcome'] = patch.outcome;
        }
        if (patch.rootCause !== undefined) {
            sets.push('rootCause = :rootCause');
            values[':rootCause'] = patch.rootCause;
        }
        await this.t.call('record', () => this.t.doc.send(new dist_cjs/* UpdateCommand */.fR({
            TableName: this.t.name,
            Key: (0,dynamodb_table/* recordKey */.Hy)(correlationId),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ExpressionAttributeValues: values
        })));
    }
    async getRecord(correlationId) {
        const out = await this.t.call('record read', () => this.t.doc.send(new dist_cjs/* GetCommand */.s$({
            TableName: this.t.name,
            Key: (0,dynamodb_table/* recordKey */.Hy)(correlationId),
            ConsistentRead: true
        })));
        return out.Item && (0,schema/* decoded */.DH)((0,schema_records/* decodeRecord */.eT)(out.Item));
    }
}
/** Finished deployments, in the registry table (they expire after HISTORY_TTL_DAYS). */
class DynamoHistory {
    t;
    constructor(t) {
        this.t = t;
    }
    async add(entry) {
        await this.t.call('history', () => this.t.doc.send(new dist_cjs/* UpdateCommand */.fR({
            TableName: this.t.name,
            Key: {
                pk: (0,dynamodb_table/* envKey */.zW)(entry.environment),
                sk: `${dynamodb_table/* HIST */.DF}${entry.endedAt}#${entry.correlationId}`
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
                ':exp': this.t.expires(HISTORY_TTL_DAYS)
            }
        })));
    }
    async recent(environment, limit) {
        const out = await this.t.call('history read', () => this.t.doc.send(new dist_cjs/* QueryCommand */.sf({
            TableName: this.t.name,
            ConsistentRead: true,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :hist)',
            ExpressionAttributeValues: { ':pk': (0,dynamodb_table/* envKey */.zW)(environment), ':hist': dynamodb_table/* HIST */.DF },
            ScanIndexForward: false,
            Limit: limit
        })));
        return (0,schema/* sorted */.IP)((out.Items ?? []).map((item) => (0,schema_records/* decodeHistory */.FU)(item)));
    }
    async save() { }
}

;// CONCATENATED MODULE: ./.tmp/js/registry/dynamodb.js





/** The registry in a DynamoDB table: the lock and queue, the records, the history and the freezes. */
function dynamoRegistry(client, table, now = Date.now) {
    const t = new dynamodb_table/* DynamoTable */.DH(client, table, now);
    return {
        lock: new DynamoLockQueue(t),
        records: new DynamoRecords(t),
        history: new DynamoHistory(t),
        freezes: new DynamoFreezes(t)
    };
}


/***/ }),

/***/ 9801:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ decodeFreeze),
/* harmony export */   n: () => (/* binding */ decodeIndexEntry)
/* harmony export */ });
/* harmony import */ var _domain_display_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2298);
/* harmony import */ var _domain_freeze_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9785);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(248);



/** Deploy freezes and the index of environments (see schema.ts). */
const freezeFields = (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .fields */ .OA)({
    id: (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .text */ .Qq)({ nonEmpty: true }),
    environment: (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .text */ .Qq)({ nonEmpty: true }),
    reason: (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .text */ .Qq)(),
    by: (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .text */ .Qq)(),
    createdAt: _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .instant */ .uR,
    from: (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lq)(_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .instant */ .uR),
    until: (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lq)(_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .instant */ .uR),
    cron: (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .text */ .Qq)({ nonEmpty: true })),
    durationMs: (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .integer */ .nd)(_domain_freeze_js__WEBPACK_IMPORTED_MODULE_1__/* .MIN_DURATION_MS */ .BC, _domain_freeze_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_DURATION_MS */ .rG)),
    timeZone: (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .text */ .Qq)({ nonEmpty: true })),
    thawedAt: (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lq)(_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .instant */ .uR),
    thawedBy: (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .text */ .Qq)())
});
/** An entry of the index of environments: it names the environment its key names. */
function decodeIndexEntry(item) {
    return (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .decode */ .D4)(item, (v, at) => {
        const e = (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .fields */ .OA)({ environment: (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .text */ .Qq)({ nonEmpty: true }) })(v, at);
        if (`ENV#${e.environment}` !== item['sk'])
            (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .fail */ .fJ)('environment', `the environment its key names`, e.environment);
        return e;
    });
}
/** A freeze: one window (`until`, maybe `from`) or a recurring one (`cron` and `durationMs`), as its key says. */
function decodeFreeze(item) {
    return (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .decode */ .D4)(item, (v, at) => {
        const f = freezeFields(v, at);
        const sk = String(item['sk']);
        if (sk !== `FREEZE#${f.environment}#${f.id}`)
            (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .fail */ .fJ)('environment', `the environment and id its key names (${(0,_domain_display_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(sk)})`, `${(0,_domain_display_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(f.environment)} / ${(0,_domain_display_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(f.id)}`);
        if (f.cron === undefined && f.until === undefined)
            (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .fail */ .fJ)('until', 'an end (until), or a cron with a durationMs', undefined);
        if (f.cron !== undefined && f.durationMs === undefined)
            (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .fail */ .fJ)('durationMs', 'present with a cron', undefined);
        if (f.from !== undefined && f.until !== undefined && Date.parse(f.until) <= Date.parse(f.from))
            (0,_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .fail */ .fJ)('until', `after from (${f.from})`, f.until);
        return f;
    });
}


/***/ }),

/***/ 2902:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cc: () => (/* binding */ decodeLock),
/* harmony export */   MA: () => (/* binding */ decodeQueue),
/* harmony export */   Nx: () => (/* binding */ TICKET_ATTRIBUTES),
/* harmony export */   S8: () => (/* binding */ ticketKey)
/* harmony export */ });
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(248);

const lockItem = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .fields */ .OA)({
    fence: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .counter */ .hJ)(0)),
    holder: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ nonEmpty: true })),
    owner: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)()),
    heartbeat: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)()),
    acquiredAt: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .instant */ .uR),
    leaseMs: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .lease */ .dm),
    run: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF),
    stacks: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .stackNames */ .zD),
    lastHolder: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)()),
    lastOutcome: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)()),
    releasedAt: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .instant */ .uR)
});
/** What a held lock must have besides its holder's name. */
/** (No `owner`: releases before owner tokens wrote none; such a holding is nobody's but its own.) */
const HELD = ['fence', 'heartbeat', 'acquiredAt', 'leaseMs'];
/** The LOCK item of an environment (none: never held). */
function decodeLock(environment, item) {
    if (!item)
        return { ok: true, value: { environment, fence: 0 } };
    return (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .decode */ .D4)(item, (v, at) => {
        const l = lockItem(v, at);
        if (l.holder !== undefined) {
            for (const name of HELD)
                if (l[name] === undefined)
                    (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .fail */ .fJ)(name, 'present while the lock has a holder', undefined);
            if (l.fence === 0)
                (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .fail */ .fJ)('fence', 'at least 1 while the lock has a holder', 0);
        }
        const holder = l.holder === undefined
            ? undefined
            : {
                correlationId: l.holder,
                owner: l.owner ?? '',
                fence: l.fence,
                heartbeat: l.heartbeat,
                acquiredAt: l.acquiredAt,
                leaseMs: l.leaseMs,
                run: l.run ?? {},
                stacks: l.stacks ?? []
            };
        return {
            environment,
            fence: l.fence ?? 0,
            holder,
            lastHolder: l.lastHolder,
            lastOutcome: l.lastOutcome,
            releasedAt: l.releasedAt
        };
    });
}
/** A ticket's key in the QUEUE item's map: its number, zero-padded so the map reads in order. */
const ticketKey = (seq) => String(seq).padStart(12, '0');
/** A ticket's attributes (`owner` is missing on those of releases before owner tokens). */
const TICKET_ATTRIBUTES = [
    'seq',
    'correlationId',
    'owner',
    'heartbeat',
    'enqueuedAt',
    'leaseMs',
    'run',
    'priority',
    'overridesFreeze'
];
const ticketFields = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .fields */ .OA)({
    seq: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .counter */ .hJ)(1),
    correlationId: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ nonEmpty: true }),
    owner: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)((0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)()),
    heartbeat: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)({ nonEmpty: true }),
    enqueuedAt: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .instant */ .uR,
    leaseMs: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .lease */ .dm,
    run: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF,
    priority: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .priority */ .Lr,
    overridesFreeze: (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lq)(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)
});
/** The QUEUE item: its counter and its live tickets, in arrival order (none: nobody queued yet). */
function decodeQueue(item) {
    if (!item)
        return { ok: true, value: { seq: 0, tickets: [] } };
    return (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .decode */ .D4)(item, (v) => {
        const m = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .map */ .Tj)(v, '');
        const seq = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .counter */ .hJ)(0)(m['seq'], 'seq');
        // Every write keeps the map (a removal leaves it empty): without it no ticket can be added.
        const entries = (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .map */ .Tj)(m['tickets'], 'tickets');
        const tickets = Object.entries(entries).map(([k, raw]) => {
            const at = `tickets.${k}`;
            const t = ticketFields(raw, at);
            if (k !== ticketKey(t.seq))
                (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .fail */ .fJ)(`${at}.seq`, `${Number(k)} (the number its key says)`, t.seq);
            if (t.seq > seq)
                (0,_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .fail */ .fJ)(`${at}.seq`, `at most the queue's counter seq (${seq})`, t.seq);
            const ticket = { ...t, owner: t.owner ?? '', priority: t.priority ?? 'normal' };
            return ticket;
        });
        return { seq, tickets: tickets.sort((a, b) => a.seq - b.seq) };
    });
}


/***/ })

};
