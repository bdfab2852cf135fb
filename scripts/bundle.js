// Bundles each stage on its own with ncc (so each loads only what it uses), several at a time.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

export const ENTRIES = ['pre', 'coordinate', 'monitor', 'finalize', 'cli'];

const ncc = (entry, out) =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        'node_modules/@vercel/ncc/dist/ncc/cli.js',
        'build',
        `src/entries/${entry}.ts`,
        '--out',
        join(out, entry),
        '--license',
        'licenses.txt',
        '--quiet'
      ],
      { stdio: 'inherit' }
    );
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`ncc build of ${entry} exited with ${code}`))
    );
  });

/** Builds every entry into `out/<entry>/index.js`, as many at once as there are cores. */
export async function bundle(out) {
  rmSync(out, { recursive: true, force: true });
  const queue = [...ENTRIES];
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) await ncc(entry, out);
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), queue.length) }, worker));
}
