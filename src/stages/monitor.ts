import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_EXPECTED_DURATION_MS } from '../config/config.js';
import { State } from '../config/state.js';
import { expectation, historyEstimate } from '../domain/expectation.js';
import {
  monitorDir,
  monitorEnv,
  monitorFiles,
  monitorSettings,
  siblingEntry
} from '../monitor/files.js';
import { launchMonitor } from '../monitor/launch.js';
import { supervisorMain } from '../monitor/supervisor.js';
import { workerMain } from '../monitor/worker.js';
import { commitMessage, deploymentInfo, parseThread } from '../notify/thread.js';
import { openRegistry } from '../runtime/clients.js';
import { runContext } from '../runtime/run-context.js';
import { actionStage } from '../runtime/stage.js';

/**
 * The monitor entry: with a settings file and `--worker` it is the detached monitor's worker;
 * with a settings file alone, its supervisor (src/monitor/supervisor.ts, as the supervisor entry
 * runs it); as the monitor/ sub-action's step it launches one for the deployment named by
 * correlation-id. `self` is the entry's script (dist/monitor/index.js).
 */
export async function main(self: string): Promise<void> {
  const [settingsFile, role, ...rest] = process.argv.slice(2);
  if (settingsFile && role === '--worker') await workerMain(settingsFile, rest);
  else if (settingsFile) await supervisorMain(siblingEntry(self, 'supervisor'), settingsFile);
  else await launchForSubAction(self);
}

async function launchForSubAction(self: string): Promise<void> {
  await actionStage('monitor', async ({ io, log, config, correlationId }) => {
    let fence = 0;
    let owner: string | undefined;
    let acquiredAt = new Date().toISOString();
    const registry = await openRegistry({
      table: config.registryTable,
      region: config.region,
      environment: config.environment
    });
    const lock = await registry.lock.readLock(config.environment);
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
    const history = await registry.history.recent(config.environment, 50).then(
      (r) => r.items,
      () => []
    );
    const expected = expectation(
      config,
      historyEstimate(history, config.stackNames),
      DEFAULT_EXPECTED_DURATION_MS
    );
    const launched = launchMonitor(
      siblingEntry(self, 'supervisor'),
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
      monitorEnv(),
      config.slack?.token
    );
    io.saveState(State.MonitorPid, String(launched.pid));
    io.saveState(State.MonitorDir, launched.dir);
    log.info(`Monitor started (pid ${launched.pid}), observations in ${launched.log}.`);
  });
}
