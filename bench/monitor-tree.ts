// Monitor benchmark, trees: the CloudFormation calls the monitor makes per minute on a root with
// three nested stacks of which one is in progress, next to a flat stack doing the same work. The
// monitor's own loop (src/monitor/run.ts) with the real CloudFormation adapter and SDK, against
// the CloudFormation stand-in (test-rig/cfn-standin.ts) on loopback; no registry, no Slack. Both
// stacks report a resource event every EVENT_EVERY_S for the whole window; the tree's root is
// silent meanwhile (its busy nested stack reports them), as in AWS.
//
// Build and run:  npx tsc -p tsconfig.tools.json && node .tmp/tools/bench/monitor-tree.js
// Environment:    BENCH_TREE_WINDOW_S (30), BENCH_TREE_INTERVAL_S (0.5), BENCH_TREE_EVENT_EVERY_S (1)
import '../test-rig/quiet-sdk.js';
import { cpus } from 'node:os';
import { DEFAULT_EXPECTED_DURATION_MS } from '../src/config/config.js';
import { CloudFormationAdapter, createCloudFormationClient } from '../src/aws/cloudformation.js';
import { monitorSettings } from '../src/monitor/files.js';
import { runMonitor } from '../src/monitor/run.js';
import { sleep } from '../src/runtime/stage.js';
import {
  CloudFormationStandin,
  STANDIN_REGION,
  nestedSteps,
  type Step
} from '../test-rig/cfn-standin.js';

function numberEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number >= ${min}`);
  return n;
}

const WINDOW_S = numberEnv('BENCH_TREE_WINDOW_S', 30, 5);
const INTERVAL_S = numberEnv('BENCH_TREE_INTERVAL_S', 0.5, 0.1);
const EVENT_EVERY_S = numberEnv('BENCH_TREE_EVENT_EVERY_S', 1, 0.1);
const NESTED = ['Data', 'Queues', 'Api'];
const BUSY = 'Data';

/** A resource event every EVENT_EVERY_S for `ms`, alternating in progress and complete. */
function work(ms: number): Step[] {
  const steps: Step[] = [];
  for (let at = EVENT_EVERY_S * 1000, i = 0; at < ms; at += EVENT_EVERY_S * 1000, i++)
    steps.push({
      atMs: at,
      logicalId: `Resource${Math.floor(i / 2) + 1}`,
      type: 'AWS::SNS::Topic',
      status: i % 2 === 0 ? 'UPDATE_IN_PROGRESS' : 'UPDATE_COMPLETE'
    });
  return steps;
}

const nestedResource = (atMs: number, logicalId: string, status: string): Step => ({
  atMs,
  logicalId,
  type: 'AWS::CloudFormation::Stack',
  status
});

/** The flat stack's update, or the tree's: two nested stacks updated at once, the third busy throughout. */
function start(cfn: CloudFormationStandin, tree: boolean, name: string, opMs: number): void {
  cfn.putStack(name, { status: 'UPDATE_COMPLETE', pastEvents: 200 });
  if (!tree) {
    cfn.runOperation(name, work(opMs), { startStatus: 'UPDATE_IN_PROGRESS' });
    return;
  }
  for (const id of NESTED) cfn.putNestedStack(name, id, { status: 'UPDATE_COMPLETE' });
  const steps: Step[] = [];
  for (const id of NESTED) steps.push(nestedResource(100, id, 'UPDATE_IN_PROGRESS'));
  for (const id of NESTED.filter((n) => n !== BUSY)) {
    steps.push(
      ...nestedSteps(id, 150, [
        { atMs: 0, stackStatus: 'UPDATE_IN_PROGRESS' },
        { atMs: 200, stackStatus: 'UPDATE_COMPLETE' }
      ]),
      nestedResource(400, id, 'UPDATE_COMPLETE')
    );
  }
  steps.push(
    ...nestedSteps(BUSY, 150, [{ atMs: 0, stackStatus: 'UPDATE_IN_PROGRESS' }, ...work(opMs)])
  );
  cfn.runOperation(name, steps, { startStatus: 'UPDATE_IN_PROGRESS' });
}

interface Measured {
  readonly polls: number;
  readonly calls: Record<string, number>;
  readonly perMinute: number;
  readonly events: number;
}

async function measure(cfn: CloudFormationStandin, tree: boolean): Promise<Measured> {
  const name = tree ? 'bench-tree' : 'bench-flat';
  const windowMs = WINDOW_S * 1000;
  const acquiredAt = new Date().toISOString();
  start(cfn, tree, name, windowMs + 60_000);
  const settings = monitorSettings(
    {
      environment: name,
      stackNames: [name],
      region: STANDIN_REGION,
      leaseMs: 600_000,
      monitorIntervalMs: INTERVAL_S * 1000,
      monitor: true,
      stallTimeoutMs: 3_600_000,
      progressIntervalMs: 3_600_000,
      criticalResourceTypes: []
    },
    {
      correlationId: `bench-${name}`,
      fence: 0,
      acquiredAt,
      info: {
        correlationId: `bench-${name}`,
        environment: name,
        stacks: [name],
        run: { repository: 'bench/tree', runId: '1' },
        estimate: { expectedMs: DEFAULT_EXPECTED_DURATION_MS, basis: 'no history yet' }
      },
      overdueMs: DEFAULT_EXPECTED_DURATION_MS
    }
  );
  const reader = new CloudFormationAdapter(
    createCloudFormationClient(STANDIN_REGION),
    STANDIN_REGION
  );
  const stop = new AbortController();
  let events = 0;
  const from = cfn.calls.length;
  const startedAt = Date.now();
  const running = runMonitor({
    settings,
    reader,
    now: () => Date.now(),
    sleep,
    signal: stop.signal,
    jobAlive: () => true,
    write: (o) => {
      if (o['type'] === 'event') events++;
      if (o['type'] === 'error') console.error(`monitor error: ${String(o['message'])}`);
    }
  });
  await sleep(windowMs);
  stop.abort();
  await running;
  const elapsedMin = (Date.now() - startedAt) / 60_000;
  const calls: Record<string, number> = {};
  for (const c of cfn.calls.slice(from)) calls[c.action] = (calls[c.action] ?? 0) + 1;
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  return {
    polls: calls['DescribeStacks'] ?? 0,
    calls,
    perMinute: total / elapsedMin,
    events
  };
}

async function main(): Promise<void> {
  const cfn = await CloudFormationStandin.start();
  process.env['AWS_ENDPOINT_URL_CLOUDFORMATION'] = cfn.url;
  process.env['AWS_ACCESS_KEY_ID'] = 'bench';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'bench';
  process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
  try {
    const flat = await measure(cfn, false);
    const tree = await measure(cfn, true);
    console.log(
      `\n== Monitor on a tree: CloudFormation calls, ${WINDOW_S} s each, a poll every ${INTERVAL_S} s, an event every ${EVENT_EVERY_S} s (${cpus().length} cores, Node ${process.version})\n`
    );
    console.log(
      '| stack | polls | DescribeStacks | DescribeStackEvents | other | calls/min | per poll | events read |'
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const [label, m] of [
      ['flat', flat],
      [`root + ${NESTED.length} nested (1 in progress)`, tree]
    ] as const) {
      const other = Object.entries(m.calls)
        .filter(([a]) => a !== 'DescribeStacks' && a !== 'DescribeStackEvents')
        .reduce((a, [, n]) => a + n, 0);
      console.log(
        `| ${label} | ${m.polls} | ${m.calls['DescribeStacks'] ?? 0} | ${m.calls['DescribeStackEvents'] ?? 0} | ${other} | ${m.perMinute.toFixed(1)} | ${(Object.values(m.calls).reduce((a, b) => a + b, 0) / Math.max(1, m.polls)).toFixed(2)} | ${m.events} |`
      );
    }
    const ratio = tree.perMinute / flat.perMinute;
    console.log(
      `\nTree / flat: ${ratio.toFixed(2)}× the calls per minute (the issue's bound: about 2×). At the default monitor-interval-seconds (30) that is ${((tree.perMinute * INTERVAL_S) / 30).toFixed(1)} calls a minute for the tree, ${((flat.perMinute * INTERVAL_S) / 30).toFixed(1)} for the flat stack.`
    );
    if (ratio > 2.2) {
      console.error('The tree costs more than about twice the flat stack.');
      process.exitCode = 1;
    }
  } finally {
    await cfn.close();
  }
}

void main();
