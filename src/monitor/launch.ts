import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, statSync, writeFileSync } from 'node:fs';
import { monitorFiles, writeSettings, type MonitorSettings } from './files.js';
import { handSecret } from './secret.js';
import type { Clock, Sleep } from '../ports/runtime.js';
import { processEnv, type Env } from '../runtime/env.js';

export interface LaunchedMonitor {
  readonly pid: number;
  readonly dir: string;
  readonly log: string;
  /** Where this monitor's lines begin in the log (an earlier monitor of the same ID may have written before). */
  readonly logOffset?: number;
}

/**
 * Starts the monitor as a detached process whose output goes to a file, never
 * to the step's pipes (the step would wait for them to close), hands it the Slack token on its
 * stdin, and lets go of it.
 */
export function launchMonitor(
  bundle: string,
  dir: string,
  settings: MonitorSettings,
  env: Env = processEnv,
  /** The Slack token, handed over on the monitor's stdin. */
  secret?: string
): LaunchedMonitor {
  const file = writeSettings(dir, settings);
  const files = monitorFiles(dir);
  const logOffset = existsSync(files.log) ? statSync(files.log).size : 0;
  const out = openSync(files.log, 'a', 0o600);
  try {
    const child = spawn(process.execPath, [bundle, file], {
      detached: true,
      stdio: ['pipe', out, out],
      env,
      cwd: dir
    });
    handSecret(child.stdin, secret);
    child.unref();
    if (!child.pid) throw new Error('the monitor process did not start');
    writeFileSync(files.pid, String(child.pid), { mode: 0o600 });
    return { pid: child.pid, dir, log: files.log, logOffset };
  } finally {
    closeSync(out);
  }
}

export type HandoverResult = 'holding' | 'lost' | 'timeout';

/**
 * Waits until the monitor has landed its first heartbeat (it then holds the lease), or found the
 * lock gone, or `timeoutMs` passed; reads its observations (`observed`) every 50 ms.
 */
export async function monitorHolds(
  observed: () => readonly Record<string, unknown>[],
  clock: Clock,
  sleep: Sleep,
  timeoutMs: number
): Promise<HandoverResult> {
  const until = clock.now() + timeoutMs;
  for (;;) {
    for (const o of observed()) {
      if (o['type'] === 'heartbeat') return o['ok'] === true ? 'holding' : 'lost';
      if (o['type'] === 'lock-lost') return 'lost';
    }
    if (clock.now() >= until) return 'timeout';
    await sleep(Math.min(50, until - clock.now()));
  }
}
