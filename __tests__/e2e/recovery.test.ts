import { CloudFormationStandin, treeOperation } from '../../test-rig/cfn-standin.js';
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

describe('recovery in a tree: a root left in UPDATE_ROLLBACK_FAILED by a resource inside its nested stack', () => {
  /** AppStack (Topic, Data) with Data (Table, Db); the deployment fails on Db, whose rollback fails too. */
  async function deployIntoStuckTree(inputs: Record<string, string>): Promise<{
    j: Job;
    data: string;
  }> {
    cfn.putStack('AppStack', {
      status: 'UPDATE_COMPLETE',
      resources: [{ logicalId: 'Topic', type: 'AWS::SNS::Topic', status: 'UPDATE_COMPLETE' }]
    });
    const data = cfn.putNestedStack('AppStack', 'Data', {
      status: 'UPDATE_COMPLETE',
      resources: [
        { logicalId: 'Table', type: 'AWS::SNS::Topic', status: 'UPDATE_COMPLETE' },
        { logicalId: 'Db', type: 'AWS::RDS::DBInstance', status: 'UPDATE_COMPLETE' }
      ]
    });
    const j = await job('tree', inputs);
    await j.runStage('pre');
    await j.runStage('main');
    cfn.runOperation(
      'AppStack',
      treeOperation({
        resources: [
          'Topic',
          {
            logicalId: 'Data',
            nested: [
              'Table',
              {
                logicalId: 'Db',
                type: 'AWS::RDS::DBInstance',
                fails: 'Cannot upgrade postgres from 15.15 to 14.1',
                rollbackFails: 'DB instance is being modified'
              }
            ]
          }
        ]
      })
    );
    await settle();
    expect(cfn.stack('AppStack')?.status).toBe('UPDATE_ROLLBACK_FAILED');
    return { j, data };
  }

  it("auto-rollback: finalize's ContinueUpdateRollback of the root skips Data.Db (never the plain Db, never the nested stack on its own), and the tree is repaired", async () => {
    const { j, data } = await deployIntoStuckTree({});
    const post = await j.runStage('post');
    expect(post?.exitCode).toBe(0);
    const calls = cfn.callsOf('ContinueUpdateRollback');
    expect(calls.map((c) => [c.params['StackName'], c.status])).toEqual([['AppStack', 200]]);
    expect(calls[0]?.params['ResourcesToSkip.member.1']).toBe('Data.Db');
    expect(calls[0]?.params['ResourcesToSkip.member.2']).toBeUndefined();
    expect(cfn.stack('AppStack')?.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(cfn.stack(data)?.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(post?.stdout).toContain(
      'Recovery: AppStack is UPDATE_ROLLBACK_FAILED; ContinueUpdateRollback, skipping Data.Db'
    );
    expect(post?.stdout).toContain(
      'Outcome: failed (root cause: Data › Db (AWS::RDS::DBInstance) UPDATE_FAILED: Cannot upgrade postgres from 15.15 to 14.1)'
    );
  });

  it('auto-rollback false: nothing is repaired; the printed commands skip the nested resource as Data.Db', async () => {
    const { j } = await deployIntoStuckTree({ 'auto-rollback': 'false' });
    const post = await j.runStage('post');
    expect(post?.exitCode).toBe(0);
    expect(cfn.callsOf('ContinueUpdateRollback')).toEqual([]);
    const [warning] = (post?.annotations ?? []).filter(
      (a) => a.level === 'warning' && a.properties['title'] === 'Repair needed: AppStack'
    );
    // Each line carries the correlation ID.
    const lines = (warning?.message.split('\n') ?? []).map((l) => l.replace(/^\[[^\]]+\] /, ''));
    expect(lines).toContain(
      '  - Data.Db (AWS::RDS::DBInstance) UPDATE_FAILED: DB instance is being modified'
    );
    expect(lines).toContain(
      '  Or skip them (they are left as they are): aws cloudformation continue-update-rollback --stack-name AppStack --resources-to-skip Data.Db'
    );
    expect(lines.join('\n')).not.toMatch(/--resources-to-skip (\S+ )*Db\b/);
  });
});
