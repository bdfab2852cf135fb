import {
  CloudFormationClient,
  ContinueUpdateRollbackCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeEventsCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  RollbackStackCommand,
  UpdateStackCommand,
  type CloudFormationClientConfig,
  type Stack,
  type StackEvent
} from '@aws-sdk/client-cloudformation';
import { asTestCaller } from '../../test-rig/aws-calls.js';
import {
  CloudFormationStandin,
  nestedSteps,
  treeOperation,
  STACK_RESOURCE_TYPE
} from '../../test-rig/cfn-standin.js';

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const ARN =
  /^arn:aws:cloudformation:us-east-1:123456789012:stack\/App-Data-[0-9A-F]{12}\/[0-9a-f-]{36}$/;

let standin: CloudFormationStandin;
let now = T0;
const clients: CloudFormationClient[] = [];

/** A client of this test's own: its calls are not the product's (see test-rig/aws-calls.ts). */
function client(extra: CloudFormationClientConfig = {}): CloudFormationClient {
  const c = asTestCaller(
    new CloudFormationClient({
      endpoint: standin.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDSTANDIN', secretAccessKey: 'not-a-secret' },
      maxAttempts: 1,
      ...extra
    })
  );
  clients.push(c);
  return c;
}

async function rejection(
  p: Promise<unknown>
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}

async function describe1(cfn: CloudFormationClient, name: string): Promise<Stack> {
  const s = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
  if (!s) throw new Error(`no stack ${name}`);
  return s;
}

/** Oldest first, as "status logicalId" (the stack's own events as "status *"). */
async function timeline(cfn: CloudFormationClient, name: string): Promise<string[]> {
  const evs = (await cfn.send(new DescribeStackEventsCommand({ StackName: name }))).StackEvents;
  return [...(evs ?? [])]
    .reverse()
    .map(
      (e) =>
        `${e.ResourceStatus} ${e.ResourceType === STACK_RESOURCE_TYPE && e.PhysicalResourceId === e.StackId ? '*' : e.LogicalResourceId}`
    );
}

async function eventsOf(cfn: CloudFormationClient, name: string): Promise<StackEvent[]> {
  return (await cfn.send(new DescribeStackEventsCommand({ StackName: name }))).StackEvents ?? [];
}

/** App (Topic, Data) with Data (Table, Db) nested; returns the nested stack's name. */
function putTree(): string {
  standin.putStack('App', {
    status: 'UPDATE_COMPLETE',
    resources: [{ logicalId: 'Topic', type: 'AWS::SNS::Topic', status: 'UPDATE_COMPLETE' }],
    pastEvents: 1
  });
  return standin.putNestedStack('App', 'Data', {
    status: 'UPDATE_COMPLETE',
    resources: [
      { logicalId: 'Table', type: 'AWS::SNS::Topic', status: 'UPDATE_COMPLETE' },
      { logicalId: 'Db', type: 'AWS::RDS::DBInstance', status: 'UPDATE_COMPLETE' }
    ],
    pastEvents: 1
  });
}

const FAILING_UPDATE = treeOperation({
  resources: [
    'Topic',
    {
      logicalId: 'Data',
      nested: ['Table', { logicalId: 'Db', type: 'AWS::RDS::DBInstance', fails: true }]
    }
  ]
});

beforeAll(async () => {
  standin = await CloudFormationStandin.start({ now: () => now, operationIds: true });
});

beforeEach(() => {
  now = T0;
  standin.reset();
  standin.operationIds = true;
  standin.denied.clear();
});

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

afterAll(async () => {
  await standin.close();
});

describe('nested stacks', () => {
  it('are stacks of their own: ParentId and RootId two levels down, found by name and by ARN', async () => {
    const data = putTree();
    const inner = standin.putNestedStack(data, 'Inner', { status: 'UPDATE_COMPLETE' });
    const cfn = client();
    const root = await describe1(cfn, 'App');
    const d = await describe1(cfn, data);
    const i = await describe1(cfn, inner);
    expect(d.StackId).toMatch(ARN);
    expect(root.ParentId).toBeUndefined();
    expect(root.RootId).toBeUndefined();
    expect([d.ParentId, d.RootId]).toEqual([root.StackId, root.StackId]);
    expect([i.ParentId, i.RootId]).toEqual([d.StackId, root.StackId]);
    expect(await describe1(cfn, d.StackId ?? '')).toMatchObject({ StackName: data });
    // The parent's resource is the nested stack, by its ARN.
    expect(standin.stack('App')?.resources.find((r) => r.logicalId === 'Data')).toMatchObject({
      type: STACK_RESOURCE_TYPE,
      physicalId: d.StackId,
      status: 'UPDATE_COMPLETE'
    });
    expect(standin.stack(data)).toMatchObject({ parentId: root.StackId, rootId: root.StackId });
  });

  it("an update of the root drives its nested stacks' own events, two levels down, on one timeline", async () => {
    const data = putTree();
    const inner = standin.putNestedStack(data, 'Inner', {
      status: 'UPDATE_COMPLETE',
      pastEvents: 0
    });
    standin.runOperation(
      'App',
      treeOperation({
        resources: [
          'Topic',
          { logicalId: 'Data', nested: ['Table', { logicalId: 'Inner', nested: ['Queue'] }] }
        ]
      })
    );
    const cfn = client();
    // 0 root, 10/20 Topic, 30 Data, 40 nested stack, 50/60 Table, 70 Inner, 80 its stack, 90/100 Queue
    now = T0 + 95;
    expect((await describe1(cfn, 'App')).StackStatus).toBe('UPDATE_IN_PROGRESS');
    expect((await describe1(cfn, data)).StackStatus).toBe('UPDATE_IN_PROGRESS');
    expect(await timeline(cfn, inner)).toEqual([
      'UPDATE_IN_PROGRESS *',
      'UPDATE_IN_PROGRESS Queue'
    ]);
    now = T0 + 1_000;
    expect(await timeline(cfn, inner)).toEqual([
      'UPDATE_IN_PROGRESS *',
      'UPDATE_IN_PROGRESS Queue',
      'UPDATE_COMPLETE Queue',
      'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS *',
      'UPDATE_COMPLETE *'
    ]);
    expect(await timeline(cfn, data)).toEqual([
      'UPDATE_COMPLETE *', // the seeded past
      'UPDATE_IN_PROGRESS *',
      'UPDATE_IN_PROGRESS Table',
      'UPDATE_COMPLETE Table',
      'UPDATE_IN_PROGRESS Inner',
      'UPDATE_COMPLETE Inner',
      'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS *',
      'UPDATE_COMPLETE *'
    ]);
    expect(await timeline(cfn, 'App')).toEqual([
      'UPDATE_COMPLETE *',
      'UPDATE_IN_PROGRESS *',
      'UPDATE_IN_PROGRESS Topic',
      'UPDATE_COMPLETE Topic',
      'UPDATE_IN_PROGRESS Data',
      'UPDATE_COMPLETE Data',
      'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS *',
      'UPDATE_COMPLETE *'
    ]);
    // The parent's resource completes after its nested stack does.
    const at = async (name: string, logical: string, status: string) =>
      (await eventsOf(cfn, name)).find(
        (e) => e.LogicalResourceId === logical && e.ResourceStatus === status
      )?.Timestamp;
    const dataDone = (await at(data, data, 'UPDATE_COMPLETE')) ?? new Date(0);
    const resourceDone = (await at('App', 'Data', 'UPDATE_COMPLETE')) ?? new Date(0);
    expect(resourceDone.getTime()).toBeGreaterThan(dataDone.getTime());
    const innerRes = (await eventsOf(cfn, data)).find((e) => e.LogicalResourceId === 'Inner');
    expect(innerRes?.PhysicalResourceId).toBe((await describe1(cfn, inner)).StackId);
  });

  it("a nested resource's failure: the nested stack rolls back, the parent's resource fails with the embedded stack's reason, the root rolls back", async () => {
    const data = putTree();
    standin.runOperation('App', FAILING_UPDATE);
    const cfn = client();
    now = T0 + 1_000;
    const dataId = (await describe1(cfn, data)).StackId ?? '';
    expect(await timeline(cfn, data)).toEqual([
      'UPDATE_COMPLETE *',
      'UPDATE_IN_PROGRESS *',
      'UPDATE_IN_PROGRESS Table',
      'UPDATE_COMPLETE Table',
      'UPDATE_IN_PROGRESS Db',
      'UPDATE_FAILED Db',
      'UPDATE_ROLLBACK_IN_PROGRESS *',
      'UPDATE_IN_PROGRESS Db',
      'UPDATE_COMPLETE Db',
      'UPDATE_IN_PROGRESS Table',
      'UPDATE_COMPLETE Table',
      'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS *',
      'UPDATE_ROLLBACK_COMPLETE *'
    ]);
    expect(await timeline(cfn, 'App')).toEqual([
      'UPDATE_COMPLETE *',
      'UPDATE_IN_PROGRESS *',
      'UPDATE_IN_PROGRESS Topic',
      'UPDATE_COMPLETE Topic',
      'UPDATE_IN_PROGRESS Data',
      'UPDATE_FAILED Data',
      'UPDATE_ROLLBACK_IN_PROGRESS *',
      'UPDATE_IN_PROGRESS Data',
      'UPDATE_COMPLETE Data',
      'UPDATE_IN_PROGRESS Topic',
      'UPDATE_COMPLETE Topic',
      'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS *',
      'UPDATE_ROLLBACK_COMPLETE *'
    ]);
    const failed = (await eventsOf(cfn, 'App')).find((e) => e.ResourceStatus === 'UPDATE_FAILED');
    expect(failed?.ResourceStatusReason).toBe(
      `Embedded stack ${dataId} was not successfully updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: The following resource(s) failed to update: [Db].`
    );
    expect(dataId).toMatch(ARN);
    const rollbacks = (await eventsOf(cfn, 'App')).filter(
      (e) => e.ResourceStatus === 'UPDATE_ROLLBACK_IN_PROGRESS'
    );
    expect(rollbacks.map((e) => e.ResourceStatusReason)).toEqual([
      'The following resource(s) failed to update: [Data].'
    ]);
    const db = (await eventsOf(cfn, data)).find((e) => e.ResourceStatus === 'UPDATE_FAILED');
    expect(db?.ResourceStatusReason).toBe('Resource handler returned message: "Scripted failure"');
    expect((await describe1(cfn, 'App')).StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect((await describe1(cfn, data)).StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
  });

  it('a create\'s variant: the nested stack is made by its resource, its failure is "was not successfully created", the rollback deletes it', async () => {
    standin.scriptNext(
      'App',
      'CreateStack',
      treeOperation({
        kind: 'CREATE',
        resources: [
          'Topic',
          { logicalId: 'Data', nested: [{ logicalId: 'Db', fails: 'no capacity' }] }
        ]
      })
    );
    const cfn = client();
    await cfn.send(new CreateStackCommand({ StackName: 'App', TemplateBody: '{}' }));
    now = T0 + 1_000;
    expect((await describe1(cfn, 'App')).StackStatus).toBe('ROLLBACK_COMPLETE');
    const evs = await eventsOf(cfn, 'App');
    const failed = evs.find((e) => e.ResourceStatus === 'CREATE_FAILED');
    const dataId = failed?.PhysicalResourceId ?? '';
    expect(dataId).toMatch(ARN);
    expect(failed?.ResourceStatusReason).toBe(
      `Embedded stack ${dataId} was not successfully created: The following resource(s) failed to create: [Db].`
    );
    const data = await describe1(cfn, dataId);
    expect(data).toMatchObject({
      StackStatus: 'DELETE_COMPLETE',
      ParentId: (await describe1(cfn, 'App')).StackId
    });
    expect(await timeline(cfn, dataId)).toEqual([
      'CREATE_IN_PROGRESS *',
      'CREATE_IN_PROGRESS Db',
      'CREATE_FAILED Db',
      'ROLLBACK_IN_PROGRESS *',
      'DELETE_IN_PROGRESS Db',
      'DELETE_COMPLETE Db',
      'ROLLBACK_COMPLETE *',
      'DELETE_IN_PROGRESS *',
      'DELETE_COMPLETE *'
    ]);
  });

  it("nestedSteps: a nested stack's own script, offsets from its resource's UPDATE_IN_PROGRESS", async () => {
    const data = putTree();
    standin.runOperation(
      'App',
      [
        { atMs: 100, logicalId: 'Data', type: STACK_RESOURCE_TYPE, status: 'UPDATE_IN_PROGRESS' },
        ...nestedSteps('Data', 100, [
          { atMs: 5, stackStatus: 'UPDATE_IN_PROGRESS' },
          { atMs: 50, logicalId: 'Db', type: 'AWS::RDS::DBInstance', status: 'UPDATE_IN_PROGRESS' },
          { atMs: 900, logicalId: 'Db', type: 'AWS::RDS::DBInstance', status: 'UPDATE_COMPLETE' },
          { atMs: 950, stackStatus: 'UPDATE_COMPLETE' }
        ]),
        { atMs: 1_100, logicalId: 'Data', type: STACK_RESOURCE_TYPE, status: 'UPDATE_COMPLETE' },
        { atMs: 1_200, stackStatus: 'UPDATE_COMPLETE' }
      ],
      { startStatus: 'UPDATE_IN_PROGRESS' }
    );
    const cfn = client();
    now = T0 + 149;
    expect(await timeline(cfn, data)).toEqual(['UPDATE_COMPLETE *', 'UPDATE_IN_PROGRESS *']);
    now = T0 + 150;
    expect((await eventsOf(cfn, data))[0]).toMatchObject({
      LogicalResourceId: 'Db',
      ResourceStatus: 'UPDATE_IN_PROGRESS',
      Timestamp: new Date(T0 + 150)
    });
    now = T0 + 1_200;
    expect((await describe1(cfn, data)).StackStatus).toBe('UPDATE_COMPLETE');
    expect((await describe1(cfn, 'App')).StackStatus).toBe('UPDATE_COMPLETE');
  });

  it('DeleteStack of the root deletes its nested stack with it', async () => {
    const data = putTree();
    const cfn = client();
    const dataId = (await describe1(cfn, data)).StackId ?? '';
    await cfn.send(new DeleteStackCommand({ StackName: 'App' }));
    now = T0 + 1_000;
    expect((await describe1(cfn, dataId)).StackStatus).toBe('DELETE_COMPLETE');
    expect(standin.stack(data)).toBeUndefined();
  });
});

describe('direct operations on a nested stack', () => {
  it('UpdateStack, RollbackStack, ContinueUpdateRollback and DeleteStack are refused (ValidationError)', async () => {
    const data = putTree();
    const cfn = client();
    const dataId = (await describe1(cfn, data)).StackId ?? '';
    const calls: Array<() => Promise<unknown>> = [
      () => cfn.send(new UpdateStackCommand({ StackName: data, UsePreviousTemplate: true })),
      () => cfn.send(new RollbackStackCommand({ StackName: dataId })),
      () => cfn.send(new ContinueUpdateRollbackCommand({ StackName: data })),
      () => cfn.send(new DeleteStackCommand({ StackName: data }))
    ];
    for (const call of calls) {
      const err = await rejection(call());
      expect([err.name, err.$metadata?.httpStatusCode]).toEqual(['ValidationError', 400]);
      expect(err.message).toMatch(
        /^Stack \[App-Data-[0-9A-F]{12}\] is a nested stack: \w+ can only be performed on its root stack \[App\]$/
      );
    }
    expect(standin.stack(data)?.operations).toEqual([]);
    // A test may let one through.
    standin.nestedStackRefusals.delete('DeleteStack');
    await cfn.send(new DeleteStackCommand({ StackName: data }));
    expect((await describe1(cfn, dataId)).StackStatus).toBe('DELETE_IN_PROGRESS');
  });
});

describe('operation IDs', () => {
  it("one per operation per stack on every event: the nested stack's own, an automatic rollback's own; LastOperations", async () => {
    const data = putTree();
    standin.runOperation('App', FAILING_UPDATE);
    const cfn = client();
    now = T0 + 1_000;
    const app = await eventsOf(cfn, 'App');
    const nested = await eventsOf(cfn, data);
    const ids = (evs: StackEvent[]) => [...new Set(evs.map((e) => e.OperationId))];
    // App: the seeded past, the update, its rollback (from UPDATE_ROLLBACK_IN_PROGRESS on).
    expect(ids(app)).toHaveLength(3);
    expect(ids(nested)).toHaveLength(3);
    expect(ids(app).some((id) => ids(nested).includes(id))).toBe(false);
    for (const id of ids(app)) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const update = app.find((e) => e.ResourceStatus === 'UPDATE_FAILED')?.OperationId;
    const rollback = app.find(
      (e) => e.ResourceStatus === 'UPDATE_ROLLBACK_IN_PROGRESS'
    )?.OperationId;
    expect(app.filter((e) => e.OperationId === update).map((e) => e.ResourceStatus)).toEqual([
      'UPDATE_FAILED',
      'UPDATE_IN_PROGRESS',
      'UPDATE_COMPLETE',
      'UPDATE_IN_PROGRESS',
      'UPDATE_IN_PROGRESS'
    ]);
    expect((await describe1(cfn, 'App')).LastOperations).toEqual([
      { OperationType: 'ROLLBACK', OperationId: rollback },
      { OperationType: 'UPDATE_STACK', OperationId: update }
    ]);
    const nestedUpdate = nested.find((e) => e.ResourceStatus === 'UPDATE_FAILED')?.OperationId;
    expect((await describe1(cfn, data)).LastOperations).toEqual([
      { OperationType: 'ROLLBACK', OperationId: expect.any(String) },
      { OperationType: 'UPDATE_STACK', OperationId: nestedUpdate }
    ]);
    expect(standin.stack('App')?.operations[0]).toMatchObject({
      operationId: update,
      operationType: 'UPDATE_STACK'
    });
  });

  it('an API call gets its type (UpdateStack: UPDATE_STACK, one ID); a seeded stack has one', async () => {
    standin.putStack('flat', { status: 'UPDATE_ROLLBACK_COMPLETE' });
    const cfn = client();
    expect((await describe1(cfn, 'flat')).LastOperations?.map((o) => o.OperationType)).toEqual([
      'ROLLBACK',
      'UPDATE_STACK'
    ]);
    await cfn.send(new UpdateStackCommand({ StackName: 'flat', UsePreviousTemplate: true }));
    now = T0 + 1_000;
    const s = await describe1(cfn, 'flat');
    expect(s.LastOperations).toEqual([
      {
        OperationType: 'UPDATE_STACK',
        OperationId: standin.stack('flat')?.operations[0]?.operationId
      }
    ]);
    const ofUpdate = (await eventsOf(cfn, 'flat')).filter(
      (e) => e.OperationId === s.LastOperations?.[0]?.OperationId
    );
    expect(ofUpdate.length).toBeGreaterThanOrEqual(4);
  });

  it('switched off (as an older endpoint): no OperationId, no LastOperations, DescribeEvents unknown', async () => {
    const own = await CloudFormationStandin.start({ now: () => now, operationIds: false });
    try {
      own.putStack('old', { status: 'UPDATE_COMPLETE' });
      const cfn = client({ endpoint: own.url });
      expect((await describe1(cfn, 'old')).LastOperations).toBeUndefined();
      const evs = await eventsOf(cfn, 'old');
      expect(evs.length).toBeGreaterThan(0);
      expect(evs.every((e) => e.OperationId === undefined)).toBe(true);
      const err = await rejection(cfn.send(new DescribeEventsCommand({ StackName: 'old' })));
      expect([err.name, err.message, err.$metadata?.httpStatusCode]).toEqual([
        'InvalidAction',
        'Could not find operation DescribeEvents for version 2010-05-15',
        400
      ]);
      // The view still knows them; switching on serves them.
      expect(own.stack('old')?.events[0]?.operationId).toMatch(/^[0-9a-f-]{36}$/);
      own.operationIds = true;
      expect((await eventsOf(cfn, 'old'))[0]?.OperationId).toBe(
        own.stack('old')?.events[0]?.operationId
      );
    } finally {
      await own.close();
    }
  });
});

describe('DescribeEvents', () => {
  it("FailedEvents: an operation's failed events, by OperationId or StackName, with the operation's type and status", async () => {
    const data = putTree();
    standin.runOperation('App', FAILING_UPDATE);
    const cfn = client();
    now = T0 + 1_000;
    const lastOps = (await describe1(cfn, 'App')).LastOperations ?? [];
    const update = lastOps[1]?.OperationId ?? '';
    const out = await cfn.send(
      new DescribeEventsCommand({ OperationId: update, Filters: { FailedEvents: true } })
    );
    expect(standin.callsOf('DescribeEvents')[0]?.params).toMatchObject({
      OperationId: update,
      'Filters.FailedEvents': 'true'
    });
    expect(out.OperationEvents).toEqual([
      expect.objectContaining({
        StackId: standin.stack('App')?.stackId,
        OperationId: update,
        OperationType: 'UPDATE_STACK',
        OperationStatus: 'FAILED',
        EventType: 'PROVISIONING_ERROR',
        LogicalResourceId: 'Data',
        ResourceType: STACK_RESOURCE_TYPE,
        ResourceStatus: 'UPDATE_FAILED',
        ResourceStatusReason: expect.stringMatching(/^Embedded stack arn:.* \[Db\]\.$/),
        Timestamp: expect.any(Date),
        EventId: expect.any(String)
      })
    ]);
    // The nested stack's root cause, by its name.
    const nested = await cfn.send(
      new DescribeEventsCommand({ StackName: data, Filters: { FailedEvents: true } })
    );
    expect(
      nested.OperationEvents?.map((e) => [e.LogicalResourceId, e.ResourceStatusReason])
    ).toEqual([['Db', 'Resource handler returned message: "Scripted failure"']]);
    // All of one operation, newest first; the rollback SUCCEEDED.
    const rollback = await cfn.send(
      new DescribeEventsCommand({ StackName: 'App', OperationId: lastOps[0]?.OperationId })
    );
    expect(rollback.OperationEvents?.[0]).toMatchObject({
      OperationType: 'ROLLBACK',
      OperationStatus: 'SUCCEEDED',
      EventType: 'STACK_EVENT',
      ResourceStatus: 'UPDATE_ROLLBACK_COMPLETE'
    });
    expect(rollback.OperationEvents?.at(-1)?.ResourceStatus).toBe('UPDATE_ROLLBACK_IN_PROGRESS');
  });

  it('paginates, wants a stack or an operation, and can be denied', async () => {
    standin.putStack('many', { status: 'UPDATE_COMPLETE', pastEvents: 7 });
    standin.pageSize = 3;
    const cfn = client();
    const p1 = await cfn.send(new DescribeEventsCommand({ StackName: 'many' }));
    expect(p1.OperationEvents).toHaveLength(3);
    const p2 = await cfn.send(
      new DescribeEventsCommand({ StackName: 'many', NextToken: p1.NextToken })
    );
    const p3 = await cfn.send(
      new DescribeEventsCommand({ StackName: 'many', NextToken: p2.NextToken })
    );
    expect([p2.OperationEvents?.length, p3.OperationEvents?.length, p3.NextToken]).toEqual([
      3,
      1,
      undefined
    ]);
    standin.pageSize = 100;
    const none = await rejection(cfn.send(new DescribeEventsCommand({})));
    expect([none.name, none.message]).toEqual([
      'ValidationError',
      'One of ChangeSetName, OperationId or StackName must be specified'
    ]);
    expect(
      (await cfn.send(new DescribeEventsCommand({ OperationId: 'unknown' }))).OperationEvents
    ).toEqual([]);
    standin.denied.add('DescribeEvents');
    const denied = await rejection(cfn.send(new DescribeEventsCommand({ StackName: 'many' })));
    expect([denied.name, denied.$metadata?.httpStatusCode]).toEqual(['AccessDenied', 403]);
    expect(denied.message).toMatch(
      /is not authorized to perform: cloudformation:DescribeEvents on resource: arn:aws:cloudformation:/
    );
  });
});

describe('ContinueUpdateRollback of a root whose nested stack failed to roll back', () => {
  async function stuck(cfn: CloudFormationClient): Promise<string> {
    const data = putTree();
    standin.runOperation(
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
                fails: true,
                rollbackFails: 'db was deleted'
              }
            ]
          }
        ]
      })
    );
    now = T0 + 1_000;
    expect((await describe1(cfn, 'App')).StackStatus).toBe('UPDATE_ROLLBACK_FAILED');
    expect((await describe1(cfn, data)).StackStatus).toBe('UPDATE_ROLLBACK_FAILED');
    return data;
  }

  it('leaves the root and the nested stack in UPDATE_ROLLBACK_FAILED with AWS reasons', async () => {
    const cfn = client();
    const data = await stuck(cfn);
    const dataId = (await describe1(cfn, data)).StackId;
    const root = await describe1(cfn, 'App');
    expect(root.StackStatusReason).toBe('The following resource(s) failed to update: [Data].');
    const last = (await eventsOf(cfn, 'App')).find((e) => e.ResourceStatus === 'UPDATE_FAILED');
    expect(last?.ResourceStatusReason).toBe(
      `Embedded stack ${dataId} was not successfully updated. Currently in UPDATE_ROLLBACK_FAILED with reason: The following resource(s) failed to update: [Db].`
    );
    expect(standin.stack(data)?.resources.find((r) => r.logicalId === 'Db')).toMatchObject({
      status: 'UPDATE_FAILED',
      reason: 'db was deleted'
    });
  });

  it('refuses the plain Db and the nested stack resource Data; accepts Data.Db and completes the rollback', async () => {
    const cfn = client();
    const data = await stuck(cfn);
    const plain = await rejection(
      cfn.send(new ContinueUpdateRollbackCommand({ StackName: 'App', ResourcesToSkip: ['Db'] }))
    );
    expect([plain.name, plain.message]).toEqual([
      'ValidationError',
      'Resource Db does not exist in stack App'
    ]);
    const whole = await rejection(
      cfn.send(new ContinueUpdateRollbackCommand({ StackName: 'App', ResourcesToSkip: ['Data'] }))
    );
    expect(whole.name).toBe('ValidationError');
    expect(whole.message).toMatch(
      /^Nested stack resource Data cannot be skipped: its stack arn:\S+ is in UPDATE_ROLLBACK_FAILED state/
    );
    const notFailed = await rejection(
      cfn.send(
        new ContinueUpdateRollbackCommand({ StackName: 'App', ResourcesToSkip: ['Data.Table'] })
      )
    );
    expect(notFailed.message).toBe(
      'Resource Data.Table is in UPDATE_COMPLETE state and cannot be skipped: only resources in UPDATE_FAILED state can be skipped'
    );
    const missing = await rejection(
      cfn.send(
        new ContinueUpdateRollbackCommand({ StackName: 'App', ResourcesToSkip: ['Nope.Db'] })
      )
    );
    expect(missing.message).toBe('Resource Nope.Db does not exist in stack App');
    expect(standin.callsOf('ContinueUpdateRollback').map((c) => c.status)).toEqual([
      400, 400, 400, 400
    ]);

    await cfn.send(
      new ContinueUpdateRollbackCommand({
        StackName: 'App',
        ResourcesToSkip: ['Data.Db'],
        ClientRequestToken: 'cur-1'
      })
    );
    expect((await describe1(cfn, 'App')).StackStatus).toBe('UPDATE_ROLLBACK_IN_PROGRESS');
    now += 1_000;
    expect((await describe1(cfn, 'App')).StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    const nested = await describe1(cfn, data);
    expect(nested.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(nested.LastOperations?.[0]?.OperationType).toBe('CONTINUE_ROLLBACK');
    const evs = await eventsOf(cfn, data);
    expect(evs.find((e) => e.LogicalResourceId === 'Db')).toMatchObject({
      ResourceStatus: 'UPDATE_COMPLETE',
      ResourceStatusReason: 'Resource skipped during UpdateRollback',
      ClientRequestToken: 'cur-1'
    });
    expect((await timeline(cfn, 'App')).slice(-5)).toEqual([
      'UPDATE_ROLLBACK_IN_PROGRESS *',
      'UPDATE_IN_PROGRESS Data',
      'UPDATE_COMPLETE Data',
      'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS *',
      'UPDATE_ROLLBACK_COMPLETE *'
    ]);
    expect(standin.stack('App')?.operations.at(-1)).toMatchObject({
      action: 'ContinueUpdateRollback',
      resourcesToSkip: ['Data.Db'],
      operationType: 'CONTINUE_ROLLBACK'
    });
  });
});
