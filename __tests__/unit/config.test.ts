import { ConfigError, parseConfig, type Config } from '../../src/config/config.js';
import type { InputName } from '../../src/config/inputs.js';

const REGION_ENV = { AWS_REGION: 'us-east-1' };

function parse(
  inputs: Partial<Record<InputName, string>>,
  env: Record<string, string> = REGION_ENV
): Config {
  return parseConfig((name) => inputs[name] ?? '', env);
}

function problems(
  inputs: Partial<Record<InputName, string>>,
  env: Record<string, string> = REGION_ENV
): readonly string[] {
  try {
    parse(inputs, env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('inputs are parsed into one Config', () => {
  it('applies the documented defaults', () => {
    const c = parse({ 'stack-name': 'AppStack' });
    expect(c).toMatchObject({
      stackNames: ['AppStack'],
      environment: 'AppStack',
      region: 'us-east-1',
      registryTable: undefined,
      waitTimeoutMs: 30 * 60_000,
      pollIntervalMs: 5_000,
      leaseMs: 10 * 60_000,
      skipSuperseded: false,
      onActiveFailure: 'proceed',
      warnings: 'proceed',
      askTimeoutMs: 15 * 60_000,
      autoRollback: true,
      cleanup: 'none',
      monitor: true,
      monitorIntervalMs: 30_000,
      stallTimeoutMs: 10 * 60_000,
      expectedDurationMs: undefined,
      progressIntervalMs: 10 * 60_000,
      criticalResourceTypes: [],
      slack: undefined,
      githubDeployment: false
    });
  });

  it('accepts decimals so tests can run the real code in seconds', () => {
    const c = parse({
      'stack-name': 'A',
      'wait-timeout-minutes': '0.5',
      'poll-interval-seconds': '0.2',
      'lease-minutes': '.05'
    });
    expect(c.waitTimeoutMs).toBe(30_000);
    expect(c.pollIntervalMs).toBe(200);
    expect(c.leaseMs).toBe(3_000);
  });

  it('splits stack names and resource types on commas and newlines', () => {
    const c = parse({
      'stack-name': 'Network, Data\nApp\n',
      'critical-resource-types': 'AWS::RDS::DBInstance,Custom::Seed'
    });
    expect(c.stackNames).toEqual(['Network', 'Data', 'App']);
    expect(c.environment).toBe('Network');
    expect(c.criticalResourceTypes).toEqual(['AWS::RDS::DBInstance', 'Custom::Seed']);
  });

  it('takes the region from the input, then AWS_REGION, then AWS_DEFAULT_REGION', () => {
    expect(parse({ 'stack-name': 'A', region: 'eu-west-1' }).region).toBe('eu-west-1');
    expect(parse({ 'stack-name': 'A' }, { AWS_DEFAULT_REGION: 'ap-southeast-2' }).region).toBe(
      'ap-southeast-2'
    );
    expect(
      parse({ 'stack-name': 'A' }, { AWS_REGION: 'us-gov-west-1', AWS_DEFAULT_REGION: 'x' }).region
    ).toBe('us-gov-west-1');
  });

  it('builds the Slack config with the interact channel defaulting to the status channel', () => {
    const c = parse({
      'stack-name': 'A',
      'slack-token': 'xoxb-1-2-abc',
      'slack-channel': '#deploys',
      'slack-api-url': 'http://127.0.0.1:9/api'
    });
    expect(c.slack).toEqual({
      token: 'xoxb-1-2-abc',
      channel: '#deploys',
      interactChannel: '#deploys',
      apiUrl: 'http://127.0.0.1:9/api/'
    });
  });

  it('accepts a brought correlation ID', () => {
    expect(
      parse({ 'stack-name': 'A', 'correlation-id': '20261122-101500-0a1b2c3d' }).correlationId
    ).toBe('20261122-101500-0a1b2c3d');
  });
});

describe('bad input is rejected with the input, the value and what is accepted', () => {
  const cases: Array<
    [string, Partial<Record<InputName, string>>, RegExp, Record<string, string>?]
  > = [
    ['empty required stack-name', { 'stack-name': '  ' }, /'stack-name' is required/],
    [
      'a stack name with an underscore',
      { 'stack-name': 'My_Stack' },
      /'stack-name' is "My_Stack": a stack name starts with a letter/
    ],
    ['a stack name starting with a digit', { 'stack-name': '1Stack' }, /'stack-name' is "1Stack"/],
    [
      'a stack name over 128 characters',
      { 'stack-name': 'S'.repeat(129) },
      /at most 128 characters/
    ],
    ['a stack listed twice', { 'stack-name': 'A,B,A' }, /lists A more than once/],
    [
      'no region anywhere',
      { 'stack-name': 'A' },
      /'region' is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is set/,
      {}
    ],
    [
      'a malformed region',
      { 'stack-name': 'A', region: 'mars' },
      /'region' is "mars": expected an AWS region/
    ],
    [
      'a bad environment',
      { 'stack-name': 'A', environment: 'prod env!' },
      /'environment' is "prod env!"/
    ],
    [
      'a bad table name',
      { 'stack-name': 'A', 'registry-table': 'x' },
      /'registry-table' is "x": expected a DynamoDB table name/
    ],
    [
      'a negative timeout',
      { 'stack-name': 'A', 'wait-timeout-minutes': '-1' },
      /'wait-timeout-minutes' is "-1": expected 0 \(no wait\), or a number from 0\.01 to 4320 minutes/
    ],
    [
      'a non-number timeout',
      { 'stack-name': 'A', 'wait-timeout-minutes': 'soon' },
      /'wait-timeout-minutes' is "soon"/
    ],
    [
      'NaN',
      { 'stack-name': 'A', 'lease-minutes': 'NaN' },
      /'lease-minutes' is "NaN": expected a number from 0\.05 to 1440 minutes/
    ],
    [
      'an absurd timeout',
      { 'stack-name': 'A', 'wait-timeout-minutes': '99999' },
      /'wait-timeout-minutes' is "99999"/
    ],
    [
      'a zero poll interval',
      { 'stack-name': 'A', 'poll-interval-seconds': '0' },
      /'poll-interval-seconds' is "0": expected a number from 0\.1 to 3600 seconds/
    ],
    [
      'an exponent',
      { 'stack-name': 'A', 'monitor-interval-seconds': '1e3' },
      /'monitor-interval-seconds' is "1e3"/
    ],
    [
      'hex',
      { 'stack-name': 'A', 'stall-timeout-minutes': '0x10' },
      /'stall-timeout-minutes' is "0x10"/
    ],
    [
      'infinity',
      { 'stack-name': 'A', 'ask-timeout-minutes': 'Infinity' },
      /'ask-timeout-minutes' is "Infinity"/
    ],
    [
      'a bad expected duration',
      { 'stack-name': 'A', 'expected-duration-minutes': '-3' },
      /'expected-duration-minutes' is "-3"/
    ],
    [
      'a bad progress interval',
      { 'stack-name': 'A', 'progress-interval-minutes': 'ten' },
      /'progress-interval-minutes' is "ten"/
    ],
    [
      'a wrong enum for warnings',
      { 'stack-name': 'A', warnings: 'ignore' },
      /'warnings' is "ignore": expected one of proceed, fail, ask/
    ],
    [
      'a wrong enum for on-active-failure',
      { 'stack-name': 'A', 'on-active-failure': 'retry' },
      /'on-active-failure' is "retry": expected one of proceed, abort, ask/
    ],
    [
      'a wrong enum for cleanup',
      { 'stack-name': 'A', cleanup: 'all' },
      /'cleanup' is "all": expected one of none, failed-create/
    ],
    [
      'a non-boolean auto-rollback',
      { 'stack-name': 'A', 'auto-rollback': 'yes' },
      /'auto-rollback' is "yes": expected true or false/
    ],
    [
      'a non-boolean monitor',
      { 'stack-name': 'A', monitor: '1' },
      /'monitor' is "1": expected true or false/
    ],
    [
      'a non-boolean skip-superseded',
      { 'stack-name': 'A', 'skip-superseded': 'on' },
      /'skip-superseded' is "on"/
    ],
    [
      'a non-boolean github-deployment',
      { 'stack-name': 'A', 'github-deployment': 'y' },
      /'github-deployment' is "y"/
    ],
    [
      'a bad resource type',
      { 'stack-name': 'A', 'critical-resource-types': 'RDS' },
      /'critical-resource-types' is "RDS"/
    ],
    [
      'a bad url-output',
      { 'stack-name': 'A', 'url-output': 'Api Url' },
      /'url-output' is "Api Url"/
    ],
    [
      'a bad correlation ID',
      { 'stack-name': 'A', 'correlation-id': 'not valid!' },
      /'correlation-id' is "not valid!": expected 8 to 64 letters/
    ],
    [
      'a bad Slack channel',
      { 'stack-name': 'A', 'slack-token': 'xoxb-1', 'slack-channel': '#Bad Channel' },
      /'slack-channel' is "#Bad Channel"/
    ],
    [
      'a bad interact channel',
      {
        'stack-name': 'A',
        'slack-token': 'xoxb-1',
        'slack-channel': '#d',
        'slack-interact-channel': 'no way'
      },
      /'slack-interact-channel' is "no way"/
    ],
    [
      'a Slack token without channel',
      { 'stack-name': 'A', 'slack-token': 'xoxb-1' },
      /'slack-channel' is required when 'slack-token' is set/
    ],
    [
      'a bad Slack API URL',
      { 'stack-name': 'A', 'slack-api-url': 'ftp://x' },
      /'slack-api-url' is "ftp:\/\/x"/
    ],
    [
      'ask without Slack',
      { 'stack-name': 'A', warnings: 'ask' },
      /'warnings' is "ask" but Slack is not configured/
    ]
  ];

  // A rest parameter: jest would take a fourth named parameter for a done callback.
  it.each(cases)('%s', (...[, inputs, message, env]) => {
    const found = problems(inputs, env ?? REGION_ENV);
    expect(found.some((p) => message.test(p))).toBe(true);
  });

  it('an empty slack-token with a channel set is no Slack, with a warning naming slack-token (a missing secret never stops a deployment)', () => {
    const config = parse({ 'stack-name': 'A', 'slack-channel': '#d' });
    expect(config.slack).toBeUndefined();
    expect(config.inputWarnings).toEqual([
      expect.stringMatching(
        /^'slack-token' is empty while 'slack-channel' is set: no Slack messages/
      )
    ]);
    // Asking needs Slack: without its token nobody can answer, so the safe answer is taken.
    const asking = parse({
      'stack-name': 'A',
      'slack-channel': '#d',
      warnings: 'ask',
      'on-active-failure': 'ask'
    });
    expect(asking.warnings).toBe('fail');
    expect(asking.onActiveFailure).toBe('abort');
    expect(asking.inputWarnings).toEqual([
      expect.stringMatching(/^'slack-token' is empty/),
      `'warnings' is "ask" but 'slack-token' is empty, so nobody can be asked: it acts as "fail" for this run.`,
      `'on-active-failure' is "ask" but 'slack-token' is empty, so nobody can be asked: it acts as "abort" for this run.`
    ]);
    expect(parse({ 'stack-name': 'A' }).inputWarnings).toEqual([]);
  });

  it('never echoes a secret in its message', () => {
    const found = problems({
      'stack-name': 'A',
      'slack-token': 'not-a-token-s3cr3t',
      'slack-channel': '#d'
    });
    expect(found.join('\n')).toMatch(
      /'slack-token' does not look like a Slack token \(the value is hidden\)/
    );
    expect(found.join('\n')).not.toContain('s3cr3t');
  });

  it('reports every problem at once', () => {
    const found = problems({ 'stack-name': '', warnings: 'x', 'lease-minutes': '-2' }, {});
    expect(found).toHaveLength(4);
  });
});
