import {
  estimateFromHistory,
  percentile,
  remainingMs,
  resourceTypeSeconds,
  typeDurations
} from '../../src/domain/estimate.js';
import { LivenessTracker } from '../../src/domain/liveness.js';
import { decideOutcome } from '../../src/domain/outcome.js';
import type { StackEvent, StackSnapshot } from '../../src/domain/stack.js';

const at = (s: number): Date => new Date(Date.UTC(2026, 10, 22, 10, 0, s));
const ev = (
  s: number,
  logicalId: string,
  status: string,
  type = 'AWS::S3::Bucket'
): StackEvent => ({
  id: `${logicalId}-${s}`,
  stackName: 'App',
  timestamp: at(s),
  logicalId,
  resourceType: logicalId === 'App' ? 'AWS::CloudFormation::Stack' : type,
  status
});
const stack = (status: string): StackSnapshot => ({
  name: 'App',
  exists: true,
  status,
  tags: {},
  outputs: {}
});

describe("the liveness of a lease is judged on the observer's own clock", () => {
  it('is dead only after the same heartbeat was seen for the whole lease', () => {
    const t = new LivenessTracker();
    expect(t.isDead('lock', 'a', 1000, 0)).toBe(false);
    expect(t.isDead('lock', 'a', 1000, 999)).toBe(false);
    expect(t.isDead('lock', 'a', 1000, 1000)).toBe(true);
  });
  it("starts the clock again at every new heartbeat, whatever the holder's clock says", () => {
    const t = new LivenessTracker();
    t.observe('lock', 'a', 0);
    expect(t.isDead('lock', 'b', 1000, 900)).toBe(false);
    expect(t.isDead('lock', 'b', 1000, 1800)).toBe(false);
    expect(t.isDead('lock', 'b', 1000, 1900)).toBe(true);
  });
});

describe('outcome from CloudFormation', () => {
  const since = at(0).getTime();
  it('no stack event since the lock was taken: no-change', () => {
    expect(
      decideOutcome([stack('UPDATE_COMPLETE')], [ev(5, 'Bucket', 'UPDATE_COMPLETE')], since)
    ).toBe('no-change');
  });
  it('an operation that completed: succeeded', () => {
    expect(
      decideOutcome(
        [stack('UPDATE_COMPLETE')],
        [ev(1, 'App', 'UPDATE_IN_PROGRESS'), ev(9, 'App', 'UPDATE_COMPLETE')],
        since
      )
    ).toBe('succeeded');
  });
  it('rolled back or left needing a rollback: failed', () => {
    expect(
      decideOutcome(
        [stack('UPDATE_ROLLBACK_COMPLETE')],
        [ev(1, 'App', 'UPDATE_IN_PROGRESS')],
        since
      )
    ).toBe('failed');
    expect(
      decideOutcome([stack('UPDATE_FAILED')], [ev(1, 'App', 'UPDATE_IN_PROGRESS')], since)
    ).toBe('failed');
  });
  it('still in progress when the job ends: still-running', () => {
    expect(
      decideOutcome([stack('UPDATE_IN_PROGRESS')], [ev(1, 'App', 'UPDATE_IN_PROGRESS')], since)
    ).toBe('still-running');
  });
});

describe('estimates', () => {
  it('interpolates percentiles', () => {
    expect(percentile([10, 20, 30, 40, 50], 0.5)).toBe(30);
    expect(percentile([10, 20, 30, 40, 50], 0.2)).toBe(18);
    expect(percentile([], 0.5)).toBeUndefined();
  });
  it('uses successful deployments of the same stacks only', () => {
    const h = [
      { outcome: 'succeeded', durationMs: 100, stacks: ['B', 'A'] },
      { outcome: 'failed', durationMs: 9999, stacks: ['A', 'B'] },
      { outcome: 'succeeded', durationMs: 300, stacks: ['A', 'B'] },
      { outcome: 'succeeded', durationMs: 200, stacks: ['A'] }
    ];
    expect(estimateFromHistory(h, ['A', 'B'])).toEqual({
      expectedMs: 200,
      lowMs: 140,
      highMs: 260,
      samples: 2
    });
    expect(estimateFromHistory(h, ['C'])).toBeUndefined();
  });
  it('times each resource type from its first IN_PROGRESS to its COMPLETE', () => {
    const events = [
      ev(0, 'A', 'CREATE_IN_PROGRESS'),
      ev(1, 'A', 'CREATE_IN_PROGRESS'),
      ev(10, 'A', 'CREATE_COMPLETE'),
      ev(2, 'Db', 'CREATE_IN_PROGRESS', 'AWS::RDS::DBInstance'),
      ev(62, 'Db', 'CREATE_COMPLETE', 'AWS::RDS::DBInstance')
    ];
    expect(resourceTypeSeconds(events)).toEqual({
      'AWS::S3::Bucket': 10,
      'AWS::RDS::DBInstance': 60
    });
  });
});

describe('time left while a deployment runs', () => {
  it('takes the usual time per resource type from successful deployments', () => {
    expect(
      typeDurations([
        {
          outcome: 'succeeded',
          resourceTypeSeconds: { 'AWS::RDS::DBInstance': 600, 'AWS::S3::Bucket': 5 }
        },
        { outcome: 'succeeded', resourceTypeSeconds: { 'AWS::RDS::DBInstance': 400 } },
        { outcome: 'failed', resourceTypeSeconds: { 'AWS::RDS::DBInstance': 9000 } }
      ])
    ).toEqual({ 'AWS::RDS::DBInstance': 500, 'AWS::S3::Bucket': 5 });
  });
  it('is what the estimate leaves, or longer when a slow resource is still in progress', () => {
    const now = 1_000_000;
    expect(remainingMs(60_000, 20_000, [], {}, now)).toBe(40_000);
    expect(
      remainingMs(
        60_000,
        20_000,
        [{ type: 'AWS::RDS::DBInstance', startedMs: now - 100_000 }],
        { 'AWS::RDS::DBInstance': 500 },
        now
      )
    ).toBe(400_000);
    expect(remainingMs(60_000, 90_000, [], {}, now)).toBe(0);
  });
});
