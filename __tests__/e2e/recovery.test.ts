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

/** The deploy step with rollback disabled: the update fails and stays UPDATE_FAILED. */
function failWithoutRollback(): void {
  cfn.runOperation(
    'AppStack',
    [
      { atMs: 100, logicalId: 'Api', type: 'AWS::Lambda::Function', status: 'UPDATE_IN_PROGRESS' },
      {
        atMs: 300,
        logicalId: 'Api',
        type: 'AWS::Lambda::Function',
        status: 'UPDATE_FAILED',
        reason: 'Runtime nodejs8.x is not supported'
      },
      { atMs: 400, stackStatus: 'UPDATE_FAILED' }
    ],
    { startStatus: 'UPDATE_IN_PROGRESS' }
  );
}

describe('finalize repairs what a failed deployment left, then lets the next run in', () => {
  it('rolls an UPDATE_FAILED stack back, reports failed with the root cause, and the queued run deploys', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE', disableRollback: true });
    const first = await job('first');
    await first.runStage('pre');
    const held = await first.runStage('main');
    expect(held?.outputs['result']).toBe('acquired');

    const next = await job('next', { 'wait-timeout-minutes': '0.5' });
    await next.runStage('pre');
    const waiting = next.startStage('main');
    await next.waitForLog(/Poll 2 /);

    failWithoutRollback();
    await settle();
    expect(cfn.stack('AppStack')?.status).toBe('UPDATE_FAILED');
    const post = await first.runStage('post');
    expect(post?.exitCode).toBe(0);
    expect(cfn.callsOf('RollbackStack')).toHaveLength(1);
    expect(post?.stdout).toMatch(/Recovery: AppStack is UPDATE_ROLLBACK_COMPLETE/);
    expect(post?.stdout).toMatch(/Outcome: failed/);
    expect(first.summary()).toMatch(/AppStack: rollback → UPDATE_ROLLBACK_COMPLETE \(done\)/);
    expect(first.summary()).toMatch(/\| Outcome \| failed \|/);

    const main = await waiting.result;
    expect(main?.outputs['result']).toBe('acquired');
    // It waited for the failed deployment, which proceed (the default) lets it follow.
    expect(main?.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        properties: { title: 'Active deployment failed' }
      })
    );
  });

  it('a rollback that itself fails: the instructions name the stuck resources and the commands', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE', disableRollback: true });
    const j = await job('stuck');
    await j.runStage('pre');
    await j.runStage('main');
    failWithoutRollback();
    await settle();
    cfn.scriptNext('AppStack', 'RollbackStack', [
      { atMs: 0, stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS' },
      {
        atMs: 200,
        logicalId: 'Db',
        type: 'AWS::RDS::DBInstance',
        status: 'UPDATE_FAILED',
        reason: 'DB instance is in a state that cannot be modified'
      },
      { atMs: 300, stackStatus: 'UPDATE_ROLLBACK_FAILED' }
    ]);
    const post = await j.runStage('post');
    expect(post?.exitCode).toBe(0);
    const error = post?.annotations.find(
      (a) => a.level === 'error' && a.properties['title'] === 'Recovery failed: AppStack'
    );
    expect(error?.message).toMatch(
      /Db \(AWS::RDS::DBInstance\) UPDATE_FAILED: DB instance is in a state that cannot be modified/
    );
    expect(error?.message).toMatch(
      /aws cloudformation continue-update-rollback --stack-name AppStack --resources-to-skip Db/
    );
    expect(error?.message).toMatch(/Console: https:\/\/us-east-1\.console\.aws\.amazon\.com\//);
    expect(j.summary()).toMatch(/--resources-to-skip Db/);
    expect(j.summary()).toMatch(/rollback → UPDATE_ROLLBACK_FAILED \(failed\)/);
  });

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
