import { ConfigError, type Config } from '../config/config.js';
import { readConfig } from '../config/read.js';
import { State } from '../config/state.js';
import { monitorDir } from '../monitor/files.js';
import { POST_STEP_SLACK_BUDGET_MS, openNotifier } from '../notify/thread.js';
import type { RunContext } from '../ports/run.js';
import { createLogger } from '../report/logger.js';
import { cloudFormationReader, openRegistry } from '../runtime/clients.js';
import { githubDeployments, stepCancelled } from '../runtime/github.js';
import { runContext } from '../runtime/run-context.js';
import {
  coreIO,
  coreSink,
  loadConfig,
  runStage,
  sleep,
  stageCorrelationId,
  systemClock
} from '../runtime/stage.js';
import { leased } from '../domain/turn-result.js';
import { TimeBudget } from '../runtime/budget.js';
import { DeploymentLog } from '../logs/deployment-log.js';
import { startDeploymentLog } from '../runtime/logs.js';
import { answeredBy } from './answered.js';
import { record, type StageDeps } from './deps.js';
import { acquired, lockLine, takeBack, type Acquisition } from './finalize/acquisition.js';
import { DeploymentFolder } from './finalize/folder.js';
import { stopTheMonitor, type MonitorHandle } from './finalize/monitor.js';
import { assess, logOutcome, recordOutcome, release, type Deployment } from './finalize/outcome.js';
import { reportDeployment, reportNotDeployed, type ReportDeps } from './finalize/report.js';
import type { Holding } from './holder.js';
import { repairUnderLease } from './repair.js';
import { explainUnrepaired, type RecoveryResult } from '../coordination/recover.js';

export type { MonitorHandle } from './finalize/monitor.js';

/** What the post step spends on GitHub (the Deployment's status, the job's steps, the Actions cache). */
export const POST_STEP_GITHUB_BUDGET_MS = 30_000;

export interface FinalizeDeps extends ReportDeps {
  readonly run: RunContext;
  /** The deployment's monitor; by default the detached process named in state or its folder. */
  readonly monitor?: MonitorHandle;
  /** Whether a step of this job was cancelled (GitHub API); undefined when it cannot tell. */
  readonly stepCancelled?: () => Promise<boolean | undefined>;
}

/**
 * finalize (post): runs whatever happened before it, as often as it is run. Takes the lease back
 * from the monitor before stopping it, decides the outcome, repairs under the lease, and releases
 * in a `finally` (a no-op when already released or taken over); then records and reports.
 */
export async function finalize(d: FinalizeDeps): Promise<void> {
  const acquisition = await acquired(d);
  const result = d.io.getState(State.Result) || (acquisition ? 'acquired' : '');
  const folder = new DeploymentFolder(
    d.io,
    d.io.getState(State.MonitorDir) || monitorDir(d.log.correlationId)
  );
  if (result !== 'acquired') return notDeployed(d, folder, result, acquisition);
  let holding: Holding | undefined;
  let deployment: Deployment | undefined;
  let recoveries: RecoveryResult[] | undefined;
  let released: boolean | undefined;
  try {
    if (acquisition) holding = await takeBack(d, acquisition, folder);
    const observations = await stopTheMonitor(d, folder.dir);
    deployment = await assess(
      { ...d, stepCancelled: d.stepCancelled ?? (async () => undefined) },
      acquisition?.acquiredAt ?? (d.io.getState(State.AcquiredAt) || undefined),
      observations
    );
    // Repaired before the next run is let in, so it finds a stack it can deploy.
    recoveries = await repairUnderLease(d, deployment.stacks, holding?.lease);
    await explainUnrepaired(d, deployment.stacks, d.config);
    await logOutcome(d, deployment, recoveries);
  } finally {
    released = await release(d, holding?.lease, deployment?.outcome ?? 'unknown');
  }
  await recordOutcome(d, deployment, released, answeredBy(folder.answered()));
  await reportDeployment(d, folder, deployment, recoveries ?? [], holding && lockLine(holding));
}

/** coordinate did not take the lock (or gave it back): remove a ticket it may have left, and report. */
async function notDeployed(
  d: FinalizeDeps,
  folder: DeploymentFolder,
  result: string,
  acquisition: Acquisition | undefined
): Promise<void> {
  const { io, log, config, registry } = d;
  await stopTheMonitor(d, folder.dir);
  // coordinate normally removes its ticket; it may have been killed while waiting.
  const ticket = io.getState(State.TicketSeq);
  if (ticket) await registry.lock.removeTicket(config.environment, Number(ticket)).catch(() => {});
  // coordinate gives the lock back itself when it does not deploy; if it could not (the registry
  // failed, or the handover to the monitor did), this does.
  const released = acquisition
    ? await registry.lock.release(config.environment, acquisition.key, result).catch(() => false)
    : false;
  if (released && acquisition && leased(acquisition.key)) {
    log.info(
      `Released ${config.environment} (fencing token ${acquisition.key.fence}), outcome ${result}.`
    );
    await record(
      d,
      registry,
      'released',
      `not deploying: ${result || 'coordinate did not finish'}`
    );
  } else
    log.info(
      result
        ? `coordinate result: ${result}; no lock was held.`
        : 'coordinate did not run (or did not finish): nothing was acquired, nothing to release.'
    );
  await reportNotDeployed(d, folder, result);
}

export async function main(): Promise<void> {
  const io = coreIO;
  const correlationId = stageCorrelationId(io);
  const logs = new DeploymentLog(coreSink);
  const log = createLogger(correlationId, logs);
  await runStage(correlationId, async () => {
    // Bad inputs were already reported by pre or coordinate; finalize has nothing to undo then.
    const config = io.getState(State.Result) ? loadConfig(log, io) : tryReadConfig();
    if (!config) {
      logs.off();
      log.info(
        'The inputs are invalid (see the earlier error): nothing was coordinated, nothing to finalize.'
      );
      return;
    }
    // The log never stands between the post step and the release.
    await startDeploymentLog(logs, config, 'finalize', log, io).catch(() => logs.off());
    const reader = await cloudFormationReader(config.region);
    const githubBudget = new TimeBudget(POST_STEP_GITHUB_BUDGET_MS, 'GitHub');
    // The mode coordinate ended in: CloudFormation alone when it fell back from the table.
    const fellBack = io.getState(State.Registry) === 'cloudformation-only';
    const table = fellBack ? undefined : config.registryTable;
    const deps: FinalizeDeps & StageDeps = {
      config,
      log,
      io,
      reader,
      registry: await openRegistry({
        table,
        region: config.region,
        environment: config.environment,
        // The history file is kept in the Actions cache only where there is no table at all.
        log: config.registryTable ? undefined : log,
        githubBudget
      }),
      clock: systemClock,
      sleep,
      recovery: reader,
      notifier: await openNotifier(config.slack, log, undefined, POST_STEP_SLACK_BUDGET_MS),
      run: runContext(),
      deployments: githubDeploymentsOf(config, log, githubBudget),
      stepCancelled: config.githubToken
        ? () => stepCancelled(config.githubToken!, githubBudget)
        : undefined,
      githubBudget,
      logs
    };
    try {
      await finalize(deps);
    } finally {
      await logs.close();
      // A call given up at the budget (the Actions cache's upload takes no signal) is not waited
      // for; finalize released the lock already (in its own finally).
      if (githubBudget.gaveUp) {
        log.info('Not waiting for the GitHub call given up at the budget.');
        setTimeout(() => process.exit(), 100).unref();
      }
    }
  });
}

function githubDeploymentsOf(
  config: Config,
  log: ReturnType<typeof createLogger>,
  budget: TimeBudget
): ReportDeps['deployments'] {
  const token = config.githubToken;
  return config.githubDeployment && token ? () => githubDeployments(token, log, budget) : undefined;
}

function tryReadConfig(): Config | undefined {
  try {
    return readConfig();
  } catch (err) {
    if (err instanceof ConfigError) return undefined;
    throw err;
  }
}
