// Bundles each stage on its own with ncc, so each loads only what it uses.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

export const ENTRIES = ['pre', 'coordinate', 'monitor', 'finalize', 'cli'];

rmSync('dist', { recursive: true, force: true });
for (const entry of ENTRIES) {
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      `src/entries/${entry}.ts`,
      '--out',
      `dist/${entry}`,
      '--license',
      'licenses.txt',
      '--quiet'
    ],
    { stdio: 'inherit' }
  );
}
