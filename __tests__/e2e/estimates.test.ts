/**
 * Estimates from the first day, through the runner harness (test-rig/runner.ts): the action's
 * bundles, the real AWS SDK against the CloudFormation stand-in and dynalite. The stories around
 * it (read once, several stacks, the estimate made anew at the run's turn) are told in process in
 * __tests__/stages/estimates.test.ts.
 */
import { CloudFormationStandin } from '../../test-rig/cfn-standin.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import type { Job } from '../../test-rig/runner.js';
import { actionJob } from './support.js';

const HOUR = 3_600_000;

let cfn: CloudFormationStandin;
let dynamo: DynamoRig;
const jobs: Job[] = [];

beforeAll(async () => {
  [cfn, dynamo] = await Promise.all([CloudFormationStandin.start(), DynamoRig.start()]);
});
afterAll(async () => {
  await Promise.all([cfn.close(), dynamo.close()]);
});
afterEach(async () => {
  for (const job of jobs.splice(0)) {
    await job.end();
    await job.dispose();
  }
});

it("a stack whose CloudFormation event history holds three past updates of about 4 minutes each, and no registry history: the first run's estimated-minutes is between 3 and 5, and its basis names the event history", async () => {
  const now = Date.now();
  const api = { logicalId: 'Api', type: 'AWS::Lambda::Function' };
  const db = { logicalId: 'Db', type: 'AWS::RDS::DBInstance' };
  cfn.putStack('CourtCaseStack', {
    status: 'UPDATE_COMPLETE',
    pastEvents: 0,
    history: [230_000, 245_000, 255_000].map((durationMs, i) => ({
      kind: 'UPDATE' as const,
      startedAt: new Date(now - (3 - i) * 24 * HOUR),
      durationMs,
      resources: [api, db]
    }))
  });
  expect(await dynamo.items()).toEqual([]);
  const job = await actionJob(
    cfn,
    {
      'stack-name': 'CourtCaseStack',
      environment: 'production',
      'registry-table': dynamo.table
    },
    { env: { AWS_ENDPOINT_URL_DYNAMODB: dynamo.url } }
  );
  jobs.push(job);
  const { main } = await job.runAll();

  expect(main?.exitCode).toBe(0);
  expect(main?.outputs['result']).toBe('acquired');
  const minutes = Number(main?.outputs['estimated-minutes']);
  expect(minutes).toBeGreaterThanOrEqual(3);
  expect(minutes).toBeLessThanOrEqual(5);
  expect(main?.stdout).toMatch(
    /Estimate: 4m 05s \(median of 3 past updates in CloudFormation's event history, p20 to p80 3m \d\ds to 4m \d\ds\)/
  );
  // What was read is in the registry's history now: a later run finds it there.
  const learned = (await dynamo.items()).filter((i) =>
    String(i['correlationId']).startsWith('cfn-events:CourtCaseStack:update:')
  );
  expect(learned.map((i) => i['durationMs'])).toEqual([230_000, 245_000, 255_000]);
}, 60_000);
