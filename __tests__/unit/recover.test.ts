/**
 * recoverStacks in process on virtual time: the real CloudFormation adapter and SDK (the
 * production client factory, pointed at the CloudFormation stand-in through
 * AWS_ENDPOINT_URL_CLOUDFORMATION), so every repair is a real RollbackStack,
 * ContinueUpdateRollback or DeleteStack call, and what it did is read back from the stand-in.
 * Calls are tracked by virtual time (it stands still while one is in flight), so a repair of
 * minutes, or a timeout, runs in the time its loopback calls take.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudFormationAdapter, createCloudFormationClient } from '../../src/aws/cloudformation.js';
import {
  explainUnrepaired,
  recoverStacks,
  type RecoveryResult
} from '../../src/coordination/recover.js';
import { recoveryInstructions, type RecoveryPolicy } from '../../src/domain/recovery.js';
import { createLogger, type LogSink } from '../../src/report/logger.js';
import {
  CloudFormationStandin,
  treeOperation,
  type StackSeed
} from '../../test-rig/cfn-standin.js';
import { VirtualTime } from '../../test-rig/virtual-time.js';

const CID = '20261201-120000-0000abcd';
const REGION = 'us-east-1';
const POLL_MS = 5_000;
const TIMEOUT_MS = 10 * 60_000;
const ROLLBACK: RecoveryPolicy = { autoRollback: true, cleanup: 'none' };
const CLEANUP: RecoveryPolicy = { autoRollback: true, cleanup: 'failed-create' };

let vt: VirtualTime;
let cfn: CloudFormationStandin;
const clients: CloudFormationClient[] = [];
const savedEnv: Record<string, string | undefined> = {};

beforeAll(async () => {
  cfn = await CloudFormationStandin.start({ now: () => vt.now() });
  const env = {
    AWS_ACCESS_KEY_ID: 'AKIDRECOVERTEST',
    AWS_SECRET_ACCESS_KEY: 'not-a-secret',
    AWS_ENDPOINT_URL_CLOUDFORMATION: cfn.url
  };
  for (const [k, v] of Object.entries(env)) {
    savedEnv[k] = process.env[k];
    process.env[k] = v;
  }
});

afterAll(async () => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await cfn.close();
});

beforeEach(() => {
  vt = new VirtualTime();
  cfn.reset();
});

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

/** Every async method of `target` tracked by virtual time: it stands still while one is in flight. */
function tracked<T extends object>(target: T): T {
  return new Proxy(target, {
    get(t, prop) {
      const v: unknown = Reflect.get(t, prop, t);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const r: unknown = (v as (...a: unknown[]) => unknown).apply(t, args);
        return r instanceof Promise ? vt.track(r) : r;
      };
    }
  });
}

interface Line {
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
}

/** recoverStacks over the stand-in, driven in virtual time to its end. */
async function recover(
  names: readonly string[],
  policy: RecoveryPolicy,
  opts: {
    timeoutMs?: number;
    holding?: () => boolean;
    mayRepair?: (stack: string) => boolean;
  } = {}
) {
  const client = createCloudFormationClient(REGION, 1);
  clients.push(client);
  const adapter = tracked(new CloudFormationAdapter(client, REGION));
  const lines: Line[] = [];
  const debugs: string[] = [];
  const sink: LogSink = {
    info: (m) => void lines.push({ level: 'info', message: m }),
    debug: (m) => void debugs.push(m),
    warning: (m) => void lines.push({ level: 'warning', message: m }),
    error: (m) => void lines.push({ level: 'error', message: m })
  };
  const asked: string[] = [];
  const snapshots = await adapter.describeStacks(names);
  cfn.calls.length = 0;
  const start = vt.now();
  let results: RecoveryResult[] | undefined;
  let i = 0;
  const run = recoverStacks(
    {
      reader: adapter,
      recovery: adapter,
      clock: vt,
      sleep: (ms, signal) => vt.sleep(ms, signal),
      log: createLogger(CID, sink),
      holding: opts.holding,
      mayRepair: opts.mayRepair
        ? async () => {
            // Asked once per stack that needs a repair, in order.
            const stack = snapshots.filter((s) => s.status !== 'UPDATE_COMPLETE')[i++]!.name;
            asked.push(stack);
            return opts.mayRepair!(stack);
          }
        : undefined
    },
    snapshots,
    policy,
    opts.timeoutMs ?? TIMEOUT_MS,
    POLL_MS
  ).then((r) => (results = r));
  // Bounded in virtual time: a recovery that never ends fails the test instead of stepping forever.
  const bound = start + (opts.timeoutMs ?? TIMEOUT_MS) + 60_000;
  while (!results && vt.now() <= bound && (await vt.step()));
  if (!results) throw new Error('recoverStacks did not end within its timeout (virtual time)');
  await run;
  return {
    results: results,
    tookMs: vt.now() - start,
    lines,
    debugs,
    asked,
    /** The stand-in's calls, as `Action StackName` (reads included), in order. */
    calls: () => cfn.calls.map((c) => `${c.action} ${c.params['StackName'] ?? ''}`),
    repairs: () =>
      cfn.calls
        .filter((c) => /^(RollbackStack|ContinueUpdateRollback|DeleteStack)$/.test(c.action))
        .map((c) => `${c.action} ${c.params['StackName']}`)
  };
}

const FUNCTION = 'AWS::Lambda::Function';
const TABLE = 'AWS::DynamoDB::Table';

const failedUpdate: StackSeed = {
  status: 'UPDATE_FAILED',
  resources: [
    { logicalId: 'Api', type: FUNCTION, status: 'UPDATE_FAILED', reason: 'Handler not found' },
    { logicalId: 'Table', type: TABLE, status: 'UPDATE_COMPLETE' }
  ]
};
const failedRollback: StackSeed = {
  status: 'UPDATE_ROLLBACK_FAILED',
  resources: [
    { logicalId: 'Api', type: FUNCTION, status: 'UPDATE_FAILED', reason: 'Role is in use' },
    { logicalId: 'Table', type: TABLE, status: 'UPDATE_COMPLETE' }
  ]
};

describe('recoverStacks', () => {
  it('rolls back an UPDATE_FAILED stack with RollbackStack and waits for it to end', async () => {
    cfn.putStack('app', failedUpdate);
    const r = await recover(['app'], ROLLBACK);
    expect(r.results).toEqual([
      {
        stack: 'app',
        action: 'rollback',
        ok: true,
        finalStatus: 'UPDATE_ROLLBACK_COMPLETE',
        instructions: []
      }
    ]);
    // The cursor is read before the repair is asked for; then one poll: its events, its status.
    expect(r.calls()).toEqual([
      'DescribeStackEvents app',
      'RollbackStack app',
      'DescribeStackEvents app',
      'DescribeStacks app'
    ]);
    expect(r.tookMs).toBe(POLL_MS);
    expect(cfn.stack('app')).toMatchObject({
      status: 'UPDATE_ROLLBACK_COMPLETE',
      operationInProgress: false
    });
    expect(cfn.stack('app')!.operations.map((o) => o.action)).toEqual(['RollbackStack']);
    expect(r.lines.map((l) => l.message)).toEqual([
      `[${CID}] Recovery: app is UPDATE_FAILED; RollbackStack.`,
      `[${CID}] Recovery: app is UPDATE_ROLLBACK_COMPLETE after 5s.`
    ]);
  });

  it('waits out a slow repair poll by poll until its completion event', async () => {
    cfn.putStack('app', failedUpdate);
    cfn.scriptNext('app', 'RollbackStack', [
      { atMs: 0, stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS' },
      { atMs: 4_000, logicalId: 'Api', type: FUNCTION, status: 'UPDATE_IN_PROGRESS' },
      { atMs: 11_000, logicalId: 'Api', type: FUNCTION, status: 'UPDATE_COMPLETE' },
      { atMs: 12_000, stackStatus: 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS' },
      { atMs: 21_000, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' }
    ]);
    const r = await recover(['app'], ROLLBACK);
    expect(r.results).toEqual([
      expect.objectContaining({ ok: true, finalStatus: 'UPDATE_ROLLBACK_COMPLETE' })
    ]);
    // Not at the CLEANUP_IN_PROGRESS status (15 s), but at the poll after the end (25 s).
    expect(r.tookMs).toBe(25_000);
    expect(r.calls().filter((c) => c.startsWith('DescribeStacks '))).toHaveLength(5);
  });

  it('continues the rollback of an UPDATE_ROLLBACK_FAILED stack with ContinueUpdateRollback', async () => {
    cfn.putStack('app', failedRollback);
    const r = await recover(['app'], ROLLBACK);
    expect(r.results).toEqual([
      {
        stack: 'app',
        action: 'continue-rollback',
        ok: true,
        finalStatus: 'UPDATE_ROLLBACK_COMPLETE',
        instructions: []
      }
    ]);
    expect(r.repairs()).toEqual(['ContinueUpdateRollback app']);
    // Nothing skipped: the failed resource was rolled back, not left as it was.
    expect(cfn.stack('app')!.operations).toEqual([
      expect.objectContaining({ action: 'ContinueUpdateRollback', resourcesToSkip: [] })
    ]);
    expect(cfn.stack('app')!.resources.find((x) => x.logicalId === 'Api')?.status).toBe(
      'UPDATE_COMPLETE'
    );
  });

  it('deletes a failed create (ROLLBACK_COMPLETE) with DeleteStack and checks that it is gone', async () => {
    cfn.putStack('fresh', {
      status: 'ROLLBACK_COMPLETE',
      resources: [{ logicalId: 'Bucket', type: 'AWS::S3::Bucket', status: 'DELETE_COMPLETE' }]
    });
    const r = await recover(['fresh'], CLEANUP);
    expect(r.results).toEqual([
      {
        stack: 'fresh',
        action: 'delete',
        ok: true,
        finalStatus: 'DOES_NOT_EXIST',
        instructions: []
      }
    ]);
    expect(r.repairs()).toEqual(['DeleteStack fresh']);
    // Gone by name (a deleted stack is reachable only by its ID), and the adapter says so.
    expect(cfn.stack('fresh')).toBeUndefined();
    const client = createCloudFormationClient(REGION, 1);
    clients.push(client);
    expect(await new CloudFormationAdapter(client, REGION).describeStacks(['fresh'])).toEqual([
      expect.objectContaining({ exists: false, status: 'DOES_NOT_EXIST' })
    ]);
    // Ended at the first poll that found it gone.
    expect(r.tookMs).toBe(POLL_MS);
  });

  it('reports a cleanup that CloudFormation could not finish: the stack is still there, with what to retain', async () => {
    cfn.putStack('fresh', {
      status: 'ROLLBACK_COMPLETE',
      resources: [{ logicalId: 'Bucket', type: 'AWS::S3::Bucket', status: 'CREATE_COMPLETE' }]
    });
    cfn.scriptNext('fresh', 'DeleteStack', [
      { atMs: 0, stackStatus: 'DELETE_IN_PROGRESS' },
      {
        atMs: 200,
        logicalId: 'Bucket',
        type: 'AWS::S3::Bucket',
        status: 'DELETE_FAILED',
        reason: 'The bucket you tried to delete is not empty'
      },
      { atMs: 400, stackStatus: 'DELETE_FAILED', reason: 'Bucket failed to delete' }
    ]);
    const r = await recover(['fresh'], CLEANUP);
    expect(r.results).toEqual([
      expect.objectContaining({ action: 'delete', ok: false, finalStatus: 'DELETE_FAILED' })
    ]);
    expect(r.tookMs).toBe(POLL_MS);
    expect(cfn.stack('fresh')?.status).toBe('DELETE_FAILED');
    expect(r.results[0]!.instructions).toContain(
      '  aws cloudformation delete-stack --stack-name fresh [--retain-resources Bucket]'
    );
  });

  it('leaves a failed create alone without the cleanup policy, and any stack without auto-rollback', async () => {
    cfn.putStack('fresh', { status: 'ROLLBACK_COMPLETE' });
    cfn.putStack('app', failedUpdate);
    const kept = await recover(['fresh', 'app'], { autoRollback: false, cleanup: 'none' });
    expect(kept.results).toEqual([]);
    expect(kept.calls()).toEqual([]);
    expect(kept.tookMs).toBe(0);
    expect(cfn.stack('fresh')?.status).toBe('ROLLBACK_COMPLETE');
    expect(cfn.stack('app')?.status).toBe('UPDATE_FAILED');
  });

  it('reports a repair that fails fast at the next poll, with the stuck resources and the commands', async () => {
    cfn.putStack('app', failedRollback);
    cfn.scriptNext('app', 'ContinueUpdateRollback', [
      { atMs: 0, stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS' },
      {
        atMs: 200,
        logicalId: 'Api',
        type: FUNCTION,
        status: 'UPDATE_FAILED',
        reason: 'Role arn:aws:iam::123456789012:role/api is in use'
      },
      { atMs: 400, stackStatus: 'UPDATE_ROLLBACK_FAILED', reason: 'Api failed to roll back' }
    ]);
    const r = await recover(['app'], ROLLBACK);
    expect(r.results).toHaveLength(1);
    expect(r.results[0]).toMatchObject({
      stack: 'app',
      action: 'continue-rollback',
      ok: false,
      finalStatus: 'UPDATE_ROLLBACK_FAILED'
    });
    // Bounded: one poll, not the 10-minute timeout.
    expect(r.tookMs).toBe(POLL_MS);
    expect(r.repairs()).toEqual(['ContinueUpdateRollback app']);
    const instructions = r.results[0]!.instructions;
    expect(instructions[0]).toBe('Stack app is UPDATE_ROLLBACK_FAILED and needs a person:');
    expect(instructions).toContain(
      '  - Api (AWS::Lambda::Function) UPDATE_FAILED: Role arn:aws:iam::123456789012:role/api is in use'
    );
    expect(instructions).toContain(
      '  Or skip them (they are left as they are): aws cloudformation continue-update-rollback --stack-name app --resources-to-skip Api'
    );
    expect(instructions.at(-1)).toMatch(
      /^ {2}Console: https:\/\/us-east-1\.console\.aws\.amazon\.com\/cloudformation\/home\?region=us-east-1#\/stacks\/stackinfo\?stackId=arn%3Aaws%3Acloudformation/
    );
    // One stuck resource, listed once.
    expect(instructions.filter((l) => l.startsWith('  - '))).toHaveLength(1);
    const error = r.lines.find((l) => l.level === 'error');
    expect(error?.message).toContain(
      'Recovery of app failed (ended UPDATE_ROLLBACK_FAILED: Api failed to roll back)'
    );
  });

  it('lists only what failed during the repair, not the failures of the update before it', async () => {
    cfn.putStack('app', { status: 'UPDATE_COMPLETE' });
    // The update that left the stack UPDATE_ROLLBACK_FAILED, two minutes before the repair.
    cfn.runOperation(
      'app',
      [
        { atMs: 0, stackStatus: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
        {
          atMs: 1_000,
          logicalId: 'Api',
          type: FUNCTION,
          status: 'UPDATE_FAILED',
          reason: 'Bad code'
        },
        { atMs: 2_000, stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS' },
        { atMs: 3_000, logicalId: 'Table', type: TABLE, status: 'UPDATE_FAILED', reason: 'In use' },
        { atMs: 4_000, stackStatus: 'UPDATE_ROLLBACK_FAILED' }
      ],
      { startAt: vt.now() - 120_000 }
    );
    cfn.scriptNext('app', 'ContinueUpdateRollback', [
      { atMs: 0, stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS' },
      {
        atMs: 300,
        logicalId: 'Table',
        type: TABLE,
        status: 'UPDATE_FAILED',
        reason: 'Still in use'
      },
      { atMs: 500, stackStatus: 'UPDATE_ROLLBACK_FAILED' }
    ]);
    const r = await recover(['app'], ROLLBACK);
    const instructions = r.results[0]!.instructions;
    expect(instructions.filter((l) => l.startsWith('  - '))).toEqual([
      '  - Table (AWS::DynamoDB::Table) UPDATE_FAILED: Still in use'
    ]);
    expect(instructions).toContain(
      '  Or skip them (they are left as they are): aws cloudformation continue-update-rollback --stack-name app --resources-to-skip Table'
    );
  });

  it('gives up on a repair that does not end within its timeout, and says what to do', async () => {
    cfn.putStack('app', failedUpdate);
    cfn.scriptNext('app', 'RollbackStack', [
      { atMs: 0, stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS' },
      { atMs: 3_600_000, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' }
    ]);
    const r = await recover(['app'], ROLLBACK, { timeoutMs: 60_000 });
    expect(r.results).toEqual([
      expect.objectContaining({
        action: 'rollback',
        ok: false,
        finalStatus: 'UPDATE_ROLLBACK_IN_PROGRESS'
      })
    ]);
    expect(r.tookMs).toBe(60_000);
    expect(r.calls().filter((c) => c.startsWith('DescribeStacks '))).toHaveLength(12 + 1);
    expect(r.results[0]!.instructions.length).toBeGreaterThan(1);
    expect(r.lines.find((l) => l.level === 'error')?.message).toContain(
      'still UPDATE_ROLLBACK_IN_PROGRESS after 1m 00s'
    );
  });

  it('reports a repair call CloudFormation refuses, without waiting', async () => {
    cfn.putStack('app', failedUpdate);
    cfn.failNext('RollbackStack', {
      code: 'ValidationError',
      message: 'Stack app is in UPDATE_FAILED state and can not be rolled back (scripted)'
    });
    const r = await recover(['app'], ROLLBACK);
    expect(r.results).toEqual([
      expect.objectContaining({ action: 'rollback', ok: false, finalStatus: 'UPDATE_FAILED' })
    ]);
    expect(r.tookMs).toBe(0);
    expect(r.results[0]!.instructions).toContain(
      '  aws cloudformation rollback-stack --stack-name app'
    );
    expect(r.lines.find((l) => l.level === 'error')?.message).toContain(
      'the call failed: Stack app is in UPDATE_FAILED state and can not be rolled back (scripted)'
    );
    expect(cfn.stack('app')?.operations).toEqual([]);
  });

  it('makes no repair call when the run is not sure it holds the lock (mayRepair false)', async () => {
    cfn.putStack('first', failedUpdate);
    cfn.putStack('ok', { status: 'UPDATE_COMPLETE' });
    cfn.putStack('second', failedRollback);
    const r = await recover(['first', 'ok', 'second'], ROLLBACK, {
      mayRepair: (stack) => stack === 'second'
    });
    // Asked before each repair, in order, never for a stack that needs none.
    expect(r.asked).toEqual(['first', 'second']);
    expect(r.repairs()).toEqual(['ContinueUpdateRollback second']);
    expect(r.results.map((x) => [x.stack, x.ok])).toEqual([['second', true]]);
    expect(cfn.stack('first')?.status).toBe('UPDATE_FAILED');
    expect(cfn.stack('first')?.operations).toEqual([]);
    expect(r.lines[0]).toEqual({
      level: 'warning',
      message: `[${CID}] Recovery of first not started: this run is not sure it holds the lock.`
    });

    cfn.reset();
    cfn.putStack('app', failedUpdate);
    const none = await recover(['app'], ROLLBACK, { mayRepair: () => false });
    expect(none.results).toEqual([]);
    expect(none.calls()).toEqual([]);
    expect(none.tookMs).toBe(0);
  });

  it('stops waiting as soon as the run no longer holds the lock, and the next stack is not repaired', async () => {
    cfn.putStack('app', failedUpdate);
    cfn.putStack('web', failedUpdate);
    cfn.scriptNext('app', 'RollbackStack', [
      { atMs: 0, stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS' },
      { atMs: 300_000, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' }
    ]);
    let holds = true;
    // The lease finds the lock lost 12 s into the repair (between the second and third polls).
    void vt.sleep(12_000).then(() => (holds = false));
    const r = await recover(['app', 'web'], ROLLBACK, {
      holding: () => holds,
      mayRepair: () => holds
    });
    expect(r.results[0]).toMatchObject({
      stack: 'app',
      ok: false,
      finalStatus: 'UPDATE_ROLLBACK_IN_PROGRESS'
    });
    expect(r.results).toHaveLength(1);
    expect(r.repairs()).toEqual(['RollbackStack app']);
    expect(r.lines.find((l) => l.level === 'error')?.message).toContain(
      'stopped waiting: this run no longer holds the lock (still UPDATE_ROLLBACK_IN_PROGRESS)'
    );
    // The poll under way when it was lost (15 s) is the last; then the snapshot for the instructions.
    expect(r.tookMs).toBe(15_000);
    expect(r.calls().filter((c) => c === 'DescribeStacks app')).toHaveLength(3 + 1);
    expect(r.asked).toEqual(['app', 'web']);
    expect(r.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      `[${CID}] Recovery of web not started: this run is not sure it holds the lock.`
    ]);
    expect(cfn.stack('web')?.operations).toEqual([]);
  });
});

describe('recovery in a tree of nested stacks', () => {
  /** App (Topic, Data) with Data (Table, Db): Db's update and then its rollback failed. */
  function stuckTree(): string {
    cfn.putStack('App', {
      status: 'UPDATE_COMPLETE',
      resources: [{ logicalId: 'Topic', type: 'AWS::SNS::Topic', status: 'UPDATE_COMPLETE' }],
      pastEvents: 1
    });
    const data = cfn.putNestedStack('App', 'Data', {
      status: 'UPDATE_COMPLETE',
      resources: [{ logicalId: 'Db', type: 'AWS::RDS::DBInstance', status: 'UPDATE_COMPLETE' }],
      pastEvents: 1
    });
    cfn.runOperation(
      'App',
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
                fails: 'Cannot upgrade',
                rollbackFails: 'db was deleted'
              }
            ]
          }
        ]
      }),
      { startAt: vt.now() - 60_000 }
    );
    expect(cfn.stack('App')?.status).toBe('UPDATE_ROLLBACK_FAILED');
    return data;
  }

  it("a root stuck because of a nested resource: ContinueUpdateRollback skips it as Data.Db (the form CloudFormation requires) and the root's rollback completes", async () => {
    const data = stuckTree();
    const r = await recover(['App'], ROLLBACK);
    expect(r.results).toEqual([
      {
        stack: 'App',
        action: 'continue-rollback',
        ok: true,
        finalStatus: 'UPDATE_ROLLBACK_COMPLETE',
        instructions: []
      }
    ]);
    const calls = cfn.callsOf('ContinueUpdateRollback');
    expect(calls.map((c) => c.status)).toEqual([200]);
    expect(calls[0]?.params).toMatchObject({
      StackName: 'App',
      'ResourcesToSkip.member.1': 'Data.Db'
    });
    expect(calls[0]?.params['ResourcesToSkip.member.2']).toBeUndefined();
    expect(cfn.stack(data)?.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(r.lines[0]?.message).toBe(
      `[${CID}] Recovery: App is UPDATE_ROLLBACK_FAILED; ContinueUpdateRollback, skipping Data.Db (failed to roll back inside nested stacks: left as they are).`
    );
  });

  it('two levels down (App › Data › Inner › Db): only Data.Inner.Db is skipped, never the nested stack resource Data.Inner, and the rollback completes', async () => {
    cfn.putStack('App', { status: 'UPDATE_COMPLETE', resources: [], pastEvents: 1 });
    const data = cfn.putNestedStack('App', 'Data', { status: 'UPDATE_COMPLETE', pastEvents: 1 });
    const inner = cfn.putNestedStack(data, 'Inner', {
      status: 'UPDATE_COMPLETE',
      resources: [{ logicalId: 'Db', type: 'AWS::RDS::DBInstance', status: 'UPDATE_COMPLETE' }],
      pastEvents: 1
    });
    cfn.runOperation(
      'App',
      treeOperation({
        resources: [
          {
            logicalId: 'Data',
            nested: [
              {
                logicalId: 'Inner',
                nested: [
                  {
                    logicalId: 'Db',
                    type: 'AWS::RDS::DBInstance',
                    fails: 'Cannot upgrade',
                    rollbackFails: 'db was deleted'
                  }
                ]
              }
            ]
          }
        ]
      }),
      { startAt: vt.now() - 60_000 }
    );
    expect(cfn.stack('App')?.status).toBe('UPDATE_ROLLBACK_FAILED');
    const r = await recover(['App'], ROLLBACK);
    const calls = cfn.callsOf('ContinueUpdateRollback');
    expect(calls.map((c) => c.status)).toEqual([200]);
    expect(calls[0]?.params).toMatchObject({ 'ResourcesToSkip.member.1': 'Data.Inner.Db' });
    expect(calls[0]?.params['ResourcesToSkip.member.2']).toBeUndefined();
    expect(r.results.map((x) => [x.ok, x.finalStatus])).toEqual([
      [true, 'UPDATE_ROLLBACK_COMPLETE']
    ]);
    expect(cfn.stack(inner)?.status).toBe('UPDATE_ROLLBACK_COMPLETE');
  });

  /**
   * App › Data (Db, Cache, Queue): Db's update fails, Cache's is cancelled with it, Queue's failed
   * too; the rollback fails on Db before it reaches Cache or Queue, both left UPDATE_FAILED by the
   * update, not by the rollback: CloudFormation refuses to skip them.
   */
  function stuckWithForwardFailures(): void {
    cfn.putStack('App', { status: 'UPDATE_COMPLETE', resources: [], pastEvents: 1 });
    cfn.putNestedStack('App', 'Data', {
      status: 'UPDATE_COMPLETE',
      resources: [
        { logicalId: 'Db', type: 'AWS::RDS::DBInstance', status: 'UPDATE_COMPLETE' },
        { logicalId: 'Cache', type: 'AWS::ElastiCache::CacheCluster', status: 'UPDATE_COMPLETE' },
        { logicalId: 'Queue', type: 'AWS::SQS::Queue', status: 'UPDATE_COMPLETE' }
      ],
      pastEvents: 1
    });
    const steps = treeOperation({
      resources: [
        {
          logicalId: 'Data',
          nested: [
            {
              logicalId: 'Db',
              type: 'AWS::RDS::DBInstance',
              fails: 'Cannot upgrade',
              rollbackFails: 'db was deleted'
            }
          ]
        }
      ]
    });
    // Alongside Db's update (30, failed at 40), before Data's rollback starts (50).
    const cache = { logicalId: 'Cache', type: 'AWS::ElastiCache::CacheCluster', stack: 'Data' };
    const queue = { logicalId: 'Queue', type: 'AWS::SQS::Queue', stack: 'Data' };
    steps.push(
      { atMs: 31, ...cache, status: 'UPDATE_IN_PROGRESS' },
      { atMs: 32, ...queue, status: 'UPDATE_IN_PROGRESS' },
      { atMs: 41, ...cache, status: 'UPDATE_FAILED', reason: 'Resource update cancelled' },
      { atMs: 42, ...queue, status: 'UPDATE_FAILED', reason: 'Queue name already in use' }
    );
    steps.sort((a, b) => a.atMs - b.atMs);
    cfn.runOperation('App', steps, { startAt: vt.now() - 60_000 });
    expect(cfn.stack('App')?.status).toBe('UPDATE_ROLLBACK_FAILED');
  }

  it('skips only what failed to roll back in a nested stack, not a resource the update cancelled or the rollback never reached', async () => {
    stuckWithForwardFailures();
    const r = await recover(['App'], ROLLBACK);
    const calls = cfn.callsOf('ContinueUpdateRollback');
    expect(calls.map((c) => c.status)).toEqual([200]);
    expect(calls[0]?.params).toMatchObject({ 'ResourcesToSkip.member.1': 'Data.Db' });
    expect(calls[0]?.params['ResourcesToSkip.member.2']).toBeUndefined();
    expect(r.results.map((x) => [x.ok, x.finalStatus])).toEqual([
      [true, 'UPDATE_ROLLBACK_COMPLETE']
    ]);
  });

  it('prints --resources-to-skip with only what failed to roll back', async () => {
    stuckWithForwardFailures();
    const client = createCloudFormationClient(REGION, 1);
    clients.push(client);
    const adapter = new CloudFormationAdapter(client, REGION);
    const warnings: string[] = [];
    const sink: LogSink = {
      info: () => undefined,
      debug: () => undefined,
      warning: (m) => void warnings.push(m),
      error: () => undefined
    };
    const stacks = await adapter.describeStacks(['App']);
    await explainUnrepaired({ reader: adapter, log: createLogger(CID, sink) }, stacks, {
      autoRollback: false,
      cleanup: 'none'
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      'aws cloudformation continue-update-rollback --stack-name App --resources-to-skip Data.Db\n'
    );
  });

  it('reads the tree for its skips before the lease is confirmed: between that and ContinueUpdateRollback, only the cursor read', async () => {
    stuckTree();
    let at = -1;
    await recover(['App'], ROLLBACK, {
      mayRepair: () => {
        at = cfn.calls.length;
        return true;
      }
    });
    const after = cfn.calls.slice(at).map((c) => `${c.action} ${c.params['StackName'] ?? ''}`);
    expect(after.slice(0, after.indexOf('ContinueUpdateRollback App'))).toEqual([
      'DescribeStackEvents App'
    ]);
    expect(cfn.callsOf('ContinueUpdateRollback')[0]?.params['ResourcesToSkip.member.1']).toBe(
      'Data.Db'
    );
  });

  it('says (debug) why nothing is skipped when the tree cannot be read', async () => {
    stuckTree();
    cfn.failNext('DescribeStackEvents', {
      code: 'AccessDenied',
      message: 'User is not authorized to perform: cloudformation:DescribeStackEvents',
      status: 403
    });
    const r = await recover(['App'], ROLLBACK);
    expect(r.debugs).toContainEqual(
      expect.stringMatching(
        /Could not read what failed to roll back in App \(nothing skipped\): User is not authorized/
      )
    );
  });

  it('a nested stack is never repaired on its own, even when it is named as a covered stack', async () => {
    const data = stuckTree();
    const r = await recover([data], ROLLBACK);
    expect(r.results).toEqual([]);
    expect(r.repairs()).toEqual([]);
    expect(r.lines.map((l) => l.message)).toEqual([
      expect.stringMatching(
        new RegExp(
          `Recovery: ${data} is UPDATE_ROLLBACK_FAILED, but it is a nested stack: it is repaired through its root stack \\(arn:\\S+stack/App/\\S+\\) only, never on its own\\.$`
        )
      )
    ]);
  });

  it('without auto-rollback, what a person does: the stuck nested resource and the commands, which skip it as Data.Db', async () => {
    const data = stuckTree();
    const client = createCloudFormationClient(REGION, 1);
    clients.push(client);
    const adapter = new CloudFormationAdapter(client, REGION);
    const lines: Line[] = [];
    const sink: LogSink = {
      info: (m) => void lines.push({ level: 'info', message: m }),
      debug: () => undefined,
      warning: (m) => void lines.push({ level: 'warning', message: m }),
      error: (m) => void lines.push({ level: 'error', message: m })
    };
    const log = createLogger(CID, sink);
    const policy: RecoveryPolicy = { autoRollback: false, cleanup: 'none' };
    const stacks = await adapter.describeStacks(['App', data]);
    await explainUnrepaired({ reader: adapter, log }, stacks, policy);
    expect(cfn.callsOf('ContinueUpdateRollback')).toEqual([]);
    const dataId = cfn.stack(data)?.stackId;
    const [root, nested] = lines.map((l) =>
      l.message.split('\n').map((line) => line.replace(`[${CID}] `, ''))
    );
    expect(root).toEqual([
      'Stack App is UPDATE_ROLLBACK_FAILED and needs a person:',
      '  - Data.Db (AWS::RDS::DBInstance) UPDATE_FAILED: db was deleted',
      '  See the events: aws cloudformation describe-stack-events --stack-name App',
      `  And of nested stack ${dataId}: aws cloudformation describe-stack-events --stack-name ${dataId}`,
      '  A nested stack is repaired through its root only: every command below names App.',
      '  Fix the resources above, then: aws cloudformation continue-update-rollback --stack-name App',
      '  Or skip them (they are left as they are): aws cloudformation continue-update-rollback --stack-name App --resources-to-skip Data.Db',
      expect.stringMatching(/^ {2}Console: https:/)
    ]);
    // The nested stack, covered too, has the same root: explained once, by it.
    expect(nested).toBeUndefined();
    expect(lines.map((l) => l.level)).toEqual(['warning']);

    // The nested stack covered alone: explained through its root.
    lines.length = 0;
    await explainUnrepaired({ reader: adapter, log }, [stacks[1]!], policy);
    const [only] = lines.map((l) =>
      l.message.split('\n').map((line) => line.replace(`[${CID}] `, ''))
    );
    expect(only?.[0]).toMatch(
      /^Stack arn:\S+stack\/App\/\S+ is UPDATE_ROLLBACK_FAILED and needs a person:$/
    );
    expect(only).toContain(
      `  Or skip them (they are left as they are): aws cloudformation continue-update-rollback --stack-name ${cfn.stack('App')?.stackId} --resources-to-skip Data.Db`
    );
    expect(lines.map((l) => l.level)).toEqual(['warning']);
  });

  it('no "Repair needed" for a nested stack once its root was repaired (rolling back, then UPDATE_ROLLBACK_COMPLETE), and never delete-stack', async () => {
    const data = stuckTree();
    const client = createCloudFormationClient(REGION, 1);
    clients.push(client);
    const adapter = new CloudFormationAdapter(client, REGION);
    const warnings: string[] = [];
    const sink: LogSink = {
      info: () => undefined,
      debug: () => undefined,
      warning: (m) => void warnings.push(m),
      error: (m) => void warnings.push(m)
    };
    const log = createLogger(CID, sink);
    // As finalize has them: read before the repair.
    const before = await adapter.describeStacks(['App', data]);
    await adapter.continueUpdateRollback('App', ['Data.Db']);
    expect(cfn.stack('App')?.status).toBe('UPDATE_ROLLBACK_IN_PROGRESS');
    await explainUnrepaired({ reader: adapter, log }, before, ROLLBACK);
    expect(warnings).toEqual([]);
    const done = vt.park(10 * 60_000);
    while (cfn.stack('App')?.status !== 'UPDATE_ROLLBACK_COMPLETE' && (await vt.step()));
    await done;
    expect(cfn.stack('App')?.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    await explainUnrepaired({ reader: adapter, log }, before, ROLLBACK);
    expect(warnings).toEqual([]);
  });

  it('the instructions for a stack no longer stuck name no command, delete-stack only for a stack only a deletion gets out', () => {
    for (const status of ['UPDATE_ROLLBACK_COMPLETE', 'UPDATE_ROLLBACK_IN_PROGRESS'])
      expect(recoveryInstructions('App', status, [], '').join('\n')).not.toMatch(
        /delete-stack|rollback-stack|continue-update-rollback/
      );
    for (const status of ['ROLLBACK_COMPLETE', 'DELETE_FAILED'])
      expect(recoveryInstructions('App', status, [], '')).toContain(
        '  aws cloudformation delete-stack --stack-name App'
      );
  });
});
