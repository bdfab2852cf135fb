import type { Job } from '../../test-rig/runner.js';
import { cfn, deploy, dynamo, settle, slack, slackJob, sleep, texts } from './slack-harness.js';

describe('Slack: one thread per deployment', () => {
  it('Slack down for the whole job: the deployment and the lock are unaffected and the job summary lists what was not delivered', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    slack.down(true);
    const job = await slackJob('slack-down');
    await job.runStage('pre');
    const main = await job.runStage('main');
    expect(main?.exitCode).toBe(0);
    expect(main?.outputs['result']).toBe('acquired');
    deploy(800);
    await settle();
    const post = await job.runStage('post');
    expect(post?.exitCode).toBe(0);
    expect(post?.stdout).toMatch(/Released production/);
    expect((await dynamo.items()).find((i) => i['sk'] === 'LOCK')?.['holder']).toBeUndefined();
    expect(job.summary()).toMatch(/not delivered/);
    expect(job.summary()).toMatch(/\| started \|/);
    expect(post?.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', properties: { title: 'Slack messages lost' } })
    );
    expect(await job.end()).toEqual([]);
  }, 90_000);

  it('a monitor that dies is restarted by its supervisor and the thread gets a monitoring gap notice', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const job = await slackJob('gap');
    await job.runStage('pre');
    const main = await job.runStage('main');
    const workers = async (): Promise<number[]> =>
      (await job.processes()).filter((p) => p.cmdline.includes('--worker')).map((p) => p.pid);
    let first: number[] = [];
    for (let i = 0; i < 50 && first.length === 0; i++) {
      first = await workers();
      await sleep(50);
    }
    expect(first).toHaveLength(1);
    process.kill(first[0]!, 'SIGKILL');
    let gap: string | undefined;
    for (let i = 0; i < 60 && !gap; i++) {
      await sleep(100);
      gap = texts().find((t) => /monitoring gap/i.test(t));
    }
    expect(gap).toContain(main?.outputs['correlation-id']);
    // The supervisor posts the notice, then starts the new worker: wait for it to be there.
    let now: number[] = [];
    for (let i = 0; i < 50 && (now.length === 0 || now[0] === first[0]); i++) {
      now = await workers();
      if (now.length === 0 || now[0] === first[0]) await sleep(100);
    }
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(first[0]);
    // The lock is still heartbeated and finalize still stops everything.
    const post = await job.runStage('post');
    expect(post?.stdout).toMatch(/Released production/);
    expect(await job.end()).toEqual([]);
  });

  describe('questions in the interact channel', () => {
    async function askedJob(
      inputs: Record<string, string>
    ): Promise<{ job: Job; running: ReturnType<Job['startStage']> }> {
      cfn.putStack('AppStack', {
        status: 'UPDATE_ROLLBACK_COMPLETE',
        stackStatusReason: 'Bucket already exists'
      });
      const job = await slackJob('asked', {
        warnings: 'ask',
        'slack-interact-channel': '#deploy-interact',
        ...inputs
      });
      await job.runStage('pre');
      return { job, running: job.startStage('main') };
    }
    async function question(): Promise<{ channel: string; ts: string }> {
      const channel = slack.channelId('#deploy-interact');
      for (let i = 0; i < 100; i++) {
        const q = slack.messages(channel).find((m) => /despite 1 warning/.test(m.text ?? ''));
        if (q) return { channel, ts: q.ts };
        await sleep(50);
      }
      throw new Error('no question was asked');
    }

    it('a ✅ reaction on the question lets the deployment go on', async () => {
      const { running } = await askedJob({});
      const q = await question();
      slack.react(q.channel, q.ts, 'white_check_mark');
      const main = await running.result;
      expect(main?.outputs['result']).toBe('acquired');
      expect(main?.stdout).toMatch(/proceed: answered 'proceed' in Slack/);
    });

    it('a thread reply `abort` stops it: result aborted, and the lock is given back', async () => {
      const { running } = await askedJob({});
      const q = await question();
      slack.reply(q.channel, q.ts, 'abort, the fix is not merged yet');
      const main = await running.result;
      expect(main?.exitCode).toBe(1);
      expect(main?.outputs['result']).toBe('aborted');
      expect((await dynamo.items()).find((i) => i['sk'] === 'LOCK')?.['holder']).toBeUndefined();
    });

    it('no answer within ask-timeout-minutes: the safe default, abort', async () => {
      const { running } = await askedJob({ 'ask-timeout-minutes': '0.02' });
      const q = await question();
      const main = await running.result;
      expect(main?.outputs['result']).toBe('aborted');
      expect(main?.stdout).toMatch(/abort: no answer within 1s/);
      expect(slack.thread(q.ts).some((m) => /No answer: aborting/.test(m.text ?? ''))).toBe(true);
    });
  });
});
