import { UpdateCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Freeze } from '../domain/freeze.js';
import { FREEZE_TTL_DAYS, type FreezeStore, type Items } from '../ports/registry.js';
import { DynamoTable } from './dynamodb-table.js';
import { sorted } from './schema.js';
import { decodeFreeze } from './schema-freezes.js';

const FREEZES = 'FREEZES';
const freezeKey = (f: Pick<Freeze, 'environment' | 'id'>): Record<string, string> => ({
  pk: FREEZES,
  sk: `FREEZE#${f.environment}#${f.id}`
});

/**
 * Freezes in the registry table, all in one partition. Written with UpdateItem (the policy grants
 * no PutItem or DeleteItem): a thaw marks the item and lets TTL remove it a week later; a one-off
 * freeze expires a week after its end, a recurring one only once thawed.
 */
export class DynamoFreezes implements FreezeStore {
  constructor(private readonly t: DynamoTable) {}

  async list(): Promise<Items<Freeze>> {
    const items: Record<string, unknown>[] = [];
    await this.t.call('freezes read', async () => {
      const pages = paginateQuery(
        { client: this.t.doc },
        {
          TableName: this.t.name,
          ConsistentRead: true,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :freeze)',
          ExpressionAttributeValues: { ':pk': FREEZES, ':freeze': 'FREEZE#' }
        }
      );
      for await (const page of pages)
        items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    });
    return sorted(items.map(decodeFreeze));
  }

  async add(f: Freeze): Promise<void> {
    const fields: Record<string, unknown> = {
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
    await this.t.call('freeze', () =>
      this.t.doc.send(
        new UpdateCommand({
          TableName: this.t.name,
          Key: freezeKey(f),
          UpdateExpression: `SET ${names.map((k) => `#${k} = :${k}`).join(', ')}`,
          ConditionExpression: 'attribute_not_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(names.map((k) => [`#${k}`, k])),
          ExpressionAttributeValues: Object.fromEntries(names.map((k) => [`:${k}`, fields[k]]))
        })
      )
    );
  }

  async thaw(f: Freeze, by: string): Promise<boolean> {
    return this.t.conditional('thaw', () =>
      this.t.doc.send(
        new UpdateCommand({
          TableName: this.t.name,
          Key: freezeKey(f),
          UpdateExpression: 'SET thawedAt = :at, thawedBy = :by, expiresAt = :exp',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(thawedAt)',
          ExpressionAttributeValues: {
            ':at': this.t.iso(),
            ':by': by,
            ':exp': this.t.expires(FREEZE_TTL_DAYS)
          }
        })
      )
    );
  }
}
