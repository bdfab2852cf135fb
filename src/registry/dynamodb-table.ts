import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RegistryUnavailableError } from '../ports/registry-errors.js';
import { readNumber } from './schema.js';

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
export const LOCK = 'LOCK';
export const QUEUE = 'QUEUE';
export const HIST = 'HIST#';
export const envKey = (env: string): string => `ENV#${env}`;
export const ENVS = 'ENVS';
/** An environment's entry in the index of environments. */
export const envIndexKey = (env: string): Record<string, string> => ({ pk: ENVS, sk: envKey(env) });
/** The environment an index entry's sort key names. */
export const envOfIndexKey = (sk: string): string => sk.slice(envKey('').length);
export const recordKey = (correlationId: string): Record<string, string> => ({
  pk: `DEPLOY#${correlationId}`,
  sk: 'RECORD'
});
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

export const isConditionFailure = (err: unknown): boolean =>
  (err as { name?: string })?.name === 'ConditionalCheckFailedException';

/** The registry table: its document client, and calls whose failures say what kind of trouble they are. */
export class DynamoTable {
  readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    readonly name: string,
    private readonly now: () => number = Date.now
  ) {
    this.doc = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
      // Every number as DynamoDB wrote it when JavaScript cannot hold it: the schema refuses it,
      // naming the item, instead of the whole read failing (registry/schema.ts).
      unmarshallOptions: { wrapNumbers: readNumber }
    });
  }

  async call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isConditionFailure(err)) throw err;
      throw new RegistryUnavailableError(operation, err);
    }
  }

  /** A conditional write: true when it applied, false when its condition did not hold. */
  async conditional(operation: string, fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await this.call(operation, fn);
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  iso(): string {
    return new Date(this.now()).toISOString();
  }

  expires(days: number): number {
    return Math.floor(this.now() / 1000) + days * DAY_S;
  }
}
