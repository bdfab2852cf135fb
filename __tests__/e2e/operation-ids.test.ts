import type { Step } from '../../test-rig/cfn-standin.js';
import type { Job } from '../../test-rig/runner.js';
import {
  API,
  acquireFirst,
  cfn,
  deployJob,
  deployStep,
  record,
  slack,
  slackMessage,
  slowUpdate,
  titled,
  waitUntil,
  monitorObserved
} from './lock-safety-harness.js';

// Operations by their ID, through the runner harness: the bundles built from src/, the detached
// monitor, the CloudFormation stand-in serving `OperationId` on every event (an automatic rollback
// has an ID of its own, as CloudFormation gives it), dynalite and the Slack stand-in. The same
// stories without IDs are the other end-to-end tests, run with CFN_STANDIN_OPERATION_IDS=off.

const OTHER_ID = '20260114-115500-0badc0de';
const CONSOLE_TOKEN = 'Console-UpdateStack-0b5e8f62-3f1c-4d55-9a43-7d1c2e9f0a11';
const REASON = 'Runtime nodejs8.x is not supported';

/** An update whose Api fails 4 s in; the stack rolls back by itself. */
const failingUpdate: Step[] = [
  { atMs: 0, stackStatus: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
  { atMs: 300, ...API, status: 'UPDATE_IN_PROGRESS' },
  { atMs: 4_000, ...API, status: 'UPDATE_FAILED', reason: REASON },
  { atMs: 4_100, stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS' },
  { atMs: 4_600, ...API, status: 'UPDATE_COMPLETE' },
  { atMs: 5_000, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' }
];

beforeAll(() => {
  // Whatever CFN_STANDIN_OPERATION_IDS says: these stories are about the IDs.
  cfn.operationIds = true;
});

/** The monitor's observations of a type, from its log. */
const observed = monitorObserved;

/** The job's Slack thread. */
const threadOf = (job: Job) => slack.thread(job.state['slack-thread']?.split(':')[1] ?? '');

/** The summary's rows under a heading. */
function sectionOf(summary: string, heading: string): string[] {
  const lines = summary.split('\n');
  const from = lines.indexOf(heading);
  if (from < 0) return [];
  const to = lines.findIndex((l, i) => i > from && l.startsWith('#'));
  return lines.slice(from + 1, to < 0 ? undefined : to).filter((l) => l.startsWith('| '));
}

describe('operations by their ID', () => {
  it("this run's update fails and CloudFormation rolls it back (the rollback an operation of its own ID): one attempt, failed, the root cause the update's failed resource, nothing foreign", async () => {
    cfn.putStack('AppStack', {
      status: 'UPDATE_COMPLETE',
      resources: [{ ...API, status: 'UPDATE_COMPLETE' }]
    });
    const job = await deployJob('first', {}, { slack: true });
    const main = await acquireFirst(job);
    const id = main.outputs['correlation-id']!;

    cfn.scriptNext('AppStack', 'UpdateStack', failingUpdate);
    await deployStep(job, main);
    const stack = cfn.stack('AppStack')!;
    expect(stack.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    // CloudFormation's record: the automatic rollback, then the update it rolled back.
    expect(stack.lastOperations.map((o) => o.operationType)).toEqual(['ROLLBACK', 'UPDATE_STACK']);
    const [rollbackId, updateId] = stack.lastOperations.map((o) => o.operationId);
    // Let the monitor read the rollback's end before post stops it.
    await waitUntil(
      () =>
        observed(job, 'event').some(
          (o) => (o['event'] as { status: string }).status === 'UPDATE_ROLLBACK_COMPLETE'
        ),
      10_000
    );
    const post = (await job.runStage('post'))!;
    expect(post.exitCode).toBe(0);

    // The monitor read the events with their IDs, the update's and the rollback's.
    const ids = observed(job, 'event').map(
      (o) => (o['event'] as { operationId?: string }).operationId
    );
    expect(new Set(ids)).toEqual(new Set([updateId, rollbackId]));
    expect(observed(job, 'foreign-operation')).toEqual([]);

    const cause = `Api (AWS::Lambda::Function) UPDATE_FAILED: ${REASON}`;
    expect(post.stdout).toContain(
      `Outcome: failed (root cause: ${cause}). Stacks now: AppStack=UPDATE_ROLLBACK_COMPLETE`
    );
    expect(job.summary()).toContain('| Outcome | failed |');
    expect(job.summary()).toContain(`| Root cause | ${cause} |`);
    expect(job.summary()).not.toContain('### Foreign stack operations');
    expect(titled(post, 'warning', 'Foreign stack operation')).toEqual([]);
    const thread = threadOf(job);
    expect(thread.filter((m) => /not this deployment's/.test(m.text))).toEqual([]);
    expect(thread.filter((m) => m.reply_broadcast).at(-1)?.text).toMatch(/Deployment failed/);
    expect((await record(id)) as unknown).toMatchObject({ outcome: 'failed', rootCause: cause });
  }, 90_000);

  it.each([
    {
      who: 'the AWS console',
      opts: { token: CONSOLE_TOKEN },
      startedBy: `the AWS console (ClientRequestToken ${CONSOLE_TOKEN}), 'User Initiated'`,
      by: 'token'
    },
    {
      who: 'another deployment (its correlation ID as its tag)',
      opts: { tags: { DeploymentCorrelationId: OTHER_ID } },
      startedBy: `deployment ${OTHER_ID} (tag DeploymentCorrelationId=${OTHER_ID}), 'User Initiated'`,
      by: 'tag'
    }
  ])(
    "an operation of another ID that $who starts in the same second as this run's update ends, and fails: foreign, named in the monitor's alert and the post log; this run succeeded",
    async ({ opts, startedBy, by }) => {
      cfn.putStack('AppStack', {
        status: 'UPDATE_COMPLETE',
        resources: [{ ...API, status: 'UPDATE_COMPLETE' }]
      });
      const job = await deployJob('first', {}, { slack: true });
      const main = await acquireFirst(job);
      const id = main.outputs['correlation-id']!;
      // This run's update takes 3 s: the monitor (polling every 0.5 s) sees the stack carry its tag,
      // the tag the other deployment's update then replaces.
      cfn.scriptNext('AppStack', 'UpdateStack', slowUpdate(3_000));
      await deployStep(job, main);
      const ours = cfn.stack('AppStack')!;
      expect(ours.status).toBe('UPDATE_COMPLETE');
      const lastOfOurs = ours.events[0]!;

      // Someone else's update, its first event at the very time of this run's last one.
      const startAt = lastOfOurs.timestamp.getTime();
      cfn.runOperation('AppStack', failingUpdate, { ...opts, startAt });
      const theirs = cfn.stack('AppStack')!.operations.at(-1)!;
      expect(theirs.operationId).not.toBe(lastOfOurs.operationId);
      const first = cfn
        .stack('AppStack')!
        .events.findLast((e) => e.operationId === theirs.operationId)!;
      expect(Math.floor(first.timestamp.getTime() / 1000)).toBe(
        Math.floor(lastOfOurs.timestamp.getTime() / 1000)
      );

      // The monitor names it in the thread while it runs.
      const alert = await slackMessage('#deploys', /not this deployment's/);
      expect(alert.text).toContain(`started by ${startedBy}`);
      expect(alert.thread_ts).toBe(job.state['slack-thread']?.split(':')[1]);
      await waitUntil(() => cfn.stack('AppStack')?.status === 'UPDATE_ROLLBACK_COMPLETE', 15_000);
      await waitUntil(
        () =>
          observed(job, 'event').some(
            (o) => (o['event'] as { status: string }).status === 'UPDATE_ROLLBACK_COMPLETE'
          ),
        10_000
      );
      const post = (await job.runStage('post'))!;
      expect(post.exitCode).toBe(0);

      expect(observed(job, 'foreign-operation')).toEqual([
        expect.objectContaining({ correlationId: id, by, startStatus: 'UPDATE_IN_PROGRESS' })
      ]);
      expect(post.stdout).toContain(
        'Outcome: succeeded. Stacks now: AppStack=UPDATE_ROLLBACK_COMPLETE'
      );
      const warnings = titled(post, 'warning', 'Foreign stack operation');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.message).toContain(
        `AppStack: UPDATE_IN_PROGRESS at ${first.timestamp.toISOString()}, now UPDATE_ROLLBACK_COMPLETE, started by ${startedBy}`
      );
      expect(sectionOf(job.summary(), '### Foreign stack operations')).toEqual([
        '| stack | began | status | started by |',
        `| AppStack | UPDATE_IN_PROGRESS at ${first.timestamp.toISOString()} | UPDATE_ROLLBACK_COMPLETE | ${startedBy} |`
      ]);
      expect(job.summary()).toContain('| Outcome | succeeded |');
      expect(job.summary()).not.toContain('| Root cause |');
      // Its failure is not this run's: no failure alert, and the final notice says succeeded.
      const thread = threadOf(job);
      expect(thread.filter((m) => /Resource failed|nodejs8\.x/.test(m.text))).toEqual([]);
      expect(thread.filter((m) => m.reply_broadcast).at(-1)?.text).toMatch(
        /^:white_check_mark: Deployment succeeded/
      );
      expect((await record(id)) as unknown).toMatchObject({ outcome: 'succeeded' });
    },
    90_000
  );
});
