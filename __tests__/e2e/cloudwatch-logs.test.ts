/**
 * The deployment's log in CloudWatch Logs, through the runner harness: the real bundles (pre,
 * main, the detached monitor, post) with `log-group`, the registry on dynalite, and the CloudWatch
 * Logs stand-in on loopback (the real SDK, pointed at it by AWS_ENDPOINT_URL_CLOUDWATCH_LOGS).
 */
import { LOGS_ENDPOINT_ENV, LogsStandin } from '../../test-rig/logs-standin.js';
import { acquireFirst, cfn, deployJob, deployStep, titled } from './lock-safety-harness.js';

const GROUP = '/deploy-coordinator';
let logs: LogsStandin;
beforeAll(async () => {
  logs = await LogsStandin.start();
});
afterAll(async () => {
  await logs.close();
});
beforeEach(async () => {
  await logs.reset();
  logs.createGroup(GROUP);
});

interface Event {
  time: string;
  correlationId: string;
  environment: string;
  stage: string;
  level: string;
  message: string;
  [field: string]: unknown;
}

describe('the deployment in CloudWatch Logs', () => {
  it('one stream <environment>/<correlation-id> with JSON events from pre, coordinate, the monitor and finalize, each with the correlation ID, in time order', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const job = await deployJob(
      'logged',
      { 'log-group': GROUP },
      { env: { [LOGS_ENDPOINT_ENV]: logs.url } }
    );
    const main = await acquireFirst(job);
    const id = main.outputs['correlation-id']!;
    await deployStep(job, main);
    const post = await job.runStage('post');
    expect(post?.exitCode).toBe(0);

    expect(logs.streams(GROUP)).toEqual([`production/${id}`]);
    const stored = logs.events(GROUP, `production/${id}`);
    const events = stored.map((e) => JSON.parse(e.message) as Event);
    expect(new Set(events.map((e) => e.stage))).toEqual(
      new Set(['pre', 'coordinate', 'monitor', 'finalize'])
    );
    for (const e of events) {
      expect(e.correlationId).toBe(id);
      expect(e.environment).toBe('production');
      expect(Date.parse(e.time)).toBe(stored[events.indexOf(e)]!.timestamp);
    }
    // In time order, and the stages in the job's order: pre's first, finalize's last.
    const times = stored.map((e) => e.timestamp);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const first = (stage: string): number => events.findIndex((e) => e.stage === stage);
    expect(first('pre')).toBe(0);
    expect(first('pre')).toBeLessThan(first('coordinate'));
    expect(first('coordinate')).toBeLessThan(first('monitor'));
    expect(first('monitor')).toBeLessThan(first('finalize'));
    // The fields that matter, for a query: the fence, the result, the outcome with its duration.
    expect(events.find((e) => e.message === 'coordinated')).toMatchObject({
      result: 'acquired',
      fence: 1,
      stacks: ['AppStack']
    });
    expect(events.find((e) => e.message === 'deployment ended')).toMatchObject({
      outcome: 'succeeded',
      fence: 1,
      durationMs: expect.any(Number)
    });
    expect(events.some((e) => e.stage === 'monitor' && e.message === 'heartbeat')).toBe(true);
    // The summary links the stream in the console.
    expect(job.summary()).toContain('### CloudWatch Logs');
    expect(job.summary()).toContain(`log-events/production$252F${id}`);
    expect(titled(post, 'warning', 'CloudWatch Logs unavailable')).toEqual([]);
  }, 60_000);

  it('the Logs endpoint refusing every call: acquired, deployed and finalized as without it, one warning in the job, the loss counted in the summary', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    await logs.down(true, 'refuse');
    const job = await deployJob(
      'unlogged',
      { 'log-group': GROUP },
      { env: { [LOGS_ENDPOINT_ENV]: logs.url } }
    );
    const pre = await job.runStage('pre');
    const main = await job.runStage('main');
    expect(main?.exitCode).toBe(0);
    expect(main?.outputs['result']).toBe('acquired');
    await deployStep(job, main!);
    const post = await job.runStage('post');
    expect(post?.exitCode).toBe(0);
    expect(post?.stdout).toContain('Outcome: succeeded.');
    expect(post?.stdout).toContain('Released production (fencing token 1)');
    // As fast as without Logs: a refused connection costs nothing to wait for.
    expect(post!.durationMs).toBeLessThan(15_000);

    const warnings = [pre, main, post].flatMap((r) =>
      titled(r, 'warning', 'CloudWatch Logs unavailable')
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/could not write to \/deploy-coordinator production\//);
    expect(job.summary()).toMatch(/Not delivered: [1-9]\d* event\(s\)/);
    await logs.down(false);
    expect(logs.streams(GROUP)).toEqual([]);
  }, 60_000);
});
