/**
 * DynamoDB on loopback for the registry: dynalite (in memory) on 127.0.0.1, random port, with the
 * registry table (pk S HASH, sk S RANGE, PAY_PER_REQUEST) created and ACTIVE.
 *
 * `stop()` closes the listening socket and every open connection (clients see ECONNREFUSED, or a
 * reset on a request in flight) while the data stays in memory; `restart()` listens again on the
 * same port with the same data. Requests are recorded by operation (`x-amz-target`), except the
 * rig's own (table set-up, `items()`, `deleteTable()`), so a benchmark can count registry calls;
 * the same operations, less the test's own (`doc()`, `asTestCaller`), go to the run-wide record of
 * the product's AWS calls (`aws-calls.ts`).
 *
 * Scripted faults, answered the way DynamoDB answers them (so that the real SDK names and retries
 * them as in production) instead of letting dynalite see the request:
 * - `throttle(count, { ops?, code? })`: the next `count` requests (only those whose operation is in
 *   `ops`, e.g. `['UpdateItem', 'Query']`, if given) get HTTP 400, `application/x-amz-json-1.0`,
 *   `{"__type":"com.amazonaws.dynamodb.v20120810#<code>","message":"..."}` with DynamoDB's
 *   message. `code` is `ProvisionedThroughputExceededException` (default), `ThrottlingException`
 *   or `RequestLimitExceeded`: the SDK throws an error of that `name` (`$fault` 'client') and its
 *   retry strategy classes it as throttling, so it retries (back-off base 1 s in this SDK).
 * - `failRequests(count, { ops?, status? })`: the next `count` matching requests get a 5xx
 *   (`status`, default 500, `InternalServerError`; 503 is `ServiceUnavailable`); the SDK throws
 *   that `name` (`$fault` 'server') and retries it as transient.
 * - `refuseConditions(count, { ops? })`: the next `count` matching requests are answered as a
 *   write whose condition did not hold (HTTP 400 `ConditionalCheckFailedException`), whatever the
 *   item says: a condition that can never be met, without writing the item that would cause it.
 * - `faultsPending()`: faulted answers still scripted; `clearFaults()` drops them.
 * Scripts queue in call order; a request takes the first pending script whose `ops` match it.
 * Faulted requests are recorded in `requests` like served ones, with `faulted` set to the error
 * code (and `status` to the HTTP status). The rig's own requests are never faulted. Note that the
 * SDK's default for DynamoDB here is 4 attempts (`maxAttempts` unset), not 3.
 *
 * What dynalite 4.0.0 does not do: UpdateTimeToLive (UnknownOperationException, so TTL is never
 * enabled and items never expire; DescribeTimeToLive always says DISABLED), and
 * ReturnValuesOnConditionCheckFailure (accepted and ignored: a ConditionalCheckFailedException
 * carries no Item). It does conditional writes, if_not_exists, list_append, REMOVE, ADD/DELETE,
 * begins_with, ConsistentRead (always consistent) and pagination.
 */
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { Server, type IncomingMessage, type ServerResponse } from 'node:http';
import * as zlib from 'node:zlib';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { readNumber } from '../src/registry/schema.js';
import { asTestCaller, recordAwsCall } from './aws-calls.js';
import { closeWithConnections, listenOnLoopback } from './http-server.js';

// dynalite ships no type declarations; load it (CommonJS) through require with the shape we use.
type DynaliteFactory = (opts: {
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
  maxItemSizeKb?: number;
  path?: string;
}) => Server;
const requireCjs = createRequire(import.meta.url);

export const DEFAULT_REGISTRY_TABLE = 'deployment-registry';
export const RIG_REGION = 'us-east-1';
export const RIG_CREDENTIALS = { accessKeyId: 'AKIDDYNAMORIG', secretAccessKey: 'not-a-secret' };
/** Header the rig's own client sends, so its requests are not counted. */
const INTERNAL_HEADER = 'x-dynamo-rig-internal';

export interface RigRequest {
  /** The DynamoDB operation (`x-amz-target` without the `DynamoDB_20120810.` prefix). */
  op: string;
  at: number;
  /** HTTP status, once the response has been sent. */
  status?: number;
  /** The error code the rig answered with instead of dynalite (`throttle()`, `failRequests()`). */
  faulted?: string;
}

/** The error codes with which DynamoDB throttles a request (all HTTP 400). */
export type ThrottleCode =
  'ThrottlingException' | 'ProvisionedThroughputExceededException' | 'RequestLimitExceeded';

/** DynamoDB's own messages for the faults the rig can script. */
const FAULT_MESSAGES: Record<string, string> = {
  ProvisionedThroughputExceededException:
    'The level of configured provisioned throughput for the table was exceeded. ' +
    'Consider increasing your provisioning level with the UpdateTable API.',
  ThrottlingException: 'Rate of requests exceeds the allowed throughput.',
  RequestLimitExceeded:
    'Throughput exceeds the current throughput limit for your account. ' +
    'Please contact AWS Support at https://aws.amazon.com/support request a limit increase',
  InternalServerError: 'Internal server error',
  ServiceUnavailable: 'The service is currently unavailable or busy.',
  ConditionalCheckFailedException: 'The conditional request failed'
};

/** A scripted fault: the next `remaining` requests whose operation is in `ops` (any if unset). */
interface FaultScript {
  remaining: number;
  ops?: ReadonlySet<string>;
  status: number;
  code: string;
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export class DynamoRig {
  readonly url: string;
  readonly table: string;
  readonly port: number;
  /** Requests received (the rig's own excluded), in arrival order, faulted ones included. */
  readonly requests: RigRequest[] = [];
  /** Whether UpdateTimeToLive on `expiresAt` succeeded at start (never with dynalite 4.0.0). */
  ttlEnabled = false;

  private readonly server: Server;
  private readonly internal: DynamoDBClient;
  private readonly internalDoc: DynamoDBDocumentClient;
  private readonly clients: DynamoDBClient[] = [];
  private readonly faults: FaultScript[] = [];
  private listening = true;
  private closed = false;

  private constructor(server: Server, port: number, table: string) {
    this.server = server;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.table = table;
    this.internal = this.makeClient({ maxAttempts: 3 });
    this.internal.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers?: Record<string, string> };
        if (request.headers) request.headers[INTERNAL_HEADER] = '1';
        return next(args);
      },
      { step: 'build', name: 'dynamoRigInternalHeader' }
    );
    // Numbers JavaScript cannot hold (a test's hand-written items) come back as DynamoDB's text.
    this.internalDoc = DynamoDBDocumentClient.from(this.internal, {
      unmarshallOptions: { wrapNumbers: readNumber }
    });
  }

  static async start(opts: { table?: string } = {}): Promise<DynamoRig> {
    const dynalite = requireCjs('dynalite') as DynaliteFactory;
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    // Take dynalite's handler (http.createServer(handler)) off the server and call it ourselves,
    // so that a faulted request never reaches it. Listen/close do not touch 'request' listeners.
    const dynaliteHandlers = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    const toDynalite: RequestListener = (req, res) => {
      for (const h of dynaliteHandlers) h.call(server, req, res);
    };
    const holder: { rig?: DynamoRig } = {};
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (holder.rig) holder.rig.dispatch(req, res, toDynalite);
      else toDynalite(req, res);
    });
    const port = await listenOnLoopback(server);
    const rig = new DynamoRig(server, port, opts.table ?? DEFAULT_REGISTRY_TABLE);
    holder.rig = rig;
    try {
      await rig.createTable();
      try {
        await rig.internal.send(
          new UpdateTimeToLiveCommand({
            TableName: rig.table,
            TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true }
          })
        );
        rig.ttlEnabled = true;
      } catch {
        rig.ttlEnabled = false; // dynalite: UnknownOperationException
      }
    } catch (e) {
      await rig.close();
      throw e;
    }
    return rig;
  }

  /** Number of requests received (the rig's own excluded), faulted ones included. */
  get requestCount(): number {
    return this.requests.length;
  }

  /** Requests per operation, e.g. `{ UpdateItem: 3, Query: 1 }`. */
  opCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.requests) out[r.op] = (out[r.op] ?? 0) + 1;
    return out;
  }

  resetCounts(): void {
    this.requests.length = 0;
  }

  /**
   * The next `count` requests (whose operation is in `opts.ops`, if given) are throttled: HTTP 400
   * with `opts.code` (default `ProvisionedThroughputExceededException`), as DynamoDB does.
   */
  throttle(count: number, opts: { ops?: string[]; code?: ThrottleCode } = {}): void {
    const code = opts.code ?? 'ProvisionedThroughputExceededException';
    if (!(code in FAULT_MESSAGES)) throw new Error(`dynamo-rig: unknown throttle code ${code}`);
    this.addFault(count, opts.ops, 400, code);
  }

  /**
   * The next `count` requests (whose operation is in `opts.ops`, if given) fail with a 5xx
   * (`opts.status`, default 500 `InternalServerError`; 503 answers `ServiceUnavailable`).
   */
  failRequests(count: number, opts: { ops?: string[]; status?: number } = {}): void {
    const status = opts.status ?? 500;
    if (!Number.isInteger(status) || status < 500 || status > 599) {
      throw new Error(`dynamo-rig: failRequests status must be 5xx, got ${status}`);
    }
    this.addFault(
      count,
      opts.ops,
      status,
      status === 503 ? 'ServiceUnavailable' : 'InternalServerError'
    );
  }

  /** The next `count` requests (whose operation is in `opts.ops`, if given) fail their condition. */
  refuseConditions(count: number, opts: { ops?: string[] } = {}): void {
    this.addFault(count, opts.ops, 400, 'ConditionalCheckFailedException');
  }

  /** Number of faulted answers still scripted. */
  faultsPending(): number {
    return this.faults.reduce((n, f) => n + f.remaining, 0);
  }

  /** Drops every scripted fault not yet used. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** A client for this rig (us-east-1, dummy credentials); destroyed by `close()`. */
  client(opts: { maxAttempts?: number } = {}): DynamoDBClient {
    const c = this.makeClient(opts);
    this.clients.push(c);
    return c;
  }

  /**
   * A document client (lib-dynamodb) over `client(opts)`, for the test's own reads and writes: its
   * requests are counted in `requests` but are not recorded as the product's AWS calls (the
   * product's registry takes a `DynamoDBClient`, never a document client; see `aws-calls.ts`).
   */
  doc(opts: { maxAttempts?: number } = {}): DynamoDBDocumentClient {
    return DynamoDBDocumentClient.from(asTestCaller(this.client(opts)), {
      marshallOptions: { removeUndefinedValues: true }
    });
  }

  /** Every item of the table, unmarshalled, sorted by pk then sk. */
  async items(): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.internalDoc.send(
        new ScanCommand({ TableName: this.table, ConsistentRead: true, ExclusiveStartKey: start })
      );
      out.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    const key = (i: Record<string, unknown>): string =>
      `${String(i['pk'])}\u0000${String(i['sk'])}`;
    return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  /**
   * Stops listening and drops every connection; the data stays for `restart()`. A request in
   * flight fails with a reset / "socket hang up"; later ones with ECONNREFUSED.
   */
  async stop(): Promise<void> {
    if (!this.listening || this.closed) return;
    this.listening = false;
    // The prototype's close: dynalite's own would also close its store.
    await closeWithConnections(this.server, (done) =>
      Server.prototype.close.call(this.server, done)
    );
    // Let in-process clients see their pooled keep-alive sockets close, so that the next request
    // opens a new connection and gets ECONNREFUSED rather than "socket hang up": the FIN is on its
    // way after a few ms, and the client reads it in the event loop's next I/O phase, which runs
    // before the check phase's setImmediate (a timer alone can fire first on a busy loop).
    await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setImmediate(r));
  }

  /** Listens again on the same port, with the same data. */
  async restart(): Promise<void> {
    if (this.closed) throw new Error('dynamo-rig: closed');
    if (this.listening) return;
    await listenOnLoopback(this.server, this.port);
    this.listening = true;
  }

  /** Creates the registry table (again) and waits until it is ACTIVE. */
  async createTable(): Promise<void> {
    await this.internal.send(
      new CreateTableCommand({
        TableName: this.table,
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' }
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' }
        ],
        BillingMode: 'PAY_PER_REQUEST'
      })
    );
    await this.waitFor(async () => {
      const d = await this.internal.send(new DescribeTableCommand({ TableName: this.table }));
      return d.Table?.TableStatus === 'ACTIVE';
    });
  }

  /** Deletes the table and waits until it is gone (ResourceNotFoundException from then on). */
  async deleteTable(): Promise<void> {
    await this.internal.send(new DeleteTableCommand({ TableName: this.table }));
    await this.waitFor(async () => {
      try {
        await this.internal.send(new DescribeTableCommand({ TableName: this.table }));
        return false;
      } catch (e) {
        if ((e as { name?: string }).name === 'ResourceNotFoundException') return true;
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const c of this.clients) c.destroy();
    this.internal.destroy();
    if (!this.listening) return; // already closed; the in-memory store holds no handle
    this.listening = false;
    await closeWithConnections(this.server); // dynalite's own close() also closes its store
  }

  // -------------------------------------------------------------------------------------------

  private makeClient(opts: { maxAttempts?: number }): DynamoDBClient {
    return new DynamoDBClient({
      endpoint: this.url,
      region: RIG_REGION,
      credentials: RIG_CREDENTIALS,
      ...(opts.maxAttempts === undefined ? {} : { maxAttempts: opts.maxAttempts })
    });
  }

  private addFault(count: number, ops: string[] | undefined, status: number, code: string): void {
    if (!Number.isInteger(count) || count < 0) {
      throw new Error(`dynamo-rig: fault count must be a non-negative integer, got ${count}`);
    }
    if (ops !== undefined && ops.length === 0) throw new Error('dynamo-rig: empty ops');
    if (count === 0) return;
    this.faults.push({ remaining: count, status, code, ...(ops ? { ops: new Set(ops) } : {}) });
  }

  /** Records the request and answers it with the first matching fault, or passes it to dynalite. */
  private dispatch(req: IncomingMessage, res: ServerResponse, toDynalite: RequestListener): void {
    if (req.headers[INTERNAL_HEADER] !== undefined) return toDynalite(req, res);
    const target = req.headers['x-amz-target'];
    const op = (typeof target === 'string' ? target.split('.').pop() : undefined) ?? '?';
    recordAwsCall('dynamodb', op, req);
    const entry: RigRequest = { op, at: Date.now() };
    this.requests.push(entry);
    res.once('finish', () => {
      entry.status = res.statusCode;
    });
    const i = this.faults.findIndex((f) => f.ops === undefined || f.ops.has(op));
    const fault = i < 0 ? undefined : this.faults[i];
    if (!fault) return toDynalite(req, res);
    if (--fault.remaining === 0) this.faults.splice(i, 1);
    entry.faulted = fault.code;
    // Read the whole body first (as DynamoDB does), so the keep-alive connection stays usable.
    req.resume();
    req.once('end', () => sendFault(res, fault.status, fault.code));
  }

  private async waitFor(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await check()) return;
      if (Date.now() > deadline) throw new Error('dynamo-rig: timed out waiting for the table');
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

/** An error answer as DynamoDB sends it (JSON 1.0 `__type`, request id, CRC32 of the body). */
function sendFault(res: ServerResponse, status: number, code: string): void {
  const body = JSON.stringify({
    __type: `com.amazonaws.dynamodb.v20120810#${code}`,
    message: FAULT_MESSAGES[code] ?? code
  });
  res.statusCode = status;
  res.setHeader(
    'x-amzn-RequestId',
    randomBytes(39).toString('base64').toUpperCase().replace(/[+/]/g, '0')
  );
  // zlib.crc32 is Node >= 20.15; the SDK does not check the header anyway.
  if (typeof zlib.crc32 === 'function') res.setHeader('x-amz-crc32', String(zlib.crc32(body)));
  res.setHeader('Content-Type', 'application/x-amz-json-1.0');
  res.setHeader('Content-Length', Buffer.byteLength(body, 'utf8'));
  res.end(body);
}

/** The queue tickets among `items()` (the `tickets` map of each environment's QUEUE item), oldest first. */
export function queueTickets(
  items: readonly Record<string, unknown>[],
  pk?: string
): Record<string, unknown>[] {
  return items
    .filter((i) => i['sk'] === 'QUEUE' && (pk === undefined || i['pk'] === pk))
    .flatMap((i) => Object.values((i['tickets'] ?? {}) as Record<string, Record<string, unknown>>))
    .sort((a, b) => Number(a['seq']) - Number(b['seq']));
}
