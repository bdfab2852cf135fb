import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationStandin } from '../../test-rig/cfn-standin.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import type { Job } from '../../test-rig/runner.js';
import { SlackStandin, type MessageView } from '../../test-rig/slack-standin.js';
import { actionJob } from './support.js';

let cfn: CloudFormationStandin;
let slack: SlackStandin;
let dynamo: DynamoRig;
const jobs: Job[] = [];
const TOKEN = 'xoxb-1111-2222-s3cr3tslacktoken';

beforeAll(async () => {
  [cfn, slack] = await Promise.all([CloudFormationStandin.start(), SlackStandin.start()]);
});
afterAll(async () => {
  await Promise.all([cfn.close(), slack.close()]);
});
beforeEach(async () => {
  cfn.reset();
  slack.reset();
  dynamo = await DynamoRig.start();
});
afterEach(async () => {
  for (const job of jobs.splice(0)) {
    await job.end();
    await job.dispose();
  }
  await dynamo.close();
});

async function slackJob(
  name: string,
  inputs: Record<string, string> = {},
  event?: unknown
): Promise<Job> {
  const job = await actionJob(
    cfn,
    {
      'stack-name': 'AppStack',
      environment: 'production',
      'registry-table': dynamo.table,
      'poll-interval-seconds': '0.2',
      'monitor-interval-seconds': '0.2',
      'slack-token': TOKEN,
      'slack-channel': '#deploys',
      'slack-api-url': slack.url,
      ...inputs
    },
    { name, env: { AWS_ENDPOINT_URL_DYNAMODB: dynamo.url }, event }
  );
  jobs.push(job);
  return job;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const messages = (channel = '#deploys'): MessageView[] => slack.messages(slack.channelId(channel));
const texts = (channel = '#deploys'): string[] => messages(channel).map((m) => m.text ?? '');
/** A reply in a thread that is not broadcast to the channel (alerts, notes; not the final notice). */
const isPlainReply = (m: MessageView): boolean =>
  m.thread_ts !== undefined && m.thread_ts !== m.ts && !m.reply_broadcast;
/** When the stand-in stored a message (it is never edited for alerts). */
const postedAt = (m: MessageView): number => m.versions[0]!.at;
/** When the stand-in's stack reached `status` (its latest event of that status). */
function eventAt(status: string, logicalId = 'AppStack'): number {
  const e = cfn
    .stack('AppStack')
    ?.events.find((x) => x.resourceStatus === status && x.logicalResourceId === logicalId);
  if (!e) throw new Error(`no ${logicalId} ${status} event`);
  return e.timestamp.getTime();
}
/** A duration as the messages print it: `850ms`, `45s`, `4m 05s`, `1h 02m`. */
const DURATION = String.raw`(\d+ms|\d+h \d{2}m|\d+m \d{2}s|\d+s)`;
/** Such a printed duration, in ms. */
function printedMs(text: string): number {
  const ms = /^(\d+)ms$/.exec(text);
  if (ms) return Number(ms[1]);
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000 };
  let total = 0;
  for (const [, n, u] of text.matchAll(/(\d+)([hms])\b/g)) total += Number(n) * unit[u!]!;
  return total;
}

/** The deploy step: an update whose resources complete over `ms`. */
function deploy(ms: number, failing = false): void {
  cfn.runOperation(
    'AppStack',
    failing
      ? [
          {
            atMs: 100,
            logicalId: 'Api',
            type: 'AWS::Lambda::Function',
            status: 'UPDATE_IN_PROGRESS'
          },
          {
            atMs: 300,
            logicalId: 'Api',
            type: 'AWS::Lambda::Function',
            status: 'UPDATE_FAILED',
            reason: 'Runtime nodejs8.x is not supported'
          },
          {
            atMs: 350,
            logicalId: 'Queue',
            type: 'AWS::SQS::Queue',
            status: 'UPDATE_FAILED',
            reason: 'Resource update cancelled'
          },
          { atMs: 400, stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS' },
          { atMs: ms, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' }
        ]
      : [
          {
            atMs: 100,
            logicalId: 'Api',
            type: 'AWS::Lambda::Function',
            status: 'UPDATE_IN_PROGRESS'
          },
          {
            atMs: ms / 2,
            logicalId: 'Api',
            type: 'AWS::Lambda::Function',
            status: 'UPDATE_COMPLETE'
          },
          { atMs: ms, stackStatus: 'UPDATE_COMPLETE' }
        ],
    { startStatus: 'UPDATE_IN_PROGRESS' }
  );
}

async function settle(): Promise<void> {
  for (let i = 0; i < 100 && cfn.stack('AppStack')?.status.endsWith('_IN_PROGRESS'); i++)
    await sleep(50);
}

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
    const now = await workers();
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
