/**
 * The root cause across a tree of nested stacks: the first failure in time order, a nested stack
 * resource's failure replaced by the first failure inside its stack. The order over a reader of
 * scripted events; the reads through the real adapter against the stand-in, with and without
 * DescribeEvents.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudFormationAdapter, createCloudFormationClient } from '../../src/aws/cloudformation.js';
import { deepestCause } from '../../src/coordination/deepest-cause.js';
import { describeRootCause } from '../../src/domain/root-cause.js';
import type { StackEvent } from '../../src/domain/stack.js';
import type { StackReader } from '../../src/ports/cloudformation.js';
import { createLogger, type LogSink } from '../../src/report/logger.js';
import { CloudFormationStandin, treeOperation } from '../../test-rig/cfn-standin.js';

const STACK = 'AWS::CloudFormation::Stack';
const DATA_ARN = 'arn:aws:cloudformation:us-east-1:123456789012:stack/App-Data-ABC/1111';
const at = (s: number): Date => new Date(Date.UTC(2026, 11, 1, 12, 0, s));
const ev = (stackName: string, s: number, e: Partial<StackEvent>): StackEvent => ({
  id: `${stackName}-${s}-${e.logicalId}-${e.status}`,
  stackName,
  timestamp: at(s),
  logicalId: stackName,
  resourceType: STACK,
  status: 'UPDATE_IN_PROGRESS',
  ...e
});
const DATA = { logicalId: 'Data', resourceType: STACK, physicalId: DATA_ARN };
const EMBEDDED = `Embedded stack ${DATA_ARN} was not successfully updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: The following resource(s) failed to update: [Db].`;

function logger(): { log: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  const sink: LogSink = {
    info: (m) => void lines.push(`info ${m}`),
    debug: (m) => void lines.push(`debug ${m}`),
    warning: (m) => void lines.push(`warning ${m}`),
    error: (m) => void lines.push(`error ${m}`)
  };
  return { log: createLogger('cid', sink), lines };
}

/** A reader whose nested stacks hold `inside` (failures only, as FailedEvents gives them). */
function readerOf(inside: Record<string, StackEvent[] | Error>): {
  reader: StackReader;
  asked: string[];
} {
  const asked: string[] = [];
  const reader = {
    failedEvents: async (stack: string, fromMs: number, untilMs: number) => {
      asked.push(stack);
      const found = inside[stack];
      if (found instanceof Error) throw found;
      return {
        events: (found ?? []).filter(
          (e) => e.timestamp.getTime() >= fromMs && e.timestamp.getTime() <= untilMs
        )
      };
    }
  } as unknown as StackReader;
  return { reader, asked };
}

describe('the root cause in a tree of nested stacks', () => {
  it("a nested stack resource's failure is replaced by the first failure inside it, cancellations left out", async () => {
    const { reader, asked } = readerOf({
      [DATA_ARN]: [
        ev('App-Data-ABC', 3, {
          logicalId: 'Queue',
          resourceType: 'AWS::SQS::Queue',
          status: 'UPDATE_FAILED',
          reason: 'Resource update cancelled'
        }),
        ev('App-Data-ABC', 4, {
          logicalId: 'Db',
          resourceType: 'AWS::RDS::DBInstance',
          status: 'UPDATE_FAILED',
          reason: 'Cannot upgrade'
        }),
        ev('App-Data-ABC', 5, {
          status: 'UPDATE_ROLLBACK_FAILED',
          reason: 'The following resource(s) failed to update: [Db].'
        })
      ]
    });
    const events = [
      ev('App', 1, { reason: 'User Initiated' }),
      ev('App', 2, { ...DATA, status: 'UPDATE_IN_PROGRESS' }),
      ev('App', 6, { ...DATA, status: 'UPDATE_FAILED', reason: EMBEDDED })
    ];
    const cause = await deepestCause({ reader, log: logger().log }, events, [], at(0).getTime());
    expect(describeRootCause(cause!)).toBe(
      'Data › Db (AWS::RDS::DBInstance) UPDATE_FAILED: Cannot upgrade'
    );
    expect(cause?.nestedIn).toEqual(['Data']);
    expect(asked).toEqual([DATA_ARN]);
  });

  it('the first in time across the tree: a failure inside a nested stack before a failure at the root wins', async () => {
    const { reader } = readerOf({
      [DATA_ARN]: [
        ev('App-Data-ABC', 4, {
          logicalId: 'Db',
          resourceType: 'AWS::RDS::DBInstance',
          status: 'UPDATE_FAILED',
          reason: 'first'
        })
      ]
    });
    const events = [
      ev('App', 2, { ...DATA, status: 'UPDATE_IN_PROGRESS' }),
      ev('App', 5, {
        logicalId: 'Api',
        resourceType: 'AWS::Lambda::Function',
        status: 'UPDATE_FAILED',
        reason: 'second'
      }),
      ev('App', 8, { ...DATA, status: 'UPDATE_FAILED', reason: EMBEDDED })
    ];
    const cause = await deepestCause({ reader, log: logger().log }, events, [], at(0).getTime());
    expect(describeRootCause(cause!)).toBe('Data › Db (AWS::RDS::DBInstance) UPDATE_FAILED: first');
  });

  it('only as far as needed: a nested stack whose part began after an earlier failure is not read', async () => {
    const { reader, asked } = readerOf({});
    const events = [
      ev('App', 5, {
        logicalId: 'Api',
        resourceType: 'AWS::Lambda::Function',
        status: 'UPDATE_FAILED',
        reason: 'first'
      }),
      ev('App', 6, { ...DATA, status: 'UPDATE_IN_PROGRESS' }),
      ev('App', 9, { ...DATA, status: 'UPDATE_FAILED', reason: EMBEDDED })
    ];
    const cause = await deepestCause({ reader, log: logger().log }, events, [], at(0).getTime());
    expect(describeRootCause(cause!)).toBe('Api (AWS::Lambda::Function) UPDATE_FAILED: first');
    expect(asked).toEqual([]);
  });

  it("a nested stack that cannot be read: its resource's own failure stands, said in the debug log", async () => {
    const { reader } = readerOf({ [DATA_ARN]: new Error('Rate exceeded') });
    const { log, lines } = logger();
    const events = [
      ev('App', 2, { ...DATA, status: 'UPDATE_IN_PROGRESS' }),
      ev('App', 6, { ...DATA, status: 'UPDATE_FAILED', reason: EMBEDDED })
    ];
    const cause = await deepestCause({ reader, log }, events, [], at(0).getTime());
    expect(describeRootCause(cause!)).toBe(`Data (${STACK}) UPDATE_FAILED: ${EMBEDDED}`);
    expect(lines).toEqual([
      `debug [cid] Could not read the failures of nested stack ${DATA_ARN}: Rate exceeded`
    ]);
  });
});

describe("reading a nested stack's failures", () => {
  const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
  let now = T0;
  let cfn: CloudFormationStandin;
  let client: CloudFormationClient;
  const ENV = {
    AWS_ENDPOINT_URL_CLOUDFORMATION: '',
    AWS_ACCESS_KEY_ID: 'AKIDDEEPEST',
    AWS_SECRET_ACCESS_KEY: 'not-a-secret'
  };
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    cfn = await CloudFormationStandin.start({ now: () => now });
    for (const [k, v] of Object.entries({ ...ENV, AWS_ENDPOINT_URL_CLOUDFORMATION: cfn.url })) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await cfn.close();
  });
  beforeEach(() => {
    now = T0;
    cfn.reset();
    cfn.operationIds = true;
    client = createCloudFormationClient('us-east-1', 1);
  });
  afterEach(() => client.destroy());

  /** App > Data > Inner > Db, whose update fails; the cause as finalize finds it. */
  async function twoLevelsDown(): Promise<{ line: string; debug: string[] }> {
    cfn.putStack('App', { status: 'UPDATE_COMPLETE', pastEvents: 1 });
    const data = cfn.putNestedStack('App', 'Data', { status: 'UPDATE_COMPLETE', pastEvents: 1 });
    cfn.putNestedStack(data, 'Inner', { status: 'UPDATE_COMPLETE', pastEvents: 1 });
    now = T0 + 1_000;
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
                logicalId: 'Inner',
                nested: [{ logicalId: 'Db', type: 'AWS::RDS::DBInstance', fails: 'no' }]
              }
            ]
          }
        ]
      })
    );
    now = T0 + 3_000;
    const adapter = new CloudFormationAdapter(client, 'us-east-1');
    const events = await adapter.eventsAfter('App', T0 + 1_000);
    const { log, lines } = logger();
    const cause = await deepestCause({ reader: adapter, log }, events, [], T0 + 1_000);
    return { line: describeRootCause(cause!), debug: lines };
  }

  it("DescribeEvents' FailedEvents, one call per nested stack on the way down", async () => {
    const { line, debug } = await twoLevelsDown();
    expect(line).toBe('Data › Inner › Db (AWS::RDS::DBInstance) UPDATE_FAILED: no');
    expect(debug).toEqual([]);
    expect(cfn.calls.map((c) => c.action).filter((a) => a !== 'DescribeStackEvents')).toEqual([
      'DescribeEvents',
      'DescribeEvents'
    ]);
  });

  it('an endpoint without DescribeEvents (InvalidAction): asked once, then the events of each nested stack; debug lines only', async () => {
    cfn.operationIds = false;
    const { line, debug } = await twoLevelsDown();
    expect(line).toBe('Data › Inner › Db (AWS::RDS::DBInstance) UPDATE_FAILED: no');
    expect(cfn.callsOf('DescribeEvents')).toHaveLength(1);
    // App's own, then Data's and Inner's.
    expect(cfn.callsOf('DescribeStackEvents').map((c) => c.params['StackName'])).toEqual([
      'App',
      expect.stringMatching(/^arn:.*stack\/App-Data-/),
      expect.stringMatching(/^arn:.*stack\/App-Data-\w+-Inner-/)
    ]);
    expect(debug).toHaveLength(2);
    for (const l of debug)
      expect(l).toMatch(
        /^debug \[cid\] DescribeEvents not used \(InvalidAction: Could not find operation DescribeEvents/
      );
  });
});
