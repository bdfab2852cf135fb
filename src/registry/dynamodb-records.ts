import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  HISTORY_TTL_DAYS,
  RECORD_TTL_DAYS,
  type DeploymentRecord,
  type HistoryEntry,
  type HistoryStore,
  type Items,
  type Records,
  type TransitionEntry
} from '../ports/registry.js';
import { DynamoTable, HIST, envKey, recordKey } from './dynamodb-table.js';
import { decoded, sorted } from './schema.js';
import { decodeHistory, decodeRecord } from './schema-records.js';

/** Deployment records, in the registry table (they expire after RECORD_TTL_DAYS). */
export class DynamoRecords implements Records {
  constructor(private readonly t: DynamoTable) {}

  async putRecord(
    record: Omit<DeploymentRecord, 'transitions'>,
    first: TransitionEntry
  ): Promise<void> {
    await this.t.call('record', () =>
      this.t.doc.send(
        new UpdateCommand({
          TableName: this.t.name,
          Key: recordKey(record.correlationId),
          UpdateExpression:
            'SET correlationId = :id, environment = :env, stacks = :stacks, run = :run, priority = :priority, transitions = list_append(if_not_exists(transitions, :empty), :t), expiresAt = :exp',
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
        })
      )
    );
  }

  async addTransition(
    correlationId: string,
    entry: TransitionEntry,
    patch: { fence?: number; outcome?: string; rootCause?: string } = {}
  ): Promise<void> {
    // A transition may come before (or without) the record's start: it expires all the same.
    const sets = [
      'transitions = list_append(if_not_exists(transitions, :empty), :t)',
      'expiresAt = if_not_exists(expiresAt, :exp)'
    ];
    const values: Record<string, unknown> = {
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
    await this.t.call('record', () =>
      this.t.doc.send(
        new UpdateCommand({
          TableName: this.t.name,
          Key: recordKey(correlationId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ExpressionAttributeValues: values
        })
      )
    );
  }

  async getRecord(correlationId: string): Promise<DeploymentRecord | undefined> {
    const out = await this.t.call('record read', () =>
      this.t.doc.send(
        new GetCommand({
          TableName: this.t.name,
          Key: recordKey(correlationId),
          ConsistentRead: true
        })
      )
    );
    return out.Item && decoded(decodeRecord(out.Item));
  }
}

/** Finished deployments, in the registry table (they expire after HISTORY_TTL_DAYS). */
export class DynamoHistory implements HistoryStore {
  constructor(private readonly t: DynamoTable) {}

  async add(entry: HistoryEntry): Promise<void> {
    await this.t.call('history', () =>
      this.t.doc.send(
        new UpdateCommand({
          TableName: this.t.name,
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
            ':exp': this.t.expires(HISTORY_TTL_DAYS)
          }
        })
      )
    );
  }

  async recent(environment: string, limit: number): Promise<Items<HistoryEntry>> {
    const out = await this.t.call('history read', () =>
      this.t.doc.send(
        new QueryCommand({
          TableName: this.t.name,
          ConsistentRead: true,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :hist)',
          ExpressionAttributeValues: { ':pk': envKey(environment), ':hist': HIST },
          ScanIndexForward: false,
          Limit: limit
        })
      )
    );
    return sorted((out.Items ?? []).map((item) => decodeHistory(item)));
  }

  async save(): Promise<void> {}
}
