import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationStandin } from '../../test-rig/cfn-standin.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import { GitHubStandin } from '../../test-rig/github-standin.js';
import type { Job, StageResult } from '../../test-rig/runner.js';
import { REPO_ROOT, actionJob } from './support.js';

export let cfn: CloudFormationStandin;
export let dynamo: DynamoRig;
export let github: GitHubStandin;
export let scratch: string;
export const jobs: Job[] = [];

beforeAll(async () => {
  [cfn, github] = await Promise.all([CloudFormationStandin.start(), GitHubStandin.start()]);
});
afterAll(async () => {
  await Promise.all([cfn.close(), github.close()]);
});
beforeEach(async () => {
  cfn.reset();
  github.reset();
  dynamo = await DynamoRig.start();
  scratch = mkdtempSync(join(tmpdir(), 'dc-e2e-'));
});
afterEach(async () => {
  for (const job of jobs.splice(0)) {
    await job.end();
    await job.dispose();
  }
  await dynamo.close();
  rmSync(scratch, { recursive: true, force: true });
});

export const REPOSITORY = 'octo-org/deployments';

export async function registryJob(
  name: string,
  runId: number,
  inputs: Record<string, string>
): Promise<Job> {
  const job = await actionJob(
    cfn,
    {
      'stack-name': 'AppStack',
      environment: 'production',
      'registry-table': dynamo.table,
      'poll-interval-seconds': '0.2',
      ...inputs
    },
    {
      name,
      env: {
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
        GITHUB_API_URL: github.url,
        GITHUB_REPOSITORY: REPOSITORY,
        GITHUB_RUN_ID: String(runId),
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_REF: 'refs/heads/main'
      }
    }
  );
  jobs.push(job);
  return job;
}

/** The workflow's deploy step: only when coordinate acquired, like `if: steps.coord.outputs.result == 'acquired'`. */
export async function deployStep(job: Job, main: StageResult | null, holdMs = 300): Promise<void> {
  if (main?.outputs['result'] !== 'acquired') return;
  const step = await job.runStep(
    [process.execPath, join(REPO_ROOT, 'test-rig/fixtures/deploy-step.mjs')],
    {
      env: {
        STACK: 'AppStack',
        CORRELATION_ID: main.outputs['correlation-id'] ?? '',
        // A workflow passes the fencing-token output on (the action's state is its own).
        FENCE: main.outputs['fencing-token'] ?? '',
        DEPLOY_LOG: join(scratch, 'deployments.jsonl'),
        HOLD_MS: String(holdMs)
      }
    }
  );
  expect(step.exitCode).toBe(0);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function record(
  id: string
): Promise<{ transitions: Array<{ state: string; note?: string }> } & Record<string, unknown>> {
  const items = await dynamo.items();
  return items.find((i) => i['pk'] === `DEPLOY#${id}`) as never;
}
