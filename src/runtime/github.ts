import type { GitHubDeployments } from '../github/deployments.js';
import type { RunLiveness } from '../ports/run.js';
import type { Logger } from '../ports/runtime.js';
import type { TimeBudget } from './budget.js';
import { runContext } from './run-context.js';
import { processEnv, type Env } from './env.js';

// The GitHub clients, loaded only when an input asks for them, on the runner's API URL.

/** The GitHub API the runner names (GitHub Enterprise Server included). */
export const githubApiUrl = (env: Env = processEnv): string =>
  env['GITHUB_API_URL'] || 'https://api.github.com';

export async function githubLiveness(token: string, log: Logger): Promise<RunLiveness> {
  const { GitHubRunLiveness } = await import('../github/liveness.js');
  return new GitHubRunLiveness(token, log, githubApiUrl());
}

export async function githubDeployments(
  token: string,
  log: Logger,
  budget?: TimeBudget
): Promise<GitHubDeployments> {
  const { GitHubDeployments } = await import('../github/deployments.js');
  return new GitHubDeployments(token, runContext(), log, githubApiUrl(), budget);
}

export async function stepCancelled(
  token: string,
  budget?: TimeBudget
): Promise<boolean | undefined> {
  const { stepCancelled } = await import('../github/job-status.js');
  return stepCancelled(token, runContext(), githubApiUrl(), budget);
}
