/**
 * The Slack token reaches the detached monitor on its standard input, never in its environment
 * (which any process of the same user can read for as long as the monitor lives), its arguments or
 * its settings file: coordinate writes it to the supervisor's stdin and closes it, and the
 * supervisor does the same for each worker it starts. Empty: no Slack.
 */
import type { Readable, Writable } from 'node:stream';

/** Longest a process waits for its secret (the writer closes the pipe at once). */
const SECRET_WAIT_MS = 5_000;
/** Far more than a token: anything longer is not one. */
const SECRET_MAX_BYTES = 4_096;

/** Reads the secret a parent wrote to `input` (until it closes it); '' if none came in time. */
export function readSecret(
  input: Readable & { isTTY?: boolean },
  waitMs = SECRET_WAIT_MS
): Promise<string> {
  // Started by hand in a terminal: nobody hands a secret over (and typing is not one).
  if (input.isTTY) return Promise.resolve('');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (value: string): void => {
      clearTimeout(timer);
      input.removeAllListeners('data');
      input.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done(''), waitMs);
    input.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > SECRET_MAX_BYTES) return done('');
      chunks.push(chunk);
    });
    input.once('end', () => done(Buffer.concat(chunks).toString('utf8').trim()));
    input.once('error', () => done(''));
  });
}

/** Hands `secret` to a child on its stdin and closes it. */
export function handSecret(stdin: Writable | null, secret: string | undefined): void {
  if (!stdin) return;
  stdin.on('error', () => undefined);
  stdin.end(secret ?? '');
}
