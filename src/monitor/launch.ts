import { spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { monitorFiles, writeSettings, type MonitorSettings } from './files.js';

export interface LaunchedMonitor {
  readonly pid: number;
  readonly dir: string;
  readonly log: string;
}

/**
 * Starts the monitor as a detached process whose output goes to a file, never
 * to the step's pipes (the step would wait for them to close), and lets go of it.
 */
export function launchMonitor(
  bundle: string,
  dir: string,
  settings: MonitorSettings,
  env: NodeJS.ProcessEnv = process.env
): LaunchedMonitor {
  const file = writeSettings(dir, settings);
  const files = monitorFiles(dir);
  const out = openSync(files.log, 'a', 0o600);
  try {
    const child = spawn(process.execPath, [bundle, file], {
      detached: true,
      stdio: ['ignore', out, out],
      env,
      cwd: dir
    });
    child.unref();
    if (!child.pid) throw new Error('the monitor process did not start');
    writeFileSync(files.pid, String(child.pid), { mode: 0o600 });
    return { pid: child.pid, dir, log: files.log };
  } finally {
    closeSync(out);
  }
}
