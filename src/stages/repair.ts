import { DEFAULT_EXPECTED_DURATION_MS } from '../config/config.js';
import type { Lease } from '../coordination/lease.js';
import { recoverStacks, type RecoveryResult } from '../coordination/recover.js';
import type { StackSnapshot } from '../domain/stack.js';
import { confirmed } from './holder.js';
import type { StageDeps } from './deps.js';

/**
 * Repairs what the recovery inputs allow, only while this run holds the lock and, before each
 * repair call, only on a lease made sure of; bounded by wait-timeout-minutes (or the default
 * deployment time when the run does not wait).
 */
export async function repairUnderLease(
  d: StageDeps,
  stacks: readonly StackSnapshot[],
  lease: Lease | undefined
): Promise<RecoveryResult[]> {
  const { config } = d;
  if (!d.recovery) return [];
  return recoverStacks(
    {
      reader: d.reader,
      recovery: d.recovery,
      clock: d.clock,
      sleep: d.sleep,
      log: d.log,
      holding: () => !lease?.lost,
      mayRepair: () => (lease ? confirmed(d, lease) : Promise.resolve(true))
    },
    stacks,
    { autoRollback: config.autoRollback, cleanup: config.cleanup },
    config.waitTimeoutMs > 0 ? config.waitTimeoutMs : DEFAULT_EXPECTED_DURATION_MS,
    config.pollIntervalMs
  );
}
