import type { StageResult } from '../../test-rig/runner.js';
import {
  acquireFirst,
  arrive,
  cfn,
  deployJob,
  deployStep,
  dynamo,
  type Waiter
} from './lock-safety-harness.js';

// Priority through the runner harness: the bundles built from src/, one process per stage.

describe('priority: high tickets go before normal ones, never pre-empting a holder', () => {
  it('three normal runs queued, then a priority: high run: it acquires right after the current holder, before the three, and its queue-position on arrival is 1', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const holder = await deployJob('holder');
    const held = await acquireFirst(holder);

    const normal: Waiter[] = [];
    for (const name of ['n1', 'n2', 'n3'])
      normal.push(await arrive(await deployJob(name, { 'wait-timeout-minutes': '2' })));
    const high = await arrive(
      await deployJob('high', { priority: 'high', 'wait-timeout-minutes': '2' })
    );
    // On arrival only the holder is ahead of it.
    await high.job.waitForLog(
      /Poll 2 \(waited [^)]*\): position 1 \(on arrival 1\); lock held by /
    );
    const queue = (await dynamo.items()).find((i) => i['sk'] === 'QUEUE');
    const tickets = Object.values(
      queue?.['tickets'] as Record<string, { seq: number; priority: string }>
    ).map((t) => [t.seq, t.priority]);
    expect(tickets.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [2, 'normal'],
      [3, 'normal'],
      [4, 'normal'],
      [5, 'high']
    ]);

    // The holder deploys and releases: the high run goes next, while the three still wait.
    await deployStep(holder, held);
    expect((await holder.runStage('post'))?.exitCode).toBe(0);
    const order: string[] = [];
    const go = async (name: string, w: Waiter): Promise<StageResult> => {
      const main = (await w.result)!;
      expect(main.exitCode).toBe(0);
      expect(main.outputs['result']).toBe('acquired');
      order.push(name);
      await deployStep(w.job, main);
      expect((await w.job.runStage('post'))?.exitCode).toBe(0);
      return main;
    };
    const highMain = await go('high', high);
    expect(normal.map((n) => n.endedAt)).toEqual([undefined, undefined, undefined]);
    expect(highMain.outputs['queue-position']).toBe('1');
    expect(highMain.stdout).toContain('Acquired production (fencing token 2)');
    expect(highMain.stdout).toContain('(priority high).');

    const mains: StageResult[] = [];
    for (const [i, n] of normal.entries()) mains.push(await go(`n${i + 1}`, n));
    expect(order).toEqual(['high', 'n1', 'n2', 'n3']);
    expect(mains.map((m) => m.outputs['queue-position'])).toEqual(['1', '2', '3']);
    expect(mains.map((m) => /fencing token (\d+)\)/.exec(m.stdout)?.[1])).toEqual(['3', '4', '5']);
  }, 120_000);
});
