import { createInterface } from 'node:readline';
import { processEnv, type Env } from '../runtime/env.js';

/**
 * Everything the CLI reads and writes outside its AWS calls: the process's own streams and
 * environment (`processIO`, what `deploy-coordinator` runs with), or a caller's. (The AWS SDK's
 * clients read their credentials and endpoints from `process.env` themselves, as the SDK does.)
 */
export interface CliIO {
  /** stdout, written as given: the command's result. */
  readonly stdout: (text: string) => void;
  /** stderr, written as given: the log, refusals, usage errors and questions. */
  readonly stderr: (text: string) => void;
  /** stdin: the answers to questions (doctor --fix). */
  readonly stdin: NodeJS.ReadableStream;
  /** Whether stdout is a terminal (status --watch then redraws in place). */
  readonly terminal: boolean;
  /** The shell's variables: the table, the region, the operator's name, the workflow run. */
  readonly env: Env;
}

export const processIO: CliIO = {
  stdout: (t) => {
    process.stdout.write(t);
  },
  stderr: (t) => {
    process.stderr.write(t);
  },
  get stdin() {
    return process.stdin;
  },
  get terminal() {
    return Boolean(process.stdout.isTTY);
  },
  env: processEnv
};

export interface Questioner {
  ask(question: string): Promise<string>;
  close(): void;
}

/** Asks each question on stderr and reads the answers from stdin, one line each ('' at its end). */
export function questioner(io: CliIO): Questioner {
  const rl = createInterface({ input: io.stdin, terminal: false });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let ended = false;
  rl.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  rl.on('close', () => {
    ended = true;
    for (const w of waiting.splice(0)) w('');
  });
  return {
    ask: (q) => {
      io.stderr(q);
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve(line);
      if (ended) return Promise.resolve('');
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () => rl.close()
  };
}
