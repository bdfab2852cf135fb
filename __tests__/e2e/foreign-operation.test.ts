import type { Step } from '../../test-rig/cfn-standin.js';
import {
  API,
  acquireFirst,
  cfn,
  deployJob,
  deployStep,
  record,
  slack,
  slackMessage,
  titled,
  waitUntil,
  monitorObserved
} from './lock-safety-harness.js';

// This deployment's own stack operation, by identity, through the runner harness: the bundles
// built from src/, the detached monitor, the CloudFormation stand-in (whose operations carry their
// tags and ClientRequestToken as CloudFormation records them), dynalite and the Slack stand-in.

/** Another pipeline's deployment, not coordinated, tagging the stack with its own correlation ID. */
const OTHER_ID = '20260114-115500-0badc0de';

/**
 * An update whose Api fails; the stack rolls back. It runs 4 s before failing, so the monitor
 * (polling every 0.5 s) sees it running several times even on a busy machine.
 */
const failingUpdate: Step[] = [
  { atMs: 0, stackStatus: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
  { atMs: 300, ...API, status: 'UPDATE_IN_PROGRESS' },
  { atMs: 4_000, ...API, status: 'UPDATE_FAILED', reason: 'Runtime nodejs8.x is not supported' },
  { atMs: 4_100, stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS' },
  { atMs: 5_000, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' }
];

describe("this deployment's operation, by identity", () => {
  it("While a run holds the lock, an operation that carries another DeploymentCorrelationId tag starts and fails, and then this run's own tagged update succeeds: finalize reports `succeeded`, and the foreign operation is named in the summary.", async () => {
    cfn.putStack('AppStack', {
      status: 'UPDATE_COMPLETE',
      resources: [{ ...API, status: 'UPDATE_COMPLETE' }]
    });
    const job = await deployJob('first', {}, { slack: true });
    const main = await acquireFirst(job);
    const id = main.outputs['correlation-id']!;
    const observed = (type: string): Record<string, unknown>[] => monitorObserved(job, type);
    // The monitor has seen the stack as the deploy step starts from (its tags, before anything ran).
    await waitUntil(() => observed('stack-tag').length > 0, 10_000);

    // Someone else's deployment, with its own tag, starts and fails while this run holds the lock.
    cfn.runOperation('AppStack', failingUpdate, { tags: { DeploymentCorrelationId: OTHER_ID } });
    await waitUntil(() => cfn.stack('AppStack')?.status === 'UPDATE_ROLLBACK_COMPLETE', 15_000);
    // The rollback put the stack's tags back, so only what the monitor saw meanwhile names it.
    expect(cfn.stack('AppStack')?.tags).toEqual({});
    const alert = await slackMessage('#deploys', /not this deployment's/);
    expect(alert.text).toContain(
      `started by deployment ${OTHER_ID} (tag DeploymentCorrelationId=${OTHER_ID})`
    );
    expect(alert.thread_ts).toBe(job.state['slack-thread']?.split(':')[1]);

    // Then this run's own deploy step: an UpdateStack with its tag (the cfn-tags output).
    await deployStep(job, main);
    expect(cfn.stack('AppStack')?.tags).toEqual({ DeploymentCorrelationId: id });
    const post = await job.runStage('post');
    expect(post?.exitCode).toBe(0);

    expect(post?.stdout).toContain('Outcome: succeeded. Stacks now: AppStack=UPDATE_COMPLETE');
    expect(post?.summary).toContain('| Outcome | succeeded |');
    expect(post?.summary).not.toContain('| Root cause |');
    // The foreign operation, named in the summary and as a warning in the post log.
    const summary = post!.summary.split('\n');
    const heading = summary.indexOf('### Foreign stack operations');
    expect(heading).toBeGreaterThan(0);
    const row = summary.slice(heading).find((l) => l.startsWith('| AppStack |'));
    expect(row).toMatch(
      new RegExp(
        `^\\| AppStack \\| UPDATE_IN_PROGRESS at \\S+ \\| UPDATE_ROLLBACK_COMPLETE \\| deployment ${OTHER_ID} \\(tag DeploymentCorrelationId=${OTHER_ID}\\), 'User Initiated' \\|$`
      )
    );
    const warnings = titled(post, 'warning', 'Foreign stack operation');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain(`started by deployment ${OTHER_ID}`);
    expect(post?.summary).not.toContain('### Correlation tag');

    // The monitor's record of it, and no failure alert of this deployment for someone else's failure.
    expect(observed('foreign-operation')).toEqual([
      expect.objectContaining({ correlationId: id, by: 'tag', otherCorrelationId: OTHER_ID })
    ]);
    const thread = slack.thread(alert.thread_ts!);
    expect(thread.filter((m) => /Resource failed|nodejs8\.x/.test(m.text))).toEqual([]);
    expect(thread.filter((m) => m.reply_broadcast).at(-1)?.text).toMatch(
      /^:white_check_mark: Deployment succeeded/
    );
    expect((await record(id)) as unknown).toMatchObject({ outcome: 'succeeded' });
  }, 90_000);
});
