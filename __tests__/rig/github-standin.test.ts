import { Agent, request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { getOctokit } from '@actions/github';
import { GitHubStandin } from '../../test-rig/github-standin.js';

let standin: GitHubStandin;

beforeAll(async () => {
  standin = await GitHubStandin.start();
});

afterAll(async () => {
  await standin.close();
});

beforeEach(() => {
  standin.reset();
  standin.acceptedTokens = undefined;
});

function octokit(token = 'tok'): ReturnType<typeof getOctokit> {
  return getOctokit(token, { baseUrl: standin.url });
}

async function rejection(
  p: Promise<unknown>
): Promise<Error & { status?: number; response?: { headers: Record<string, string> } }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { status?: number; response?: { headers: Record<string, string> } };
  }
  throw new Error('expected a rejection');
}

describe('workflow runs', () => {
  it('serves the latest attempt and a given attempt through the real client', async () => {
    standin.setRun('acme', 'app', 42, 1, { status: 'completed', conclusion: 'failure' });
    standin.setRun('acme', 'app', 42, 2, { head_branch: 'release' });
    const gh = octokit();

    const latest = await gh.rest.actions.getWorkflowRun({ owner: 'acme', repo: 'app', run_id: 42 });
    expect(latest.status).toBe(200);
    expect(latest.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(latest.data).toMatchObject({
      id: 42,
      run_attempt: 2,
      status: 'in_progress',
      conclusion: null,
      head_branch: 'release',
      html_url: 'https://github.com/acme/app/actions/runs/42'
    });
    expect(latest.data.head_sha).toMatch(/^[0-9a-f]{40}$/);
    expect(typeof latest.data.name).toBe('string');
    expect(Date.parse(latest.data.created_at)).not.toBeNaN();
    expect(Date.parse(latest.data.updated_at)).not.toBeNaN();
    expect(Date.parse(latest.data.run_started_at ?? '')).not.toBeNaN();

    const first = await gh.rest.actions.getWorkflowRunAttempt({
      owner: 'acme',
      repo: 'app',
      run_id: 42,
      attempt_number: 1
    });
    expect(first.data).toMatchObject({
      id: 42,
      run_attempt: 1,
      status: 'completed',
      conclusion: 'failure',
      head_branch: 'main'
    });

    // Updating patches only what is given.
    standin.setRun('acme', 'app', 42, 2, { status: 'completed', conclusion: 'cancelled' });
    expect(standin.run('acme', 'app', 42)).toMatchObject({
      run_attempt: 2,
      status: 'completed',
      conclusion: 'cancelled',
      head_branch: 'release'
    });
    expect(standin.run('ACME', 'App', 42, 1)?.conclusion).toBe('failure');
    expect(standin.run('acme', 'app', 43)).toBeUndefined();

    expect(standin.calls.map((c) => [c.method, c.path, c.token, c.status])).toEqual([
      ['GET', '/repos/acme/app/actions/runs/42', 'tok', 200],
      ['GET', '/repos/acme/app/actions/runs/42/attempts/1', 'tok', 200]
    ]);
  });

  it('answers 404 for unknown runs and attempts, as a RequestError', async () => {
    standin.setRun('acme', 'app', 42, 1, {});
    const gh = octokit();
    const e1 = await rejection(
      gh.rest.actions.getWorkflowRun({ owner: 'acme', repo: 'app', run_id: 7 })
    );
    expect(e1.name).toBe('HttpError');
    expect(e1.status).toBe(404);
    expect(e1.message).toMatch(/Not Found/);
    const e2 = await rejection(
      gh.rest.actions.getWorkflowRunAttempt({
        owner: 'acme',
        repo: 'app',
        run_id: 42,
        attempt_number: 3
      })
    );
    expect(e2.status).toBe(404);
    const e3 = await rejection(
      gh.rest.actions.getWorkflowRun({ owner: 'acme', repo: 'other', run_id: 42 })
    );
    expect(e3.status).toBe(404);
  });

  it('lists the jobs of an attempt, of the latest attempt and of all attempts', async () => {
    standin.setJobs('acme', 'app', 9, 1, [
      { name: 'build', status: 'completed', conclusion: 'failure' }
    ]);
    standin.setJobs('acme', 'app', 9, 2, [
      {
        name: 'build',
        status: 'completed',
        conclusion: 'success',
        steps: [{ name: 'Set up job' }, { name: 'Run tests', conclusion: 'success' }]
      },
      {
        name: 'deploy',
        status: 'in_progress',
        steps: [
          { name: 'Set up job' },
          { name: 'Deploy', status: 'in_progress', conclusion: null, completed_at: null }
        ]
      }
    ]);
    const gh = octokit();

    const attempt2 = await gh.rest.actions.listJobsForWorkflowRunAttempt({
      owner: 'acme',
      repo: 'app',
      run_id: 9,
      attempt_number: 2
    });
    expect(attempt2.data.total_count).toBe(2);
    const [build, deploy] = attempt2.data.jobs;
    expect(build).toMatchObject({
      run_id: 9,
      name: 'build',
      status: 'completed',
      conclusion: 'success'
    });
    expect(build?.html_url).toBe(`https://github.com/acme/app/actions/runs/9/job/${build?.id}`);
    expect(build?.steps?.map((s) => [s.number, s.name, s.status, s.conclusion])).toEqual([
      [1, 'Set up job', 'completed', 'success'],
      [2, 'Run tests', 'completed', 'success']
    ]);
    expect(deploy).toMatchObject({ name: 'deploy', status: 'in_progress', conclusion: null });
    expect(deploy?.completed_at).toBeNull();
    expect(deploy?.steps?.[1]).toMatchObject({
      name: 'Deploy',
      status: 'in_progress',
      conclusion: null,
      completed_at: null
    });
    expect(typeof deploy?.started_at).toBe('string');

    const attempt1 = await gh.rest.actions.listJobsForWorkflowRunAttempt({
      owner: 'acme',
      repo: 'app',
      run_id: 9,
      attempt_number: 1
    });
    expect(attempt1.data.jobs.map((j) => [j.name, j.conclusion, j.run_attempt])).toEqual([
      ['build', 'failure', 1]
    ]);

    const latest = await gh.rest.actions.listJobsForWorkflowRun({
      owner: 'acme',
      repo: 'app',
      run_id: 9
    });
    expect(latest.data.jobs.map((j) => j.name)).toEqual(['build', 'deploy']);
    const all = await gh.rest.actions.listJobsForWorkflowRun({
      owner: 'acme',
      repo: 'app',
      run_id: 9,
      filter: 'all'
    });
    expect(all.data.total_count).toBe(3);

    // Replacing jobs keeps the id of a job of the same name.
    const before = standin.jobs('acme', 'app', 9, 2).find((j) => j.name === 'deploy')?.id;
    standin.setJobs('acme', 'app', 9, 2, [
      { name: 'deploy', status: 'completed', conclusion: 'success' }
    ]);
    expect(standin.jobs('acme', 'app', 9)).toEqual([
      expect.objectContaining({
        id: before,
        name: 'deploy',
        status: 'completed',
        conclusion: 'success'
      })
    ]);

    const missing = await rejection(
      gh.rest.actions.listJobsForWorkflowRunAttempt({
        owner: 'acme',
        repo: 'app',
        run_id: 9,
        attempt_number: 5
      })
    );
    expect(missing.status).toBe(404);
  });

  it('paginates jobs with a link header the client follows', async () => {
    standin.setJobs(
      'acme',
      'app',
      5,
      1,
      Array.from({ length: 5 }, (_, i) => ({ name: `job-${i}` }))
    );
    const gh = octokit();
    const jobs = await gh.paginate(gh.rest.actions.listJobsForWorkflowRunAttempt, {
      owner: 'acme',
      repo: 'app',
      run_id: 5,
      attempt_number: 1,
      per_page: 2
    });
    expect(jobs.map((j) => j.name)).toEqual(['job-0', 'job-1', 'job-2', 'job-3', 'job-4']);
    expect(standin.calls.map((c) => c.query['page'] ?? '1')).toEqual(['1', '2', '3']);
  });
});

describe('deployments', () => {
  it('creates deployments and statuses and lists them newest first', async () => {
    const gh = octokit();
    const created = await gh.rest.repos.createDeployment({
      owner: 'acme',
      repo: 'app',
      ref: 'main',
      environment: 'staging',
      auto_merge: false,
      required_contexts: [],
      payload: { correlationId: 'c-1' },
      description: 'Deploy c-1'
    });
    expect(created.status).toBe(201);
    if (!('id' in created.data)) throw new Error('expected a deployment');
    const id = created.data.id;
    expect(created.data).toMatchObject({
      ref: 'main',
      environment: 'staging',
      task: 'deploy',
      payload: { correlationId: 'c-1' },
      production_environment: false
    });

    const status = await gh.rest.repos.createDeploymentStatus({
      owner: 'acme',
      repo: 'app',
      deployment_id: id,
      state: 'in_progress',
      log_url: 'https://github.com/acme/app/actions/runs/1',
      description: 'Waiting for the lock'
    });
    expect(status.status).toBe(201);
    expect(status.data).toMatchObject({ state: 'in_progress', environment: 'staging' });
    await gh.rest.repos.createDeploymentStatus({
      owner: 'acme',
      repo: 'app',
      deployment_id: id,
      state: 'success'
    });

    const statuses = await gh.rest.repos.listDeploymentStatuses({
      owner: 'acme',
      repo: 'app',
      deployment_id: id
    });
    expect(statuses.data.map((s) => s.state)).toEqual(['success', 'in_progress']);
    expect(standin.statuses('acme', 'app', id).map((s) => s.state)).toEqual([
      'in_progress',
      'success'
    ]);

    // A later success marks the earlier successful staging deployment inactive (auto_inactive).
    const second = await gh.rest.repos.createDeployment({
      owner: 'acme',
      repo: 'app',
      ref: 'main',
      environment: 'staging',
      auto_merge: false
    });
    if (!('id' in second.data)) throw new Error('expected a deployment');
    await gh.rest.repos.createDeploymentStatus({
      owner: 'acme',
      repo: 'app',
      deployment_id: second.data.id,
      state: 'success'
    });
    expect(standin.statuses('acme', 'app', id).map((s) => s.state)).toEqual([
      'in_progress',
      'success',
      'inactive'
    ]);

    const list = await gh.rest.repos.listDeployments({
      owner: 'acme',
      repo: 'app',
      environment: 'staging'
    });
    expect(list.data.map((d) => d.id)).toEqual([second.data.id, id]);
    expect(standin.deployments('acme', 'app').map((d) => d.id)).toEqual([id, second.data.id]);
    const none = await gh.rest.repos.listDeployments({
      owner: 'acme',
      repo: 'app',
      environment: 'prod'
    });
    expect(none.data).toEqual([]);
  });

  it('validates like GitHub: 422 without a ref or with a bad state, 404 for unknown deployments', async () => {
    const gh = octokit();
    const noRef = await rejection(
      // A route outside the typed endpoint map takes untyped parameters: send an invalid body.
      gh.request('POST /repos/acme/app/deployments', { environment: 'staging' })
    );
    expect(noRef.status).toBe(422);
    const created = await gh.rest.repos.createDeployment({
      owner: 'acme',
      repo: 'app',
      ref: 'main'
    });
    if (!('id' in created.data)) throw new Error('expected a deployment');
    const badState = await rejection(
      gh.request(`POST /repos/acme/app/deployments/${created.data.id}/statuses`, { state: 'done' })
    );
    expect(badState.status).toBe(422);
    const unknown = await rejection(
      gh.rest.repos.createDeploymentStatus({
        owner: 'acme',
        repo: 'app',
        deployment_id: 1,
        state: 'success'
      })
    );
    expect(unknown.status).toBe(404);
  });
});

describe('authentication', () => {
  it('answers 401 Bad credentials without a token and records the token it saw', async () => {
    standin.setRun('acme', 'app', 1, 1, {});
    const res = await fetch(`${standin.url}/repos/acme/app/actions/runs/1`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toMatchObject({ message: 'Bad credentials' });

    const bearer = await fetch(`${standin.url}/repos/acme/app/actions/runs/1`, {
      headers: { authorization: 'Bearer b-123' }
    });
    expect(bearer.status).toBe(200);
    await bearer.arrayBuffer();

    await octokit('secret-token').rest.actions.getWorkflowRun({
      owner: 'acme',
      repo: 'app',
      run_id: 1
    });
    expect(standin.calls.map((c) => [c.token, c.status])).toEqual([
      [undefined, 401],
      ['b-123', 200],
      ['secret-token', 200]
    ]);
    expect(standin.tokensSeen()).toEqual(['b-123', 'secret-token']);
  });

  it('rejects tokens outside acceptedTokens with a RequestError 401', async () => {
    standin.setRun('acme', 'app', 1, 1, {});
    standin.acceptedTokens = ['good'];
    const e = await rejection(
      octokit('bad').rest.actions.getWorkflowRun({ owner: 'acme', repo: 'app', run_id: 1 })
    );
    expect(e.status).toBe(401);
    expect(e.message).toMatch(/Bad credentials/);
    const ok = await octokit('good').rest.actions.getWorkflowRun({
      owner: 'acme',
      repo: 'app',
      run_id: 1
    });
    expect(ok.status).toBe(200);
  });
});

describe('failNext', () => {
  it('fails the matching requests the given number of times; getOctokit does not retry', async () => {
    standin.setRun('acme', 'app', 3, 1, {});
    standin.failNext('GET', /\/actions\/runs\/3$/, 500, undefined, 2);
    const gh = octokit();
    const args = { owner: 'acme', repo: 'app', run_id: 3 };
    const e1 = await rejection(gh.rest.actions.getWorkflowRun(args));
    expect(e1.status).toBe(500);
    // Another path is not affected.
    await expect(
      gh.rest.actions.getWorkflowRunAttempt({ ...args, attempt_number: 1 })
    ).resolves.toMatchObject({ status: 200 });
    const e2 = await rejection(gh.rest.actions.getWorkflowRun(args));
    expect(e2.status).toBe(500);
    await expect(gh.rest.actions.getWorkflowRun(args)).resolves.toMatchObject({ status: 200 });
    // One request per call: no retry plugin in getOctokit.
    expect(standin.calls.map((c) => c.status)).toEqual([500, 200, 500, 200]);
  });

  it('injects a 403 primary rate limit with x-ratelimit-remaining: 0, and custom bodies', async () => {
    standin.setRun('acme', 'app', 3, 1, {});
    standin.failNext('*', /^\/repos\/acme\/app\//, 403);
    standin.failNext('POST', /\/deployments$/, 502, { message: 'Server Error' });
    const gh = octokit();
    const e = await rejection(
      gh.rest.actions.getWorkflowRun({ owner: 'acme', repo: 'app', run_id: 3 })
    );
    expect(e.status).toBe(403);
    expect(e.message).toMatch(/rate limit exceeded/);
    expect(e.response?.headers['x-ratelimit-remaining']).toBe('0');
    expect(Number(e.response?.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);

    const e502 = await rejection(
      gh.rest.repos.createDeployment({ owner: 'acme', repo: 'app', ref: 'main' })
    );
    expect(e502.status).toBe(502);
    expect(standin.deployments('acme', 'app')).toEqual([]);
    await expect(
      gh.rest.repos.createDeployment({ owner: 'acme', repo: 'app', ref: 'main' })
    ).resolves.toMatchObject({ status: 201 });
  });
});

describe('lifecycle', () => {
  it('reset forgets everything; close leaves no keep-alive socket open', async () => {
    const s = await GitHubStandin.start();
    const agent = new Agent({ keepAlive: true });
    try {
      s.setRun('o', 'r', 1, 1, {});
      const { status, socket } = await new Promise<{ status: number; socket: Socket }>(
        (resolve, reject) => {
          let sock: Socket | undefined;
          const req = httpRequest(
            `${s.url}/repos/o/r/actions/runs/1`,
            { agent, headers: { authorization: 'token t' } },
            (res) => {
              res.resume();
              res.on('end', () =>
                sock
                  ? resolve({ status: res.statusCode ?? 0, socket: sock })
                  : reject(new Error('no socket'))
              );
            }
          );
          req.on('socket', (x) => (sock = x));
          req.on('error', reject);
          req.end();
        }
      );
      expect(status).toBe(200);
      const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      // The agent keeps the socket for reuse.
      await new Promise((r) => setTimeout(r, 10));
      expect(socket.destroyed).toBe(false);

      s.reset();
      expect(s.calls).toEqual([]);
      expect(s.run('o', 'r', 1)).toBeUndefined();

      const t0 = Date.now();
      await s.close();
      await socketClosed;
      expect(Date.now() - t0).toBeLessThan(500);
      await expect(fetch(`${s.url}/repos/o/r/actions/runs/1`)).rejects.toThrow();
    } finally {
      await s.close();
      agent.destroy();
    }
  });
});
