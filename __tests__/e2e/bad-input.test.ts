import { ConfigError, parseConfig } from '../../src/config/config.js';
import type { InputName } from '../../src/config/inputs.js';
import { CloudFormationStandin } from '../../test-rig/cfn-standin.js';
import { actionJob } from './support.js';

let cfn: CloudFormationStandin;
beforeAll(async () => {
  cfn = await CloudFormationStandin.start();
  cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
});
afterAll(async () => {
  await cfn.close();
});

const SLACK = { 'slack-token': 'xoxb-123-abc', 'slack-channel': '#deploys' };

const cases: Array<[string, Record<string, string>, RegExp, Record<string, string>?]> = [
  ['an empty required stack-name', { 'stack-name': '' }, /'stack-name' is required/],
  [
    'a bad stack name',
    { 'stack-name': 'App_Stack' },
    /'stack-name' is "App_Stack": a stack name starts with a letter and has only letters, digits and hyphens, at most 128 characters/
  ],
  [
    'a wrong enum',
    { 'stack-name': 'AppStack', 'on-active-failure': 'wait' },
    /'on-active-failure' is "wait": expected one of proceed, abort, ask/
  ],
  [
    'a negative duration',
    { 'stack-name': 'AppStack', 'wait-timeout-minutes': '-5' },
    /'wait-timeout-minutes' is "-5": expected 0 \(no wait\), or a number from 0\.01 to 4320 minutes/
  ],
  [
    'a non-number',
    { 'stack-name': 'AppStack', 'poll-interval-seconds': 'fast' },
    /'poll-interval-seconds' is "fast": expected a number from 0\.1 to 3600 seconds/
  ],
  [
    'a bad boolean',
    { 'stack-name': 'AppStack', 'auto-rollback': 'yes' },
    /'auto-rollback' is "yes": expected true or false/
  ],
  [
    'a bad correlation ID',
    { 'stack-name': 'AppStack', 'correlation-id': 'my id' },
    /'correlation-id' is "my id": expected 8 to 64 letters/
  ],
  [
    'a poll interval of 0.0001 s (a waiter would call the shared table thousands of times a second)',
    { 'stack-name': 'AppStack', 'poll-interval-seconds': '0.0001' },
    /'poll-interval-seconds' is "0\.0001": expected a number from 0\.1 to 3600 seconds/
  ],
  [
    'a lease of 0.00001 minutes (shorter than any heartbeat)',
    { 'stack-name': 'AppStack', 'lease-minutes': '0.00001' },
    /'lease-minutes' is "0\.00001": expected a number from 0\.05 to 1440 minutes/
  ],
  [
    'a poll interval longer than the lease (with a registry table: the lease is its)',
    {
      'stack-name': 'AppStack',
      'registry-table': 'deploy-locks',
      'poll-interval-seconds': '30',
      'lease-minutes': '0.25'
    },
    /'poll-interval-seconds' \(30 s\) must be shorter than 'lease-minutes' \(0\.25 min = 15 s\)/
  ],
  [
    'a stall timeout no longer than the monitor interval',
    { 'stack-name': 'AppStack', 'stall-timeout-minutes': '0.5', 'monitor-interval-seconds': '30' },
    /'stall-timeout-minutes' \(0\.5 min = 30 s\) must be longer than 'monitor-interval-seconds' \(30 s\)/
  ],
  [
    'a Slack API over plain http to another host (the bot token would travel in clear)',
    { 'stack-name': 'AppStack', ...SLACK, 'slack-api-url': 'http://169.254.169.254/' },
    /'slack-api-url' is "http:\/\/169\.254\.169\.254\/": expected https \(plain http only to a loopback host/
  ],
  [
    'a Slack API URL with user information',
    { 'stack-name': 'AppStack', ...SLACK, 'slack-api-url': 'https://u:p@slack.example/api/' },
    /'slack-api-url' carries a user name or password \(the value is hidden\)/
  ],
  [
    'no region',
    { 'stack-name': 'AppStack' },
    /'region' is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is set/,
    { AWS_REGION: '', AWS_DEFAULT_REGION: '' }
  ],
  [
    'a bad AWS_REGION, named as the variable it came from',
    { 'stack-name': 'AppStack' },
    /'region' is empty and the environment variable AWS_REGION is "moon-1": expected an AWS region/,
    { AWS_REGION: 'moon-1' }
  ],
  [
    'a bad region',
    { 'stack-name': 'AppStack', region: 'moon-1' },
    /'region' is "moon-1": expected an AWS region/
  ],
  [
    'a Slack token with no channel',
    { 'stack-name': 'AppStack', 'slack-token': 'xoxb-123-abc' },
    /'slack-channel' is required when 'slack-token' is set/
  ]
];

/** The message of the `Invalid input` error every stage raises, from the parser they all call. */
function invalid(inputs: Record<string, string>, env: Record<string, string>): string {
  try {
    parseConfig((name: InputName) => inputs[name] ?? '', { AWS_REGION: 'us-east-1', ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

// What each kind of bad input is told is the parser's answer, asked in process; how a step fails
// on one (pre fails, main is skipped, post runs, nothing is touched) is the same for all, and is
// run through the runner for one input, one variable and one secret-bearing URL.
const THROUGH_THE_RUNNER = new Set([
  'a bad stack name',
  'a bad AWS_REGION, named as the variable it came from',
  'a Slack API URL with user information'
]);

describe('bad input: what each is told', () => {
  it.each(cases)('%s', (...[, inputs, message, env = {}]) => {
    expect(invalid(inputs, env)).toMatch(message);
    // A URL's user information (it may hold a password) is never echoed.
    expect(invalid(inputs, env)).not.toContain('u:p@');
  });
});

describe('bad input fails the step before any AWS call', () => {
  // A rest parameter: jest would take a third named parameter for a done callback.
  it.each(cases.filter(([name]) => THROUGH_THE_RUNNER.has(name)))(
    '%s',
    async (...[, inputs, message, env = {}]) => {
      cfn.calls.length = 0;
      // The whole job as the runner runs it: pre fails, main is skipped, post runs.
      const job = await actionJob(cfn, inputs, { env });
      // And main alone, as a stage that runs without pre (a sub-action) must check again.
      const alone = await actionJob(cfn, inputs, { env });
      try {
        const [full, main] = await Promise.all([job.runAll(), alone.runStage('main')]);
        for (const failed of [full.pre, main]) {
          expect(failed?.exitCode).toBe(1);
          const error = failed?.annotations.find((a) => a.level === 'error');
          expect(error?.properties['title']).toBe('Invalid input');
          expect(error?.message).toMatch(message);
          // A URL's user information (it may hold a password) is never echoed.
          expect(failed?.stdout).not.toContain('u:p@');
        }
        expect(full.main).toBeNull();
        expect(full.post?.exitCode).toBe(0);
        expect(full.post?.stdout).toMatch(/nothing was coordinated/);
        expect(cfn.calls).toEqual([]);
      } finally {
        for (const j of [job, alone]) {
          await j.end();
          await j.dispose();
        }
      }
    }
  );

  it('never prints the Slack token it rejects', async () => {
    const job = await actionJob(cfn, {
      'stack-name': 'AppStack',
      'slack-token': 'bad-s3cret-value',
      'slack-channel': '#deploys'
    });
    try {
      const pre = await job.runStage('pre');
      expect(pre?.exitCode).toBe(1);
      expect(pre?.masks).toContain('bad-s3cret-value');
      const printed = pre?.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n');
      expect(printed).toMatch(/'slack-token' does not look like a Slack token/);
      expect(printed).not.toContain('bad-s3cret-value');
    } finally {
      await job.end();
      await job.dispose();
    }
  });

  it.each([
    [
      'github-token',
      'ghp_firstLineOfTheToken',
      { 'github-deployment': 'true' },
      /'github-token' contains whitespace or control characters \(the value is hidden\)/
    ],
    [
      'slack-token',
      'xoxb-1-firstLineOfTheToken',
      { 'slack-channel': '#deploys' },
      /'slack-token' does not look like a Slack token \(the value is hidden\)/
    ]
  ])(
    'a multi-line %s is rejected and no line of it is ever printed',
    async (...[name, first, more, rejected]) => {
      const lines = [first, 'secondLineOfTheToken'];
      const job = await actionJob(cfn, {
        'stack-name': 'AppStack',
        [name]: lines.join('\n'),
        ...more
      });
      try {
        const { pre, main, post } = await job.runAll();
        expect(pre?.exitCode).toBe(1);
        expect(main).toBeNull();
        // Each line is masked on its own, so the runner hides every piece of it.
        for (const line of lines) expect(pre?.masks).toContain(line);
        const printed = [pre, post]
          .flatMap((r) => (r?.stdout ?? '').split('\n'))
          .filter((l) => !l.startsWith('::add-mask::'))
          .join('\n');
        expect(printed).toMatch(rejected);
        for (const line of lines) {
          expect(printed).not.toContain(line);
          expect(job.summary()).not.toContain(line);
        }
        expect(cfn.calls).toEqual([]);
      } finally {
        await job.end();
        await job.dispose();
      }
    }
  );

  it('a Slack API over plain http to this machine (a local stand-in) is accepted', async () => {
    const job = await actionJob(cfn, {
      'stack-name': 'AppStack',
      ...SLACK,
      'slack-api-url': 'http://127.0.0.1:9/api/'
    });
    try {
      const pre = await job.runStage('pre');
      expect(pre?.exitCode).toBe(0);
      expect(pre?.annotations.filter((a) => a.level === 'error')).toEqual([]);
    } finally {
      await job.end();
      await job.dispose();
    }
  });
});
