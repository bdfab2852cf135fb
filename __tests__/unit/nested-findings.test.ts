import { otherFindings } from '../../src/domain/findings.js';
import type { StackSnapshot } from '../../src/domain/stack.js';

const ROOT = 'arn:aws:cloudformation:us-east-1:123456789012:stack/App/1111';
const snapshot = (s: Partial<StackSnapshot>): StackSnapshot => ({
  name: 'App',
  exists: true,
  status: 'UPDATE_ROLLBACK_FAILED',
  stackId: ROOT,
  tags: {},
  outputs: {},
  ...s
});
const ctx = { registryConfigured: true };

describe('a stack stuck in a tree of nested stacks, as validation reports it', () => {
  it("a root's continue-rollback: a nested resource is skipped as NestedStackLogicalId.ResourceLogicalId", () => {
    const [f] = otherFindings([snapshot({})], ctx);
    expect(f?.code).toBe('STACK_NEEDS_CONTINUE_ROLLBACK');
    expect(f?.resolution).toContain(
      'A resource inside a nested stack is skipped as NestedStackLogicalId.ResourceLogicalId (Data.Db), never by its own logical ID, and never the nested stack resource itself.'
    );
  });

  it('a nested stack named as a covered stack: repaired through its root only, every command naming the root', () => {
    const [f] = otherFindings(
      [
        snapshot({
          name: 'App-Data-ABC',
          stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/App-Data-ABC/2222',
          rootId: ROOT
        })
      ],
      ctx
    );
    expect(f?.code).toBe('STACK_NEEDS_CONTINUE_ROLLBACK');
    expect(f?.resolution[0]).toBe(
      `App-Data-ABC is a nested stack: it is repaired only through its root stack ${ROOT}.`
    );
    const commands = f?.resolution.filter((r) => r.includes('aws cloudformation')) ?? [];
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(c).toContain(`--stack-name ${ROOT}`);
  });
});

describe('a nested stack that can only be deleted', () => {
  it('is never answered with the deletion of its root (the whole environment)', () => {
    const [f] = otherFindings(
      [
        snapshot({
          name: 'App-Data-ABC',
          status: 'DELETE_FAILED',
          stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/App-Data-ABC/2222',
          rootId: ROOT
        })
      ],
      ctx
    );
    expect(f?.code).toBe('STACK_NEEDS_DELETE');
    const said = f?.resolution.join('\n') ?? '';
    expect(said).toContain(`Update the root stack ${ROOT}`);
    expect(said).not.toMatch(/delete-stack|or delete the root/);
  });
});
