import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MessageView } from '../../test-rig/slack-standin.js';
import {
  DURATION,
  cfn,
  deploy,
  eventAt,
  isPlainReply,
  messages,
  postedAt,
  printedMs,
  settle,
  slack,
  slackJob,
  sleep
} from './slack-harness.js';

describe('Slack: one thread per deployment', () => {
  it('a stack that stops emitting events gets one stall alert after stall-timeout-minutes of silence, in its thread before the events-resumed note and the final notice', async () => {
    const STALL_MS = 1_200; // stall-timeout-minutes 0.02
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const job = await slackJob('stalling', {
      'stall-timeout-minutes': '0.02',
      'monitor-interval-seconds': '0.2'
    });
    await job.runStage('pre');
    await job.runStage('main');
    // Silent from Db's event at 100 ms until the stack completes at 6 s: several stall timeouts.
    cfn.runOperation(
      'AppStack',
      [
        { atMs: 100, logicalId: 'Db', type: 'AWS::RDS::DBInstance', status: 'UPDATE_IN_PROGRESS' },
        { atMs: 6_000, stackStatus: 'UPDATE_COMPLETE' }
      ],
      { startStatus: 'UPDATE_IN_PROGRESS' }
    );
    const isStall = (m: MessageView): boolean => /no stack events for/i.test(m.text);
    const isResumed = (m: MessageView): boolean => /stack events resumed/i.test(m.text);
    // Deadlines to wait for, not assertions: the stall, the end of the operation, the resumed note.
    for (let i = 0; i < 60 && !messages().some(isStall); i++) await sleep(100);
    await settle();
    for (let i = 0; i < 60 && !messages().some(isResumed); i++) await sleep(100);
    const post = await job.runStage('post');
    expect(post?.exitCode).toBe(0);

    // Once per episode, although the silence lasted several stall timeouts.
    const stalls = messages().filter(isStall);
    expect(stalls).toHaveLength(1);
    const stall = stalls[0]!;
    expect(isPlainReply(stall)).toBe(true);
    // It names the last event before the silence.
    expect(JSON.stringify(stall.blocks)).toContain('Db');
    // Not before the stall timeout had passed since the last event (the product's own timer)...
    const lastEventAt = eventAt('UPDATE_IN_PROGRESS', 'Db');
    expect(postedAt(stall) - lastEventAt).toBeGreaterThanOrEqual(STALL_MS);
    // ...and during the silence it reports: events resuming is what ends the episode.
    const resumedEventAt = eventAt('UPDATE_COMPLETE');
    expect(postedAt(stall)).toBeLessThan(resumedEventAt);
    // The silence it reports is at least the stall timeout (printed in whole seconds, rounded)...
    const silent = new RegExp(`no stack events for ${DURATION}`, 'i').exec(stall.text)?.[1] ?? '';
    expect(printedMs(silent)).toBeGreaterThanOrEqual(Math.round(STALL_MS / 1000) * 1000);
    // ...and exactly so in the monitor's own record of the alert.
    const records = readFileSync(join(job.state['monitor-dir'] ?? '', 'monitor.jsonl'), 'utf8')
      .split('\n')
      // The monitor's stderr (e.g. Node's warnings) goes to the same file.
      .filter((l) => l.startsWith('{'))
      .map(
        (l) => JSON.parse(l) as { type?: string; alert?: { kind?: string; silentForMs?: number } }
      );
    const stallRecords = records.filter((r) => r.type === 'alert' && r.alert?.kind === 'stall');
    expect(stallRecords).toHaveLength(1);
    expect(stallRecords[0]!.alert!.silentForMs).toBeGreaterThanOrEqual(STALL_MS);

    // When events resume, one note says so, after the events came back, with the whole silence.
    const resumed = messages().filter(isResumed);
    expect(resumed).toHaveLength(1);
    expect(postedAt(resumed[0]!)).toBeGreaterThanOrEqual(resumedEventAt);
    const silence =
      new RegExp(`resumed after ${DURATION} of silence`, 'i').exec(resumed[0]!.text)?.[1] ?? '';
    expect(printedMs(silence)).toBeGreaterThanOrEqual(printedMs(silent));

    // All in the deployment's thread, in this order: stall, resumed, final notice (succeeded).
    const thread = slack.thread(stall.thread_ts!);
    const at = (m: MessageView | undefined): number => thread.findIndex((x) => x.ts === m?.ts);
    const final = thread.filter((m) => m.reply_broadcast).at(-1);
    expect(final?.text).toMatch(/succeeded|deployed/i);
    expect(at(stall)).toBeGreaterThan(0);
    expect(at(resumed[0])).toBeGreaterThan(at(stall));
    expect(at(final)).toBeGreaterThan(at(resumed[0]));
  });

  it('Slack answering 429 three times, then normally: every message arrives, in order', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    slack.rateLimitNext(3, 0);
    const job = await slackJob('ratelimited');
    await job.runStage('pre');
    const main = await job.runStage('main');
    deploy(1_000);
    await settle();
    await job.runStage('post');
    const id = main?.outputs['correlation-id'] ?? '';
    expect(slack.calls.filter((c) => c.status === 429)).toHaveLength(3);
    const posted = slack.calls
      .filter((c) => c.method === 'chat.postMessage' && c.status === 200)
      .map((c) => String((c.body as { text?: string }).text));
    expect(posted[0]).toMatch(/Deploying|started/i);
    expect(posted.at(-1)).toMatch(/succeeded|deployed/i);
    for (const t of posted) expect(t).toContain(id);
    expect(job.summary()).not.toMatch(/not delivered/);
  });
});
