import { randomUUID } from 'node:crypto';
import { GetCommand, UpdateCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import {
  HISTORY_TTL_DAYS,
  RegistryCorruptError,
  type Holder,
  type LockKey,
  type LockQueue,
  type LockView,
  type OperatorLockKey,
  type Participant,
  type QueueView,
  type Ticket
} from '../ports/registry.js';
import {
  DynamoTable,
  ENVS,
  LOCK,
  QUEUE,
  envIndexKey,
  envKey,
  envOfIndexKey,
  isConditionFailure
} from './dynamodb-table.js';
import { decodeLock, decodeQueue, decoded, describeValue, ticketKey } from './schema.js';
/** The index write's whole budget, retries included: it never holds up a stage's exit for long. */
const ENV_INDEX_TIMEOUT_MS = 3_000;

/** The lock and the queue, in the registry table. */
export class DynamoLockQueue implements LockQueue {
  readonly kind = 'dynamodb' as const;

  /** Environments this process has written to the index already. */
  private readonly indexed = new Set<string>();

  constructor(private readonly t: DynamoTable) {}

  async enqueue(me: Participant): Promise<Ticket | undefined> {
    this.indexEnvironment(me.environment);
    // Optimistic: read the counter, then write counter and ticket together on condition it has not
    // moved. Once: a counter that moved meanwhile is the caller's to try again, after a pause.
    const current = await this.t.call('enqueue', () =>
      this.t.doc.send(
        new GetCommand({
          TableName: this.t.name,
          Key: { pk: envKey(me.environment), sk: QUEUE },
          ConsistentRead: true
        })
      )
    );
    const seen = decoded(decodeQueue(current.Item)).seq;
    const ticket: Ticket = {
      seq: seen + 1,
      correlationId: me.correlationId,
      owner: me.owner,
      heartbeat: randomUUID(),
      enqueuedAt: this.t.iso(),
      leaseMs: me.leaseMs,
      run: me.run,
      priority: me.priority ?? 'normal',
      ...(me.overridesFreeze ? { overridesFreeze: true } : {})
    };
    // One write: the number and its ticket appear together, or not at all.
    const written = await this.t.conditional('enqueue', () =>
      this.t.doc.send(
        new UpdateCommand({
          TableName: this.t.name,
          Key: { pk: envKey(me.environment), sk: QUEUE },
          ...(seen === 0
            ? {
                UpdateExpression: 'SET seq = :next, tickets = :first',
                // A counter at 0 (an empty queue set so by hand) takes its first number too.
                ConditionExpression: 'attribute_not_exists(seq) OR seq = :zero',
                ExpressionAttributeValues: {
                  ':next': ticket.seq,
                  ':zero': 0,
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
    return written ? ticket : undefined;
  }

  async heartbeatTicket(environment: string, ticket: Ticket): Promise<Ticket | undefined> {
    const next = { ...ticket, heartbeat: randomUUID() };
    const ok = await this.t.conditional('ticket heartbeat', () =>
      this.t.doc.send(
        new UpdateCommand({
          TableName: this.t.name,
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
    await this.t.call('ticket removal', () =>
      this.t.doc.send(
        new UpdateCommand({
          TableName: this.t.name,
          Key: { pk: envKey(environment), sk: QUEUE },
          UpdateExpression: 'REMOVE tickets.#k',
          ConditionExpression: 'attribute_exists(seq)',
          ExpressionAttributeNames: { '#k': ticketKey(seq) }
        })
      )
    );
  }

  async removeDeadTicket(environment: string, ticket: Ticket): Promise<boolean> {
    return this.t.conditional('dead ticket removal', () =>
      this.t.doc.send(
        new UpdateCommand({
          TableName: this.t.name,
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
    await this.t.call('read', async () => {
      const pages = paginateQuery(
        { client: this.t.doc },
        {
          TableName: this.t.name,
          ConsistentRead: true,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': envKey(environment), ':from': LOCK, ':to': QUEUE }
        }
      );
      for await (const page of pages)
        items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    });
    const lock = decoded(
      decodeLock(
        environment,
        items.find((i) => i['sk'] === LOCK)
      )
    );
    const { tickets } = decoded(decodeQueue(items.find((i) => i['sk'] === QUEUE)));
    return { lock, tickets };
  }

  async readLock(environment: string): Promise<LockView> {
    // One strongly consistent GetItem of the LOCK item: a release that landed is seen.
    const out = await this.t.call('lock read', () =>
      this.t.doc.send(
        new GetCommand({
          TableName: this.t.name,
          Key: { pk: envKey(environment), sk: LOCK },
          ConsistentRead: true
        })
      )
    );
    return decoded(decodeLock(environment, out.Item));
  }

  async environments(): Promise<string[]> {
    const names: string[] = [];
    await this.t.call('environments read', async () => {
      const pages = paginateQuery(
        { client: this.t.doc },
        {
          TableName: this.t.name,
          ConsistentRead: true,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :env)',
          ExpressionAttributeValues: { ':pk': ENVS, ':env': envKey('') },
          ProjectionExpression: 'sk'
        }
      );
      for await (const page of pages)
        for (const item of page.Items ?? []) names.push(envOfIndexKey(String(item['sk'])));
    });
    return names;
  }

  /**
   * Notes the environment in the index `environments` reads: in the background, once per process
   * and environment, idempotent. Never awaited and never failing, so a wait is not held up by it;
   * a failed write is tried again at the next enqueue.
   */
  private indexEnvironment(environment: string): void {
    if (this.indexed.has(environment)) return;
    this.indexed.add(environment);
    this.t.doc
      .send(
        new UpdateCommand({
          TableName: this.t.name,
          Key: envIndexKey(environment),
          UpdateExpression: 'SET environment = :env, queuedAt = :at, expiresAt = :exp',
          ExpressionAttributeValues: {
            ':env': environment,
            ':at': this.t.iso(),
            ':exp': this.t.expires(HISTORY_TTL_DAYS)
          }
        }),
        { abortSignal: AbortSignal.timeout(ENV_INDEX_TIMEOUT_MS) }
      )
      .catch(() => this.indexed.delete(environment));
  }

  async acquire(me: Participant, observed: LockView): Promise<Holder | undefined> {
    const heartbeat = randomUUID();
    const acquiredAt = this.t.iso();
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
      const out = await this.t.call('acquire', () =>
        this.t.doc.send(
          new UpdateCommand({
            TableName: this.t.name,
            Key: { pk: envKey(me.environment), sk: LOCK },
            UpdateExpression:
              'SET fence = if_not_exists(fence, :zero) + :one, holder = :id, #owner = :owner, heartbeat = :hb, acquiredAt = :at, heartbeatAt = :at, leaseMs = :lease, run = :run, stacks = :stacks',
            ConditionExpression: condition,
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: values,
            ReturnValues: 'UPDATED_NEW'
          })
        )
      );
      // The lock is held now: what it says is what this write set, and the fence it counted (the
      // rest of the item, whatever else is in it, is not read here: the next view decodes it).
      const fence: unknown = out.Attributes?.['fence'];
      if (typeof fence !== 'number' || !Number.isSafeInteger(fence))
        throw new RegistryCorruptError({
          pk: envKey(me.environment),
          sk: LOCK,
          scope: me.environment,
          attribute: 'fence',
          expected: 'a whole number after the acquire',
          found: describeValue(fence)
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
    } catch (err) {
      if (isConditionFailure(err)) return undefined;
      throw err;
    }
  }

  async heartbeatLock(environment: string, key: LockKey, signal?: AbortSignal): Promise<boolean> {
    return this.t.conditional('lock heartbeat', () =>
      this.t.doc.send(
        new UpdateCommand({
          TableName: this.t.name,
          Key: { pk: envKey(environment), sk: LOCK },
          UpdateExpression: 'SET heartbeat = :hb, heartbeatAt = :at',
          ConditionExpression: '#owner = :owner AND fence = :fence',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: {
            ':hb': randomUUID(),
            ':at': this.t.iso(),
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
    return this.t.conditional('release', () =>
      this.t.doc.send(
        new UpdateCommand({
          TableName: this.t.name,
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
            ':at': this.t.iso()
          }
        })
      )
    );
  }

  async forceUnlock(environment: string, reason: string, by: string): Promise<Holder | undefined> {
    const lock = await this.readLock(environment);
    if (!lock.holder) return undefined;
    const done = await this.t.conditional('force unlock', () =>
      this.t.doc.send(
        new UpdateCommand({
          TableName: this.t.name,
          Key: { pk: envKey(environment), sk: LOCK },
          UpdateExpression:
            'REMOVE holder, #owner, heartbeat, heartbeatAt, acquiredAt, leaseMs, run, stacks SET lastHolder = :id, lastOutcome = :outcome, releasedAt = :at, lastForcedUnlock = :note',
          ConditionExpression: 'holder = :id AND fence = :fence',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: {
            ':id': lock.holder!.correlationId,
            ':fence': lock.fence,
            ':outcome': 'force-unlocked',
            ':at': this.t.iso(),
            ':note': { by, reason, at: this.t.iso() }
          }
        })
      )
    );
    return done ? lock.holder : undefined;
  }
}
