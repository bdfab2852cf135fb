import { randomUUID } from 'node:crypto';
import { GetCommand, UpdateCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import {
  HISTORY_TTL_DAYS,
  type LockQueue,
  type Participant,
  type QueueView,
  type Ticket
} from '../ports/registry.js';
import { DynamoLock } from './dynamodb-lock.js';
import { ENVS, LOCK, QUEUE, envIndexKey, envKey, envOfIndexKey } from './dynamodb-table.js';
import { decoded } from './schema.js';
import { decodeLock, decodeQueue, ticketKey } from './schema-lock.js';

/** The index write's whole budget, retries included: it never holds up a stage's exit for long. */
const ENV_INDEX_TIMEOUT_MS = 3_000;

/** The lock and the queue, in the registry table (the lock's own writes are `DynamoLock`'s). */
export class DynamoLockQueue extends DynamoLock implements LockQueue {
  readonly kind = 'dynamodb' as const;

  /** Environments this process has written to the index already. */
  private readonly indexed = new Set<string>();

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
}
