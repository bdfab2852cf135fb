/**
 * A monitor that ends with its job: the job's runner process dies (the machine lost, the runner
 * killed) after coordinate handed the lease to the detached monitor, and post never runs. Through
 * the runner harness with a runner process per job (its steps are that process's children, as on
 * a GitHub runner), the real bundles, the registry on dynalite and the Slack stand-in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  HEARTBEAT_MS,
  LEASE_MS,
  acquireFirst,
  arrive,
  cfn,
  deployJob,
  slack,
  waitUntil
} from './lock-safety-harness.js';

describe('the monitor ends with its job', () => {
  it('(j) the runner process dies without post: the monitor ends within two heartbeats, says so in the thread, and the lock is taken over only a lease after its last heartbeat', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const first = await deployJob('first', {}, { slack: true, runnerProcess: true });
    const held = await acquireFirst(first);
    expect(held.outputs['fencing-token']).toBe('1');
    const runnerPid = first.runnerPid;
    expect(runnerPid).toBeDefined();
    // The monitor (supervisor and worker) runs, detached, with the runner as its job's process.
    const monitors = await first.processes();
    expect(monitors.length).toBeGreaterThanOrEqual(2);
    const second = await arrive(await deployJob('second', { 'wait-timeout-minutes': '1' }));

    await first.killRunner();
    const diedAt = Date.now();
    // Nothing kills the orphans (the harness's job end has not run): the monitor ends by itself.
    await waitUntil(async () => (await first.processes()).length === 0, 4 * HEARTBEAT_MS);
    expect(await first.processes()).toEqual([]);
    expect(Date.now() - diedAt).toBeLessThanOrEqual(2 * HEARTBEAT_MS + 1_000);

    const [, ts] = (first.state['slack-thread'] ?? '').split(':');
    await waitUntil(() => slack.thread(ts!).some((m) => /monitoring ended/.test(m.text)), 5_000);
    const ended = slack.thread(ts!).filter((m) => /monitoring ended/.test(m.text));
    expect(ended).toHaveLength(1);
    expect(ended[0]!.text).toContain('the job that started it is over');

    // The monitor's own record: heartbeats until the job was over, none after; then it ended.
    const observed = readFileSync(join(first.state['monitor-dir'] ?? '', 'monitor.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { at: string; type: string; ok?: unknown });
    const types = observed.map((o) => o.type);
    // The worker's last word is the job's end; then the supervisor saw it finish and did not restart it.
    expect(types.slice(-2)).toEqual(['job-over', 'worker-finished']);
    expect(types.filter((t) => t === 'started')).toHaveLength(1);
    const beats = observed.filter((o) => o.type === 'heartbeat' && o.ok === true);
    expect(beats.length).toBeGreaterThan(0);
    const lastBeat = Date.parse(beats.at(-1)!.at);
    expect(lastBeat).toBeLessThan(Date.parse(observed.at(-2)!.at));
    const main = await second.result;
    expect(main?.exitCode).toBe(0);
    expect(main?.outputs['result']).toBe('acquired');
    expect(main?.stdout).toContain('Acquired production (fencing token 2)');
    const acquiredAt = Date.parse(second.job.state['acquired-at'] ?? '');
    expect(acquiredAt - lastBeat).toBeGreaterThanOrEqual(LEASE_MS);
  }, 90_000);
});
