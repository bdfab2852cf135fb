import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// The shape the code keeps: every module fits on a few screens, and the wait's decision does no I/O
// (it is given what the run has seen, the time included, and returns the next step).

const root = fileURLToPath(new URL('../../', import.meta.url));
const MAX_LINES = 300;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
  );
}

const importsOf = (file: string): { from: string; typeOnly: boolean }[] =>
  [
    ...readFileSync(join(root, file), 'utf8').matchAll(
      /^import\s+(type\s+)?[^;]*?from\s+'([^']+)';/gms
    )
  ].map((m) => ({ from: m[2]!, typeOnly: m[1] !== undefined }));

describe('the layout of src/', () => {
  it(`has no module over ${MAX_LINES} lines`, () => {
    const long = sources(join(root, 'src'))
      .map((f) => [relative(root, f), readFileSync(f, 'utf8').split('\n').length - 1] as const)
      .filter(([, lines]) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it('keeps the decision of the wait free of I/O: only pure modules and types', () => {
    for (const file of ['src/coordination/turn-decision.ts', 'src/coordination/turn-sight.ts']) {
      const imports = importsOf(file);
      expect(imports.length).toBeGreaterThan(0);
      for (const { from, typeOnly } of imports)
        expect([
          file,
          from,
          typeOnly || /^\.\.\/domain\/|^\.\/turn-(queue|sight)\.js$/.test(from)
        ]).toEqual([file, from, true]);
    }
    // What the pure modules it imports import in turn: nothing that talks to the world.
    for (const file of [
      'src/coordination/turn-queue.ts',
      'src/domain/priority.ts',
      'src/domain/durations.ts'
    ])
      for (const { from, typeOnly } of importsOf(file))
        expect([
          file,
          from,
          typeOnly ||
            (/^\.\.?\/(domain\/)?[a-z-]+\.js$/.test(from) &&
              !/aws|registry|runtime|slack|github/.test(from))
        ]).toEqual([file, from, true]);
  });
});
