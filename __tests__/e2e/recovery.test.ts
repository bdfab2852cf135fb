import { CloudFormationStandin } from '../../test-rig/cfn-standin.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import type { Job } from '../../test-rig/runner.js';
import { actionJob } from './support.js';

let cfn: CloudFormationStandin;
let dynamo: DynamoRig;
const jobs: Job[] = [];

beforeAll(async () => {
  cfn = await CloudFormationStandin.start();
});
afterAll(async () => {
  await cfn.close();
});
beforeEach(async () => {
  cfn.reset();
  dynamo = await DynamoRig.start();
});
afterEach(async () => {
  for (const job of jobs.splice(0)) {
    await job.end();
    await job.dispose();
  }
  await dynamo.close();
});

async function job(name: string, inputs: Record<string, string> = {}): Promise<Job> {
  const j = await actionJob(
    cfn,
    {
      'stack-name': 'AppStack',
      environment: 'production',
      'registry-table': dynamo.table,
      'poll-interval-seconds': '0.1',
      ...inputs
    },
    { name, env: { AWS_ENDPOINT_URL_DYNAMODB: dynamo.url } }
  );
  jobs.push(j);
  return j;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
async function settle(): Promise<void> {
  for (let i = 0; i < 100 && cfn.stack('AppStack')?.status.endsWith('_IN_PROGRESS'); i++)
    await sleep(50);
}

describe('finalize repairs what a failed deployment left, then lets the next run in', () => {
  it('with cleanup: failed-create, a stack left in ROLLBACK_COMPLETE is deleted and verified gone before the lock is released', async () => {
    const j = await job('create', { cleanup: 'failed-create' });
    await j.runStage('pre');
    await j.runStage('main');
    // The deploy step creates the stack; the create fails and rolls back.
    cfn.putStack('AppStack', { status: 'CREATE_IN_PROGRESS' });
    cfn.runOperation(
      'AppStack',
      [
        {
          atMs: 100,
          logicalId: 'Bucket',
          type: 'AWS::S3::Bucket',
          status: 'CREATE_FAILED',
          reason: 'bucket already exists'
        },
        { atMs: 200, stackStatus: 'ROLLBACK_IN_PROGRESS' },
        { atMs: 400, stackStatus: 'ROLLBACK_COMPLETE' }
      ],
      { startStatus: 'CREATE_IN_PROGRESS' }
    );
    await settle();
    const post = await j.runStage('post');
    expect(post?.exitCode).toBe(0);
    const deleted = cfn.callsOf('DeleteStack');
    expect(deleted).toHaveLength(1);
    expect(cfn.stack('AppStack')).toBeUndefined();
    expect(post?.stdout).toMatch(/Recovery: AppStack is DOES_NOT_EXIST/);
    const lock = (await dynamo.items()).find((i) => i['sk'] === 'LOCK');
    expect(lock?.['holder']).toBeUndefined();
    // Verified gone (a DescribeStacks after the delete said so) before the release was written.
    const verified = cfn
      .callsOf('DescribeStacks')
      .filter((c) => c.at > deleted[0]!.at && c.status === 400);
    expect(verified.length).toBeGreaterThan(0);
    expect(Date.parse(String(lock?.['releasedAt']))).toBeGreaterThanOrEqual(verified[0]!.at);
  });
});
