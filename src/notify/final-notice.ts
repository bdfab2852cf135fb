/**
 * The end of a deployment's thread, from what finalize knows: the final reply
 * (succeeded or failed, broadcast to the channel by the sender) and the
 * parent re-rendered in its final state. Pure: finalize sends it.
 */
import type { RecoveryResult } from '../domain/recovery.js';
import type { Outcome } from '../domain/outcome.js';
import type { RootCause } from '../domain/root-cause.js';
import type { StackEvent } from '../domain/stack.js';
import { isRootCauseFailure } from '../domain/watch.js';
import type { DeploymentInfo, RenderedMessage } from './blocks.js';
import { failedMessage, succeededMessage, type FailedDetails } from './outcome-messages.js';
import { startedMessage, type DeploymentState } from './start-messages.js';

/** How the deployment ended, as finalize assessed it. */
export interface DeploymentEnd {
  readonly outcome: Outcome;
  /** First and last stack event of this deployment's operation. */
  readonly startedAt: Date;
  readonly endedAt: Date;
  /** This deployment's stack events, oldest first. */
  readonly events: readonly StackEvent[];
  /** What finalize repaired (or tried to). */
  readonly recoveries: readonly RecoveryResult[];
  /** From the url-output stack output: outside text. */
  readonly appUrl?: string;
  /** Why a failed deployment failed (`rootCauseOf`); else the first failed resource in `events`. */
  readonly rootCause?: RootCause;
  /** The thread's permalink, linked from the final reply. */
  readonly threadUrl?: string;
}

export interface FinalNotice {
  /** The final reply, posted in the thread and broadcast: only for a success or a failure. */
  readonly post?: { readonly label: 'succeeded' | 'failed'; readonly message: RenderedMessage };
  /** The thread parent in its final state, for `chat.update`. */
  readonly parent: RenderedMessage;
}

export function finalNotice(
  info: DeploymentInfo,
  end: DeploymentEnd,
  stackNames: readonly string[]
): FinalNotice {
  const durationMs = end.endedAt.getTime() - end.startedAt.getTime();
  const parent = startedMessage(info, {
    state: finalState(end.outcome),
    startedAt: end.startedAt,
    endedAt: end.endedAt
  });
  if (end.outcome === 'succeeded') {
    const message = succeededMessage(info, {
      durationMs,
      expectedMs: info.estimate.expectedMs,
      appUrl: end.appUrl,
      threadUrl: end.threadUrl
    });
    return { post: { label: 'succeeded', message }, parent };
  }
  if (end.outcome === 'failed') {
    const message = failedMessage(info, {
      durationMs,
      rootCause: end.rootCause ?? end.events.find(isRootCauseFailure),
      rollback: rollbackSummary(end.recoveries),
      troubleshooting: troubleshooting(stackNames),
      threadUrl: end.threadUrl
    });
    return { post: { label: 'failed', message }, parent };
  }
  return { parent };
}

/** The parent's final state: the outcome itself, or 'cancelled' for anything else. */
export function finalState(outcome: Outcome): DeploymentState {
  switch (outcome) {
    case 'succeeded':
    case 'failed':
    case 'no-change':
    case 'still-running':
      return outcome;
    default:
      return 'cancelled';
  }
}

/** What the repairs did, for the failed reply; none without a repair. */
export function rollbackSummary(recoveries: readonly RecoveryResult[]): FailedDetails['rollback'] {
  if (recoveries.length === 0) return undefined;
  return {
    action: recoveries.map((r) => `${r.action} ${r.stack}`).join(', '),
    result: recoveries
      .map(
        (r) =>
          `${r.stack} ${r.ok ? 'is' : 'still'} ${r.finalStatus}${r.ok ? '' : ': needs a person (see the job summary)'}`
      )
      .join('; ')
  };
}

/** The troubleshooting bullets of a failed reply: the commands to look at each stack's events first. */
export function troubleshooting(stackNames: readonly string[]): string[] {
  return [
    ...stackNames.map(
      (s) => `aws cloudformation describe-stack-events --stack-name ${s} --max-items 30`
    ),
    'Check the failing resource above, fix the template or parameters, and push again.',
    'A stack left in UPDATE_FAILED or UPDATE_ROLLBACK_FAILED needs a rollback before the next deployment.'
  ];
}
