import { join } from 'node:path';
import { queueTickets } from '../../test-rig/dynamo-rig.js';
import { ACTION_ROOT, actionJob, bundlePath } from './support.js';
import {
  REPOSITORY,
  cfn,
  deployStep,
  deployments,
  dynamo,
  github,
  jobs,
  record,
  registryJob,
  sleep
} from './registry-queue-harness.js';

describe('coordination through the DynamoDB registry', () => {
  it('five jobs started 200 ms apart deploy one at a time, in arrival order, with queue positions 0 to 4', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const jobs5 = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => registryJob(`job${i}`, 1000 + i, { 'wait-timeout-minutes': '1' }))
    );
    await Promise.all(jobs5.map((job) => job.runStage('pre')));
    const started = await Promise.all(
      jobs5.map(async (job, i) => {
        await sleep(i * 200);
        const main = await job.runStage('main');
        await deployStep(job, main);
        const post = await job.runStage('post');
        const left = await job.end();
        return {
          main,
          post,
          left,
          ticket: Number(job.state['ticket-seq']),
          runId: job.env['GITHUB_RUN_ID']
        };
      })
    );
    // Arrival order is the order of the queue tickets (DynamoDB's own counter).
    const results = [...started].sort((a, b) => a.ticket - b.ticket).map((r, i) => ({ ...r, i }));
    expect(results.map((r) => r.ticket)).toEqual([1, 2, 3, 4, 5]);

    for (const r of results) {
      expect(r.main?.exitCode).toBe(0);
      expect(r.main?.outputs['result']).toBe('acquired');
      expect(r.main?.outputs['registry']).toBe('dynamodb');
      expect(r.post?.exitCode).toBe(0);
      expect(r.left).toEqual([]);
    }
    expect(results.map((r) => r.main?.outputs['queue-position'])).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4'
    ]);

    // Never two at once, in arrival order, each with a larger fencing token than the last.
    const lines = deployments();
    const ids = results.map((r) => r.main?.outputs['correlation-id']);
    expect(lines.map((l) => `${l.event}:${l.id}`)).toEqual(
      ids.flatMap((id) => [`start:${id}`, `end:${id}`])
    );
    const fences = lines.filter((l) => l.event === 'start').map((l) => l.fence);
    expect(fences).toEqual(results.map((r) => Number(r.main?.outputs['fencing-token'])));
    expect(fences).toEqual([...fences].sort((a, b) => a - b));
    expect(new Set(fences).size).toBe(5);

    // Each waiter names the holder it waited for: correlation ID and run link, in its log and its record.
    for (const r of results.slice(1)) {
      const before = results[r.i - 1]!;
      const holderId = before.main?.outputs['correlation-id'] ?? '';
      const runLink = `https://github.com/${REPOSITORY}/actions/runs/${before.runId}/attempts/1`;
      expect(r.main?.stdout).toContain(`lock held by ${holderId} (${runLink})`);
      // The record says what the run found on arrival: its position, and the holder with its run
      // link, or (arriving in a handoff, between a release and the next acquire) the lock free and
      // the runs ahead of it, each an earlier job.
      const rec = await record(r.main?.outputs['correlation-id'] ?? '');
      const note = rec.transitions.find((t) => t.state === 'queued')?.note ?? '';
      const earlier = results.slice(0, r.i).map((e) => e.main?.outputs['correlation-id']);
      const held = new RegExp(
        `^position ${r.i}; lock held by (\\S+) \\(https://github.com/${REPOSITORY}/actions/runs/\\d+/attempts/1\\) since \\S+(; ahead: (.+))?$`
      ).exec(note);
      const free = new RegExp(`^position ${r.i}; lock free; ahead: (.+)$`).exec(note);
      expect(held ?? free).not.toBeNull();
      const named = [...(held ? [held[1], ...(held[3] ?? '').split(', ')] : free![1]!.split(', '))];
      for (const id of named.filter(Boolean)) expect(earlier).toContain(id);
    }
    expect(results[1]?.main?.outputs['active-correlation-id']).toBe(
      results[0]?.main?.outputs['correlation-id']
    );

    // Every record went queued -> acquired -> completed -> released; no ticket and no holder is left.
    for (const id of ids) {
      const states = (await record(id ?? '')).transitions.map((t) => t.state);
      expect(states).toEqual(['queued', 'acquired', 'completed', 'released']);
    }
    const items = await dynamo.items();
    expect(queueTickets(items)).toEqual([]);
    expect(items.find((i) => i['sk'] === 'LOCK')?.['holder']).toBeUndefined();
    expect(items.filter((i) => String(i['sk']).startsWith('HIST#'))).toHaveLength(5);
  });

  it('takes over the lock of a job killed after coordinate once lease-minutes pass, and records it on both', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const crashed = await registryJob('crashed', 2001, { 'lease-minutes': '0.05' });
    await crashed.runStage('pre');
    const held = await crashed.runStage('main');
    expect(held?.outputs['result']).toBe('acquired');
    await crashed.kill(); // the runner died: no finalize, and the monitor's heartbeats stop with it
    expect(await crashed.processes()).toEqual([]);
    const killedAt = Date.now();

    const next = await registryJob('next', 2002, {
      'lease-minutes': '0.05',
      'wait-timeout-minutes': '0.5'
    });
    const { main } = await next.runAll();
    expect(main?.outputs['result']).toBe('acquired');
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(3_000);
    expect(main?.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', properties: { title: 'Stale lock taken over' } })
    );
    const oldId = held?.outputs['correlation-id'] ?? '';
    const newId = main?.outputs['correlation-id'] ?? '';
    expect((await record(oldId)).transitions).toContainEqual(
      expect.objectContaining({ state: 'taken-over', note: expect.stringContaining(newId) })
    );
    expect((await record(newId)).transitions).toContainEqual(
      expect.objectContaining({ state: 'took-over', note: expect.stringContaining(oldId) })
    );
  });

  it("takes over at the next poll when the GitHub API says the holder's run has completed", async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const crashed = await registryJob('crashed', 3001, {});
    await crashed.runStage('pre');
    const held = await crashed.runStage('main');
    await crashed.kill();
    github.setRun('octo-org', 'deployments', 3001, 1, {
      status: 'completed',
      conclusion: 'cancelled'
    });

    const next = await registryJob('next', 3002, { 'wait-timeout-minutes': '0.5' });
    const started = Date.now();
    const { main } = await next.runAll();
    expect(main?.outputs['result']).toBe('acquired');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(main?.stdout).toMatch(
      /Taking over the lock of \S+ .*: its workflow run is no longer in progress/
    );
    expect(github.calls.some((c) => c.path.includes('/actions/runs/3001'))).toBe(true);
    expect(held?.outputs['correlation-id']).toBeTruthy();
  });

  it('falls back to CloudFormation-only when the table stops mid-wait for longer than a lease, and the in-progress check still holds', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    // A lease of 3 s: the waiter falls back only once the table has been unreachable that long.
    const first = await registryJob('first', 4001, { 'lease-minutes': '0.05' });
    await first.runStage('pre');
    const held = await first.runStage('main');
    expect(held?.outputs['result']).toBe('acquired');
    // The holder's deployment: the stack is busy for 3 s.
    cfn.runOperation(
      'AppStack',
      [
        {
          atMs: 500,
          logicalId: 'Api',
          type: 'AWS::Lambda::Function',
          status: 'UPDATE_IN_PROGRESS'
        },
        { atMs: 6_000, stackStatus: 'UPDATE_COMPLETE' }
      ],
      { startStatus: 'UPDATE_IN_PROGRESS' }
    );
    const stackDoneAt = Date.now() + 6_000;

    const waiter = await registryJob('waiter', 4002, {
      'wait-timeout-minutes': '0.5',
      'lease-minutes': '0.05'
    });
    await waiter.runStage('pre');
    const running = waiter.startStage('main');
    await waiter.waitForLog(/Poll 2 /);
    await dynamo.stop();
    const stoppedAt = Date.now();
    await waiter.waitForLog(/Falling back to CloudFormation-only coordination/);
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(3_000);
    const main = await running.result;

    expect(main?.exitCode).toBe(0);
    expect(main?.outputs['result']).toBe('acquired');
    expect(main?.outputs['registry']).toBe('cloudformation-only');
    expect(Date.now()).toBeGreaterThanOrEqual(stackDoneAt);
    expect(main?.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', properties: { title: 'Registry unavailable' } })
    );
    expect(JSON.parse(main?.outputs['validation'] ?? '[]')).toContainEqual(
      expect.objectContaining({ code: 'REGISTRY_UNAVAILABLE', severity: 'warning' })
    );
    const post = await waiter.runStage('post');
    expect(post?.exitCode).toBe(0);
  });

  it('finalize run twice releases once and says what it found the second time', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const job = await registryJob('twice', 5001, {});
    await job.runStage('pre');
    const main = await job.runStage('main');
    const first = await job.runStage('post');
    const second = await job.runStage('post');
    expect(first?.stdout).toMatch(/Released production \(fencing token 1\), outcome no-change/);
    expect(second?.exitCode).toBe(0);
    expect(second?.stdout).toMatch(
      /Nothing to release: production was already released \(fencing token 1\)/
    );
    const states = (await record(main?.outputs['correlation-id'] ?? '')).transitions.map(
      (t) => t.state
    );
    expect(states.filter((s) => s === 'released')).toHaveLength(1);
  });

  it('the coordinate and finalize sub-actions split over two steps: finalize finds the lock by correlation-id', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const inputs = {
      'stack-name': 'AppStack',
      environment: 'production',
      'registry-table': dynamo.table
    };
    const job = await actionJob(
      cfn,
      { ...inputs, 'poll-interval-seconds': '0.2' },
      {
        actionDir: join(ACTION_ROOT, 'coordinate'),
        env: { AWS_ENDPOINT_URL_DYNAMODB: dynamo.url, GITHUB_API_URL: github.url }
      }
    );
    jobs.push(job);
    await job.runStage('pre');
    const main = await job.runStage('main');
    expect(main?.outputs['result']).toBe('acquired');
    const id = main?.outputs['correlation-id'] ?? '';

    // A later step of the same job: `uses: OWNER/deploy-coordinator/finalize@v1` with the correlation ID.
    const inputEnv = Object.fromEntries(
      Object.entries({ ...inputs, 'correlation-id': id }).map(([k, v]) => [
        `INPUT_${k.toUpperCase()}`,
        v
      ])
    );
    const finalize = await job.runStep([process.execPath, bundlePath('finalize')], {
      env: inputEnv
    });
    expect(finalize.exitCode).toBe(0);
    expect(finalize.stdout).toMatch(/Monitor \(pid \d+\): stopped/);
    expect(finalize.stdout).toMatch(/Released production \(fencing token 1\)/);
    expect((await dynamo.items()).find((i) => i['sk'] === 'LOCK')?.['holder']).toBeUndefined();
    expect(await job.end()).toEqual([]);
  });
});
