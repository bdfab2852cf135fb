import { isValidCorrelationId } from '../domain/correlation-id.js';
import { minutes, seconds } from '../domain/durations.js';
import { INPUT_DEFAULTS, Inputs, type InputName } from './inputs.js';

export type OnActiveFailure = 'proceed' | 'abort' | 'ask';
export type WarningsPolicy = 'proceed' | 'fail' | 'ask';
export type CleanupPolicy = 'none' | 'failed-create';

export interface SlackConfig {
  readonly token: string;
  readonly channel: string;
  readonly interactChannel: string;
  readonly apiUrl: string;
}

/** Every input, parsed and validated. Durations are milliseconds. */
export interface Config {
  readonly stackNames: readonly string[];
  readonly environment: string;
  readonly region: string;
  readonly registryTable?: string;
  readonly waitTimeoutMs: number;
  readonly pollIntervalMs: number;
  readonly leaseMs: number;
  readonly skipSuperseded: boolean;
  readonly onActiveFailure: OnActiveFailure;
  readonly warnings: WarningsPolicy;
  readonly askTimeoutMs: number;
  readonly autoRollback: boolean;
  readonly cleanup: CleanupPolicy;
  readonly monitor: boolean;
  readonly monitorIntervalMs: number;
  readonly stallTimeoutMs: number;
  /** Set by the user; otherwise the estimate from history decides. */
  readonly expectedDurationMs?: number;
  readonly progressIntervalMs: number;
  readonly criticalResourceTypes: readonly string[];
  readonly urlOutput?: string;
  readonly slack?: SlackConfig;
  readonly githubToken?: string;
  readonly githubDeployment: boolean;
  /** The `correlation-id` input, when the user brought one. */
  readonly correlationId?: string;
}

/** Used when `expected-duration-minutes` is empty and there is no history. */
export const DEFAULT_EXPECTED_DURATION_MS = minutes(30);

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      problems.length === 1
        ? `Invalid input: ${problems[0]}`
        : `Invalid inputs:\n${problems.map((p) => `  - ${p}`).join('\n')}`
    );
    this.name = 'ConfigError';
  }
}

const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
const ENVIRONMENT = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const TABLE = /^[A-Za-z0-9_.-]{3,255}$/;
const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;
const RESOURCE_TYPE = /^[A-Za-z0-9]+(::[A-Za-z0-9]+){1,3}$/;
const OUTPUT_KEY = /^[A-Za-z0-9]{1,255}$/;
const SLACK_CHANNEL = /^(#?[a-z0-9][a-z0-9._-]{0,79}|[CGD][A-Z0-9]{8,})$/;
const SLACK_TOKEN = /^xox[abpe]-[A-Za-z0-9-]+$/;
const BOOLEAN_TRUE = ['true', 'True', 'TRUE'];
const BOOLEAN_FALSE = ['false', 'False', 'FALSE'];

/** Splits a comma or newline separated list; empty items are dropped. */
export const splitList = (value: string): string[] =>
  value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

const show = (value: string): string => JSON.stringify(value);

/**
 * Parses every input at once and reports every problem at once, each naming the
 * input, the value and what is accepted. Touches nothing outside its arguments.
 */
export function parseConfig(
  read: (name: InputName) => string,
  env: Readonly<Record<string, string | undefined>>
): Config {
  const problems: string[] = [];
  const raw = (name: InputName): string => {
    const v = read(name).trim();
    return v === '' ? INPUT_DEFAULTS[name] : v;
  };

  const fail = (name: InputName, value: string, accepted: string): undefined => {
    problems.push(`'${name}' is ${show(value)}: ${accepted}.`);
    return undefined;
  };

  const number = (
    name: InputName,
    unit: string,
    min: number,
    max: number,
    allowZero: boolean
  ): number | undefined => {
    const value = raw(name);
    const range = `${allowZero ? 'a number from 0' : 'a number greater than 0'} to ${max} ${unit} (decimals allowed, e.g. 0.5)`;
    if (!DECIMAL.test(value)) return fail(name, value, `expected ${range}`);
    const n = Number(value);
    if (!Number.isFinite(n) || n > max || n < min || (!allowZero && n === 0))
      return fail(name, value, `expected ${range}`);
    return n;
  };
  const mins = (name: InputName, max: number, allowZero = false): number =>
    minutes(number(name, 'minutes', 0, max, allowZero) ?? 0);
  const secs = (name: InputName, max: number): number =>
    seconds(number(name, 'seconds', 0, max, false) ?? 0);

  const boolean = (name: InputName): boolean => {
    const value = raw(name);
    if (BOOLEAN_TRUE.includes(value)) return true;
    if (BOOLEAN_FALSE.includes(value)) return false;
    fail(name, value, 'expected true or false');
    return false;
  };

  const oneOf = <T extends string>(name: InputName, allowed: readonly T[]): T => {
    const value = raw(name);
    if ((allowed as readonly string[]).includes(value)) return value as T;
    fail(name, value, `expected one of ${allowed.join(', ')}`);
    return allowed[0] as T;
  };

  // stack-name
  const stackValue = read(Inputs.StackName);
  const stackNames = splitList(stackValue);
  if (stackNames.length === 0) {
    problems.push(
      `'stack-name' is required: one or more CloudFormation stack names, comma or newline separated.`
    );
  }
  for (const name of stackNames) {
    if (!STACK_NAME.test(name)) {
      fail(
        Inputs.StackName,
        name,
        'a stack name starts with a letter and has only letters, digits and hyphens, at most 128 characters'
      );
    }
  }
  const duplicates = stackNames.filter((n, i) => stackNames.indexOf(n) !== i);
  if (duplicates.length > 0)
    fail(Inputs.StackName, stackValue.trim(), `lists ${duplicates.join(', ')} more than once`);

  const environment = raw(Inputs.Environment) || stackNames[0] || '';
  if (raw(Inputs.Environment) && !ENVIRONMENT.test(environment)) {
    fail(
      Inputs.Environment,
      environment,
      'expected letters, digits, ".", "_", "/" or "-", starting with a letter or digit, at most 100 characters'
    );
  }

  const regionInput = raw(Inputs.Region);
  const region =
    regionInput || env['AWS_REGION']?.trim() || env['AWS_DEFAULT_REGION']?.trim() || '';
  if (!region) {
    problems.push(
      `'region' is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is set: set the region input (e.g. us-east-1) or configure AWS credentials with a region.`
    );
  } else if (!REGION.test(region)) {
    fail(Inputs.Region, region, 'expected an AWS region such as us-east-1 or eu-central-2');
  }

  const registryTable = raw(Inputs.RegistryTable) || undefined;
  if (registryTable && !TABLE.test(registryTable)) {
    fail(
      Inputs.RegistryTable,
      registryTable,
      'expected a DynamoDB table name: 3 to 255 letters, digits, "_", "-" or "."'
    );
  }

  const waitTimeoutMs = mins(Inputs.WaitTimeoutMinutes, 4320, true);
  const pollIntervalMs = secs(Inputs.PollIntervalSeconds, 3600);
  const leaseMs = mins(Inputs.LeaseMinutes, 1440);
  const skipSuperseded = boolean(Inputs.SkipSuperseded);
  const onActiveFailure = oneOf<OnActiveFailure>(Inputs.OnActiveFailure, [
    'proceed',
    'abort',
    'ask'
  ]);
  const warnings = oneOf<WarningsPolicy>(Inputs.Warnings, ['proceed', 'fail', 'ask']);
  const askTimeoutMs = mins(Inputs.AskTimeoutMinutes, 1440);
  const autoRollback = boolean(Inputs.AutoRollback);
  const cleanup = oneOf<CleanupPolicy>(Inputs.Cleanup, ['none', 'failed-create']);
  const monitor = boolean(Inputs.Monitor);
  const monitorIntervalMs = secs(Inputs.MonitorIntervalSeconds, 3600);
  const stallTimeoutMs = mins(Inputs.StallTimeoutMinutes, 1440);
  const expectedDurationMs = raw(Inputs.ExpectedDurationMinutes)
    ? mins(Inputs.ExpectedDurationMinutes, 4320)
    : undefined;
  const progressIntervalMs = mins(Inputs.ProgressIntervalMinutes, 1440);

  const criticalResourceTypes = splitList(raw(Inputs.CriticalResourceTypes));
  for (const t of criticalResourceTypes) {
    if (!RESOURCE_TYPE.test(t))
      fail(
        Inputs.CriticalResourceTypes,
        t,
        'expected resource types such as AWS::RDS::DBInstance, comma or newline separated'
      );
  }

  const urlOutput = raw(Inputs.UrlOutput) || undefined;
  if (urlOutput && !OUTPUT_KEY.test(urlOutput)) {
    fail(Inputs.UrlOutput, urlOutput, 'expected a stack Output key (letters and digits)');
  }

  const slack = parseSlack(raw, fail, problems);

  if (!slack && (warnings === 'ask' || onActiveFailure === 'ask')) {
    const which = warnings === 'ask' ? 'warnings' : 'on-active-failure';
    problems.push(
      `'${which}' is "ask" but Slack is not configured: asking needs slack-token and slack-channel (or slack-interact-channel).`
    );
  }

  const githubToken = read(Inputs.GithubToken).trim() || undefined;
  const githubDeployment = boolean(Inputs.GithubDeployment);

  const correlationId = raw(Inputs.CorrelationId) || undefined;
  if (correlationId && !isValidCorrelationId(correlationId)) {
    fail(
      Inputs.CorrelationId,
      correlationId,
      'expected 8 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit (or leave it empty to generate one)'
    );
  }

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    stackNames,
    environment,
    region,
    registryTable,
    waitTimeoutMs,
    pollIntervalMs,
    leaseMs,
    skipSuperseded,
    onActiveFailure,
    warnings,
    askTimeoutMs,
    autoRollback,
    cleanup,
    monitor,
    monitorIntervalMs,
    stallTimeoutMs,
    expectedDurationMs,
    progressIntervalMs,
    criticalResourceTypes,
    urlOutput,
    slack,
    githubToken,
    githubDeployment,
    correlationId
  };
}

function parseSlack(
  raw: (name: InputName) => string,
  fail: (name: InputName, value: string, accepted: string) => undefined,
  problems: string[]
): SlackConfig | undefined {
  const token = raw(Inputs.SlackToken);
  const channel = raw(Inputs.SlackChannel);
  const interactChannel = raw(Inputs.SlackInteractChannel) || channel;
  const apiUrl = raw(Inputs.SlackApiUrl);

  for (const [name, value] of [
    [Inputs.SlackChannel, channel],
    [Inputs.SlackInteractChannel, raw(Inputs.SlackInteractChannel)]
  ] as const) {
    if (value && !SLACK_CHANNEL.test(value))
      fail(
        name,
        value,
        'expected a channel name such as #deploys or a channel ID such as C0123456789'
      );
  }
  let url: URL | undefined;
  try {
    url = new URL(apiUrl);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    fail(Inputs.SlackApiUrl, apiUrl, 'expected an http(s) URL such as https://slack.com/api/');
  }

  if (!token) {
    if (channel)
      problems.push(
        `'slack-channel' is set but 'slack-token' is empty: set both to post to Slack, or neither.`
      );
    return undefined;
  }
  // The value is a secret: name the input, never echo the token.
  if (!SLACK_TOKEN.test(token)) {
    problems.push(
      `'slack-token' does not look like a Slack token (the value is hidden): expected a bot token starting with xoxb-.`
    );
  }
  if (!channel)
    problems.push(
      `'slack-channel' is required when 'slack-token' is set: a channel name such as #deploys or an ID.`
    );
  return { token, channel, interactChannel, apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` };
}
