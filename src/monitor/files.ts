import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the detached monitor needs; written 0600 under RUNNER_TEMP, never in argv. Holds no secret. */
export interface MonitorSettings {
  readonly correlationId: string;
  readonly environment: string;
  readonly stacks: readonly string[];
  readonly region: string;
  readonly registryTable?: string;
  readonly fence: number;
  readonly leaseMs: number;
  readonly heartbeatMs: number;
  readonly monitorIntervalMs: number;
  readonly watchEvents: boolean;
  readonly acquiredAt: string;
}

/** One folder per deployment, found again by correlation ID (finalize may run as a separate step). */
export function monitorDir(correlationId: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(env['RUNNER_TEMP'] || tmpdir(), 'deploy-coordinator', correlationId);
}

export const monitorFiles = (dir: string) => ({
  settings: join(dir, 'monitor.json'),
  log: join(dir, 'monitor.jsonl'),
  pid: join(dir, 'monitor.pid')
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

/** The lock's heartbeat cadence: three beats per lease, so one lost write never makes it stale. */
export const heartbeatInterval = (leaseMs: number): number =>
  Math.max(200, Math.floor(leaseMs / 3));
