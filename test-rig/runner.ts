/**
 * Runner harness: runs an action's committed bundles the way the GitHub Actions runner does.
 *
 * A `Job` loads an action.yml, prepares a fresh temp dir (workspace, RUNNER_TEMP, per-step file
 * commands), and runs each stage (`pre`, `main`, `post`) as its own `node <bundle>` process with
 * the environment the runner would give it: `INPUT_*` (declared defaults, `${{ github.token }}`
 * resolved), `STATE_*` from earlier stages of the same action, `GITHUB_*`/`RUNNER_*`, and a
 * `RUNNER_TRACKING_ID` that marks every process of the job. It parses workflow commands (from stdout
 * and stderr, as the runner does), the GITHUB_OUTPUT/STATE/ENV/PATH/STEP_SUMMARY files, evaluates
 * `pre-if`/`post-if`, cancels (SIGINT, SIGTERM after a grace, then SIGKILL of the tree), simulates a
 * crashed runner (`kill()`), and at job end lists and kills the processes left behind.
 *
 * Linux only (uses /proc).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
  promises as fsp
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export type StageName = 'pre' | 'main' | 'post';
export type JobStatus = 'success' | 'failure' | 'cancelled';
export type StepOutcome = 'success' | 'failure' | 'cancelled';

export interface Annotation {
  level: 'error' | 'warning' | 'notice' | 'debug';
  message: string;
  properties: Record<string, string>;
}

export interface StageResult {
  /** 'pre' | 'main' | 'post' for action stages, the step name for `runStep`. */
  stage: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** GITHUB_OUTPUT (plus legacy `::set-output`). */
  outputs: Record<string, string>;
  /** What this step saved via GITHUB_STATE (plus legacy `::save-state`). */
  state: Record<string, string>;
  annotations: Annotation[];
  /** Values registered with `::add-mask::` by this step. */
  masks: string[];
  /** This step's own GITHUB_STEP_SUMMARY content. */
  summary: string;
  durationMs: number;
  argv: string[];
  // -- extras --
  /** How the runner would judge the step. */
  outcome: StepOutcome;
  timedOut: boolean;
  pid: number | undefined;
  /** `::group::` names in order. */
  groups: string[];
  /** What the step exported through GITHUB_ENV (applied to later steps). */
  exportedEnv: Record<string, string>;
  /** What the step added through GITHUB_PATH (applied to later steps). */
  addedPath: string[];
  /** Errors the runner would report itself (invalid file commands, blocked env vars...). */
  runnerErrors: string[];
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

export interface JobOptions {
  /** Directory of the action (the action file is resolved against it). */
  actionDir: string;
  /** Default 'action.yml' (falls back to 'action.yaml' like the runner when not given). */
  actionFile?: string;
  inputs?: Record<string, string>;
  /** Merged over the runner-provided defaults (GITHUB_*, RUNNER_*, CI...). */
  env?: Record<string, string>;
  /** Value of `${{ github.token }}` (default ''). Also masked in `log`. */
  githubToken?: string;
  /** Node binary; default `process.env.DC_TEST_NODE || process.execPath`. */
  node?: string;
  /** Per-stage timeout; default 60 000 ms. */
  stageTimeoutMs?: number;
  /** Delay between SIGINT and SIGTERM on cancel; default 7 500 ms (runner's value). */
  cancelGraceMs?: number;
  /** Delay between SIGTERM and SIGKILL of the process tree on cancel; default 2 500 ms (runner's value). */
  cancelTermGraceMs?: number;
  /** Job name: GITHUB_JOB default and temp dir label. */
  name?: string;
  /** The main step's `if:`; default 'success()' (the runner's implicit condition). */
  mainIf?: string;
  /** Webhook payload written to GITHUB_EVENT_PATH; default {}. */
  event?: unknown;
  /**
   * Run the steps as children of one runner process per job (as Runner.Worker does), rather than of
   * the test process: a step's parent then lives as long as the job, and `killRunner()` ends it.
   */
  runnerProcess?: boolean;
}

export interface StepOptions {
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Label in results/log; default `step-<n>`. */
  name?: string;
  /** Like the workflow's `continue-on-error`: a failure does not fail the job. */
  continueOnError?: boolean;
  cwd?: string;
}

export interface ActionInputDefinition {
  description?: string;
  required?: boolean;
  default?: string;
}

export interface ActionDefinition {
  file: string;
  /** Directory of the action file: bundle paths and GITHUB_ACTION_PATH resolve from here. */
  dir: string;
  name: string;
  inputs: Record<string, ActionInputDefinition>;
  using: string;
  pre?: string;
  main: string;
  post?: string;
  preIf: string;
  postIf: string;
}

export class StageTimeoutError extends Error {
  constructor(
    message: string,
    readonly result: StageResult
  ) {
    super(message);
    this.name = 'StageTimeoutError';
  }
}

// ---------------------------------------------------------------------------------------------
// Pure helpers
// ---------------------------------------------------------------------------------------------

/** The runner's input env name: spaces -> '_', upper-cased ('stack-name' -> 'INPUT_STACK-NAME'). */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * Parses a GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV file like the runner: `name=value` lines and
 * heredocs `name<<DELIM` ... `DELIM`. Empty lines are skipped; malformed content throws.
 */
export function parseCommandFile(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  let index = 0;
  const readLine = (): { line: string; newline: string | null } | null => {
    if (index >= text.length) return null;
    const nl = text.indexOf('\n', index);
    if (nl < 0) {
      const line = text.slice(index);
      index = text.length;
      return { line, newline: null };
    }
    const crlf = nl > index && text[nl - 1] === '\r';
    const line = text.slice(index, crlf ? nl - 1 : nl);
    index = nl + 1;
    return { line, newline: crlf ? '\r\n' : '\n' };
  };
  for (let read = readLine(); read !== null; read = readLine()) {
    const line = read.line;
    if (line === '') continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      const key = line.slice(0, eq);
      if (!key) throw new Error(`Invalid format '${line}'. Name must not be empty`);
      result[key] = line.slice(eq + 1);
    } else if (heredoc >= 0 && (eq < 0 || heredoc < eq)) {
      const key = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (!key) throw new Error(`Invalid format '${line}'. Name must not be empty`);
      if (!delimiter) throw new Error(`Invalid format '${line}'. Delimiter must not be empty`);
      const start = index;
      let end = index;
      let next = readLine();
      while (next === null || next.line !== delimiter) {
        if (next === null)
          throw new Error(`Invalid value. Matching delimiter not found '${delimiter}'`);
        if (next.newline === null) throw new Error('Invalid value. EOF marker missing new line.');
        end = index - next.newline.length;
        next = readLine();
      }
      result[key] = end > start ? text.slice(start, end) : '';
    } else {
      throw new Error(`Invalid format '${line}'`);
    }
  }
  return result;
}

const REGISTERED_COMMANDS = new Set([
  'add-mask',
  'add-matcher',
  'remove-matcher',
  'debug',
  'notice',
  'warning',
  'error',
  'group',
  'endgroup',
  'echo',
  'set-output',
  'save-state',
  'set-env',
  'add-path',
  'stop-commands'
]);

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(s: string): string {
  return s
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
}

export interface ParsedCommands {
  annotations: Annotation[];
  masks: string[];
  groups: string[];
  /** Legacy `::set-output name=x::v`. */
  outputs: Record<string, string>;
  /** Legacy `::save-state name=x::v`. */
  state: Record<string, string>;
  /** Errors the runner would log (e.g. disabled `set-env`/`add-path`). */
  errors: string[];
}

/** Stateful workflow-command processor (one per step; `stop-commands` spans both streams). */
export class WorkflowCommandProcessor {
  readonly parsed: ParsedCommands = {
    annotations: [],
    masks: [],
    groups: [],
    outputs: {},
    state: {},
    errors: []
  };
  private stopToken: string | null = null;

  /** Processes one output line; returns true when it was a (recognized) command. */
  processLine(rawLine: string): boolean {
    const line = rawLine.trimStart();
    if (this.stopToken !== null) {
      if (line.startsWith(`::${this.stopToken}::`)) {
        this.stopToken = null;
        return true;
      }
      return false;
    }
    if (!line.startsWith('::')) return false;
    const end = line.indexOf('::', 2);
    if (end < 0) return false;
    const info = line.slice(2, end);
    const space = info.indexOf(' ');
    const name = (space < 0 ? info : info.slice(0, space)).toLowerCase();
    if (!REGISTERED_COMMANDS.has(name)) return false;
    const properties: Record<string, string> = {};
    if (space > 0) {
      for (const prop of info
        .slice(space + 1)
        .trim()
        .split(',')) {
        if (!prop) continue;
        const eq = prop.indexOf('=');
        if (eq <= 0 || eq === prop.length - 1) continue; // runner drops empty keys/values
        properties[prop.slice(0, eq)] = unescapeProperty(prop.slice(eq + 1));
      }
    }
    const data = unescapeData(line.slice(end + 2));
    const p = this.parsed;
    switch (name) {
      case 'error':
      case 'warning':
      case 'notice':
      case 'debug':
        p.annotations.push({ level: name, message: data, properties });
        break;
      case 'add-mask':
        if (data.trim() !== '') p.masks.push(data);
        break;
      case 'group':
        p.groups.push(data);
        break;
      case 'stop-commands':
        if (data) this.stopToken = data;
        break;
      case 'set-output':
        if (properties.name) p.outputs[properties.name] = data;
        break;
      case 'save-state':
        if (properties.name) p.state[properties.name] = data;
        break;
      case 'set-env':
      case 'add-path':
        p.errors.push(`The \`${name}\` command is disabled.`);
        break;
      default:
        break;
    }
    return true;
  }
}

/** Parses workflow commands (`::error file=a::msg`, `::add-mask::x`, ...) from step output. */
export function parseWorkflowCommands(stdout: string): ParsedCommands {
  const proc = new WorkflowCommandProcessor();
  for (const line of stdout.split(/\r?\n/)) proc.processLine(line);
  return proc.parsed;
}

/** Loads and validates an action.yml (node actions only). */
export function loadActionDefinition(file: string): ActionDefinition {
  const raw: unknown = parseYaml(readFileSync(file, 'utf8'));
  if (!isRecord(raw)) throw new Error(`${file}: not a mapping`);
  const runs = raw.runs;
  if (!isRecord(runs)) throw new Error(`${file}: missing 'runs'`);
  const using = typeof runs.using === 'string' ? runs.using : '';
  if (!/^node\d+$/i.test(using))
    throw new Error(`${file}: runs.using '${using}' is not supported (node actions only)`);
  const str = (v: unknown): string | undefined =>
    v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v);
  const main = str(runs.main);
  if (!main) throw new Error(`${file}: runs.main is required`);
  const inputs: Record<string, ActionInputDefinition> = {};
  if (raw.inputs !== undefined && raw.inputs !== null) {
    if (!isRecord(raw.inputs)) throw new Error(`${file}: 'inputs' must be a mapping`);
    for (const [name, def] of Object.entries(raw.inputs)) {
      const d = isRecord(def) ? def : {};
      const input: ActionInputDefinition = {};
      const description = str(d.description);
      if (description !== undefined) input.description = description;
      if (d.required !== undefined) input.required = d.required === true || d.required === 'true';
      const dflt = str(d.default);
      if (dflt !== undefined) input.default = dflt;
      inputs[name] = input;
    }
  }
  const def: ActionDefinition = {
    file,
    dir: path.dirname(file),
    name: str(raw.name) ?? path.basename(path.dirname(file)),
    inputs,
    using,
    main,
    preIf: str(runs['pre-if']) ?? 'always()',
    postIf: str(runs['post-if']) ?? 'always()'
  };
  const pre = str(runs.pre);
  if (pre) def.pre = pre;
  const post = str(runs.post);
  if (post) def.post = post;
  return def;
}

/**
 * Evaluates `${{ expr }}` templates in an input default. Supports context paths (`github.token`,
 * `github.repository`, `runner.temp`, ... looked up case-insensitively in `context`) and string
 * literals; anything else evaluates to ''.
 */
export function resolveDefaultExpression(value: string, context: Record<string, string>): string {
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(context)) lower[k.toLowerCase()] = v;
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_m, expr: string) => {
    const e = expr.trim();
    const literal = /^'((?:[^']|'')*)'$/.exec(e);
    if (literal) return (literal[1] ?? '').replace(/''/g, "'");
    if (/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/.test(e)) return lower[e.toLowerCase()] ?? '';
    return '';
  });
}

/**
 * Evaluates a step condition (`pre-if`, `post-if`, `if:`) against the job status: `success()`,
 * `failure()`, `cancelled()`, `always()`, `true`, `false`, `!`, `&&`, `||`, parentheses, optionally
 * wrapped in `${{ }}`. Like the runner, a condition without a status function gets an implicit
 * `success() &&`.
 */
export function evaluateStatusCondition(condition: string, status: JobStatus): boolean {
  let expr = condition.trim();
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(expr);
  if (wrapped) expr = (wrapped[1] ?? '').trim();
  if (expr === '') expr = 'success()';
  const tokens = expr.match(/\s*(\(|\)|!|&&|\|\||[A-Za-z_][\w-]*\s*\(\s*\)|[A-Za-z_][\w-]*)\s*/g);
  if (!tokens || tokens.join('').replace(/\s/g, '') !== expr.replace(/\s/g, '')) {
    throw new Error(`Unsupported condition: '${condition}'`);
  }
  const toks = tokens.map((t) => t.replace(/\s/g, ''));
  let pos = 0;
  let usesStatus = false;
  const primary = (): boolean => {
    const t = toks[pos++];
    if (t === undefined) throw new Error(`Unexpected end of condition: '${condition}'`);
    if (t === '!') return !primary();
    if (t === '(') {
      const v = or();
      if (toks[pos++] !== ')') throw new Error(`Missing ')' in condition: '${condition}'`);
      return v;
    }
    switch (t.toLowerCase()) {
      case 'success()':
        usesStatus = true;
        return status === 'success';
      case 'failure()':
        usesStatus = true;
        return status === 'failure';
      case 'cancelled()':
        usesStatus = true;
        return status === 'cancelled';
      case 'always()':
        usesStatus = true;
        return true;
      case 'true':
        return true;
      case 'false':
        return false;
      default:
        throw new Error(`Unsupported token '${t}' in condition: '${condition}'`);
    }
  };
  const and = (): boolean => {
    let v = primary();
    while (toks[pos] === '&&') {
      pos++;
      const r = primary();
      v = v && r;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (toks[pos] === '||') {
      pos++;
      const r = and();
      v = v || r;
    }
    return v;
  };
  const value = or();
  if (pos !== toks.length)
    throw new Error(`Unexpected '${toks[pos]}' in condition: '${condition}'`);
  return usesStatus ? value : status === 'success' && value;
}

// ---------------------------------------------------------------------------------------------
// /proc helpers
// ---------------------------------------------------------------------------------------------

interface ProcStat {
  pid: number;
  ppid: number;
  state: string;
}

function readStat(pid: number): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(rest[1]), state: rest[0] ?? '?' };
  } catch {
    return null;
  }
}

function allPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  } catch {
    return [];
  }
}

/** True when the process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  const st = readStat(pid);
  return st !== null && st.state !== 'Z' && st.state !== 'X';
}

/** Live (non-zombie) processes whose environment carries RUNNER_TRACKING_ID=<trackingId>. */
export async function listTrackedProcesses(trackingId: string): Promise<ProcessInfo[]> {
  const needle = `RUNNER_TRACKING_ID=${trackingId}`;
  const found = await Promise.all(
    allPids().map(async (pid): Promise<ProcessInfo | null> => {
      if (pid === process.pid) return null;
      try {
        const environ = await fsp.readFile(`/proc/${pid}/environ`, 'utf8');
        if (!environ.split('\0').includes(needle)) return null;
        const st = readStat(pid);
        if (!st || st.state === 'Z' || st.state === 'X') return null;
        const cmdline = (await fsp.readFile(`/proc/${pid}/cmdline`, 'utf8'))
          .split('\0')
          .join(' ')
          .trim();
        return { pid, ppid: st.ppid, cmdline };
      } catch {
        return null;
      }
    })
  );
  return found.filter((p): p is ProcessInfo => p !== null).sort((a, b) => a.pid - b.pid);
}

/** The pid and all its (live) descendants, parents first. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const st = readStat(pid);
    if (!st) continue;
    const list = children.get(st.ppid) ?? [];
    list.push(pid);
    children.set(st.ppid, list);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift() as number;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

function signalPid(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const INHERIT_BLOCK = /^(INPUT_|STATE_|GITHUB_|RUNNER_|ACTIONS_)/i;

// ---------------------------------------------------------------------------------------------
// Job
// ---------------------------------------------------------------------------------------------

/** A step's process: spawned here, or by the job's runner process and relayed (`RelayedStep`). */
interface StepProcess {
  readonly pid?: number | undefined;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  on(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): this;
  on(event: 'close', listener: () => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): this;
}

/** A step the job's runner process started: its pid, output and exit, relayed over IPC. */
class RelayedStep extends EventEmitter implements StepProcess {
  pid: number | undefined;
  exited = false;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
}

interface Running {
  label: string;
  child: StepProcess;
  exited: boolean;
  exitWaiters: Array<() => void>;
  cancelRequested: boolean;
  result: Promise<StageResult>;
}

interface LaunchSpec {
  label: string;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  timeoutMs: number;
  continueOnError: boolean;
  actionStage: boolean;
}

let jobCounter = 0;

export class Job {
  readonly id: string;
  readonly trackingId: string;
  readonly tempDir: string;
  /** The job environment every step gets (inherited + runner defaults + test env + GITHUB_ENV exports). */
  readonly env: Record<string, string>;
  /** INPUT_* variables of the action (given inputs over declared defaults). */
  readonly inputEnv: Record<string, string>;
  readonly results: StageResult[] = [];
  /** Intra-action state accumulated over the stages (passed on as STATE_<name>). */
  readonly state: Record<string, string> = {};
  /** Interleaved, timestamped log of every step (masked like the runner's log). */
  readonly log: string[] = [];
  /** GITHUB_PATH additions, in the order they were added. */
  readonly prependPath: string[] = [];
  readonly action: ActionDefinition;
  readonly node: string;
  readonly workspace: string;
  readonly runnerTemp: string;

  private readonly opts: JobOptions;
  private readonly maskSet = new Set<string>();
  private running: Running | null = null;
  private failed = false;
  private cancelRequested = false;
  private killed = false;
  private ended = false;
  private postRegistered = false;
  private stepCounter = 0;
  private fileCounter = 0;
  private leftBehindList: ProcessInfo[] = [];
  /** The job's runner process, when the steps run under one (`runnerProcess`). */
  private worker: ChildProcess | undefined;
  private readonly relayed = new Map<number, RelayedStep>();
  private relayCounter = 0;

  private constructor(
    opts: JobOptions,
    action: ActionDefinition,
    tempDir: string,
    env: Record<string, string>,
    inputEnv: Record<string, string>,
    id: string
  ) {
    this.opts = opts;
    this.action = action;
    this.tempDir = tempDir;
    this.env = env;
    this.inputEnv = inputEnv;
    this.id = id;
    this.trackingId = env.RUNNER_TRACKING_ID ?? '';
    this.node = opts.node ?? (process.env.DC_TEST_NODE || process.execPath);
    this.workspace = path.join(tempDir, 'workspace');
    this.runnerTemp = path.join(tempDir, 'runner-temp');
    if (opts.githubToken) this.maskSet.add(opts.githubToken);
  }

  static async create(opts: JobOptions): Promise<Job> {
    const actionDir = path.resolve(opts.actionDir);
    let actionFile = path.resolve(actionDir, opts.actionFile ?? 'action.yml');
    if (
      opts.actionFile === undefined &&
      !existsSync(actionFile) &&
      existsSync(path.join(actionDir, 'action.yaml'))
    ) {
      actionFile = path.join(actionDir, 'action.yaml');
    }
    const action = loadActionDefinition(actionFile);

    const jobName = opts.name ?? 'deploy';
    const id = `job-${++jobCounter}-${randomBytes(3).toString('hex')}`;
    const slug = jobName.replace(/[^\w.-]+/g, '_').slice(0, 40);
    const tempDir = await fsp.mkdtemp(path.join(os.tmpdir(), `dc-rig-${slug}-`));
    const workspace = path.join(tempDir, 'workspace');
    const runnerTemp = path.join(tempDir, 'runner-temp');
    const eventPath = path.join(runnerTemp, '_github_workflow', 'event.json');
    for (const d of [
      workspace,
      path.join(runnerTemp, '_runner_file_commands'),
      path.dirname(eventPath),
      path.join(tempDir, 'tool-cache')
    ]) {
      mkdirSync(d, { recursive: true });
    }
    writeFileSync(eventPath, JSON.stringify(opts.event ?? {}, null, 2));

    const inherited: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (v === undefined || INHERIT_BLOCK.test(k) || k === 'NODE_OPTIONS') continue;
      inherited[k] = v;
    }
    const testEnv = opts.env ?? {};
    const repository = testEnv.GITHUB_REPOSITORY ?? 'octo-org/octo-repo';
    const ref = testEnv.GITHUB_REF ?? 'refs/heads/main';
    const defaults: Record<string, string> = {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_NAME: 'GitHub Actions 1',
      RUNNER_ENVIRONMENT: 'github-hosted',
      RUNNER_TEMP: runnerTemp,
      RUNNER_TOOL_CACHE: path.join(tempDir, 'tool-cache'),
      RUNNER_TRACKING_ID: `github_${randomUUID()}`,
      GITHUB_RUN_ID: String(randomInt(1_000_000_000, 9_999_999_999)),
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_RUN_NUMBER: '1',
      GITHUB_REPOSITORY: repository,
      GITHUB_REPOSITORY_OWNER: repository.split('/')[0] ?? '',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: 'https://api.github.com',
      GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
      GITHUB_SHA: randomBytes(20).toString('hex'),
      GITHUB_REF: ref,
      GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
      GITHUB_REF_TYPE: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      GITHUB_HEAD_REF: '',
      GITHUB_BASE_REF: '',
      GITHUB_ACTOR: 'octocat',
      GITHUB_TRIGGERING_ACTOR: 'octocat',
      GITHUB_WORKFLOW: 'Deploy',
      GITHUB_JOB: jobName,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_WORKSPACE: workspace,
      GITHUB_ACTION: '__self',
      GITHUB_ACTION_PATH: action.dir,
      GITHUB_RETENTION_DAYS: '90'
    };
    const env: Record<string, string> = { ...inherited, ...defaults, ...testEnv };
    if (env.GITHUB_WORKSPACE) mkdirSync(env.GITHUB_WORKSPACE, { recursive: true });

    // Inputs: given values win (case-insensitively), otherwise the evaluated declared default.
    const context: Record<string, string> = { 'github.token': opts.githubToken ?? '' };
    for (const [k, v] of Object.entries(env)) {
      if (k.startsWith('GITHUB_')) context[`github.${k.slice(7).toLowerCase()}`] ??= v;
      if (k.startsWith('RUNNER_')) context[`runner.${k.slice(7).toLowerCase()}`] ??= v;
    }
    const given = opts.inputs ?? {};
    const givenLower = new Set(Object.keys(given).map((k) => k.toLowerCase()));
    const inputEnv: Record<string, string> = {};
    for (const [name, def] of Object.entries(action.inputs)) {
      if (givenLower.has(name.toLowerCase())) continue;
      inputEnv[inputEnvName(name)] = resolveDefaultExpression(def.default ?? '', context);
    }
    for (const [name, value] of Object.entries(given)) inputEnv[inputEnvName(name)] = value;

    const job = new Job(opts, action, tempDir, env, inputEnv, id);
    job.note(`job ${id} (${jobName}) action ${actionFile} tracking ${job.trackingId}`);
    const declared = new Set(Object.keys(action.inputs).map((k) => k.toLowerCase()));
    const unexpected = Object.keys(given).filter((k) => !declared.has(k.toLowerCase()));
    if (unexpected.length) {
      job.note(
        `##[warning]Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${Object.keys(action.inputs).join("', '")}']`
      );
    }
    return job;
  }

  /** success | failure | cancelled, as the status functions see it. */
  get status(): JobStatus {
    if (this.cancelRequested) return 'cancelled';
    return this.failed ? 'failure' : 'success';
  }

  get leftBehind(): ProcessInfo[] {
    return this.leftBehindList;
  }

  /** All masks registered so far (github token + `::add-mask::`). */
  get masks(): string[] {
    return [...this.maskSet];
  }

  /** True while a stage or step process is running. */
  get busy(): boolean {
    return this.running !== null;
  }

  // -- stages ------------------------------------------------------------------------------------

  async runStage(stage: StageName): Promise<StageResult | null> {
    return this.startStage(stage).result;
  }

  startStage(stage: StageName): { result: Promise<StageResult | null>; pid(): number | undefined } {
    this.assertUsable(stage);
    const skipped = (why: string) => {
      this.note(`${stage} skipped: ${why}`);
      return { result: Promise.resolve(null), pid: () => undefined };
    };
    const a = this.action;
    let script: string | undefined;
    if (stage === 'pre') {
      if (!a.pre) return skipped('not declared');
      if (!evaluateStatusCondition(a.preIf, this.status))
        return skipped(`pre-if '${a.preIf}' is false (job ${this.status})`);
      script = a.pre;
      this.postRegistered = true;
    } else if (stage === 'main') {
      const cond = this.opts.mainIf ?? 'success()';
      if (!evaluateStatusCondition(cond, this.status))
        return skipped(`if '${cond}' is false (job ${this.status})`);
      script = a.main;
      this.postRegistered = true;
    } else {
      if (!a.post) return skipped('not declared');
      if (!this.postRegistered)
        return skipped('neither pre nor main ran, so the runner never registered post');
      if (!evaluateStatusCondition(a.postIf, this.status))
        return skipped(`post-if '${a.postIf}' is false (job ${this.status})`);
      script = a.post;
    }
    const bundle = path.resolve(a.dir, script);
    if (!existsSync(bundle))
      throw new Error(`${stage}: bundle not found: ${bundle} (from ${a.file})`);
    const stateEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.state)) stateEnv[`STATE_${k}`] = v;
    const run = this.launch({
      label: stage,
      argv: [this.node, bundle],
      env: { ...this.env, ...stateEnv, ...this.inputEnv },
      cwd: this.env.GITHUB_WORKSPACE || this.workspace,
      timeoutMs: this.opts.stageTimeoutMs ?? 60_000,
      continueOnError: false,
      actionStage: true
    });
    return { result: run.result, pid: () => run.child.pid };
  }

  /** Runs a test-provided command as a workflow step, with the job's environment. */
  async runStep(argv: string[], opts: StepOptions = {}): Promise<StageResult> {
    this.assertUsable('step');
    if (argv.length === 0) throw new Error('runStep: empty argv');
    const env: Record<string, string> = { ...this.env, GITHUB_ACTION: '__run' };
    delete env.GITHUB_ACTION_PATH;
    Object.assign(env, opts.env ?? {});
    const run = this.launch({
      label: opts.name ?? `step-${++this.stepCounter}`,
      argv,
      env,
      cwd: opts.cwd ?? (this.env.GITHUB_WORKSPACE || this.workspace),
      timeoutMs: opts.timeoutMs ?? this.opts.stageTimeoutMs ?? 60_000,
      continueOnError: opts.continueOnError ?? false,
      actionStage: false
    });
    return run.result;
  }

  /** pre, main, [between], post (per pre-if / main's if / post-if), then the job end. */
  async runAll(opts: { between?: (job: Job) => Promise<void> } = {}): Promise<{
    pre: StageResult | null;
    main: StageResult | null;
    post: StageResult | null;
  }> {
    const pre = await this.runStage('pre');
    const main = this.killed ? null : await this.runStage('main');
    if (opts.between && !this.killed) await opts.between(this);
    const post = this.killed ? null : await this.runStage('post');
    if (!this.killed && !this.ended) await this.end();
    return { pre, main, post };
  }

  // -- cancellation / crash ----------------------------------------------------------------------

  /**
   * Cancels the job like the runner: SIGINT to the running step's process, SIGTERM after
   * `cancelGraceMs` (7.5 s), then SIGKILL to its process tree after `cancelTermGraceMs` (2.5 s).
   * The job status becomes 'cancelled'. Resolves once the step has finished.
   */
  async cancel(): Promise<void> {
    this.cancelRequested = true;
    const run = this.running;
    if (!run) {
      this.note('cancel requested (no step running)');
      return;
    }
    run.cancelRequested = true;
    const pid = run.child.pid;
    if (pid === undefined) return;
    this.note(`cancel: SIGINT -> ${run.label} (pid ${pid})`);
    signalPid(pid, 'SIGINT');
    if (!(await this.waitExit(run, this.opts.cancelGraceMs ?? 7500))) {
      this.note(`cancel: SIGTERM -> ${run.label} (pid ${pid})`);
      signalPid(pid, 'SIGTERM');
      if (!(await this.waitExit(run, this.opts.cancelTermGraceMs ?? 2500))) {
        this.note(`cancel: SIGKILL -> process tree of ${run.label} (pid ${pid})`);
        for (const p of processTree(pid)) signalPid(p, 'SIGKILL');
      }
    }
    await run.result.catch(() => undefined);
  }

  /**
   * Simulates a runner that died: SIGKILL to the running step and every process of the job.
   * No further stage runs (post never runs).
   */
  async kill(): Promise<void> {
    this.killed = true;
    const run = this.running;
    this.note(`kill: runner crash simulated${run ? ` while ${run.label} was running` : ''}`);
    if (run?.child.pid !== undefined) signalPid(run.child.pid, 'SIGKILL');
    await this.killTracked(5000);
    if (run) await run.result.catch(() => undefined);
  }

  // -- processes / job end -----------------------------------------------------------------------

  processes(): Promise<ProcessInfo[]> {
    return listTrackedProcesses(this.trackingId);
  }

  /** The runner's job end: records the processes left behind (`leftBehind`), then SIGKILLs them. */
  async end(): Promise<ProcessInfo[]> {
    const list = await this.processes();
    this.leftBehindList = list;
    this.ended = true;
    for (const p of list)
      this.note(`job end: terminate orphan process pid ${p.pid} (${p.cmdline})`);
    await this.killTracked(5000);
    if (this.running) await this.running.result.catch(() => undefined);
    return list;
  }

  /** Concatenation of every step's GITHUB_STEP_SUMMARY, in order. */
  summary(): string {
    return this.results.map((r) => r.summary).join('');
  }

  /** Waits until a log line matches (e.g. a stage announcing it is ready for a signal). */
  async waitForLog(pattern: RegExp | string, timeoutMs = 10_000): Promise<string> {
    const test = (l: string) =>
      typeof pattern === 'string' ? l.includes(pattern) : pattern.test(l);
    const deadline = Date.now() + timeoutMs;
    let from = 0;
    for (;;) {
      for (; from < this.log.length; from++) {
        const line = this.log[from] as string;
        if (test(line)) return line;
      }
      if (Date.now() > deadline)
        throw new Error(
          `waitForLog: no log line matched ${String(pattern)} within ${timeoutMs} ms`
        );
      await sleep(10);
    }
  }

  /** The pid of the job's runner process (with `runnerProcess`). */
  get runnerPid(): number | undefined {
    return this.worker?.pid;
  }

  /**
   * The job's runner process dies (SIGKILL) and nothing else: the processes the steps left behind
   * go on as orphans, and no further step runs (with `runnerProcess`).
   */
  async killRunner(): Promise<void> {
    const worker = this.worker;
    if (!worker) throw new Error('killRunner: the job has no runner process (runnerProcess)');
    this.killed = true;
    this.note('kill: the runner process died (SIGKILL); orphans are left running');
    if (worker.exitCode !== null || worker.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.kill('SIGKILL');
    await gone;
  }

  /** Kills whatever is still running for this job and deletes the temp dir. */
  async dispose(): Promise<void> {
    if (this.worker && this.worker.exitCode === null && this.worker.signalCode === null)
      this.worker.kill('SIGKILL');
    if (this.running?.child.pid !== undefined) signalPid(this.running.child.pid, 'SIGKILL');
    await this.killTracked(3000);
    if (this.running) await this.running.result.catch(() => undefined);
    await fsp.rm(this.tempDir, { recursive: true, force: true });
  }

  // -- internals ---------------------------------------------------------------------------------

  /** Starts a step's process: here, or as a child of the job's runner process. */
  private spawnStep(
    cmd: string,
    args: string[],
    cwd: string | undefined,
    env: Record<string, string>
  ): StepProcess {
    if (!this.opts.runnerProcess)
      return spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const worker = this.runnerWorker();
    const id = ++this.relayCounter;
    const step = new RelayedStep();
    this.relayed.set(id, step);
    worker.send({ type: 'spawn', id, cmd, args, cwd, env });
    return step;
  }

  private runnerWorker(): ChildProcess {
    if (this.worker) return this.worker;
    // Outside the job's tracking ID: it is the runner, not a process the job left behind.
    const env = { ...process.env };
    delete env.RUNNER_TRACKING_ID;
    const worker = fork(
      fileURLToPath(new URL('./fixtures/runner-worker.mjs', import.meta.url)),
      [],
      {
        env,
        execPath: this.node,
        execArgv: [],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc']
      }
    );
    worker.on('message', (m: { type: string; id: number; [k: string]: unknown }) => {
      const step = this.relayed.get(m.id);
      if (!step) return;
      if (m.type === 'spawned') step.pid = m['pid'] as number;
      else if (m.type === 'out') step.stdout.write(m['data']);
      else if (m.type === 'err') step.stderr.write(m['data']);
      else if (m.type === 'exit') {
        step.exited = true;
        step.emit('exit', m['code'], m['signal']);
      } else if (m.type === 'error') step.emit('error', new Error(String(m['message'])));
      else if (m.type === 'close') {
        this.relayed.delete(m.id);
        step.stdout.end();
        step.stderr.end();
        step.emit('close');
      }
    });
    // The runner died: its steps' output ends there.
    worker.on('exit', () => {
      for (const [id, step] of this.relayed) {
        this.relayed.delete(id);
        step.stdout.end();
        step.stderr.end();
        // A step whose own exit was relayed keeps its exit code; the others died with the runner.
        if (!step.exited) step.emit('exit', null, 'SIGKILL');
        step.emit('close');
      }
    });
    this.worker = worker;
    return worker;
  }

  private assertUsable(what: string): void {
    if (this.killed)
      throw new Error(`${what}: the job was killed (runner crash); nothing else runs`);
    if (this.ended) throw new Error(`${what}: the job has ended`);
    if (this.running)
      throw new Error(
        `${what}: '${this.running.label}' is still running (steps run one at a time)`
      );
  }

  private async killTracked(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const procs = await this.processes();
      if (procs.length === 0) return;
      if (Date.now() > deadline) {
        throw new Error(
          `could not kill processes of job ${this.id}: ${procs.map((p) => `${p.pid} ${p.cmdline}`).join('; ')}`
        );
      }
      for (const p of procs) signalPid(p.pid, 'SIGKILL');
      await sleep(15);
    }
  }

  private waitExit(run: Running, ms: number): Promise<boolean> {
    if (run.exited) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      run.exitWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private mask(line: string): string {
    let out = line;
    for (const m of this.maskSet) if (m) out = out.split(m).join('***');
    return out;
  }

  private note(message: string, label = 'runner'): void {
    this.log.push(`${new Date().toISOString()} [${label}] ${this.mask(message)}`);
  }

  private newFile(prefix: string): string {
    const file = path.join(
      this.runnerTemp,
      '_runner_file_commands',
      `${prefix}_${++this.fileCounter}_${randomUUID()}`
    );
    writeFileSync(file, '');
    return file;
  }

  private launch(spec: LaunchSpec): Running {
    const files = {
      GITHUB_OUTPUT: this.newFile('set_output'),
      GITHUB_STATE: this.newFile('save_state'),
      GITHUB_ENV: this.newFile('set_env'),
      GITHUB_PATH: this.newFile('add_path'),
      GITHUB_STEP_SUMMARY: this.newFile('step_summary')
    };
    const env: Record<string, string> = { ...spec.env, ...files };
    if (this.prependPath.length) {
      env.PATH =
        [...this.prependPath].reverse().join(path.delimiter) +
        (env.PATH ? path.delimiter + env.PATH : '');
    }
    const [cmd, ...args] = spec.argv as [string, ...string[]];
    this.note(`##[group]Run ${spec.label}: ${spec.argv.join(' ')}`);
    const started = Date.now();
    const child = this.spawnStep(cmd, args, spec.cwd, env);

    const proc = new WorkflowCommandProcessor();
    let stdout = '';
    let stderr = '';
    const onLine = (stream: 'out' | 'err') => (line: string) => {
      const before = proc.parsed.masks.length;
      proc.processLine(line);
      for (const m of proc.parsed.masks.slice(before)) this.maskSet.add(m);
      this.note(line, `${spec.label}:${stream}`);
    };
    const outLines = lineSplitter(onLine('out'));
    const errLines = lineSplitter(onLine('err'));
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      outLines.push(chunk);
    });
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      errLines.push(chunk);
    });

    let exitCode: number | null = null;
    let signal: NodeJS.Signals | null = null;
    let timedOut = false;
    let durationMs = 0;

    let resolveResult!: (r: StageResult) => void;
    let rejectResult!: (e: Error) => void;
    const result = new Promise<StageResult>((res, rej) => {
      resolveResult = res;
      rejectResult = rej;
    });
    const run: Running = {
      label: spec.label,
      child,
      exited: false,
      exitWaiters: [],
      cancelRequested: false,
      result
    };
    this.running = run;

    const timer = setTimeout(() => {
      timedOut = true;
      this.note(
        `##[error]${spec.label} timed out after ${spec.timeoutMs} ms; killing its process tree`
      );
      if (child.pid !== undefined) for (const p of processTree(child.pid)) signalPid(p, 'SIGKILL');
    }, spec.timeoutMs);

    let finished = false;
    let drainTimer: NodeJS.Timeout | undefined;
    const finish = (spawnError?: Error) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (drainTimer) clearTimeout(drainTimer);
      outLines.flush();
      errLines.flush();
      this.running = null;
      if (spawnError) {
        this.failed = this.failed || !spec.continueOnError;
        this.note(`##[error]${spec.label}: failed to start ${cmd}: ${spawnError.message}`);
        rejectResult(spawnError);
        return;
      }
      const r = this.collect(spec, files, proc.parsed, {
        stdout,
        stderr,
        exitCode,
        signal,
        timedOut,
        durationMs,
        cancelled: run.cancelRequested,
        pid: child.pid
      });
      if (timedOut) {
        rejectResult(
          new StageTimeoutError(
            `${spec.label} timed out after ${spec.timeoutMs} ms (killed).\n--- stdout (tail) ---\n${stdout.slice(-2000)}\n--- stderr (tail) ---\n${stderr.slice(-2000)}`,
            r
          )
        );
      } else {
        resolveResult(r);
      }
    };

    child.on('error', (err) => {
      if (child.pid === undefined) finish(err);
    });
    child.on('exit', (code, sig) => {
      exitCode = code;
      signal = sig;
      durationMs = Date.now() - started;
      run.exited = true;
      for (const w of run.exitWaiters.splice(0)) w();
      // A grandchild may still hold the pipes: give the streams a moment, then stop reading.
      drainTimer = setTimeout(() => {
        if (finished) return;
        this.note(
          `${spec.label}: output pipes still open 2 s after exit (a child holds them); no longer reading`
        );
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish();
      }, 2000).unref();
    });
    child.on('close', () => {
      if (run.exited) finish();
      else child.once('exit', () => finish());
    });
    return run;
  }

  private collect(
    spec: LaunchSpec,
    files: Record<
      'GITHUB_OUTPUT' | 'GITHUB_STATE' | 'GITHUB_ENV' | 'GITHUB_PATH' | 'GITHUB_STEP_SUMMARY',
      string
    >,
    parsed: ParsedCommands,
    run: {
      stdout: string;
      stderr: string;
      exitCode: number | null;
      signal: NodeJS.Signals | null;
      timedOut: boolean;
      durationMs: number;
      cancelled: boolean;
      pid: number | undefined;
    }
  ): StageResult {
    const read = (f: string): string => {
      try {
        return readFileSync(f, 'utf8');
      } catch {
        return '';
      }
    };
    const errors: string[] = [...parsed.errors];
    const parseFile = (kind: string, f: string): Record<string, string> => {
      try {
        return parseCommandFile(read(f));
      } catch (e) {
        errors.push(
          `Unable to process file command '${kind}' successfully. ${(e as Error).message}`
        );
        return {};
      }
    };
    const outputs = { ...parsed.outputs, ...parseFile('output', files.GITHUB_OUTPUT) };
    const state = { ...parsed.state, ...parseFile('save_state', files.GITHUB_STATE) };
    const exportedEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(parseFile('env', files.GITHUB_ENV))) {
      if (k.toUpperCase() === 'NODE_OPTIONS') {
        errors.push("Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.");
        continue;
      }
      exportedEnv[k] = v;
    }
    const addedPath = read(files.GITHUB_PATH)
      .split(/\r?\n/)
      .filter((l) => l !== '');
    const summary = read(files.GITHUB_STEP_SUMMARY);

    // Apply to the job like the runner: env/path for later steps, state for later stages.
    Object.assign(this.env, exportedEnv);
    this.prependPath.push(...addedPath);
    if (spec.actionStage) Object.assign(this.state, state);

    const annotations = [
      ...parsed.annotations,
      ...errors.map((message): Annotation => ({ level: 'error', message, properties: {} }))
    ];
    let outcome: StepOutcome;
    if (run.cancelled) outcome = 'cancelled';
    else if (run.timedOut || run.exitCode !== 0 || errors.length > 0) outcome = 'failure';
    else outcome = 'success';
    if (outcome === 'failure' && !spec.continueOnError) this.failed = true;

    for (const e of errors) this.note(`##[error]${e}`);
    this.note(
      `##[endgroup]${spec.label} finished: exit ${run.exitCode ?? '-'}${run.signal ? ` signal ${run.signal}` : ''}, ` +
        `${outcome}${run.timedOut ? ' (timed out)' : ''} in ${run.durationMs} ms`
    );

    const result: StageResult = {
      stage: spec.label,
      exitCode: run.exitCode,
      signal: run.signal,
      stdout: run.stdout,
      stderr: run.stderr,
      outputs,
      state,
      annotations,
      masks: [...parsed.masks],
      summary,
      durationMs: run.durationMs,
      argv: [...spec.argv],
      outcome,
      timedOut: run.timedOut,
      pid: run.pid,
      groups: [...parsed.groups],
      exportedEnv,
      addedPath,
      runnerErrors: errors
    };
    this.results.push(result);
    return result;
  }
}

function lineSplitter(onLine: (line: string) => void): {
  push(chunk: string): void;
  flush(): void;
} {
  let buf = '';
  return {
    push(chunk: string) {
      buf += chunk;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      }
    },
    flush() {
      if (buf !== '') {
        const line = buf;
        buf = '';
        onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      }
    }
  };
}
