import { connect } from 'node:net';
import {
  CloudFormationClient,
  ContinueUpdateRollbackCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  RollbackStackCommand,
  UpdateStackCommand,
  paginateDescribeStackEvents,
  type CloudFormationClientConfig,
  type StackEvent
} from '@aws-sdk/client-cloudformation';
import { CloudFormationAdapter } from '../../src/aws/cloudformation.js';
import { durationMs, pastOperations } from '../../src/domain/past-operations.js';
import { asTestCaller, TEST_CALLER_HEADERS } from '../../test-rig/aws-calls.js';
import { CloudFormationStandin, type Step } from '../../test-rig/cfn-standin.js';

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

let standin: CloudFormationStandin;
/** When set, the stand-in's clock; otherwise real time. */
let fakeNow: number | undefined;
const clients: CloudFormationClient[] = [];

/** A client of this test's own: its calls are not the product's (see test-rig/aws-calls.ts). */
function ownClient(config: CloudFormationClientConfig): CloudFormationClient {
  const c = asTestCaller(new CloudFormationClient(config));
  clients.push(c);
  return c;
}

function client(extra: CloudFormationClientConfig = {}): CloudFormationClient {
  return ownClient({
    endpoint: standin.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDSTANDIN', secretAccessKey: 'not-a-secret' },
    ...extra
  });
}

async function rejection(
  p: Promise<unknown>
): Promise<Error & { $metadata?: { httpStatusCode?: number }; $fault?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}

async function status(cfn: CloudFormationClient, name: string): Promise<string | undefined> {
  const out = await cfn.send(new DescribeStacksCommand({ StackName: name }));
  return out.Stacks?.[0]?.StackStatus;
}

async function events(cfn: CloudFormationClient, name: string): Promise<StackEvent[]> {
  return (await cfn.send(new DescribeStackEventsCommand({ StackName: name }))).StackEvents ?? [];
}

beforeAll(async () => {
  standin = await CloudFormationStandin.start({ now: () => fakeNow ?? Date.now() });
});

beforeEach(() => {
  fakeNow = undefined;
  standin.reset();
  standin.pageSize = 100;
});

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

afterAll(async () => {
  await standin.close();
});

describe('DescribeStacks', () => {
  it('describes an existing stack with AWS-shaped fields, escaping XML text', async () => {
    fakeNow = T0;
    standin.putStack('app-prod', {
      status: 'UPDATE_COMPLETE',
      createdAt: new Date(T0 - 86_400_000),
      lastUpdatedAt: new Date(T0 - 3_600_000),
      tags: { team: 'platform', note: '<a & "b">' },
      outputs: { Url: 'https://example.test/?a=1&b=2' },
      parameters: { Env: 'prod' },
      enableTerminationProtection: true
    });
    const out = await client().send(new DescribeStacksCommand({ StackName: 'app-prod' }));
    expect(out.Stacks).toHaveLength(1);
    const s = out.Stacks?.[0];
    expect(s?.StackName).toBe('app-prod');
    expect(s?.StackId).toMatch(
      /^arn:aws:cloudformation:us-east-1:123456789012:stack\/app-prod\/[0-9a-f-]{36}$/
    );
    expect(s?.StackStatus).toBe('UPDATE_COMPLETE');
    expect(s?.CreationTime).toEqual(new Date(T0 - 86_400_000));
    expect(s?.LastUpdatedTime).toEqual(new Date(T0 - 3_600_000));
    expect(s?.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'team', Value: 'platform' },
        { Key: 'note', Value: '<a & "b">' }
      ])
    );
    expect(s?.Outputs).toEqual([
      { OutputKey: 'Url', OutputValue: 'https://example.test/?a=1&b=2' }
    ]);
    expect(s?.Parameters).toEqual([{ ParameterKey: 'Env', ParameterValue: 'prod' }]);
    expect(s?.DisableRollback).toBe(false);
    expect(s?.EnableTerminationProtection).toBe(true);
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a missing stack like AWS: 400 ValidationError "Stack with id X does not exist"', async () => {
    const err = await rejection(client().send(new DescribeStacksCommand({ StackName: 'nope' })));
    expect(err.name).toBe('ValidationError');
    expect(err.message).toBe('Stack with id nope does not exist');
    expect(err.$metadata?.httpStatusCode).toBe(400);
    expect(err.$fault).toBe('client');
    expect(standin.calls[0]).toMatchObject({
      action: 'DescribeStacks',
      status: 400,
      params: { StackName: 'nope' }
    });
  });

  it('lists every live stack when StackName is omitted', async () => {
    standin.putStack('a', { status: 'CREATE_COMPLETE' });
    standin.putStack('b', { status: 'UPDATE_ROLLBACK_FAILED', stackStatusReason: 'stuck' });
    const out = await client().send(new DescribeStacksCommand({}));
    const byName = new Map((out.Stacks ?? []).map((s) => [s.StackName, s]));
    expect([...byName.keys()].sort()).toEqual(['a', 'b']);
    expect(byName.get('b')?.StackStatusReason).toBe('stuck');
    expect(byName.get('a')?.Tags).toEqual([]);
  });

  it('is reachable through AWS_ENDPOINT_URL_CLOUDFORMATION', async () => {
    standin.putStack('env-stack', { status: 'CREATE_COMPLETE' });
    const saved = process.env['AWS_ENDPOINT_URL_CLOUDFORMATION'];
    process.env['AWS_ENDPOINT_URL_CLOUDFORMATION'] = standin.url;
    try {
      const c = ownClient({
        region: 'ap-southeast-2',
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' }
      });
      expect(await status(c, 'env-stack')).toBe('CREATE_COMPLETE');
    } finally {
      if (saved === undefined) delete process.env['AWS_ENDPOINT_URL_CLOUDFORMATION'];
      else process.env['AWS_ENDPOINT_URL_CLOUDFORMATION'] = saved;
    }
  });
});

describe('DescribeStackEvents', () => {
  it('returns events newest first, stack-level ones with the stack as logical resource', async () => {
    fakeNow = T0;
    standin.putStack('ev', {
      status: 'UPDATE_COMPLETE',
      lastUpdatedAt: new Date(T0 - 60_000),
      resources: [{ logicalId: 'Queue', type: 'AWS::SQS::Queue', status: 'UPDATE_COMPLETE' }],
      pastEvents: 5
    });
    const evs = await events(client(), 'ev');
    expect(evs).toHaveLength(5);
    const times = evs.map((e) => e.Timestamp?.getTime() ?? 0);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(evs[0]).toMatchObject({
      StackName: 'ev',
      LogicalResourceId: 'ev',
      ResourceType: 'AWS::CloudFormation::Stack',
      ResourceStatus: 'UPDATE_COMPLETE',
      Timestamp: new Date(T0 - 60_000)
    });
    expect(evs[0]?.PhysicalResourceId).toBe(evs[0]?.StackId);
    expect(evs[4]).toMatchObject({ LogicalResourceId: 'ev', ResourceStatus: 'CREATE_IN_PROGRESS' });
    expect(evs.filter((e) => e.LogicalResourceId === 'Queue').length).toBeGreaterThan(0);
    expect(new Set(evs.map((e) => e.EventId)).size).toBe(5);
  });

  it('paginates 250 events in pages of 100 through the SDK paginator', async () => {
    standin.putStack('many', { status: 'UPDATE_COMPLETE', pastEvents: 250 });
    const pages: number[] = [];
    const all: StackEvent[] = [];
    for await (const page of paginateDescribeStackEvents(
      { client: client() },
      { StackName: 'many' }
    )) {
      pages.push(page.StackEvents?.length ?? 0);
      all.push(...(page.StackEvents ?? []));
    }
    expect(pages).toEqual([100, 100, 50]);
    expect(new Set(all.map((e) => e.EventId)).size).toBe(250);
    const times = all.map((e) => e.Timestamp?.getTime() ?? 0);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const calls = standin.callsOf('DescribeStackEvents');
    expect(calls).toHaveLength(3);
    expect(calls[0]?.params['NextToken']).toBeUndefined();
    expect(calls[1]?.params['NextToken']).toEqual(expect.any(String));
  });

  it('keeps pages stable while new events arrive between pages', async () => {
    fakeNow = T0;
    standin.pageSize = 2;
    standin.putStack('moving', {
      status: 'UPDATE_COMPLETE',
      pastEvents: 4,
      lastUpdatedAt: new Date(T0 - 10_000)
    });
    const cfn = client();
    const first = await cfn.send(new DescribeStackEventsCommand({ StackName: 'moving' }));
    standin.runOperation('moving', [{ atMs: 0, stackStatus: 'UPDATE_IN_PROGRESS' }]);
    const second = await cfn.send(
      new DescribeStackEventsCommand({ StackName: 'moving', NextToken: first.NextToken })
    );
    const ids = [...(first.StackEvents ?? []), ...(second.StackEvents ?? [])].map((e) => e.EventId);
    expect(new Set(ids).size).toBe(4);
    expect(second.NextToken).toBeUndefined();
  });

  it('seeds past operations at their times: the stack-level start and end, each resource in turn, newest first across pages', async () => {
    fakeNow = T0;
    standin.pageSize = 4;
    const DAY = 86_400_000;
    const fn = { logicalId: 'Fn', type: 'AWS::Lambda::Function' };
    const db = { logicalId: 'Db', type: 'AWS::RDS::DBInstance' };
    standin.putStack('hist', {
      status: 'UPDATE_COMPLETE',
      pastEvents: 0,
      history: [
        { kind: 'UPDATE', startedAt: new Date(T0 - DAY), durationMs: 250_000, resources: [fn] },
        { kind: 'CREATE', startedAt: new Date(T0 - 3 * DAY), durationMs: 60_000, resources: [fn] },
        {
          kind: 'UPDATE',
          startedAt: new Date(T0 - 2 * DAY),
          durationMs: 240_000,
          resources: [fn, db],
          rolledBack: true
        }
      ]
    });
    const pages: number[] = [];
    const all: StackEvent[] = [];
    for await (const page of paginateDescribeStackEvents(
      { client: client() },
      { StackName: 'hist' }
    )) {
      pages.push(page.StackEvents?.length ?? 0);
      all.push(...(page.StackEvents ?? []));
    }
    // 4 + 7 + 5 events, in pages of 4, newest first.
    expect(pages).toEqual([4, 4, 4, 4]);
    const times = all.map((e) => e.Timestamp?.getTime() ?? 0);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const oldestFirst = [...all].reverse();
    const at = (e: StackEvent): number => (e.Timestamp?.getTime() ?? 0) - T0;
    expect(
      oldestFirst
        .filter((e) => e.LogicalResourceId === 'hist')
        .map((e) => [e.ResourceType, e.ResourceStatus, at(e)])
    ).toEqual([
      ['AWS::CloudFormation::Stack', 'CREATE_IN_PROGRESS', -3 * DAY],
      ['AWS::CloudFormation::Stack', 'CREATE_COMPLETE', -3 * DAY + 60_000],
      ['AWS::CloudFormation::Stack', 'UPDATE_IN_PROGRESS', -2 * DAY],
      ['AWS::CloudFormation::Stack', 'UPDATE_ROLLBACK_IN_PROGRESS', -2 * DAY + 216_000],
      ['AWS::CloudFormation::Stack', 'UPDATE_ROLLBACK_COMPLETE', -2 * DAY + 240_000],
      ['AWS::CloudFormation::Stack', 'UPDATE_IN_PROGRESS', -DAY],
      ['AWS::CloudFormation::Stack', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', -DAY + 225_000],
      ['AWS::CloudFormation::Stack', 'UPDATE_COMPLETE', -DAY + 250_000]
    ]);
    // Each resource within its operation, the last one failing in the one that rolled back.
    expect(
      oldestFirst
        .filter((e) => e.LogicalResourceId !== 'hist')
        .map((e) => [e.LogicalResourceId, e.ResourceType, e.ResourceStatus])
    ).toEqual([
      ['Fn', 'AWS::Lambda::Function', 'CREATE_IN_PROGRESS'],
      ['Fn', 'AWS::Lambda::Function', 'CREATE_COMPLETE'],
      ['Fn', 'AWS::Lambda::Function', 'UPDATE_IN_PROGRESS'],
      ['Fn', 'AWS::Lambda::Function', 'UPDATE_COMPLETE'],
      ['Db', 'AWS::RDS::DBInstance', 'UPDATE_IN_PROGRESS'],
      ['Db', 'AWS::RDS::DBInstance', 'UPDATE_FAILED'],
      ['Fn', 'AWS::Lambda::Function', 'UPDATE_IN_PROGRESS'],
      ['Fn', 'AWS::Lambda::Function', 'UPDATE_COMPLETE']
    ]);
    expect(all.find((e) => e.ResourceStatus === 'UPDATE_FAILED')?.ResourceStatusReason).toMatch(
      /Scripted failure/
    );
    const [described] = (await client().send(new DescribeStacksCommand({ StackName: 'hist' })))
      .Stacks!;
    expect(described?.StackStatus).toBe('UPDATE_COMPLETE');
    expect(described?.LastUpdatedTime?.getTime()).toBe(T0 - DAY);
  });

  it("through the product's adapter: at most 5 pages of a long history are read, the operations whole in them found", async () => {
    fakeNow = T0;
    standin.pageSize = 4;
    const updates = [4, 5, 3.5, 4, 4.5, 3].map((minutes, i) => ({
      kind: 'UPDATE' as const,
      startedAt: new Date(T0 - (6 - i) * 3_600_000),
      durationMs: minutes * 60_000,
      resources: [
        { logicalId: 'Fn', type: 'AWS::Lambda::Function' },
        { logicalId: 'Queue', type: 'AWS::SQS::Queue' }
      ]
    }));
    standin.putStack('long', { status: 'UPDATE_COMPLETE', pastEvents: 0, history: updates });
    const events = await new CloudFormationAdapter(client(), 'eu-west-1').pastEvents('long');
    // 6 updates of 7 events each: 5 pages of 4 reach into the third newest, short of its start.
    expect(standin.callsOf('DescribeStackEvents')).toHaveLength(5);
    expect(events).toHaveLength(20);
    const ops = pastOperations('long', events);
    expect(ops.map((op) => durationMs(op) / 60_000)).toEqual([4.5, 3]);
    expect(ops.every((op) => op.succeeded && op.kind === 'UPDATE')).toBe(true);
  });

  it('says "Stack [X] does not exist" for a missing stack', async () => {
    const err = await rejection(events(client(), 'ghost'));
    expect(err.name).toBe('ValidationError');
    expect(err.message).toBe('Stack [ghost] does not exist');
  });
});

describe('operation scripts', () => {
  const script: Step[] = [
    { atMs: 0, stackStatus: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
    { atMs: 100, logicalId: 'Fn', type: 'AWS::Lambda::Function', status: 'UPDATE_IN_PROGRESS' },
    {
      atMs: 1_000,
      logicalId: 'Fn',
      type: 'AWS::Lambda::Function',
      status: 'UPDATE_FAILED',
      reason: 'Boom <bad>'
    },
    {
      atMs: 1_100,
      stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS',
      reason: 'The following resource(s) failed to update: [Fn].'
    },
    { atMs: 5_000, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' }
  ];

  it('materializes steps as the (injected) clock passes their offsets', async () => {
    fakeNow = T0;
    standin.putStack('scripted', { status: 'UPDATE_COMPLETE', pastEvents: 2 });
    standin.runOperation('scripted', script, { token: 'tok-1' });
    const cfn = client();

    expect(await status(cfn, 'scripted')).toBe('UPDATE_IN_PROGRESS');
    expect(
      (await cfn.send(new DescribeStacksCommand({ StackName: 'scripted' }))).Stacks?.[0]
        ?.LastUpdatedTime
    ).toEqual(new Date(T0));
    expect(await events(cfn, 'scripted')).toHaveLength(3);

    fakeNow = T0 + 999;
    let evs = await events(cfn, 'scripted');
    expect(evs).toHaveLength(4);
    expect(evs[0]).toMatchObject({
      LogicalResourceId: 'Fn',
      ResourceStatus: 'UPDATE_IN_PROGRESS',
      Timestamp: new Date(T0 + 100),
      ClientRequestToken: 'tok-1'
    });

    fakeNow = T0 + 1_100;
    expect(await status(cfn, 'scripted')).toBe('UPDATE_ROLLBACK_IN_PROGRESS');
    evs = await events(cfn, 'scripted');
    expect(evs.slice(0, 2).map((e) => [e.LogicalResourceId, e.ResourceStatus])).toEqual([
      ['scripted', 'UPDATE_ROLLBACK_IN_PROGRESS'],
      ['Fn', 'UPDATE_FAILED']
    ]);
    expect(evs[1]?.ResourceStatusReason).toBe('Boom <bad>');
    expect(evs[0]).toMatchObject({
      ResourceType: 'AWS::CloudFormation::Stack',
      ClientRequestToken: 'tok-1'
    });
    // Old, seeded events carry no token.
    expect(evs[evs.length - 1]?.ClientRequestToken).toBeUndefined();

    fakeNow = T0 + 60_000;
    expect(await status(cfn, 'scripted')).toBe('UPDATE_ROLLBACK_COMPLETE');
    const view = standin.stack('scripted');
    expect(view?.operationInProgress).toBe(false);
    expect(view?.events[0]?.timestamp).toEqual(new Date(T0 + 5_000));
    expect(view?.resources).toEqual([
      expect.objectContaining({ logicalId: 'Fn', status: 'UPDATE_FAILED' })
    ]);
  });

  it('applies startStatus at once and holds a later start until startAt', () => {
    fakeNow = T0;
    standin.putStack('later', { status: 'UPDATE_COMPLETE' });
    standin.runOperation('later', [{ atMs: 500, stackStatus: 'UPDATE_COMPLETE' }], {
      startStatus: 'UPDATE_IN_PROGRESS',
      startAt: T0 + 1_000
    });
    expect(standin.stack('later')?.status).toBe('UPDATE_COMPLETE');
    fakeNow = T0 + 1_000;
    expect(standin.stack('later')?.status).toBe('UPDATE_IN_PROGRESS');
    expect(standin.stack('later')?.events[0]?.resourceStatusReason).toBe('User Initiated');
    fakeNow = T0 + 1_500;
    expect(standin.stack('later')?.status).toBe('UPDATE_COMPLETE');
  });

  it("someone else's operation: its tags from its start, its token on its events, the old tags back after its rollback", async () => {
    fakeNow = T0;
    standin.putStack('other', {
      status: 'UPDATE_COMPLETE',
      tags: { DeploymentCorrelationId: 'mine' }
    });
    standin.runOperation('other', script, {
      token: 'Console-UpdateStack-1',
      tags: { DeploymentCorrelationId: 'theirs' },
      startAt: T0 + 100
    });
    const cfn = client();
    const tags = async (): Promise<unknown> =>
      (await cfn.send(new DescribeStacksCommand({ StackName: 'other' }))).Stacks?.[0]?.Tags;
    expect(await tags()).toEqual([{ Key: 'DeploymentCorrelationId', Value: 'mine' }]);
    fakeNow = T0 + 200;
    expect(await tags()).toEqual([{ Key: 'DeploymentCorrelationId', Value: 'theirs' }]);
    expect((await events(cfn, 'other'))[0]).toMatchObject({
      ResourceStatus: 'UPDATE_IN_PROGRESS',
      ClientRequestToken: 'Console-UpdateStack-1'
    });
    fakeNow = T0 + 60_000;
    expect(await status(cfn, 'other')).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(await tags()).toEqual([{ Key: 'DeploymentCorrelationId', Value: 'mine' }]);
    expect(standin.stack('other')?.operations.at(-1)?.tags).toEqual({
      DeploymentCorrelationId: 'theirs'
    });

    // An UpdateStack with tags that rolls back puts the old ones back too.
    standin.scriptNext('other', 'UpdateStack', script);
    await cfn.send(
      new UpdateStackCommand({
        StackName: 'other',
        UsePreviousTemplate: true,
        Tags: [{ Key: 'DeploymentCorrelationId', Value: 'next' }]
      })
    );
    expect(await tags()).toEqual([{ Key: 'DeploymentCorrelationId', Value: 'next' }]);
    fakeNow = T0 + 120_000;
    expect(await tags()).toEqual([{ Key: 'DeploymentCorrelationId', Value: 'mine' }]);
  });

  it('follows real time too (default UpdateStack completes after ~200 ms)', async () => {
    standin.putStack('rt', {
      status: 'CREATE_COMPLETE',
      resources: [{ logicalId: 'Bucket', type: 'AWS::S3::Bucket', status: 'CREATE_COMPLETE' }]
    });
    const cfn = client();
    await cfn.send(new UpdateStackCommand({ StackName: 'rt', UsePreviousTemplate: true }));
    expect(await status(cfn, 'rt')).toBe('UPDATE_IN_PROGRESS');
    await new Promise((r) => setTimeout(r, 250));
    expect(await status(cfn, 'rt')).toBe('UPDATE_COMPLETE');
    const evs = await events(cfn, 'rt');
    expect(evs.slice(0, 5).map((e) => `${e.LogicalResourceId}:${e.ResourceStatus}`)).toEqual([
      'rt:UPDATE_COMPLETE',
      'rt:UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
      'Bucket:UPDATE_COMPLETE',
      'Bucket:UPDATE_IN_PROGRESS',
      'rt:UPDATE_IN_PROGRESS'
    ]);
  });
});

describe('UpdateStack', () => {
  it('records tags and the token, returns the StackId, and is rejected while in progress', async () => {
    fakeNow = T0;
    standin.putStack('upd', { status: 'UPDATE_COMPLETE', tags: { old: '1' } });
    const cfn = client();
    const out = await cfn.send(
      new UpdateStackCommand({
        StackName: 'upd',
        UsePreviousTemplate: true,
        Tags: [
          { Key: 'deploy-coordinator:run', Value: '42' },
          { Key: 'owner', Value: 'ci' }
        ],
        ClientRequestToken: 'run-42'
      })
    );
    const view = standin.stack('upd');
    expect(out.StackId).toBe(view?.stackId);
    expect(view?.tags).toEqual({ 'deploy-coordinator:run': '42', owner: 'ci' });
    expect(view?.status).toBe('UPDATE_IN_PROGRESS');
    expect(view?.operations.at(-1)).toMatchObject({
      action: 'UpdateStack',
      token: 'run-42',
      startedAt: T0
    });
    expect(standin.callsOf('UpdateStack')[0]?.params).toMatchObject({
      StackName: 'upd',
      'Tags.member.1.Key': 'deploy-coordinator:run',
      'Tags.member.1.Value': '42',
      'Tags.member.2.Key': 'owner',
      ClientRequestToken: 'run-42'
    });
    expect((await events(cfn, 'upd'))[0]).toMatchObject({
      ResourceStatus: 'UPDATE_IN_PROGRESS',
      ClientRequestToken: 'run-42'
    });

    const err = await rejection(
      cfn.send(new UpdateStackCommand({ StackName: 'upd', UsePreviousTemplate: true }))
    );
    expect(err.name).toBe('ValidationError');
    expect(err.message).toBe(
      `Stack:${view?.stackId} is in UPDATE_IN_PROGRESS state and can not be updated.`
    );
    expect(standin.callsOf('UpdateStack').map((c) => c.status)).toEqual([200, 400]);

    // A retry carrying the same token is idempotent, like AWS.
    const again = await cfn.send(
      new UpdateStackCommand({
        StackName: 'upd',
        UsePreviousTemplate: true,
        ClientRequestToken: 'run-42'
      })
    );
    expect(again.StackId).toBe(view?.stackId);
    expect(standin.stack('upd')?.operations).toHaveLength(1);
  });

  it('follows a scriptNext script, once', async () => {
    fakeNow = T0;
    standin.putStack('fail', { status: 'UPDATE_COMPLETE' });
    standin.scriptNext('fail', 'UpdateStack', [
      {
        atMs: 100,
        logicalId: 'Db',
        type: 'AWS::RDS::DBInstance',
        status: 'UPDATE_FAILED',
        reason: 'quota'
      },
      { atMs: 200, stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS' },
      { atMs: 300, stackStatus: 'UPDATE_ROLLBACK_FAILED', reason: 'Db could not be rolled back' }
    ]);
    const cfn = client();
    await cfn.send(new UpdateStackCommand({ StackName: 'fail', UsePreviousTemplate: true }));
    expect(await status(cfn, 'fail')).toBe('UPDATE_IN_PROGRESS'); // implied start status
    fakeNow = T0 + 300;
    const out = await cfn.send(new DescribeStacksCommand({ StackName: 'fail' }));
    expect(out.Stacks?.[0]).toMatchObject({
      StackStatus: 'UPDATE_ROLLBACK_FAILED',
      StackStatusReason: 'Db could not be rolled back'
    });
    const err = await rejection(
      cfn.send(new UpdateStackCommand({ StackName: 'fail', UsePreviousTemplate: true }))
    );
    expect(err.message).toMatch(/is in UPDATE_ROLLBACK_FAILED state and can not be updated\.$/);
  });

  it('says "Stack [X] does not exist" for a missing stack', async () => {
    const err = await rejection(
      client().send(new UpdateStackCommand({ StackName: 'missing', UsePreviousTemplate: true }))
    );
    expect(err.name).toBe('ValidationError');
    expect(err.message).toBe('Stack [missing] does not exist');
  });
});

describe('failNext', () => {
  it('surfaces a Throttling error with maxAttempts 1', async () => {
    standin.putStack('t', { status: 'CREATE_COMPLETE' });
    standin.failNext('DescribeStacks', { code: 'Throttling' });
    const err = await rejection(
      client({ maxAttempts: 1 }).send(new DescribeStacksCommand({ StackName: 't' }))
    );
    expect(err.name).toBe('Throttling');
    expect(err.message).toBe('Rate exceeded');
    expect(err.$metadata?.httpStatusCode).toBe(400);
    expect(standin.calls.map((c) => c.status)).toEqual([400]);
  });

  it('is retried transparently by the default retry strategy', async () => {
    standin.putStack('t', { status: 'CREATE_COMPLETE' });
    standin.failNext('DescribeStacks', { code: 'Throttling' });
    // Pin the SDK's backoff jitter to 0 so the retry does not sleep up to a second.
    const random = Math.random;
    Math.random = () => 0;
    try {
      expect(await status(client(), 't')).toBe('CREATE_COMPLETE');
    } finally {
      Math.random = random;
    }
    expect(standin.callsOf('DescribeStacks').map((c) => c.status)).toEqual([400, 200]);
  });

  it('fails any action for "*", counts down, and maps 5xx to server faults', async () => {
    standin.putStack('t', { status: 'CREATE_COMPLETE' });
    standin.failNext('*', { code: 'InternalFailure', message: 'oops' }, 2);
    const cfn = client({ maxAttempts: 1 });
    const e1 = await rejection(cfn.send(new DescribeStackEventsCommand({ StackName: 't' })));
    const e2 = await rejection(cfn.send(new DescribeStacksCommand({ StackName: 't' })));
    expect([e1.name, e1.message, e1.$metadata?.httpStatusCode, e1.$fault]).toEqual([
      'InternalFailure',
      'oops',
      500,
      'server'
    ]);
    expect(e2.name).toBe('InternalFailure');
    expect(await status(cfn, 't')).toBe('CREATE_COMPLETE');
    standin.failNext('UpdateStack', {
      code: 'ValidationError',
      message: 'No updates are to be performed.'
    });
    const e3 = await rejection(
      cfn.send(new UpdateStackCommand({ StackName: 't', UsePreviousTemplate: true }))
    );
    expect([e3.name, e3.message]).toEqual(['ValidationError', 'No updates are to be performed.']);
    expect(standin.stack('t')?.status).toBe('CREATE_COMPLETE');
  });
});

describe('RollbackStack / ContinueUpdateRollback / DeleteStack', () => {
  it('RollbackStack from UPDATE_FAILED rolls back to UPDATE_ROLLBACK_COMPLETE, and is refused from a stable state', async () => {
    fakeNow = T0;
    standin.putStack('rb', {
      status: 'UPDATE_FAILED',
      resources: [{ logicalId: 'Fn', type: 'AWS::Lambda::Function', status: 'UPDATE_FAILED' }],
      disableRollback: true
    });
    const cfn = client();
    const out = await cfn.send(
      new RollbackStackCommand({ StackName: 'rb', ClientRequestToken: 'rb-1' })
    );
    expect(out.StackId).toBe(standin.stack('rb')?.stackId);
    expect(await status(cfn, 'rb')).toBe('UPDATE_ROLLBACK_IN_PROGRESS');
    fakeNow = T0 + 1_000;
    expect(await status(cfn, 'rb')).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(
      (await events(cfn, 'rb')).filter((e) => e.ClientRequestToken === 'rb-1').length
    ).toBeGreaterThanOrEqual(3);
    const err = await rejection(cfn.send(new RollbackStackCommand({ StackName: 'rb' })));
    expect(err.name).toBe('ValidationError');
    expect(err.message).toMatch(
      /is in UPDATE_ROLLBACK_COMPLETE state and can not be rolled back\.$/
    );
  });

  it('RollbackStack from CREATE_FAILED ends in ROLLBACK_COMPLETE', async () => {
    fakeNow = T0;
    standin.putStack('rbc', {
      status: 'CREATE_FAILED',
      resources: [{ logicalId: 'Role', type: 'AWS::IAM::Role', status: 'CREATE_COMPLETE' }]
    });
    const cfn = client();
    await cfn.send(new RollbackStackCommand({ StackName: 'rbc' }));
    expect(await status(cfn, 'rbc')).toBe('ROLLBACK_IN_PROGRESS');
    fakeNow = T0 + 200;
    expect(await status(cfn, 'rbc')).toBe('ROLLBACK_COMPLETE');
    expect(standin.stack('rbc')?.resources).toEqual([]);
  });

  it('ContinueUpdateRollback works only from UPDATE_ROLLBACK_FAILED and records ResourcesToSkip', async () => {
    fakeNow = T0;
    standin.putStack('cur', {
      status: 'UPDATE_ROLLBACK_FAILED',
      resources: [
        { logicalId: 'Db', type: 'AWS::RDS::DBInstance', status: 'UPDATE_FAILED' },
        { logicalId: 'Fn', type: 'AWS::Lambda::Function', status: 'UPDATE_FAILED' },
        { logicalId: 'Topic', type: 'AWS::SNS::Topic', status: 'UPDATE_COMPLETE' }
      ]
    });
    const cfn = client();
    await cfn.send(
      new ContinueUpdateRollbackCommand({
        StackName: 'cur',
        ResourcesToSkip: ['Db'],
        ClientRequestToken: 'cur-1'
      })
    );
    expect(standin.callsOf('ContinueUpdateRollback')[0]?.params).toMatchObject({
      'ResourcesToSkip.member.1': 'Db',
      ClientRequestToken: 'cur-1'
    });
    expect(standin.stack('cur')?.operations.at(-1)).toMatchObject({
      action: 'ContinueUpdateRollback',
      resourcesToSkip: ['Db']
    });
    expect(await status(cfn, 'cur')).toBe('UPDATE_ROLLBACK_IN_PROGRESS');
    fakeNow = T0 + 200;
    expect(await status(cfn, 'cur')).toBe('UPDATE_ROLLBACK_COMPLETE');
    const db = (await events(cfn, 'cur')).find((e) => e.LogicalResourceId === 'Db');
    expect(db).toMatchObject({
      ResourceStatus: 'UPDATE_COMPLETE',
      ResourceStatusReason: 'Resource skipped during UpdateRollback'
    });

    const err = await rejection(cfn.send(new ContinueUpdateRollbackCommand({ StackName: 'cur' })));
    expect(err.name).toBe('ValidationError');
    expect(err.message).toContain('UPDATE_ROLLBACK_COMPLETE state');
  });

  it('DeleteStack goes DELETE_IN_PROGRESS, then the stack is gone by name but still describable by id', async () => {
    fakeNow = T0;
    standin.putStack('del', {
      status: 'UPDATE_ROLLBACK_COMPLETE',
      resources: [{ logicalId: 'Bucket', type: 'AWS::S3::Bucket', status: 'UPDATE_COMPLETE' }]
    });
    const id = standin.stack('del')?.stackId ?? '';
    const cfn = client();
    await cfn.send(new DeleteStackCommand({ StackName: 'del' }));
    expect(await status(cfn, 'del')).toBe('DELETE_IN_PROGRESS');
    fakeNow = T0 + 200;
    const err = await rejection(status(cfn, 'del'));
    expect([err.name, err.message]).toEqual([
      'ValidationError',
      'Stack with id del does not exist'
    ]);
    expect(standin.stack('del')).toBeUndefined();
    const byId = await cfn.send(new DescribeStacksCommand({ StackName: id }));
    expect(byId.Stacks?.[0]).toMatchObject({
      StackStatus: 'DELETE_COMPLETE',
      DeletionTime: new Date(T0 + 200)
    });
    expect((await cfn.send(new DescribeStacksCommand({}))).Stacks).toEqual([]);
    // Deleting again, or deleting something that never existed, succeeds silently (as on AWS).
    await cfn.send(new DeleteStackCommand({ StackName: 'del' }));
    await cfn.send(new DeleteStackCommand({ StackName: 'never' }));
  });

  it('DeleteStack is refused while an update runs or with termination protection', async () => {
    fakeNow = T0;
    standin.putStack('busy', { status: 'UPDATE_IN_PROGRESS' });
    standin.putStack('guarded', { status: 'CREATE_COMPLETE', enableTerminationProtection: true });
    const cfn = client();
    const e1 = await rejection(cfn.send(new DeleteStackCommand({ StackName: 'busy' })));
    expect(e1.message).toBe('Stack [busy] cannot be deleted while in status UPDATE_IN_PROGRESS');
    const e2 = await rejection(cfn.send(new DeleteStackCommand({ StackName: 'guarded' })));
    expect(e2.message).toBe(
      'Stack [guarded] cannot be deleted while TerminationProtection is enabled'
    );
  });

  it('DeleteStack follows a scriptNext script (e.g. DELETE_FAILED)', async () => {
    fakeNow = T0;
    standin.putStack('df', { status: 'CREATE_COMPLETE' });
    standin.scriptNext('df', 'DeleteStack', [
      { atMs: 50, stackStatus: 'DELETE_FAILED', reason: 'bucket not empty' }
    ]);
    const cfn = client();
    await cfn.send(new DeleteStackCommand({ StackName: 'df' }));
    fakeNow = T0 + 50;
    expect(await status(cfn, 'df')).toBe('DELETE_FAILED');
  });
});

describe('CreateStack', () => {
  it('creates a stack and its resources from a JSON template, refuses a duplicate', async () => {
    fakeNow = T0;
    const cfn = client();
    const template = JSON.stringify({
      Resources: { Queue: { Type: 'AWS::SQS::Queue' }, Topic: { Type: 'AWS::SNS::Topic' } }
    });
    const out = await cfn.send(
      new CreateStackCommand({
        StackName: 'new',
        TemplateBody: template,
        Tags: [{ Key: 'k', Value: 'v' }],
        Parameters: [{ ParameterKey: 'P', ParameterValue: '1' }]
      })
    );
    expect(out.StackId).toMatch(/:stack\/new\//);
    expect(await status(cfn, 'new')).toBe('CREATE_IN_PROGRESS');
    fakeNow = T0 + 200;
    const s = (await cfn.send(new DescribeStacksCommand({ StackName: 'new' }))).Stacks?.[0];
    expect(s).toMatchObject({
      StackStatus: 'CREATE_COMPLETE',
      Tags: [{ Key: 'k', Value: 'v' }],
      CreationTime: new Date(T0)
    });
    expect(s?.LastUpdatedTime).toBeUndefined();

    const dup = await rejection(
      cfn.send(new CreateStackCommand({ StackName: 'new', TemplateBody: template }))
    );
    expect([dup.name, dup.message]).toEqual([
      'AlreadyExistsException',
      'Stack [new] already exists'
    ]);

    expect(
      standin.stack('new')?.resources.map((r) => [r.logicalId, r.type, r.status, r.updatedAt])
    ).toEqual([
      ['Queue', 'AWS::SQS::Queue', 'CREATE_COMPLETE', new Date(T0 + 150)],
      ['Topic', 'AWS::SNS::Topic', 'CREATE_COMPLETE', new Date(T0 + 150)]
    ]);
  });
});

describe('wire format, call log, lifecycle', () => {
  it('answers the raw Query protocol with namespaced XML and rejects unknown actions', async () => {
    standin.putStack('raw', { status: 'CREATE_COMPLETE' });
    const post = (body: string) =>
      fetch(`${standin.url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...TEST_CALLER_HEADERS },
        body
      });
    const ok = await post('Action=DescribeStacks&Version=2010-05-15&StackName=raw');
    const okText = await ok.text();
    expect(ok.status).toBe(200);
    expect(okText).toContain(
      '<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member>'
    );
    expect(okText).toMatch(
      /<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/DescribeStacksResponse>$/
    );
    const bad = await post('Action=FrobnicateStack&Version=2010-05-15');
    const badText = await bad.text();
    expect(bad.status).toBe(400);
    expect(badText).toContain(
      '<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>InvalidAction</Code>'
    );
    expect(standin.calls.map((c) => [c.action, c.status])).toEqual([
      ['DescribeStacks', 200],
      ['FrobnicateStack', 400]
    ]);
  });

  it('records every call in order with its params, time and status; reset() forgets everything', async () => {
    fakeNow = T0;
    standin.putStack('log', { status: 'CREATE_COMPLETE' });
    const cfn = client();
    await cfn.send(new DescribeStacksCommand({ StackName: 'log' }));
    fakeNow = T0 + 5;
    await rejection(cfn.send(new DescribeStackEventsCommand({ StackName: 'other' })));
    expect(standin.calls).toEqual([
      {
        action: 'DescribeStacks',
        params: expect.objectContaining({ StackName: 'log', Version: '2010-05-15' }),
        at: T0,
        status: 200
      },
      {
        action: 'DescribeStackEvents',
        params: expect.objectContaining({ StackName: 'other' }),
        at: T0 + 5,
        status: 400
      }
    ]);
    expect(standin.callsOf('DescribeStacks')).toHaveLength(1);
    standin.scriptNext('log', 'UpdateStack', [{ atMs: 0, stackStatus: 'UPDATE_FAILED' }]);
    standin.reset();
    expect(standin.calls).toEqual([]);
    expect(standin.stack('log')).toBeUndefined();
  });

  it('close() leaves the port closed', async () => {
    const own = await CloudFormationStandin.start();
    own.putStack('x', { status: 'CREATE_COMPLETE' });
    const cfn = ownClient({
      endpoint: own.url,
      region: 'us-west-2',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' }
    });
    expect(await status(cfn, 'x')).toBe('CREATE_COMPLETE'); // leaves a keep-alive connection open
    await own.close();
    const port = Number(new URL(own.url).port);
    const refused = await new Promise<string>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve('connected');
      });
      sock.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
    await own.close(); // idempotent
  });
});
