import type { getOctokit } from '@actions/github';
import { describeGitHubError, githubClient } from './octokit.js';
import type { RunLiveness, RunRef } from '../ports/run.js';
import type { Logger } from '../ports/runtime.js';

/**
 * Asks the GitHub API whether a lock holder's workflow run is still going. Any
 * failure (no access to that repository, rate limit) means 'cannot tell'.
 */
export class GitHubRunLiveness implements RunLiveness {
  private readonly octokit: ReturnType<typeof getOctokit>;
  private warned = false;

  constructor(
    token: string,
    private readonly log: Logger,
    baseUrl: string
  ) {
    this.octokit = githubClient(token, { baseUrl, retries: 0 });
  }

  async runFinished(run: RunRef): Promise<boolean | undefined> {
    const [owner, repo] = (run.repository ?? '').split('/');
    const runId = Number(run.runId);
    if (!owner || !repo || !Number.isInteger(runId)) return undefined;
    try {
      const { data } = run.runAttempt
        ? await this.octokit.rest.actions.getWorkflowRunAttempt({
            owner,
            repo,
            run_id: runId,
            attempt_number: Number(run.runAttempt)
          })
        : await this.octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId });
      return data.status === 'completed';
    } catch (err) {
      if (!this.warned) {
        this.warned = true;
        this.log.info(
          `Cannot ask GitHub about run ${run.repository}#${run.runId} (${describeGitHubError(err)}); judging the lock by its heartbeat only.`
        );
      }
      return undefined;
    }
  }
}
