/**
 * What people read tells the truth: the root cause after a failure, notices that say what happens,
 * Slack optional in fact, and links a person can click. Through the runner harness (the real
 * bundles built from src/, pre, main and post), with the registry on dynalite, the CloudFormation
 * stand-in and the Slack stand-in.
 */
import {
  DB,
  acquireFirst,
  arrive,
  cfn,
  deployJob,
  deployStep,
  finalizeFirst,
  slack,
  titled
} from './lock-safety-harness.js';
import { SLACK_WORKSPACE_URL } from '../../test-rig/slack-standin.js';

const REASON = 'Cannot upgrade postgres from 15.15 to 14.1';
const everyText = (): string[] =>
  slack.calls.map((c) => JSON.stringify(c.body)).filter((t) => t.length > 0);

describe('what people read after a run', () => {
  it('an update that fails on an RDS instance, rollback disabled, rolled back by finalize: the summary names the resource and the reason; the next queued run deploys', async () => {
    cfn.putStack('AppStack', {
      status: 'UPDATE_COMPLETE',
      disableRollback: true,
      resources: [{ ...DB, status: 'UPDATE_COMPLETE' }]
    });
    const first = await deployJob('first', {}, { slack: true });
    const held = await acquireFirst(first);
    const second = await arrive(await deployJob('second', { 'wait-timeout-minutes': '1' }));

    // The deploy step: the Db update fails, and with rollback disabled the stack stays UPDATE_FAILED.
    cfn.scriptNext('AppStack', 'UpdateStack', [
      { atMs: 0, stackStatus: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
      { atMs: 100, ...DB, status: 'UPDATE_IN_PROGRESS' },
      { atMs: 300, ...DB, status: 'UPDATE_FAILED', reason: REASON },
      {
        atMs: 400,
        stackStatus: 'UPDATE_FAILED',
        reason: 'The following resource(s) failed to update: [Db].'
      }
    ]);
    await deployStep(first, held);
    expect(cfn.stack('AppStack')?.status).toBe('UPDATE_FAILED');

    const done = await finalizeFirst(first, second);
    expect(done.post.exitCode).toBe(0);
    expect(cfn.callsOf('RollbackStack')).toHaveLength(1);
    const summary = first.summary();
    expect(summary).toContain(
      `| Root cause | Db (AWS::RDS::DBInstance) UPDATE_FAILED: ${REASON} |`
    );
    expect(summary).toMatch(
      new RegExp(`\\| Db \\(AWS::RDS::DBInstance\\) \\| UPDATE_FAILED \\| ${REASON} \\|`)
    );
    // The post log's outcome line, and the final notice, say it too.
    expect(done.post.stdout).toContain(
      `Outcome: failed (root cause: Db (AWS::RDS::DBInstance) UPDATE_FAILED: ${REASON})`
    );
    const [, ts] = (first.state['slack-thread'] ?? '').split(':');
    const final = slack.thread(ts!).find((m) => m.reply_broadcast);
    expect(final?.text).toContain(`Db UPDATE_FAILED (${REASON})`);

    // The queued run was let in after the repair, and deploys.
    const main = await second.result;
    expect(main?.outputs['result']).toBe('acquired');
    await deployStep(second.job, main!);
    const post = await second.job.runStage('post');
    expect(post?.stdout).toContain('Outcome: succeeded.');
  }, 90_000);

  it('wait-timeout-minutes 0 against a busy environment: exit 2, and no Slack message says queued; the notice says it is not deploying and who holds it', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const first = await deployJob('first', {}, { slack: true });
    const held = await acquireFirst(first);
    const impatient = await deployJob(
      'impatient',
      { 'wait-timeout-minutes': '0' },
      { slack: true }
    );
    await impatient.runStage('pre');
    const main = await impatient.runStage('main');
    expect(main?.exitCode).toBe(2);
    expect(main?.outputs['result']).toBe('concurrent');
    const post = await impatient.runStage('post');
    expect(post?.exitCode).toBe(0);

    expect(everyText().filter((t) => /queued/i.test(t))).toEqual([]);
    const notice = slack.calls.find(
      (c) =>
        c.method === 'chat.postMessage' &&
        String(c.body['text']).includes(main?.outputs['correlation-id'] ?? '-')
    );
    expect(String(notice?.body['text'])).toBe(
      `:no_entry: Not deploying: production: did not wait for ${held.outputs['correlation-id']} [${main?.outputs['correlation-id']}]`
    );
  }, 60_000);

  it('slack-token empty with slack-channel set: pre and main succeed with a warning naming slack-token, the deployment is acquired, no Slack call is made', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const job = await deployJob('fork', {
      'slack-token': '',
      'slack-channel': '#deploys',
      'slack-api-url': slack.url
    });
    const pre = await job.runStage('pre');
    expect(pre?.exitCode).toBe(0);
    const [warning] = titled(pre, 'warning', 'Input warning');
    expect(warning?.message).toMatch(
      /^\[[^\]]+\] 'slack-token' is empty while 'slack-channel' is set/
    );
    const main = await job.runStage('main');
    expect(main?.exitCode).toBe(0);
    expect(main?.outputs['result']).toBe('acquired');
    // Said once, in the job's first stage.
    expect(titled(main, 'warning', 'Input warning')).toEqual([]);
    await deployStep(job, main!);
    const post = await job.runStage('post');
    expect(post?.exitCode).toBe(0);
    expect(slack.calls).toEqual([]);
  }, 60_000);

  it("a successful deployment with Slack: the summary links the thread by chat.getPermalink's answer", async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const job = await deployJob('linked', {}, { slack: true });
    const main = await acquireFirst(job);
    await deployStep(job, main);
    const post = await job.runStage('post');
    expect(post?.stdout).toContain('Outcome: succeeded.');
    const [channel, ts] = (job.state['slack-thread'] ?? '').split(':');
    const asked = slack.callsOf('chat.getPermalink');
    expect(asked.map((c) => [c.body['channel'], c.body['message_ts']])).toEqual([[channel, ts]]);
    // What the stand-in answers, as Slack does: the workspace's archive link of the parent.
    const permalink = `${SLACK_WORKSPACE_URL}archives/${channel}/p${ts!.replace('.', '')}`;
    expect(job.summary()).toContain(`| Slack thread | [thread in ${channel}](${permalink}) |`);
  }, 60_000);
});
