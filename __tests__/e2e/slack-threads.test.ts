import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TOKEN, cfn, deploy, settle, slack, slackJob, sleep } from './slack-harness.js';

// The stories that need no real process (queued, a failing resource, a stall, 429s) are told in
// process in __tests__/stages/slack.test.ts.
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
});
