import type { StackReader, StackRecovery } from '../ports/cloudformation.js';
import type { Registry } from '../ports/registry.js';

// Loaded only once the inputs are known to be good: a bad input fails fast without loading the SDKs.

export async function cloudFormationReader(region: string): Promise<StackReader & StackRecovery> {
  const { CloudFormationAdapter, createCloudFormationClient } =
    await import('../aws/cloudformation.js');
  return new CloudFormationAdapter(createCloudFormationClient(region), region);
}

export async function openRegistry(
  table: string | undefined,
  region: string,
  historyFileFor?: string
): Promise<Registry> {
  if (!table) {
    const { CloudFormationOnlyRegistry } = await import('../registry/cloudformation-only.js');
    return new CloudFormationOnlyRegistry(historyFileFor);
  }
  const { DynamoRegistry, createDynamoClient } = await import('../registry/dynamodb.js');
  return new DynamoRegistry(createDynamoClient(region), table);
}
