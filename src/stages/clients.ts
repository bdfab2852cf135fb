import type { StackReader } from '../coordination/ports.js';

/** The CloudFormation adapter, loaded only once the inputs are known to be good (start-up cost). */
export async function cloudFormationReader(region: string): Promise<StackReader> {
  const { CloudFormationAdapter, createCloudFormationClient } =
    await import('../aws/cloudformation.js');
  return new CloudFormationAdapter(createCloudFormationClient(region), region);
}
