// Bundles each stage on its own with ncc (so each loads only what it uses), several at a time.
// tsc emits src/ as JavaScript once, without checking types (npm test's type check does); ncc bundles
// each entry from that, which spares it a TypeScript compile per entry.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

export const ENTRIES = ['pre', 'coordinate', 'monitor', 'finalize', 'cli'];

const node = (what, args) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${what} exited with ${code}`))
    );
  });

/** Builds every entry into `out/<entry>/index.js`, as many at once as there are cores. */
export async function bundle(out) {
  rmSync(out, { recursive: true, force: true });
  // A fixed path: the bundles' module IDs derive from it, and dist/ must equal any fresh build.
  const js = join('.tmp', 'js');
  rmSync(js, { recursive: true, force: true });
  try {
    await node('tsc', [
      'node_modules/typescript/bin/tsc',
      '-p',
      'tsconfig.build.json',
      // Emit only: the type check is npm test's own.
      '--noCheck',
      '--outDir',
      js
    ]);
    const queue = [...ENTRIES];
    const worker = async () => {
      for (let entry = queue.shift(); entry; entry = queue.shift())
        await node(`ncc build of ${entry}`, [
          'node_modules/@vercel/ncc/dist/ncc/cli.js',
          'build',
          join(js, 'entries', `${entry}.js`),
          '--out',
          join(out, entry),
          '--license',
          'licenses.txt',
          '--quiet',
          '--no-cache'
        ]);
    };
    await Promise.all(
      Array.from({ length: Math.min(availableParallelism(), queue.length) }, worker)
    );
  } finally {
    rmSync(js, { recursive: true, force: true });
  }
}
