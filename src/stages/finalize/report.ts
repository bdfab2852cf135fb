import { DEFAULT_EXPECTED_DURATION_MS } from '../../config/config.js';
import { State } from '../../config/state.js';
import type { RecoveryResult } from '../../coordination/recover.js';
import type { Outcome } from '../../domain/outcome.js';
import type { GitHubDeployments } from '../../github/deployments.js';
import { describeRootCause } from '../../domain/root-cause.js';
import { finalNotice, finalState, type DeploymentEnd } from '../../notify/final-notice.js';
import { startedMessage } from '../../notify/messages.js';
import { THREAD_PARENT, deploymentInfo } from '../../notify/thread.js';
import type { RunContext } from '../../ports/run.js';
import type { Cell } from '../../report/markdown.js';
import {
  correlationTagNotice,
  deploymentSummary,
  foreignSection,
  githubSection,
  recoverySection,
  slackSection,
  type StackRow,
  type SummaryInput
} from '../../report/summary.js';
import type { TimeBudget } from '../../runtime/budget.js';
import type { DeploymentLog } from '../../logs/deployment-log.js';
import { monitorFiles } from '../../monitor/files.js';
import type { StageDeps } from '../deps.js';
import type { DeploymentFolder } from './folder.js';
import { span, treeEvents, type Deployment } from './outcome.js';

export interface ReportDeps extends StageDeps {
  readonly run: RunContext;
  /** The GitHub Deployment client, when github-deployment is on. */
  readonly deployments?: () => Promise<GitHubDeployments>;
  /** The post step's budget for GitHub: what it could not do is listed in the summary. */
  readonly githubBudget?: TimeBudget;
  /** The deployment's CloudWatch Logs stream (with log-group): its link and what was lost, in the summary. */
  readonly logs?: DeploymentLog;
}

/** The deploy freeze coordinate met (state, else the deployment's folder), for the summary. */
function freezeOf(folder: DeploymentFolder): SummaryInput['freeze'] {
  try {
    const saved = folder.freeze();
    return saved ? (JSON.parse(saved) as SummaryInput['freeze']) : undefined;
  } catch {
    return undefined;
  }
}

/** The summary's CloudWatch Logs section, after everything earlier steps kept is sent. */
async function logsSection(d: ReportDeps, folder: DeploymentFolder): Promise<string> {
  return d.logs ? d.logs.summarySection(d.config.region, [monitorFiles(folder.dir).logsSpool]) : '';
}

type DeploymentState = 'success' | 'failure' | 'in_progress' | 'error';
const DEPLOYMENT_STATE: Record<Outcome, DeploymentState> = {
  succeeded: 'success',
  'no-change': 'success',
  cancelled: 'success',
  failed: 'failure',
  'still-running': 'in_progress'
};

/** The GitHub Deployment follows the outcome: success, failure (with the app URL and the run's log), or error. */
async function setDeploymentStatus(
  d: ReportDeps,
  folder: DeploymentFolder,
  state: DeploymentState,
  what: string,
  appUrl?: string
): Promise<void> {
  const id = folder.deploymentId();
  if (!d.deployments || id === undefined) return;
  const deployments = await d.deployments();
  if (await deployments.status(id, state, `${what} (${d.log.correlationId})`, appUrl))
    d.log.info(`GitHub Deployment ${id}: ${state}.`);
}

/** The end of a deployment that held the lock: the GitHub Deployment, Slack, the job summary. */
export async function reportDeployment(
  d: ReportDeps,
  folder: DeploymentFolder,
  deployment: Deployment,
  recoveries: readonly RecoveryResult[],
  lock: Cell | undefined
): Promise<void> {
  const { io, log, config } = d;
  const { outcome, acquiredAt } = deployment;
  const events = treeEvents(deployment);
  const after = await d.reader.describeStacks(config.stackNames).catch(() => deployment.stacks);
  const rows = after.map((s) => ({ name: s.name, status: s.status, url: d.reader.consoleUrl(s) }));
  const waitedMs = Date.parse(acquiredAt) - Date.parse(io.getState(State.QueuedAt) || acquiredAt);
  const { first, last } = span(deployment, d.clock.now());
  const appUrl = config.urlOutput
    ? after.map((st) => st.outputs[config.urlOutput!]).find(Boolean)
    : undefined;
  await setDeploymentStatus(d, folder, DEPLOYMENT_STATE[outcome], outcome, appUrl);
  const slack = await slackReport(d, folder, {
    outcome,
    startedAt: new Date(first),
    endedAt: new Date(last),
    events,
    recoveries,
    appUrl,
    rootCause: deployment.rootCause
  });
  const thread = folder.thread();
  const facts = {
    outcome,
    waitedMs,
    deployMs: last - first,
    expectedMs: folder.info()?.estimate.expectedMs,
    thread: thread ? { ...thread, permalink: slack.permalink } : undefined,
    lock,
    rootCause: deployment.rootCause && describeRootCause(deployment.rootCause)
  };
  const summary = deploymentSummary({
    correlationId: log.correlationId,
    config,
    run: d.run,
    result: 'acquired',
    deployment: facts,
    freeze: freezeOf(folder),
    answered: folder.answered(),
    rows,
    events
  });
  d.logs?.note({ outcome, fence: lockFence(io) });
  d.logs?.event('deployment ended', {
    outcome,
    durationMs: last - first,
    waitedMs,
    ...(deployment.rootCause ? { rootCause: describeRootCause(deployment.rootCause) } : {})
  });
  await io.appendSummary(
    summary +
      foreignSection(deployment.foreign) +
      correlationTagNotice(deployment.untagged, log.correlationId) +
      recoverySection(recoveries) +
      slack.section +
      githubSection(d.githubBudget?.missed ?? []) +
      (await logsSection(d, folder))
  );
}

/** coordinate did not take the lock (or gave it back): close what it announced, and the summary. */
export async function reportNotDeployed(
  d: ReportDeps,
  folder: DeploymentFolder,
  result: string
): Promise<void> {
  if (result) await closeAnnouncements(d, folder, result);
  const rows: StackRow[] = result
    ? await d.reader
        .describeStacks(d.config.stackNames)
        .then((stacks) =>
          stacks.map((s) => ({ name: s.name, status: s.status, url: d.reader.consoleUrl(s) }))
        )
        .catch(() => [])
    : [];
  const { section: slack } = await slackReport(d, folder, undefined);
  const summary = deploymentSummary({
    correlationId: d.log.correlationId,
    config: d.config,
    run: d.run,
    result: result || 'not coordinated',
    freeze: freezeOf(folder),
    answered: folder.answered(),
    rows,
    events: []
  });
  d.logs?.event('not deployed', { result: result || 'not coordinated' });
  await d.io.appendSummary(
    summary + slack + githubSection(d.githubBudget?.missed ?? []) + (await logsSection(d, folder))
  );
}

/**
 * A run that announced its deployment (Slack thread, GitHub Deployment) and then did not deploy
 * (it lost the lock, or its handover failed) closes what it announced.
 */
async function closeAnnouncements(
  d: ReportDeps,
  folder: DeploymentFolder,
  result: string
): Promise<void> {
  await setDeploymentStatus(d, folder, 'error', `not deployed: ${result}`);
  const thread = folder.thread();
  const info = folder.info();
  if (!d.notifier || !thread || !info || folder.finalSent()) return;
  const now = new Date(d.clock.now());
  const startedAt = new Date(d.io.getState(State.AcquiredAt) || now.toISOString());
  await d.notifier.update(
    'parent',
    thread,
    startedMessage(info, { state: 'cancelled', startedAt, endedAt: now })
  );
  folder.markFinalSent(now);
}

/**
 * The final Slack notice (a reply broadcast to the channel) and the parent updated in place;
 * messages spooled by coordinate and the monitor are retried first, so the thread stays in order.
 * Without a thread (its parent never delivered, or its ts never learnt) the final notice is a
 * message of its own in the channel, and the parent is not posted late: it would say 'deploying'
 * for ever. Returns the summary's Slack section, and the thread's permalink.
 */
async function slackReport(
  d: ReportDeps,
  folder: DeploymentFolder,
  end: DeploymentEnd | undefined
): Promise<{ section: string; permalink?: string }> {
  const { config, log, notifier } = d;
  if (!notifier || !config.slack) return { section: '' };
  const thread = folder.thread();
  const lost = await notifier.flush(folder.spools, (e) =>
    !thread && e.op === 'post' && e.label === THREAD_PARENT && !e.threadTs
      ? end
        ? 'not sent again: the final notice was posted on its own instead'
        : 'not sent again: the deployment did not go ahead'
      : undefined
  );
  // Only a link: not asked for when Slack is in trouble (the final notice comes first then).
  const permalink =
    end && thread && lost.length === 0 ? await notifier.permalink(thread) : undefined;
  if (end && !folder.finalSent()) {
    const info =
      folder.info() ??
      deploymentInfo(config, log.correlationId, d.run, {
        expectedMs: DEFAULT_EXPECTED_DURATION_MS,
        basis: 'no history yet'
      });
    const notice = finalNotice(info, { ...end, threadUrl: permalink }, config.stackNames);
    if (thread) {
      if (notice.post)
        await notifier.post(notice.post.label, thread.channel, notice.post.message, {
          ts: thread.ts,
          broadcast: true
        });
      await notifier.update('parent', thread, notice.parent);
    } else {
      const own = notice.post ?? { label: finalState(end.outcome), message: notice.parent };
      await notifier.post(own.label, config.slack.channel, own.message);
    }
    folder.markFinalSent(new Date(d.clock.now()));
  }
  lost.push(...notifier.failed);
  if (lost.length > 0)
    log.warning(
      `Slack: ${lost.length} message(s) could not be delivered: ${lost.map((l) => l.label).join(', ')}.`,
      { title: 'Slack messages lost' }
    );
  const unthreaded =
    end && !thread
      ? "No thread: its parent ('started') was never delivered, so the monitor's replies were not posted and the final notice went to the channel on its own."
      : undefined;
  return { section: slackSection(notifier.delivered, lost, unthreaded), permalink };
}

/** The fencing token this run held (state), for the log's fields. */
function lockFence(io: ReportDeps['io']): number | undefined {
  const fence = Number(io.getState(State.Fence));
  return Number.isInteger(fence) && fence > 0 ? fence : undefined;
}
