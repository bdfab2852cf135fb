import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  InvalidParameterException,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  ServiceUnavailableException,
  ThrottlingException,
  type CloudWatchLogsClientConfig,
  type InputLogEvent
} from '@aws-sdk/client-cloudwatch-logs';
import {
  AWS_CALLS_DIR_ENV,
  CALLS_FILE_PREFIX,
  TEST_CALLER_HEADERS,
  asTestCaller
} from '../../test-rig/aws-calls.js';
import {
  LOGS_ENDPOINT_ENV,
  LOGS_TARGET_PREFIX,
  LogsStandin,
  PUT_LOG_EVENTS_LIMITS
} from '../../test-rig/logs-standin.js';

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GROUP = '/deployment-coordinator/deployments';
const STREAM = 'prod/corr-1';

const sdk = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDLOGSSTANDIN', secretAccessKey: 'not-a-secret' }
};

let logs: LogsStandin;
/** The stand-in's clock: T0 unless a test moves it. */
let now = T0;
const clients: CloudWatchLogsClient[] = [];

/** A client of this test's own: its calls are not the product's (see test-rig/aws-calls.ts). */
function client(extra: CloudWatchLogsClientConfig = {}): CloudWatchLogsClient {
  const c = asTestCaller(
    new CloudWatchLogsClient({ ...sdk, endpoint: logs.url, maxAttempts: 1, ...extra })
  );
  clients.push(c);
  return c;
}

async function rejection(p: Promise<unknown>): Promise<
  Error & {
    $fault?: string;
    $metadata?: { httpStatusCode?: number; attempts?: number };
  }
> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}

function put(logEvents: InputLogEvent[], stream = STREAM) {
  return client().send(
    new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, logEvents })
  );
}

/** `n` events one second apart from `from`, with messages `<prefix>-<i>`. */
function series(n: number, from = T0 - HOUR, prefix = 'e'): InputLogEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    timestamp: from + i * 1000,
    message: `${prefix}-${i}`
  }));
}

beforeAll(async () => {
  logs = await LogsStandin.start({ now: () => now });
});

beforeEach(async () => {
  now = T0;
  await logs.reset();
  logs.createGroup(GROUP);
  logs.createStream(GROUP, STREAM);
});

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

afterAll(async () => {
  await logs.close();
});

describe('groups and streams', () => {
  it('creates a group and its streams, and lists them by prefix in name order', async () => {
    const c = client();
    await c.send(new CreateLogGroupCommand({ logGroupName: '/app/other' }));
    for (const s of ['staging/b', 'prod/a', 'prod/c']) {
      await c.send(new CreateLogStreamCommand({ logGroupName: '/app/other', logStreamName: s }));
    }
    expect(logs.groupNames()).toEqual([GROUP, '/app/other'].sort());
    expect(logs.streams('/app/other')).toEqual(['prod/a', 'prod/c', 'staging/b']);
    const out = await c.send(
      new DescribeLogStreamsCommand({ logGroupName: '/app/other', logStreamNamePrefix: 'prod/' })
    );
    expect(out.logStreams?.map((s) => s.logStreamName)).toEqual(['prod/a', 'prod/c']);
    expect(out.logStreams?.[0]).toMatchObject({
      creationTime: T0,
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/app/other:log-stream:prod/a'
    });
    expect(out.nextToken).toBeUndefined();
  });

  it('pages DescribeLogStreams, and orders by last event time', async () => {
    for (const s of ['s3', 's1', 's2']) logs.createStream(GROUP, s);
    await put([{ timestamp: T0 - 10, message: 'late' }], 's1');
    await put([{ timestamp: T0 - 30, message: 'early' }], 's3');
    await put([{ timestamp: T0 - 20, message: 'middle' }], 's2');
    const c = client();
    const first = await c.send(new DescribeLogStreamsCommand({ logGroupName: GROUP, limit: 2 }));
    const second = await c.send(
      new DescribeLogStreamsCommand({ logGroupName: GROUP, limit: 2, nextToken: first.nextToken })
    );
    expect(
      [...(first.logStreams ?? []), ...(second.logStreams ?? [])].map((s) => s.logStreamName)
    ).toEqual([STREAM, 's1', 's2', 's3']);
    expect(second.nextToken).toBeUndefined();
    const byTime = await c.send(
      new DescribeLogStreamsCommand({
        logGroupName: GROUP,
        orderBy: 'LastEventTime',
        descending: true
      })
    );
    expect(byTime.logStreams?.map((s) => s.logStreamName)).toEqual(['s1', 's2', 's3', STREAM]);
    expect(byTime.logStreams?.[0]).toMatchObject({
      firstEventTimestamp: T0 - 10,
      lastEventTimestamp: T0 - 10,
      lastIngestionTime: T0
    });
  });

  it('refuses an existing group or stream (ResourceAlreadyExistsException), and a stream in a missing group (ResourceNotFoundException)', async () => {
    const c = client();
    const group = await rejection(c.send(new CreateLogGroupCommand({ logGroupName: GROUP })));
    expect(group).toBeInstanceOf(ResourceAlreadyExistsException);
    expect(group.message).toBe('The specified log group already exists');
    const stream = await rejection(
      c.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: STREAM }))
    );
    expect(stream).toBeInstanceOf(ResourceAlreadyExistsException);
    expect(stream.message).toBe('The specified log stream already exists');
    expect(stream.$metadata?.httpStatusCode).toBe(400);
    const missing = await rejection(
      c.send(new CreateLogStreamCommand({ logGroupName: '/missing', logStreamName: STREAM }))
    );
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.message).toBe('The specified log group does not exist.');
    expect(missing.$fault).toBe('client');
    const described = await rejection(
      c.send(new DescribeLogStreamsCommand({ logGroupName: '/missing' }))
    );
    expect(described.name).toBe('ResourceNotFoundException');
  });

  it("validates names as the service does (a stream name has no ':' or '*')", async () => {
    const err = await rejection(
      client().send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: 'prod:x' }))
    );
    expect(err).toBeInstanceOf(InvalidParameterException);
    expect(err.message).toMatch(
      /^1 validation error detected: Value 'prod:x' at 'logStreamName' failed to satisfy constraint/
    );
  });

  it('sets a retention from the accepted values only', async () => {
    const c = client();
    await c.send(new PutRetentionPolicyCommand({ logGroupName: GROUP, retentionInDays: 30 }));
    expect(logs.retentionOf(GROUP)).toBe(30);
    const bad = await rejection(
      c.send(new PutRetentionPolicyCommand({ logGroupName: GROUP, retentionInDays: 2 }))
    );
    expect(bad).toBeInstanceOf(InvalidParameterException);
    expect(bad.message).toMatch(
      /at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: \[1, 3, 5/
    );
    const missing = await rejection(
      c.send(new PutRetentionPolicyCommand({ logGroupName: '/missing', retentionInDays: 30 }))
    );
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
  });

  it(`is reachable through ${LOGS_ENDPOINT_ENV}, the SDK's variable for "CloudWatch Logs"`, async () => {
    expect(LOGS_ENDPOINT_ENV).toBe('AWS_ENDPOINT_URL_CLOUDWATCH_LOGS');
    const saved = process.env[LOGS_ENDPOINT_ENV];
    process.env[LOGS_ENDPOINT_ENV] = logs.url;
    try {
      const c = asTestCaller(new CloudWatchLogsClient({ ...sdk, maxAttempts: 1 }));
      clients.push(c);
      await c.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: 'via-env' }));
    } finally {
      if (saved === undefined) delete process.env[LOGS_ENDPOINT_ENV];
      else process.env[LOGS_ENDPOINT_ENV] = saved;
    }
    expect(logs.streams(GROUP)).toContain('via-env');
  });
});

describe('PutLogEvents and the reads', () => {
  it('stores events in time order with their ingestion time; a later batch may go back in time', async () => {
    const first = await put([
      { timestamp: T0 - 3000, message: 'b' },
      { timestamp: T0 - 1000, message: 'd' }
    ]);
    expect(first.rejectedLogEventsInfo).toBeUndefined();
    expect(first.nextSequenceToken).toMatch(/^\d+$/);
    now = T0 + 5;
    await put([
      { timestamp: T0 - 4000, message: 'a' },
      { timestamp: T0 - 2000, message: 'c' },
      { timestamp: T0 - 1000, message: 'e' } // same time as d: after it, as it came later
    ]);
    expect(logs.events(GROUP, STREAM)).toEqual([
      { timestamp: T0 - 4000, message: 'a', ingestionTime: T0 + 5 },
      { timestamp: T0 - 3000, message: 'b', ingestionTime: T0 },
      { timestamp: T0 - 2000, message: 'c', ingestionTime: T0 + 5 },
      { timestamp: T0 - 1000, message: 'd', ingestionTime: T0 },
      { timestamp: T0 - 1000, message: 'e', ingestionTime: T0 + 5 }
    ]);
  });

  it('ignores sequence tokens (no InvalidSequenceTokenException, no DataAlreadyAcceptedException)', async () => {
    const batch = series(2);
    const c = client();
    await c.send(
      new PutLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: STREAM,
        logEvents: batch,
        sequenceToken: 'bogus'
      })
    );
    await c.send(
      new PutLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: STREAM,
        logEvents: batch,
        sequenceToken: 'bogus'
      })
    );
    expect(logs.events(GROUP, STREAM)).toHaveLength(4);
  });

  it('GetLogEvents reads from the head page by page, and ends on the token it was given', async () => {
    await put(series(5));
    const c = client();
    const read = (nextToken?: string) =>
      c.send(
        new GetLogEventsCommand({
          logGroupName: GROUP,
          logStreamName: STREAM,
          startFromHead: true,
          limit: 2,
          nextToken
        })
      );
    const messages: string[] = [];
    let token: string | undefined;
    for (;;) {
      const page = await read(token);
      messages.push(...(page.events ?? []).map((e) => e.message ?? ''));
      if (page.nextForwardToken === token) break;
      token = page.nextForwardToken;
    }
    expect(messages).toEqual(['e-0', 'e-1', 'e-2', 'e-3', 'e-4']);
    const head = await read();
    expect(head.events?.[0]).toEqual({ timestamp: T0 - HOUR, message: 'e-0', ingestionTime: T0 });
  });

  it('GetLogEvents reads the latest events by default, backward with nextBackwardToken, within a time range', async () => {
    await put(series(5));
    const c = client();
    const tail = await c.send(
      new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: STREAM, limit: 2 })
    );
    expect(tail.events?.map((e) => e.message)).toEqual(['e-3', 'e-4']);
    const before = await c.send(
      new GetLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: STREAM,
        limit: 2,
        nextToken: tail.nextBackwardToken
      })
    );
    expect(before.events?.map((e) => e.message)).toEqual(['e-1', 'e-2']);
    const ranged = await c.send(
      new GetLogEventsCommand({
        logGroupIdentifier: `arn:aws:logs:us-east-1:123456789012:log-group:${GROUP}`,
        logStreamName: STREAM,
        startFromHead: true,
        startTime: T0 - HOUR + 1000,
        endTime: T0 - HOUR + 3000
      })
    );
    expect(ranged.events?.map((e) => e.message)).toEqual(['e-1', 'e-2']);
    const missing = await rejection(
      c.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'prod/none' }))
    );
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.message).toBe('The specified log stream does not exist.');
  });

  it('FilterLogEvents: every stream in time order, by stream names, by a quoted term, by a JSON field, page by page', async () => {
    logs.createStream(GROUP, 'staging/corr-2');
    const json = (o: object) => JSON.stringify(o);
    await put([
      {
        timestamp: T0 - 5000,
        message: json({ stage: 'pre', level: 'info', message: 'lock acquired' })
      },
      {
        timestamp: T0 - 3000,
        message: json({ stage: 'monitor', level: 'error', message: 'stack failed' })
      }
    ]);
    await put(
      [
        { timestamp: T0 - 4000, message: 'plain text: lock acquired' },
        { timestamp: T0 - 2000, message: 'plain text: done' }
      ],
      'staging/corr-2'
    );
    const c = client();
    const filter = async (input: { filterPattern?: string; logStreamNames?: string[] }) =>
      (await c.send(new FilterLogEventsCommand({ logGroupName: GROUP, ...input }))).events?.map(
        (e) => [e.logStreamName, e.timestamp]
      );
    expect(await filter({})).toEqual([
      [STREAM, T0 - 5000],
      ['staging/corr-2', T0 - 4000],
      [STREAM, T0 - 3000],
      ['staging/corr-2', T0 - 2000]
    ]);
    expect(await filter({ logStreamNames: ['staging/corr-2'] })).toEqual([
      ['staging/corr-2', T0 - 4000],
      ['staging/corr-2', T0 - 2000]
    ]);
    expect(await filter({ filterPattern: '"lock acquired"' })).toEqual([
      [STREAM, T0 - 5000],
      ['staging/corr-2', T0 - 4000]
    ]);
    expect(await filter({ filterPattern: '{ $.level = "error" }' })).toEqual([[STREAM, T0 - 3000]]);
    expect(await filter({ filterPattern: '{ $.stage = "pre" || $.stage = "mon*" }' })).toEqual([
      [STREAM, T0 - 5000],
      [STREAM, T0 - 3000]
    ]);

    const first = await c.send(new FilterLogEventsCommand({ logGroupName: GROUP, limit: 3 }));
    expect(first.events).toHaveLength(3);
    expect(first.events?.[0]).toMatchObject({
      ingestionTime: T0,
      eventId: expect.stringMatching(/^\d+$/)
    });
    const rest = await c.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, limit: 3, nextToken: first.nextToken })
    );
    expect(rest.events?.map((e) => e.timestamp)).toEqual([T0 - 2000]);
    expect(rest.nextToken).toBeUndefined();

    const missing = await rejection(
      c.send(new FilterLogEventsCommand({ logGroupName: '/missing' }))
    );
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    const both = await rejection(
      c.send(
        new FilterLogEventsCommand({
          logGroupName: GROUP,
          logStreamNames: [STREAM],
          logStreamNamePrefix: 'prod/'
        })
      )
    );
    expect(both).toBeInstanceOf(InvalidParameterException);
  });
});

describe('PutLogEvents refuses what the service refuses', () => {
  async function refused(logEvents: InputLogEvent[]): Promise<string> {
    const err = await rejection(put(logEvents));
    expect(err).toBeInstanceOf(InvalidParameterException);
    expect(err.$metadata?.httpStatusCode).toBe(400);
    expect(logs.events(GROUP, STREAM)).toEqual([]);
    return err.message;
  }

  it('events out of chronological order', async () => {
    expect(
      await refused([
        { timestamp: T0 - 1000, message: 'second' },
        { timestamp: T0 - 2000, message: 'first' }
      ])
    ).toBe('Log events in a single PutLogEvents request must be in chronological order.');
  });

  it('more than 10,000 events (10,000 pass), and none', async () => {
    const max = PUT_LOG_EVENTS_LIMITS.maxEvents;
    expect(max).toBe(10_000);
    const many = Array.from({ length: max + 1 }, (_, i) => ({
      timestamp: T0 - HOUR + i,
      message: 'x'
    }));
    expect(await refused(many)).toMatch(
      /^1 validation error detected: .* at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000$/
    );
    expect(await refused([])).toMatch(/Member must have length greater than or equal to 1$/);
    await put(many.slice(0, max));
    expect(logs.events(GROUP, STREAM)).toHaveLength(max);
  });

  it('a batch (or an event) over 1,048,576 bytes, counting UTF-8 message bytes + 26 per event (exactly the limit passes)', async () => {
    const accented = 'é'.repeat(1000); // 2,000 bytes in UTF-8
    const fill = (n: number) => 'x'.repeat(1_048_576 - 2 * 26 - 2000 + n);
    const batch = (n: number) => [
      { timestamp: T0 - 2000, message: accented },
      { timestamp: T0 - 1000, message: fill(n) }
    ];
    expect(await refused(batch(1))).toBe(
      'Upload too large: 1048577 bytes exceeds limit of 1048576'
    );
    // One event alone: 'x' * (1,048,551) + 26 = 1,048,577 bytes.
    expect(await refused([{ timestamp: T0, message: fill(2000 + 26 + 1) }])).toBe(
      'Log event too large: 1048577 bytes exceeds limit of 1048576'
    );
    await put(batch(0));
    expect(logs.events(GROUP, STREAM)).toHaveLength(2);
  });

  it('valid events spanning more than 24 hours (exactly 24 hours passes)', async () => {
    expect(
      await refused([
        { timestamp: T0 - DAY - 1, message: 'old' },
        { timestamp: T0, message: 'new' }
      ])
    ).toBe(
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.'
    );
    await put([
      { timestamp: T0 - DAY, message: 'old' },
      { timestamp: T0, message: 'new' }
    ]);
    expect(logs.events(GROUP, STREAM)).toHaveLength(2);
  });

  it('leaves out events older than 14 days or more than 2 hours ahead, saying which, and keeps the rest', async () => {
    const out = await put([
      { timestamp: T0 - 15 * DAY, message: 'too old' },
      { timestamp: T0 - 14 * DAY - 1, message: 'too old, just' },
      { timestamp: T0 - HOUR, message: 'kept' },
      { timestamp: T0 + 2 * HOUR, message: 'kept, 2 h ahead' },
      { timestamp: T0 + 2 * HOUR + 1, message: 'too new' }
    ]);
    expect(out.rejectedLogEventsInfo).toEqual({
      tooOldLogEventEndIndex: 1,
      tooNewLogEventStartIndex: 4
    });
    expect(logs.events(GROUP, STREAM).map((e) => e.message)).toEqual(['kept', 'kept, 2 h ahead']);
  });

  it("leaves out events older than the group's retention (expiredLogEventEndIndex)", async () => {
    logs.createGroup(GROUP, { retentionInDays: 1 });
    const out = await put([
      { timestamp: T0 - 2 * DAY, message: 'expired' },
      { timestamp: T0 - HOUR, message: 'kept' }
    ]);
    expect(out.rejectedLogEventsInfo).toEqual({ expiredLogEventEndIndex: 0 });
    expect(logs.events(GROUP, STREAM).map((e) => e.message)).toEqual(['kept']);
  });

  it('a missing group or stream (ResourceNotFoundException)', async () => {
    const stream = await rejection(put(series(1), 'prod/none'));
    expect(stream).toBeInstanceOf(ResourceNotFoundException);
    expect(stream.message).toBe('The specified log stream does not exist.');
    logs.removeGroup(GROUP);
    const group = await rejection(put(series(1)));
    expect(group).toBeInstanceOf(ResourceNotFoundException);
    expect(group.message).toBe('The specified log group does not exist.');
  });
});

describe('scripted faults and outages', () => {
  it('failNext answers typed errors the client names: ThrottlingException, ServiceUnavailableException (503), any code', async () => {
    logs.failNext('PutLogEvents', { code: 'ThrottlingException' });
    const throttled = await rejection(put(series(1)));
    expect(throttled).toBeInstanceOf(ThrottlingException);
    expect(throttled).toMatchObject({ message: 'Rate exceeded', $fault: 'client' });
    expect(throttled.$metadata?.httpStatusCode).toBe(400);

    logs.failNext('PutLogEvents', { code: 'ServiceUnavailableException' });
    const unavailable = await rejection(put(series(1)));
    expect(unavailable).toBeInstanceOf(ServiceUnavailableException);
    expect(unavailable.$fault).toBe('server');
    expect(unavailable.$metadata?.httpStatusCode).toBe(503);

    logs.failNext('CreateLogStream', { code: 'AccessDeniedException', message: 'no' });
    const denied = await rejection(
      client().send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: 'x' }))
    );
    expect(denied).toMatchObject({ name: 'AccessDeniedException', message: 'no' });

    expect(logs.events(GROUP, STREAM)).toEqual([]);
    expect(logs.faultsPending()).toBe(0);
    await put(series(1));
    expect(logs.events(GROUP, STREAM)).toHaveLength(1);
  });

  it('a server fault is retried by the client: the second attempt is served', async () => {
    logs.failNext('PutLogEvents', { code: 'ServiceUnavailableException' });
    const out = await client({ maxAttempts: 2 }).send(
      new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: STREAM, logEvents: series(1) })
    );
    expect(out.$metadata.attempts).toBe(2);
    expect(logs.callsOf('PutLogEvents').map((c) => c.status)).toEqual([503, 200]);
    expect(logs.events(GROUP, STREAM)).toHaveLength(1);
  });

  it("failNext with a bare status (empty body: the client's Unknown), or 'destroy' (no answer); '*' for any call", async () => {
    logs.failNext('*', 503, 2);
    const first = await rejection(put(series(1)));
    expect(first).toMatchObject({ name: 'Unknown', $fault: 'server' });
    expect(first.$metadata?.httpStatusCode).toBe(503);
    const second = await rejection(
      client().send(new DescribeLogStreamsCommand({ logGroupName: GROUP }))
    );
    expect(second.$metadata?.httpStatusCode).toBe(503);

    logs.failNext('PutLogEvents', 'destroy');
    const destroyed = await rejection(put(series(1)));
    expect(destroyed.message).toMatch(/socket hang up/);
    expect(logs.calls.map((c) => [c.op, c.status, c.error])).toEqual([
      ['PutLogEvents', 503, 'HTTP 503'],
      ['DescribeLogStreams', 503, 'HTTP 503'],
      ['PutLogEvents', 0, 'destroy']
    ]);
    expect(logs.events(GROUP, STREAM)).toEqual([]);
  });

  it('down() refuses every connection until down(false), on the same URL; 503 and destroy modes answer each call', async () => {
    const c = client();
    await logs.down();
    const refused = await rejection(put(series(1)));
    expect(refused.message).toMatch(/ECONNREFUSED/);
    expect(logs.calls).toEqual([]); // never arrived
    await logs.down(false);
    await put(series(1));

    await logs.down(true, 503);
    expect((await rejection(put(series(1)))).$metadata?.httpStatusCode).toBe(503);
    await logs.down(true, 'destroy');
    expect((await rejection(put(series(1)))).message).toMatch(/socket hang up/);
    await logs.down(false);
    await c.send(new DescribeLogStreamsCommand({ logGroupName: GROUP }));
    expect(logs.calls.map((x) => x.status)).toEqual([200, 503, 0, 200]);
    expect(logs.events(GROUP, STREAM)).toHaveLength(1);
  });

  it('reset() forgets groups, calls and faults, and ends an outage', async () => {
    logs.failNext('PutLogEvents', { code: 'ThrottlingException' }, 5);
    await logs.down();
    await logs.reset();
    expect(logs.groupNames()).toEqual([]);
    expect(logs.calls).toEqual([]);
    expect(logs.faultsPending()).toBe(0);
    const missing = await rejection(put(series(1)));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('the call log', () => {
  it('records each call: operation, parameters, time, status and error', async () => {
    await put(series(2));
    now = T0 + 10;
    await rejection(
      client().send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: STREAM }))
    );
    expect(logs.calls).toEqual([
      {
        op: 'PutLogEvents',
        params: { logGroupName: GROUP, logStreamName: STREAM, logEvents: series(2) },
        at: T0,
        status: 200
      },
      {
        op: 'CreateLogStream',
        params: { logGroupName: GROUP, logStreamName: STREAM },
        at: T0 + 10,
        status: 400,
        error: 'ResourceAlreadyExistsException'
      }
    ]);
    expect(logs.callsOf('PutLogEvents')).toHaveLength(1);
  });

  it('answers a request that is not a Logs operation with UnknownOperationException', async () => {
    const res = await fetch(logs.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `${LOGS_TARGET_PREFIX}DeleteLogGroup`,
        ...TEST_CALLER_HEADERS
      },
      body: JSON.stringify({ logGroupName: GROUP })
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'UnknownOperationException' });
    expect(logs.groupNames()).toEqual([GROUP]);
  });

  it("goes to the run's record of the product's AWS calls as logs:<Operation>, once each; not a test's own calls", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logs-standin-test-'));
    const saved = process.env[AWS_CALLS_DIR_ENV];
    process.env[AWS_CALLS_DIR_ENV] = dir;
    const product = new CloudWatchLogsClient({ ...sdk, endpoint: logs.url, maxAttempts: 1 });
    try {
      await product.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: 'p' }));
      await product.send(
        new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: 'p', logEvents: series(1) })
      );
      logs.failNext('PutLogEvents', { code: 'ThrottlingException' });
      await rejection(
        product.send(
          new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: 'p', logEvents: series(1) })
        )
      );
      await client().send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'p' }));
      const recorded = readdirSync(dir)
        .filter((f) => f.startsWith(CALLS_FILE_PREFIX))
        .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
        .filter((l) => l !== '');
      expect(recorded).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      expect(logs.calls.map((c) => c.op)).toEqual([
        'CreateLogStream',
        'PutLogEvents',
        'PutLogEvents',
        'GetLogEvents'
      ]);
    } finally {
      if (saved === undefined) delete process.env[AWS_CALLS_DIR_ENV];
      else process.env[AWS_CALLS_DIR_ENV] = saved;
      product.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
