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

const cases: Array<[string, Record<string, string>, RegExp]> = [
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
    /'wait-timeout-minutes' is "-5": expected a number from 0 to 4320 minutes/
  ],
  [
    'a non-number',
    { 'stack-name': 'AppStack', 'poll-interval-seconds': 'fast' },
    /'poll-interval-seconds' is "fast": expected a number greater than 0 to 3600 seconds/
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
    'no region',
    { 'stack-name': 'AppStack', __noRegion: 'yes' },
    /'region' is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is set/
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

describe('bad input fails the step before any AWS call', () => {
  // A rest parameter: jest would take a third named parameter for a done callback.
  it.each(cases)('%s', async (...[, given, message]) => {
    cfn.calls.length = 0;
    const { __noRegion, ...inputs } = given;
    const env: Record<string, string> = __noRegion
      ? { AWS_REGION: '', AWS_DEFAULT_REGION: '' }
      : {};
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
  });

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
});
