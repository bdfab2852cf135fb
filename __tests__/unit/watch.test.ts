import { DeploymentWatch, isRootCauseFailure } from '../../src/domain/watch.js';
import type { StackEvent } from '../../src/domain/stack.js';

const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);
const ev = (
  ms: number,
  logicalId: string,
  status: string,
  reason?: string,
  type = 'AWS::Lambda::Function'
): StackEvent => ({
  id: `${logicalId}-${ms}`,
  stackName: 'App',
  timestamp: new Date(T0 + ms),
  logicalId,
  resourceType: logicalId === 'App' ? 'AWS::CloudFormation::Stack' : type,
  status,
  reason
});
const watch = (over: Partial<ConstructorParameters<typeof DeploymentWatch>[0]> = {}) =>
  new DeploymentWatch({
    stallMs: 10_000,
    expectedMs: 60_000,
    progressIntervalMs: 20_000,
    criticalResourceTypes: [],
    sinceMs: T0,
    ...over
  });
const RUNNING = ['UPDATE_IN_PROGRESS'];

describe('the deployment watch', () => {
  it('ignores events from before the lock was taken', () => {
    const w = watch();
    expect(w.onEvents([ev(-5_000, 'Old', 'UPDATE_FAILED', 'old failure')], T0)).toEqual([]);
    expect(w.onTick(T0 + 100_000, RUNNING)).toEqual([]);
  });

  it('alerts a stall once per episode and says when events resume', () => {
    const w = watch();
    w.onEvents([ev(0, 'App', 'UPDATE_IN_PROGRESS')], T0);
    expect(w.onTick(T0 + 9_000, RUNNING)).toEqual([]);
    expect(w.onTick(T0 + 10_000, RUNNING).map((a) => a.kind)).toEqual(['stall']);
    expect(w.onTick(T0 + 15_000, RUNNING).map((a) => a.kind)).not.toContain('stall');
    expect(w.onEvents([ev(16_000, 'Fn', 'UPDATE_IN_PROGRESS')], T0 + 16_000)).toEqual([
      { kind: 'stall-resolved', silentForMs: 16_000 }
    ]);
    expect(w.onTick(T0 + 26_000, RUNNING).map((a) => a.kind)).toContain('stall');
  });

  it('warns once when the operation runs past the expected duration', () => {
    const w = watch({ stallMs: 1e9, progressIntervalMs: 1e9 });
    w.onEvents([ev(0, 'App', 'UPDATE_IN_PROGRESS')], T0);
    expect(w.onTick(T0 + 60_000, RUNNING)).toEqual([]);
    expect(w.onTick(T0 + 60_001, RUNNING)).toEqual([
      { kind: 'overdue', elapsedMs: 60_001, expectedMs: 60_000 }
    ]);
    expect(w.onTick(T0 + 90_000, RUNNING)).toEqual([]);
  });

  it('alerts the first root-cause failure at once, not the cancellation echoes', () => {
    const w = watch();
    const alerts = w.onEvents(
      [
        ev(0, 'App', 'UPDATE_IN_PROGRESS'),
        ev(1_000, 'Queue', 'UPDATE_FAILED', 'Resource update cancelled', 'AWS::SQS::Queue'),
        ev(1_001, 'Fn', 'UPDATE_FAILED', 'Runtime nodejs8.x is not supported'),
        ev(1_002, 'Db', 'UPDATE_FAILED', 'Another failure', 'AWS::RDS::DBInstance')
      ],
      T0 + 1_500
    );
    expect(alerts).toEqual([
      { kind: 'failure', event: expect.objectContaining({ logicalId: 'Fn' }) }
    ]);
    expect(w.onEvents([ev(2_000, 'Other', 'CREATE_FAILED', 'late')], T0 + 2_000)).toEqual([]);
  });

  it("a nested stack resource's failure waits one poll for the failure inside its stack (named by its path), and is said itself only when none came", () => {
    const STACK = 'AWS::CloudFormation::Stack';
    const embedded = ev(
      1_000,
      'Data',
      'UPDATE_FAILED',
      'Embedded stack arn:aws:cloudformation:us-east-1:1:stack/App-Data/1 was not successfully updated.',
      STACK
    );
    const inner = {
      ...ev(900, 'Db', 'UPDATE_FAILED', 'Cannot upgrade', 'AWS::RDS::DBInstance'),
      nestedIn: ['Data']
    };
    // The same poll: the deeper one, whatever the order.
    let w = watch();
    expect(w.onEvents([embedded, inner], T0 + 1_500)).toEqual([{ kind: 'failure', event: inner }]);
    expect(w.onTick(T0 + 1_500, RUNNING).filter((a) => a.kind === 'failure')).toEqual([]);
    expect(w.onTick(T0 + 2_000, RUNNING).filter((a) => a.kind === 'failure')).toEqual([]);
    // The nested stack's read failed in that poll: the deeper one comes with the next.
    w = watch();
    expect(w.onEvents([embedded], T0 + 1_500)).toEqual([]);
    expect(w.onTick(T0 + 1_500, RUNNING)).toEqual([]);
    expect(w.onEvents([inner], T0 + 2_000)).toEqual([{ kind: 'failure', event: inner }]);
    expect(w.onTick(T0 + 2_000, RUNNING).filter((a) => a.kind === 'failure')).toEqual([]);
    // Never read (a role that may not): the nested stack resource's own failure, a poll later,
    // even once the stack has settled.
    w = watch();
    expect(w.onEvents([embedded], T0 + 1_500)).toEqual([]);
    expect(w.onTick(T0 + 1_500, RUNNING)).toEqual([]);
    expect(w.onTick(T0 + 2_000, ['UPDATE_ROLLBACK_COMPLETE'])).toEqual([
      { kind: 'failure', event: embedded }
    ]);
    expect(w.onTick(T0 + 2_500, RUNNING).filter((a) => a.kind === 'failure')).toEqual([]);
  });

  it('limits failure alerts to critical-resource-types when set', () => {
    const w = watch({ criticalResourceTypes: ['AWS::RDS::DBInstance'] });
    expect(w.onEvents([ev(0, 'Fn', 'UPDATE_FAILED', 'boom')], T0)).toEqual([]);
    expect(
      w
        .onEvents([ev(1, 'Db', 'UPDATE_FAILED', 'disk', 'AWS::RDS::DBInstance')], T0)
        .map((a) => a.kind)
    ).toEqual(['failure']);
  });

  it('posts progress on its cadence with counts and latest events, and nothing once the stacks settle', () => {
    const w = watch({ stallMs: 1e9 });
    w.onEvents(
      [
        ev(0, 'App', 'UPDATE_IN_PROGRESS'),
        ev(1, 'Fn', 'UPDATE_IN_PROGRESS'),
        ev(2, 'Q', 'UPDATE_COMPLETE')
      ],
      T0
    );
    const [p] = w.onTick(T0 + 20_000, RUNNING);
    expect(p).toMatchObject({
      kind: 'progress',
      elapsedMs: 20_000,
      progress: { done: 1, inProgress: 1, failed: 0 }
    });
    expect(w.onTick(T0 + 30_000, RUNNING)).toEqual([]);
    expect(w.onTick(T0 + 45_000, ['UPDATE_COMPLETE'])).toEqual([]);
  });

  it.each([
    ['Resource creation cancelled', false],
    ['Resource update cancelled', false],
    ['Invalid request provided: runtime not supported', true]
  ])('a failure with reason %p is a root cause: %p', (reason, root) => {
    expect(isRootCauseFailure(ev(0, 'X', 'CREATE_FAILED', reason))).toBe(root);
  });
});
