// Bundles the action with ncc: tsc emits src/ as JavaScript once, without checking types (npm
// test's type check does); ncc bundles src/entries/action.ts, the one module behind every entry,
// into <out>/action/ (each stage's code in chunks of its own, shared chunks once); and each entry
// gets <out>/<entry>/index.js, two lines that start it with its name. One webpack build instead of
// one per entry: about a fifth of the CPU.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const node = (what, args) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${what} exited with ${code}`))
    );
  });

/** What dist/<entry>/index.js says: start the bundle as this entry. */
const entryFile = (entry) =>
  `${entry === 'cli' ? '#!/usr/bin/env node\n' : ''}import { start } from '../action/index.js';\n\nawait start('${entry}', import.meta.url);\n`;

/** Builds the bundle into `out/action/` and every entry's `out/<entry>/index.js`. */
export async function bundle(out) {
  rmSync(out, { recursive: true, force: true });
  // A fixed path: the bundle's module IDs derive from it, and dist/ must equal any fresh build.
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
    const action = join(js, 'entries', 'action.js');
    await node('ncc build', [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      action,
      '--out',
      join(out, 'action'),
      '--license',
      'licenses.txt',
      '--quiet',
      // A clean clone gains nothing from webpack's cache, which grows by gigabytes.
      '--no-cache'
    ]);
    const { ENTRIES } = await import(pathToFileURL(action).href);
    for (const entry of ENTRIES) {
      const dir = join(out, entry);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), '{\n  "type": "module"\n}\n');
      writeFileSync(join(dir, 'index.js'), entryFile(entry));
      if (entry === 'cli') chmodSync(join(dir, 'index.js'), 0o755);
    }
  } finally {
    rmSync(js, { recursive: true, force: true });
  }
}
