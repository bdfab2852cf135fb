import { randomUUID } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Holder, LockKey, LockView, OperatorLockKey, Participant } from '../ports/registry.js';
import { RegistryCorruptError } from '../ports/registry-errors.js';
import { DynamoTable, LOCK, envKey, isConditionFailure } from './dynamodb-table.js';
import { decoded, describeValue } from './schema.js';
import { decodeLock } from './schema-lock.js';

/** The lock, in the registry table: its LOCK item (the queue is `DynamoLockQueue`'s). */
export class DynamoLock {
  constructor(protected readonly t: DynamoTable) {}

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
