import { blocking, warningsOf, type Finding } from './findings.js';

/** What the go/no-go decision needs, all of it given: no I/O but through `ask`. */
export interface GoNoGoInput {
  readonly environment: string;
  readonly findings: readonly Finding[];
  /** The warnings input: go on, stop, or ask a person. */
  readonly warnings: 'proceed' | 'fail' | 'ask';
  /** The on-active-failure input, for when the deployment this run waited for failed. */
  readonly onActiveFailure: 'proceed' | 'abort' | 'ask';
  readonly activeFailed: boolean;
}

export interface Verdict {
  readonly result: 'acquired' | 'blocked' | 'aborted';
  /** What to say about it, when it is more than 'go'. */
  readonly say?: {
    readonly level: 'error' | 'warning';
    readonly message: string;
    readonly title: string;
  };
}

/** Asks a person a yes/no question (Slack); false when nobody can be asked or the answer is no. */
export type Ask = (question: string) => Promise<boolean>;

/**
 * Go or no-go, in order: blocking findings stop the run; warnings fail it or are put to a person;
 * then, when the deployment this run waited for failed, on-active-failure decides.
 */
export async function goNoGo(input: GoNoGoInput, ask: Ask): Promise<Verdict> {
  const { environment, findings } = input;
  const stop = blocking(findings);
  if (stop.length > 0)
    return no('blocked', {
      message: `Blocked: ${stop.map((f) => f.code).join(', ')}. Nothing was deployed.`,
      title: 'Deployment blocked'
    });
  const warnings = warningsOf(findings);
  if (warnings.length > 0 && input.warnings === 'fail')
    return no('blocked', {
      message: `warnings is 'fail' and validation found ${warnings.length} warning(s): not deploying.`,
      title: 'Deployment blocked by warnings'
    });
  if (warnings.length > 0 && input.warnings === 'ask') {
    const codes = warnings.map((w) => w.code).join(', ');
    const question = `Deploy ${environment} despite ${warnings.length} warning(s) (${codes})?`;
    if (!(await ask(question))) return { result: 'aborted' };
  }
  if (!input.activeFailed) return { result: 'acquired' };
  switch (input.onActiveFailure) {
    case 'abort':
      return no('aborted', {
        message: `The deployment this run waited for failed and on-active-failure is 'abort': not deploying.`,
        title: 'Active deployment failed'
      });
    case 'ask':
      return (await ask(`The deployment this run waited for failed. Deploy ${environment} anyway?`))
        ? { result: 'acquired' }
        : { result: 'aborted' };
    case 'proceed':
      return {
        result: 'acquired',
        say: {
          level: 'warning',
          message: `The deployment this run waited for failed; proceeding (on-active-failure: proceed).`,
          title: 'Active deployment failed'
        }
      };
  }
}

const no = (result: 'blocked' | 'aborted', say: { message: string; title: string }): Verdict => ({
  result,
  say: { level: 'error', ...say }
});

/** What the wait saw of the deployment it waited for. */
export interface WaitedFor {
  /** The lock as this run found it on acquiring: its last holder and that one's outcome. */
  readonly lockBefore?: { readonly lastHolder?: string; readonly lastOutcome?: string };
  readonly waitedFor: readonly { readonly correlationId: string }[];
  /** Names of the stacks seen busy while waiting. */
  readonly busyStacks: readonly string[];
  /** The stacks' classes now, by name. */
  readonly classes: ReadonlyMap<string, string>;
}

/** The deployment this run waited for failed: the last holder's outcome, or a stack it saw busy ended in failure. */
export function activeFailed(w: WaitedFor): boolean {
  const last = w.lockBefore;
  if (last?.lastHolder && w.waitedFor.some((h) => h.correlationId === last.lastHolder))
    return last.lastOutcome === 'failed';
  return w.busyStacks.some((name) =>
    ['stable-after-failure', 'blocked'].includes(w.classes.get(name) ?? '')
  );
}
