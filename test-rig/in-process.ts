/**
 * A small harness for running the real `coordinate()` and `finalize()` (and, between them, the
 * real monitor loop `runMonitor`) in process, through their injected dependencies, one job or a
 * few at a time, on virtual time (virtual-time.ts): a wait of minutes takes as long as its
 * registry calls do. What schedules.ts does for the property suite, for tests that look at one
 * story at a time:
 *
 * - the registry is the real one (`dynamoRegistry`) against dynalite (dynamo-rig.ts), one client
 *   per job, every call recorded with its answer and the order it landed in; a job's network can be
 *   cut off or slowed per stage (`job.net`);
 * - CloudFormation is `ScriptedCloudFormation`, every call recorded;
 * - Slack, when a job asks for it, is the real `@slack/web-api` client through the project's
 *   `SlackNotifier` against the Slack stand-in (slack-standin.ts), its calls tracked by virtual time;
 * - each stage gets a `RecordingIO` (outputs, exit code, summary) over the job's one state map, so
 *   finalize reads what coordinate saved, as the runner's post step does;
 * - each stage logs through `createLogger` into a `RecordingSink` (level, title, message, stage);
 * - `startMonitor` runs `runMonitor` in process (settings written as the launcher writes them),
 *   `monitorHolds` reads its observations, and finalize stops it through a `MonitorHandle`.
 *
 * Everything that happens gets a number from one counter (`World.tick`), so a test can say what
 * came before what without looking at any clock.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseConfig, type Config } from '../src/config/config.js';
import { INPUT_DEFAULTS, type InputName } from '../src/config/inputs.js';
import { State } from '../src/config/state.js';
import { monitorDir, monitorFiles, monitorSettings, writeSettings } from '../src/monitor/files.js';
import { monitorHolds, type LaunchedMonitor } from '../src/monitor/launch.js';
import { runMonitor } from '../src/monitor/run.js';
import { SlackNotifier, type ThreadRef } from '../src/notify/slack.js';
import { createSlackClient } from '../src/notify/slack-client.js';
import type { DeploymentRecord, HistoryEntry, QueueView, Registry } from '../src/ports/registry.js';
import { RegistryUnavailableError } from '../src/ports/registry-errors.js';
import type { RunContext } from '../src/ports/run.js';
import type { ActionIO, AnnotationProps, Logger } from '../src/ports/runtime.js';
import { CloudFormationOnlyLock, cloudFormationOnly } from '../src/registry/cloudformation-only.js';
import { intercept } from './intercept.js';
import { dynamoRegistry } from '../src/registry/dynamodb.js';
import { HistoryFile, historyFile, readHistoryFile } from '../src/registry/history-file.js';
import { createLogger, type LogSink } from '../src/report/logger.js';
import {
  coordinate,
  publish,
  type CoordinateDeps,
  type CoordinateReport,
  type MonitorStart
} from '../src/stages/coordinate.js';
import { finalize, type FinalizeDeps, type MonitorHandle } from '../src/stages/finalize.js';
import { asTestCaller } from './aws-calls.js';
import { RIG_REGION, type DynamoRig } from './dynamo-rig.js';
import { ScriptedCloudFormation } from './scripted-cloudformation.js';
import { SlackStandin } from './slack-standin.js';
import { VirtualTime, type VirtualProcess } from './virtual-time.js';

export { scratchRunnerTemp } from './schedules.js';

/** The stack every job deploys. */
export const STACK = 'AppStack';
/** Virtual time starts here. */
export const T0 = Date.UTC(2026, 0, 14, 12);
/** Channels the jobs that use Slack post to. */
export const STATUS_CHANNEL = '#deploys';
export const INTERACT_CHANNEL = '#deploy-interact';

export type Stage = 'coordinate' | 'monitor' | 'deploy' | 'finalize';
type Level = 'info' | 'debug' | 'warning' | 'error';

// ---------------------------------------------------------------------------------------------
// The runner's side: outputs, state, summary, exit code

/** A stage's ActionIO: its outputs, exit code and summary, over the job's state (shared by its stages). */
export class RecordingIO implements ActionIO {
  readonly outputs = new Map<string, string>();
  readonly summaries: string[] = [];
  exitCode: number | undefined;

  constructor(readonly state: Map<string, string>) {}

  setOutput(name: string, value: string): void {
    this.outputs.set(name, value);
  }
  saveState(name: string, value: string): void {
    this.state.set(name, value);
  }
  getState(name: string): string {
    return this.state.get(name) ?? '';
  }
  setExitCode(code: number): void {
    this.exitCode = code;
  }
  async appendSummary(markdown: string): Promise<void> {
    this.summaries.push(markdown);
  }

  /** An output that must have been set. */
  output(name: string): string {
    const v = this.outputs.get(name);
    if (v === undefined) throw new Error(`output ${name} was not set`);
    return v;
  }

  get summary(): string {
    return this.summaries.join('');
  }
}

// ---------------------------------------------------------------------------------------------
// The log

export interface LogLine {
  /** World order. */
  readonly seq: number;
  readonly at: number;
  readonly stage: string;
  readonly level: Level;
  /** The message without the correlation-ID tag on each line. */
  readonly message: string;
  readonly title?: string;
  /** Every line of the message carried the job's correlation ID. */
  readonly tagged: boolean;
}

/** Where a job's loggers write: every line, with its level, annotation title and stage. */
export class RecordingSink {
  readonly lines: LogLine[] = [];

  constructor(
    private readonly world: World,
    private readonly correlationId: string
  ) {}

  /** The sink of one stage's logger. */
  for(stage: string): LogSink {
    const tag = `[${this.correlationId}] `;
    const push = (level: Level, message: string, props?: AnnotationProps): void => {
      const parts = message.split('\n');
      this.lines.push({
        seq: this.world.tick(),
        at: this.world.vt.now(),
        stage,
        level,
        message: parts.map((l) => (l.startsWith(tag) ? l.slice(tag.length) : l)).join('\n'),
        title: props?.title,
        tagged: parts.every((l) => l.startsWith(tag))
      });
    };
    return {
      info: (m) => push('info', m),
      debug: (m) => push('debug', m),
      warning: (m, p) => push('warning', m, p),
      error: (m, p) => push('error', m, p)
    };
  }

  /** Warning and error annotations: level, title, message. */
  annotations(stage?: string): { level: Level; title?: string; message: string }[] {
    return this.lines
      .filter(
        (l) => (l.level === 'warning' || l.level === 'error') && (!stage || l.stage === stage)
      )
      .map((l) => ({ level: l.level, title: l.title, message: l.message }));
  }

  /** The first line containing `text` (of a stage, if given). */
  find(text: string, stage?: string): LogLine | undefined {
    return this.lines.find((l) => l.message.includes(text) && (!stage || l.stage === stage));
  }

  /** The first line containing `text`, which must be there. */
  line(text: string, stage?: string): LogLine {
    const l = this.find(text, stage);
    if (!l)
      throw new Error(
        `no log line contains ${JSON.stringify(text)}${stage ? ` in ${stage}` : ''}:\n${this.lines.map((x) => `  ${x.stage} ${x.level} ${x.message.split('\n')[0]}`).join('\n')}`
      );
    return l;
  }
}

// ---------------------------------------------------------------------------------------------
// Recorded calls

export interface RegistryCall {
  readonly job: string;
  readonly stage: Stage;
  /** `lock.acquire`, `records.addTransition`, `history.add`... */
  readonly op: string;
  readonly args: readonly unknown[];
  readonly seq: number;
  readonly startedAt: number;
  /** World order of the answer: a write landed then. */
  endSeq?: number;
  endedAt?: number;
  result?: unknown;
  error?: unknown;
}

export interface CloudFormationCall {
  readonly job: string;
  readonly stage: Stage | 'test';
  readonly op: string;
  readonly args: readonly unknown[];
  readonly seq: number;
  readonly at: number;
}

export interface MonitorObservation {
  readonly seq: number;
  readonly o: Record<string, unknown>;
}

/** A stage's network to the table: cut off (every call fails as unreachable), or slow. */
export interface Network {
  down: boolean;
  /** Virtual milliseconds each call waits before it reaches the table. */
  latencyMs: number;
  /** Calls (by `lock.release`-style name) that fail as unreachable, the network being otherwise fine. */
  fails?: (op: string) => boolean;
  /**
   * Calls the table answers otherwise than the item says (a condition that never holds, a request
   * refused as invalid): the answer, or the error, instead of the real call.
   */
  answers?: (op: string) => { readonly value: unknown } | { readonly error: unknown } | undefined;
}

const NEVER: Promise<never> = new Promise<never>(() => {});
const REPAIRS = new Set(['rollbackStack', 'continueUpdateRollback', 'deleteStack']);

// ---------------------------------------------------------------------------------------------
// The world: time, the table, CloudFormation, Slack, and the jobs in it

export interface WorldOptions {
  readonly dynamo?: DynamoRig;
  readonly slack?: SlackStandin;
  /** The stack's status before the first job (default UPDATE_COMPLETE). */
  readonly stackStatus?: string;
}

let worlds = 0;
let jobs = 0;

export class World {
  readonly vt = new VirtualTime(T0);
  readonly cfn = new ScriptedCloudFormation(this.vt.now);
  readonly environment = `env-${++worlds}`;
  readonly registryCalls: RegistryCall[] = [];
  readonly cloudFormationCalls: CloudFormationCall[] = [];
  readonly jobs: Job[] = [];
  private seq = 0;
  private readonly clients: DynamoDBClient[] = [];
  private testRegistry?: Registry;

  constructor(readonly opts: WorldOptions = {}) {
    this.cfn.put(STACK, opts.stackStatus ?? 'UPDATE_COMPLETE');
  }

  /** The next number in the world's order of things. */
  tick(): number {
    return ++this.seq;
  }

  /** A job (a workflow run) with these inputs on top of the defaults. */
  job(name: string, inputs: Partial<Record<InputName, string>> = {}, opts: JobOptions = {}): Job {
    const job = new Job(this, name, inputs, opts);
    this.jobs.push(job);
    return job;
  }

  /** A DynamoDB client for a job (one attempt per call: the stages' own loops retry). */
  client(): DynamoDBClient {
    const c = this.dynamo.client({ maxAttempts: 1 });
    this.clients.push(c);
    return c;
  }

  get dynamo(): DynamoRig {
    if (!this.opts.dynamo) throw new Error('this world has no table');
    return this.opts.dynamo;
  }

  get slack(): SlackStandin {
    if (!this.opts.slack) throw new Error('this world has no Slack');
    return this.opts.slack;
  }

  /** The table as the test reads it (not the product's calls, not on virtual time). */
  get registry(): Registry {
    this.testRegistry ??= dynamoRegistry(
      asTestCaller(this.client()),
      this.dynamo.table,
      this.vt.now
    );
    return this.testRegistry;
  }

  async record(correlationId: string): Promise<DeploymentRecord | undefined> {
    return this.registry.records.getRecord(correlationId);
  }

  /** The states of a deployment's record, in order. */
  async transitions(correlationId: string): Promise<string[]> {
    return ((await this.record(correlationId))?.transitions ?? []).map((t) => t.state);
  }

  async queue(): Promise<QueueView> {
    return this.registry.lock.view(this.environment);
  }

  async history(): Promise<HistoryEntry[]> {
    return [...(await this.registry.history.recent(this.environment, 50)).items];
  }

  /** The history file of CloudFormation-only coordination. */
  historyFile(): HistoryEntry[] {
    return [...readHistoryFile(historyFile(this.environment)).items];
  }

  /** Registry calls (of a job, an operation, a stage), in the order they were made. */
  calls(filter: { job?: Job; op?: string; stage?: Stage } = {}): RegistryCall[] {
    return this.registryCalls.filter(
      (c) =>
        (!filter.job || c.job === filter.job.name) &&
        (!filter.op || c.op === filter.op) &&
        (!filter.stage || c.stage === filter.stage)
    );
  }

  /** The stack-changing CloudFormation calls (updates and repairs), in order. */
  stackChanges(): CloudFormationCall[] {
    return this.cloudFormationCalls.filter((c) => c.op === 'update' || REPAIRS.has(c.op));
  }

  /**
   * Runs virtual time until `p` settles: each step lets every tracked call land and wakes the
   * earliest sleep. Fails when nothing is left to wake and `p` is still pending, or past `limitMs`
   * of virtual time.
   */
  async until<T>(p: Promise<T>, limitMs = 6 * 3_600_000): Promise<T> {
    let settled = false;
    p.then(
      () => (settled = true),
      () => (settled = true)
    );
    await this.stepUntil(() => settled, limitMs);
    return p;
  }

  /** Runs virtual time until `done()` holds (checked after everything in flight landed). */
  async stepUntil(done: () => boolean, limitMs = 6 * 3_600_000): Promise<void> {
    const until = this.vt.now() + limitMs;
    // Checked after every settle, so time stops at the instant `done()` came true.
    await this.vt.settle();
    while (!done()) {
      if (this.vt.now() > until)
        throw new Error(`still waiting after ${limitMs} ms of virtual time`);
      if (!(await this.vt.step()))
        throw new Error('virtual time: nothing left to wake, and still waiting');
      await this.vt.settle();
    }
  }

  /** Lets `ms` of virtual time pass (everything else runs meanwhile). */
  async advance(ms: number): Promise<void> {
    await this.until(this.vt.sleep(ms));
  }

  /** CloudFormation as a stage sees it: every call recorded. */
  cloudFormationFor(job: string, stage: Stage | 'test'): ScriptedCloudFormation {
    return new Proxy(this.cfn, {
      get: (target, prop, receiver) => {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function' || prop === 'consoleUrl') return value;
        const method = value as (...args: unknown[]) => unknown;
        return (...args: unknown[]): unknown => {
          this.cloudFormationCalls.push({
            job,
            stage,
            op: String(prop),
            args,
            seq: this.tick(),
            at: this.vt.now()
          });
          return method.apply(target, args);
        };
      }
    });
  }

  /** Ends every monitor still running and lets go of the clients. */
  async close(): Promise<void> {
    const running = this.jobs.flatMap((j) => (j.monitor && !j.monitor.ended ? [j.monitor] : []));
    for (const m of running) m.stopper.abort();
    for (const j of this.jobs) for (const n of Object.values(j.net)) n.down = true;
    await this.until(Promise.all(running.map((m) => m.done)), 3_600_000).catch(() => undefined);
    for (const c of this.clients) c.destroy();
  }
}

/**
 * The Slack stand-in on the virtual time of the world `current()` returns (else the wall clock), so
 * that when a message was posted (`versions[0].at`) compares with the stack events' times.
 */
export function slackOnVirtualTime(current: () => World | undefined): Promise<SlackStandin> {
  return SlackStandin.start({ now: () => current()?.vt.now() ?? Date.now() });
}

// ---------------------------------------------------------------------------------------------
// A job: one workflow run's coordinate, deploy step, and finalize

export interface JobOptions {
  /** Post to Slack (the world's stand-in); the inputs get slack-token, slack-channel, slack-interact-channel. */
  readonly slack?: boolean;
  readonly run?: RunContext;
}

export interface InProcessMonitor {
  readonly start: MonitorStart;
  readonly stopper: AbortController;
  readonly done: Promise<unknown>;
  ended: boolean;
  readonly seen: MonitorObservation[];
}

export interface DeployPlan {
  readonly durationMs?: number;
  readonly fails?: boolean;
  readonly disableRollback?: boolean;
  /** Virtual time the step takes after the stack operation ended. */
  readonly tailMs?: number;
  /** The step passes the `cfn-tags` output (default true). */
  readonly tagged?: boolean;
  /** The ClientRequestToken of its UpdateStack (default none, as `aws cloudformation deploy`). */
  readonly token?: string;
}

export class Job {
  readonly correlationId: string;
  readonly owner: string;
  readonly config: Config;
  readonly state = new Map<string, string>();
  readonly sink: RecordingSink;
  readonly run: RunContext;
  readonly dir: string;
  readonly net: Record<Stage, Network> = {
    coordinate: { down: false, latencyMs: 0 },
    monitor: { down: false, latencyMs: 0 },
    deploy: { down: false, latencyMs: 0 },
    finalize: { down: false, latencyMs: 0 }
  };
  readonly procs: Record<Stage, VirtualProcess>;
  /** What startMonitor was called with, in order. */
  readonly monitorStarts: MonitorStart[] = [];
  monitor?: InProcessMonitor;
  coordinateIO?: RecordingIO;
  readonly finalizeIOs: RecordingIO[] = [];
  private readonly client?: DynamoDBClient;

  constructor(
    readonly world: World,
    readonly name: string,
    inputs: Partial<Record<InputName, string>>,
    opts: JobOptions
  ) {
    // Unique in the table across the worlds of a test file.
    this.correlationId = `20260114-120000-${(0xc0de0000 + ++jobs).toString(16)}`;
    this.owner = `owner-${name}-${jobs}`;
    this.sink = new RecordingSink(world, this.correlationId);
    this.run = opts.run ?? {
      runId: String(7000 + jobs),
      runAttempt: '1',
      runUrl: `https://github.com/owner/repo/actions/runs/${7000 + jobs}`,
      repository: 'owner/repo',
      actor: 'octocat',
      ref: 'refs/heads/main',
      sha: 'abc1234'
    };
    const table = world.opts.dynamo?.table ?? '';
    const all: Partial<Record<InputName, string>> = {
      'stack-name': STACK,
      environment: world.environment,
      'registry-table': table,
      'lease-minutes': '1',
      'poll-interval-seconds': '5',
      'wait-timeout-minutes': '30',
      'monitor-interval-seconds': '10',
      ...(opts.slack
        ? {
            'slack-token': 'xoxb-1-standin',
            'slack-channel': STATUS_CHANNEL,
            'slack-interact-channel': INTERACT_CHANNEL,
            'slack-api-url': world.slack.url,
            'ask-timeout-minutes': '10'
          }
        : {}),
      ...inputs
    };
    this.config = parseConfig((n) => all[n] ?? INPUT_DEFAULTS[n], { AWS_REGION: RIG_REGION });
    this.procs = {
      coordinate: { name: `${name}/coordinate`, killed: false },
      monitor: { name: `${name}/monitor`, killed: false },
      deploy: { name: `${name}/deploy`, killed: false },
      finalize: { name: `${name}/finalize`, killed: false }
    };
    this.dir = monitorDir(this.correlationId);
    if (this.config.registryTable) this.client = world.client();
  }

  log(stage: Stage): Logger {
    return createLogger(this.correlationId, this.sink.for(stage));
  }

  sleep(stage: Stage): (ms: number, signal?: AbortSignal) => Promise<void> {
    return this.world.vt.sleeper(this.procs[stage]);
  }

  /** The registry as one stage of this job sees it: every call recorded and tracked by virtual time. */
  registry(stage: Stage): Registry {
    if (!this.client) return this.cloudFormationOnly();
    const { world } = this;
    const inner = dynamoRegistry(this.client, this.config.registryTable!, world.vt.now);
    const net = this.net[stage];
    const proc = this.procs[stage];
    const name = this.name;
    const wrap = <T extends object>(part: string, port: T): T =>
      intercept(port, (method, args, real) => {
        if (proc.killed) return NEVER;
        const op = `${part}.${method}`;
        const call: RegistryCall = {
          job: name,
          stage,
          op,
          args,
          seq: world.tick(),
          startedAt: world.vt.now()
        };
        world.registryCalls.push(call);
        const send = async (): Promise<unknown> => {
          if (net.latencyMs > 0) await world.vt.park(net.latencyMs, proc);
          if (net.down || net.fails?.(op))
            throw new RegistryUnavailableError(
              op,
              Object.assign(new Error(`connect ECONNREFUSED ${world.dynamo.url.slice(7)}`), {
                code: 'ECONNREFUSED'
              })
            );
          const answer = net.answers?.(op);
          if (answer && 'error' in answer) throw answer.error;
          if (answer) return answer.value;
          return real();
        };
        return world.vt.track(send()).then(
          (r) => {
            call.endSeq = world.tick();
            call.endedAt = world.vt.now();
            call.result = r;
            return r;
          },
          (e: unknown) => {
            call.endSeq = world.tick();
            call.endedAt = world.vt.now();
            call.error = e;
            throw e;
          }
        );
      });
    return {
      lock: wrap('lock', inner.lock),
      records: wrap('records', inner.records),
      history: wrap('history', inner.history),
      freezes: wrap('freezes', inner.freezes)
    };
  }

  /**
   * CloudFormation alone, with the history file, as openRegistry builds it without a table:
   * `cloudFormationOnly()`'s parts, its lock on virtual time (the factory takes no clock, and a
   * lock on the wall clock would date the acquisition after every scripted stack event).
   */
  cloudFormationOnly(): Registry {
    const registry = cloudFormationOnly(new HistoryFile(historyFile(this.config.environment)));
    return { ...registry, lock: new CloudFormationOnlyLock(this.world.vt.now) };
  }

  /** Slack for one stage: the project's notifier over the real client, tracked by virtual time. */
  notifier(stage: Stage, spoolFile?: string): SlackNotifier | undefined {
    const slack = this.config.slack;
    if (!slack) return undefined;
    const { vt } = this.world;
    class TrackedNotifier extends SlackNotifier {
      override post(...args: Parameters<SlackNotifier['post']>): ReturnType<SlackNotifier['post']> {
        return vt.track(super.post(...args));
      }
      override update(
        ...args: Parameters<SlackNotifier['update']>
      ): ReturnType<SlackNotifier['update']> {
        return vt.track(super.update(...args));
      }
      override answers(ref: ThreadRef): ReturnType<SlackNotifier['answers']> {
        return vt.track(super.answers(ref));
      }
      override flush(files: readonly string[]): ReturnType<SlackNotifier['flush']> {
        return vt.track(super.flush(files));
      }
      override permalink(ref: ThreadRef): ReturnType<SlackNotifier['permalink']> {
        return vt.track(super.permalink(ref));
      }
    }
    return new TrackedNotifier(
      createSlackClient(slack),
      createSlackClient(slack, { retries: 0 }),
      this.log(stage),
      spoolFile
    );
  }

  /** The monitor in process, as launchMonitor starts the detached one (its settings file written). */
  private startMonitor(m: MonitorStart): LaunchedMonitor {
    const { world } = this;
    this.monitorStarts.push(m);
    const settings = monitorSettings(this.config, { correlationId: this.correlationId, ...m });
    writeSettings(this.dir, settings);
    const stopper = new AbortController();
    const seen: MonitorObservation[] = [];
    const done = runMonitor({
      settings,
      registry: m.registryTable ? this.registry('monitor') : undefined,
      reader: world.cloudFormationFor(this.name, 'monitor'),
      notifier: this.notifier('monitor', monitorFiles(this.dir).spool),
      now: world.vt.now,
      sleep: this.sleep('monitor'),
      signal: stopper.signal,
      write: (o) => void seen.push({ seq: world.tick(), o })
    }).catch((err: unknown) => void seen.push({ seq: world.tick(), o: { type: 'crash', err } }));
    const monitor: InProcessMonitor = { start: m, stopper, done, ended: false, seen };
    void done.then(() => (monitor.ended = true));
    this.monitor = monitor;
    return { pid: 4200 + this.world.jobs.indexOf(this), dir: this.dir, log: '' };
  }

  /** What finalize stops: the in-process monitor, if one was started. */
  private monitorHandle(): MonitorHandle {
    return {
      pid: this.monitor ? 4200 + this.world.jobs.indexOf(this) : undefined,
      stop: async () => {
        const m = this.monitor;
        if (!m || m.ended) return 'not-running';
        m.stopper.abort();
        await m.done;
        return 'stopped';
      },
      observations: () => (this.monitor?.seen ?? []).map((x) => x.o)
    };
  }

  /** coordinate's dependencies, as the step's main() builds them, on virtual time. */
  coordinateDeps(io: RecordingIO, signal?: AbortSignal): CoordinateDeps {
    const { world, config } = this;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const reader = world.cloudFormationFor(this.name, 'coordinate');
    return {
      config,
      log: this.log('coordinate'),
      io,
      owner: this.owner,
      run: this.run,
      reader,
      recovery: reader,
      registry: this.registry('coordinate'),
      fallback: () => this.cloudFormationOnly(),
      clock: { now: world.vt.now },
      sleep: this.sleep('coordinate'),
      signal,
      notifier: this.notifier('coordinate', monitorFiles(this.dir).stageSpool),
      recordThread: (thread) =>
        writeFileSync(monitorFiles(this.dir).thread, thread, { mode: 0o600 }),
      startMonitor: (m) => this.startMonitor(m),
      monitorHolds: (_m, timeoutMs) =>
        monitorHolds(
          () => (this.monitor?.seen ?? []).map((x) => x.o),
          { now: world.vt.now },
          this.sleep('coordinate'),
          timeoutMs
        )
    };
  }

  /** finalize's dependencies, as the post step's main() builds them (the registry coordinate ended with). */
  finalizeDeps(io: RecordingIO): FinalizeDeps {
    const { world, config } = this;
    const reader = world.cloudFormationFor(this.name, 'finalize');
    const fellBack = io.getState(State.Registry) === 'cloudformation-only';
    return {
      config,
      log: this.log('finalize'),
      io,
      reader,
      recovery: reader,
      registry: fellBack ? this.cloudFormationOnly() : this.registry('finalize'),
      clock: { now: world.vt.now },
      sleep: this.sleep('finalize'),
      notifier: this.notifier('finalize'),
      run: this.run,
      monitor: this.monitorHandle()
    };
  }

  /**
   * The main step: what main() saves first, then coordinate() and publish(). Does not move time:
   * give it to `world.until`. `tweak` may replace dependencies.
   */
  coordinate(
    opts: { signal?: AbortSignal; tweak?: (d: CoordinateDeps) => CoordinateDeps } = {}
  ): Promise<{ report: CoordinateReport; io: RecordingIO }> {
    const io = new RecordingIO(this.state);
    this.coordinateIO = io;
    const p = (async () => {
      io.saveState(State.CorrelationId, this.correlationId);
      io.saveState(State.QueuedAt, new Date(this.world.vt.now()).toISOString());
      io.saveState(State.Owner, this.owner);
      const base = this.coordinateDeps(io, opts.signal);
      const deps = opts.tweak ? opts.tweak(base) : base;
      const report = await coordinate(deps);
      publish(deps, report);
      return { report, io };
    })();
    void p.catch(() => undefined);
    return p;
  }

  /**
   * The deploy step: a stack update under this job's correlation ID (refused, as CloudFormation
   * does, while the stack is busy or blocked), waited for, then the step's tail.
   */
  deploy(plan: DeployPlan = {}): Promise<boolean> {
    const durationMs = plan.durationMs ?? 60_000;
    const started = this.world
      .cloudFormationFor(this.name, 'deploy')
      .update(STACK, this.correlationId, {
        durationMs,
        fails: plan.fails ?? false,
        disableRollback: plan.disableRollback ?? false,
        tagged: plan.tagged,
        token: plan.token
      });
    const sleep = this.sleep('deploy');
    return sleep(durationMs + (plan.tailMs ?? 1_000)).then(() => started);
  }

  /** The post step: finalize() with the job's state. Does not move time: give it to `world.until`. */
  finalize(): Promise<RecordingIO> {
    const io = new RecordingIO(this.state);
    this.finalizeIOs.push(io);
    const p = finalize(this.finalizeDeps(io)).then(() => io);
    void p.catch(() => undefined);
    return p;
  }

  /** The monitor's observations of a type. */
  observed(type: string): MonitorObservation[] {
    return (this.monitor?.seen ?? []).filter((x) => x.o['type'] === type);
  }
}
