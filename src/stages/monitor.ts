import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_EXPECTED_DURATION_MS } from '../config/config.js';
import { State } from '../config/state.js';
import { estimateFromHistory } from '../domain/estimate.js';
import { runContext } from '../runtime/run-context.js';
import {
  SLACK_TOKEN_ENV,
  monitorDir,
  monitorEnv,
  monitorFiles,
  monitorSettings,
  readSettings,
  type MonitorSettings
} from '../monitor/files.js';
import { commitMessage, deploymentInfo, openNotifier, parseThread } from '../notify/thread.js';
import { expectation } from '../domain/expectation.js';
import { launchMonitor } from '../monitor/launch.js';
import { supervise } from '../monitor/supervise.js';
import { monitoringGapMessage } from '../notify/messages.js';
import type { SlackNotifier } from '../notify/slack.js';
import { runMonitor } from '../monitor/run.js';
import { createLogger, type LogSink } from '../report/logger.js';
import { cloudFormationReader, openRegistry } from '../runtime/clients.js';
import { actionStage, envValue, sleep } from '../runtime/stage.js';

/**
 * One entry, two roles: with a settings file as its argument it is the
 * detached monitor itself; as the monitor/ sub-action's step it launches one
 * for the deployment named by correlation-id. `self` is the entry's script
 * (dist/monitor/index.js), which the monitor starts again as its worker.
 */
export async function main(self: string): Promise<void> {
  const [settingsFile, role] = process.argv.slice(2);
  if (settingsFile && role === '--worker') await worker(readSettings(settingsFile));
  else if (settingsFile) await supervisor(self, settingsFile);
  else await launchForSubAction(self);
}

/** The detached process: restarts its worker when it dies, and says so in the thread. */
async function supervisor(self: string, settingsFile: string): Promise<void> {
  const settings = readSettings(settingsFile);
  const controller = new AbortController();
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => controller.abort());
  const notifier = await threadNotifier(settings);
  const write = (o: Record<string, unknown>): void => {
    process.stdout.write(`${JSON.stringify({ correlationId: settings.correlationId, ...o })}\n`);
  };
  await supervise({
    start: () =>
      spawn(process.execPath, [self, settingsFile, '--worker'], {
        stdio: 'inherit'
      }),
    now: Date.now,
    signal: controller.signal,
    write,
    onRestart: async (gapMs, restarts) => {
      write({ type: 'worker-restarted', at: new Date().toISOString(), restarts });
      if (notifier && settings.slack) {
        await notifier.post(
          'monitoring gap',
          settings.slack.thread.channel,
          monitoringGapMessage(settings.info, { gapMs, restarts }),
          { ts: settings.slack.thread.ts }
        );
      }
    }
  });
  process.exit(0);
}

async function threadNotifier(settings: MonitorSettings): Promise<SlackNotifier | undefined> {
  const token = envValue(SLACK_TOKEN_ENV);
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

async function worker(settings: MonitorSettings): Promise<void> {
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
  process.exit(0);
}

async function launchForSubAction(self: string): Promise<void> {
  await actionStage(async ({ io, log, config, correlationId }) => {
    let fence = 0;
    let owner: string | undefined;
    let acquiredAt = new Date().toISOString();
    const registry = await openRegistry({
      table: config.registryTable,
      region: config.region,
      environment: config.environment
    });
    const { lock } = await registry.lock.view(config.environment);
    const run = runContext();
    // A step of its own has no state: the lock held under this correlation ID by this very run attempt.
    const mine =
      lock.holder?.correlationId === correlationId &&
      lock.holder.run.runId === run.runId &&
      (lock.holder.run.runAttempt ?? '') === (run.runAttempt ?? '');
    if (mine && lock.holder) {
      fence = lock.fence;
      owner = lock.holder.owner;
      acquiredAt = lock.holder.acquiredAt;
    } else if (config.registryTable) {
      // With a table, this run is not its holder (CloudFormation alone holds no lock to watch for).
      log.warning(
        `${correlationId} of this run does not hold the ${config.environment} lock (holder: ${lock.holder?.correlationId ?? 'none'}): watching without heartbeats.`
      );
    }
    const dir = monitorDir(correlationId);
    const files = monitorFiles(dir);
    const thread = parseThread(
      existsSync(files.thread) ? readFileSync(files.thread, 'utf8') : undefined
    );
    const history = await registry.history.recent(config.environment, 50).catch(() => []);
    const expected = expectation(
      config,
      estimateFromHistory(history, config.stackNames),
      DEFAULT_EXPECTED_DURATION_MS
    );
    const launched = launchMonitor(
      self,
      dir,
      monitorSettings(config, {
        correlationId,
        owner,
        fence,
        acquiredAt,
        registryTable: fence > 0 ? config.registryTable : undefined,
        info: deploymentInfo(
          config,
          correlationId,
          runContext(),
          expected.estimate,
          undefined,
          commitMessage()
        ),
        overdueMs: expected.overdueMs,
        thread
      }),
      monitorEnv(config.slack)
    );
    io.saveState(State.MonitorPid, String(launched.pid));
    io.saveState(State.MonitorDir, launched.dir);
    log.info(`Monitor started (pid ${launched.pid}), observations in ${launched.log}.`);
  });
}

/** The detached monitor's log is its JSON lines; Slack trouble is recorded there by the spool. */
const silentSink: LogSink = {
  info: () => undefined,
  debug: () => undefined,
  warning: () => undefined,
  error: () => undefined
};
