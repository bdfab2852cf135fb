import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
};

/** Rows of the markdown table under a `## heading`. */
function table(heading: string): string[][] {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) =>
      l
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\\|/g, '|'))
    );
}

const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('the README agrees with action.yml', () => {
  it('lists every input with its default and meaning', () => {
    const rows = table('Inputs');
    expect(rows.map((r) => r[0])).toEqual(Object.keys(action.inputs).map((k) => `\`${k}\``));
    for (const [name, def, meaning] of rows) {
      const input = action.inputs[name!.replace(/`/g, '')]!;
      const expected = input.required
        ? 'required'
        : input.default === ''
          ? '(empty)'
          : `\`${input.default}\``;
      expect([name, def]).toEqual([name, expected]);
      expect(meaning).toBe(flat(input.description));
    }
  });

  it('lists every output with its meaning', () => {
    const rows = table('Outputs');
    expect(rows.map((r) => r[0])).toEqual(Object.keys(action.outputs).map((k) => `\`${k}\``));
    for (const [name, meaning] of rows)
      expect(meaning).toBe(flat(action.outputs[name!.replace(/`/g, '')]!.description));
  });

  it('shows the quick-start test command', () => {
    expect(readme).toContain('npm ci && npm test');
  });
});
