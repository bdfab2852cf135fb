import { describeRootCause, rootCauseOf } from '../../src/domain/root-cause.js';
import type { StackEvent, StackSnapshot } from '../../src/domain/stack.js';

const at = (s: number): Date => new Date(Date.UTC(2026, 11, 1, 12, 0, s));
const event = (s: number, e: Partial<StackEvent>): StackEvent => ({
  id: `e${s}`,
  stackName: 'AppStack',
  timestamp: at(s),
  logicalId: 'AppStack',
  resourceType: 'AWS::CloudFormation::Stack',
  status: 'UPDATE_IN_PROGRESS',
  ...e
});
const stack = (s: Partial<StackSnapshot>): StackSnapshot => ({
  name: 'AppStack',
  exists: true,
  status: 'UPDATE_ROLLBACK_COMPLETE',
  tags: {},
  outputs: {},
  ...s
});
const DB = { logicalId: 'Db', resourceType: 'AWS::RDS::DBInstance' };
const API = { logicalId: 'Api', resourceType: 'AWS::Lambda::Function' };

describe('the root cause of a failed deployment', () => {
  it('is the first resource that failed, not the cancellations that echo it, in time order', () => {
    const events = [
      event(9, { ...API, status: 'UPDATE_FAILED', reason: 'Resource update cancelled' }),
      event(5, {
        ...DB,
        status: 'UPDATE_FAILED',
        reason: 'Cannot upgrade postgres from 15.15 to 14.1'
      }),
      event(1, { status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' }),
      event(12, {
        status: 'UPDATE_ROLLBACK_IN_PROGRESS',
        reason: 'The following resource(s) failed to update: [Db].'
      })
    ];
    const cause = rootCauseOf(events, [stack({ statusReason: 'Rollback done' })]);
    expect(cause?.logicalId).toBe('Db');
    expect(describeRootCause(cause!)).toBe(
      'Db (AWS::RDS::DBInstance) UPDATE_FAILED: Cannot upgrade postgres from 15.15 to 14.1'
    );
  });

  it("without a failed resource, it is the stack's own status reason", () => {
    const cause = rootCauseOf(
      [event(1, {})],
      [stack({ status: 'UPDATE_FAILED', statusReason: 'Template format error: bad' })]
    );
    expect(describeRootCause(cause!)).toBe(
      'stack AppStack UPDATE_FAILED: Template format error: bad'
    );
  });

  it('none without a failure or a reason', () => {
    expect(rootCauseOf([event(1, {})], [stack({ status: 'UPDATE_COMPLETE' })])).toBeUndefined();
    expect(rootCauseOf([], [stack({ status: 'UPDATE_ROLLBACK_COMPLETE' })])).toBeUndefined();
  });
});
