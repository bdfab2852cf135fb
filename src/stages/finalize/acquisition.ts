import { State } from '../../config/state.js';
import type { LockKey } from '../../ports/registry.js';
import {
  REPAIR_COMMAND,
  RegistryCorruptError,
  describeUnreadable
} from '../../ports/registry-errors.js';
import type { RunContext } from '../../ports/run.js';
import { leased } from '../../domain/turn-result.js';
import { bold, join, type Cell } from '../../report/markdown.js';
import { finalizeWarning, type StageDeps } from '../deps.js';
import { holdLease, type Holding } from '../holder.js';
import type { DeploymentFolder } from './folder.js';

/** This run's acquisition, as coordinate saved it (or, for the finalize/ sub-action, as the lock names it). */
export interface Acquisition {
  readonly key: LockKey;
  readonly acquiredAt?: string;
}

/**
 * This run's acquisition: the owner token and fence coordinate saved the moment it took the lock.
 * The finalize/ sub-action runs in a step of its own, without coordinate's state: the lock held
 * under its correlation-id input by this very run attempt is this deployment's.
 */
export async function acquired(
  d: StageDeps & { readonly run: RunContext }
): Promise<Acquisition | undefined> {
  const { io, log, config, run } = d;
  const owner = io.getState(State.Owner);
  const fence = io.getState(State.Fence);
  const acquiredAt = io.getState(State.AcquiredAt) || undefined;
  if (owner && fence !== '' && Number.isInteger(Number(fence)))
    return { key: { owner, fence: Number(fence), correlationId: log.correlationId }, acquiredAt };
  if (!owner && !config.correlationId) return undefined;
  const lock = await d.registry.lock.readLock(config.environment).catch((err: unknown) => {
    // The table answered with a lock it cannot read: no outage, but no holding to find either.
    if (err instanceof RegistryCorruptError)
      log.warning(
        `The ${config.environment} lock cannot be read (${describeUnreadable(err.item)}): this run's holding, if it has one, cannot be found and expires after lease-minutes. List and repair: ${REPAIR_COMMAND} --registry-table ${config.registryTable ?? 'TABLE'}`,
        { title: 'Unreadable registry item' }
      );
    else {
      const { text, title } = finalizeWarning((err as Error).message);
      log.warning(text, { title });
    }
    return undefined;
  });
  const holder = lock?.holder;
  if (!holder) return undefined;
  // This run's own token (an acquire whose answer was lost), or, for a finalize step of its own
  // with no state, the lock held under this correlation ID by this very run attempt.
  const mine = owner
    ? holder.owner === owner
    : holder.correlationId === config.correlationId &&
      holder.run.runId === run.runId &&
      (holder.run.runAttempt ?? '') === (run.runAttempt ?? '');
  return mine
    ? {
        key: { owner: holder.owner, fence: holder.fence, correlationId: holder.correlationId },
        acquiredAt: holder.acquiredAt
      }
    : undefined;
}

/**
 * The lease, taken back from the monitor: it counts as current only once a heartbeat from here
 * has landed, and it heartbeats from before the monitor is stopped, through the repair, to the
 * release.
 */
export async function takeBack(
  d: StageDeps,
  acquisition: Acquisition,
  folder: DeploymentFolder
): Promise<Holding> {
  const thread = folder.thread();
  const slack =
    d.config.slack && thread && d.notifier
      ? { notifier: d.notifier, channel: thread.channel, ts: thread.ts }
      : undefined;
  const holding = holdLease(
    { ...d, info: folder.info(), slack },
    d.config.environment,
    acquisition.key,
    d.config.leaseMs,
    'finalize',
    -Infinity
  );
  const landed = await holding.lease.beat();
  holding.lease.start();
  if (landed === undefined)
    d.log.warning(
      'Could not heartbeat the lock on taking it back (the registry did not answer); still trying while finalize works.',
      { title: 'Registry unavailable' }
    );
  await holding.reported();
  return holding;
}

/** The summary's lock line: held to the release, or how it was lost. */
export function lockLine(holding: Holding): Cell {
  const { fence } = holding.lease.key;
  const loss = holding.loss();
  if (!leased(holding.lease.key)) return 'none (CloudFormation only)';
  if (!holding.lease.lost) return `held from acquire to release (fencing token ${fence})`;
  if (loss?.kind === 'released') return `already released (fencing token ${fence})`;
  return join(
    bold('lost'),
    ` (fencing token ${fence}): ${loss?.text ?? "no longer this deployment's"}; this run stopped acting as the holder`
  );
}
