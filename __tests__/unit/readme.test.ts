import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
};

/**
 * The header and the rows of the (only) markdown table under a `## heading`: every row, not only
 * those that look like an input or an output.
 */
function table(heading: string): { header: string[]; rows: string[][] } {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
  const lines = section.split('\n').filter((l) => l.startsWith('|'));
  const cells = (l: string): string[] =>
    l
      .trim()
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|'));
  expect(lines.length).toBeGreaterThan(2);
  expect(cells(lines[1]!).every((c) => /^:?-{3,}:?$/.test(c))).toBe(true);
  const rows = lines.slice(2).map(cells);
  // One table only: a second one (say, a second header row) would be read as rows here.
  for (const row of rows) expect(row.some((c) => /^:?-{3,}:?$/.test(c))).toBe(false);
  return { header: cells(lines[0]!), rows };
}

const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('the README agrees with action.yml', () => {
  it('lists every input with its default and meaning', () => {
    const { header, rows } = table('Inputs');
    expect(header).toEqual(['input', 'default', 'meaning']);
    for (const row of rows) expect(row).toHaveLength(3);
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
    const { header, rows } = table('Outputs');
    expect(header).toEqual(['output', 'meaning']);
    for (const row of rows) expect(row).toHaveLength(2);
    expect(rows.map((r) => r[0])).toEqual(Object.keys(action.outputs).map((k) => `\`${k}\``));
    for (const [name, meaning] of rows)
      expect(meaning).toBe(flat(action.outputs[name!.replace(/`/g, '')]!.description));
  });

  it('shows the two quick-start commands', () => {
    const quickStart = readme.split('\n## Quick start\n')[1]?.split('\n## ')[0] ?? '';
    expect(quickStart).toContain('npm ci && npm run demo');
    expect(quickStart).toContain('npm ci && npm test');
  });

  it('has one usage example, which uses only inputs and outputs of action.yml', () => {
    const usage = readme.split('\n## Usage\n')[1]?.split('\n## ')[0] ?? '';
    const blocks = [...usage.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
    expect(blocks).toHaveLength(1);
    const workflow = parse(blocks[0]!) as {
      jobs: Record<
        string,
        { steps: { id?: string; uses?: string; with?: Record<string, unknown> }[] }
      >;
    };
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const ours = steps.filter((s) => s.uses?.startsWith('OWNER/deploy-coordinator@'));
    expect(ours).toHaveLength(1);
    const given = Object.keys(ours[0]!.with ?? {});
    expect(given.filter((k) => !(k in action.inputs))).toEqual([]);
    const required = Object.keys(action.inputs).filter((k) => action.inputs[k]!.required);
    expect(required.filter((k) => !given.includes(k))).toEqual([]);
    const used = [...blocks[0]!.matchAll(/steps\.(\w+)\.outputs\.([\w-]+)/g)];
    expect(used.length).toBeGreaterThan(0);
    for (const [, id, output] of used) {
      expect(id).toBe(ours[0]!.id);
      expect(Object.keys(action.outputs)).toContain(output);
    }
  });
});
