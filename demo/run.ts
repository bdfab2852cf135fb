// `npm run demo`: the real bundles, through the runner harness, against loopback
// stand-ins for CloudFormation, DynamoDB and Slack. Six workflow runs at once (one of
// them fails inside a nested stack); then the timeline and the Slack threads as a
// person would see them.
import '../test-rig/quiet-sdk.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationStandin, treeOperation, type Step } from '../test-rig/cfn-standin.js';
import { DynamoRig } from '../test-rig/dynamo-rig.js';
import { GitHubStandin } from '../test-rig/github-standin.js';
import { Job, type StageResult } from '../test-rig/runner.js';
import { SlackStandin } from '../test-rig/slack-standin.js';
import { LOGS_ENDPOINT_ENV, LogsStandin } from '../test-rig/logs-standin.js';

const LOG_GROUP = '/deploy-coordinator';

// npm runs scripts from the package's root, where action.yml and dist/ are.
const REPO = process.cwd();
const started = Date.now();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const at = (): string => `+${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`;
const timeline: string[] = [];
const say = (who: string, what: string): void => {
  timeline.push(`${at()}  ${who.padEnd(22)} ${what}`);
};

const resource = (
  atMs: number,
  logicalId: string,
  type: string,
  status: string,
  reason?: string
): Step => ({ atMs, logicalId, type, status, reason });

async function main(): Promise<void> {
  const [cfn, dynamo, slack, github, logs] = await Promise.all([
    CloudFormationStandin.start(),
    DynamoRig.start(),
    SlackStandin.start(),
    GitHubStandin.start(),
    LogsStandin.start()
  ]);
  logs.createGroup(LOG_GROUP);
  const scratch = mkdtempSync(join(tmpdir(), 'deploy-coordinator-demo-'));
  const jobs: Job[] = [];
  try {
    // Each stack has been deployed before (a few seconds each, as the demo's deployments take):
    // the first estimates come from CloudFormation's own event history.
    const history = (durations: number[]) =>
      durations.map((durationMs, i) => ({
        kind: 'UPDATE' as const,
        startedAt: new Date(Date.now() - (durations.length - i) * 86_400_000),
        durationMs,
        resources: [{ logicalId: 'Api', type: 'AWS::Lambda::Function' }]
      }));
    cfn.putStack('CourtCaseStack', {
      status: 'UPDATE_COMPLETE',
      outputs: { ApiUrl: 'https://court.example.com/' },
      history: history([3_800, 4_200, 4_000])
    });
    cfn.putStack('StagingStack', {
      status: 'UPDATE_COMPLETE',
      disableRollback: true,
      history: history([2_600, 3_000])
    });
    cfn.putStack('SandboxStack', { status: 'UPDATE_COMPLETE', history: history([2_000]) });
    // A tree: QaStack's `Data` resource is a nested stack (AWS::CloudFormation::Stack), which
    // holds the database. Nobody names the nested stack: it moves with its root.
    cfn.putStack('QaStack', {
      status: 'UPDATE_COMPLETE',
      history: history([3_000]),
      resources: [{ logicalId: 'Api', type: 'AWS::Lambda::Function', status: 'UPDATE_COMPLETE' }]
    });
    cfn.putNestedStack('QaStack', 'Data', {
      status: 'UPDATE_COMPLETE',
      resources: [
        { logicalId: 'Queue', type: 'AWS::SQS::Queue', status: 'UPDATE_COMPLETE' },
        { logicalId: 'Db', type: 'AWS::RDS::DBInstance', status: 'UPDATE_COMPLETE' }
      ]
    });

    const run = async (
      name: string,
      runId: number,
      inputs: Record<string, string>,
      deploy?: { stack: string; steps?: Step[] }
    ): Promise<void> => {
      const job = await Job.create({
        actionDir: REPO,
        name,
        githubToken: 'ghs_demo',
        inputs: {
          'registry-table': dynamo.table,
          'poll-interval-seconds': '0.3',
          'monitor-interval-seconds': '0.3',
          'slack-token': 'xoxb-demo-token',
          'slack-channel': '#deploys',
          'slack-api-url': slack.url,
          'progress-interval-minutes': '0.03',
          'log-group': LOG_GROUP,
          ...inputs
        },
        env: {
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'AKIDDEMO',
          AWS_SECRET_ACCESS_KEY: 'demo',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_ENDPOINT_URL_CLOUDFORMATION: cfn.url,
          AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
          [LOGS_ENDPOINT_ENV]: logs.url,
          GITHUB_REPOSITORY: 'octo-org/court-cases',
          GITHUB_API_URL: github.url,
          GITHUB_RUN_ID: String(runId),
          GITHUB_RUN_ATTEMPT: '1',
          GITHUB_ACTOR: name
        }
      });
      jobs.push(job);
      await job.runStage('pre');
      say(
        name,
        `coordinate starts (${inputs['environment']}, wait-timeout-minutes ${inputs['wait-timeout-minutes'] ?? '30'})`
      );
      const main = await job.runStage('main');
      report(name, main);
      if (main?.outputs['result'] === 'acquired' && deploy) {
        if (deploy.steps) cfn.scriptNext(deploy.stack, 'UpdateStack', deploy.steps);
        say(name, `deploy step: UpdateStack ${deploy.stack}`);
        const step = await job.runStep(
          [process.execPath, join(REPO, 'test-rig/fixtures/deploy-step.mjs')],
          {
            env: {
              STACK: deploy.stack,
              CORRELATION_ID: main.outputs['correlation-id'] ?? '',
              FENCE: job.state['fence'] ?? '0',
              DEPLOY_LOG: join(scratch, 'deployments.jsonl'),
              HOLD_MS: '0'
            }
          }
        );
        say(name, `deploy step ended: ${cfn.stack(deploy.stack)?.status} (exit ${step.exitCode})`);
      }
      const post = await job.runStage('post');
      const outcome = post?.stdout.match(/Outcome: ([\w-]+)/)?.[1];
      // The post log's outcome line names what failed first (in a tree, by its path).
      const failed = post?.stdout.match(
        /Outcome: failed \(root cause: .*?\)(?=\. Stacks now:)/
      )?.[0];
      const recovery = [...(post?.stdout ?? '').matchAll(/Recovery: (\S+ is [A-Z_]+)/g)]
        .map((m) => m[1])
        .join(' → ');
      say(
        name,
        `finalize: ${outcome ? `outcome ${outcome}` : 'nothing held'}${recovery ? `; recovery: ${recovery}` : ''}${/Released/.test(post?.stdout ?? '') ? '; lock released' : ''}`
      );
      if (failed) say(name, `post log: ${failed}`);
      const left = await job.end();
      if (left.length > 0) say(name, `LEFT BEHIND: ${left.map((p) => p.pid).join(', ')}`);
    };

    const report = (name: string, main: StageResult | null): void => {
      const o = main?.outputs ?? {};
      say(
        name,
        `coordinate: result=${o['result']} exit=${main?.exitCode} queue-position=${o['queue-position']} waited=${o['waited-seconds']}s${o['active-correlation-id'] ? ` active=${o['active-correlation-id']}` : ''}`
      );
    };

    const updateOver = (ms: number): Step[] => [
      resource(100, 'Api', 'AWS::Lambda::Function', 'UPDATE_IN_PROGRESS'),
      resource(ms / 2, 'Api', 'AWS::Lambda::Function', 'UPDATE_COMPLETE'),
      resource(ms / 2 + 100, 'Database', 'AWS::RDS::DBInstance', 'UPDATE_IN_PROGRESS'),
      resource(ms - 200, 'Database', 'AWS::RDS::DBInstance', 'UPDATE_COMPLETE'),
      { atMs: ms, stackStatus: 'UPDATE_COMPLETE' }
    ];

    await Promise.all([
      run(
        'alice (deploys)',
        101,
        { 'stack-name': 'CourtCaseStack', environment: 'production', 'url-output': 'ApiUrl' },
        { stack: 'CourtCaseStack', steps: updateOver(4_000) }
      ),
      sleep(1_500).then(() =>
        run(
          'bob (queues)',
          102,
          {
            'stack-name': 'CourtCaseStack',
            environment: 'production',
            'wait-timeout-minutes': '1'
          },
          { stack: 'CourtCaseStack', steps: updateOver(2_000) }
        )
      ),
      sleep(2_000).then(() =>
        run('carol (no wait)', 103, {
          'stack-name': 'CourtCaseStack',
          environment: 'production',
          'wait-timeout-minutes': '0'
        })
      ),
      run(
        'dave (fails)',
        104,
        { 'stack-name': 'StagingStack', environment: 'staging' },
        {
          stack: 'StagingStack',
          steps: [
            resource(100, 'Worker', 'AWS::Lambda::Function', 'UPDATE_IN_PROGRESS'),
            resource(
              700,
              'Worker',
              'AWS::Lambda::Function',
              'UPDATE_FAILED',
              'Runtime nodejs8.x is no longer supported'
            ),
            { atMs: 900, stackStatus: 'UPDATE_FAILED' }
          ]
        }
      ),
      run(
        'erin (stalls)',
        105,
        { 'stack-name': 'SandboxStack', environment: 'sandbox', 'stall-timeout-minutes': '0.03' },
        {
          stack: 'SandboxStack',
          steps: [
            resource(100, 'Distribution', 'AWS::CloudFront::Distribution', 'UPDATE_IN_PROGRESS'),
            resource(5_000, 'Distribution', 'AWS::CloudFront::Distribution', 'UPDATE_COMPLETE'),
            { atMs: 5_200, stackStatus: 'UPDATE_COMPLETE' }
          ]
        }
      ),
      run(
        'frank (nested fails)',
        106,
        { 'stack-name': 'QaStack', environment: 'qa' },
        {
          stack: 'QaStack',
          // Api, then the nested stack Data (Queue, then Db, which fails); CloudFormation rolls
          // the whole tree back on its own.
          steps: treeOperation({
            stepMs: 120,
            resources: [
              { logicalId: 'Api', type: 'AWS::Lambda::Function' },
              {
                logicalId: 'Data',
                nested: [
                  { logicalId: 'Queue', type: 'AWS::SQS::Queue' },
                  {
                    logicalId: 'Db',
                    type: 'AWS::RDS::DBInstance',
                    fails: 'Cannot upgrade postgres from 15.15 to 14.1'
                  }
                ]
              }
            ]
          })
        }
      )
    ]);

    console.log('\n== Timeline (all runs at once; the real bundles through the runner harness)\n');
    console.log(timeline.join('\n'));
    console.log('\n== Slack, #deploys, as a person sees it\n');
    const channel = slack.channelId('#deploys');
    for (const m of slack
      .messages(channel)
      .filter((msg) => !msg.thread_ts || msg.thread_ts === msg.ts)) {
      console.log(`• ${plain(m.text)}`);
      for (const r of slack.thread(m.ts).slice(1))
        console.log(
          `    ↳ ${plain(r.text)}${r.reply_broadcast ? '  (also sent to the channel)' : ''}`
        );
    }
    // One deployment's story in CloudWatch Logs, as Logs Insights would list it.
    const [stream] = logs.streams(LOG_GROUP).filter((n) => n.startsWith('production/'));
    if (stream) {
      console.log(`\n== CloudWatch Logs, ${LOG_GROUP} ${stream}\n`);
      for (const e of logs.events(LOG_GROUP, stream)) {
        const j = JSON.parse(e.message) as Record<string, unknown>;
        const extra = ['result', 'fence', 'outcome', 'durationMs']
          .filter((k) => j[k] !== undefined)
          .map((k) => `${k}=${String(j[k])}`)
          .join(' ');
        console.log(
          `  ${String(j['time']).slice(11, 23)}  ${String(j['stage']).padEnd(10)} ${String(j['level']).padEnd(7)} ${plain(String(j['message'])).slice(0, 100)}${extra ? `  {${extra}}` : ''}`
        );
      }
    }
    const leftovers = jobs.flatMap((j) => j.leftBehind);
    console.log(
      `\n== ${jobs.length} runs in ${((Date.now() - started) / 1000).toFixed(1)} s; processes left behind: ${leftovers.length}`
    );
  } finally {
    for (const job of jobs) await job.dispose().catch(() => undefined);
    await Promise.all([cfn.close(), dynamo.close(), slack.close(), github.close(), logs.close()]);
    rmSync(scratch, { recursive: true, force: true });
  }
}

const plain = (text: string | undefined): string =>
  (text ?? '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\n/g, ' ')
    .slice(0, 160);

await main();
