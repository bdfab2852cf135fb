import type { Logger } from '../ports/runtime.js';
import type { TimeBudget } from '../runtime/budget.js';
import { processEnv, type Env } from '../runtime/env.js';

/**
 * The history file travels between runs in the Actions cache: one key per
 * environment and run (keys are immutable), restored by prefix so the newest wins.
 */
export const historyKeyPrefix = (environment: string): string =>
  `deploy-coordinator-history-${environment}-`;
export const historyRunKey = (environment: string, env: Env): string =>
  `${historyKeyPrefix(environment)}${env['GITHUB_RUN_ID'] ?? '0'}-${env['GITHUB_RUN_ATTEMPT'] ?? '1'}`;

export async function restoreHistory(
  file: string,
  environment: string,
  log: Logger,
  env: Env = processEnv
): Promise<void> {
  const cache = await import('@actions/cache');
  if (!cache.isFeatureAvailable()) {
    log.info('The Actions cache is not available here: estimates start without history.');
    return;
  }
  try {
    const hit = await cache.restoreCache([file], historyRunKey(environment, env), [
      historyKeyPrefix(environment)
    ]);
    log.info(
      hit
        ? `Deployment history restored from the Actions cache (${hit}).`
        : 'No deployment history in the Actions cache yet.'
    );
  } catch (err) {
    log.warning(
      `Could not restore the deployment history from the Actions cache: ${(err as Error).message}`,
      { title: 'History not restored' }
    );
  }
}

export async function saveHistory(
  file: string,
  environment: string,
  log: Logger,
  env: Env = processEnv,
  budget?: TimeBudget
): Promise<void> {
  const cache = await import('@actions/cache');
  if (!cache.isFeatureAvailable()) return;
  const key = `${historyRunKey(environment, env)}-${Date.now()}`;
  const what = 'the deployment history saved to the Actions cache';
  try {
    // The cache's client takes no signal: given up at the budget, the upload is not waited for.
    const id = await (budget
      ? budget.run(() => cache.saveCache([file], key))
      : cache.saveCache([file], key));
    // saveCache reports most failures itself (a warning) and answers -1.
    if (id === -1) {
      budget?.miss(what, 'not saved (see the Actions cache warning above)');
      return;
    }
    log.info('Deployment history saved to the Actions cache.');
  } catch (err) {
    // The cache's errors say what went wrong (a key taken, the service refusing) and carry no token.
    const why = (err as Error).message;
    budget?.miss(what, why);
    log.warning(`Could not save the deployment history to the Actions cache: ${why}`, {
      title: 'History not saved'
    });
  }
}
