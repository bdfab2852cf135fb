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
  record,
  slack,
  titled
} from './lock-safety-harness.js';
import { SLACK_WORKSPACE_URL } from '../../test-rig/slack-standin.js';
import { treeOperation, type TreeResource } from '../../test-rig/cfn-standin.js';

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

  /** AppStack (Topic, Data) with Data (Table, Db) nested, and Inner (Db) below Data when `deeper`. */
  function putTree(deeper: boolean): void {
    cfn.putStack('AppStack', {
      status: 'UPDATE_COMPLETE',
      resources: [{ logicalId: 'Topic', type: 'AWS::SNS::Topic', status: 'UPDATE_COMPLETE' }]
    });
    const data = cfn.putNestedStack('AppStack', 'Data', {
      status: 'UPDATE_COMPLETE',
      resources: [{ logicalId: 'Table', type: 'AWS::SNS::Topic', status: 'UPDATE_COMPLETE' }]
    });
    cfn.putNestedStack(deeper ? data : 'AppStack', deeper ? 'Inner' : 'Data', {
      status: 'UPDATE_COMPLETE',
      resources: [{ ...DB, status: 'UPDATE_COMPLETE' }]
    });
  }

  /** The deployment fails on Db inside the tree; everything a person reads names it by its path. */
  async function failInTree(deeper: boolean): Promise<{ path: string; debug: string[] }> {
    putTree(deeper);
    const db: TreeResource = { logicalId: 'Db', type: DB.type, fails: REASON };
    cfn.scriptNext(
      'AppStack',
      'UpdateStack',
      treeOperation({
        resources: [
          'Topic',
          {
            logicalId: 'Data',
            nested: deeper ? ['Table', { logicalId: 'Inner', nested: [db] }] : ['Table', db]
          }
        ]
      })
    );
    const job = await deployJob('nested', {}, { slack: true });
    const main = await acquireFirst(job);
    await deployStep(job, main);
    expect(cfn.stack('AppStack')?.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    const post = (await job.runStage('post'))!;
    expect(post.exitCode).toBe(0);

    const path = deeper ? 'Data › Inner › Db' : 'Data › Db';
    const cause = `${path} (AWS::RDS::DBInstance) UPDATE_FAILED: ${REASON}`;
    expect(job.summary()).toContain(`| Root cause | ${cause} |`);
    expect(post.stdout).toContain(`Outcome: failed (root cause: ${cause})`);
    const [, ts] = (job.state['slack-thread'] ?? '').split(':');
    const final = slack.thread(ts!).find((m) => m.reply_broadcast);
    expect(final?.text).toContain(`${path} UPDATE_FAILED (${REASON})`);
    expect(JSON.stringify(final?.blocks)).toContain(
      `\`${path}\` (AWS::RDS::DBInstance) *UPDATE_FAILED* — ${REASON}`
    );
    const rec = (await record(main.outputs['correlation-id'] ?? '')) as unknown as {
      rootCause?: string;
    };
    expect(rec.rootCause).toBe(cause);
    // Said once, as the root cause: no warning about how it was found.
    expect(post.annotations.filter((a) => a.level === 'warning')).toEqual([]);
    return {
      path,
      debug: post.annotations.filter((a) => a.level === 'debug').map((a) => a.message)
    };
  }

  it("a resource failing two levels down in nested stacks: the summary, the post log, the final notice and the record name it by its path, with its type and reason, found with DescribeEvents' FailedEvents", async () => {
    // An endpoint that serves DescribeEvents (and operation IDs), whatever CFN_STANDIN_OPERATION_IDS says.
    const served = cfn.operationIds;
    cfn.operationIds = true;
    try {
      await failInTree(true);
    } finally {
      cfn.operationIds = served;
    }
    expect(
      cfn.callsOf('DescribeEvents').map((c) => [c.params['Filters.FailedEvents'], c.status])
    ).toEqual([
      ['true', 200],
      ['true', 200]
    ]);
  }, 60_000);

  it("a resource failing in a nested stack, with a role that may not call DescribeEvents: found from the nested stack's events, said in the debug log only", async () => {
    cfn.denied.add('DescribeEvents');
    try {
      const { debug } = await failInTree(false);
      expect(cfn.callsOf('DescribeEvents').map((c) => c.status)).toEqual([403]);
      expect(debug.join('\n')).toMatch(/DescribeEvents not used \(AccessDenied: /);
    } finally {
      cfn.denied.clear();
    }
  }, 60_000);

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
