import { existsSync, readFileSync } from 'node:fs';
/**
 * The detached monitor's worker: heartbeats the lock, follows the stacks and reports in the
 * deployment's thread (runMonitor), in a process of its own that the supervisor starts. It loads
 * its clients and the monitor loop only: not @actions/core, nor the stages.
 */
import { eventName, type NestedEvent } from '../domain/stack.js';
import { monitoringGapMessage } from '../notify/messages.js';
import type { SlackNotifier } from '../notify/slack.js';
import { openNotifier } from '../notify/thread.js';
import { createLogger, type LogSink } from '../report/logger.js';
import { cloudFormationReader, openRegistry } from '../runtime/clients.js';
import { sleep } from '../runtime/clock.js';
import { monitorDir, monitorFiles, readSettings, type MonitorSettings } from './files.js';
import { runMonitor } from './run.js';
import type { Logger } from '../ports/runtime.js';
import { LOG_FLUSH_INTERVAL_MS } from '../logs/deployment-log.js';
import { eventMessage } from '../logs/events.js';
import { openLogShipper } from '../runtime/logs.js';
import { readSecret } from './secret.js';
import { restartOf, type Restart } from './supervise.js';

/** The detached monitor's log is its JSON lines; Slack trouble is recorded there by the spool. */
const silentSink: LogSink = {
  info: () => undefined,
  debug: () => undefined,
  warning: () => undefined,
  error: () => undefined
};
/**
 * The monitor's observations as events of the deployment's stream (with log-group), sent every few
 * seconds; trouble is one observation in its own log, and what it could not send waits in the
 * deployment's folder for the post step.
 */
async function monitorLog(
  settings: MonitorSettings
): Promise<{ add(o: Record<string, unknown>): void; close(): Promise<void> } | undefined> {
  if (!settings.logGroup) return undefined;
  const noted: Logger = {
    correlationId: settings.correlationId,
    info: () => undefined,
    debug: () => undefined,
    warning: (message) =>
      process.stdout.write(
        `${JSON.stringify({ at: new Date().toISOString(), correlationId: settings.correlationId, type: 'logs-error', message })}\n`
      ),
    error: () => undefined
  };
  const shipper = await openLogShipper(settings, settings.correlationId, noted, false, {
    reason:
      settings.logsFailed ??
      readIfThere(monitorFiles(monitorDir(settings.correlationId)).logsFailed),
    record: () => undefined
  });
  if (!shipper) return undefined;
  const context = {
    correlationId: settings.correlationId,
    environment: settings.environment,
    stage: 'monitor' as const,
    stacks: settings.stacks,
    ...(settings.info.run.runUrl ? { runUrl: settings.info.run.runUrl } : {}),
    fence: settings.fence
  };
  const timer = setInterval(() => void shipper.flush(), LOG_FLUSH_INTERVAL_MS);
  timer.unref();
  return {
    add: (o) => {
      const at = Date.parse(String(o['at'])) || Date.now();
      const type = typeof o['type'] === 'string' ? o['type'] : 'observation';
      const { at: _at, correlationId: _id, type: _type, ...fields } = o;
      const level = /error|lost/.test(type) ? 'warning' : 'info';
      shipper.add({
        timestamp: at,
        message: eventMessage(context, at, level, headline(o), fields)
      });
    },
    close: async () => {
      clearInterval(timer);
      await shipper.flush();
    }
  };
}

const readIfThere = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');

/** An observation's message in the log: its type, and for a stack event or an alert what it was. */
function headline(o: Record<string, unknown>): string {
  const type = typeof o['type'] === 'string' ? o['type'] : 'observation';
  const e = o['event'] as NestedEvent | undefined;
  // A nested stack's event by its path (`Data › Db`), as everything else names it.
  if (type === 'event' && e) return `event: ${eventName(e)} ${String(e.status)}`;
  const alert = o['alert'] as { kind?: unknown } | undefined;
  if (type === 'alert' && typeof alert?.kind === 'string') return `alert: ${alert.kind}`;
  return type;
}

/** A restarted worker says in the thread how long nothing watched the deployment. */
async function gapNotice(
  settings: MonitorSettings,
  notifier: SlackNotifier | undefined,
  restart: Restart
): Promise<void> {
  if (!notifier || !settings.slack) return;
  await notifier.post(
    'monitoring gap',
    settings.slack.thread.channel,
    monitoringGapMessage(settings.info, {
      gapMs: Math.max(0, Date.now() - restart.diedAt),
      restarts: restart.restarts
    }),
    { ts: settings.slack.thread.ts }
  );
}

async function threadNotifier(settings: MonitorSettings): Promise<SlackNotifier | undefined> {
  const token = await readSecret(process.stdin);
  return settings.slack && token
    ? openNotifier(
        {
          token,
          apiUrl: settings.slack.apiUrl,
          channel: settings.slack.thread.channel,
          interactChannel: settings.slack.thread.channel
        },
        createLogger(settings.correlationId, silentSink),
        monitorFiles(monitorDir(settings.correlationId)).spool
      )
    : undefined;
}

/**
 * The worker: `settingsFile`, and the arguments after `--worker` (the restart it follows, if
 * any). It opens its clients (the AWS SDK, Slack) and nothing of the step's machinery.
 */
export async function workerMain(settingsFile: string, args: readonly string[]): Promise<void> {
  const settings = readSettings(settingsFile);
  const restart = restartOf(args);
  const controller = new AbortController();
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => controller.abort());
  const reader = await cloudFormationReader(settings.region);
  const registry = settings.registryTable
    ? await openRegistry({
        table: settings.registryTable,
        region: settings.region,
        environment: settings.environment
      })
    : undefined;
  const notifier = await threadNotifier(settings);
  // The log never stands between the monitor and the lease.
  const logs = await monitorLog(settings).catch(() => undefined);
  // The gap notice goes out beside the monitor, never before it: the lease's first heartbeat
  // must not wait for Slack.
  const gap = restart
    ? gapNotice(settings, notifier, restart).catch(() => undefined)
    : Promise.resolve();
  await runMonitor({
    settings,
    registry,
    reader,
    notifier,
    now: Date.now,
    sleep,
    signal: controller.signal,
    write: (o) => {
      process.stdout.write(`${JSON.stringify(o)}\n`);
      logs?.add(o);
    }
  });
  await gap;
  await logs?.close();
  process.exit(0);
}
