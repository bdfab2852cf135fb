import {
  expectation,
  historyEstimate,
  type KnownDeployment
} from '../../src/domain/expectation.js';
import {
  durationMs,
  pastOperationId,
  pastOperationKind,
  pastOperations,
  type PastOperation
} from '../../src/domain/past-operations.js';
import type { StackEvent } from '../../src/domain/stack.js';

const T = Date.UTC(2026, 0, 10, 9);
const MIN = 60_000;
let seq = 0;

/** An event of `stack` at `ms` after T: the stack's own without a logical ID. */
function ev(
  stack: string,
  ms: number,
  status: string,
  logicalId = stack,
  type?: string
): StackEvent {
  return {
    id: `${logicalId}-${++seq}`,
    stackName: stack,
    timestamp: new Date(T + ms),
    logicalId,
    resourceType:
      type ?? (logicalId === stack ? 'AWS::CloudFormation::Stack' : 'AWS::Lambda::Function'),
    status
  };
}

/** An update of `stack` from `at` taking `ms`: a function updated in its middle half, then the cleanup. */
function update(stack: string, at: number, ms: number, end = 'UPDATE_COMPLETE'): StackEvent[] {
  const failed = end !== 'UPDATE_COMPLETE';
  return [
    ev(stack, at, 'UPDATE_IN_PROGRESS'),
    ev(stack, at + ms * 0.25, 'UPDATE_IN_PROGRESS', 'Fn'),
    ev(stack, at + ms * 0.75, failed ? 'UPDATE_FAILED' : 'UPDATE_COMPLETE', 'Fn'),
    ev(
      stack,
      at + ms * 0.9,
      failed ? 'UPDATE_ROLLBACK_IN_PROGRESS' : 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'
    ),
    ev(stack, at + ms, end)
  ];
}

/** The events, each with CloudFormation's OperationId `id`. */
const withId = (id: string, events: StackEvent[]): StackEvent[] =>
  events.map((e) => ({ ...e, operationId: id }));

const entry = (op: PastOperation): KnownDeployment => ({
  correlationId: pastOperationId(op),
  outcome: op.succeeded ? 'succeeded' : 'failed',
  durationMs: durationMs(op),
  stacks: [op.stack]
});

const deployment = (id: string, stacks: string[], ms: number): KnownDeployment => ({
  correlationId: id,
  outcome: 'succeeded',
  durationMs: ms,
  stacks
});

describe("a stack's past operations, from its events (oldest first)", () => {
  it('finds each update from its stack-level UPDATE_IN_PROGRESS to its UPDATE_COMPLETE, with the times per resource type', () => {
    const events = [
      ...update('App', 0, 4 * MIN),
      ...update('App', 60 * MIN, 3.5 * MIN),
      ...update('App', 120 * MIN, 4.5 * MIN)
    ];
    const ops = pastOperations('App', events);
    expect(ops.map((op) => [op.kind, durationMs(op), op.succeeded, op.endStatus])).toEqual([
      ['UPDATE', 4 * MIN, true, 'UPDATE_COMPLETE'],
      ['UPDATE', 3.5 * MIN, true, 'UPDATE_COMPLETE'],
      ['UPDATE', 4.5 * MIN, true, 'UPDATE_COMPLETE']
    ]);
    expect(ops[0]!.startEventId).toBe(events[0]!.id);
    expect(ops[0]!.startedAt).toEqual(new Date(T));
    expect(ops[0]!.resourceTypeSeconds).toEqual({ 'AWS::Lambda::Function': 120 });
  });

  it('finds the creation, and tells a rolled-back or failed operation from a successful one', () => {
    const ops = pastOperations('App', [
      ev('App', 0, 'REVIEW_IN_PROGRESS'),
      ev('App', 1_000, 'CREATE_IN_PROGRESS'),
      ev('App', 2_000, 'CREATE_IN_PROGRESS', 'Fn'),
      ev('App', 30_000, 'CREATE_COMPLETE', 'Fn'),
      ev('App', 31_000, 'CREATE_COMPLETE'),
      ...update('App', MIN, 2 * MIN, 'UPDATE_ROLLBACK_COMPLETE'),
      ev('App', 10 * MIN, 'UPDATE_IN_PROGRESS'),
      ev('App', 11 * MIN, 'UPDATE_FAILED')
    ]);
    expect(ops.map((op) => [op.kind, op.endStatus, op.succeeded, durationMs(op)])).toEqual([
      ['CREATE', 'CREATE_COMPLETE', true, 30_000],
      ['UPDATE', 'UPDATE_ROLLBACK_COMPLETE', false, 2 * MIN],
      ['UPDATE', 'UPDATE_FAILED', false, MIN]
    ]);
  });

  it('leaves out an operation whose start is older than the events reach, and one still running', () => {
    const whole = update('App', 0, 4 * MIN);
    const truncated = [
      ...whole.slice(2),
      ...update('App', 30 * MIN, 5 * MIN),
      ev('App', 60 * MIN, 'UPDATE_IN_PROGRESS'),
      ev('App', 61 * MIN, 'UPDATE_IN_PROGRESS', 'Fn')
    ];
    expect(pastOperations('App', truncated).map(durationMs)).toEqual([5 * MIN]);
  });

  it("is not misled by a nested stack's events or by deletes and imports", () => {
    const ops = pastOperations('App', [
      ev('App', 0, 'UPDATE_IN_PROGRESS'),
      ev('App', 1_000, 'UPDATE_IN_PROGRESS', 'Nested', 'AWS::CloudFormation::Stack'),
      ev('App', 9_000, 'UPDATE_COMPLETE', 'Nested', 'AWS::CloudFormation::Stack'),
      ev('App', 10_000, 'UPDATE_COMPLETE'),
      ev('App', 20_000, 'IMPORT_IN_PROGRESS'),
      ev('App', 25_000, 'IMPORT_COMPLETE')
    ]);
    expect(ops.map(durationMs)).toEqual([10_000]);
    expect(ops[0]!.resourceTypeSeconds).toEqual({ 'AWS::CloudFormation::Stack': 8 });
  });

  it('by OperationId: a failed update and its automatic rollback (an ID of its own) are one past operation, the rollback in its duration', () => {
    const [start, fn, failed, rollbackStart, end] = update(
      'App',
      0,
      2 * MIN,
      'UPDATE_ROLLBACK_COMPLETE'
    );
    const ops = pastOperations('App', [
      ...withId('u', [start!, fn!, failed!]),
      ...withId('r', [rollbackStart!, end!]),
      // A rollback someone asked for later (after a failed update with rollback disabled): no update.
      ...withId('v', [
        ev('App', 10 * MIN, 'UPDATE_IN_PROGRESS'),
        ev('App', 11 * MIN, 'UPDATE_FAILED')
      ]),
      ...withId('k', [
        ev('App', 12 * MIN, 'UPDATE_ROLLBACK_IN_PROGRESS'),
        ev('App', 13 * MIN, 'UPDATE_ROLLBACK_COMPLETE')
      ])
    ]);
    expect(ops.map((op) => [op.startEventId, op.endStatus, op.succeeded, durationMs(op)])).toEqual([
      [start!.id, 'UPDATE_ROLLBACK_COMPLETE', false, 2 * MIN],
      [expect.any(String), 'UPDATE_FAILED', false, MIN]
    ]);
  });

  it('by OperationId: two operations whose events interleave in the same second are both found, each with its own resources', () => {
    const first = withId('a', update('App', 0, 4 * MIN));
    const second = withId('b', update('App', 4 * MIN, 2 * MIN));
    // The second's start is listed before the first's end, in the same second.
    const events = [...first.slice(0, 4), second[0]!, first[4]!, ...second.slice(1)];
    const ops = pastOperations('App', events);
    expect(ops.map((op) => [op.startEventId, durationMs(op)])).toEqual([
      [first[0]!.id, 4 * MIN],
      [second[0]!.id, 2 * MIN]
    ]);
    expect(ops.map((op) => op.resourceTypeSeconds)).toEqual([
      { 'AWS::Lambda::Function': 120 },
      { 'AWS::Lambda::Function': 60 }
    ]);
    // Without the IDs the first one's end looks like the second's, and the first is lost.
    const inferred = pastOperations(
      'App',
      events.map(({ operationId: _, ...e }) => e)
    );
    expect(inferred.map((op) => op.startEventId)).toEqual([second[0]!.id]);
  });

  it('gives each operation a history ID no correlation ID can have, the same every time it is read', () => {
    const events = update('App', 0, MIN);
    const [op] = pastOperations('App', events);
    const id = pastOperationId(op!);
    expect(id).toBe(`cfn-events:App:update:${events[0]!.id}`);
    expect(pastOperationId(pastOperations('App', events)[0]!)).toBe(id);
    expect(pastOperationKind(id)).toBe('UPDATE');
    expect(pastOperationKind('20260114-120000-c0de0001')).toBeUndefined();
    expect(pastOperationKind('release-42-attempt-1')).toBeUndefined();
  });
});

describe('estimates from the history, some of it read from the event history', () => {
  const past = (stack: string, minutes: number[], rolledBack: number[] = []): KnownDeployment[] =>
    pastOperations(stack, [
      ...minutes.flatMap((m, i) => update(stack, i * 60 * MIN, m * MIN)),
      ...rolledBack.flatMap((m, i) =>
        update(stack, (minutes.length + i) * 60 * MIN, m * MIN, 'UPDATE_ROLLBACK_COMPLETE')
      )
    ])
      .map(entry)
      .reverse();

  it("says it is the median of the past updates in CloudFormation's event history; rolled-back ones do not count", () => {
    const e = historyEstimate(past('App', [4, 3.5, 4.5], [20, 25]), ['App']);
    expect(e?.expectedMs).toBe(4 * MIN);
    expect(e?.samples).toBe(3);
    expect(e?.basis).toBe(
      "median of 3 past updates in CloudFormation's event history, p20 to p80 3m 42s to 4m 18s"
    );
  });

  it('says how many of the deployments came from the event history when both are there', () => {
    const h = [deployment('20260114-120000-c0de0001', ['App'], 5 * MIN), ...past('App', [4, 4])];
    expect(historyEstimate(h, ['App'])?.basis).toMatch(
      /^median of 3 successful deployments, 2 of them from CloudFormation's event history, p20/
    );
  });

  it('sums the per-stack medians of several stacks never deployed together, and says so', () => {
    const h = [...past('Api', [2, 3, 4]), ...past('Db', [10])];
    const e = historyEstimate(h, ['Api', 'Db']);
    expect(e?.expectedMs).toBe(13 * MIN);
    expect(e?.basis).toMatch(
      /^sum of each stack's own median \(Api: 3 past updates in CloudFormation's event history; Db: 1 past update in CloudFormation's event history\), p20 to p80 /
    );
    // Deployments of exactly these stacks win over the sum.
    const together = [deployment('20260114-120000-c0de0002', ['Db', 'Api'], 7 * MIN), ...h];
    expect(historyEstimate(together, ['Api', 'Db'])?.expectedMs).toBe(7 * MIN);
    // A stack with nothing known: no estimate from the history.
    expect(historyEstimate(h, ['Api', 'Db', 'Queue'])).toBeUndefined();
  });

  it('leaves expected-duration-minutes winning over everything, and the fallback without any history', () => {
    const fromEvents = historyEstimate(past('App', [4, 4, 4]), ['App']);
    expect(expectation({ expectedDurationMs: 12 * MIN }, fromEvents, 30 * MIN)).toEqual({
      estimate: { expectedMs: 12 * MIN, basis: 'from expected-duration-minutes' },
      overdueMs: 12 * MIN
    });
    expect(expectation({}, fromEvents, 30 * MIN).estimate.basis).toContain(
      "CloudFormation's event history"
    );
    expect(expectation({}, historyEstimate([], ['App']), 30 * MIN).estimate).toEqual({
      expectedMs: 30 * MIN,
      basis: 'no history yet'
    });
  });
});
