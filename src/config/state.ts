/** Keys saved with core.saveState and read back (as STATE_<key>) by later stages. */
export const State = {
  CorrelationId: 'correlation-id',
  PreRan: 'pre-ran',
  Result: 'result',
  AcquiredAt: 'acquired-at',
  /** When coordinate's own repairs ended (CloudFormation's time): this deployment's events come after. */
  DeployFrom: 'deploy-from',
  QueuedAt: 'queued-at',
  /** Each stack's DeploymentCorrelationId tag as the deploy step found it (JSON): whose tag is new. */
  TagsBefore: 'tags-before',
  Registry: 'registry',
  Fence: 'fence',
  /** Why a step could not write the deployment's CloudWatch Logs stream (said once, in that step). */
  LogsFailed: 'logs-failed',
  /** The lock's owner token for this run attempt: never logged, never an output. */
  Owner: 'owner',
  TicketSeq: 'ticket-seq',
  MonitorPid: 'monitor-pid',
  MonitorDir: 'monitor-dir',
  SlackThread: 'slack-thread',
  /** The freeze that held this run, or that it overrode (JSON, for the summary). */
  Freeze: 'freeze',
  /** The questions asked in Slack, their answers and who gave them (JSON, for the record and the summary). */
  Answered: 'slack-answered',
  DeploymentId: 'github-deployment-id'
} as const;

export type StateKey = (typeof State)[keyof typeof State];

export const Outputs = {
  CorrelationId: 'correlation-id',
  Result: 'result',
  Registry: 'registry',
  WaitedSeconds: 'waited-seconds',
  QueuePosition: 'queue-position',
  ActiveCorrelationId: 'active-correlation-id',
  StackStatus: 'stack-status',
  ConsoleUrl: 'console-url',
  EstimatedMinutes: 'estimated-minutes',
  CfnTags: 'cfn-tags',
  Validation: 'validation',
  FencingToken: 'fencing-token'
} as const;

export type OutputName = (typeof Outputs)[keyof typeof Outputs];

export type CoordinationResult =
  'acquired' | 'concurrent' | 'blocked' | 'aborted' | 'superseded' | 'frozen';

/** Exit status of the coordinate stage and of the CLI. */
export const ExitCode = { Ok: 0, Failed: 1, Concurrent: 2 } as const;
