import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  UpdateCommand,
  paginateQuery
} from '@aws-sdk/lib-dynamodb';
import {
  HISTORY_TTL_DAYS,
  RECORD_TTL_DAYS,
  RegistryUnavailableError,
  type DeploymentRecord,
  type HistoryEntry,
  type Holder,
  type LockKey,
  type LockView,
  type OperatorLockKey,
  type Participant,
  type QueueView,
  type Registry,
  type Ticket,
  type TransitionEntry
} from '../ports/registry.js';
import type { RunContext } from '../ports/run.js';

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
const envKey = (env: string): string => `ENV#${env}`;
const ticketKey = (seq: number): string => String(seq).padStart(12, '0');
const DAY_S = 86_400;

export function createDynamoClient(region: string): DynamoDBClient {
  // Throttling, 5xx and timeouts are retried by the SDK (standard mode: exponential backoff with
  // jitter, a longer base for throttling), then by the caller's own loop. Short timeouts: a hung
  // call must never stall a wait, a heartbeat or a release.
  return new DynamoDBClient({
    region,
    maxAttempts: 4,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000 }
  });
}

const isConditionFailure = (err: unknown): boolean =>
  (err as { name?: string })?.name === 'ConditionalCheckFailedException';

export class DynamoRegistry implements Registry {
  readonly kind = 'dynamodb' as const;
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly table: string,
    private readonly now: () => number = Date.now
  ) {
    this.doc = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true }
    });
  }

  private async call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isConditionFailure(err)) throw err;
      throw new RegistryUnavailableError(operation, err);
    }
  }

  /** A conditional write: true when it applied, false when its condition did not hold. */
  private async conditional(operation: string, fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await this.call(operation, fn);
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  private expires(days: number): number {
    return Math.floor(this.now() / 1000) + days * DAY_S;
  }

  async enqueue(me: Participant): Promise<Ticket> {
    // Optimistic: read the counter, then write counter and ticket together on condition it has not moved.
    for (;;) {
      const current = await this.call('enqueue', () =>
        this.doc.send(
          new GetCommand({
            TableName: this.table,
            Key: { pk: envKey(me.environment), sk: QUEUE },
            ConsistentRead: true,
            ProjectionExpression: 'seq'
          })
        )
      );
      const seen = Number(current.Item?.['seq'] ?? 0);
      const ticket: Ticket = {
        seq: seen + 1,
        correlationId: me.correlationId,
        owner: me.owner,
        heartbeat: randomUUID(),
        enqueuedAt: this.iso(),
        leaseMs: me.leaseMs,
        run: me.run
      };
      // One write: the number and its ticket appear together, or not at all.
      const written = await this.conditional('enqueue', () =>
        this.doc.send(
          new UpdateCommand({
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
          })
        )
      );
      if (written) return ticket;
    }
  }

  async heartbeatTicket(environment: string, ticket: Ticket): Promise<Ticket | undefined> {
    const next = { ...ticket, heartbeat: randomUUID() };
    const ok = await this.conditional('ticket heartbeat', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: envKey(environment), sk: QUEUE },
          UpdateExpression: 'SET tickets.#k.heartbeat = :hb',
          ConditionExpression: 'tickets.#k.#owner = :owner',
          ExpressionAttributeNames: { '#k': ticketKey(ticket.seq), '#owner': 'owner' },
          ExpressionAttributeValues: { ':hb': next.heartbeat, ':owner': ticket.owner }
        })
      )
    );
    return ok ? next : undefined;
  }

  async removeTicket(environment: string, seq: number): Promise<void> {
    await this.call('ticket removal', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: envKey(environment), sk: QUEUE },
          UpdateExpression: 'REMOVE tickets.#k',
          ConditionExpression: 'attribute_exists(seq)',
          ExpressionAttributeNames: { '#k': ticketKey(seq) }
        })
      )
    );
  }

  async removeDeadTicket(environment: string, ticket: Ticket): Promise<boolean> {
    return this.conditional('dead ticket removal', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: envKey(environment), sk: QUEUE },
          UpdateExpression: 'REMOVE tickets.#k',
          ConditionExpression: 'tickets.#k.heartbeat = :hb',
          ExpressionAttributeNames: { '#k': ticketKey(ticket.seq) },
          ExpressionAttributeValues: { ':hb': ticket.heartbeat }
        })
      )
    );
  }

  async view(environment: string): Promise<QueueView> {
    // One strongly consistent query reads the lock and the queue (sort keys LOCK < QUEUE).
    const items: Record<string, unknown>[] = [];
    await this.call('read', async () => {
      const pages = paginateQuery(
        { client: this.doc },
        {
          TableName: this.table,
          ConsistentRead: true,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': envKey(environment), ':from': LOCK, ':to': QUEUE }
        }
      );
      for await (const page of pages)
        items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    });
    const lockItem = items.find((i) => i['sk'] === LOCK);
    const queue = items.find((i) => i['sk'] === QUEUE);
    const tickets = Object.values(
      (queue?.['tickets'] ?? {}) as Record<string, Record<string, unknown>>
    )
      .map(toTicket)
      .sort((a, b) => a.seq - b.seq);
    return { lock: toLock(environment, lockItem), tickets };
  }

  async acquire(me: Participant, observed: LockView): Promise<Holder | undefined> {
    const heartbeat = randomUUID();
    const acquiredAt = this.iso();
    const values: Record<string, unknown> = {
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
      const out = await this.call('acquire', () =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.table,
            Key: { pk: envKey(me.environment), sk: LOCK },
            UpdateExpression:
              'SET fence = if_not_exists(fence, :zero) + :one, holder = :id, #owner = :owner, heartbeat = :hb, acquiredAt = :at, heartbeatAt = :at, leaseMs = :lease, run = :run, stacks = :stacks',
            ConditionExpression: condition,
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW'
          })
        )
      );
      return toLock(me.environment, out.Attributes).holder;
    } catch (err) {
      if (isConditionFailure(err)) return undefined;
      throw err;
    }
  }

  async heartbeatLock(environment: string, key: LockKey, signal?: AbortSignal): Promise<boolean> {
    return this.conditional('lock heartbeat', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: envKey(environment), sk: LOCK },
          UpdateExpression: 'SET heartbeat = :hb, heartbeatAt = :at',
          ConditionExpression: '#owner = :owner AND fence = :fence',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: {
            ':hb': randomUUID(),
            ':at': this.iso(),
            ':owner': key.owner,
            ':fence': key.fence
          }
        }),
        { abortSignal: signal }
      )
    );
  }

  async release(
    environment: string,
    key: LockKey | OperatorLockKey,
    outcome: string
  ): Promise<boolean> {
    // The holder names itself by owner token; an operator (the CLI) by correlation ID. The fence
    // alone already names one acquisition: the other half guards against a typo.
    const byOwner = 'owner' in key;
    return this.conditional('release', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: envKey(environment), sk: LOCK },
          UpdateExpression:
            'REMOVE holder, #owner, heartbeat, heartbeatAt, acquiredAt, leaseMs, run, stacks SET lastHolder = :id, lastOutcome = :outcome, releasedAt = :at',
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
        })
      )
    );
  }

  async forceUnlock(environment: string, reason: string, by: string): Promise<Holder | undefined> {
    const { lock } = await this.view(environment);
    if (!lock.holder) return undefined;
    const done = await this.conditional('force unlock', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: envKey(environment), sk: LOCK },
          UpdateExpression:
            'REMOVE holder, #owner, heartbeat, heartbeatAt, acquiredAt, leaseMs, run, stacks SET lastHolder = :id, lastOutcome = :outcome, releasedAt = :at, lastForcedUnlock = :note',
          ConditionExpression: 'holder = :id AND fence = :fence',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: {
            ':id': lock.holder!.correlationId,
            ':fence': lock.fence,
            ':outcome': 'force-unlocked',
            ':at': this.iso(),
            ':note': { by, reason, at: this.iso() }
          }
        })
      )
    );
    return done ? lock.holder : undefined;
  }

  async putRecord(
    record: Omit<DeploymentRecord, 'transitions'>,
    first: TransitionEntry
  ): Promise<void> {
    await this.call('record', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `DEPLOY#${record.correlationId}`, sk: 'RECORD' },
          UpdateExpression:
            'SET correlationId = :id, environment = :env, stacks = :stacks, run = :run, transitions = list_append(if_not_exists(transitions, :empty), :t), expiresAt = :exp',
          ExpressionAttributeValues: {
            ':id': record.correlationId,
            ':env': record.environment,
            ':stacks': [...record.stacks],
            ':run': record.run,
            ':empty': [],
            ':t': [first],
            ':exp': this.expires(RECORD_TTL_DAYS)
          }
        })
      )
    );
  }

  async addTransition(
    correlationId: string,
    entry: TransitionEntry,
    patch: { fence?: number; outcome?: string } = {}
  ): Promise<void> {
    const sets = ['transitions = list_append(if_not_exists(transitions, :empty), :t)'];
    const values: Record<string, unknown> = { ':empty': [], ':t': [entry] };
    if (patch.fence !== undefined) {
      sets.push('fence = :fence');
      values[':fence'] = patch.fence;
    }
    if (patch.outcome !== undefined) {
      sets.push('outcome = :outcome');
      values[':outcome'] = patch.outcome;
    }
    await this.call('record', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `DEPLOY#${correlationId}`, sk: 'RECORD' },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ExpressionAttributeValues: values
        })
      )
    );
  }

  async getRecord(correlationId: string): Promise<DeploymentRecord | undefined> {
    const out = await this.call('record read', () =>
      this.doc.send(
        new GetCommand({
          TableName: this.table,
          Key: { pk: `DEPLOY#${correlationId}`, sk: 'RECORD' },
          ConsistentRead: true
        })
      )
    );
    return out.Item as DeploymentRecord | undefined;
  }

  async addHistory(entry: HistoryEntry): Promise<void> {
    await this.call('history', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: {
            pk: envKey(entry.environment),
            sk: `${HIST}${entry.endedAt}#${entry.correlationId}`
          },
          UpdateExpression:
            'SET correlationId = :id, environment = :env, stacks = :stacks, outcome = :outcome, startedAt = :start, endedAt = :end, durationMs = :d, resourceTypeSeconds = :rt, expiresAt = :exp',
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
        })
      )
    );
  }

  async history(environment: string, limit: number): Promise<HistoryEntry[]> {
    const out = await this.call('history read', () =>
      this.doc.send(
        new QueryCommand({
          TableName: this.table,
          ConsistentRead: true,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :hist)',
          ExpressionAttributeValues: { ':pk': envKey(environment), ':hist': HIST },
          ScanIndexForward: false,
          Limit: limit
        })
      )
    );
    return (out.Items ?? []) as HistoryEntry[];
  }
}

function toTicket(item: Record<string, unknown>): Ticket {
  return {
    seq: Number(item['seq']),
    correlationId: String(item['correlationId']),
    owner: String(item['owner'] ?? ''),
    heartbeat: String(item['heartbeat']),
    enqueuedAt: String(item['enqueuedAt']),
    leaseMs: Number(item['leaseMs']),
    run: (item['run'] ?? {}) as RunContext
  };
}

function toLock(environment: string, item: Record<string, unknown> | undefined): LockView {
  if (!item) return { environment, fence: 0 };
  const holder: Holder | undefined = item['holder']
    ? {
        correlationId: String(item['holder']),
        owner: String(item['owner'] ?? ''),
        fence: Number(item['fence']),
        heartbeat: String(item['heartbeat']),
        acquiredAt: String(item['acquiredAt']),
        leaseMs: Number(item['leaseMs']),
        run: (item['run'] ?? {}) as RunContext,
        stacks: (item['stacks'] ?? []) as string[]
      }
    : undefined;
  return {
    environment,
    fence: Number(item['fence'] ?? 0),
    holder,
    lastHolder: item['lastHolder'] as string | undefined,
    lastOutcome: item['lastOutcome'] as string | undefined,
    releasedAt: item['releasedAt'] as string | undefined
  };
}
