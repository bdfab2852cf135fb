/**
 * CloudFormationAdapter.failedEvents over a scripted client: DescribeEvents' answers as AWS may give
 * them (pages in no documented order, a nested stack's events in its parent's answer, a transient
 * error), and the fallback to DescribeStackEvents.
 */
import {
  CloudFormationClient,
  type OperationEvent,
  type StackEvent
} from '@aws-sdk/client-cloudformation';
import { CloudFormationAdapter } from '../../src/aws/cloudformation.js';

const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);
const APP =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/App/11111111-1111-1111-1111-111111111111';
const DATA =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/App-Data-ABC/22222222-2222-2222-2222-222222222222';

const failure = (id: string, stackId: string, atS: number, logicalId: string): OperationEvent => ({
  EventId: id,
  StackId: stackId,
  LogicalResourceId: logicalId,
  ResourceType: 'AWS::SNS::Topic',
  ResourceStatus: 'UPDATE_FAILED',
  ResourceStatusReason: `${logicalId} failed`,
  Timestamp: new Date(T0 + atS * 1000)
});

const stackEvent = (id: string, atS: number, logicalId: string, status: string): StackEvent => ({
  EventId: id,
  StackId: APP,
  StackName: 'App',
  LogicalResourceId: logicalId,
  ResourceType: 'AWS::SNS::Topic',
  ResourceStatus: status as StackEvent['ResourceStatus'],
  Timestamp: new Date(T0 + atS * 1000)
});

/** A client answering DescribeEvents with `pages` (or throwing `error` while it is set), DescribeStackEvents with `stackEvents`. */
function scripted(opts: {
  pages?: OperationEvent[][];
  errors?: Error[];
  stackEvents?: StackEvent[];
}) {
  const calls: string[] = [];
  const client = new CloudFormationClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'not-a-secret' }
  });
  const send = async (cmd: { constructor: { name: string }; input: { NextToken?: string } }) => {
    const name = cmd.constructor.name.replace(/Command$/, '');
    calls.push(name);
    if (name === 'DescribeEvents') {
      const err = opts.errors?.shift();
      if (err) throw err;
      const i = Number(cmd.input.NextToken ?? 0);
      const pages = opts.pages ?? [];
      return {
        OperationEvents: pages[i] ?? [],
        NextToken: i + 1 < pages.length ? String(i + 1) : undefined
      };
    }
    if (name === 'DescribeStackEvents') return { StackEvents: opts.stackEvents ?? [] };
    throw new Error(`unexpected ${name}`);
  };
  client.send = send;
  return { adapter: new CloudFormationAdapter(client, 'us-east-1'), calls };
}

describe('failedEvents', () => {
  it('reads every page to the cap: an event older than the window on a page does not end the reading', async () => {
    const { adapter } = scripted({
      pages: [
        [failure('old', APP, -100, 'Before')],
        [failure('f1', APP, 20, 'Topic'), failure('f0', APP, 10, 'Queue')]
      ]
    });
    const r = await adapter.failedEvents('App', T0, T0 + 60_000);
    expect(r.events.map((e) => e.logicalId)).toEqual(['Queue', 'Topic']);
    expect(r.refused).toBeUndefined();
  });

  it("keeps only the asked stack's events: a nested stack's failure in its parent's answer is not the parent's", async () => {
    const { adapter } = scripted({
      pages: [[failure('inner', DATA, 15, 'Db'), failure('own', APP, 20, 'Data')]]
    });
    expect((await adapter.failedEvents('App', T0, T0 + 60_000)).events.map((e) => e.id)).toEqual([
      'own'
    ]);
    expect((await adapter.failedEvents(APP, T0, T0 + 60_000)).events.map((e) => e.id)).toEqual([
      'own'
    ]);
    expect((await adapter.failedEvents(DATA, T0, T0 + 60_000)).events.map((e) => e.id)).toEqual([
      'inner'
    ]);
  });

  it("any DescribeEvents error falls back to the stack's events for that call; only a refusal is remembered", async () => {
    const transient = Object.assign(new Error('We encountered an internal error'), {
      name: 'InternalFailure',
      $metadata: { httpStatusCode: 500 }
    });
    const { adapter, calls } = scripted({
      errors: [transient],
      pages: [[failure('f', APP, 30, 'Topic')]],
      stackEvents: [
        stackEvent('e2', 30, 'Topic', 'UPDATE_FAILED'),
        stackEvent('e1', 10, 'Topic', 'UPDATE_IN_PROGRESS')
      ]
    });
    const first = await adapter.failedEvents('App', T0, T0 + 60_000);
    expect(first.events.map((e) => e.id)).toEqual(['e2']);
    expect(first.refused).toMatch(/^InternalFailure: /);
    // Not remembered: the next call asks DescribeEvents again.
    const second = await adapter.failedEvents('App', T0, T0 + 60_000);
    expect(second.events.map((e) => e.id)).toEqual(['f']);
    expect(second.refused).toBeUndefined();
    expect(calls).toEqual(['DescribeEvents', 'DescribeStackEvents', 'DescribeEvents']);
  });

  it("DescribeEvents with no failure in the window (by stack name it may answer for the latest operation only, the rollback): read from the stack's events after all", async () => {
    const { adapter, calls } = scripted({
      pages: [[]],
      stackEvents: [
        stackEvent('e2', 30, 'Db', 'UPDATE_FAILED'),
        stackEvent('e1', 10, 'Db', 'UPDATE_IN_PROGRESS')
      ]
    });
    const r = await adapter.failedEvents('App', T0, T0 + 60_000);
    expect(r.events.map((e) => e.id)).toEqual(['e2']);
    expect(r.refused).toBe('DescribeEvents found no failure in the window');
    expect(calls).toEqual(['DescribeEvents', 'DescribeStackEvents']);
  });
});
