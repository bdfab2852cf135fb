// Monitor benchmark: the cost of the detached monitor, running the committed bundle the way the
// action does: `launchMonitor` starts the supervisor (`node dist/supervisor/index.js <settings>`,
// detached, output to monitor.jsonl), which starts one worker
// (`node dist/monitor/index.js <settings> --worker`). The worker heartbeats the lock in dynalite
// (test-rig/dynamo-rig.ts) and polls the CloudFormation stand-in (test-rig/cfn-standin.ts), both
// reached through the AWS_ENDPOINT_URL_* variables. No Slack.
//
//   1. AWS calls per monitored minute at the defaults (monitor-interval-seconds 30, lease-minutes
//      10) on a stack with 500 past events that stays UPDATE_IN_PROGRESS with a new event every
//      few seconds, counted by action / operation over a window that opens 1 s before the
//      worker's first request.
//   2. Peak RSS (VmHWM) and RSS (VmRSS) of the supervisor and of the worker at the window's end.
//   3. CPU (utime + stime) of each: at start-up (up to a sample ~5 s after launch) and from that
//      sample to the window's end, scaled to an hour.
//   Then `stopMonitor`, timed; both processes must be gone.
//
// Build and run:  npx tsc -p tsconfig.tools.json && node .tmp/tools/bench/monitor.js
// Environment:    BENCH_MONITOR_WINDOW_S (90), BENCH_MONITOR_EVENT_EVERY_S (5),
//                 BENCH_MONITOR_BUNDLE (dist/supervisor/index.js)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { DEFAULT_EXPECTED_DURATION_MS } from '../src/config/config.js';
import { INPUT_DEFAULTS } from '../src/config/inputs.js';
import { monitorSettings } from '../src/monitor/files.js';
import { launchMonitor } from '../src/monitor/launch.js';
import { readObservations, stopMonitor } from '../src/monitor/stop.js';
import { dynamoRegistry } from '../src/registry/dynamodb.js';
import type { Participant } from '../src/ports/registry.js';
import { sleep } from '../src/runtime/stage.js';
import { CloudFormationStandin, STANDIN_REGION, type Step } from '../test-rig/cfn-standin.js';
import { DynamoRig, RIG_CREDENTIALS } from '../test-rig/dynamo-rig.js';

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number >= ${min}`);
  return Math.floor(n);
}

const WINDOW_S = intEnv('BENCH_MONITOR_WINDOW_S', 90, 10);
const EVENT_EVERY_S = intEnv('BENCH_MONITOR_EVENT_EVERY_S', 5, 1);

/** The action's defaults (src/config/inputs.ts). */
const mins = (input: keyof typeof INPUT_DEFAULTS): number => Number(INPUT_DEFAULTS[input]) * 60_000;
const LEASE_MS = mins('lease-minutes');
const MONITOR_INTERVAL_MS = Number(INPUT_DEFAULTS['monitor-interval-seconds']) * 1000;
const STALL_MS = mins('stall-timeout-minutes');
const PROGRESS_MS = mins('progress-interval-minutes');

const PAST_EVENTS = 500;
const ENVIRONMENT = 'bench-monitor';
const STACK = 'app-monitor';
const CORRELATION_ID = 'bench-monitor-1';
/** The window opens this long before the worker's first request (its first heartbeat). */
const LEAD_MS = 1_000;
/** The start-up CPU sample, after launch (later if the worker has not made its first request). */
const STARTUP_SAMPLE_MS = 5_000;
/** How long the supervisor may take to start its worker, and the worker its first request. */
const START_TIMEOUT_MS = 30_000;

/** The bundle the action launches; BENCH_MONITOR_BUNDLE measures another build of it. */
const BUNDLE =
  process.env['BENCH_MONITOR_BUNDLE'] ||
  fileURLToPath(new URL('../../../dist/supervisor/index.js', import.meta.url));

const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

// ---------------------------------------------------------------------------------------------
// /proc
// ---------------------------------------------------------------------------------------------

const CLK_TCK = ((): number => {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  readonly ppid: number;
  readonly state: string;
  /** utime + stime, clock ticks. */
  readonly cpuTicks: number;
}

/** /proc/<pid>/stat; the fields after the command (which may hold spaces) in parentheses. */
function procStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // From field 3 (state) on: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return {
    state: rest[0] ?? '?',
    ppid: Number(rest[1]),
    cpuTicks: Number(rest[11]) + Number(rest[12])
  };
}

/** VmHWM and VmRSS of /proc/<pid>/status, in kB. */
function procMemory(pid: number): { hwmKb: number; rssKb: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return m?.[1] === undefined ? NaN : Number(m[1]);
  };
  return { hwmKb: kb('VmHWM'), rssKb: kb('VmRSS') };
}

/** An idle `node` (nothing loaded), for scale: its RSS once it has settled. */
async function idleNodeMemory(): Promise<{ hwmKb: number; rssKb: number }> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], {
    stdio: 'ignore',
    env: { PATH: process.env['PATH'] ?? '' }
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('bench: the idle node did not start');
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await sleep(1_000);
    return procMemory(pid);
  } finally {
    child.kill('SIGKILL');
    await gone;
  }
}

const cmdline = (pid: number): string[] => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
};

/** The supervisor's live child started with `--worker`. */
function findWorker(supervisor: number): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const st = procStat(pid);
    if (st?.ppid === supervisor && st.state !== 'Z' && cmdline(pid).includes('--worker'))
      return pid;
  }
  return undefined;
}

/** Alive and not a zombie. */
const running = (pid: number): boolean => {
  const st = procStat(pid);
  return st !== undefined && st.state !== 'Z';
};

async function until<T>(what: string, timeoutMs: number, f: () => T | undefined): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (performance.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(20);
  }
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

interface Sample {
  /** performance.now() when taken. */
  readonly at: number;
  readonly supervisorTicks: number;
  readonly workerTicks: number;
}

interface Result {
  readonly launchToWorkerMs: number;
  readonly launchToFirstRequestMs: number;
  readonly windowMs: number;
  /** The stand-in's DescribeStackEvents page size. */
  readonly pageSize: number;
  readonly cfn: Record<string, number>;
  readonly dynamo: Record<string, number>;
  readonly startup: Sample;
  readonly end: Sample;
  readonly launchedAt: number;
  readonly supervisorMem: { hwmKb: number; rssKb: number };
  readonly workerMem: { hwmKb: number; rssKb: number };
  readonly idleNodeMem: { hwmKb: number; rssKb: number };
  readonly stopMs: number;
  readonly stopResult: string;
  readonly observations: Record<string, number>;
  readonly leftRunning: number[];
}

function sample(supervisor: number, worker: number): Sample {
  const s = procStat(supervisor);
  const w = procStat(worker);
  if (!s || !w) throw new Error('bench: the supervisor or the worker is gone');
  return { at: performance.now(), supervisorTicks: s.cpuTicks, workerTicks: w.cpuTicks };
}

/** How many of `items` in [from, to) there are, by `key`. */
function count<T extends { readonly at: number }>(
  items: readonly T[],
  key: (item: T) => string,
  from: number,
  to: number
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) {
    if (i.at < from || i.at >= to) continue;
    out[key(i)] = (out[key(i)] ?? 0) + 1;
  }
  return out;
}

async function run(rig: DynamoRig, cfn: CloudFormationStandin, dir: string): Promise<Result> {
  // The stack: a previous deployment's 500 events, then this one's update, an event every few seconds.
  cfn.putStack(STACK, { status: 'UPDATE_COMPLETE', pastEvents: PAST_EVENTS });

  // The lock, taken the way coordinate takes it, so that the monitor's heartbeats succeed.
  const me: Participant = {
    correlationId: CORRELATION_ID,
    owner: 'bench-monitor-owner',
    environment: ENVIRONMENT,
    stacks: [STACK],
    run: { repository: 'bench/monitor', runId: '1' },
    leaseMs: LEASE_MS
  };
  const registry = dynamoRegistry(rig.client(), rig.table);
  const holder = await registry.lock.acquire(me, { environment: ENVIRONMENT, fence: 0 });
  if (!holder) throw new Error('bench: the lock was not free');

  const opMs = (WINDOW_S + 120) * 1000; // outlasts start-up, the window and the stop
  const steps: Step[] = [];
  for (let at = EVENT_EVERY_S * 1000, i = 0; at < opMs; at += EVENT_EVERY_S * 1000, i++) {
    const resource = `Resource${Math.floor(i / 2) + 1}`;
    steps.push({
      atMs: at,
      logicalId: resource,
      type: 'AWS::SNS::Topic',
      status: i % 2 === 0 ? 'UPDATE_IN_PROGRESS' : 'UPDATE_COMPLETE'
    });
  }
  cfn.runOperation(STACK, steps, { startStatus: 'UPDATE_IN_PROGRESS', action: 'UpdateStack' });

  const settings = monitorSettings(
    {
      environment: ENVIRONMENT,
      stackNames: [STACK],
      region: STANDIN_REGION,
      leaseMs: LEASE_MS,
      monitorIntervalMs: MONITOR_INTERVAL_MS,
      monitor: INPUT_DEFAULTS['monitor'] === 'true',
      stallTimeoutMs: STALL_MS,
      progressIntervalMs: PROGRESS_MS,
      criticalResourceTypes: []
    },
    {
      correlationId: CORRELATION_ID,
      owner: me.owner,
      fence: holder.fence,
      acquiredAt: holder.acquiredAt,
      registryTable: rig.table,
      info: {
        correlationId: CORRELATION_ID,
        environment: ENVIRONMENT,
        stacks: [STACK],
        run: me.run,
        estimate: { expectedMs: DEFAULT_EXPECTED_DURATION_MS, basis: 'no history yet' }
      },
      overdueMs: DEFAULT_EXPECTED_DURATION_MS
    }
  );
  // Only what the monitor needs: no runner variables, no AWS profile, the stand-ins as endpoints.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '',
    RUNNER_TEMP: dir,
    AWS_ENDPOINT_URL_CLOUDFORMATION: cfn.url,
    AWS_ENDPOINT_URL_DYNAMODB: rig.url,
    AWS_REGION: STANDIN_REGION,
    AWS_ACCESS_KEY_ID: RIG_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: RIG_CREDENTIALS.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(dir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-aws-credentials')
  };

  const idleNodeMem = await idleNodeMemory();

  rig.resetCounts();
  const cfnFrom = cfn.calls.length;
  const launchedAt = performance.now();
  const launchedWall = Date.now();
  const launched = launchMonitor(BUNDLE, dir, settings, env);
  const supervisor = launched.pid;
  let worker: number | undefined;
  try {
    worker = await until('the worker', START_TIMEOUT_MS, () => findWorker(supervisor));
    const launchToWorkerMs = performance.now() - launchedAt;
    const workerPid = worker;
    const firstRequest = await until('the first monitor request', START_TIMEOUT_MS, () => {
      if (!running(workerPid)) throw new Error(`bench: the worker died; see ${launched.log}`);
      const times = [
        ...rig.requests.map((r) => r.at),
        ...cfn.calls.slice(cfnFrom).map((c) => c.at)
      ];
      return times.length > 0 ? Math.min(...times) : undefined;
    });
    const launchToFirstRequestMs = firstRequest - launchedWall;

    // Start-up CPU: ~5 s after launch, and at least 1 s after the first request.
    const sampleAt = Math.max(
      launchedAt + STARTUP_SAMPLE_MS,
      launchedAt + launchToFirstRequestMs + 1_000
    );
    await sleep(Math.max(0, sampleAt - performance.now()));
    const startup = sample(supervisor, worker);

    const from = firstRequest - LEAD_MS;
    const to = from + WINDOW_S * 1000;
    await sleep(Math.max(0, to - Date.now()));
    const end = sample(supervisor, worker);
    const supervisorMem = procMemory(supervisor);
    const workerMem = procMemory(worker);
    const cfnCounts = count(cfn.calls.slice(cfnFrom), (c) => c.action, from, to);
    const dynamoCounts = count(rig.requests, (q) => q.op, from, to);

    const stopStarted = performance.now();
    const stopResult = await stopMonitor(supervisor, sleep);
    const stopMs = performance.now() - stopStarted;
    // The supervisor waited for its worker before exiting; give a straggler a moment anyway.
    await until('the processes to end', 5_000, () =>
      running(supervisor) || running(workerPid) ? undefined : true
    ).catch(() => undefined);
    const leftRunning = [supervisor, workerPid].filter(running);

    const observations: Record<string, number> = {};
    for (const o of readObservations(dir)) {
      const type = typeof o['type'] === 'string' ? o['type'] : '?';
      const key = type === 'heartbeat' ? `heartbeat ok=${String(o['ok'])}` : type;
      observations[key] = (observations[key] ?? 0) + 1;
    }
    return {
      launchToWorkerMs,
      launchToFirstRequestMs,
      windowMs: to - from,
      pageSize: cfn.pageSize,
      cfn: cfnCounts,
      dynamo: dynamoCounts,
      startup,
      end,
      launchedAt,
      supervisorMem,
      workerMem,
      idleNodeMem,
      stopMs,
      stopResult,
      observations,
      leftRunning
    };
  } finally {
    // Whatever happened: nothing of ours may outlive the benchmark.
    if (running(supervisor)) await stopMonitor(supervisor, sleep);
    if (worker !== undefined && running(worker)) process.kill(worker, 'SIGKILL');
  }
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

/** Scheduled calls of period `periodMs` (the first LEAD_MS into the window) that fall in it. */
const scheduledInWindow = (periodMs: number, windowMs: number): number =>
  Math.max(0, Math.ceil((windowMs - LEAD_MS) / periodMs));

function printCalls(r: Result): void {
  const minutes = r.windowMs / 60_000;
  const polls = r.cfn['DescribeStacks'] ?? 0;
  const heartbeatMs = Math.max(200, Math.floor(LEASE_MS / 3));
  const pagesPerPoll = 1;
  const expected: Record<string, { periodMs: number; perPeriod: number; why: string }> = {
    'CloudFormation DescribeStackEvents': {
      periodMs: MONITOR_INTERVAL_MS,
      perPeriod: pagesPerPoll,
      why: `${pagesPerPoll} page per event poll (the poll's new events fit in the newest page of ${r.pageSize})`
    },
    'CloudFormation DescribeStacks': {
      periodMs: MONITOR_INTERVAL_MS,
      perPeriod: 1,
      why: 'one per poll per stack (1 stack)'
    },
    'DynamoDB UpdateItem': {
      periodMs: heartbeatMs,
      perPeriod: 1,
      why: `one lock heartbeat per lease/3 (${heartbeatMs / 1000} s)`
    }
  };
  console.log(
    `\n### AWS calls per monitored minute (defaults: monitor-interval-seconds ` +
      `${MONITOR_INTERVAL_MS / 1000}, lease-minutes ${LEASE_MS / 60_000})\n\n` +
      `One stack with ${PAST_EVENTS} past events, UPDATE_IN_PROGRESS throughout with a new event ` +
      `every ${EVENT_EVERY_S} s. Window ${fmt(r.windowMs / 1000, 1)} s, opened ${LEAD_MS / 1000} s ` +
      `before the worker's first request (${fmt(r.launchToFirstRequestMs)} ms after launch), so it ` +
      `holds the first heartbeat and the first poll. ${polls} event poll(s) in the window ` +
      `(DescribeStacks, one per poll); DescribeStackEvents pages per poll: ` +
      `${fmt((r.cfn['DescribeStackEvents'] ?? 0) / polls, 2)}.\n`
  );
  console.log(
    '| service | operation | calls in window | per minute | expected per minute (steady) | expected in this window | measured / expected in window |'
  );
  console.log('|---|---|---:|---:|---:|---:|---:|');
  const rows: Array<[string, string, number]> = [
    ...Object.entries(r.cfn).map(
      ([op, n]) => ['CloudFormation', op, n] as [string, string, number]
    ),
    ...Object.entries(r.dynamo).map(([op, n]) => ['DynamoDB', op, n] as [string, string, number])
  ];
  for (const key of Object.keys(expected)) {
    const [service = '', op = ''] = key.split(' ');
    if (!rows.some(([s, o]) => s === service && o === op)) rows.push([service, op, 0]);
  }
  rows.sort((a, b) => `${a[0]} ${a[1]}`.localeCompare(`${b[0]} ${b[1]}`));
  for (const service of ['CloudFormation', 'DynamoDB']) {
    let total = 0;
    for (const [s, op, n] of rows) {
      if (s !== service) continue;
      total += n;
      const e = expected[`${s} ${op}`];
      const steady = e ? fmt((60_000 / e.periodMs) * e.perPeriod, 2) : '-';
      const inWindow = e ? scheduledInWindow(e.periodMs, r.windowMs) * e.perPeriod : undefined;
      const ratio = inWindow === undefined ? '-' : inWindow === 0 ? 'n/a' : fmt(n / inWindow, 2);
      console.log(
        `| ${s} | ${op} | ${n} | ${fmt(n / minutes, 2)} | ${steady} | ${inWindow ?? '-'} | ${ratio} |`
      );
    }
    console.log(`| ${service} | all | ${total} | ${fmt(total / minutes, 2)} | - | - | - |`);
  }
  console.log('\nExpected:');
  for (const [key, e] of Object.entries(expected)) console.log(`- ${key}: ${e.why}.`);
  console.log(
    `- "Expected in this window" counts the scheduled calls from the window's start at ` +
      `${LEAD_MS / 1000} s: ceil((window - ${LEAD_MS / 1000} s) / period) × calls per period. ` +
      `A period longer than the window shows once (the call at start-up), so its per-minute ` +
      `figure here overstates the steady rate.`
  );
}

function printProcesses(r: Result): void {
  const tick = 1 / CLK_TCK;
  const span = (r.end.at - r.startup.at) / 1000;
  const perHour = (ticks: number): number => ((ticks * tick) / span) * 3600;
  const startupAfter = (r.startup.at - r.launchedAt) / 1000;
  console.log(
    `\n### Memory and CPU of the two processes\n\n` +
      `RSS from /proc/<pid>/status at the window's end. CPU = utime + stime from ` +
      `/proc/<pid>/stat (${CLK_TCK} ticks/s, so ±${fmt(tick * 1000)} ms per reading): start-up is the ` +
      `sample ${fmt(startupAfter, 1)} s after launch (it includes the first heartbeat and poll); ` +
      `steady is the difference from that sample to the window's end (${fmt(span, 1)} s), scaled ` +
      `to an hour. The worker was found ${fmt(r.launchToWorkerMs)} ms after launch. For the sum, "× idle node" is against two idle nodes.\n`
  );
  console.log(
    '| process | peak RSS (VmHWM) MiB | RSS (VmRSS) MiB | peak RSS × idle node | start-up CPU s | steady CPU ticks | steady CPU s per hour | steady CPU % of one core |'
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  const idle = r.idleNodeMem;
  const row = (
    name: string,
    mem: { hwmKb: number; rssKb: number },
    startTicks: number,
    endTicks: number,
    idles: number
  ): void => {
    const d = endTicks - startTicks;
    console.log(
      `| ${name} | ${fmt(mem.hwmKb / 1024, 1)} | ${fmt(mem.rssKb / 1024, 1)} | ` +
        `${fmt(mem.hwmKb / (idle.hwmKb * idles), 2)} | ` +
        `${fmt(startTicks * tick, 2)} | ${d} | ${fmt(perHour(d), 1)} | ` +
        `${fmt(((d * tick) / span) * 100, 3)} |`
    );
  };
  row('supervisor', r.supervisorMem, r.startup.supervisorTicks, r.end.supervisorTicks, 1);
  row('worker', r.workerMem, r.startup.workerTicks, r.end.workerTicks, 1);
  const both = {
    hwmKb: r.supervisorMem.hwmKb + r.workerMem.hwmKb,
    rssKb: r.supervisorMem.rssKb + r.workerMem.rssKb
  };
  row(
    'both (sum)',
    both,
    r.startup.supervisorTicks + r.startup.workerTicks,
    r.end.supervisorTicks + r.end.workerTicks,
    2
  );
  console.log(
    `| idle node (\`node -e setTimeout\`, 1 s in) | ${fmt(idle.hwmKb / 1024, 1)} | ` +
      `${fmt(idle.rssKb / 1024, 1)} | 1.00 | - | - | - | - |`
  );
  const ratio = r.workerMem.hwmKb / r.supervisorMem.hwmKb;
  console.log(`\nWorker / supervisor peak RSS: ${fmt(ratio, 2)}×.`);
}

function printStop(r: Result): void {
  const obs = Object.entries(r.observations)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  console.log(
    `\n### Stop\n\n` +
      `stopMonitor(supervisor): ${r.stopResult} in ${fmt(r.stopMs)} ms (target < 2000 ms). ` +
      `Still running afterwards: ${r.leftRunning.length === 0 ? 'none' : r.leftRunning.join(', ')}.\n` +
      `Observations in monitor.jsonl: ${obs || 'none'}.`
  );
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (process.platform !== 'linux') throw new Error('bench: reads /proc, so Linux only');
  if (!existsSync(BUNDLE)) throw new Error(`bench: ${BUNDLE} is missing (npm run build)`);
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'bench-monitor-'));
  const [rig, cfn] = await Promise.all([DynamoRig.start(), CloudFormationStandin.start()]);
  let failed = true;
  try {
    const cpu = cpus();
    console.log(
      `## Monitor benchmark\n\n` +
        `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, node ${process.version}; ` +
        `the bundle ${BUNDLE} (supervisor + worker) against dynalite and ` +
        `the CloudFormation stand-in on loopback (in the benchmark's process), no Slack.`
    );
    const r = await run(rig, cfn, dir);
    printCalls(r);
    printProcesses(r);
    printStop(r);
    const problems: string[] = [];
    if (r.stopResult !== 'stopped') problems.push(`stop ended '${r.stopResult}'`);
    if (r.stopMs >= 2_000) problems.push(`stop took ${fmt(r.stopMs)} ms`);
    if (r.leftRunning.length > 0) problems.push(`left running: ${r.leftRunning.join(', ')}`);
    if ((r.observations['error'] ?? 0) > 0) problems.push('the monitor recorded errors');
    if ((r.observations['heartbeat ok=false'] ?? 0) > 0) problems.push('a heartbeat failed');
    if ((r.observations['stopped'] ?? 0) === 0) problems.push("the worker did not note 'stopped'");
    if (problems.length > 0) throw new Error(`bench: ${problems.join('; ')} (see ${dir})`);
    console.log(`\nTotal wall time ${fmt((performance.now() - t0) / 1000, 1)} s.`);
    failed = false;
  } finally {
    await Promise.all([rig.close(), cfn.close()]);
    if (!failed) rmSync(dir, { recursive: true, force: true });
    else console.error(`bench: the monitor's files are kept in ${dir}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
