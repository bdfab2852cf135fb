import { formatDuration } from '../domain/durations.js';
import {
  failedResources,
  recoveryAction,
  recoveryInstructions,
  type RecoveryPolicy,
  type RecoveryResult
} from '../domain/recovery.js';

export type { RecoveryResult } from '../domain/recovery.js';
import { classifyStatus, type RequiredAction } from '../domain/stack-status.js';
import { isStackEvent, type StackEvent, type StackSnapshot } from '../domain/stack.js';
import type { StackReader, StackRecovery } from '../ports/cloudformation.js';
import type { Clock, Logger, Sleep } from '../ports/runtime.js';

export interface RecoverDeps {
  readonly reader: StackReader;
  readonly recovery: StackRecovery;
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly log: Logger;
  /** False once this run no longer holds the lock: a repair is the holder's to wait for. */
  readonly holding?: () => boolean;
  /** Asked before each repair call: only a holder sure of its lease may start one. */
  readonly mayRepair?: () => Promise<boolean>;
}

/**
 * Repairs what the policy allows: RollbackStack, ContinueUpdateRollback, or
 * DeleteStack for a failed create, then waits for CloudFormation to finish and
 * checks the result (a deleted stack must be gone).
 */
export async function recoverStacks(
  d: RecoverDeps,
  stacks: readonly StackSnapshot[],
  policy: RecoveryPolicy,
  timeoutMs: number,
  pollMs: number
): Promise<RecoveryResult[]> {
  const results: RecoveryResult[] = [];
  for (const stack of stacks) {
    const action = recoveryAction(stack.status, policy);
    if (!action) continue;
    if (d.mayRepair && !(await d.mayRepair())) {
      d.log.warning(
        `Recovery of ${stack.name} not started: this run is not sure it holds the lock.`
      );
      continue;
    }
    const startedAt = d.clock.now();
    d.log.info(
      `Recovery: ${stack.name} is ${stack.status}; ${action === 'rollback' ? 'RollbackStack' : action === 'continue-rollback' ? 'ContinueUpdateRollback' : 'DeleteStack'}.`
    );
    // The repair's own events come after this one: its end is the first stack-level event that is
    // not *_IN_PROGRESS, however fast it came and whatever status the stack was in before.
    let cursor: string | undefined;
    try {
      cursor = (await d.reader.eventsSince(stack.name)).at(-1)?.id;
      if (action === 'rollback') await d.recovery.rollbackStack(stack.name);
      else if (action === 'continue-rollback') await d.recovery.continueUpdateRollback(stack.name);
      else await d.recovery.deleteStack(stack.name);
    } catch (err) {
      results.push(
        await failed(
          d,
          stack.name,
          action,
          stack.status,
          startedAt,
          `the call failed: ${(err as Error).message}`
        )
      );
      continue;
    }
    let status = stack.status;
    let now = d.clock.now();
    let ended: StackEvent | undefined;
    while (now - startedAt < timeoutMs && !ended && d.holding?.() !== false) {
      await d.sleep(Math.min(pollMs, timeoutMs - (now - startedAt)));
      const fresh = cursor ? await d.reader.eventsSince(stack.name, cursor) : [];
      cursor = fresh.at(-1)?.id ?? cursor;
      ended = fresh.find((e) => isStackEvent(e) && !e.status.endsWith('_IN_PROGRESS'));
      [{ status } = { status }] = await d.reader.describeStacks([stack.name]);
      now = d.clock.now();
      // A deleted stack has no events to read by name; a stack without a cursor falls back to its status.
      if (classifyStatus(status).class === 'does-not-exist') break;
      if (!cursor && status !== stack.status && classifyStatus(status).class !== 'in-progress')
        break;
    }
    const cls = classifyStatus(status).class;
    const ok =
      action === 'delete'
        ? cls === 'does-not-exist'
        : cls === 'stable' || cls === 'stable-after-failure';
    if (ok) {
      d.log.info(`Recovery: ${stack.name} is ${status} after ${formatDuration(now - startedAt)}.`);
      results.push({ stack: stack.name, action, ok, finalStatus: status, instructions: [] });
    } else {
      results.push(
        await failed(
          d,
          stack.name,
          action,
          status,
          startedAt,
          d.holding?.() === false
            ? `stopped waiting: this run no longer holds the lock (still ${status})`
            : ended || !classifyStatus(status).class.startsWith('in-progress')
              ? `ended ${status}${ended?.reason ? `: ${ended.reason}` : ''}`
              : `still ${status} after ${formatDuration(now - startedAt)}`
        )
      );
    }
  }
  return results;
}

async function failed(
  d: RecoverDeps,
  stack: string,
  action: RequiredAction,
  status: string,
  sinceMs: number,
  why: string
): Promise<RecoveryResult> {
  const [snapshot] = await d.reader.describeStacks([stack]);
  // Only what failed during the repair: those are the resources to fix or skip.
  const op = await d.reader.currentOperation(stack);
  const instructions = recoveryInstructions(
    stack,
    snapshot?.status ?? status,
    failedResources(op.events.filter((e) => e.timestamp.getTime() >= sinceMs)),
    snapshot ? d.reader.consoleUrl(snapshot) : ''
  );
  d.log.error(`Recovery of ${stack} failed (${why}).\n${instructions.join('\n')}`, {
    title: `Recovery failed: ${stack}`
  });
  return { stack, action, ok: false, finalStatus: snapshot?.status ?? status, instructions };
}
