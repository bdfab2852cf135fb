import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Registry } from '../ports/registry.js';
import { DynamoFreezes } from './dynamodb-freezes.js';
import { DynamoLockQueue } from './dynamodb-queue.js';
import { DynamoHistory, DynamoRecords } from './dynamodb-records.js';
import { DynamoTable } from './dynamodb-table.js';

export { createDynamoClient } from './dynamodb-table.js';

/** The registry in a DynamoDB table: the lock and queue, the records, the history and the freezes. */
export function dynamoRegistry(
  client: DynamoDBClient,
  table: string,
  now: () => number = Date.now
): Registry {
  const t = new DynamoTable(client, table, now);
  return {
    lock: new DynamoLockQueue(t),
    records: new DynamoRecords(t),
    history: new DynamoHistory(t),
    freezes: new DynamoFreezes(t)
  };
}
