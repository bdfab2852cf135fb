import { Job, type JobOptions, type StageResult } from '../../test-rig/runner.js';
import type { CloudFormationStandin } from '../../test-rig/cfn-standin.js';
import { ACTION_ROOT } from '../../test-rig/action-bundles.js';

export { ACTION_ROOT, REPO_ROOT, bundlePath } from '../../test-rig/action-bundles.js';

/** The environment configure-aws-credentials would leave, pointed at the stand-in the standard way. */
export function awsEnv(cfn: CloudFormationStandin): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret-for-the-stand-in',
    AWS_ENDPOINT_URL_CLOUDFORMATION: cfn.url,
    AWS_EC2_METADATA_DISABLED: 'true',
    // Never the internet: a test that wants the GitHub API passes its stand-in's URL.
    GITHUB_API_URL: 'http://127.0.0.1:9'
  };
}

/** A job that uses the action (or a sub-action) with bundles built from src/ as it is now. */
export async function actionJob(
  cfn: CloudFormationStandin,
  inputs: Record<string, string>,
  opts: Partial<JobOptions> = {}
): Promise<Job> {
  return Job.create({
    actionDir: ACTION_ROOT,
    inputs,
    githubToken: 'ghs_not_a_real_token',
    stageTimeoutMs: 30_000,
    ...opts,
    env: { ...awsEnv(cfn), ...opts.env }
  });
}

/** Lines a stage printed that are not workflow commands. */
export const logLines = (r: StageResult): string[] =>
  r.stdout.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('::'));

/** Annotation messages plus plain log lines: everything a person reads. */
export function everythingPrinted(r: StageResult): string[] {
  return [
    ...logLines(r),
    ...r.annotations.filter((a) => a.level !== 'debug').flatMap((a) => a.message.split('\n'))
  ];
}
