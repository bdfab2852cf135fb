/**
 * Small rules that keep secrets in and processes bounded: where a bot token may be sent, what the
 * detached monitor keeps of the job's environment, how it tells a live job from a gone one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiUrlProblem } from '../../src/config/slack.js';
import { monitorEnv, monitorMaxLifetimeMs } from '../../src/monitor/files.js';
import { handSecret, readSecret } from '../../src/monitor/secret.js';
import { PassThrough } from 'node:stream';
import { processAlive, processStart } from '../../src/monitor/process.js';
import { stopMonitor } from '../../src/monitor/stop.js';

describe('slack-api-url', () => {
  it.each([
    ['https://slack.com/api/', undefined],
    ['http://127.0.0.1:8080/api/', undefined],
    ['http://localhost:9/', undefined],
    ['http://[::1]:9/', undefined],
    [
      'http://169.254.169.254/',
      expect.stringMatching(/^expected https \(plain http only to a loopback/)
    ],
    ['http://slack.com/api/', expect.stringMatching(/^expected https/)],
    ['https://u:p@slack.example/api/', 'userinfo'],
    ['https://token@slack.example/api/', 'userinfo'],
    ['ftp://slack.com/', expect.stringMatching(/^expected an https URL/)],
    ['not a url', expect.stringMatching(/^expected an https URL/)]
  ])('%s', (url, problem) => {
    expect(apiUrlProblem(url)).toEqual(problem);
  });
});

describe("the detached monitor's environment", () => {
  const job = {
    PATH: '/usr/bin',
    Path: 'C:\\Windows',
    SystemRoot: 'C:\\Windows',
    HOME: '/home/runner',
    RUNNER_TEMP: '/tmp/runner',
    RUNNER_TRACKING_ID: 'github_1',
    AWS_REGION: 'us-east-1',
    AWS_ROLE_ARN: 'arn:aws:iam::1:role/x',
    AWS_WEB_IDENTITY_TOKEN_FILE: '/tmp/token',
    AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials',
    AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:4567',
    NODE_USE_ENV_PROXY: '1',
    NODE_EXTRA_CA_CERTS: '/etc/ca.pem',
    HTTPS_PROXY: 'http://proxy:3128',
    no_proxy: 'localhost',
    'INPUT_SLACK-TOKEN': 'xoxb-secret',
    'INPUT_GITHUB-TOKEN': 'ghs_secret',
    STATE_owner: 'owner-token',
    ACTIONS_RUNTIME_TOKEN: 'runtime-secret',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-secret',
    GITHUB_TOKEN: 'ghs_secret2',
    GITHUB_REPOSITORY: 'owner/repo'
  };

  it('keeps what it needs (AWS, Node, the runner, the system, a proxy) and nothing of the action or the runner tokens', () => {
    expect(Object.keys(monitorEnv(job)).sort()).toEqual(
      [
        'PATH',
        'Path',
        'SystemRoot',
        'HOME',
        'RUNNER_TEMP',
        'RUNNER_TRACKING_ID',
        'AWS_REGION',
        'AWS_ROLE_ARN',
        'AWS_WEB_IDENTITY_TOKEN_FILE',
        'AWS_CONTAINER_CREDENTIALS_FULL_URI',
        'AWS_ENDPOINT_URL_DYNAMODB',
        'NODE_USE_ENV_PROXY',
        'NODE_EXTRA_CA_CERTS',
        'HTTPS_PROXY',
        'no_proxy'
      ].sort()
    );
  });

  it('the Slack token is in no variable: it comes on stdin, read until the writer closes it', async () => {
    expect(Object.values(monitorEnv(job)).join('\n')).not.toMatch(/xoxb|ghs_|secret/);
    const pipe = new PassThrough();
    handSecret(pipe, 'xoxb-1-abc\n');
    expect(await readSecret(pipe)).toBe('xoxb-1-abc');
    // A writer that never closes: no secret, after a bounded wait (nothing hangs).
    expect(await readSecret(new PassThrough(), 50)).toBe('');
  });

  it("ends at GitHub's own limit for a job: 6 hours on its runners, 5 days on self-hosted ones", () => {
    expect(monitorMaxLifetimeMs({ RUNNER_ENVIRONMENT: 'github-hosted' })).toBe(6 * 3_600_000);
    expect(monitorMaxLifetimeMs({ RUNNER_ENVIRONMENT: 'self-hosted' })).toBe(5 * 86_400_000);
    expect(monitorMaxLifetimeMs({})).toBe(5 * 86_400_000);
  });
});

describe('whether the job lives', () => {
  it('a running process lives; one that exited does not; no pid (a container job) counts as alive', () => {
    expect(processAlive(process.pid)).toBe(true);
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    expect(processAlive(gone)).toBe(false);
    expect(processAlive(undefined)).toBe(true);
    expect(processAlive(0)).toBe(true);
  });

  it('a pid that now names a process started at another time (a reused pid) is not the job', () => {
    const started = processStart(process.pid);
    if (process.platform === 'linux') expect(started).toMatch(/^\d+$/);
    expect(processAlive(process.pid, started)).toBe(true);
    // The same pid with another start time: what a pid reused by a new process looks like.
    if (process.platform === 'linux') expect(processAlive(process.pid, `${started}1`)).toBe(false);
    expect(processStart(spawnSync(process.execPath, ['-e', '0']).pid)).toBeUndefined();
  });
});

describe('finalize signals only its own monitor', () => {
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  const idle = (...args: string[]) =>
    spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', ...args], { stdio: 'ignore' });
  const exited = (child: ReturnType<typeof spawn>): Promise<unknown> =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((r) => child.once('exit', r));

  it('a pid that is now another process (the monitor ended, the pid reused) is not signalled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dc-stop-'));
    const other = idle();
    const mine = idle(join(dir, 'monitor.json'));
    try {
      await sleep(200);
      expect(await stopMonitor(other.pid!, sleep, 1_000, dir)).toBe('not-running');
      expect(processAlive(other.pid)).toBe(true);
      expect(other.exitCode).toBeNull();
      expect(await stopMonitor(mine.pid!, sleep, 1_000, dir)).toBe('stopped');
      await exited(mine);
      expect(mine.signalCode).toBe('SIGTERM');
    } finally {
      other.kill('SIGKILL');
      mine.kill('SIGKILL');
      await Promise.all([exited(other), exited(mine)]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
