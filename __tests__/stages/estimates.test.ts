/**
 * Estimates from the first day, in process (test-rig/in-process.ts): with no history for its
 * stacks, coordinate() reads their past operations from CloudFormation's event history (the
 * scripted stand-in's events), estimates from them and keeps them in the history, so the next run
 * finds them there; and a run whose turn comes after a deployment that has just been recorded
 * announces, watches and outputs the estimate made at its turn.
 */
import { Outputs } from '../../src/config/state.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import {
  STACK,
  STATUS_CHANNEL,
  T0,
  World,
  scratchRunnerTemp,
  type Job
} from '../../test-rig/in-process.js';
import { SlackStandin } from '../../test-rig/slack-standin.js';
import { holder } from './stories.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

let dynamo: DynamoRig;
let slack: SlackStandin;
let cleanUp: () => void;
let world: World | undefined;

beforeAll(async () => {
  cleanUp = scratchRunnerTemp();
  [dynamo, slack] = await Promise.all([DynamoRig.start(), SlackStandin.start()]);
});
afterAll(async () => {
  await Promise.all([dynamo.close(), slack.close()]);
  cleanUp();
});
beforeEach(() => slack.reset());
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/**
 * A stack with past updates in its event history, one a day until yesterday, each taking the
 * given seconds (a negative one rolled back after that long): what CloudFormation remembers.
 */
function pastUpdates(w: World, stack: string, seconds: readonly number[]): void {
  w.cfn.put(stack, 'UPDATE_COMPLETE', { at: T0 - (seconds.length + 1) * DAY });
  seconds.forEach((m, i) => {
    const d = Math.abs(m) * 1000;
    const end =
      m > 0
        ? [
            { atMs: d * 0.8, logicalId: 'Api', status: 'UPDATE_COMPLETE' },
            { atMs: d * 0.9, status: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS' },
            { atMs: d, status: 'UPDATE_COMPLETE' }
          ]
        : [
            { atMs: d * 0.6, logicalId: 'Api', status: 'UPDATE_FAILED', reason: 'Quota' },
            { atMs: d * 0.7, status: 'UPDATE_ROLLBACK_IN_PROGRESS' },
            { atMs: d, status: 'UPDATE_ROLLBACK_COMPLETE' }
          ];
    w.cfn.run(
      stack,
      [
        { atMs: 0, status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
        { atMs: d * 0.1, logicalId: 'Api', status: 'UPDATE_IN_PROGRESS' },
        ...end
      ],
      { startAt: T0 - (seconds.length - i) * DAY }
    );
  });
}

/** How often a job's coordinate read a stack's event history. */
const eventHistoryReads = (w: World, job: Job): unknown[][] =>
  w.cloudFormationCalls
    .filter((c) => c.job === job.name && c.stage === 'coordinate' && c.op === 'pastEvents')
    .map((c) => [...c.args]);

describe('estimates from the first day: the event history', () => {
  it('no registry history, three updates of about 4 minutes in the event history: estimated from them, kept in the history, read once', async () => {
    world = new World({ dynamo });
    pastUpdates(world, STACK, [228, -1200, 246, 258]);
    const a = world.job('a');
    const { io } = await world.until(a.coordinate());

    const minutes = Number(io.output(Outputs.EstimatedMinutes));
    expect(minutes).toBeGreaterThanOrEqual(3);
    expect(minutes).toBeLessThanOrEqual(5);
    expect(a.sink.line('Estimate: ').message).toBe(
      "Estimate: 4m 06s (median of 3 past updates in CloudFormation's event history, p20 to p80 3m 55s to 4m 13s)."
    );
    expect(a.sink.line('event history in CloudFormation').message).toBe(
      `No history to estimate ${STACK} from: its event history in CloudFormation holds 3 successful past operations (and 1 rolled back or failed, not counted).`
    );
    expect(eventHistoryReads(world, a)).toEqual([[STACK]]);
    // The monitor watches with it: overdue past its p80, each resource type's usual time.
    expect(a.monitorStarts[0]?.overdueMs).toBe(253_200);
    expect(a.monitorStarts[0]?.info.estimate.basis).toContain("CloudFormation's event history");
    expect(a.monitorStarts[0]?.typeSeconds).toEqual({ 'AWS::Lambda::Function': 172.2 });

    // Kept in the table: one entry per past update, marked as read from the event history.
    const kept = await world.history();
    expect(kept.map((e) => [e.stacks, e.outcome, e.durationMs])).toEqual([
      [[STACK], 'succeeded', 258_000],
      [[STACK], 'succeeded', 246_000],
      [[STACK], 'succeeded', 228_000]
    ]);
    for (const e of kept) expect(e.correlationId).toMatch(/^cfn-events:AppStack:update:event-\d+$/);

    // The next run finds them in the history (with a's own deployment) and reads no events.
    expect(await world.until(a.deploy({ durationMs: 4 * MIN }))).toBe(true);
    await world.until(a.finalize());
    const b = world.job('b');
    const next = await world.until(b.coordinate());
    expect(eventHistoryReads(world, b)).toEqual([]);
    expect(b.sink.line('Estimate: ').message).toMatch(
      /^Estimate: 4m 03s \(median of 4 successful deployments, 3 of them from CloudFormation's event history, p20 to p80 /
    );
    expect(next.io.output(Outputs.EstimatedMinutes)).toBe('4.1');
    expect(await world.history()).toHaveLength(4);
  });

  it('expected-duration-minutes wins, and no event history is read for an estimate it makes needless', async () => {
    world = new World({ dynamo });
    pastUpdates(world, STACK, [120, 180]);
    const fixed = world.job('fixed', { 'expected-duration-minutes': '12' });
    const first = await world.until(fixed.coordinate());
    expect(first.io.output(Outputs.EstimatedMinutes)).toBe('12');
    expect(eventHistoryReads(world, fixed)).toEqual([]);
    expect(await world.history()).toEqual([]);
  });

  it('several stacks never deployed together: one entry per stack operation, the sum of their medians', async () => {
    world = new World({ dynamo });
    pastUpdates(world, 'Network', [60, 90, 120]);
    pastUpdates(world, 'Data', [360]);
    const a = world.job('a', { 'stack-name': 'Network,Data' });
    const { io } = await world.until(a.coordinate());
    expect(eventHistoryReads(world, a)).toEqual([['Network'], ['Data']]);
    expect(io.output(Outputs.EstimatedMinutes)).toBe('7.5');
    expect(a.sink.line('Estimate: ').message).toMatch(
      /^Estimate: 7m 30s \(sum of each stack's own median \(Network: 3 past updates in CloudFormation's event history; Data: 1 past update in CloudFormation's event history\), p20 to p80 /
    );
    const kept = await world.history();
    expect(kept.map((e) => e.stacks.join(',')).sort()).toEqual([
      'Data',
      'Network',
      'Network',
      'Network'
    ]);
  });

  it('without a table, what was read goes into the history file the Actions cache carries', async () => {
    world = new World({});
    pastUpdates(world, STACK, [240, 240, 300]);
    const a = world.job('a');
    const { io } = await world.until(a.coordinate());
    expect(io.output(Outputs.EstimatedMinutes)).toBe('4');
    expect(world.historyFile().map((e) => e.durationMs)).toEqual([5 * MIN, 4 * MIN, 4 * MIN]);
  });

  it('a stack with no past operation in its events: the fallback, as before', async () => {
    world = new World({ dynamo });
    const a = world.job('a');
    const { io } = await world.until(a.coordinate());
    expect(io.output(Outputs.EstimatedMinutes)).toBe('30');
    expect(a.sink.line('Estimate: ').message).toBe('Estimate: 30m 00s (no history yet).');
    expect(await world.history()).toEqual([]);
  });
});

describe("the estimate is made anew at the run's turn", () => {
  it('a run queued behind a deployment that finishes outputs, announces and watches with the estimate made at its turn', async () => {
    world = new World({ dynamo, slack });
    const a = await holder(world, 'a');
    const b = world.job('b', {}, { slack: true });
    const waiting = b.coordinate();
    await world.advance(20_000);
    // On arrival nothing was known: a's update is still running.
    expect(b.sink.line('Estimate: ').message).toBe('Estimate: 30m 00s (no history yet).');

    expect(await world.until(a.deploy({ durationMs: 2 * MIN }))).toBe(true);
    await world.until(a.finalize());
    const { report, io } = await world.until(waiting);
    expect(report.result).toBe('acquired');

    const basis = 'median of 1 successful deployment, p20 to p80 2m 00s to 2m 00s';
    expect(b.sink.line("Estimate at this run's turn").message).toBe(
      `Estimate at this run's turn: 2m 00s (${basis}).`
    );
    expect(io.output(Outputs.EstimatedMinutes)).toBe('2');
    const started = slack
      .messages(STATUS_CHANNEL)
      .map((m) => m.versions[0]!)
      .find((v) => v.text.startsWith(':rocket: Deploying') && v.text.includes(b.correlationId));
    expect(JSON.stringify(started?.blocks)).toContain(`about 2m 00s (${basis})`);
    expect(b.monitorStarts[0]?.info.estimate).toMatchObject({ expectedMs: 2 * MIN, basis });
    expect(b.monitorStarts[0]?.overdueMs).toBe(2 * MIN);
  });
});
