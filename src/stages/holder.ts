import { Lease } from '../coordination/lease.js';
import { heartbeatInterval } from '../monitor/files.js';
import { lockLostMessage, type DeploymentInfo } from '../notify/messages.js';
import type { SlackNotifier } from '../notify/slack.js';
import type { LockKey, LockView, Registry } from '../ports/registry.js';
import type { Clock, Logger, Sleep } from '../ports/runtime.js';

export interface HolderDeps {
  readonly registry: Registry;
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly log: Logger;
  /** Where a lost lock is announced (the deployment's thread, else the status channel). */
  readonly slack?: {
    readonly notifier: SlackNotifier;
    readonly channel: string;
    readonly ts?: string;
  };
  readonly info?: DeploymentInfo;
}

export interface Loss {
  readonly kind: 'taken-over' | 'unlocked' | 'released' | 'unknown';
  readonly text: string;
}

export interface Holding {
  readonly lease: Lease;
  /** Resolves once a loss has been reported (error annotation, record, Slack). */
  readonly reported: () => Promise<void>;
  /** Aborts when the lock is found no longer this acquisition's. */
  readonly signal: AbortSignal;
  readonly loss: () => Loss | undefined;
}

/** How a lock that is no longer this acquisition's was lost, from the lock as it is now. */
export function lossOf(view: LockView | undefined, key: LockKey): Loss {
  if (!view) return { kind: 'unknown', text: 'the registry could not be read to say how' };
  const holder = view.holder;
  if (holder && holder.fence !== key.fence)
    return {
      kind: 'taken-over',
      text: `it is now held by ${holder.correlationId} (fencing token ${holder.fence}, ${holder.run.runUrl ?? 'no run link'})`
    };
  if (!holder && view.fence === key.fence && view.lastOutcome === 'force-unlocked')
    return {
      kind: 'unlocked',
      text: 'an operator unlocked it (deploy-coordinator unlock --force)'
    };
  if (!holder && view.fence === key.fence && view.lastHolder === key.correlationId)
    return { kind: 'released', text: `it was already released (fencing token ${key.fence})` };
  return { kind: 'unknown', text: `the lock is at fencing token ${view.fence}` };
}

/**
 * The lease of this run's acquisition, heartbeating on its own loop (see Lease). When a heartbeat
 * finds the lock no longer this acquisition's, the holder says so at once: an error annotation,
 * a Slack alert, the record; `signal` aborts then, so the stage can stop acting as the holder.
 */
export function holdLease(
  d: HolderDeps,
  environment: string,
  key: LockKey,
  leaseMs: number,
  by: 'coordinate' | 'finalize',
  sinceMs?: number
): Holding {
  const controller = new AbortController();
  let reported: Promise<Loss | undefined> = Promise.resolve(undefined);
  let loss: Loss | undefined;
  let warnedSilent = false;
  const lease = new Lease(
    { lock: d.registry.lock, clock: d.clock, sleep: d.sleep },
    environment,
    key,
    leaseMs,
    heartbeatInterval(leaseMs),
    {
      onBeat: (r) => {
        if (typeof r === 'boolean' || warnedSilent) return;
        if (d.clock.now() - lease.lastLandedAt < leaseMs) return;
        warnedSilent = true;
        d.log.warning(
          `The lock's heartbeats have not landed for longer than a lease (${r.message}): another run may take it over. Still trying.`,
          { title: 'Lock heartbeat failing' }
        );
      },
      onLost: () => {
        reported = reportLoss(d, environment, key, by).then((l) => (loss = l));
        controller.abort();
      }
    },
    sinceMs
  );
  return {
    lease,
    reported: async () => {
      await reported;
    },
    signal: controller.signal,
    loss: () => loss
  };
}

export async function reportLoss(
  d: HolderDeps,
  environment: string,
  key: LockKey,
  by: 'coordinate' | 'finalize'
): Promise<Loss> {
  const view = await d.registry.lock.readLock(environment).catch(() => undefined);
  const loss = lossOf(view, key);
  if (loss.kind === 'released') {
    // This acquisition ended already (finalize run twice): nothing was lost.
    d.log.info(
      `Nothing to release: ${environment} was already released (fencing token ${key.fence}).`
    );
    return loss;
  }
  d.log.error(
    `This deployment no longer holds the ${environment} lock (fencing token ${key.fence}): ${loss.text}. It stops acting as the holder: no heartbeat, no repair, no release.`,
    { title: 'Lock lost' }
  );
  const at = new Date(d.clock.now()).toISOString();
  await d.registry.records
    .addTransition(key.correlationId, { state: 'lock-lost', at, note: `${by}: ${loss.text}` })
    .catch(() => undefined);
  if (d.slack && d.info) {
    await d.slack.notifier
      .post(
        'lock lost',
        d.slack.channel,
        lockLostMessage(d.info, {
          nowHeldBy:
            view?.holder && view.holder.fence !== key.fence ? view.holder.correlationId : undefined,
          by
        }),
        d.slack.ts ? { ts: d.slack.ts } : undefined
      )
      .catch(() => undefined);
  }
  return loss;
}

/** The lease made sure of before this run acts as the holder; said when it cannot be. */
export async function confirmed(
  d: { config: { environment: string; leaseMs: number }; log: Logger },
  lease: Lease
): Promise<boolean> {
  if (await lease.confirm(d.config.leaseMs)) return true;
  if (!lease.lost)
    d.log.error(
      `Could not make sure this run still holds the ${d.config.environment} lock: no heartbeat landed for a lease (the registry did not answer). Not acting as the holder.`,
      { title: 'Lock not confirmed' }
    );
  return false;
}
