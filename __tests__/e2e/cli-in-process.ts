import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { CliIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import type { Env } from '../../src/runtime/env.js';
import type { CloudFormationStandin } from '../../test-rig/cfn-standin.js';
import { awsEnv } from './support.js';

/**
 * The operator's shell, for the CLI in process or as the bundle: the stand-ins' endpoints, no AWS
 * profile, and nothing a runner (or a registry default) would leak in. The SDK's notice on Node 20
 * is off, so that stderr holds only what the CLI says.
 */
export function operatorShell(
  cfn: CloudFormationStandin,
  dynamoUrl: string,
  user = 'oncall'
): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(INPUT_|GITHUB_|STATE_|RUNNER_|ACTIONS_|AWS_|DEPLOY_COORDINATOR_REGISTRY)/.test(k)
    )
  );
  const nowhere = join(tmpdir(), 'dc-cli-test-no-such-aws-file');
  return {
    ...inherited,
    ...awsEnv(cfn),
    AWS_ENDPOINT_URL_DYNAMODB: dynamoUrl,
    AWS_CONFIG_FILE: nowhere,
    AWS_SHARED_CREDENTIALS_FILE: nowhere,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    USER: user
  };
}

/**
 * The operator CLI in this process: `runCli` as the bundle's entry calls it
 * (`process.exitCode = await runCli(argv)`), framed as the child process it stands for: what it
 * writes to stdout and stderr kept exactly as written, stdin empty (`stdio: 'ignore'`), stdout not
 * a terminal (a pipe), `env` (the shell the child would get) as its environment. It saves loading
 * the AWS SDK once per call. The files keep spawning the bundle where a process is the point
 * (signals, answers on stdin, the bundle itself), and compare the two on representative cases.
 */
export interface InProcessRun {
  readonly stdoutSoFar: () => string;
  readonly stderrSoFar: () => string;
  readonly done: Promise<{ code: number; stdout: string; stderr: string }>;
}

export function startInProcess(args: readonly string[], env: Env): InProcessRun {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stdin: Readable.from([]),
    terminal: false,
    env: { ...env }
  };
  const release = useAwsVariables(env);
  const done = runCli(args, io).finally(release);
  return {
    stdoutSoFar: () => stdout,
    stderrSoFar: () => stderr,
    done: done.then((code) => ({ code, stdout, stderr }))
  };
}

// The AWS SDK's clients read their endpoints (AWS_ENDPOINT_URL_*), credentials and config files
// from `process.env`, not from the CLI's `env`: while a run is in flight, `process.env` holds the
// `AWS_*` variables of its shell, and the file's own are back after the file (jest gives each test
// file its own copy of `process.env`). Runs at the same time must agree on them.

const isAws = (k: string): boolean => k.startsWith('AWS_');
const saved = new Map<string, string | undefined>();
let inFlight = 0;
let current = '';

function useAwsVariables(env: Env): () => void {
  const wanted = Object.entries(env).filter(
    (e): e is [string, string] => isAws(e[0]) && e[1] !== undefined
  );
  const signature = JSON.stringify(wanted.sort());
  if (inFlight > 0 && signature !== current)
    throw new Error('in-process CLI runs at the same time need the same AWS_* variables');
  for (const k of Object.keys(process.env).filter(isAws)) {
    if (!saved.has(k)) saved.set(k, process.env[k]);
    delete process.env[k];
  }
  for (const [k, v] of wanted) {
    if (!saved.has(k)) saved.set(k, undefined);
    process.env[k] = v;
  }
  current = signature;
  inFlight += 1;
  return () => {
    inFlight -= 1;
  };
}

afterAll(() => {
  for (const k of Object.keys(process.env).filter(isAws)) delete process.env[k];
  for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
  saved.clear();
});
