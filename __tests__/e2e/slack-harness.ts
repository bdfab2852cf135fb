import { CloudFormationStandin } from '../../test-rig/cfn-standin.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import type { Job } from '../../test-rig/runner.js';
import { SlackStandin, type MessageView } from '../../test-rig/slack-standin.js';
import { actionJob } from './support.js';

export let cfn: CloudFormationStandin;
export let slack: SlackStandin;
export let dynamo: DynamoRig;
export const jobs: Job[] = [];
export const TOKEN = 'xoxb-1111-2222-s3cr3tslacktoken';

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

export async function slackJob(
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

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
export const messages = (channel = '#deploys'): MessageView[] =>
  slack.messages(slack.channelId(channel));
export const texts = (channel = '#deploys'): string[] => messages(channel).map((m) => m.text ?? '');
/** A reply in a thread that is not broadcast to the channel (alerts, notes; not the final notice). */
export const isPlainReply = (m: MessageView): boolean =>
  m.thread_ts !== undefined && m.thread_ts !== m.ts && !m.reply_broadcast;
/** When the stand-in stored a message (it is never edited for alerts). */
export const postedAt = (m: MessageView): number => m.versions[0]!.at;
/** When the stand-in's stack reached `status` (its latest event of that status). */
export function eventAt(status: string, logicalId = 'AppStack'): number {
  const e = cfn
    .stack('AppStack')
    ?.events.find((x) => x.resourceStatus === status && x.logicalResourceId === logicalId);
  if (!e) throw new Error(`no ${logicalId} ${status} event`);
  return e.timestamp.getTime();
}
/** A duration as the messages print it: `850ms`, `45s`, `4m 05s`, `1h 02m`. */
export const DURATION = String.raw`(\d+ms|\d+h \d{2}m|\d+m \d{2}s|\d+s)`;
/** Such a printed duration, in ms. */
export function printedMs(text: string): number {
  const ms = /^(\d+)ms$/.exec(text);
  if (ms) return Number(ms[1]);
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000 };
  let total = 0;
  for (const [, n, u] of text.matchAll(/(\d+)([hms])\b/g)) total += Number(n) * unit[u!]!;
  return total;
}

/** The deploy step: an update whose resources complete over `ms`. */
export function deploy(ms: number, failing = false): void {
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

export async function settle(): Promise<void> {
  for (let i = 0; i < 100 && cfn.stack('AppStack')?.status.endsWith('_IN_PROGRESS'); i++)
    await sleep(50);
}
