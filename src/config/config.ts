import { CORRELATION_ID_PATTERN as CORRELATION_ID } from '../domain/correlation-id.js';
import { displayText, shown } from '../domain/display.js';
import { minutes } from '../domain/durations.js';
import { PRIORITIES, type Priority } from '../domain/priority.js';
import { Fields, splitList } from './fields.js';
import { INPUT_RANGES, Inputs, type InputName } from './inputs.js';
import { parseSlack, type SlackConfig } from './slack.js';

export type { SlackConfig } from './slack.js';

export type OnActiveFailure = 'proceed' | 'abort' | 'ask';
export type WarningsPolicy = 'proceed' | 'fail' | 'ask';
export type CleanupPolicy = 'none' | 'failed-create';

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
  /** What the inputs accept with a warning (an empty slack-token with a channel set): said once, in the job's first stage. */
  readonly inputWarnings: readonly string[];
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
  /** log-group: the CloudWatch Logs group of the deployment's structured log; none is off. */
  readonly logGroup?: string;
  readonly slack?: SlackConfig;
  readonly githubToken?: string;
  readonly githubDeployment: boolean;
  /** The `correlation-id` input, when the user brought one. */
  readonly correlationId?: string;
  /** Where this run's ticket goes: high before normal, FIFO within each. */
  readonly priority: Priority;
  /** override-freeze: why this run goes through a freeze (break glass); recorded and announced. */
  readonly overrideFreeze?: string;
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
const RESOURCE_TYPE = /^[A-Za-z0-9]+(::[A-Za-z0-9]+){1,3}$/;
const OUTPUT_KEY = /^[A-Za-z0-9]{1,255}$/;
const LOG_GROUP = /^[\w\-/.#]{1,512}$/;
/** A reason people read: one line, no control characters. */
// eslint-disable-next-line no-control-regex
const REASON = /^[^\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]{1,500}$/;
/** A token: printable characters, no whitespace or control characters. */
const TOKEN = /^[\x21-\x7e]+$/;

/**
 * Parses every input at once and reports every problem at once, each naming the
 * input, the value and what is accepted. Touches nothing outside its arguments.
 * `stackNameOptional`: the CLI's commands that work on an environment (or every one)
 * without its stacks; without stack-name and environment, the environment is ''.
 */
export function parseConfig(
  read: (name: InputName) => string,
  env: Readonly<Record<string, string | undefined>>,
  opts: { readonly stackNameOptional?: boolean } = {}
): Config {
  const f = new Fields(read);

  // stack-name
  const stackNames = splitList(f.given(Inputs.StackName));
  if (stackNames.length === 0 && !opts.stackNameOptional) {
    f.problem(
      `'stack-name' is required: one or more CloudFormation stack names, comma or newline separated.`
    );
  }
  for (const name of stackNames) {
    if (!STACK_NAME.test(name)) {
      f.fail(
        Inputs.StackName,
        name,
        'a stack name starts with a letter and has only letters, digits and hyphens, at most 128 characters'
      );
    }
  }
  const duplicates = stackNames.filter((n, i) => stackNames.indexOf(n) !== i);
  if (duplicates.length > 0)
    f.fail(
      Inputs.StackName,
      f.given(Inputs.StackName),
      `lists ${duplicates.map((d) => displayText(d)).join(', ')} more than once`
    );

  const environment = f.raw(Inputs.Environment) || stackNames[0] || '';
  if (f.raw(Inputs.Environment) && !ENVIRONMENT.test(environment)) {
    f.fail(
      Inputs.Environment,
      environment,
      'expected letters, digits, ".", "_", "/" or "-", starting with a letter or digit, at most 100 characters'
    );
  }

  // The region, and where it came from: an error names that place (the input or the variable).
  const regionInput = f.raw(Inputs.Region);
  const regionVariable = ['AWS_REGION', 'AWS_DEFAULT_REGION'].find((v) => env[v]?.trim());
  const region = regionInput || (regionVariable ? env[regionVariable]!.trim() : '');
  if (!region) {
    f.problem(
      `'region' is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is set: set the region input (e.g. us-east-1) or configure AWS credentials with a region.`
    );
  } else if (!REGION.test(region) && regionInput) {
    f.fail(Inputs.Region, region, 'expected an AWS region such as us-east-1 or eu-central-2');
  } else if (!REGION.test(region)) {
    f.problem(
      `'region' is empty and the environment variable ${regionVariable} is ${shown(region)}: expected an AWS region such as us-east-1 or eu-central-2 (set the region input, or fix ${regionVariable}).`
    );
  }

  const registryTable = f.optional(
    Inputs.RegistryTable,
    TABLE,
    'expected a DynamoDB table name: 3 to 255 letters, digits, "_", "-" or "."'
  );

  const waitTimeoutMs = f.minutes(
    Inputs.WaitTimeoutMinutes,
    INPUT_RANGES['wait-timeout-minutes'],
    true
  );
  const pollIntervalMs = f.seconds(
    Inputs.PollIntervalSeconds,
    INPUT_RANGES['poll-interval-seconds']
  );
  const leaseMs = f.minutes(Inputs.LeaseMinutes, INPUT_RANGES['lease-minutes']);
  const skipSuperseded = f.boolean(Inputs.SkipSuperseded);
  const onActiveFailure = f.oneOf<OnActiveFailure>(Inputs.OnActiveFailure, [
    'proceed',
    'abort',
    'ask'
  ]);
  const warnings = f.oneOf<WarningsPolicy>(Inputs.Warnings, ['proceed', 'fail', 'ask']);
  const askTimeoutMs = f.minutes(Inputs.AskTimeoutMinutes, INPUT_RANGES['ask-timeout-minutes']);
  const autoRollback = f.boolean(Inputs.AutoRollback);
  const cleanup = f.oneOf<CleanupPolicy>(Inputs.Cleanup, ['none', 'failed-create']);
  const monitor = f.boolean(Inputs.Monitor);
  const monitorIntervalMs = f.seconds(
    Inputs.MonitorIntervalSeconds,
    INPUT_RANGES['monitor-interval-seconds']
  );
  const stallTimeoutMs = f.minutes(
    Inputs.StallTimeoutMinutes,
    INPUT_RANGES['stall-timeout-minutes']
  );
  const expectedDurationMs = f.raw(Inputs.ExpectedDurationMinutes)
    ? f.minutes(Inputs.ExpectedDurationMinutes, INPUT_RANGES['expected-duration-minutes'])
    : undefined;
  const progressIntervalMs = f.minutes(
    Inputs.ProgressIntervalMinutes,
    INPUT_RANGES['progress-interval-minutes']
  );

  // Combinations that cannot work, named by both inputs (only once each input is valid itself).
  if (registryTable && pollIntervalMs > 0 && leaseMs > 0 && pollIntervalMs >= leaseMs)
    f.problem(
      `'poll-interval-seconds' (${pollIntervalMs / 1000} s) must be shorter than 'lease-minutes' (${leaseMs / 60_000} min = ${leaseMs / 1000} s): a waiter must look at the lock more often than a lease runs out.`
    );
  if (monitor && monitorIntervalMs > 0 && stallTimeoutMs > 0 && stallTimeoutMs <= monitorIntervalMs)
    f.problem(
      `'stall-timeout-minutes' (${stallTimeoutMs / 60_000} min = ${stallTimeoutMs / 1000} s) must be longer than 'monitor-interval-seconds' (${monitorIntervalMs / 1000} s): the monitor looks for new stack events once per interval.`
    );

  const criticalResourceTypes = splitList(f.raw(Inputs.CriticalResourceTypes));
  for (const t of criticalResourceTypes) {
    if (!RESOURCE_TYPE.test(t))
      f.fail(
        Inputs.CriticalResourceTypes,
        t,
        'expected resource types such as AWS::RDS::DBInstance, comma or newline separated'
      );
  }

  const urlOutput = f.optional(
    Inputs.UrlOutput,
    OUTPUT_KEY,
    'expected a stack Output key (letters and digits)'
  );

  const logGroup = f.optional(
    Inputs.LogGroup,
    LOG_GROUP,
    'expected a CloudWatch Logs group name: 1 to 512 letters, digits and _ - / . #'
  );

  const slack = parseSlack(f);
  // Slack meant (a channel named) but its token empty: nobody can be asked, so a question's
  // answer is the safe one (no), and the run goes on without Slack.
  const slackMissing =
    !slack &&
    f.given(Inputs.SlackToken) === '' &&
    (f.raw(Inputs.SlackChannel) !== '' || f.raw(Inputs.SlackInteractChannel) !== '');
  let warningsPolicy = warnings;
  let activeFailure = onActiveFailure;
  for (const which of [Inputs.Warnings, Inputs.OnActiveFailure] as const) {
    const asks = which === Inputs.Warnings ? warnings === 'ask' : onActiveFailure === 'ask';
    if (slack || !asks) continue;
    if (!slackMissing) {
      f.problem(
        `'${which}' is "ask" but Slack is not configured: asking needs slack-token and slack-channel (or slack-interact-channel).`
      );
      continue;
    }
    const instead = which === Inputs.Warnings ? 'fail' : 'abort';
    f.warn(
      `'${which}' is "ask" but 'slack-token' is empty, so nobody can be asked: it acts as "${instead}" for this run.`
    );
    if (which === Inputs.Warnings) warningsPolicy = 'fail';
    else activeFailure = 'abort';
  }

  const githubToken = f.given(Inputs.GithubToken) || undefined;
  // The value is a secret: name the input, never echo the token.
  if (githubToken && !TOKEN.test(githubToken))
    f.problem(
      `'github-token' contains whitespace or control characters (the value is hidden): pass the token alone, such as \${{ github.token }}.`
    );
  const githubDeployment = f.boolean(Inputs.GithubDeployment);

  const correlationId = f.optional(
    Inputs.CorrelationId,
    CORRELATION_ID,
    'expected 8 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit (or leave it empty to generate one)'
  );

  const priority = f.oneOf<Priority>(Inputs.Priority, PRIORITIES);
  const overrideFreeze = f.optional(
    Inputs.OverrideFreeze,
    REASON,
    'expected a reason of at most 500 characters on one line (such as "hotfix for INC-42"), or empty'
  );

  if (f.problems.length > 0) throw new ConfigError(f.problems);

  return {
    stackNames,
    environment,
    region,
    registryTable,
    waitTimeoutMs,
    pollIntervalMs,
    leaseMs,
    skipSuperseded,
    onActiveFailure: activeFailure,
    warnings: warningsPolicy,
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
    logGroup,
    slack,
    inputWarnings: f.warnings,
    githubToken,
    githubDeployment,
    correlationId,
    priority,
    overrideFreeze
  };
}
