import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { INPUT_DEFAULTS, INPUT_RANGES, Inputs } from '../../src/config/inputs.js';
import { Outputs } from '../../src/config/state.js';

interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description: string }>;
  runs: Record<string, string>;
}
const load = (file: string): ActionYml =>
  parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')) as ActionYml;
const root = load('action.yml');

describe('action.yml declares the public contract', () => {
  it('declares exactly the inputs the code reads, each with a description', () => {
    expect(Object.keys(root.inputs).sort()).toEqual(Object.values(Inputs).sort());
    for (const input of Object.values(root.inputs))
      expect(input.description.length).toBeGreaterThan(10);
  });

  it('documents the range the parser accepts for every numeric input, in every action file', () => {
    for (const file of [
      'action.yml',
      'coordinate/action.yml',
      'finalize/action.yml',
      'monitor/action.yml'
    ]) {
      const { inputs } = load(file);
      for (const [name, { min, max }] of Object.entries(INPUT_RANGES)) {
        const description = inputs[name]?.description;
        if (description === undefined) continue;
        expect([file, name, description.replace(/\s+/g, ' ')]).toEqual([
          file,
          name,
          expect.stringContaining(
            `Range: ${name === 'wait-timeout-minutes' ? '0, or ' : ''}${min} to ${max}`
          )
        ]);
      }
    }
  });

  it('declares the same defaults the parser applies', () => {
    for (const [name, input] of Object.entries(root.inputs)) {
      if (name === 'github-token') expect(input.default).toBe('${{ github.token }}');
      else if (name === 'stack-name') expect(input.required).toBe(true);
      else
        expect([name, input.default]).toEqual([
          name,
          INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS]
        ]);
    }
  });

  it('declares every output of the contract', () => {
    expect(Object.keys(root.outputs ?? {}).sort()).toEqual(Object.values(Outputs).sort());
  });

  it('runs on node24 with pre, main and an always-run post', () => {
    expect(root.runs).toEqual({
      using: 'node24',
      pre: 'dist/pre/index.js',
      main: 'dist/coordinate/index.js',
      post: 'dist/finalize/index.js',
      'post-if': 'always()'
    });
  });

  it.each(['coordinate', 'monitor', 'finalize'])(
    'the %s sub-action uses the same bundles and a subset of the same inputs',
    (dir) => {
      const sub = load(`${dir}/action.yml`);
      expect(sub.runs['using']).toBe('node24');
      expect(sub.runs['main']).toBe(`../dist/${dir}/index.js`);
      expect(sub.inputs['stack-name']).toBeDefined();
      for (const [name, input] of Object.entries(sub.inputs))
        expect([name, input]).toEqual([name, root.inputs[name]]);
    }
  );

  it('gives the coordinate sub-action every output', () => {
    expect(load('coordinate/action.yml').outputs).toEqual(root.outputs);
  });
});

describe("the adopters' workflow", () => {
  const workflow = parse(
    readFileSync(new URL('../../.github/workflows/ci-cd.yml', import.meta.url), 'utf8')
  ) as {
    jobs: Record<
      string,
      {
        needs?: string;
        steps: Array<{
          id?: string;
          uses?: string;
          with?: Record<string, unknown>;
          run?: string;
          if?: string;
        }>;
      }
    >;
  };

  it('uses only inputs the action declares, and feeds its outputs to the deploy step', () => {
    for (const name of ['deploy-staging', 'deploy-production']) {
      const steps = workflow.jobs[name]!.steps;
      const coord = steps.find((s) => s.id === 'coord')!;
      expect(coord.uses).toMatch(/deploy-coordinator@v1$/);
      for (const input of Object.keys(coord.with ?? {}))
        expect(Object.keys(root.inputs)).toContain(input);
      const deploy = steps.find((s) => s.run?.includes('cdk deploy'))!;
      expect(deploy.if).toBe("steps.coord.outputs.result == 'acquired'");
      expect(deploy.run).toContain('${{ steps.coord.outputs.correlation-id }}');
    }
  });

  it('waits up to 30 minutes in staging and 60 in production, after build and test', () => {
    expect(
      workflow.jobs['deploy-staging']!.steps.find((s) => s.id === 'coord')!.with![
        'wait-timeout-minutes'
      ]
    ).toBe(30);
    expect(
      workflow.jobs['deploy-production']!.steps.find((s) => s.id === 'coord')!.with![
        'wait-timeout-minutes'
      ]
    ).toBe(60);
    expect(workflow.jobs['deploy-staging']!.needs).toBe('build');
    expect(workflow.jobs['deploy-production']!.needs).toBe('deploy-staging');
  });
});
