import { readFileSync } from 'node:fs';
import type { Config, SlackConfig } from '../config/config.js';
import type { DeploymentEstimate } from '../domain/expectation.js';
import type { DeploymentInfo } from './messages.js';
import type { SlackNotifier, ThreadRef } from './slack.js';
import type { RunContext } from '../ports/run.js';
import type { Logger } from '../ports/runtime.js';
import { TimeBudget } from '../runtime/budget.js';
import { processEnv, type Env } from '../runtime/env.js';

/**
 * The head commit's message from the event payload, when the event has one (outside text).
 * The only read of the environment in this module, and only as the default argument.
 */
export function commitMessage(env: Env = processEnv): string | undefined {
  const file = env['GITHUB_EVENT_PATH'];
  if (!file) return undefined;
  try {
    const event = JSON.parse(readFileSync(file, 'utf8')) as { head_commit?: { message?: string } };
    return event.head_commit?.message || undefined;
  } catch {
    return undefined;
  }
}

export function deploymentInfo(
  config: Config,
  correlationId: string,
  run: RunContext,
  estimate: DeploymentEstimate,
  consoleUrl?: string,
  commit?: string
): DeploymentInfo {
  return {
    correlationId,
    environment: config.environment,
    stacks: config.stackNames,
    run,
    commitMessage: commit,
    consoleUrl,
    estimate
  };
}

/**
 * What the post step spends on Slack: a call still running when it is spent is given up (its
 * requests aborted), and no call starts after it. What is left is listed as not sent.
 */
export const POST_STEP_SLACK_BUDGET_MS = 30_000;

/**
 * The notifier of a stage (or the monitor), the Slack client loaded only when Slack is configured
 * (without it, one info line). With `budgetMs` (the post step's) every call's client is bounded by
 * what is left of it, and a call once it is spent is not made.
 */
export async function openNotifier(
  slack: SlackConfig | undefined,
  log: Logger,
  spoolFile?: string,
  budgetMs?: number
): Promise<SlackNotifier | undefined> {
  if (!slack) {
    log.info('Slack is not configured (no slack-token): no messages.');
    return undefined;
  }
  const [{ SlackNotifier }, { SLACK_RETRY, budgetedClients, createSlackClient }] =
    await Promise.all([import('./slack.js'), import('./slack-client.js')]);
  return budgetMs === undefined
    ? new SlackNotifier(
        createSlackClient(slack),
        createSlackClient(slack, { retries: 0 }),
        log,
        spoolFile
      )
    : new SlackNotifier(
        budgetedClients(slack, SLACK_RETRY),
        budgetedClients(slack, { retries: 0 }),
        log,
        spoolFile,
        new TimeBudget(budgetMs, 'Slack')
      );
}

/** The thread parent's label: the message whose ts every later reply needs. */
export const THREAD_PARENT = 'started';

export const formatThread = (ref: ThreadRef): string => `${ref.channel}:${ref.ts}`;
export function parseThread(value: string | undefined): ThreadRef | undefined {
  const [channel, ts] = (value ?? '').split(':');
  return channel && ts ? { channel, ts } : undefined;
}
