/**
 * GitHub REST API stand-in on loopback.
 *
 * An HTTP server on 127.0.0.1 (random port) answering the few REST endpoints the action calls, in
 * the shapes api.github.com uses (JSON, `content-type: application/json; charset=utf-8`). Point
 * `@actions/github` at it with `getOctokit(token, { baseUrl: standin.url })` (or `GITHUB_API_URL`).
 *
 * Served:
 *   GET  /repos/{owner}/{repo}/actions/runs/{run_id}                          (latest attempt)
 *   GET  /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt}
 *   GET  /repos/{owner}/{repo}/actions/runs/{run_id}/jobs                     (filter=latest|all)
 *   GET  /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt}/jobs
 *   POST /repos/{owner}/{repo}/deployments                                    (201)
 *   GET  /repos/{owner}/{repo}/deployments                                    (sha, ref, task, environment)
 *   GET  /repos/{owner}/{repo}/deployments/{id}
 *   POST /repos/{owner}/{repo}/deployments/{id}/statuses                      (201)
 *   GET  /repos/{owner}/{repo}/deployments/{id}/statuses
 *
 * Lists are paginated like GitHub (`per_page` default 30, max 100; `page`; a `link` header), newest
 * first for deployments and statuses. Owner and repository names are case-insensitive. Every request
 * needs `authorization: token X` or `Bearer X` (401 "Bad credentials" otherwise, or when
 * `acceptedTokens` is set and X is not in it); the token seen is recorded in `calls`. There is no
 * secondary rate limiting, no ETag/304 and no redirect: error injection is explicit (`failNext`).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer, withBody } from './http-server.js';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export type RunStatus =
  'queued' | 'in_progress' | 'completed' | 'waiting' | 'pending' | 'requested' | 'action_required';

export type Conclusion =
  | 'success'
  | 'failure'
  | 'cancelled'
  | 'skipped'
  | 'neutral'
  | 'timed_out'
  | 'action_required'
  | 'stale'
  | 'startup_failure';

/** The fields of a workflow run the stand-in serves (a subset of GitHub's). */
export interface WorkflowRun {
  id: number;
  name: string;
  display_title: string;
  run_number: number;
  run_attempt: number;
  event: string;
  status: RunStatus;
  conclusion: Conclusion | null;
  workflow_id: number;
  path: string;
  head_branch: string | null;
  head_sha: string;
  html_url: string;
  url: string;
  jobs_url: string;
  previous_attempt_url: string | null;
  created_at: string;
  updated_at: string;
  run_started_at: string;
  actor: { login: string; id: number; type: string };
  triggering_actor: { login: string; id: number; type: string };
  repository: { id: number; name: string; full_name: string; owner: { login: string } };
}

export type Run = WorkflowRun;
export type Job = WorkflowJob;

export interface JobStep {
  name: string;
  status: 'queued' | 'in_progress' | 'completed' | 'pending' | 'waiting';
  conclusion: Conclusion | null;
  number: number;
  started_at: string | null;
  completed_at: string | null;
}

export interface WorkflowJob {
  id: number;
  run_id: number;
  run_attempt: number;
  run_url: string;
  url: string;
  html_url: string;
  node_id: string;
  head_sha: string;
  head_branch: string | null;
  workflow_name: string;
  name: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: Conclusion | null;
  created_at: string;
  started_at: string;
  completed_at: string | null;
  labels: string[];
  runner_id: number | null;
  runner_name: string | null;
  runner_group_id: number | null;
  runner_group_name: string | null;
  steps: JobStep[];
}

/** What `setJobs` takes: a name, anything else defaults (ids are allocated, steps numbered 1..n). */
export type JobSeed = Partial<Omit<WorkflowJob, 'steps'>> & {
  name: string;
  steps?: Array<Partial<JobStep> & { name: string }>;
};

export interface Deployment {
  url: string;
  id: number;
  node_id: string;
  sha: string;
  ref: string;
  task: string;
  payload: unknown;
  original_environment: string;
  environment: string;
  description: string | null;
  creator: { login: string; id: number; type: string };
  created_at: string;
  updated_at: string;
  statuses_url: string;
  repository_url: string;
  transient_environment: boolean;
  production_environment: boolean;
}

export type DeploymentState =
  'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

export interface DeploymentStatus {
  url: string;
  id: number;
  node_id: string;
  state: DeploymentState;
  creator: { login: string; id: number; type: string };
  description: string;
  environment: string;
  target_url: string;
  log_url: string;
  environment_url: string;
  created_at: string;
  updated_at: string;
  deployment_url: string;
  repository_url: string;
}

export interface GitHubCall {
  method: string;
  /** The path without the query string. */
  path: string;
  query: Record<string, string>;
  /** The token of the `authorization` header, when there was one. */
  token?: string;
  /** The parsed JSON body, when there was one. */
  body?: unknown;
  at: number;
  status: number;
}

export interface FailRule {
  method: string;
  pathPattern: RegExp;
  status: number;
  body: unknown;
  headers: Record<string, string>;
  remaining: number;
  /** Never answer (the connection stays open until the client gives up or the stand-in closes). */
  hang?: boolean;
}

export const STANDIN_LOGIN = 'github-actions[bot]';
const BOT = { login: STANDIN_LOGIN, id: 41898282, type: 'Bot' };
const DOCS = 'https://docs.github.com/rest';
const DEPLOYMENT_STATES: readonly DeploymentState[] = [
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success'
];

// ---------------------------------------------------------------------------------------------
// Internal state
// ---------------------------------------------------------------------------------------------

interface RunState {
  owner: string;
  repo: string;
  id: number;
  /** attempt -> run */
  attempts: Map<number, WorkflowRun>;
  /** attempt -> jobs */
  jobs: Map<number, WorkflowJob[]>;
}

interface RepoDeployments {
  /** Oldest first. */
  deployments: Deployment[];
  /** deployment id -> statuses, oldest first. */
  statuses: Map<number, DeploymentStatus[]>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown
  ) {
    super(`HTTP ${status}`);
  }
}

const notFound = (): HttpError =>
  new HttpError(404, { message: 'Not Found', documentation_url: DOCS });

const repoKey = (owner: string, repo: string): string =>
  `${owner.toLowerCase()}/${repo.toLowerCase()}`;

// ---------------------------------------------------------------------------------------------
// The stand-in
// ---------------------------------------------------------------------------------------------

export class GitHubStandin {
  readonly url: string;
  readonly calls: GitHubCall[] = [];
  /** When set, only these tokens are accepted (others get 401 Bad credentials). */
  acceptedTokens: string[] | undefined;

  private readonly server: LoopbackServer;
  private readonly clock: () => number;
  private readonly runs = new Map<string, RunState>();
  private readonly repoDeployments = new Map<string, RepoDeployments>();
  private failRules: FailRule[] = [];
  private nextJobId = 30_000_000_001;
  private nextDeploymentId = 1_000_000_001;
  private nextStatusId = 2_000_000_001;
  private closed = false;

  private constructor(server: LoopbackServer, now: () => number) {
    this.server = server;
    this.url = server.url;
    this.clock = now;
  }

  static async start(
    opts: { now?: () => number; acceptedTokens?: string[] } = {}
  ): Promise<GitHubStandin> {
    // Node's client agents close an idle socket 1 s before the server's keep-alive hint: keep the
    // default 5 s so clients do reuse connections (close() ends them all anyway).
    const server = await LoopbackServer.start({ keepAliveTimeout: 5000 });
    const standin = new GitHubStandin(server, opts.now ?? Date.now);
    standin.acceptedTokens = opts.acceptedTokens;
    server.serve(withBody((req, res, raw) => standin.handle(req, res, raw)));
    return standin;
  }

  now(): number {
    return this.clock();
  }

  /** Calls whose method matches and whose path matches `pathPattern` (a RegExp or an exact path). */
  callsTo(method: string, pathPattern: RegExp | string): GitHubCall[] {
    return this.calls.filter(
      (c) =>
        (method === '*' || c.method === method.toUpperCase()) &&
        (typeof pathPattern === 'string' ? c.path === pathPattern : pathPattern.test(c.path))
    );
  }

  /** Every distinct token seen in an authorization header. */
  tokensSeen(): string[] {
    return [...new Set(this.calls.flatMap((c) => (c.token === undefined ? [] : [c.token])))];
  }

  /**
   * Make the next `count` requests of `method` ('*' for any) whose path (without query string)
   * matches `pathPattern` answer `status` with `body` (default: a GitHub-style `{ message }`) and
   * these extra headers. A 403/429 whose body or headers do not say otherwise is a primary rate
   * limit: `x-ratelimit-remaining: 0` and a reset a minute ahead.
   */
  failNext(
    method: string,
    pathPattern: RegExp,
    status: number,
    body?: unknown,
    count = 1,
    headers: Record<string, string> = {}
  ): void {
    const rateLimited = status === 403 || status === 429;
    const defaults: Record<string, string> = rateLimited
      ? {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': '5000',
          'x-ratelimit-reset': String(Math.ceil(this.now() / 1000) + 60),
          'x-ratelimit-resource': 'core'
        }
      : {};
    this.failRules.push({
      method: method.toUpperCase(),
      pathPattern,
      status,
      body: body ?? defaultErrorBody(status),
      headers: { ...defaults, ...lowerKeys(headers) },
      remaining: count
    });
  }

  /** The next `count` requests of `method` whose path matches `pathPattern` are never answered. */
  hangNext(method: string, pathPattern: RegExp, count = 1): void {
    this.failRules.push({
      method: method.toUpperCase(),
      pathPattern,
      status: 0,
      body: undefined,
      headers: {},
      remaining: count,
      hang: true
    });
  }

  /** Creates the run attempt (defaults: in progress, started now) or patches it; returns a copy. */
  setRun(
    owner: string,
    repo: string,
    runId: number,
    attempt: number,
    patch: Partial<WorkflowRun> = {}
  ): WorkflowRun {
    const state = this.runState(owner, repo, runId, true);
    patch = definedOnly(patch);
    const existing = state.attempts.get(attempt);
    const nowIso = new Date(this.now()).toISOString();
    let run: WorkflowRun;
    if (existing) {
      run = { ...existing, ...patch, id: runId, run_attempt: attempt };
      if (patch.updated_at === undefined) run.updated_at = nowIso;
    } else {
      const prior = this.latestAttempt(state);
      const base = prior ?? this.defaultRun(owner, repo, runId, nowIso);
      run = {
        ...base,
        status: 'in_progress',
        conclusion: null,
        updated_at: nowIso,
        run_started_at: nowIso,
        previous_attempt_url: attempt > 1 ? `${base.url}/attempts/${attempt - 1}` : null,
        ...patch,
        id: runId,
        run_attempt: attempt
      };
    }
    state.attempts.set(attempt, run);
    return structuredClone(run);
  }

  /** A copy of the run attempt (the latest attempt when `attempt` is omitted). */
  run(owner: string, repo: string, runId: number, attempt?: number): WorkflowRun | undefined {
    const state = this.runState(owner, repo, runId, false);
    if (!state) return undefined;
    const run = attempt === undefined ? this.latestAttempt(state) : state.attempts.get(attempt);
    return run ? structuredClone(run) : undefined;
  }

  /** Replaces the jobs of a run attempt (the attempt is created if it does not exist). */
  setJobs(
    owner: string,
    repo: string,
    runId: number,
    attempt: number,
    jobs: JobSeed[]
  ): WorkflowJob[] {
    const state = this.runState(owner, repo, runId, true);
    const run = state.attempts.get(attempt) ?? this.setRun(owner, repo, runId, attempt);
    const previous = state.jobs.get(attempt) ?? [];
    const full = jobs.map((seed) => {
      const old = previous.find((j) => j.name === seed.name);
      return this.fullJob(run, seed, old?.id);
    });
    state.jobs.set(attempt, full);
    return structuredClone(full);
  }

  /** A copy of the jobs of a run attempt (latest attempt when omitted). */
  jobs(owner: string, repo: string, runId: number, attempt?: number): WorkflowJob[] {
    const state = this.runState(owner, repo, runId, false);
    if (!state) return [];
    const a = attempt ?? this.latestAttempt(state)?.run_attempt;
    return a === undefined ? [] : structuredClone(state.jobs.get(a) ?? []);
  }

  /** Deployments of the repository, oldest first. */
  deployments(owner: string, repo: string): Deployment[] {
    return structuredClone(this.repoDeployments.get(repoKey(owner, repo))?.deployments ?? []);
  }

  /** Statuses of a deployment, oldest first. */
  statuses(owner: string, repo: string, deploymentId: number): DeploymentStatus[] {
    return structuredClone(
      this.repoDeployments.get(repoKey(owner, repo))?.statuses.get(deploymentId) ?? []
    );
  }

  /** Forgets runs, jobs, deployments, fail rules and calls (ids keep increasing). */
  reset(): void {
    this.runs.clear();
    this.repoDeployments.clear();
    this.failRules = [];
    this.calls.length = 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.server.close();
  }

  // -------------------------------------------------------------------------------------------
  // State helpers
  // -------------------------------------------------------------------------------------------

  private runState(owner: string, repo: string, runId: number, create: true): RunState;
  private runState(owner: string, repo: string, runId: number, create: false): RunState | undefined;
  private runState(
    owner: string,
    repo: string,
    runId: number,
    create: boolean
  ): RunState | undefined {
    const key = `${repoKey(owner, repo)}#${runId}`;
    let state = this.runs.get(key);
    if (!state && create) {
      state = { owner, repo, id: runId, attempts: new Map(), jobs: new Map() };
      this.runs.set(key, state);
    }
    return state;
  }

  private latestAttempt(state: RunState): WorkflowRun | undefined {
    let best: WorkflowRun | undefined;
    for (const r of state.attempts.values()) {
      if (!best || r.run_attempt > best.run_attempt) best = r;
    }
    return best;
  }

  private defaultRun(owner: string, repo: string, runId: number, nowIso: string): WorkflowRun {
    const api = `${this.url}/repos/${owner}/${repo}/actions/runs/${runId}`;
    return {
      id: runId,
      name: 'Deploy',
      display_title: 'Deploy',
      run_number: 1,
      run_attempt: 1,
      event: 'push',
      status: 'in_progress',
      conclusion: null,
      workflow_id: 161335,
      path: '.github/workflows/deploy.yml',
      head_branch: 'main',
      head_sha: sha1(`${owner}/${repo}#${runId}`),
      html_url: `https://github.com/${owner}/${repo}/actions/runs/${runId}`,
      url: api,
      jobs_url: `${api}/jobs`,
      previous_attempt_url: null,
      created_at: nowIso,
      updated_at: nowIso,
      run_started_at: nowIso,
      actor: { login: 'octocat', id: 583231, type: 'User' },
      triggering_actor: { login: 'octocat', id: 583231, type: 'User' },
      repository: {
        id: 1296269,
        name: repo,
        full_name: `${owner}/${repo}`,
        owner: { login: owner }
      }
    };
  }

  private fullJob(run: WorkflowRun, seed: JobSeed, oldId: number | undefined): WorkflowJob {
    const id = seed.id ?? oldId ?? this.nextJobId++;
    const status = seed.status ?? 'in_progress';
    const startedAt = seed.started_at ?? run.run_started_at;
    const { owner, repo } = splitFullName(run.repository.full_name);
    const steps: JobStep[] = (seed.steps ?? []).map((s, i) => {
      // A step given by name only is a completed, successful step.
      const stepStatus = s.status ?? 'completed';
      return {
        name: s.name,
        status: stepStatus,
        conclusion:
          s.conclusion !== undefined ? s.conclusion : stepStatus === 'completed' ? 'success' : null,
        number: s.number ?? i + 1,
        started_at: s.started_at !== undefined ? s.started_at : startedAt,
        completed_at:
          s.completed_at !== undefined
            ? s.completed_at
            : stepStatus === 'completed'
              ? startedAt
              : null
      };
    });
    const { steps: _steps, ...rest } = definedOnly(seed);
    return {
      run_id: run.id,
      run_attempt: run.run_attempt,
      run_url: run.url,
      url: `${this.url}/repos/${owner}/${repo}/actions/jobs/${id}`,
      html_url: `https://github.com/${owner}/${repo}/actions/runs/${run.id}/job/${id}`,
      node_id: `CR_${Buffer.from(String(id)).toString('base64url')}`,
      head_sha: run.head_sha,
      head_branch: run.head_branch,
      workflow_name: run.name,
      status,
      conclusion: null,
      created_at: run.created_at,
      started_at: startedAt,
      completed_at: status === 'completed' ? (seed.completed_at ?? startedAt) : null,
      labels: ['ubuntu-latest'],
      runner_id: 1,
      runner_name: 'GitHub Actions 1',
      runner_group_id: 2,
      runner_group_name: 'GitHub Actions',
      ...rest,
      id,
      steps
    };
  }

  private deploymentsOf(owner: string, repo: string): RepoDeployments {
    const key = repoKey(owner, repo);
    let d = this.repoDeployments.get(key);
    if (!d) {
      d = { deployments: [], statuses: new Map() };
      this.repoDeployments.set(key, d);
    }
    return d;
  }

  // -------------------------------------------------------------------------------------------
  // HTTP
  // -------------------------------------------------------------------------------------------

  private handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const method = (req.method ?? 'GET').toUpperCase();
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = u.pathname.replace(/\/+$/, '') || '/';
    const query = Object.fromEntries(u.searchParams.entries());
    const token = tokenOf(req.headers['authorization']);
    const call: GitHubCall = { method, path, query, at: this.now(), status: 0 };
    if (token !== undefined) call.token = token;
    this.calls.push(call);

    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      call.status = status;
      const text = body === undefined ? '' : JSON.stringify(body);
      res.statusCode = status;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('x-github-request-id', randomUUID().toUpperCase());
      res.setHeader('x-github-media-type', 'github.v3; format=json');
      res.setHeader('x-github-api-version-selected', '2022-11-28');
      if (!('x-ratelimit-remaining' in headers)) {
        res.setHeader('x-ratelimit-limit', '5000');
        res.setHeader('x-ratelimit-remaining', '4999');
        res.setHeader('x-ratelimit-used', '1');
        res.setHeader('x-ratelimit-reset', String(Math.ceil(this.now() / 1000) + 3600));
        res.setHeader('x-ratelimit-resource', 'core');
      }
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.setHeader('content-length', Buffer.byteLength(text));
      res.end(text);
    };

    if (raw !== '') {
      try {
        call.body = JSON.parse(raw) as unknown;
      } catch {
        send(400, { message: 'Problems parsing JSON', documentation_url: DOCS });
        return;
      }
    }

    if (
      token === undefined ||
      (this.acceptedTokens !== undefined && !this.acceptedTokens.includes(token))
    ) {
      send(401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
      return;
    }

    const rule = this.failRules.find(
      (r) => (r.method === '*' || r.method === method) && r.pathPattern.test(path)
    );
    if (rule) {
      rule.remaining--;
      if (rule.remaining <= 0) this.failRules = this.failRules.filter((r) => r !== rule);
      if (rule.hang) return;
      send(rule.status, rule.body, rule.headers);
      return;
    }

    try {
      const out = this.route(method, path, query, call.body);
      send(out.status, out.body, out.headers);
    } catch (e) {
      if (e instanceof HttpError) send(e.status, e.body);
      else send(500, { message: String(e), documentation_url: DOCS });
    }
  }

  private route(
    method: string,
    path: string,
    query: Record<string, string>,
    body: unknown
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    const seg = path.split('/').slice(1).map(decodeURIComponent);
    if (seg[0] !== 'repos' || seg.length < 4) throw notFound();
    const owner = seg[1] ?? '';
    const repo = seg[2] ?? '';
    const rest = seg.slice(3);
    const int = (s: string | undefined): number => {
      if (s === undefined || !/^\d+$/.test(s)) throw notFound();
      return Number(s);
    };

    // /actions/runs/{id}[/attempts/{n}][/jobs]
    if (rest[0] === 'actions' && rest[1] === 'runs' && method === 'GET') {
      const runId = int(rest[2]);
      const tail = rest.slice(3);
      const state = this.runState(owner, repo, runId, false);
      if (!state) throw notFound();
      if (tail.length === 0) {
        const run = this.latestAttempt(state);
        if (!run) throw notFound();
        return { status: 200, body: run };
      }
      if (tail.length === 1 && tail[0] === 'jobs') {
        const latest = this.latestAttempt(state);
        if (!latest) throw notFound();
        const jobs =
          query['filter'] === 'all'
            ? [...state.jobs.entries()].sort((a, b) => b[0] - a[0]).flatMap(([, js]) => js)
            : (state.jobs.get(latest.run_attempt) ?? []);
        return this.page(path, query, jobs, (items, total) => ({
          total_count: total,
          jobs: items
        }));
      }
      if (
        tail[0] === 'attempts' &&
        (tail.length === 2 || (tail.length === 3 && tail[2] === 'jobs'))
      ) {
        const attempt = int(tail[1]);
        const run = state.attempts.get(attempt);
        if (!run) throw notFound();
        if (tail.length === 2) return { status: 200, body: run };
        const jobs = state.jobs.get(attempt) ?? [];
        return this.page(path, query, jobs, (items, total) => ({
          total_count: total,
          jobs: items
        }));
      }
      throw notFound();
    }

    if (rest[0] === 'deployments') {
      if (rest.length === 1 && method === 'POST') return this.createDeployment(owner, repo, body);
      if (rest.length === 1 && method === 'GET') {
        const ds = this.repoDeployments.get(repoKey(owner, repo))?.deployments ?? [];
        const filtered = ds
          .filter(
            (d) =>
              (query['sha'] === undefined || d.sha === query['sha']) &&
              (query['ref'] === undefined || d.ref === query['ref']) &&
              (query['task'] === undefined || d.task === query['task']) &&
              (query['environment'] === undefined || d.environment === query['environment'])
          )
          .reverse();
        return this.page(path, query, filtered, (items) => items);
      }
      const id = int(rest[1]);
      const repoDs = this.repoDeployments.get(repoKey(owner, repo));
      const deployment = repoDs?.deployments.find((d) => d.id === id);
      if (!repoDs || !deployment) throw notFound();
      if (rest.length === 2 && method === 'GET') return { status: 200, body: deployment };
      if (rest.length === 3 && rest[2] === 'statuses') {
        if (method === 'POST') return this.createStatus(owner, repo, repoDs, deployment, body);
        if (method === 'GET') {
          const ss = [...(repoDs.statuses.get(id) ?? [])].reverse();
          return this.page(path, query, ss, (items) => items);
        }
      }
    }
    throw notFound();
  }

  private page<T>(
    path: string,
    query: Record<string, string>,
    all: T[],
    wrap: (items: T[], total: number) => unknown
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    const perPage = Math.min(100, Math.max(1, Number(query['per_page'] ?? 30) || 30));
    const pageNo = Math.max(1, Number(query['page'] ?? 1) || 1);
    const items = all.slice((pageNo - 1) * perPage, pageNo * perPage);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const headers: Record<string, string> = {};
    if (last > 1) {
      const link = (p: number, rel: string): string => {
        const q = new URLSearchParams({ ...query, per_page: String(perPage), page: String(p) });
        return `<${this.url}${path}?${q.toString()}>; rel="${rel}"`;
      };
      const parts: string[] = [];
      if (pageNo > 1) parts.push(link(pageNo - 1, 'prev'));
      if (pageNo < last) parts.push(link(pageNo + 1, 'next'));
      parts.push(link(last, 'last'));
      if (pageNo > 1) parts.push(link(1, 'first'));
      headers['link'] = parts.join(', ');
    }
    return { status: 200, body: wrap(items, all.length), headers };
  }

  private createDeployment(
    owner: string,
    repo: string,
    body: unknown
  ): { status: number; body: unknown } {
    const b = (body ?? {}) as Record<string, unknown>;
    const ref = b['ref'];
    if (typeof ref !== 'string' || ref === '') {
      throw new HttpError(422, {
        message: 'Invalid request.\n\n"ref" wasn\'t supplied.',
        documentation_url: `${DOCS}/deployments/deployments#create-a-deployment`,
        status: '422'
      });
    }
    const environment = typeof b['environment'] === 'string' ? b['environment'] : 'production';
    const nowIso = new Date(this.now()).toISOString();
    const id = this.nextDeploymentId++;
    const repoUrl = `${this.url}/repos/${owner}/${repo}`;
    const payload =
      typeof b['payload'] === 'string' ? parseMaybeJson(b['payload']) : (b['payload'] ?? {});
    const d: Deployment = {
      url: `${repoUrl}/deployments/${id}`,
      id,
      node_id: `DE_${Buffer.from(String(id)).toString('base64url')}`,
      sha: /^[0-9a-f]{40}$/.test(ref) ? ref : sha1(`${owner}/${repo}@${ref}`),
      ref,
      task: typeof b['task'] === 'string' ? b['task'] : 'deploy',
      payload,
      original_environment: environment,
      environment,
      description: typeof b['description'] === 'string' ? b['description'] : null,
      creator: BOT,
      created_at: nowIso,
      updated_at: nowIso,
      statuses_url: `${repoUrl}/deployments/${id}/statuses`,
      repository_url: repoUrl,
      transient_environment: b['transient_environment'] === true,
      production_environment:
        typeof b['production_environment'] === 'boolean'
          ? b['production_environment']
          : environment === 'production'
    };
    const repoDs = this.deploymentsOf(owner, repo);
    repoDs.deployments.push(d);
    repoDs.statuses.set(id, []);
    return { status: 201, body: d };
  }

  private createStatus(
    owner: string,
    repo: string,
    repoDs: RepoDeployments,
    deployment: Deployment,
    body: unknown
  ): { status: number; body: unknown } {
    const b = (body ?? {}) as Record<string, unknown>;
    const state = b['state'];
    if (typeof state !== 'string' || !DEPLOYMENT_STATES.includes(state as DeploymentState)) {
      throw new HttpError(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'DeploymentStatus', code: 'custom', field: 'state' }],
        documentation_url: `${DOCS}/deployments/statuses#create-a-deployment-status`,
        status: '422'
      });
    }
    const str = (k: string): string => (typeof b[k] === 'string' ? b[k] : '');
    const environment = str('environment') || deployment.environment;
    const s = this.newStatus(owner, repo, deployment, state as DeploymentState, {
      description: str('description'),
      environment,
      target_url: str('target_url') || str('log_url'),
      log_url: str('log_url') || str('target_url'),
      environment_url: str('environment_url')
    });
    if (environment !== deployment.environment) deployment.environment = environment;
    deployment.updated_at = s.updated_at;
    repoDs.statuses.get(deployment.id)?.push(s);
    // GitHub: a success marks earlier successful, non-transient, non-production deployments of the
    // same environment inactive (unless auto_inactive is false).
    if (state === 'success' && b['auto_inactive'] !== false) {
      for (const other of repoDs.deployments) {
        if (
          other.id === deployment.id ||
          other.id > deployment.id ||
          other.environment !== environment ||
          other.transient_environment ||
          other.production_environment
        )
          continue;
        const list = repoDs.statuses.get(other.id) ?? [];
        if (list[list.length - 1]?.state !== 'success') continue;
        list.push(
          this.newStatus(owner, repo, other, 'inactive', {
            description: '',
            environment,
            target_url: '',
            log_url: '',
            environment_url: ''
          })
        );
      }
    }
    return { status: 201, body: s };
  }

  private newStatus(
    owner: string,
    repo: string,
    deployment: Deployment,
    state: DeploymentState,
    f: Pick<
      DeploymentStatus,
      'description' | 'environment' | 'target_url' | 'log_url' | 'environment_url'
    >
  ): DeploymentStatus {
    const id = this.nextStatusId++;
    const nowIso = new Date(this.now()).toISOString();
    const repoUrl = `${this.url}/repos/${owner}/${repo}`;
    return {
      url: `${repoUrl}/deployments/${deployment.id}/statuses/${id}`,
      id,
      node_id: `DES_${Buffer.from(String(id)).toString('base64url')}`,
      state,
      creator: BOT,
      ...f,
      created_at: nowIso,
      updated_at: nowIso,
      deployment_url: deployment.url,
      repository_url: repoUrl
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function tokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header.trim());
  return m?.[1];
}

function sha1(s: string): string {
  return createHash('sha1').update(s).digest('hex');
}

function splitFullName(fullName: string): { owner: string; repo: string } {
  const i = fullName.indexOf('/');
  return { owner: fullName.slice(0, i), repo: fullName.slice(i + 1) };
}

function parseMaybeJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}

function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

function defaultErrorBody(status: number): unknown {
  switch (status) {
    case 401:
      return { message: 'Bad credentials', documentation_url: DOCS, status: '401' };
    case 403:
    case 429:
      return {
        message:
          'API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        status: String(status)
      };
    case 404:
      return { message: 'Not Found', documentation_url: DOCS, status: '404' };
    case 422:
      return { message: 'Validation Failed', documentation_url: DOCS, status: '422' };
    case 502:
      return { message: 'Server Error' };
    case 503:
      return { message: 'Service Unavailable' };
    default:
      return status >= 500
        ? { message: 'Server Error' }
        : { message: `Error ${status}`, documentation_url: DOCS, status: String(status) };
  }
}
