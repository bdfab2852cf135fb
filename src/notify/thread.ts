import { readFileSync } from 'node:fs';
import type { Config, SlackConfig } from '../config/config.js';
import { formatDuration } from '../domain/durations.js';
import type { Estimate } from '../domain/estimate.js';
import type { DeploymentEstimate, DeploymentInfo } from './messages.js';
import type { SlackNotifier, ThreadRef } from './slack.js';
import type { RunContext } from '../ports/run.js';
import type { Logger } from '../ports/runtime.js';

/** How long a deployment is expected to take, and past when it is overdue. */
export interface Expectation {
  readonly estimate: DeploymentEstimate;
  /** The overdue threshold: expected-duration-minutes, else the estimate's upper bound (p80). */
  readonly overdueMs: number;
}

export function expectation(
  config: Config,
  fromHistory: Estimate | undefined,
  fallbackMs: number
): Expectation {
  if (config.expectedDurationMs !== undefined) {
    return {
      estimate: { expectedMs: config.expectedDurationMs, basis: 'from expected-duration-minutes' },
      overdueMs: config.expectedDurationMs
    };
  }
  if (fromHistory) {
    return {
      estimate: {
        expectedMs: fromHistory.expectedMs,
        lowMs: fromHistory.lowMs,
        highMs: fromHistory.highMs,
        basis: `median of ${fromHistory.samples} successful deployment${fromHistory.samples === 1 ? '' : 's'}, p20 to p80 ${formatDuration(fromHistory.lowMs)} to ${formatDuration(fromHistory.highMs)}`
      },
      overdueMs: Math.max(fromHistory.highMs, fromHistory.expectedMs)
    };
  }
  return { estimate: { expectedMs: fallbackMs, basis: 'no history yet' }, overdueMs: fallbackMs };
}

/** The head commit's message from the event payload, when the event has one (outside text). */
export function commitMessage(env: NodeJS.ProcessEnv = process.env): string | undefined {
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

/** The Slack client, loaded only when Slack is configured; without it, one info line. */
export async function openNotifier(
  slack: SlackConfig | undefined,
  log: Logger,
  spoolFile?: string
): Promise<SlackNotifier | undefined> {
  if (!slack) {
    log.info('Slack is not configured (no slack-token): no messages.');
    return undefined;
  }
  const { SlackNotifier, createSlackClient } = await import('./slack.js');
  return new SlackNotifier(
    createSlackClient(slack),
    createSlackClient(slack, { retries: 0 }),
    log,
    spoolFile
  );
}

export const formatThread = (ref: ThreadRef): string => `${ref.channel}:${ref.ts}`;
export function parseThread(value: string | undefined): ThreadRef | undefined {
  const [channel, ts] = (value ?? '').split(':');
  return channel && ts ? { channel, ts } : undefined;
}
