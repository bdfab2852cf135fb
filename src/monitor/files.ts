import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DeploymentInfo } from '../notify/messages.js';
import type { ThreadRef } from '../notify/slack.js';
import { processEnv, type Env } from '../runtime/env.js';
import { processStart } from './process.js';

/** What the detached monitor needs; written 0600 under RUNNER_TEMP, never in argv. Holds no secret. */
export interface MonitorSettings {
  readonly correlationId: string;
  readonly environment: string;
  readonly stacks: readonly string[];
  readonly region: string;
  readonly registryTable?: string;
  /** The lock's owner token (not a secret, but never logged): the lease is held under it. */
  readonly owner?: string;
  readonly fence: number;
  readonly leaseMs: number;
  readonly heartbeatMs: number;
  readonly monitorIntervalMs: number;
  readonly watchEvents: boolean;
  readonly acquiredAt: string;
  /**
   * The process that ran the coordinate step's parent: the runner's worker for this job. Once it
   * is gone, the job is over and the monitor ends (no post step will stop it).
   */
  readonly jobPid?: number;
  /** When that process started (`processStart`): a reused pid is not the job's runner. */
  readonly jobStartedAt?: string;
  /** The latest the monitor runs, whatever else happens (`monitorMaxLifetimeMs` after the lock was taken). */
  readonly endsBy: string;
  readonly stallMs: number;
  /** Past this, one overdue warning. */
  readonly overdueMs: number;
  readonly progressIntervalMs: number;
  readonly criticalResourceTypes: readonly string[];
  /** What the messages say about the deployment. */
  readonly info: DeploymentInfo;
  /** Usual seconds per resource type, from history: refines the time left. */
  readonly typeSeconds?: Readonly<Record<string, number>>;
  /** log-group: the monitor's observations go to the deployment's stream too. */
  readonly logGroup?: string;
  /** Why an earlier step could not write that stream (the monitor then keeps its events for finalize). */
  readonly logsFailed?: string;
  /** Where the thread is; the token comes on the monitor's stdin (`secret.ts`), never here. */
  readonly slack?: { readonly apiUrl: string; readonly thread: ThreadRef };
}

/**
 * Another entry's script beside `self` (dist/<entry>/index.js), resolved at run time: a literal
 * path would be pulled into the bundle by ncc.
 */
export const siblingEntry = (self: string, entry: 'monitor' | 'supervisor'): string =>
  join(dirname(self), '..', [entry, 'index.js'].join('/'));

/** One folder per deployment, found again by correlation ID (finalize may run as a separate step). */
export function monitorDir(correlationId: string, env: Env = processEnv): string {
  return join(env['RUNNER_TEMP'] || tmpdir(), 'deploy-coordinator', correlationId);
}

export const monitorFiles = (dir: string) => ({
  settings: join(dir, 'monitor.json'),
  log: join(dir, 'monitor.jsonl'),
  /** CloudWatch Logs events a step could not send, for the post step to send. */
  logsSpool: join(dir, 'logs-spool.jsonl'),
  /** Why a step could not write the stream: later steps (split sub-actions too) do not warn again. */
  logsFailed: join(dir, 'logs-failed'),
  pid: join(dir, 'monitor.pid'),
  /** Slack messages the monitor could not deliver, for finalize to retry. */
  spool: join(dir, 'monitor-slack-spool.jsonl'),
  /** The same for coordinate and finalize's own messages. */
  stageSpool: join(dir, 'stage-slack-spool.jsonl'),
  /** The Slack thread (channel:ts), for stages that run as separate steps. */
  thread: join(dir, 'slack-thread'),
  /** The deploy freeze coordinate met or overrode, for a finalize that runs as a separate step. */
  freeze: join(dir, 'freeze.json'),
  /** The questions answered in Slack (see `State.Answered`), for a finalize in a separate step. */
  answered: join(dir, 'slack-answered.json'),
  /** The GitHub Deployment's ID, for a finalize that runs as a separate step. */
  deployment: join(dir, 'github-deployment-id'),
  /** Written once the final Slack notice went out, so a second finalize does not repeat it. */
  finalSent: join(dir, 'slack-final-sent')
});

export function writeSettings(dir: string, settings: MonitorSettings): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = monitorFiles(dir).settings;
  writeFileSync(file, JSON.stringify(settings, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

export const readSettings = (file: string): MonitorSettings =>
  JSON.parse(readFileSync(file, 'utf8')) as MonitorSettings;

/**
 * The longest a monitor runs: GitHub ends any job within 6 hours on its own runners and 5 days on
 * self-hosted ones (its documented limits), so a monitor older than that has outlived its job.
 */
export const monitorMaxLifetimeMs = (env: Env = processEnv): number =>
  (env['RUNNER_ENVIRONMENT'] === 'github-hosted' ? 6 * 60 : 5 * 24 * 60) * 60_000;

/** The lock's heartbeat cadence: three beats per lease, so one lost write never makes it stale. */
export const heartbeatInterval = (leaseMs: number): number =>
  Math.max(200, Math.floor(leaseMs / 3));

/** What coordinate learned that the monitor needs: the acquisition and the deployment. */
export interface MonitorDeployment {
  readonly correlationId: string;
  /** An earlier step could not write the CloudWatch Logs stream: the monitor only keeps its events. */
  readonly logsFailed?: string;
  readonly owner?: string;
  readonly fence: number;
  readonly acquiredAt: string;
  readonly registryTable?: string;
  readonly info: DeploymentInfo;
  readonly overdueMs: number;
  readonly thread?: ThreadRef;
  readonly typeSeconds?: Readonly<Record<string, number>>;
  /** The job's runner process (default: this step's parent). */
  readonly jobPid?: number;
}

/** The settings for a deployment's monitor, from the inputs and what coordinate learned. */
export function monitorSettings(
  config: {
    readonly environment: string;
    readonly stackNames: readonly string[];
    readonly region: string;
    readonly leaseMs: number;
    readonly monitorIntervalMs: number;
    readonly monitor: boolean;
    readonly stallTimeoutMs: number;
    readonly progressIntervalMs: number;
    readonly criticalResourceTypes: readonly string[];
    readonly slack?: { readonly apiUrl: string };
    readonly logGroup?: string;
  },
  deployment: MonitorDeployment
): MonitorSettings {
  const jobPid = deployment.jobPid ?? process.ppid;
  return {
    correlationId: deployment.correlationId,
    environment: config.environment,
    stacks: config.stackNames,
    region: config.region,
    registryTable: deployment.registryTable,
    owner: deployment.owner,
    fence: deployment.fence,
    leaseMs: config.leaseMs,
    heartbeatMs: heartbeatInterval(config.leaseMs),
    monitorIntervalMs: config.monitorIntervalMs,
    watchEvents: config.monitor,
    acquiredAt: deployment.acquiredAt,
    jobPid,
    jobStartedAt: processStart(jobPid),
    endsBy: new Date(Date.parse(deployment.acquiredAt) + monitorMaxLifetimeMs()).toISOString(),
    stallMs: config.stallTimeoutMs,
    overdueMs: deployment.overdueMs,
    progressIntervalMs: config.progressIntervalMs,
    criticalResourceTypes: config.criticalResourceTypes,
    ...(config.logGroup ? { logGroup: config.logGroup } : {}),
    ...(deployment.logsFailed ? { logsFailed: deployment.logsFailed } : {}),
    info: deployment.info,
    typeSeconds: deployment.typeSeconds,
    slack:
      config.slack && deployment.thread
        ? { apiUrl: config.slack.apiUrl, thread: deployment.thread }
        : undefined
  };
}

/**
 * What the detached monitor keeps of the job's environment: the AWS SDK's own variables
 * (credentials, region, endpoints, profile and CA files), Node's own switches, the runner's temp
 * folder and its tracking ID (by which the runner finds and ends it with the job), the system's
 * basics, and a proxy. Not the action's inputs (INPUT_*, the tokens among them), its state, or
 * the runner's tokens (ACTIONS_*, GITHUB_TOKEN).
 */
const MONITOR_ENV = [
  /^AWS_/,
  // Node's own switches: a proxy or the system's CA store (NODE_USE_ENV_PROXY, NODE_USE_SYSTEM_CA),
  // extra CA files, the options the job runs node with.
  /^NODE_/,
  // The system's basics, in either spelling (Windows writes Path, SystemRoot, USERPROFILE).
  /^(PATH|HOME|USER|USERPROFILE|HOMEDRIVE|HOMEPATH|SYSTEMROOT|WINDIR|APPDATA|LOCALAPPDATA|PROGRAMDATA|COMSPEC|LANG|LC_[A-Z]+|TZ|TMPDIR|TMP|TEMP)$/i,
  /^(RUNNER_TEMP|RUNNER_TRACKING_ID)$/,
  /^(HTTPS?_PROXY|ALL_PROXY|NO_PROXY)$/i,
  /^(SSL_CERT_FILE|SSL_CERT_DIR)$/
];

/** The monitor's environment: only what it needs of the job's (MONITOR_ENV). The Slack token comes on its stdin (`secret.ts`). */
export function monitorEnv(env: Env = processEnv): Env {
  return Object.fromEntries(
    Object.entries(env).filter(
      ([name, value]) => value !== undefined && MONITOR_ENV.some((p) => p.test(name))
    )
  );
}
