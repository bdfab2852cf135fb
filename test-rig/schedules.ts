/**
 * Schedules of jobs for the lock's proof on the real code paths: each job runs the real
 * `coordinate()`, the real monitor loop (`runMonitor`) and the real `finalize()` in process,
 * through their injected dependencies, against dynalite (a real DynamoRegistry per job over its
 * own client), an in-memory CloudFormation and a Slack that can be slow or rate-limited, all on
 * virtual time (virtual-time.ts), so a schedule of minutes runs in the time its registry calls
 * take.
 *
 * A schedule draws, from a seed: arrivals, priorities (high or normal), deployments (durations, failures with and without
 * rollback, so repairs happen in finalize and in coordinate), questions answered late
 * (`warnings: ask`), two jobs sharing a correlation ID, throttling bursts, registry outages and
 * slow answers (for every job, or for one job's network), an item of the table that does not
 * decode for a while (the environment's LOCK, written by the rig's own client as a script or
 * another release could: an attribute with a number JavaScript cannot hold exactly), Slack
 * trouble, cancellations, and crashes at every stage (the runner dies while waiting, while holding, in coordinate after the
 * lock is taken, in finalize). What each job's registry calls did is recorded at the moment the
 * table answered (virtual time), including the answers a killed job never saw.
 *
 * The checks (checkSchedule) read those records, not the jobs' own beliefs:
 *  1. one holder at a time: fences are granted 1, 2, 3... in time, each once, each to one owner;
 *  2. a lock changes hands only by its release, or once its holder's last lock write is at least
 *     a lease old (it stopped heartbeating);
 *  3. FIFO among live waiters within a priority, high before normal: no job is granted the lock
 *     while a ticket ahead of its own (a higher priority, or its own priority and a lower number)
 *     is in the queue, unless that ticket's owner got the lock first, or the ticket landed only
 *     after the job's last read of the queue before its acquire began (it could not have seen it:
 *     its turn came before that ticket existed, and a holder is never pre-empted);
 *  4. a ticket is removed as dead only once its owner's last write to it is at least a lease old;
 *  5. every job that lived to the end of its post step released what it held, or it was taken
 *     from it by rule 2; and nothing a living job started is left running (no virtual sleeps);
 *  6. never two holders acting: a job starts its deploy step or a repair only while no later fence
 *     has been granted (its lease was current, so nobody could take it over);
 *  7. a waiter deploys on CloudFormation alone only once no registry holder's lease is live,
 *     unless the waiter alone was cut off from the table (counted apart: partitionedGrants): its
 *     own network was down, and its last registry call before the deploy step did not reach the
 *     table (one the table answered, even with an unreadable item, is no excuse);
 *  8. freezes hold: no job without override-freeze sends its acquire while a freeze is in force;
 *     one with it may pass the tickets ahead of it that have none (rule 3's exception) while it
 *     read a freeze in force between its last read of the queue and its acquire;
 *  9. an item that does not decode is an answer, never an outage and never a free lock: no job
 *     sends an acquire after the table answered it with the unreadable item; no job that met it
 *     ends on CloudFormation alone, nor does any job whose only registry trouble was that item;
 *     a job that met it in its wait ends blocked with REGISTRY_CORRUPT; and no job reports
 *     REGISTRY_CORRUPT without having met it (no false alarm). Every other rule holds unchanged
 *     during the corruption: a blocked run is one more outcome, not an excuse.
 */
import { DeleteItemCommand, DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { WebClient } from '@slack/web-api';
import { parseConfig } from '../src/config/config.js';
import { INPUT_DEFAULTS, type InputName } from '../src/config/inputs.js';
import { State } from '../src/config/state.js';
import { monitorSettings } from '../src/monitor/files.js';
import { monitorHolds } from '../src/monitor/launch.js';
import { runMonitor } from '../src/monitor/run.js';
import { SlackNotifier } from '../src/notify/slack.js';
import { cloudFormationOnly } from '../src/registry/cloudformation-only.js';
import { dynamoRegistry } from '../src/registry/dynamodb.js';
import { asTestCaller } from './aws-calls.js';
import { intercept } from './intercept.js';
import { servedBefore } from '../src/domain/priority.js';
import type { Holder, LockKey, Registry, Ticket } from '../src/ports/registry.js';
import { RegistryCorruptError } from '../src/ports/registry-errors.js';
import { createLogger, type LogSink } from '../src/report/logger.js';
import { coordinate, publish } from '../src/stages/coordinate.js';
import { finalize, type MonitorHandle } from '../src/stages/finalize.js';
import { RIG_CREDENTIALS, RIG_REGION, type DynamoRig } from './dynamo-rig.js';
import { ScriptedCloudFormation } from './scripted-cloudformation.js';
import { VirtualTime, type VirtualProcess } from './virtual-time.js';
import type { ActionIO } from '../src/ports/runtime.js';

// ---------------------------------------------------------------------------------------------
// Plans

export type Fate =
  | 'normal'
  | 'cancel-waiting'
  | 'crash-waiting'
  | 'crash-coordinate'
  | 'crash-holding'
  | 'crash-finalize';

export interface RegistryFault {
  readonly kind: 'throttle' | 'outage' | 'slow';
  readonly fromMs: number;
  readonly durationMs: number;
  /** slow: each request waits this long (virtual) before it reaches the table. */
  readonly latencyMs?: number;
}

export interface JobPlan {
  readonly arrivalMs: number;
  readonly fate: Fate;
  /** After arrival (cancel-waiting, crash-waiting, crash-coordinate), into the deploy step (crash-holding), into post (crash-finalize). */
  readonly fateDelayMs: number;
  readonly waitTimeoutMs: number;
  readonly deploy: {
    readonly startAfterMs: number;
    readonly durationMs: number;
    readonly fails: boolean;
    readonly disableRollback: boolean;
    /** After the stack operation ends (or is started, when the step does not wait), before post. */
    readonly tailMs: number;
    readonly waits: boolean;
  };
  readonly warnings: 'proceed' | 'ask';
  readonly answerAfterMs: number;
  /** This job's own registry trouble (its runner's network). */
  readonly faults: readonly RegistryFault[];
  /** Jobs with the same label share a correlation-id input. */
  readonly sharedId?: string;
  /** The priority input (default normal). */
  readonly priority?: 'normal' | 'high';
  /** The override-freeze input is set: it goes through the freezes, past the frozen waiters. */
  readonly overrideFreeze?: boolean;
}

/** A deploy freeze of the schedule's environment, set before the first job, from its start. */
export interface FreezePlan {
  readonly fromMs: number;
  readonly durationMs: number;
}

/**
 * An item that does not decode for a while: from `fromMs` (schedule-relative, like a global
 * RegistryFault) the environment's LOCK item carries an attribute holding a number JavaScript
 * cannot hold exactly (CORRUPT_NUMBER), put there by the rig's own client; at `fromMs +
 * durationMs` the rig removes it. Whether a holder held the lock then is as the schedule went.
 */
export interface CorruptionPlan {
  readonly fromMs: number;
  readonly durationMs: number;
}

/** The attribute and number the rig writes (raw AttributeValue `{N: ...}`, low-level client). */
export const CORRUPT_ATTRIBUTE = 'heartbeatNs';
export const CORRUPT_NUMBER = '1733590000000000000.5';

export interface Schedule {
  readonly seed: number;
  readonly leaseMs: number;
  readonly pollMs: number;
  readonly jobs: readonly JobPlan[];
  /** Trouble with the table for every job. */
  readonly faults: readonly RegistryFault[];
  readonly slack: { readonly delayMs: number; readonly rateLimited: boolean };
  readonly repair: { readonly durationMs: number; readonly fails: boolean };
  /** The stack's status before the first job (default UPDATE_COMPLETE). */
  readonly initialStatus?: string;
  /** Deploy freezes of the environment (in the table before the first job arrives). */
  readonly freezes?: readonly FreezePlan[];
  /** The environment's LOCK item does not decode for a while. */
  readonly corrupt?: CorruptionPlan;
}

/** mulberry32: a small seeded generator, so a schedule is known by its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function drawSchedule(seed: number): Schedule {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const between = (lo: number, hi: number): number => Math.round(lo + r() * (hi - lo));
  const leaseMs = 6_000;
  const fault = (maxFrom: number): RegistryFault => {
    const kind = pick(['throttle', 'throttle', 'outage', 'slow'] as const);
    return {
      kind,
      fromMs: between(0, maxFrom),
      // Mostly shorter than a lease; sometimes longer, so waiters fall back.
      durationMs: r() < 0.75 ? between(500, leaseMs - 500) : between(leaseMs, 2.5 * leaseMs),
      latencyMs: kind === 'slow' ? between(200, 4_000) : undefined
    };
  };
  const n = between(2, 4);
  // Priorities come from a generator of their own, so every other draw of a seed stays as it was.
  const rp = random(seed ^ 0x5bd1e995);
  // Freezes and overrides too: a fifth of the schedules have one or two freeze windows.
  const rf = random(seed ^ 0x27d4eb2f);
  const freezes: FreezePlan[] | undefined =
    rf() < 0.2
      ? Array.from({ length: rf() < 0.3 ? 2 : 1 }, () => ({
          fromMs: Math.round(rf() * 20_000),
          durationMs: Math.round(2_000 + rf() * 18_000)
        }))
      : undefined;
  // The corrupt LOCK item, from a generator of its own too: in about an eighth of the schedules,
  // from any instant of the arrivals and deployments (the lock then held or free, as it goes),
  // for up to two and a half leases.
  const rc = random(seed ^ 0x165667b1);
  const corrupt: CorruptionPlan | undefined =
    rc() < 0.125
      ? {
          fromMs: Math.round(rc() * 25_000),
          durationMs: Math.round(1_000 + rc() * (2.5 * leaseMs - 1_000))
        }
      : undefined;
  const jobs: JobPlan[] = Array.from({ length: n }, () => {
    const fate = pick([
      'normal',
      'normal',
      'normal',
      'normal',
      'cancel-waiting',
      'crash-waiting',
      'crash-coordinate',
      'crash-holding',
      'crash-finalize'
    ] as const);
    const fails = r() < 0.3;
    return {
      arrivalMs: between(0, 12_000),
      fate,
      fateDelayMs: between(0, 10_000),
      waitTimeoutMs: pick([60_000, 120_000, 0.5 * 60_000]),
      deploy: {
        startAfterMs: between(0, 8_000),
        durationMs: between(1_000, 12_000),
        fails,
        disableRollback: fails && r() < 0.5,
        tailMs: between(0, 3_000),
        waits: r() < 0.85
      },
      warnings: r() < 0.4 ? 'ask' : 'proceed',
      answerAfterMs: r() < 0.5 ? between(200, 3_000) : between(leaseMs, 3 * leaseMs),
      faults: r() < 0.2 ? [fault(20_000)] : [],
      sharedId: r() < 0.15 ? 'shared' : undefined,
      priority: rp() < 0.3 ? 'high' : 'normal',
      overrideFreeze: freezes !== undefined && rf() < 0.25
    };
  });
  return {
    seed,
    leaseMs,
    pollMs: pick([500, 1_000]),
    jobs,
    faults: r() < 0.35 ? Array.from({ length: between(1, 2) }, () => fault(30_000)) : [],
    slack: { delayMs: r() < 0.3 ? between(1_000, 20_000) : 50, rateLimited: r() < 0.2 },
    repair: {
      durationMs: r() < 0.3 ? between(leaseMs, 2 * leaseMs) : between(200, 3_000),
      fails: r() < 0.2
    },
    freezes,
    corrupt
  };
}

// ---------------------------------------------------------------------------------------------
// Records

export interface CallRecord {
  readonly job: number;
  readonly stage: string;
  readonly op: string;
  readonly args: readonly unknown[];
  readonly startedAt: number;
  /** The order in which calls were sent and answered (virtual time stands still during I/O). */
  readonly startSeq: number;
  endSeq?: number;
  /** When the table answered (virtual time): a write landed then. */
  endedAt?: number;
  result?: unknown;
  error?: unknown;
}

export interface JobRecord {
  readonly index: number;
  readonly plan: JobPlan;
  readonly correlationId: string;
  readonly owner: string;
  arrivedAt?: number;
  result?: string;
  registryKind?: string;
  /** The job's runner died (no more of its stages run). */
  killedAt?: number;
  cancelledAt?: number;
  deployStartedAt?: number;
  /** Acting as the holder: the deploy step's start and every repair call, with the fence held then. */
  readonly acts: { what: string; at: number; fence: number }[];
  postStartedAt?: number;
  postEndedAt?: number;
  /** Error and warning annotation titles, with the line. */
  readonly annotations: string[];
  /** Every log line (the first line of each message). */
  readonly lines: string[];
  error?: unknown;
}

/** What the rig did to the LOCK item (schedule.corrupt), when it did. */
export interface Corruption {
  /** When the unreadable attribute landed. */
  readonly at: number;
  /** Whether the lock had a holder then (the item's old holder attribute). */
  readonly held: boolean;
  /** When it was removed again (undefined: the schedule ended first; removed after it). */
  removedAt?: number;
}

export interface ScheduleResult {
  readonly schedule: Schedule;
  readonly corruption?: Corruption;
  readonly environment: string;
  readonly jobs: readonly JobRecord[];
  readonly calls: readonly CallRecord[];
  readonly cfn: ScriptedCloudFormation;
  /** Virtual sleeps still pending for jobs that were not killed, once every job ended. */
  readonly leftovers: readonly { at: number; proc?: string }[];
  readonly stuck: boolean;
  readonly endedAt: number;
}

// ---------------------------------------------------------------------------------------------
// Running

/**
 * The stages keep per-deployment files under RUNNER_TEMP: point it at a folder of this run's
 * own, so schedules never read what an earlier run left. Returns the clean-up.
 */
export function scratchRunnerTemp(): () => void {
  const previous = process.env['RUNNER_TEMP'];
  const dir = mkdtempSync(join(tmpdir(), 'dc-schedules-'));
  process.env['RUNNER_TEMP'] = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env['RUNNER_TEMP'];
    else process.env['RUNNER_TEMP'] = previous;
  };
}

const NEVER: Promise<never> = new Promise<never>(() => {});
const STACK = 'AppStack';
/** Virtual time's start: every schedule begins here. */
export const T0 = Date.UTC(2026, 11, 1, 12);
/** Past this much virtual time a schedule is stuck: something waited without a bound. */
const SCHEDULE_LIMIT_MS = 30 * 60_000;

interface World {
  readonly vt: VirtualTime;
  readonly rig: DynamoRig;
  readonly schedule: Schedule;
  readonly environment: string;
  readonly cfn: ScriptedCloudFormation;
  readonly calls: CallRecord[];
  readonly clients: DynamoDBClient[];
  /** The next number in the order of calls sent and answered. */
  readonly tick: () => number;
}

export async function runSchedule(
  rig: DynamoRig,
  schedule: Schedule,
  environment = `soak-${schedule.seed}`
): Promise<ScheduleResult> {
  const vt = new VirtualTime(T0);
  const cfn = new ScriptedCloudFormation(vt.now);
  cfn.put(STACK, schedule.initialStatus ?? 'UPDATE_COMPLETE');
  cfn.nextRepair = schedule.repair;
  let ticks = 0;
  const world: World = {
    vt,
    rig,
    schedule,
    environment,
    cfn,
    calls: [],
    clients: [],
    tick: () => ++ticks
  };
  const jobs: JobRecord[] = schedule.jobs.map((plan, index) => ({
    index,
    plan,
    // Unique per schedule; jobs with a shared label share one (index 15 is never a job's).
    correlationId: `20261201-120000-${(schedule.seed * 16 + (plan.sharedId ? 15 : index)).toString(16).padStart(8, '0').slice(-8)}`,
    owner: `owner-${schedule.seed}-${index}`,
    annotations: [],
    lines: [],
    acts: []
  }));
  // The schedule's freezes, as `deploy-coordinator freeze` sets them, before anyone arrives.
  // The test's own client (not the product's calls the IAM check counts), gone with the schedule.
  const setter = asTestCaller(
    new DynamoDBClient({
      endpoint: rig.url,
      region: RIG_REGION,
      credentials: RIG_CREDENTIALS,
      maxAttempts: 5
    })
  );
  const freezeIds = (schedule.freezes ?? []).map((_, i) => `fz-${schedule.seed}-${i}`);
  for (const [i, f] of (schedule.freezes ?? []).entries())
    await dynamoRegistry(setter, rig.table, vt.now).freezes.add({
      id: freezeIds[i]!,
      environment,
      reason: `soak freeze ${i}`,
      by: 'soak',
      createdAt: new Date(T0).toISOString(),
      from: new Date(T0 + f.fromMs).toISOString(),
      until: new Date(T0 + f.fromMs + f.durationMs).toISOString()
    });
  // The corrupt LOCK item, as a script or another release could write it: by the rig's own client
  // (not the product's calls), at its instant of virtual time, and removed at its end. Its writes
  // are tracked, so virtual time stands still while they are in flight, like the jobs' calls.
  const lockKey = { pk: { S: `ENV#${environment}` }, sk: { S: 'LOCK' } };
  const corrupter: VirtualProcess = { name: 'rig/corrupt', killed: false };
  let corruption: Corruption | undefined;
  let corruptionError: unknown;
  const uncorrupt = (): Promise<unknown> =>
    setter.send(
      new UpdateItemCommand({
        TableName: rig.table,
        Key: lockKey,
        UpdateExpression: 'REMOVE #bad',
        ExpressionAttributeNames: { '#bad': CORRUPT_ATTRIBUTE }
      })
    );
  if (schedule.corrupt) {
    const plan = schedule.corrupt;
    void (async () => {
      await vt.sleep(plan.fromMs, undefined, corrupter);
      const old = await vt.track(
        setter.send(
          new UpdateItemCommand({
            TableName: rig.table,
            Key: lockKey,
            UpdateExpression: 'SET #bad = :n',
            ExpressionAttributeNames: { '#bad': CORRUPT_ATTRIBUTE },
            ExpressionAttributeValues: { ':n': { N: CORRUPT_NUMBER } },
            ReturnValues: 'ALL_OLD'
          })
        )
      );
      corruption = { at: vt.now(), held: old.Attributes?.['holder'] !== undefined };
      await vt.sleep(plan.durationMs, undefined, corrupter);
      await vt.track(uncorrupt());
      corruption.removedAt = vt.now();
    })().catch((err: unknown) => (corruptionError = err));
  }
  let stuck = false;
  try {
    let done = 0;
    jobs.forEach(
      (job) =>
        void runJob(world, job).then(
          () => void done++,
          (err: unknown) => {
            job.error = err;
            done++;
          }
        )
    );
    while (done < jobs.length) {
      if (!(await vt.step()) || vt.now() - T0 > SCHEDULE_LIMIT_MS) {
        stuck = done < jobs.length;
        break;
      }
    }
    await vt.settle();
    // The rig's corruption ends with the schedule: a removal still to come is dropped (below, the
    // attribute goes, so the table is left as the jobs left it).
    vt.kill(corrupter);
    for (const c of world.clients) c.destroy();
  } finally {
    if (corruption && corruption.removedAt === undefined) await uncorrupt();
    // Every schedule's freezes share one partition: gone with their schedule, so reads stay small.
    for (const id of freezeIds)
      await setter.send(
        new DeleteItemCommand({
          TableName: rig.table,
          Key: { pk: { S: 'FREEZES' }, sk: { S: `FREEZE#${environment}#${id}` } }
        })
      );
    setter.destroy();
  }
  if (corruptionError !== undefined)
    throw new Error('the rig could not corrupt or repair the LOCK item', {
      cause: corruptionError
    });
  return {
    schedule,
    corruption,
    environment,
    jobs,
    calls: world.calls,
    cfn,
    leftovers: vt.pending(),
    stuck,
    endedAt: vt.now()
  };
}

async function runJob(w: World, job: JobRecord): Promise<void> {
  const { vt } = w;
  const { plan } = job;
  const procs = {
    test: { name: `job${job.index}/runner`, killed: false },
    coordinate: { name: `job${job.index}/coordinate`, killed: false },
    monitor: { name: `job${job.index}/monitor`, killed: false },
    deploy: { name: `job${job.index}/deploy`, killed: false },
    finalize: { name: `job${job.index}/finalize`, killed: false }
  } satisfies Record<string, VirtualProcess>;
  let onKilled: () => void = () => {};
  const killed = new Promise<void>((resolve) => (onKilled = resolve));
  let onMainKilled: () => void = () => {};
  const mainKilled = new Promise<void>((resolve) => (onMainKilled = resolve));
  const killJob = (): void => {
    if (job.killedAt !== undefined) return;
    job.killedAt = vt.now();
    for (const p of Object.values(procs)) vt.kill(p);
    onKilled();
  };
  const runnerSleep = vt.sleeper(procs.test);
  await runnerSleep(plan.arrivalMs);
  job.arrivedAt = vt.now();

  const state = new Map<string, string>();
  const io: ActionIO = {
    setOutput: () => undefined,
    saveState: (name, value) => void state.set(name, value),
    getState: (name) => state.get(name) ?? '',
    setExitCode: () => undefined,
    appendSummary: async () => undefined
  };
  const config = jobConfig(w, job);
  const log = createLogger(job.correlationId, sink(job));
  const client = registryClient(w, job);
  const registryOf = (proc: VirtualProcess): Registry => recorded(w, job, proc, client);
  const act = (what: string): void => {
    // An act with no fence in state is an act without the lock (fence 0), unless on CloudFormation alone.
    if (state.get(State.Registry) === 'cloudformation-only') return;
    job.acts.push({ what, at: vt.now(), fence: Number(state.get(State.Fence) || '0') });
  };
  const cfnFor = (proc: VirtualProcess): ScriptedCloudFormation => frozenWith(w.cfn, proc, act);
  const reader = cfnFor(procs.coordinate);
  state.set(State.Owner, job.owner);

  // The monitor, in process: its own registry view, its own sleeps, stopped by finalize.
  let monitor:
    | {
        stopper: AbortController;
        done: Promise<unknown>;
        ended: boolean;
        seen: Record<string, unknown>[];
      }
    | undefined;
  const handle: MonitorHandle = {
    stop: async () => {
      if (!monitor || monitor.ended) return 'not-running';
      monitor.stopper.abort();
      await monitor.done;
      return 'stopped';
    },
    observations: () => monitor?.seen ?? []
  };

  const cancel = new AbortController();
  if (plan.fate === 'cancel-waiting')
    void runnerSleep(plan.fateDelayMs).then(() => {
      job.cancelledAt = vt.now();
      cancel.abort();
    });
  if (plan.fate === 'crash-waiting') void runnerSleep(plan.fateDelayMs).then(killJob);
  if (plan.fate === 'crash-coordinate')
    void runnerSleep(plan.fateDelayMs).then(() => {
      // The main step is killed (SIGKILL); the job goes on to its post step.
      if (job.result !== undefined) return;
      vt.kill(procs.coordinate);
      onMainKilled();
    });

  const coordinateDeps = {
    config,
    log,
    io,
    reader,
    registry: registryOf(procs.coordinate),
    fallback: () => cloudFormationOnly(),
    run: {},
    clock: { now: vt.now },
    sleep: vt.sleeper(procs.coordinate),
    signal: cancel.signal,
    owner: job.owner,
    notifier: slack(w, job, procs.coordinate),
    recovery: cfnFor(procs.coordinate),
    startMonitor: (
      m: Parameters<NonNullable<Parameters<typeof coordinate>[0]['startMonitor']>>[0]
    ) => {
      const settings = monitorSettings(config, { correlationId: job.correlationId, ...m });
      const stopper = new AbortController();
      const seen: Record<string, unknown>[] = [];
      const done = runMonitor({
        settings,
        registry: m.registryTable ? registryOf(procs.monitor) : undefined,
        reader: cfnFor(procs.monitor),
        notifier: slack(w, job, procs.monitor),
        now: vt.now,
        sleep: vt.sleeper(procs.monitor),
        signal: stopper.signal,
        write: (o) => void seen.push(o)
      }).catch((err: unknown) => void seen.push({ type: 'crash', message: String(err) }));
      const started = { stopper, done, ended: false, seen };
      void done.then(() => (started.ended = true));
      monitor = started;
      return { pid: 1000 + job.index, dir: '', log: '' };
    },
    monitorHolds: (_m: unknown, timeoutMs: number) =>
      monitorHolds(
        () => monitor?.seen ?? [],
        { now: vt.now },
        vt.sleeper(procs.coordinate),
        timeoutMs
      )
  };
  const main = (async () => {
    const report = await coordinate(coordinateDeps);
    publish(coordinateDeps, report);
    job.result = report.result;
    job.registryKind = report.turn.registry.lock.kind;
  })();
  await Promise.race([main, killed, mainKilled]);
  if (job.killedAt !== undefined) return;

  if (job.result === 'acquired') {
    // The deploy step: starts the stack operation (when the stack lets it), waits or not, ends.
    const deploySleep = vt.sleeper(procs.deploy);
    if (plan.fate === 'crash-holding') void runnerSleep(plan.fateDelayMs).then(killJob);
    const step = (async () => {
      job.deployStartedAt = vt.now();
      act('deploy');
      await deploySleep(plan.deploy.startAfterMs);
      w.cfn.update(STACK, job.correlationId, plan.deploy);
      if (plan.deploy.waits) await deploySleep(plan.deploy.durationMs);
      await deploySleep(plan.deploy.tailMs);
    })();
    await Promise.race([step, killed]);
    if (job.killedAt !== undefined) return;
  }

  // post: finalize, with the same state; crash-finalize kills it part way.
  job.postStartedAt = vt.now();
  if (plan.fate === 'crash-finalize') void runnerSleep(plan.fateDelayMs / 4).then(killJob);
  const post = finalize({
    config,
    log,
    io,
    reader: cfnFor(procs.finalize),
    // As the post step does: the registry coordinate ended up with.
    registry:
      state.get(State.Registry) === 'cloudformation-only'
        ? cloudFormationOnly()
        : registryOf(procs.finalize),
    run: {},
    clock: { now: vt.now },
    sleep: vt.sleeper(procs.finalize),
    recovery: cfnFor(procs.finalize),
    notifier: slack(w, job, procs.finalize),
    monitor: handle
  });
  await Promise.race([post, killed]);
  if (job.killedAt !== undefined) return;
  job.postEndedAt = vt.now();
  // The job is over: a monitor still running would outlive it.
  if (monitor) {
    monitor.stopper.abort();
    await monitor.done;
  }
}

function jobConfig(w: World, job: JobRecord): ReturnType<typeof parseConfig> {
  const { schedule } = w;
  const inputs: Partial<Record<InputName, string>> = {
    'stack-name': STACK,
    environment: w.environment,
    'registry-table': w.rig.table,
    'wait-timeout-minutes': String(job.plan.waitTimeoutMs / 60_000),
    'poll-interval-seconds': String(schedule.pollMs / 1000),
    'lease-minutes': String(schedule.leaseMs / 60_000),
    'monitor-interval-seconds': '1',
    'stall-timeout-minutes': '0.2',
    'progress-interval-minutes': '0.1',
    warnings: job.plan.warnings,
    priority: job.plan.priority ?? 'normal',
    'override-freeze': job.plan.overrideFreeze ? 'soak override' : '',
    'ask-timeout-minutes': '0.5',
    'slack-token': 'xoxb-scripted',
    'slack-channel': 'C0123456789',
    'slack-api-url': 'http://127.0.0.1:9/api/',
    'github-token': '',
    'correlation-id': job.correlationId
  };
  return parseConfig((name) => inputs[name] ?? INPUT_DEFAULTS[name], {
    AWS_REGION: RIG_REGION
  });
}

function sink(job: JobRecord): LogSink {
  const note =
    (level: string) =>
    (message: string, props?: { title?: string }): void =>
      void job.annotations.push(`${level} ${props?.title ?? ''}: ${message.split('\n')[0]}`);
  return {
    info: (message: string) => void job.lines.push(message.split('\n')[0]!),
    debug: () => undefined,
    warning: note('warning'),
    error: note('error')
  };
}

/** A job's DynamoDB client: one attempt per call (the stages' own loops retry), with the schedule's faults on the wire. */
function registryClient(w: World, job: JobRecord): DynamoDBClient {
  const client = new DynamoDBClient({
    endpoint: w.rig.url,
    region: RIG_REGION,
    credentials: RIG_CREDENTIALS,
    maxAttempts: 1
  });
  w.clients.push(client);
  type Handler = { handle: (req: unknown, opts: unknown) => Promise<unknown> };
  const config = client.config as unknown as { requestHandler: Handler };
  const inner = config.requestHandler;
  const faults = [...w.schedule.faults, ...job.plan.faults];
  const own = new Set(job.plan.faults);
  const arrival = job.plan.arrivalMs;
  config.requestHandler = Object.assign(
    Object.create(Object.getPrototypeOf(inner) as object) as object,
    inner,
    {
      handle: async (req: unknown, opts: unknown): Promise<unknown> => {
        // Global faults count from the schedule's start, a job's own from its arrival; when
        // several are in force, an outage wins over throttling, throttling over slowness. A
        // request slowed on its way lands whenever its latency says, outage or not: a network
        // that delays a request is not the table refusing it (the holder counts its lease from
        // the send, rule 7 judges it so).
        const at = w.vt.now() - T0;
        const now = faults.filter((x) => {
          const from = own.has(x) ? arrival + x.fromMs : x.fromMs;
          return at >= from && at < from + x.durationMs;
        });
        const f = (['outage', 'throttle', 'slow'] as const)
          .map((kind) => now.find((x) => x.kind === kind))
          .find((x) => x !== undefined);
        if (f?.kind === 'throttle') return throttled();
        if (f?.kind === 'outage')
          throw Object.assign(new Error(`connect ECONNREFUSED ${w.rig.url.slice(7)}`), {
            code: 'ECONNREFUSED'
          });
        if (f?.kind === 'slow') await w.vt.park(f.latencyMs ?? 0);
        return inner.handle(req, opts);
      }
    }
  );
  return client;
}

function throttled(): unknown {
  const body = JSON.stringify({
    __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
    message:
      'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.'
  });
  return {
    response: {
      statusCode: 400,
      reason: 'Bad Request',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'scripted' },
      body: Readable.from([Buffer.from(body)])
    }
  };
}

/**
 * The registry as one stage of a job sees it: every call recorded with the table's answer (seen
 * or not), tracked so virtual time waits for it, and frozen for good once the stage is killed.
 */
function recorded(
  w: World,
  job: JobRecord,
  proc: VirtualProcess,
  client: DynamoDBClient
): Registry {
  const inner = dynamoRegistry(client, w.rig.table, w.vt.now);
  const wrap = <T extends object>(port: T): T =>
    intercept(port, (op, args, call) => {
      if (proc.killed) return NEVER;
      const rec: CallRecord = {
        job: job.index,
        stage: proc.name,
        op,
        args,
        startedAt: w.vt.now(),
        startSeq: w.tick()
      };
      w.calls.push(rec);
      return w.vt.track(call()).then(
        (r) => {
          rec.endSeq = w.tick();
          rec.endedAt = w.vt.now();
          rec.result = r;
          return proc.killed ? NEVER : r;
        },
        (e: unknown) => {
          rec.endSeq = w.tick();
          rec.endedAt = w.vt.now();
          rec.error = e;
          if (proc.killed) return NEVER;
          throw e;
        }
      );
    });
  return {
    lock: wrap(inner.lock),
    records: wrap(inner.records),
    history: wrap(inner.history),
    freezes: wrap(inner.freezes)
  };
}

const REPAIRS = new Set(['rollbackStack', 'continueUpdateRollback', 'deleteStack']);

/** CloudFormation as a stage sees it: nothing answers a killed stage; repairs are acts of the holder. */
function frozenWith(
  cfn: ScriptedCloudFormation,
  proc: VirtualProcess,
  act: (what: string) => void
): ScriptedCloudFormation {
  return new Proxy(cfn, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'consoleUrl') return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]): unknown => {
        if (proc.killed) return NEVER;
        if (REPAIRS.has(String(prop))) act(`${String(prop)} by ${proc.name}`);
        return method.apply(target, args);
      };
    }
  });
}

/** Slack for one stage: slow or rate-limited as the schedule says; a question is answered after the plan's delay. */
function slack(w: World, job: JobRecord, proc: VirtualProcess): SlackNotifier {
  const { vt } = w;
  const { delayMs, rateLimited } = w.schedule.slack;
  const posted = new Map<string, number>();
  let ts = 0;
  const call = async <T>(answer: () => T): Promise<T> => {
    await vt.sleep(delayMs, undefined, proc);
    if (rateLimited)
      throw Object.assign(
        new Error('A rate limit was exceeded (url: chat.postMessage, retry-after: 20)'),
        {
          code: 'slack_webapi_rate_limited_error',
          retryAfter: 20
        }
      );
    return answer();
  };
  const client = {
    chat: {
      postMessage: (args: { channel: string }) =>
        call(() => {
          const id = `${vt.now()}.${String(++ts).padStart(6, '0')}`;
          posted.set(id, vt.now());
          return { ok: true, channel: args.channel, ts: id };
        }),
      update: () => call(() => ({ ok: true }))
    },
    reactions: {
      get: (args: { timestamp: string }) =>
        call(() => {
          const at = posted.get(args.timestamp);
          const answered = at !== undefined && vt.now() >= at + job.plan.answerAfterMs;
          return {
            ok: true,
            message: { reactions: answered ? [{ name: 'white_check_mark' }] : [] }
          };
        })
    },
    conversations: { replies: () => call(() => ({ ok: true, messages: [] })) }
  } as unknown as WebClient;
  return new SlackNotifier(client, client, createLogger(job.correlationId, sink(job)));
}

// ---------------------------------------------------------------------------------------------
// Checks

interface Grant {
  readonly job: number;
  readonly fence: number;
  readonly owner: string;
  readonly at: number;
}

const landed = (c: CallRecord): boolean => c.endedAt !== undefined && c.error === undefined;
const keyOf = (c: CallRecord): LockKey | undefined => c.args[1] as LockKey | undefined;

/** Every acquisition the table applied (seen by its job or not), in fence order. */
export function grants(result: ScheduleResult): Grant[] {
  return result.calls
    .filter((c) => c.op === 'acquire' && landed(c) && c.result)
    .map((c) => {
      const h = c.result as Holder;
      return { job: c.job, fence: h.fence, owner: h.owner, at: c.endedAt! };
    })
    .sort((a, b) => a.fence - b.fence);
}

/** The table answered this call with an item that does not decode. */
const unreadable = (c: CallRecord): boolean =>
  c.endedAt !== undefined && c.error instanceof RegistryCorruptError;

/** The job said REGISTRY_CORRUPT (its error annotation). */
const saidCorrupt = (j: JobRecord): boolean =>
  j.annotations.some((a) => a.startsWith('error') && a.includes('REGISTRY_CORRUPT'));

/** Jobs that ended blocked on an unreadable registry item (REGISTRY_CORRUPT). */
export const corruptBlocked = (result: ScheduleResult): number =>
  result.jobs.filter((j) => j.result === 'blocked' && saidCorrupt(j)).length;

/** CloudFormation-only grants: jobs that acquired without the table (fence 0). */
export const cloudFormationOnlyGrants = (result: ScheduleResult): number =>
  result.jobs.filter((j) => j.result === 'acquired' && j.registryKind === 'cloudformation-only')
    .length;

/**
 * The registry holder whose lease was live at `t`, if any: as the holder counts it (lease.ts), a
 * lease from the send of its latest lock write answered by `t` (a heartbeat slowed in the network
 * renews the lease from when it was sent, not from when it landed).
 */
function liveHolderAt(result: ScheduleResult, g: readonly Grant[], t: number): Grant | undefined {
  const { leaseMs } = result.schedule;
  return g.find((x) => {
    if (x.at > t) return false;
    const writes = result.calls.filter(
      (c) =>
        landed(c) &&
        keyOf(c)?.fence === x.fence &&
        (c.op === 'heartbeatLock' || c.op === 'release') &&
        c.endedAt! <= t
    );
    if (writes.some((c) => c.op === 'release' && c.result === true)) return false;
    if (g.some((y) => y.fence > x.fence && y.at <= t)) return false;
    const last = Math.max(x.at, ...writes.filter((c) => c.result === true).map((c) => c.startedAt));
    return t - last < leaseMs;
  });
}

/**
 * CloudFormation-only grants made while a registry holder's lease was live, by a waiter that
 * alone could not reach the table (its own network): the documented limit of the fallback, which
 * cannot tell a table that is down from a table it cannot reach.
 */
export function partitionedGrants(result: ScheduleResult): number {
  const g = grants(result);
  return result.jobs.filter(
    (j) =>
      j.registryKind === 'cloudformation-only' &&
      j.deployStartedAt !== undefined &&
      cutOff(result, j) &&
      liveHolderAt(result, g, j.deployStartedAt)
  ).length;
}

/**
 * A job alone cut off from the table when its deploy step began: its own network had an outage,
 * and its last registry call sent before the deploy step did not reach the table. A table that
 * answered it (with the lock, or with an item it cannot read) is one it could have asked.
 */
function cutOff(result: ScheduleResult, job: JobRecord): boolean {
  if (!job.plan.faults.some((f) => f.kind === 'outage')) return false;
  const t = job.deployStartedAt ?? Infinity;
  const last = result.calls
    .filter((c) => c.job === job.index && c.startedAt <= t)
    .reduce<CallRecord | undefined>((a, c) => (a && a.startSeq > c.startSeq ? a : c), undefined);
  return last === undefined || !(landed(last) || unreadable(last));
}

/** Whether one of the schedule's freezes is in force at some instant from `from` to `to`. */
function frozenDuring(schedule: Schedule, from: number, to: number): boolean {
  return (schedule.freezes ?? []).some(
    (f) => T0 + f.fromMs <= to && from < T0 + f.fromMs + f.durationMs
  );
}

export function checkSchedule(result: ScheduleResult): string[] {
  const out: string[] = [];
  const { leaseMs } = result.schedule;
  const t0 = T0;
  const at = (t: number): string => `${((t - t0) / 1000).toFixed(3)}s`;
  const g = grants(result);

  // 1. One holder at a time: fences 1..n in time, each once, each to one owner.
  g.forEach((x, i) => {
    if (x.fence !== i + 1) out.push(`fence ${x.fence} granted where ${i + 1} was due`);
    if (i > 0 && x.at < g[i - 1]!.at)
      out.push(`fence ${x.fence} granted before fence ${x.fence - 1}`);
  });

  // 2. Hands change only by release, or after the holder's last lock write is a lease old.
  for (let i = 1; i < g.length; i++) {
    const prev = g[i - 1]!;
    const next = g[i]!;
    const writes = result.calls.filter(
      (c) =>
        landed(c) &&
        ((c.op === 'heartbeatLock' && c.result === true) || c.op === 'release') &&
        keyOf(c)?.fence === prev.fence &&
        // Only the holder's own writes count: another job touching its lock is a violation.
        keyOf(c)?.owner === prev.owner &&
        (c.endedAt ?? Infinity) <= next.at
    );
    for (const c of result.calls)
      if (
        landed(c) &&
        c.result === true &&
        (c.op === 'heartbeatLock' || c.op === 'release') &&
        keyOf(c)?.fence === prev.fence &&
        c.job !== prev.job
      )
        out.push(
          `job${c.job} wrote (${c.op}) the lock job${prev.job} held under fence ${prev.fence}`
        );
    if (prev.owner === next.owner) continue; // a job that took its own lock again
    const release = writes.find((c) => c.op === 'release' && c.result === true);
    const forced = result.calls.find(
      (c) => c.op === 'forceUnlock' && landed(c) && c.result && (c.endedAt ?? Infinity) <= next.at
    );
    if (release || forced) continue;
    const last = Math.max(prev.at, ...writes.map((c) => c.endedAt!));
    if (next.at - last < leaseMs)
      out.push(
        `job${next.job} took fence ${next.fence} at ${at(next.at)}, ${next.at - last} ms after job${prev.job}'s last lock write (fence ${prev.fence}, at ${at(last)}): less than the lease of ${leaseMs} ms`
      );
  }

  // 3. FIFO among live waiters within a priority, high before normal.
  const tickets = result.calls
    .filter((c) => c.op === 'enqueue' && landed(c) && c.result !== undefined)
    .map((c) => ({ job: c.job, ticket: c.result as Ticket, at: c.endedAt!, seq: c.endSeq! }));
  const removedAt = (t: Ticket): number =>
    Math.min(
      ...result.calls
        .filter(
          (c) =>
            landed(c) &&
            ((c.op === 'removeTicket' && c.args[1] === t.seq) ||
              (c.op === 'removeDeadTicket' &&
                (c.args[1] as Ticket).seq === t.seq &&
                c.result === true))
        )
        .map((c) => c.endedAt!)
    );
  for (const grant of g) {
    const mine = tickets.filter((t) => t.job === grant.job && t.at <= grant.at).at(-1);
    if (!mine) continue;
    // What the job knew when it decided: its last read of the queue before this acquire was sent.
    const acquire = result.calls.find(
      (c) =>
        c.op === 'acquire' && landed(c) && (c.result as Holder | undefined)?.fence === grant.fence
    );
    const read = result.calls
      .filter(
        (c) => c.op === 'view' && c.job === grant.job && c.startSeq < (acquire?.startSeq ?? 0)
      )
      .at(-1);
    for (const other of tickets) {
      if (other.job === grant.job || !servedBefore(other.ticket, mine.ticket)) continue;
      if (other.at > grant.at || removedAt(other.ticket) <= grant.at) continue;
      // Landed after that read began: the job could not have seen it (its turn came first).
      if (read && other.seq > read.startSeq) continue;
      const otherGranted = g.some((x) => x.job === other.job && x.at <= grant.at);
      if (otherGranted) continue;
      // override-freeze passes the frozen tickets ahead (they could not go) while it reads a freeze.
      if (
        result.jobs[grant.job]?.plan.overrideFreeze &&
        !other.ticket.overridesFreeze &&
        acquire &&
        frozenDuring(result.schedule, acquire.startedAt, acquire.startedAt)
      )
        continue;
      out.push(
        `job${grant.job} (ticket #${mine.ticket.seq}, ${mine.ticket.priority}) took fence ${grant.fence} at ${at(grant.at)} while job${other.job}'s ticket #${other.ticket.seq} (${other.ticket.priority}) was ahead of it in the queue`
      );
    }
  }

  // 8. Freezes hold: no job without override-freeze sends its acquire while a freeze is in force.
  for (const grant of g) {
    if (result.jobs[grant.job]?.plan.overrideFreeze) continue;
    const acquire = result.calls.find(
      (c) =>
        c.op === 'acquire' && landed(c) && (c.result as Holder | undefined)?.fence === grant.fence
    );
    if (acquire && frozenDuring(result.schedule, acquire.startedAt, acquire.startedAt))
      out.push(
        `job${grant.job} took fence ${grant.fence} at ${at(grant.at)}: its acquire was sent at ${at(acquire.startedAt)}, during a freeze, without override-freeze`
      );
  }
  // ...and on CloudFormation alone, a job that had read the freezes from the table still obeys them.
  for (const job of result.jobs) {
    const t = job.deployStartedAt;
    if (job.registryKind !== 'cloudformation-only' || t === undefined || job.plan.overrideFreeze)
      continue;
    const read = result.calls.some(
      (c) => c.job === job.index && c.op === 'list' && landed(c) && c.endedAt! <= t
    );
    if (read && frozenDuring(result.schedule, t, t))
      out.push(
        `job${job.index} deployed on CloudFormation alone at ${at(t)}, during a freeze it had read, without override-freeze`
      );
  }

  // 4. A ticket removed as dead only once its owner's last write to it is a lease old.
  for (const c of result.calls.filter(
    (x) => x.op === 'removeDeadTicket' && landed(x) && x.result === true
  )) {
    const t = c.args[1] as Ticket;
    const owner = tickets.find((x) => x.ticket.seq === t.seq);
    if (!owner) continue;
    const beats = result.calls.filter(
      (x) =>
        x.op === 'heartbeatTicket' &&
        landed(x) &&
        x.result &&
        (x.args[1] as Ticket).seq === t.seq &&
        x.endedAt! <= c.endedAt!
    );
    const last = Math.max(owner.at, ...beats.map((x) => x.endedAt!));
    if (c.endedAt! - last < t.leaseMs)
      out.push(
        `job${c.job} removed job${owner.job}'s ticket #${t.seq} as dead at ${at(c.endedAt!)}, ${c.endedAt! - last} ms after its last heartbeat`
      );
  }

  // 6. Never two holders acting: a job deploys or repairs only while no later fence was granted.
  for (const job of result.jobs)
    for (const a of job.acts) {
      if (a.fence === 0) {
        out.push(
          `job${job.index} acted as the holder (${a.what}) at ${at(a.at)} without holding the lock`
        );
        continue;
      }
      const later = g.find((x) => x.fence > a.fence && x.at <= a.at);
      if (later)
        out.push(
          `job${job.index} acted as the holder (${a.what}, fence ${a.fence}) at ${at(a.at)}, after job${later.job} was granted fence ${later.fence} at ${at(later.at)}`
        );
    }

  // 7. A waiter falls back to CloudFormation only once no registry holder's lease is live (the
  //    table was unreachable for everyone for longer than a lease), unless it alone was cut off
  //    (still: its last call before the deploy step did not reach the table).
  for (const job of result.jobs) {
    if (job.registryKind !== 'cloudformation-only' || job.deployStartedAt === undefined) continue;
    if (cutOff(result, job)) continue;
    const live = liveHolderAt(result, g, job.deployStartedAt);
    if (live)
      out.push(
        `job${job.index} deployed on CloudFormation alone at ${at(job.deployStartedAt)} while job${live.job}'s lease (fence ${live.fence}) was live`
      );
  }

  // 9. An unreadable item is an answer: never an outage, never a free lock, never a false alarm.
  //    (No other rule is loosened for it: the holder only writes the lock, so its heartbeats,
  //    release and deployment go on as ever, and every waiter that meets it simply ends.)
  for (const job of result.jobs) {
    const mine = result.calls.filter((c) => c.job === job.index);
    const met = mine.filter(unreadable);
    const first = met[0];
    // ...no acquire is sent once the table answered this job with the unreadable item,
    if (first)
      for (const c of mine.filter((x) => x.op === 'acquire' && x.startSeq > first.endSeq!))
        out.push(
          `job${job.index} sent an acquire at ${at(c.startedAt)} after the table answered its ${first.op} with an unreadable item at ${at(first.endedAt!)}`
        );
    // ...no job that met it, or whose only registry trouble was it, ends on CloudFormation alone
    //    (but one that acquired there, cut off, and met it at its last look before the deploy
    //    step: it coordinated on CloudFormation alone, and ends blocked on the table's answer),
    //    (CloudFormation's own lock is taken without a call: such a job is one that ends blocked on
    //    REGISTRY_CORRUPT without deploying, while its wait, had it met the item, ends on the table)
    const lastLook =
      job.result === 'blocked' && saidCorrupt(job) && job.deployStartedAt === undefined;
    if (job.registryKind === 'cloudformation-only' && !lastLook) {
      if (first)
        out.push(
          `job${job.index} ended on CloudFormation alone though the table answered its ${first.op} at ${at(first.endedAt!)} (an unreadable item, no outage)`
        );
      else if (!mine.some((c) => c.error !== undefined))
        out.push(
          `job${job.index} ended on CloudFormation alone though none of its registry calls failed`
        );
    }
    // ...a job whose wait met it ends blocked with REGISTRY_CORRUPT (when coordinate ended at
    //    all). The wait is coordinate's calls before the job's own acquire took: a holder that
    //    meets it later (reading the lock to say how its lease was lost, which it says it could
    //    not read) ends as its loss says.
    const inWait = met.find(
      (c) =>
        c.stage.endsWith('/coordinate') &&
        !mine.some((a) => a.op === 'acquire' && landed(a) && a.result && a.endSeq! < c.startSeq)
    );
    if (inWait && job.result !== undefined && (job.result !== 'blocked' || !saidCorrupt(job)))
      out.push(
        `job${job.index} met an unreadable item in its wait (${inWait.op} at ${at(inWait.endedAt!)}) yet ended ${job.result}${saidCorrupt(job) ? '' : ' without REGISTRY_CORRUPT'}`
      );
    // ...and nobody reports REGISTRY_CORRUPT without having met it.
    if (saidCorrupt(job) && !first)
      out.push(
        `job${job.index} reported REGISTRY_CORRUPT though no registry call of its was answered with an unreadable item`
      );
  }

  // A job says it lost the lock only when a later fence was granted to another, or an operator unlocked it.
  for (const job of result.jobs) {
    if (!job.annotations.some((x) => x.startsWith('error Lock lost'))) continue;
    const mine = g.filter((x) => x.job === job.index);
    if (!mine.some((m) => g.some((x) => x.fence > m.fence && x.job !== job.index)))
      out.push(`job${job.index} reported 'Lock lost' though nobody else was granted its lock`);
  }

  // 5. Jobs that lived released what they held; nothing of theirs is left running.
  for (const job of result.jobs) {
    if (job.error !== undefined)
      out.push(
        `job${job.index} failed: ${job.error instanceof Error ? job.error.message : JSON.stringify(job.error)}`
      );
    if (job.killedAt !== undefined || job.postEndedAt === undefined) continue;
    const mine = g.filter((x) => x.job === job.index);
    for (const grant of mine) {
      const released = result.calls.some(
        (c) => c.op === 'release' && c.result === true && keyOf(c)?.fence === grant.fence
      );
      const takenOver = g.some((x) => x.fence === grant.fence + 1 && x.at <= job.postEndedAt!);
      const registryDown = result.calls.some(
        (c) => c.job === job.index && c.op === 'release' && c.error !== undefined
      );
      if (!released && !takenOver && !registryDown)
        out.push(`job${job.index} ended its post step still holding fence ${grant.fence}`);
    }
  }
  const live = new Set(
    result.jobs.filter((j) => j.killedAt === undefined).map((j) => `job${j.index}/`)
  );
  for (const p of result.leftovers)
    if (
      p.proc &&
      !p.proc.endsWith('/runner') &&
      [...live].some((prefix) => p.proc!.startsWith(prefix))
    )
      out.push(
        `${p.proc} still had a sleep pending after its job ended (something outlived its job)`
      );
  if (result.stuck) out.push('the schedule did not end: something waited without a bound');
  return out;
}

/** What happened, a line per job, for a failure message. */
export function narrate(result: ScheduleResult): string {
  const t0 = T0;
  const rel = (t: number | undefined): string =>
    t === undefined ? '-' : `${((t - t0) / 1000).toFixed(2)}s`;
  const s = result.schedule;
  const lines = result.jobs.map((j) => {
    const p = j.plan;
    const met = result.calls.find((c) => c.job === j.index && unreadable(c));
    return `  job${j.index} ${p.fate}${p.priority === 'high' ? ' high' : ''}${p.overrideFreeze ? ' override-freeze' : ''} arrive ${rel(j.arrivedAt)} result ${j.result ?? '-'} (${j.registryKind ?? '-'})${met ? ` unreadable ${met.op} ${rel(met.endedAt)}` : ''} deploy ${rel(j.deployStartedAt)} post ${rel(j.postStartedAt)}-${rel(j.postEndedAt)} killed ${rel(j.killedAt)}; faults ${JSON.stringify(p.faults)}; ask ${p.warnings} after ${p.answerAfterMs}\n${j.annotations.map((a) => `      ${a}`).join('\n')}`;
  });
  return [
    `seed ${s.seed}: lease ${s.leaseMs} ms, poll ${s.pollMs} ms, faults ${JSON.stringify(s.faults)}, slack ${JSON.stringify(s.slack)}, repair ${JSON.stringify(s.repair)}${s.freezes ? `, freezes ${JSON.stringify(s.freezes)}` : ''}${s.corrupt ? `, corrupt LOCK ${JSON.stringify(s.corrupt)}: ${result.corruption ? `put ${rel(result.corruption.at)} (${result.corruption.held ? 'held' : 'free'}), removed ${rel(result.corruption.removedAt)}` : 'never put (the jobs ended first)'}` : ''}`,
    ...lines,
    `  grants: ${grants(result)
      .map((x) => `#${x.fence} job${x.job} @${rel(x.at)}`)
      .join(', ')}`,
    ...grants(result).map(
      (x) =>
        `  fence ${x.fence} writes: ${result.calls
          .filter(
            (c) =>
              (c.op === 'heartbeatLock' || c.op === 'release') &&
              (c.args[1] as LockKey | undefined)?.fence === x.fence
          )
          .map(
            (c) =>
              `${c.op === 'release' ? 'release' : 'beat'} ${c.stage} ${rel(c.startedAt)}->${c.endedAt === undefined ? 'never' : rel(c.endedAt)} ${c.error !== undefined ? 'error' : String(c.result)}`
          )
          .join(', ')}`
    )
  ].join('\n');
}
