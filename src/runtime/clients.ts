import type { StackReader, StackRecovery } from '../ports/cloudformation.js';
import type { Registry } from '../ports/registry.js';
import type { Logger } from '../ports/runtime.js';
import type { TimeBudget } from './budget.js';
import { cloudFormationOnly } from '../registry/cloudformation-only.js';
import { HistoryFile, historyFile } from '../registry/history-file.js';

// Loaded only once the inputs are known to be good: a bad input fails fast without loading the SDKs.

export async function cloudFormationReader(region: string): Promise<StackReader & StackRecovery> {
  const { CloudFormationAdapter, createCloudFormationClient } =
    await import('../aws/cloudformation.js');
  return new CloudFormationAdapter(createCloudFormationClient(region), region);
}

export interface RegistryChoice {
  /** The registry-table input; none means CloudFormation-only coordination. */
  readonly table: string | undefined;
  readonly region: string;
  readonly environment: string;
  /** Where the history file's Actions cache is saved from (without a table). */
  readonly log?: Logger;
  /** The post step's budget for GitHub, which the Actions cache's save is under. */
  readonly githubBudget?: TimeBudget;
}

/**
 * The one place the coordination mode is decided: a table (lock, queue, records, history in
 * DynamoDB) or CloudFormation alone (a lock that is CloudFormation's status, no records, the
 * history in a file the Actions cache carries).
 */
export async function openRegistry(choice: RegistryChoice): Promise<Registry> {
  if (!choice.table) return cloudFormationOnly(historyOf(choice));
  const { dynamoRegistry, createDynamoClient } = await import('../registry/dynamodb.js');
  return dynamoRegistry(createDynamoClient(choice.region), choice.table);
}

/** What a run falls back to when the table stops answering: CloudFormation alone, the history file kept. */
export const fallbackRegistry =
  (choice: RegistryChoice): (() => Registry) =>
  () =>
    cloudFormationOnly(new HistoryFile(historyFile(choice.environment)));

function historyOf({ environment, log, githubBudget }: RegistryChoice): HistoryFile {
  const file = historyFile(environment);
  return new HistoryFile(file, async () => {
    if (!log) return;
    const { saveHistory } = await import('../github/history-cache.js');
    await saveHistory(file, environment, log, undefined, githubBudget);
  });
}
