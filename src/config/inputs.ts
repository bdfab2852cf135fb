/** The action's inputs, as users type them (CONTRACT.md). Reading any other name is a type error. */
export const Inputs = {
  StackName: 'stack-name',
  Environment: 'environment',
  Region: 'region',
  RegistryTable: 'registry-table',
  WaitTimeoutMinutes: 'wait-timeout-minutes',
  PollIntervalSeconds: 'poll-interval-seconds',
  LeaseMinutes: 'lease-minutes',
  SkipSuperseded: 'skip-superseded',
  OnActiveFailure: 'on-active-failure',
  Warnings: 'warnings',
  AskTimeoutMinutes: 'ask-timeout-minutes',
  AutoRollback: 'auto-rollback',
  Cleanup: 'cleanup',
  Monitor: 'monitor',
  MonitorIntervalSeconds: 'monitor-interval-seconds',
  StallTimeoutMinutes: 'stall-timeout-minutes',
  ExpectedDurationMinutes: 'expected-duration-minutes',
  ProgressIntervalMinutes: 'progress-interval-minutes',
  CriticalResourceTypes: 'critical-resource-types',
  UrlOutput: 'url-output',
  LogGroup: 'log-group',
  SlackToken: 'slack-token',
  SlackChannel: 'slack-channel',
  SlackInteractChannel: 'slack-interact-channel',
  SlackApiUrl: 'slack-api-url',
  GithubToken: 'github-token',
  GithubDeployment: 'github-deployment',
  CorrelationId: 'correlation-id',
  Priority: 'priority',
  OverrideFreeze: 'override-freeze'
} as const;

export type InputName = (typeof Inputs)[keyof typeof Inputs];

/**
 * Defaults the parser applies to an empty input. action.yml declares the same
 * values (a test keeps them equal); empty here means 'derived' (see CONTRACT.md).
 */
export const INPUT_DEFAULTS: Readonly<Record<InputName, string>> = {
  'stack-name': '',
  environment: '',
  region: '',
  'registry-table': '',
  'wait-timeout-minutes': '30',
  'poll-interval-seconds': '5',
  'lease-minutes': '10',
  'skip-superseded': 'false',
  'on-active-failure': 'proceed',
  warnings: 'proceed',
  'ask-timeout-minutes': '15',
  'auto-rollback': 'true',
  cleanup: 'none',
  monitor: 'true',
  'monitor-interval-seconds': '30',
  'stall-timeout-minutes': '10',
  'expected-duration-minutes': '',
  'progress-interval-minutes': '10',
  'critical-resource-types': '',
  'url-output': '',
  'log-group': '',
  'slack-token': '',
  'slack-channel': '',
  'slack-interact-channel': '',
  'slack-api-url': 'https://slack.com/api/',
  'github-token': '',
  'github-deployment': 'false',
  'correlation-id': '',
  priority: 'normal',
  'override-freeze': ''
};

/** Inputs whose values are secrets: masked before anything else happens. */
export const SECRET_INPUTS: readonly InputName[] = ['slack-token', 'github-token'];

/**
 * The range of every numeric input, in its own unit (README's inputs table says the same; a test
 * keeps them equal). The lower bounds keep a shared table and Slack safe from a typo (0.0001 s)
 * while the tests can still run the real code in seconds.
 */
export const INPUT_RANGES = {
  'wait-timeout-minutes': { min: 0.01, max: 4320 },
  'poll-interval-seconds': { min: 0.1, max: 3600 },
  'lease-minutes': { min: 0.05, max: 1440 },
  'ask-timeout-minutes': { min: 0.01, max: 1440 },
  'monitor-interval-seconds': { min: 0.1, max: 3600 },
  'stall-timeout-minutes': { min: 0.01, max: 1440 },
  'expected-duration-minutes': { min: 0.01, max: 4320 },
  'progress-interval-minutes': { min: 0.01, max: 1440 }
} as const satisfies Partial<Record<InputName, { min: number; max: number }>>;
