/**
 * The adapter's reads of operations against the CloudFormation stand-in, with and without
 * operation IDs: `OperationId` carried through both conversions (DescribeStackEvents' and
 * DescribeEvents' events), and currentOperation by the newest event's ID where there is one (a
 * failed update's automatic rollback back into the update; a rollback someone asked for on its
 * own), else inferred from the stack-level events as before.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudFormationAdapter } from '../../src/aws/cloudformation.js';
import { CloudFormationStandin, type Step } from '../../test-rig/cfn-standin.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const API = { logicalId: 'Api', type: 'AWS::Lambda::Function' };
let now = T0;
let cfn: CloudFormationStandin;
let client: CloudFormationClient;
let adapter: CloudFormationAdapter;

beforeAll(async () => {
  cfn = await CloudFormationStandin.start({ now: () => now, operationIds: true });
});
afterAll(() => cfn.close());
beforeEach(() => {
  now = T0;
  cfn.reset();
  cfn.operationIds = true;
  client = new CloudFormationClient({
    region: 'us-east-1',
    endpoint: cfn.url,
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDCURRENTOP', secretAccessKey: 'not-a-secret' }
  });
  adapter = new CloudFormationAdapter(client, 'us-east-1');
});
afterEach(() => client.destroy());

/** An update whose Api fails; the stack rolls back by itself. */
const FAILS_AND_ROLLS_BACK: Step[] = [
  { atMs: 0, stackStatus: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
  { atMs: 100, ...API, status: 'UPDATE_IN_PROGRESS' },
  { atMs: 200, ...API, status: 'UPDATE_FAILED', reason: 'Runtime nodejs8.x is not supported' },
  { atMs: 300, stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS' },
  { atMs: 400, ...API, status: 'UPDATE_COMPLETE' },
  { atMs: 500, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' }
];

/** The App stack with an earlier update, then `steps` from T0 + 10 s; read at T0 + 20 s. */
function stackThrough(steps: Step[], seed: { disableRollback?: boolean } = {}): void {
  cfn.putStack('App', {
    status: 'UPDATE_COMPLETE',
    lastUpdatedAt: new Date(T0 - 60_000),
    resources: [{ ...API, status: 'UPDATE_COMPLETE' }],
    ...seed
  });
  now = T0 + 10_000;
  cfn.runOperation('App', steps);
  now = T0 + 20_000;
}

const statuses = (events: readonly { logicalId: string; status: string }[]): string[] =>
  events.map((e) => `${e.logicalId} ${e.status}`);

describe('OperationId through the conversions', () => {
  it("DescribeStackEvents' and DescribeEvents' events carry it; an endpoint without IDs gives none", async () => {
    stackThrough(FAILS_AND_ROLLS_BACK);
    // The stand-in's LastOperations: the automatic rollback, then the update it rolled back.
    const [rollback, update] = cfn.stack('App')!.lastOperations.map((o) => o.operationId);
    const events = await adapter.eventsAfter('App', T0 + 10_000);
    expect(events.map((e) => e.operationId)).toEqual([
      update,
      update,
      update,
      rollback,
      rollback,
      rollback
    ]);
    expect(rollback).not.toBe(update);
    const failed = await adapter.failedEvents('App', T0 + 10_000, now);
    expect(failed.refused).toBeUndefined();
    expect(failed.events.map((e) => [e.logicalId, e.status, e.operationId])).toEqual([
      ['Api', 'UPDATE_FAILED', update]
    ]);

    cfn.operationIds = false;
    const without = await adapter.eventsAfter('App', T0 + 10_000);
    expect(without).toHaveLength(6);
    expect(without.every((e) => !('operationId' in e))).toBe(true);
  });
});

describe('currentOperation', () => {
  it.each([true, false])(
    'operation IDs %s: a failed update and its automatic rollback, from the update that began it',
    async (ids) => {
      cfn.operationIds = ids;
      stackThrough(FAILS_AND_ROLLS_BACK);
      const op = await adapter.currentOperation('App');
      expect(op.start?.status).toBe('UPDATE_IN_PROGRESS');
      expect(op.start?.timestamp).toEqual(new Date(T0 + 10_000));
      expect(statuses(op.events)).toEqual([
        'App UPDATE_IN_PROGRESS',
        'Api UPDATE_IN_PROGRESS',
        'Api UPDATE_FAILED',
        'App UPDATE_ROLLBACK_IN_PROGRESS',
        'Api UPDATE_COMPLETE',
        'App UPDATE_ROLLBACK_COMPLETE'
      ]);
    }
  );

  it('a rollback someone asked for (RollbackStack after a failed update, rollback disabled): by ID its own operation; without IDs, inside the update as before', async () => {
    stackThrough(
      [
        { atMs: 0, stackStatus: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
        { atMs: 200, ...API, status: 'UPDATE_FAILED', reason: 'Scripted failure' },
        { atMs: 300, stackStatus: 'UPDATE_FAILED', reason: 'The following resource(s) failed: Api' }
      ],
      { disableRollback: true }
    );
    await adapter.rollbackStack('App');
    now += 60_000;
    expect(cfn.stack('App')?.status).toBe('UPDATE_ROLLBACK_COMPLETE');

    const byId = await adapter.currentOperation('App');
    expect(byId.start?.status).toBe('UPDATE_ROLLBACK_IN_PROGRESS');
    expect(statuses(byId.events)).toEqual([
      'App UPDATE_ROLLBACK_IN_PROGRESS',
      'Api UPDATE_IN_PROGRESS',
      'Api UPDATE_COMPLETE',
      'App UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'App UPDATE_ROLLBACK_COMPLETE'
    ]);

    cfn.operationIds = false;
    const inferred = await adapter.currentOperation('App');
    expect(inferred.start?.status).toBe('UPDATE_IN_PROGRESS');
    expect(inferred.events).toHaveLength(8);
  });

  it('by ID: an update begun in the same second as the one before it ended is read alone', async () => {
    stackThrough([
      { atMs: 0, stackStatus: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
      { atMs: 100, ...API, status: 'UPDATE_COMPLETE' },
      { atMs: 200, stackStatus: 'UPDATE_COMPLETE' }
    ]);
    cfn.runOperation(
      'App',
      [
        { atMs: 0, stackStatus: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
        { atMs: 100, ...API, status: 'UPDATE_IN_PROGRESS' }
      ],
      { startAt: T0 + 10_200, token: 'Console-UpdateStack-0b5e8f62-3f1c-4d55-9a43-7d1c2e9f0a11' }
    );
    const op = await adapter.currentOperation('App');
    expect(op.start?.timestamp).toEqual(new Date(T0 + 10_200));
    expect(statuses(op.events)).toEqual(['App UPDATE_IN_PROGRESS', 'Api UPDATE_IN_PROGRESS']);
    expect(op.events.every((e) => e.clientRequestToken?.startsWith('Console-'))).toBe(true);
  });
});
