/**
 * The detached monitor's supervisor loop, with real child processes (`node -e`): a worker that
 * dies is started again with the restart it follows (so it can post the gap notice), one that ends
 * on purpose is not, and a worker that keeps dying makes the supervisor give up and end, never
 * wait forever.
 */
import { spawn } from 'node:child_process';
import { restartOf, supervise, workerArgs, type Restart } from '../../src/monitor/supervise.js';

const node = (code: number): ReturnType<typeof spawn> =>
  spawn(process.execPath, ['-e', `process.exit(${code})`], { stdio: 'ignore' });

describe('supervise', () => {
  it('restarts a worker that died, telling it when the last one died; stops at one that ended on purpose', async () => {
    const starts: (Restart | undefined)[] = [];
    const written: Record<string, unknown>[] = [];
    const exits = [1, 1, 0];
    await supervise({
      start: (restart) => {
        starts.push(restart);
        return node(exits[starts.length - 1]!);
      },
      now: Date.now,
      signal: new AbortController().signal,
      write: (o) => void written.push(o)
    });
    expect(starts.map((r) => r?.restarts)).toEqual([undefined, 1, 2]);
    for (const r of starts.slice(1)) expect(r?.diedAt).toBeLessThanOrEqual(Date.now());
    expect(written.map((o) => o['type'])).toEqual([
      'worker-died',
      'worker-restarted',
      'worker-died',
      'worker-restarted',
      'worker-finished'
    ]);
  });

  it('gives up after maxRestarts in the window, and ends', async () => {
    let started = 0;
    const written: Record<string, unknown>[] = [];
    await supervise({
      start: () => (started++, node(3)),
      now: Date.now,
      signal: new AbortController().signal,
      write: (o) => void written.push(o),
      maxRestarts: 2
    });
    expect(started).toBe(3);
    expect(written.at(-1)).toMatchObject({ type: 'supervisor-gave-up', restarts: 2 });
  });

  it("passes the restart to the worker's arguments and reads it back", () => {
    expect(workerArgs()).toEqual(['--worker']);
    const args = workerArgs({ restarts: 2, diedAt: 1_768_392_000_000 });
    expect(args[0]).toBe('--worker');
    expect(restartOf(args.slice(1))).toEqual({ restarts: 2, diedAt: 1_768_392_000_000 });
    expect(restartOf([])).toBeUndefined();
  });
});
