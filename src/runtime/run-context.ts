import type { RunContext } from '../ports/run.js';
import { processEnv, type Env } from './env.js';

/** The workflow run this process belongs to, from the runner's environment. */
export function runContext(env: Env = processEnv): RunContext {
  const server = env['GITHUB_SERVER_URL'] || 'https://github.com';
  const repository = env['GITHUB_REPOSITORY'] || undefined;
  const runId = env['GITHUB_RUN_ID'] || undefined;
  const runAttempt = env['GITHUB_RUN_ATTEMPT'] || undefined;
  const runUrl =
    repository && runId
      ? `${server}/${repository}/actions/runs/${runId}${runAttempt ? `/attempts/${runAttempt}` : ''}`
      : undefined;
  return {
    runId,
    runAttempt,
    runUrl,
    repository,
    workflow: env['GITHUB_WORKFLOW'] || undefined,
    job: env['GITHUB_JOB'] || undefined,
    actor: env['GITHUB_ACTOR'] || undefined,
    sha: env['GITHUB_SHA'] || undefined,
    ref: env['GITHUB_REF'] || undefined
  };
}
