/**
 * What the monitor says in the deployment's thread (and its log): its alerts, someone else's
 * operation, the lock taken from it.
 */
import { remainingMs } from '../domain/estimate.js';
import { describeStarter, type JudgedOperation } from '../domain/ownership.js';
import { isStackEvent } from '../domain/stack.js';
import type { Alert, DeploymentWatch } from '../domain/watch.js';
import {
  failureAlertMessage,
  foreignOperationMessage,
  lockLostMessage,
  overdueMessage,
  progressMessage,
  stallMessage,
  stallResolvedMessage,
  startedMessage,
  type RenderedMessage
} from '../notify/messages.js';
import type { Registry } from '../ports/registry.js';
import type { MonitorDeps } from './run.js';

/** Someone else's operation, in the thread: who started it, where CloudFormation says. */
export async function alertForeign(d: MonitorDeps, op: JudgedOperation): Promise<void> {
  const { settings: s } = d;
  if (!d.notifier || !s.slack) return;
  await d.notifier.post(
    'foreign operation',
    s.slack.thread.channel,
    foreignOperationMessage(s.info, {
      stack: op.stack,
      start: op.start,
      status: op.status,
      startedBy: describeStarter(op)
    }),
    { ts: s.slack.thread.ts }
  );
}

/** The lock was taken from this deployment: on the record, in the thread, then the monitor ends. */
export async function lockLost(d: MonitorDeps, registry: Registry | undefined): Promise<void> {
  const { settings: s } = d;
  const lock = await registry?.lock.readLock(s.environment).catch(() => undefined);
  const nowHeldBy = lock?.holder?.correlationId;
  d.write({
    at: new Date(d.now()).toISOString(),
    correlationId: s.correlationId,
    type: 'lock-lost',
    fence: s.fence,
    nowHeldBy,
    nowFence: lock?.fence
  });
  if (d.notifier && s.slack) {
    await d.notifier
      .post(
        'lock lost',
        s.slack.thread.channel,
        lockLostMessage(s.info, { nowHeldBy, by: 'monitor' }),
        { ts: s.slack.thread.ts }
      )
      .catch(() => undefined);
  }
}

export async function report(
  d: MonitorDeps,
  alert: Alert,
  stackStatus: Record<string, string>,
  watch: DeploymentWatch
): Promise<void> {
  const { settings: s } = d;
  d.write({
    at: new Date(d.now()).toISOString(),
    correlationId: s.correlationId,
    type: 'alert',
    alert
  });
  const info = s.info;
  let message: RenderedMessage;
  switch (alert.kind) {
    case 'stall':
      message = stallMessage(info, { silentForMs: alert.silentForMs, lastEvent: alert.lastEvent });
      break;
    case 'stall-resolved':
      message = stallResolvedMessage(info, { silentForMs: alert.silentForMs });
      break;
    case 'overdue':
      message = overdueMessage(info, { elapsedMs: alert.elapsedMs, expectedMs: alert.expectedMs });
      break;
    case 'failure':
      message = failureAlertMessage(info, { event: alert.event });
      break;
    case 'progress':
      message = progressMessage(info, {
        stackStatus,
        ...alert.progress,
        elapsedMs: alert.elapsedMs,
        remainingMs: remainingMs(
          info.estimate.expectedMs,
          alert.elapsedMs,
          inProgressResources(watch),
          s.typeSeconds ?? {},
          d.now()
        ),
        latestEvents: alert.latestEvents
      });
      break;
  }
  if (!d.notifier || !s.slack) return;
  await d.notifier.post(alert.kind, s.slack.thread.channel, message, { ts: s.slack.thread.ts });
  if (alert.kind === 'progress' || alert.kind === 'failure') {
    // The parent shows the current state in place.
    const startedAt = new Date(watch.startedAt ?? Date.parse(s.acquiredAt));
    await d.notifier.update(
      'parent',
      s.slack.thread,
      startedMessage(info, { state: 'deploying', startedAt })
    );
  }
}

/** Resources whose latest event is *_IN_PROGRESS, with when they started. */
function inProgressResources(watch: DeploymentWatch): { type: string; startedMs: number }[] {
  const state = new Map<string, { type: string; status: string; startedMs: number }>();
  for (const e of watch.operationEvents) {
    if (isStackEvent(e)) continue;
    const key = `${e.stackName}/${e.logicalId}`;
    const previous = state.get(key);
    const startedMs = previous?.status.endsWith('_IN_PROGRESS')
      ? previous.startedMs
      : e.timestamp.getTime();
    state.set(key, { type: e.resourceType, status: e.status, startedMs });
  }
  return [...state.values()].filter((r) => r.status.endsWith('_IN_PROGRESS'));
}
