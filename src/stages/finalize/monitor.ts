import { State } from '../../config/state.js';
import { monitorPid, readObservations, stopMonitor, type StopResult } from '../../monitor/stop.js';
import type { StageDeps } from '../deps.js';

/** What finalize does with the monitor: stop it, then read what it observed. */
export interface MonitorHandle {
  readonly pid?: number;
  stop(): Promise<StopResult>;
  observations(): Record<string, unknown>[];
}

/** The detached monitor process of this deployment, if it was started. */
function monitorProcess(d: StageDeps, dir: string): MonitorHandle | undefined {
  const pid = monitorPid(d.io.getState(State.MonitorPid), dir);
  return pid === undefined
    ? undefined
    : {
        pid,
        stop: () => stopMonitor(pid, d.sleep, undefined, dir),
        observations: () => readObservations(dir)
      };
}

/**
 * Stops the monitor (given, or the process named in state or its folder) and says what it saw;
 * returns its observations (none without a monitor).
 */
export async function stopTheMonitor(
  d: StageDeps & { readonly monitor?: MonitorHandle },
  dir: string
): Promise<Record<string, unknown>[]> {
  const monitor = d.monitor ?? monitorProcess(d, dir);
  if (!monitor) return [];
  const stopped = await monitor.stop();
  const observations = monitor.observations();
  const count = (type: string): number => observations.filter((o) => o['type'] === type).length;
  d.log.info(
    `Monitor${monitor.pid ? ` (pid ${monitor.pid})` : ''}: ${stopped === 'not-running' ? 'was no longer running' : stopped}; ${count('heartbeat')} heartbeats, ${count('event')} events, ${count('error') + count('heartbeat-error')} errors recorded.`
  );
  const lost = observations.find((o) => o['type'] === 'lock-lost');
  if (lost) {
    const at = typeof lost['at'] === 'string' ? lost['at'] : 'an unknown time';
    const by = typeof lost['nowHeldBy'] === 'string' ? ` (now held by ${lost['nowHeldBy']})` : '';
    d.log.info(`The monitor found the lock no longer this deployment's at ${at}${by} and stopped.`);
  }
  return observations;
}
