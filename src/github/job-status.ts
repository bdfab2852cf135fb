import type { TimeBudget } from '../runtime/budget.js';
import { describeGitHubError, githubClient, withinBudget } from './octokit.js';
import type { RunContext } from '../ports/run.js';

/**
 * Whether a step of this job was cancelled, from the GitHub API (`actions: read`);
 * undefined when it cannot tell (no access, or the job cannot be told apart by name).
 */
export async function stepCancelled(
  token: string,
  run: RunContext,
  baseUrl: string,
  budget?: TimeBudget
): Promise<boolean | undefined> {
  const [owner, repo] = (run.repository ?? '').split('/');
  const runId = Number(run.runId);
  if (!owner || !repo || !Number.isInteger(runId) || !run.job) return undefined;
  try {
    const octokit = githubClient(token, { baseUrl, retries: 0 });
    const { data } = await withinBudget(budget, (signal) =>
      octokit.rest.actions.listJobsForWorkflowRunAttempt({
        owner,
        repo,
        run_id: runId,
        attempt_number: Number(run.runAttempt || '1'),
        ...(signal ? { request: { signal } } : {})
      })
    );
    const mine = data.jobs.filter(
      (j) => j.status === 'in_progress' && (j.name === run.job || j.name.startsWith(`${run.job} (`))
    );
    if (mine.length !== 1) return undefined;
    return (mine[0]!.steps ?? []).some((s) => s.conclusion === 'cancelled');
  } catch (err) {
    const why = describeGitHubError(err);
    // No `actions: read` (a 403 or 404) is a choice of the workflow, not trouble: nothing to list.
    if (!/^HTTP 40[34]$/.test(why)) budget?.miss("the job's steps read (was one cancelled?)", why);
    return undefined;
  }
}
