/**
 * The detached monitor's worker: heartbeats the lock, follows the stacks and reports in the
 * deployment's thread (runMonitor), in a process of its own that the supervisor starts. It loads
 * its clients and the monitor loop only: not @actions/core, nor the stages.
 */
import { monitoringGapMessage } from '../notify/messages.js';
import type { SlackNotifier } from '../notify/slack.js';
import { openNotifier } from '../notify/thread.js';
import { createLogger, type LogSink } from '../report/logger.js';
import { cloudFormationReader, openRegistry } from '../runtime/clients.js';
import { sleep } from '../runtime/clock.js';
import { monitorDir, monitorFiles, readSettings, type MonitorSettings } from './files.js';
import { runMonitor } from './run.js';
import { readSecret } from './secret.js';
import { restartOf, type Restart } from './supervise.js';

/** The detached monitor's log is its JSON lines; Slack trouble is recorded there by the spool. */
const silentSink: LogSink = {
  info: () => undefined,
  debug: () => undefined,
  warning: () => undefined,
  error: () => undefined
};
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
    write: (o) => process.stdout.write(`${JSON.stringify(o)}\n`)
  });
  await gap;
  process.exit(0);
}
