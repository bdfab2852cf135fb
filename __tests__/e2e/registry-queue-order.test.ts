import { join } from 'node:path';
import { dynamoRegistry } from '../../src/registry/dynamodb.js';
import type { Job, StageResult } from '../../test-rig/runner.js';
import { ACTION_ROOT, actionJob, bundlePath } from './support.js';
import { cfn, dynamo, github, jobs, record, registryJob } from './registry-queue-harness.js';

describe('coordination through the DynamoDB registry', () => {
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
    const finalize = await finalizeStep(job, inputs, id);
    expect(finalize.exitCode).toBe(0);
    expect(finalize.stdout).toMatch(/Monitor \(pid \d+\): stopped/);
    expect(finalize.stdout).toMatch(/Released production \(fencing token 1\)/);
    expect((await dynamo.items()).find((i) => i['sk'] === 'LOCK')?.['holder']).toBeUndefined();
    expect(await job.end()).toEqual([]);
  });

  it('split over two steps with override-freeze during a freeze: the finalize step (no state of the first) still shows the override in its summary', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const now = Date.now();
    await dynamoRegistry(dynamo.client(), dynamo.table).freezes.add({
      id: 'fz-0000split',
      environment: 'production',
      reason: 'quarter close',
      by: 'oncall',
      createdAt: new Date(now).toISOString(),
      from: new Date(now).toISOString(),
      until: new Date(now + 3_600_000).toISOString()
    });
    const inputs = {
      'stack-name': 'AppStack',
      environment: 'production',
      'registry-table': dynamo.table
    };
    const job = await actionJob(
      cfn,
      { ...inputs, 'poll-interval-seconds': '0.2', 'override-freeze': 'hotfix for INC-7' },
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
    const finalize = await finalizeStep(job, inputs, id);
    expect(finalize.exitCode).toBe(0);
    expect(finalize.summary).toContain(
      '| Freeze overridden | hotfix for INC-7 (override-freeze); production is frozen until'
    );
    expect(finalize.summary).toContain('"quarter close"');
  });
});

/** The finalize sub-action as a later step of `job`, with the inputs and the correlation ID. */
function finalizeStep(job: Job, inputs: Record<string, string>, id: string): Promise<StageResult> {
  const env = Object.fromEntries(
    Object.entries({ ...inputs, 'correlation-id': id }).map(([k, v]) => [
      `INPUT_${k.toUpperCase()}`,
      v
    ])
  );
  return job.runStep([process.execPath, bundlePath('finalize')], { env });
}
