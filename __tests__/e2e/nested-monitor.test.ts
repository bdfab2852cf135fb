/**
 * The monitor follows a tree of nested stacks: a root that is silent while its nested stack works
 * is not stalled, a tree that is silent throughout is; the nested resources appear in the thread's
 * progress, in the failure alert by their path and in the summary's event table. Through the
 * runner harness (the real bundles built from src/, pre, main with its detached monitor, the deploy
 * step, post), against the CloudFormation, DynamoDB and Slack stand-ins.
 */
import {
  DB,
  acquireFirst,
  cfn,
  deployJob,
  deployStep,
  monitorObserved,
  slack
} from './lock-safety-harness.js';
import { treeOperation, type Step } from '../../test-rig/cfn-standin.js';
import type { StageResult } from '../../test-rig/runner.js';

/** 1.8 s: three times it is 5.4 s of nested work; an event every quarter of it (450 ms). */
const STALL_MINUTES = '0.03';
const STALL_MS = 1_800;
const EVENT_EVERY_MS = STALL_MS / 4;
const WORK = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7'];

const INPUTS = {
  'stall-timeout-minutes': STALL_MINUTES,
  'monitor-interval-seconds': '0.3',
  'progress-interval-minutes': '0.025',
  // Far from the estimate: no overdue notice in the thread.
  'expected-duration-minutes': '5'
};

/** AppStack (Topic, Data) with Data (W1..W7, Db) nested. */
function putTree(): void {
  cfn.putStack('AppStack', {
    status: 'UPDATE_COMPLETE',
    resources: [{ logicalId: 'Topic', type: 'AWS::SNS::Topic', status: 'UPDATE_COMPLETE' }]
  });
  cfn.putNestedStack('AppStack', 'Data', {
    status: 'UPDATE_COMPLETE',
    resources: [
      ...WORK.map((logicalId) => ({
        logicalId,
        type: 'AWS::SNS::Topic',
        status: 'UPDATE_COMPLETE'
      })),
      { ...DB, status: 'UPDATE_COMPLETE' }
    ]
  });
}

/** The root's steps and its nested stack's: the nested stack reports an event every `stepMs`. */
const treeUpdate = (opts: { dbFails?: string } = {}): Step[] =>
  treeOperation({
    stepMs: EVENT_EVERY_MS,
    resources: [
      'Topic',
      {
        logicalId: 'Data',
        nested: [
          ...WORK,
          ...(opts.dbFails ? [{ logicalId: 'Db', type: DB.type, fails: opts.dbFails }] : [])
        ]
      }
    ]
  });

/** The steps with a silence of `gapMs` inserted after the step at `afterMs`. */
const withGap = (steps: Step[], afterMs: number, gapMs: number): Step[] =>
  steps.map((s) => (s.atMs > afterMs ? { ...s, atMs: s.atMs + gapMs } : s));

const observed = monitorObserved;

async function deployTree(steps: Step[]): Promise<{
  post: StageResult;
  thread: string[];
  alerts: Record<string, unknown>[];
  events: Record<string, unknown>[];
  summary: string;
}> {
  putTree();
  cfn.scriptNext('AppStack', 'UpdateStack', steps);
  const job = await deployJob('tree', INPUTS, { slack: true });
  const main = await acquireFirst(job);
  await deployStep(job, main);
  // What the monitor recorded, before post stops it and cleans up.
  const alerts = observed(job, 'alert');
  const events = observed(job, 'event');
  const post = (await job.runStage('post'))!;
  expect(post.exitCode).toBe(0);
  const [, ts] = (job.state['slack-thread'] ?? '').split(':');
  const thread = slack.thread(ts!).map((m) => m.text ?? '');
  return { post, thread, alerts, events, summary: job.summary() };
}

describe('the monitor follows the tree of nested stacks', () => {
  it('a root silent while its nested stack works for three times stall-timeout-minutes (an event every quarter of it): no stall alert in Slack or the log; the nested resources in the progress and the summary', async () => {
    const steps = treeUpdate();
    // The root's own events: its start, Topic, Data's start; then nothing until Data completes.
    const nestedSpan = steps.filter((s) => s.stack === 'Data').map((s) => s.atMs);
    expect(Math.max(...nestedSpan) - Math.min(...nestedSpan)).toBeGreaterThanOrEqual(3 * STALL_MS);
    const { post, thread, alerts, events, summary } = await deployTree(steps);

    expect(post.stdout).toContain('Outcome: succeeded.');
    expect(alerts.filter((a) => (a['alert'] as { kind: string }).kind === 'stall')).toEqual([]);
    expect(thread.filter((t) => /no stack events for/.test(t))).toEqual([]);
    // The nested stack's events were read and recorded under the root, by their path.
    const nested = events
      .map((o) => o['event'] as { logicalId: string; nestedIn?: string[] })
      .filter((e) => e.nestedIn?.join('.') === 'Data');
    expect(nested.map((e) => e.logicalId)).toEqual(expect.arrayContaining(WORK));
    // Progress in the thread counts the nested resources and shows them by their path.
    const progress = thread.filter((t) => /^:hourglass_flowing_sand:/.test(t));
    expect(progress.length).toBeGreaterThan(0);
    const blocks = JSON.stringify(
      slack.calls.filter((c) => /progress|hourglass/.test(JSON.stringify(c.body)))
    );
    expect(blocks).toMatch(/Data › W\d/);
    const counts = progress
      .map((t) => /(\d+) done, (\d+) in progress/.exec(t))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]) + Number(m[2]));
    // More resources than the root's two (Topic, Data): the nested ones are counted.
    expect(Math.max(...counts)).toBeGreaterThan(2);
    // The summary's event table has the nested resources by their path.
    for (const id of WORK)
      expect(summary).toMatch(
        new RegExp(`\\| Data › ${id} \\(AWS::SNS::Topic\\) \\| UPDATE_COMPLETE \\|`)
      );
  }, 60_000);

  it('the same tree with its nested stack silent too for longer than stall-timeout-minutes: the stall alert comes, then the events-resumed note', async () => {
    const steps = treeUpdate();
    // A silence of twice the stall timeout in the middle of the nested stack's work.
    const middle = steps.filter((s) => s.stack === 'Data')[6]!.atMs;
    const { post, thread, alerts } = await deployTree(withGap(steps, middle, 2 * STALL_MS));

    expect(post.stdout).toContain('Outcome: succeeded.');
    const stalls = alerts.filter((a) => (a['alert'] as { kind: string }).kind === 'stall');
    expect(stalls).toHaveLength(1);
    expect(thread.filter((t) => /no stack events for/.test(t))).toHaveLength(1);
    // The last event before the silence was the nested stack's, named by its path.
    expect(JSON.stringify(stalls[0])).toContain('"nestedIn":["Data"]');
    expect(thread.some((t) => /events resumed|resumed/i.test(t))).toBe(true);
  }, 60_000);

  it('a resource failing inside the nested stack: the failure alert in the thread names it by its path, not the nested stack resource that echoes it', async () => {
    const reason = 'Cannot upgrade postgres from 15.15 to 14.1';
    const { thread } = await deployTree(treeUpdate({ dbFails: reason }));
    const failures = thread.filter((t) => /^:rotating_light:/.test(t));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain(`Data › Db (AWS::RDS::DBInstance) UPDATE_FAILED: ${reason}`);
  }, 60_000);

  it("a run waiting on a busy tree (CloudFormation-only): its activity report shows the nested stack's events by their path and counts its resources", async () => {
    putTree();
    const other = '20261207-090000-0badc0de';
    cfn.runOperation('AppStack', treeUpdate(), {
      startStatus: 'UPDATE_IN_PROGRESS',
      tags: { DeploymentCorrelationId: other }
    });
    const job = await deployJob('waiter', {
      'registry-table': '',
      'poll-interval-seconds': '0.5',
      'wait-timeout-minutes': '1'
    });
    await job.runStage('pre');
    const main = (await job.runStage('main'))!;
    expect(main.outputs['result']).toBe('acquired');
    expect(main.stdout).toContain(`Active deployment: ${other}`);
    expect(main.stdout).toMatch(/Data › W\d \(AWS::SNS::Topic\) UPDATE_(IN_PROGRESS|COMPLETE)/);
    const done = [
      ...main.stdout.matchAll(/Progress: (\d+) resources done, (\d+) in progress/g)
    ].map((m) => Number(m[1]) + Number(m[2]));
    expect(Math.max(...done)).toBeGreaterThan(2);
  }, 60_000);
});
