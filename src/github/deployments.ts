import type { getOctokit } from '@actions/github';
import type { TimeBudget } from '../runtime/budget.js';
import { describeGitHubError, githubClient, withinBudget } from './octokit.js';
import type { Logger } from '../ports/runtime.js';
import type { RunContext } from '../ports/run.js';

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error' | 'inactive';

/** A GitHub Deployment whose status follows the deployment; trouble here is a warning, never a failure. */
export class GitHubDeployments {
  private readonly octokit: ReturnType<typeof getOctokit>;

  constructor(
    token: string,
    private readonly run: RunContext,
    private readonly log: Logger,
    baseUrl: string,
    /** The post step's budget for GitHub: calls past it are not made, and are listed as missed. */
    private readonly budget?: TimeBudget
  ) {
    this.octokit = githubClient(token, { baseUrl });
  }

  private get repo(): { owner: string; repo: string } | undefined {
    const [owner, repo] = (this.run.repository ?? '').split('/');
    return owner && repo ? { owner, repo } : undefined;
  }

  async create(environment: string, correlationId: string): Promise<number | undefined> {
    const repo = this.repo;
    const ref = this.run.sha || this.run.ref;
    if (!repo || !ref) return undefined;
    try {
      const { data } = await this.octokit.rest.repos.createDeployment({
        ...repo,
        ref,
        environment,
        auto_merge: false,
        required_contexts: [],
        description: `Deployment Coordinator ${correlationId}`,
        payload: { correlationId }
      });
      return 'id' in data ? data.id : undefined;
    } catch (err) {
      this.log.warning(`Could not create the GitHub Deployment: ${describeGitHubError(err)}`, {
        title: 'GitHub Deployment'
      });
      return undefined;
    }
  }

  async status(
    id: number,
    state: DeploymentState,
    description: string,
    environmentUrl?: string
  ): Promise<boolean> {
    const repo = this.repo;
    if (!repo) return false;
    try {
      await withinBudget(this.budget, (signal) =>
        this.octokit.rest.repos.createDeploymentStatus({
          ...repo,
          deployment_id: id,
          state,
          description: description.slice(0, 140),
          ...(this.run.runUrl ? { log_url: this.run.runUrl } : {}),
          ...(environmentUrl ? { environment_url: environmentUrl } : {}),
          ...(signal ? { request: { signal } } : {})
        })
      );
      return true;
    } catch (err) {
      const why = describeGitHubError(err);
      this.budget?.miss(`GitHub Deployment ${id} status ${state}`, why);
      this.log.warning(`Could not set the GitHub Deployment's status to ${state}: ${why}`, {
        title: 'GitHub Deployment'
      });
      return false;
    }
  }
}
