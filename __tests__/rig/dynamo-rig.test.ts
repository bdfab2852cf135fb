import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  InternalServerError,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  ThrottlingException,
  UpdateItemCommand,
  type ConditionalCheckFailedException
} from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { asTestCaller, TEST_CALLER_HEADERS } from '../../test-rig/aws-calls.js';
import { DEFAULT_REGISTRY_TABLE, DynamoRig } from '../../test-rig/dynamo-rig.js';

let rig: DynamoRig;

beforeAll(async () => {
  rig = await DynamoRig.start();
});

afterAll(async () => {
  await rig.close();
});

async function rejection(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}

/** The lock acquisition the registry does: take the lock if free, bump the fencing token. */
function acquire(pk: string, who: string, returnOld: boolean): UpdateItemCommand {
  return new UpdateItemCommand({
    TableName: rig.table,
    Key: { pk: { S: pk }, sk: { S: 'LOCK' } },
    UpdateExpression: 'SET #fence = if_not_exists(#fence, :zero) + :one, #holder = :who',
    ConditionExpression: 'attribute_not_exists(#holder)',
    ExpressionAttributeNames: { '#fence': 'fence', '#holder': 'holder' },
    ExpressionAttributeValues: { ':zero': { N: '0' }, ':one': { N: '1' }, ':who': { S: who } },
    ReturnValues: 'ALL_NEW',
    ...(returnOld ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {})
  });
}

describe('DynamoRig', () => {
  it('creates the registry table: pk/sk strings, on demand, ACTIVE', async () => {
    expect(rig.table).toBe(DEFAULT_REGISTRY_TABLE);
    expect(rig.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const d = await asTestCaller(rig.client()).send(
      new DescribeTableCommand({ TableName: rig.table })
    );
    expect(d.Table?.TableStatus).toBe('ACTIVE');
    expect(d.Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' }
    ]);
    expect(d.Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    // dynalite has no UpdateTimeToLive: TTL stays disabled.
    expect(rig.ttlEnabled).toBe(false);
    const ttl = await asTestCaller(rig.client()).send(
      new DescribeTimeToLiveCommand({ TableName: rig.table })
    );
    expect(ttl.TimeToLiveDescription?.TimeToLiveStatus).toBe('DISABLED');
  });

  it('does conditional updates with if_not_exists, list_append and REMOVE', async () => {
    const c = asTestCaller(rig.client());
    const first = await c.send(acquire('ENV#conditional', 'run-1', false));
    expect(first.Attributes?.['fence']).toEqual({ N: '1' });

    const e = await rejection(c.send(acquire('ENV#conditional', 'run-2', true)));
    expect(e.name).toBe('ConditionalCheckFailedException');
    expect(e.$metadata).toMatchObject({ httpStatusCode: 400 });
    // dynalite ignores ReturnValuesOnConditionCheckFailure: no Item on the error (AWS would give one).
    expect((e as unknown as ConditionalCheckFailedException).Item).toBeUndefined();

    // Release: REMOVE the holder, append to the history list.
    const doc = rig.doc();
    const released = await doc.send(
      new UpdateCommand({
        TableName: rig.table,
        Key: { pk: 'ENV#conditional', sk: 'LOCK' },
        UpdateExpression:
          'SET #log = list_append(if_not_exists(#log, :empty), :entry) REMOVE #holder',
        ConditionExpression: '#holder = :who AND #fence = :fence',
        ExpressionAttributeNames: { '#log': 'log', '#holder': 'holder', '#fence': 'fence' },
        ExpressionAttributeValues: {
          ':empty': [],
          ':entry': [{ state: 'released', by: 'run-1' }],
          ':who': 'run-1',
          ':fence': 1
        },
        ReturnValues: 'ALL_NEW'
      })
    );
    expect(released.Attributes).toEqual({
      pk: 'ENV#conditional',
      sk: 'LOCK',
      fence: 1,
      log: [{ state: 'released', by: 'run-1' }]
    });

    // Free again: the next acquisition bumps the fence from the stored value.
    const second = await c.send(acquire('ENV#conditional', 'run-2', false));
    expect(second.Attributes?.['fence']).toEqual({ N: '2' });
    expect(second.Attributes?.['holder']).toEqual({ S: 'run-2' });
  });

  it('answers strongly consistent queries with begins_with on sk', async () => {
    const doc = rig.doc();
    for (const sk of ['Q#0002', 'Q#0001', 'LOCK', 'Q#0003', 'R#x']) {
      await doc.send(new PutCommand({ TableName: rig.table, Item: { pk: 'ENV#query', sk } }));
    }
    await doc.send(
      new PutCommand({ TableName: rig.table, Item: { pk: 'ENV#other', sk: 'Q#0001' } })
    );
    const q = await doc.send(
      new QueryCommand({
        TableName: rig.table,
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :q)',
        ExpressionAttributeValues: { ':pk': 'ENV#query', ':q': 'Q#' }
      })
    );
    expect(q.Items?.map((i) => String(i['sk']))).toEqual(['Q#0001', 'Q#0002', 'Q#0003']);

    const paged = await doc.send(
      new QueryCommand({
        TableName: rig.table,
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :q)',
        ExpressionAttributeValues: { ':pk': 'ENV#query', ':q': 'Q#' },
        Limit: 2
      })
    );
    expect(paged.Items).toHaveLength(2);
    expect(paged.LastEvaluatedKey).toEqual({ pk: 'ENV#query', sk: 'Q#0002' });

    const all = await rig.items();
    expect(all.filter((i) => i['pk'] === 'ENV#query').map((i) => i['sk'])).toEqual([
      'LOCK',
      'Q#0001',
      'Q#0002',
      'Q#0003',
      'R#x'
    ]);
  });

  it('stop() refuses connections fast; restart() brings the same data back on the same port', async () => {
    const doc = rig.doc({ maxAttempts: 1 });
    const key = { pk: 'ENV#restart', sk: 'LOCK' };
    await doc.send(new PutCommand({ TableName: rig.table, Item: { ...key, fence: 7 } }));
    const url = rig.url;

    await rig.stop();
    try {
      const t0 = Date.now();
      const e = await rejection(doc.send(new GetCommand({ TableName: rig.table, Key: key })));
      expect(Date.now() - t0).toBeLessThan(1000);
      // The SDK wraps the socket error: "AWS SDK error wrapper for Error: connect ECONNREFUSED ...".
      expect(`${String(e['code'])} ${e.message}`).toMatch(/ECONNREFUSED/);
      // A fresh connection is refused too.
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      await rig.restart();
    }

    expect(rig.url).toBe(url);
    const got = await doc.send(
      new GetCommand({ TableName: rig.table, Key: key, ConsistentRead: true })
    );
    expect(got.Item).toEqual({ ...key, fence: 7 });
  });

  it('counts the requests it serves, by operation, leaving out its own', async () => {
    rig.resetCounts();
    expect(rig.requestCount).toBe(0);
    const c = asTestCaller(rig.client());
    await c.send(
      new PutItemCommand({
        TableName: rig.table,
        Item: { pk: { S: 'ENV#count' }, sk: { S: 'A' } }
      })
    );
    await c.send(
      new GetItemCommand({
        TableName: rig.table,
        Key: { pk: { S: 'ENV#count' }, sk: { S: 'A' } },
        ConsistentRead: true
      })
    );
    await rejection(
      c.send(
        new PutItemCommand({
          TableName: rig.table,
          Item: { pk: { S: 'ENV#count' }, sk: { S: 'A' } },
          ConditionExpression: 'attribute_not_exists(pk)'
        })
      )
    );
    await rig.items(); // the rig's own Scan is not counted
    expect(rig.requestCount).toBe(3);
    expect(rig.opCounts()).toEqual({ PutItem: 2, GetItem: 1 });
    expect(rig.requests.map((r) => [r.op, r.status])).toEqual([
      ['PutItem', 200],
      ['GetItem', 200],
      ['PutItem', 400]
    ]);
    expect(rig.requests.every((r) => typeof r.at === 'number')).toBe(true);
  });
});

describe('DynamoRig scripted faults', () => {
  const key = { pk: { S: 'ENV#faults' }, sk: { S: 'LOCK' } };
  const get = (): GetItemCommand =>
    new GetItemCommand({ TableName: rig.table, Key: key, ConsistentRead: true });
  const bump = (): UpdateItemCommand =>
    new UpdateItemCommand({
      TableName: rig.table,
      Key: key,
      UpdateExpression: 'ADD #n :one',
      ExpressionAttributeNames: { '#n': 'n' },
      ExpressionAttributeValues: { ':one': { N: '1' } },
      ReturnValues: 'ALL_NEW'
    });

  beforeEach(() => {
    rig.clearFaults();
    rig.resetCounts();
  });

  afterEach(() => {
    rig.clearFaults();
  });

  it('answers a throttle the way DynamoDB does (HTTP 400, JSON 1.0 __type, message)', async () => {
    rig.throttle(1);
    const res = await fetch(rig.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.GetItem',
        ...TEST_CALLER_HEADERS
      },
      body: JSON.stringify({ TableName: rig.table, Key: key })
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[A-Z0-9]{52}$/);
    expect(await res.json()).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
      message:
        'The level of configured provisioned throughput for the table was exceeded. ' +
        'Consider increasing your provisioning level with the UpdateTable API.'
    });
    expect(rig.requests).toEqual([
      {
        op: 'GetItem',
        at: expect.any(Number),
        status: 400,
        faulted: 'ProvisionedThroughputExceededException'
      }
    ]);
    expect(rig.faultsPending()).toBe(0);
  });

  it('the SDK names a throttle by its code, status 400, when it does not retry', async () => {
    const c = asTestCaller(rig.client({ maxAttempts: 1 }));
    rig.throttle(1);
    const e = await rejection(c.send(get()));
    expect(e).toBeInstanceOf(ProvisionedThroughputExceededException);
    expect(e.name).toBe('ProvisionedThroughputExceededException');
    expect(e.message).toMatch(/^The level of configured provisioned throughput/);
    expect(e.$fault).toBe('client');
    expect(e.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1 });

    rig.throttle(1, { code: 'ThrottlingException' });
    const t = await rejection(c.send(get()));
    expect(t).toBeInstanceOf(ThrottlingException);
    expect(t.name).toBe('ThrottlingException');
    expect(t.message).toBe('Rate of requests exceeds the allowed throughput.');
    expect(t.$metadata).toMatchObject({ httpStatusCode: 400 });

    rig.throttle(1, { code: 'RequestLimitExceeded' });
    expect((await rejection(c.send(get()))).name).toBe('RequestLimitExceeded');

    expect(rig.requests.map((r) => [r.op, r.status, r.faulted])).toEqual([
      ['GetItem', 400, 'ProvisionedThroughputExceededException'],
      ['GetItem', 400, 'ThrottlingException'],
      ['GetItem', 400, 'RequestLimitExceeded']
    ]);
  });

  it('refuses a condition as DynamoDB does (the SDK names it, does not retry it) without touching the item', async () => {
    const c = asTestCaller(rig.client({ maxAttempts: 3 }));
    const before = (await c.send(get())).Item;
    rig.refuseConditions(2, { ops: ['UpdateItem'] });
    // A read is not an UpdateItem: served.
    await c.send(get());
    for (let i = 0; i < 2; i++) {
      const e = await rejection(c.send(bump()));
      expect(e.name).toBe('ConditionalCheckFailedException');
      expect(e.message).toBe('The conditional request failed');
      expect(e.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1 });
    }
    expect((await c.send(get())).Item).toEqual(before);
    expect(rig.faultsPending()).toBe(0);
    expect(rig.requests.map((r) => [r.op, r.status, r.faulted])).toEqual([
      ['GetItem', 200, undefined],
      ['GetItem', 200, undefined],
      ['UpdateItem', 400, 'ConditionalCheckFailedException'],
      ['UpdateItem', 400, 'ConditionalCheckFailedException'],
      ['GetItem', 200, undefined]
    ]);
  });

  it('the SDK retries throttles: 2 throttled then served with 3 attempts; 3 exhaust them', async () => {
    const c = asTestCaller(rig.client({ maxAttempts: 3 }));
    rig.throttle(2);
    const out = await c.send(bump());
    expect(out.Attributes?.['n']).toBeDefined();
    expect(out.$metadata.attempts).toBe(3);
    expect(rig.faultsPending()).toBe(0);
    expect(rig.requests.map((r) => [r.op, r.status, r.faulted])).toEqual([
      ['UpdateItem', 400, 'ProvisionedThroughputExceededException'],
      ['UpdateItem', 400, 'ProvisionedThroughputExceededException'],
      ['UpdateItem', 200, undefined]
    ]);

    rig.resetCounts();
    rig.throttle(3, { code: 'ThrottlingException' });
    const e = await rejection(c.send(bump()));
    expect(e.name).toBe('ThrottlingException');
    expect(e.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 3 });
    expect(rig.requests.filter((r) => r.faulted === 'ThrottlingException')).toHaveLength(3);
    expect(rig.requestCount).toBe(3);
  });

  it('without maxAttempts the SDK makes up to 4 attempts at DynamoDB', async () => {
    // Not the generic 3: @aws-sdk/client-dynamodb defaults to 4 (retries 2026 config).
    expect(await rig.client().config.maxAttempts()).toBe(4);
  });

  it('faults only the operations in ops', async () => {
    const c = asTestCaller(rig.client({ maxAttempts: 1 }));
    rig.throttle(2, { ops: ['UpdateItem'] });
    await c.send(get()); // passes
    expect((await rejection(c.send(bump()))).name).toBe('ProvisionedThroughputExceededException');
    await c.send(get());
    expect(rig.faultsPending()).toBe(1);
    expect((await rejection(c.send(bump()))).name).toBe('ProvisionedThroughputExceededException');
    expect(rig.faultsPending()).toBe(0);
    await c.send(bump());
    expect(rig.requests.map((r) => [r.op, r.status, r.faulted])).toEqual([
      ['GetItem', 200, undefined],
      ['UpdateItem', 400, 'ProvisionedThroughputExceededException'],
      ['GetItem', 200, undefined],
      ['UpdateItem', 400, 'ProvisionedThroughputExceededException'],
      ['UpdateItem', 200, undefined]
    ]);
  });

  it('takes, per request, the first pending script that matches its operation', async () => {
    const c = asTestCaller(rig.client({ maxAttempts: 1 }));
    rig.throttle(1, { ops: ['Query'] });
    rig.failRequests(1, { ops: ['GetItem', 'UpdateItem'] });
    rig.throttle(1, { code: 'ThrottlingException' });
    expect(rig.faultsPending()).toBe(3);
    expect((await rejection(c.send(bump()))).name).toBe('InternalServerError');
    expect((await rejection(c.send(get()))).name).toBe('ThrottlingException');
    await c.send(get());
    expect(rig.faultsPending()).toBe(1); // the Query throttle
    rig.clearFaults();
    expect(rig.faultsPending()).toBe(0);
    expect(rig.requests.map((r) => r.faulted)).toEqual([
      'InternalServerError',
      'ThrottlingException',
      undefined
    ]);
  });

  it('answers 5xx as InternalServerError (or ServiceUnavailable), which the SDK retries', async () => {
    const once = asTestCaller(rig.client({ maxAttempts: 1 }));
    rig.failRequests(1);
    const e = await rejection(once.send(get()));
    expect(e).toBeInstanceOf(InternalServerError);
    expect(e.name).toBe('InternalServerError');
    expect(e.$fault).toBe('server');
    expect(e.$metadata).toMatchObject({ httpStatusCode: 500, attempts: 1 });

    rig.failRequests(1, { status: 503 });
    const u = await rejection(once.send(get()));
    expect(u.name).toBe('ServiceUnavailable');
    expect(u.$metadata).toMatchObject({ httpStatusCode: 503 });

    rig.resetCounts();
    rig.failRequests(2, { ops: ['UpdateItem'] });
    const out = await asTestCaller(rig.client({ maxAttempts: 3 })).send(bump());
    expect(out.$metadata.attempts).toBe(3);
    expect(rig.requests.map((r) => [r.status, r.faulted])).toEqual([
      [500, 'InternalServerError'],
      [500, 'InternalServerError'],
      [200, undefined]
    ]);

    expect(() => rig.failRequests(1, { status: 400 })).toThrow(/5xx/);
    expect(() => rig.throttle(-1)).toThrow(/non-negative/);
    expect(() => rig.throttle(1, { ops: [] })).toThrow(/empty ops/);
  });

  it("never faults the rig's own requests", async () => {
    rig.throttle(5);
    rig.failRequests(5);
    expect(Array.isArray(await rig.items())).toBe(true);
    expect(rig.faultsPending()).toBe(10);
    expect(rig.requests).toEqual([]);
  });

  it('keeps the scripted faults across stop() and restart()', async () => {
    const c = asTestCaller(rig.client({ maxAttempts: 1 }));
    rig.throttle(1);
    await rig.stop();
    try {
      const e = await rejection(c.send(get()));
      expect(`${String(e['code'])} ${e.message}`).toMatch(/ECONNREFUSED/);
    } finally {
      await rig.restart();
    }
    expect(rig.faultsPending()).toBe(1);
    expect((await rejection(c.send(get()))).name).toBe('ProvisionedThroughputExceededException');
    await c.send(get());
    expect(rig.requests.map((r) => [r.status, r.faulted])).toEqual([
      [400, 'ProvisionedThroughputExceededException'],
      [200, undefined]
    ]);
  });
});

describe('DynamoRig lifecycle', () => {
  it('deleteTable gives ResourceNotFoundException; close refuses connections', async () => {
    const own = await DynamoRig.start({ table: 'registry-delete-test' });
    try {
      expect(own.table).toBe('registry-delete-test');
      const c = asTestCaller(own.client({ maxAttempts: 1 }));
      await c.send(
        new PutItemCommand({ TableName: own.table, Item: { pk: { S: 'p' }, sk: { S: 's' } } })
      );
      await own.deleteTable();
      const e = await rejection(
        c.send(
          new GetItemCommand({ TableName: own.table, Key: { pk: { S: 'p' }, sk: { S: 's' } } })
        )
      );
      expect(e.name).toBe('ResourceNotFoundException');

      await own.createTable();
      expect(await own.items()).toEqual([]);
    } finally {
      await own.close();
    }
    await expect(fetch(own.url)).rejects.toThrow();
  });

  it('close() after stop() leaves nothing open', async () => {
    const own = await DynamoRig.start();
    own.client();
    await own.stop();
    await own.close();
    await expect(own.restart()).rejects.toThrow(/closed/);
  });
});
