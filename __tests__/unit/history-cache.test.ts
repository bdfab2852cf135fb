import { historyKeyPrefix, historyRunKey } from '../../src/github/history-cache.js';

describe('the history cache keys', () => {
  it('are one per environment and run, restored by the environment prefix so the newest wins', () => {
    const key = historyRunKey('production', { GITHUB_RUN_ID: '123', GITHUB_RUN_ATTEMPT: '2' });
    expect(key).toBe('deploy-coordinator-history-production-123-2');
    expect(key.startsWith(historyKeyPrefix('production'))).toBe(true);
    expect(historyRunKey('staging', {})).toBe('deploy-coordinator-history-staging-0-1');
  });
});
