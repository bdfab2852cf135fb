import { activeFailed, goNoGo, type GoNoGoInput } from '../../src/domain/go-no-go.js';
import type { Finding } from '../../src/domain/findings.js';

const finding = (code: string, severity: Finding['severity']): Finding => ({
  code,
  severity,
  message: code,
  resolution: []
});
const input = (over: Partial<GoNoGoInput> = {}): GoNoGoInput => ({
  environment: 'production',
  findings: [],
  warnings: 'proceed',
  onActiveFailure: 'proceed',
  activeFailed: false,
  ...over
});
/** An ask that records the questions and answers as told. */
function asker(answer: boolean): { ask: (q: string) => Promise<boolean>; asked: string[] } {
  const asked: string[] = [];
  return { asked, ask: async (q) => (asked.push(q), answer) };
}

describe('goNoGo', () => {
  it('goes when nothing is found and nothing failed, asking nobody', async () => {
    const { ask, asked } = asker(false);
    expect(await goNoGo(input(), ask)).toEqual({ result: 'acquired' });
    expect(asked).toEqual([]);
  });

  it('a blocking finding blocks before anything is asked, naming the codes', async () => {
    const { ask, asked } = asker(true);
    const verdict = await goNoGo(
      input({
        findings: [finding('STACK_NEEDS_ROLLBACK', 'blocking'), finding('W', 'warning')],
        warnings: 'ask'
      }),
      ask
    );
    expect(verdict).toEqual({
      result: 'blocked',
      say: {
        level: 'error',
        message: 'Blocked: STACK_NEEDS_ROLLBACK. Nothing was deployed.',
        title: 'Deployment blocked'
      }
    });
    expect(asked).toEqual([]);
  });

  it("warnings 'fail' blocks; 'proceed' goes on; 'ask' puts them to a person", async () => {
    const findings = [finding('STACK_DRIFTED', 'warning'), finding('NOTE', 'info')];
    expect((await goNoGo(input({ findings, warnings: 'fail' }), asker(true).ask)).result).toBe(
      'blocked'
    );
    expect((await goNoGo(input({ findings }), asker(false).ask)).result).toBe('acquired');
    const yes = asker(true);
    expect((await goNoGo(input({ findings, warnings: 'ask' }), yes.ask)).result).toBe('acquired');
    expect(yes.asked).toEqual(['Deploy production despite 1 warning(s) (STACK_DRIFTED)?']);
    expect((await goNoGo(input({ findings, warnings: 'ask' }), asker(false).ask)).result).toBe(
      'aborted'
    );
  });

  it('a failed awaited deployment: abort stops, ask asks, proceed goes on with a warning', async () => {
    expect(
      await goNoGo(input({ activeFailed: true, onActiveFailure: 'abort' }), asker(true).ask)
    ).toMatchObject({
      result: 'aborted',
      say: { level: 'error', title: 'Active deployment failed' }
    });
    const no = asker(false);
    expect(
      (await goNoGo(input({ activeFailed: true, onActiveFailure: 'ask' }), no.ask)).result
    ).toBe('aborted');
    expect(no.asked).toEqual([
      'The deployment this run waited for failed. Deploy production anyway?'
    ]);
    expect(await goNoGo(input({ activeFailed: true }), asker(false).ask)).toMatchObject({
      result: 'acquired',
      say: { level: 'warning', title: 'Active deployment failed' }
    });
  });
});

describe('activeFailed', () => {
  const classes = new Map([['AppStack', 'stable']]);
  it("is the last holder's outcome when this run waited for that holder", () => {
    const waitedFor = [{ correlationId: 'a' }];
    const failed = { lastHolder: 'a', lastOutcome: 'failed' };
    expect(activeFailed({ lockBefore: failed, waitedFor, busyStacks: [], classes })).toBe(true);
    const ok = { lastHolder: 'a', lastOutcome: 'succeeded' };
    expect(activeFailed({ lockBefore: ok, waitedFor, busyStacks: [], classes })).toBe(false);
  });

  it('else whether a stack seen busy ended in failure', () => {
    const failedNow = new Map([['AppStack', 'stable-after-failure']]);
    const w = { waitedFor: [], busyStacks: ['AppStack'] };
    expect(activeFailed({ ...w, classes: failedNow })).toBe(true);
    expect(activeFailed({ ...w, classes })).toBe(false);
    expect(activeFailed({ waitedFor: [], busyStacks: [], classes: failedNow })).toBe(false);
  });
});
