import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { State, type CoordinationResult } from '../config/state.js';
import { waitForTurn, type TurnOutcome } from '../coordination/wait-for-turn.js';
import type { Finding } from '../domain/findings.js';
import type { StackSnapshot } from '../domain/stack.js';
import {
  monitorDir,
  monitorEnv,
  monitorFiles,
  monitorSettings,
  siblingEntry
} from '../monitor/files.js';
import { launchMonitor, monitorHolds } from '../monitor/launch.js';
import { readObservations } from '../monitor/stop.js';
import { commitMessage, openNotifier } from '../notify/thread.js';
import type { Registry } from '../ports/registry.js';
import type { RunContext, RunLiveness } from '../ports/run.js';
import { cloudFormationReader, fallbackRegistry, openRegistry } from '../runtime/clients.js';
import { githubDeployments, githubLiveness } from '../runtime/github.js';
import { runContext } from '../runtime/run-context.js';
import {
  actionStage,
  cancellationSignal,
  sayInputWarnings,
  sleep,
  systemClock
} from '../runtime/stage.js';
import { arrive, turnOptions, type ArrivalNotices } from './coordinate/arrive.js';
import { estimateAtTurn } from './coordinate/estimate.js';
import { answeredBy, answeredOf } from './answered.js';
import { announceOverride, recordOverride } from './coordinate/freeze.js';
import { announce, handOver, type HandOverDeps } from './coordinate/hand-over.js';
import { publish } from './coordinate/publish.js';
import {
  corruptTurn,
  decide,
  notAcquired,
  notDeployingNotice,
  recordAcquisition,
  repairFirst,
  takeLease,
  validate
} from './coordinate/under-lease.js';
import { record, releaseBudget } from './deps.js';
import { confirmed, type Holding } from './holder.js';

export { publish } from './coordinate/publish.js';
export type { MonitorStart } from './coordinate/hand-over.js';

export interface CoordinateDeps extends HandOverDeps {
  /** This run attempt's owner token (random; saved in state, never logged). */
  readonly owner: string;
  /** The workflow run this deployment belongs to, and its head commit's message. */
  readonly run: RunContext;
  readonly commit?: string;
  /** What coordination falls back to when the table stops answering for longer than a lease. */
  readonly fallback: () => Registry;
  readonly liveness?: RunLiveness;
  readonly signal?: AbortSignal;
}

export interface CoordinateReport {
  readonly result: CoordinationResult;
  readonly turn: TurnOutcome;
  readonly findings: readonly Finding[];
  readonly expectedMs: number;
  /** The stacks as the deploy step finds them: after coordinate's repair, if it made one. */
  readonly stacks: readonly StackSnapshot[];
}

/**
 * coordinate: arrive (the stacks, the estimate), wait for this run's turn and take the lease the
 * instant it is granted; under it, estimate anew, repair and decide; then announce, start the
 * monitor and hand the lease over to it. Not deploying, it gives the lock back at once.
 */
export async function coordinate(d: CoordinateDeps): Promise<CoordinateReport> {
  const arrival = await arrive(d);
  let holding: Holding | undefined;
  const notices: ArrivalNotices = {};
  try {
    const turn = await waitForTurn(
      d,
      turnOptions(
        d,
        arrival,
        (holder, registry, sentAt) => {
          holding = takeLease(d, arrival, holder, registry, sentAt);
        },
        d.signal,
        notices
      )
    );
    if (turn.kind !== 'acquired')
      return {
        ...(await notAcquired(d, arrival, turn, turn.kind, notices.queued)),
        turn,
        expectedMs: arrival.expected.estimate.expectedMs,
        stacks: turn.stacks
      };
    // onAcquired ran the instant the lock was granted, before the wait returned.
    if (!holding) throw new Error('The lock was acquired without a lease.');
    const { lease, signal: lost } = holding;
    await recordAcquisition(d, turn);
    await recordOverride(d, turn);
    // What this run deploys with is estimated now: the history may have grown while it waited.
    const atTurn = await estimateAtTurn(d, arrival, turn);
    const expectedMs = atTurn.expected.estimate.expectedMs;
    const { stacks, deployFrom } = await repairFirst(d, turn, lease);
    const findings = validate(d, turn, stacks);
    const signal = d.signal ? AbortSignal.any([d.signal, lost]) : lost;
    let result = await decide(d, atTurn, turn, findings, signal);
    // Act as the holder only on a lease known to be current: no one can have taken it over.
    if (result === 'acquired' && !(await confirmed(d, lease))) result = 'aborted';
    if (lease.lost) result = 'aborted';
    if (result !== 'acquired') {
      if (await lease.release(result, releaseBudget(d.config)))
        await record(
          d,
          turn.registry,
          'released',
          `not deploying: ${result}`,
          {},
          answeredBy(answeredOf(d.io, d.log.correlationId))
        );
      // Its 'queued' notice, if it waited, says it is not deploying after all.
      if (notices.queued && (result === 'blocked' || result === 'aborted'))
        await notDeployingNotice(d, arrival, turn, result, notices.queued);
      return { result, turn, findings, expectedMs, stacks };
    }
    const thread = await announce(d, atTurn, turn);
    await announceOverride(d, atTurn, turn, thread);
    const holds = await handOver(d, atTurn, turn, thread, lease, deployFrom);
    if (typeof holds === 'object') {
      // Acquired on CloudFormation alone, and the table answers again with an unreadable lock.
      const corrupt = corruptTurn(d, holds);
      return { result: 'blocked', turn, findings: [...findings, corrupt], expectedMs, stacks };
    }
    return { result: holds ? 'acquired' : 'aborted', turn, findings, expectedMs, stacks };
  } finally {
    // Whatever happened, this process heartbeats no more: the monitor holds the lease now, or
    // finalize releases it (owner and fence are in state).
    await holding?.lease.stop();
    await holding?.reported();
  }
}

/**
 * The step: real clients, real clock, the runner's signals. `self` is the entry's script
 * (dist/coordinate/index.js); the monitor's supervisor entry is beside it.
 */
export async function main(self: string): Promise<void> {
  await actionStage('coordinate', async ({ io, log, config, correlationId, logs }) => {
    sayInputWarnings(log, io, config);
    io.saveState(State.CorrelationId, correlationId);
    io.saveState(State.QueuedAt, new Date().toISOString());
    // Saved before anything is queued or taken: finalize can always remove or release what this run holds.
    const owner = randomUUID();
    io.saveState(State.Owner, owner);
    const signal = cancellationSignal((sig) => log.warning(`Received ${sig}: stopping the wait.`));
    const reader = await cloudFormationReader(config.region);
    const choice = {
      table: config.registryTable,
      region: config.region,
      environment: config.environment
    };
    const dir = monitorDir(correlationId);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // The monitor's supervisor entry beside this one.
    const monitorBundle = siblingEntry(self, 'supervisor');
    const deps: CoordinateDeps = {
      config,
      log,
      io,
      owner,
      run: runContext(),
      commit: commitMessage(),
      reader,
      registry: await openRegistry(choice),
      fallback: fallbackRegistry(choice),
      liveness:
        config.githubToken && config.registryTable
          ? await githubLiveness(config.githubToken, log)
          : undefined,
      clock: systemClock,
      sleep,
      signal,
      notifier: await openNotifier(config.slack, log, monitorFiles(dir).stageSpool),
      recovery: reader,
      deployments:
        config.githubDeployment && config.githubToken
          ? await githubDeployments(config.githubToken, log)
          : undefined,
      recordDeployment: (id) =>
        writeFileSync(monitorFiles(dir).deployment, String(id), { mode: 0o600 }),
      recordThread: (thread) => writeFileSync(monitorFiles(dir).thread, thread, { mode: 0o600 }),
      startMonitor: (m) =>
        launchMonitor(
          monitorBundle,
          dir,
          monitorSettings(config, {
            correlationId,
            ...m,
            logsFailed: io.getState(State.LogsFailed) || undefined
          }),
          monitorEnv(),
          config.slack?.token
        ),
      monitorHolds: (m, timeoutMs) =>
        monitorHolds(() => readObservations(m.dir, m.logOffset), systemClock, sleep, timeoutMs)
    };
    const report = await coordinate(deps);
    publish(deps, report);
    const holder = report.turn.holder;
    logs.note(holder && holder.fence > 0 ? { fence: holder.fence } : {});
    logs.event('coordinated', {
      result: report.result,
      registry: report.turn.registry.lock.kind,
      queuePosition: report.turn.queuePosition,
      waitedMs: report.turn.waitedMs,
      expectedMs: report.expectedMs,
      stackStatus: Object.fromEntries(report.stacks.map((st) => [st.name, st.status])),
      findings: report.findings.map((f) => f.code)
    });
  });
}
