/**
 * DynamoDB on loopback for the registry: dynalite (in memory) on 127.0.0.1, random port, with the
 * registry table (pk S HASH, sk S RANGE, PAY_PER_REQUEST) created and ACTIVE.
 *
 * `stop()` closes the listening socket and every open connection (clients see ECONNREFUSED, or a
 * reset on a request in flight) while the data stays in memory; `restart()` listens again on the
 * same port with the same data. Requests are recorded by operation (`x-amz-target`), except the
 * rig's own (table set-up, `items()`, `deleteTable()`), so a benchmark can count registry calls.
 *
 * What dynalite 4.0.0 does not do: UpdateTimeToLive (UnknownOperationException, so TTL is never
 * enabled and items never expire; DescribeTimeToLive always says DISABLED), and
 * ReturnValuesOnConditionCheckFailure (accepted and ignored: a ConditionalCheckFailedException
 * carries no Item). It does conditional writes, if_not_exists, list_append, REMOVE, ADD/DELETE,
 * begins_with, ConsistentRead (always consistent) and pagination.
 */
import { createRequire } from 'node:module';
import { Server, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';

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
}

export class DynamoRig {
  readonly url: string;
  readonly table: string;
  readonly port: number;
  /** Requests served (the rig's own excluded), in arrival order. */
  readonly requests: RigRequest[] = [];
  /** Whether UpdateTimeToLive on `expiresAt` succeeded at start (never with dynalite 4.0.0). */
  ttlEnabled = false;

  private readonly server: Server;
  private readonly internal: DynamoDBClient;
  private readonly internalDoc: DynamoDBDocumentClient;
  private readonly clients: DynamoDBClient[] = [];
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
    this.internalDoc = DynamoDBDocumentClient.from(this.internal);
  }

  static async start(opts: { table?: string } = {}): Promise<DynamoRig> {
    const dynalite = requireCjs('dynalite') as DynaliteFactory;
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    const holder: { rig?: DynamoRig } = {};
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) =>
      holder.rig?.record(req, res)
    );
    await listen(server, 0);
    const port = (server.address() as AddressInfo).port;
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

  /** Number of requests served (the rig's own excluded). */
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

  /** A client for this rig (us-east-1, dummy credentials); destroyed by `close()`. */
  client(opts: { maxAttempts?: number } = {}): DynamoDBClient {
    const c = this.makeClient(opts);
    this.clients.push(c);
    return c;
  }

  /** A document client (lib-dynamodb) over `client(opts)`. */
  doc(opts: { maxAttempts?: number } = {}): DynamoDBDocumentClient {
    return DynamoDBDocumentClient.from(this.client(opts), {
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
    const done = new Promise<void>((resolve) =>
      Server.prototype.close.call(this.server, () => resolve())
    );
    this.server.closeAllConnections();
    await done;
    // Let in-process clients see their pooled keep-alive sockets close, so that the next request
    // opens a new connection and gets ECONNREFUSED rather than "socket hang up".
    await new Promise((r) => setTimeout(r, 5));
  }

  /** Listens again on the same port, with the same data. */
  async restart(): Promise<void> {
    if (this.closed) throw new Error('dynamo-rig: closed');
    if (this.listening) return;
    await listen(this.server, this.port);
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
    // dynalite's own close() also closes its store.
    const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await done;
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

  private record(req: IncomingMessage, res: ServerResponse): void {
    if (req.headers[INTERNAL_HEADER] !== undefined) return;
    const target = req.headers['x-amz-target'];
    const op = (typeof target === 'string' ? target.split('.').pop() : undefined) ?? '?';
    const entry: RigRequest = { op, at: Date.now() };
    this.requests.push(entry);
    res.once('finish', () => {
      entry.status = res.statusCode;
    });
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

function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    server.once('error', onError);
    // The prototype's listen: dynalite replaces the instance's after its own close().
    const protoListen = Server.prototype.listen as (
      this: Server,
      port: number,
      host: string,
      cb: () => void
    ) => Server;
    protoListen.call(server, port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
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
