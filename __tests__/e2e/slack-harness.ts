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
/** The deploy step: an update whose resources complete over `ms`. */
export function deploy(ms: number): void {
  cfn.runOperation(
    'AppStack',
    [
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
