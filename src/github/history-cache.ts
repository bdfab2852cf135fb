import type { Logger } from '../report/logger.js';

/**
 * The history file travels between runs in the Actions cache: one key per
 * environment and run (keys are immutable), restored by prefix so the newest wins.
 */
const keyPrefix = (environment: string): string => `deploy-coordinator-history-${environment}-`;
const runKey = (environment: string, env: NodeJS.ProcessEnv): string => runKey(environment, env);

export async function restoreHistory(
  file: string,
  environment: string,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env
): Promise<void> {
  const cache = await import('@actions/cache');
  if (!cache.isFeatureAvailable()) {
    log.info('The Actions cache is not available here: estimates start without history.');
    return;
  }
  try {
    const hit = await cache.restoreCache([file], runKey(environment, env), [
      keyPrefix(environment)
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
  env: NodeJS.ProcessEnv = process.env
): Promise<void> {
  const cache = await import('@actions/cache');
  if (!cache.isFeatureAvailable()) return;
  try {
    await cache.saveCache([file], `${runKey(environment, env)}-${Date.now()}`);
    log.info('Deployment history saved to the Actions cache.');
  } catch (err) {
    log.warning(
      `Could not save the deployment history to the Actions cache: ${(err as Error).message}`,
      { title: 'History not saved' }
    );
  }
}
