import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type MessageView } from '../../test-rig/slack-standin.js';
import {
  TOKEN,
  cfn,
  deploy,
  eventAt,
  isPlainReply,
  messages,
  postedAt,
  settle,
  slack,
  slackJob,
  sleep,
  texts
} from './slack-harness.js';

describe('Slack: one thread per deployment', () => {
  it('a deployment posts a started parent, progress replies, updates the parent and broadcasts succeeded, each with the correlation ID', async () => {
    cfn.putStack('AppStack', {
      status: 'UPDATE_COMPLETE',
      outputs: { ApiUrl: 'https://api.example.com/' }
    });
    const event = {
      head_commit: { message: 'Fix the <!channel> alert & <https://evil.example|click here>' }
    };
    const job = await slackJob(
      'deploy',
      { 'progress-interval-minutes': '0.01', 'url-output': 'ApiUrl' },
      event
    );
    await job.runStage('pre');
    const main = await job.runStage('main');
    expect(main?.outputs['result']).toBe('acquired');
    const id = main?.outputs['correlation-id'] ?? '';
    const monitorArgv = (await job.processes())
      .map((p) => p.cmdline)
      .filter((c) => c.includes('monitor'));
    deploy(2_000);
    await settle();
    await sleep(400);
    const post = await job.runStage('post');
    expect(post?.exitCode).toBe(0);

    const channel = slack.channelId('#deploys');
    const [parent, ...others] = slack
      .messages(channel)
      .filter((m) => !m.thread_ts || m.thread_ts === m.ts);
    expect(others.filter((m) => !m.reply_broadcast)).toEqual([]);
    expect(parent?.text).toContain(id);
    const thread = slack.thread(parent!.ts);
    const replies = thread.slice(1);
    expect(replies.length).toBeGreaterThanOrEqual(2);
    for (const m of thread) expect(m.text).toContain(id);
    expect(
      replies.some(
        (r) => /progress/i.test(JSON.stringify(r.blocks)) || /progress/i.test(r.text ?? '')
      )
    ).toBe(true);
    const final = replies.at(-1)!;
    expect(final.reply_broadcast).toBe(true);
    expect(final.text).toMatch(/succeeded|deployed/i);
    expect(JSON.stringify(final.blocks)).toContain('https://api.example.com/');
    // The parent was updated in place to the final state.
    expect(parent!.versions.length).toBeGreaterThanOrEqual(2);
    expect(slack.message(parent!.ts)?.text).toMatch(/deployed|succeeded/i);
    // Outside text arrives escaped: the commit message can neither ping the channel nor forge a link.
    const all = JSON.stringify(slack.messages(channel));
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<https://evil.example|click here>');
    expect(all).toContain('&lt;!channel&gt;');
    // The token never reached the monitor's command line, its log, or its settings file.
    const dir = job.state['monitor-dir'] ?? '';
    // The monitor's settings are readable by the runner's user only.
    expect(statSync(join(dir, 'monitor.json')).mode & 0o777).toBe(0o600);
    for (const file of ['monitor.json', 'monitor.jsonl'])
      expect(readFileSync(join(dir, file), 'utf8')).not.toContain(TOKEN);
    // Masked at once (the runner consumes ::add-mask::), and printed nowhere else.
    const printed = [main, post]
      .flatMap((r) => (r?.stdout ?? '').split('\n'))
      .filter((l) => !l.startsWith('::add-mask::'));
    expect(printed.join('\n')).not.toContain(TOKEN);
    expect(monitorArgv.some((argv) => argv.includes(TOKEN))).toBe(false);
    expect(monitorArgv.length).toBeGreaterThan(0);
    expect(await job.end()).toEqual([]);
  });

  it("a second run posts queued naming the first one's correlation ID and start time", async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const first = await slackJob('first');
    await first.runStage('pre');
    const held = await first.runStage('main');
    const second = await slackJob('second', { 'wait-timeout-minutes': '0.02' });
    await second.runStage('pre');
    const waiting = await second.runStage('main');
    expect(waiting?.outputs['result']).toBe('concurrent');
    const queued = texts().find(
      (t) => t.includes(waiting?.outputs['correlation-id'] ?? '?') && /queue/i.test(t)
    );
    expect(queued).toBeDefined();
    const queuedMessage = slack
      .messages(slack.channelId('#deploys'))
      .find((m) => m.text === queued)!;
    const body = JSON.stringify(queuedMessage.blocks);
    expect(body).toContain(held?.outputs['correlation-id'] ?? '?');
    // The start time of the active deployment, as a Slack date.
    expect(body).toMatch(/<!date\^\d+\^/);
  });

  it('a failing resource gets its alert before the stack finishes rolling back; the final notice says failed with the root cause', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const job = await slackJob('failing');
    await job.runStage('pre');
    await job.runStage('main');
    deploy(3_000, true);
    const isFailureAlert = (m: MessageView): boolean =>
      isPlainReply(m) && /nodejs8\.x|Api/.test(m.text) && /fail/i.test(m.text);
    // A deadline to wait for, not an assertion.
    for (let i = 0; i < 60 && !messages().some(isFailureAlert); i++) await sleep(100);
    await settle();
    await job.runStage('post');
    const alert = messages().find(isFailureAlert);
    expect(alert).toBeDefined();
    // Caused by the failure, and posted while the stack was still rolling back (by the stand-in's
    // event times, not by when this test happened to look).
    expect(postedAt(alert!)).toBeGreaterThanOrEqual(eventAt('UPDATE_FAILED', 'Api'));
    expect(postedAt(alert!)).toBeLessThan(eventAt('UPDATE_ROLLBACK_COMPLETE'));
    const all = JSON.stringify(slack.messages(slack.channelId('#deploys')));
    expect(all).toContain('Runtime nodejs8.x is not supported');
    // The cancellation echo is not reported as the cause.
    const alerts = texts().filter((t) => /Queue/.test(t) && /alert/i.test(t));
    expect(alerts).toEqual([]);
    const final = slack
      .messages(slack.channelId('#deploys'))
      .filter((m) => m.reply_broadcast)
      .at(-1);
    expect(final?.text).toMatch(/fail/i);
  });
});
