/**
 * This deployment's own stack operations, told from anyone else's by identity, in process
 * (test-rig/in-process.ts): the real coordinate(), monitor loop and finalize() against the
 * scripted CloudFormation, whose operations carry a ClientRequestToken on their events and apply
 * their tags when they begin (put back when they roll back), with the registry against dynalite
 * and Slack through the real client to its stand-in, all on virtual time. Each test tells what
 * ran on the stack while the lock was held and checks what the monitor said (its observations
 * and the thread) and what finalize decided (the outcome, the log, the summary, the history).
 */
import { State } from '../../src/config/state.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import {
  STACK,
  World,
  slackOnVirtualTime,
  scratchRunnerTemp,
  type Job
} from '../../test-rig/in-process.js';
import type { ScriptStep } from '../../test-rig/scripted-cloudformation.js';
import type { MessageView, SlackStandin } from '../../test-rig/slack-standin.js';
import { summaryRow } from './stories.js';

/** Another pipeline's deployment, tagging the stack as the coordinator's deploy steps do. */
const OTHER_ID = '20260114-115500-0badc0de';
const CONSOLE_TOKEN = 'Console-UpdateStack-7f59c3cf-00d2-40c7-b2ff-e75db0987002';

let dynamo: DynamoRig;
let slack: SlackStandin;
let cleanUp: () => void;
let world: World | undefined;

beforeAll(async () => {
  cleanUp = scratchRunnerTemp();
  [dynamo, slack] = await Promise.all([DynamoRig.start(), slackOnVirtualTime(() => world)]);
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

/** An update whose Api fails 20 s in; the stack rolls back, done a minute after it began. */
const failingUpdate: ScriptStep[] = [
  { atMs: 0, status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
  { atMs: 5_000, logicalId: 'Api', status: 'UPDATE_IN_PROGRESS' },
  {
    atMs: 20_000,
    logicalId: 'Api',
    status: 'UPDATE_FAILED',
    reason: 'Runtime nodejs8.x is not supported'
  },
  { atMs: 25_000, status: 'UPDATE_ROLLBACK_IN_PROGRESS' },
  { atMs: 60_000, status: 'UPDATE_ROLLBACK_COMPLETE' }
];

async function acquired(w: World, job: Job): Promise<Job> {
  const { report } = await w.until(job.coordinate());
  expect(report.result).toBe('acquired');
  return job;
}

/** Runs virtual time until the stack's operation is over, and a little more. */
async function settled(w: World): Promise<void> {
  await w.stepUntil(() => !w.cfn.busy(STACK));
  await w.advance(1_000);
}

/** The job's thread (parent first). */
function threadOf(job: Job): MessageView[] {
  const [, ts] = (job.state.get(State.SlackThread) ?? '').split(':');
  return slack.thread(ts ?? '');
}

/** The summary's table rows under a heading. */
function sectionOf(summary: string, heading: string): string[] {
  const lines = summary.split('\n');
  const from = lines.indexOf(heading);
  if (from < 0) return [];
  const to = lines.findIndex((l, i) => i > from && l.startsWith('#'));
  return lines.slice(from + 1, to < 0 ? undefined : to).filter((l) => l.startsWith('| '));
}

describe("this deployment's operation, by identity", () => {
  it("a run holds the lock; another deployment's tagged update starts and fails, then this run's own tagged update succeeds: succeeded, the foreign one named, never this run's failure", async () => {
    const w = new World({ dynamo, slack });
    world = w;
    const a = await acquired(w, w.job('a', {}, { slack: true }));

    // Another pipeline, not coordinated, deploys with its own correlation tag; it fails.
    w.cfn.run(STACK, failingUpdate, { tags: { DeploymentCorrelationId: OTHER_ID } });
    const foreignAt = w.vt.now();
    await settled(w);
    // The rollback put the stack's tags back: nothing on the stack names the other run now.
    expect((await w.cfn.describeStacks([STACK]))[0]!.tags).toEqual({});
    const deployedAt = w.vt.now();
    expect(await w.until(a.deploy({ durationMs: 90_000 }))).toBe(true);
    const io = await w.until(a.finalize());

    // The monitor: one foreign-operation observation naming the other deployment by its tag...
    const seen = a.observed('foreign-operation').map((x) => x.o);
    expect(seen).toEqual([
      expect.objectContaining({
        type: 'foreign-operation',
        correlationId: a.correlationId,
        stack: STACK,
        by: 'tag',
        otherCorrelationId: OTHER_ID,
        startStatus: 'UPDATE_IN_PROGRESS',
        startedAt: new Date(foreignAt).toISOString(),
        reason: 'User Initiated'
      })
    ]);
    // ...and the snapshots of the tags it judged by: the other tag while that update ran, ours later.
    const tags = a.observed('stack-tag').map((x) => [x.o['status'], x.o['tag']]);
    expect(tags).toContainEqual(['UPDATE_IN_PROGRESS', OTHER_ID]);
    expect(tags).toContainEqual(['UPDATE_IN_PROGRESS', a.correlationId]);
    // No failure alert of this deployment: the failed resource was someone else's.
    expect(a.observed('alert').map((x) => (x.o['alert'] as { kind: string }).kind)).not.toContain(
      'failure'
    );

    // In the thread: the alert naming who started it; no 'Resource failed'.
    const thread = threadOf(a);
    const alerts = thread.filter((m) => m.text.includes('not this deployment'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.text).toBe(
      `:warning: ${w.environment}: an operation that is not this deployment's is running on \`${STACK}\`, started by deployment ${OTHER_ID} (tag DeploymentCorrelationId=${OTHER_ID}), 'User Initiated' [${a.correlationId}]`
    );
    expect(alerts[0]!.reply_broadcast).toBeFalsy();
    expect(thread.filter((m) => /Resource failed|nodejs8\.x/.test(m.text))).toEqual([]);
    expect(thread.filter((m) => m.reply_broadcast).at(-1)?.text).toMatch(
      /^:white_check_mark: Deployment succeeded/
    );

    // finalize: the outcome on this run's own operation; the foreign one a warning annotation.
    expect(a.sink.line('Outcome:', 'finalize').message).toBe(
      `Outcome: succeeded. Stacks now: ${STACK}=UPDATE_COMPLETE`
    );
    expect(a.sink.annotations('finalize')).toEqual([
      {
        level: 'warning',
        title: 'Foreign stack operation',
        message: `A stack operation that is not this deployment's ran while it held the lock: ${STACK}: UPDATE_IN_PROGRESS at ${new Date(foreignAt).toISOString()}, now UPDATE_ROLLBACK_COMPLETE, started by deployment ${OTHER_ID} (tag DeploymentCorrelationId=${OTHER_ID}), 'User Initiated'. It is not counted in this deployment's outcome.`
      }
    ]);
    expect(summaryRow(io.summary, 'Outcome')).toBe('| Outcome | succeeded |');
    expect(summaryRow(io.summary, 'Root cause')).toBeUndefined();
    expect(sectionOf(io.summary, '### Foreign stack operations')).toEqual([
      '| stack | began | status | started by |',
      `| ${STACK} | UPDATE_IN_PROGRESS at ${new Date(foreignAt).toISOString()} | UPDATE_ROLLBACK_COMPLETE | deployment ${OTHER_ID} (tag DeploymentCorrelationId=${OTHER_ID}), 'User Initiated' |`
    ]);
    // Its stack carries its tag: no notice about cfn-tags.
    expect(io.summary).not.toContain('### Correlation tag');
    // The deployment's duration and events are its own operation's, not the foreign one's.
    expect(summaryRow(io.summary, 'Deploying')).toBe('| Deploying | 1m 30s (estimate 30m 00s) |');
    expect(io.summary).not.toContain('nodejs8.x');
    expect(await w.history()).toEqual([
      expect.objectContaining({
        correlationId: a.correlationId,
        outcome: 'succeeded',
        startedAt: new Date(deployedAt).toISOString(),
        durationMs: 90_000
      })
    ]);
    expect((await w.record(a.correlationId))?.outcome).toBe('succeeded');
  });

  it("judged by time alone, the same story would be this run's failure: an untagged foreign update counts as ours", async () => {
    const w = new World({ dynamo });
    world = w;
    const a = await acquired(w, w.job('a'));
    // No tag, no token: nothing tells it apart from this run's own (the rule before identity).
    w.cfn.run(STACK, failingUpdate);
    await settled(w);
    const io = await w.until(a.finalize());
    expect(a.observed('foreign-operation')).toEqual([]);
    expect(summaryRow(io.summary, 'Outcome')).toBe('| Outcome | failed |');
    expect(io.summary).not.toContain('### Foreign stack operations');
  });

  it("an update from the console after this run's own succeeded (its token Console-...): succeeded, the console named, the failure not this run's", async () => {
    const w = new World({ dynamo });
    world = w;
    const a = await acquired(w, w.job('a'));
    // This run's own update carries a token with its correlation ID; no tag is needed then.
    expect(
      await w.until(
        a.deploy({ durationMs: 60_000, tagged: false, token: `exec-${a.correlationId}` })
      )
    ).toBe(true);
    // Someone then updates the stack from the console (it keeps the stack's tags); it fails.
    w.cfn.run(STACK, failingUpdate, { token: CONSOLE_TOKEN });
    await settled(w);
    const io = await w.until(a.finalize());

    expect(a.observed('foreign-operation').map((x) => x.o)).toEqual([
      expect.objectContaining({ by: 'token', clientRequestToken: CONSOLE_TOKEN })
    ]);
    expect(a.sink.line('Outcome:', 'finalize').message).toBe(
      `Outcome: succeeded. Stacks now: ${STACK}=UPDATE_ROLLBACK_COMPLETE`
    );
    expect(sectionOf(io.summary, '### Foreign stack operations')[1]).toContain(
      `| the AWS console (ClientRequestToken ${CONSOLE_TOKEN}), 'User Initiated' |`
    );
    expect(a.sink.annotations('finalize').map((x) => x.title)).toEqual(['Foreign stack operation']);
    // Told by its token, but the stack carries no tag of it: the notice shows how to pass one.
    expect(io.summary).toContain('### Correlation tag');
  });

  it('a succeeded deployment whose stack does not carry its tag: the summary shows how to pass cfn-tags', async () => {
    const w = new World({ dynamo });
    world = w;
    const a = await acquired(w, w.job('a'));
    expect(await w.until(a.deploy({ durationMs: 60_000, tagged: false }))).toBe(true);
    const io = await w.until(a.finalize());

    expect(summaryRow(io.summary, 'Outcome')).toBe('| Outcome | succeeded |');
    const notice = io.summary.slice(io.summary.indexOf('### Correlation tag'));
    expect(notice).toContain(
      "`AppStack` does not carry this deployment's `DeploymentCorrelationId` tag, so its stack operations were told from anyone else's by time alone."
    );
    expect(notice).toContain(
      `- \`aws cloudformation deploy\`: \`--tags DeploymentCorrelationId=${a.correlationId}\``
    );
    expect(notice).toContain(`\`cdk deploy --tags DeploymentCorrelationId=${a.correlationId}\``);
    expect(notice).toContain('`${{ steps.<coordinate step id>.outputs.cfn-tags }}`');
    expect(a.sink.annotations('finalize')).toEqual([]);
    expect(a.sink.line('do not carry', 'finalize').level).toBe('info');
  });

  it("a foreign update alone (another run's ID in its token), and nothing of this run's: no-change", async () => {
    const w = new World({ dynamo });
    world = w;
    const a = await acquired(w, w.job('a'));
    w.cfn.run(STACK, failingUpdate, { token: `exec-${OTHER_ID}` });
    await settled(w);
    const io = await w.until(a.finalize());
    expect(summaryRow(io.summary, 'Outcome')).toBe('| Outcome | no-change |');
    expect(sectionOf(io.summary, '### Foreign stack operations')[1]).toContain(
      `deployment ${OTHER_ID} (ClientRequestToken exec-${OTHER_ID})`
    );
    expect(await w.history()).toEqual([]);
  });
});
