import { formatDuration } from '../domain/durations.js';
import {
  isNested,
  nestedSkips,
  recoveryAction,
  recoveryInstructions,
  rollbackFailures,
  type RecoveryPolicy,
  type RecoveryResult,
  type StuckResource
} from '../domain/recovery.js';
import { nestedStackOf } from '../domain/tree.js';

export type { RecoveryResult } from '../domain/recovery.js';
import { classifyStatus, type RequiredAction } from '../domain/stack-status.js';
import {
  isStackEvent,
  MAX_NESTED_READ_DEPTH,
  type StackEvent,
  type StackSnapshot
} from '../domain/stack.js';
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
    if (isNested(stack)) {
      d.log.info(
        `Recovery: ${stack.name} is ${stack.status}, but it is a nested stack: it is repaired through its root stack (${stack.rootId}) only, never on its own.`
      );
      continue;
    }
    // What failed to roll back inside nested stacks is skipped, named as CloudFormation requires
    // (`Data.Db`: the plain `Db` is not the root's, and `Data` cannot be skipped while its stack is
    // stuck). The root's own failed resources are retried, not skipped. Read before the lease is
    // confirmed: nothing slow runs between that and the repair call.
    const skip =
      action === 'continue-rollback'
        ? nestedSkips(
            await stuckResources(d.reader, stack.name).catch((err: unknown) => {
              d.log.debug(
                `Could not read what failed to roll back in ${stack.name} (nothing skipped): ${(err as Error).message}`
              );
              return [];
            })
          )
        : [];
    if (d.mayRepair && !(await d.mayRepair())) {
      d.log.warning(
        `Recovery of ${stack.name} not started: this run is not sure it holds the lock.`
      );
      continue;
    }
    const startedAt = d.clock.now();
    d.log.info(
      `Recovery: ${stack.name} is ${stack.status}; ${action === 'rollback' ? 'RollbackStack' : action === 'continue-rollback' ? 'ContinueUpdateRollback' : 'DeleteStack'}${skip.length > 0 ? `, skipping ${skip.join(', ')} (failed to roll back inside nested stacks: left as they are)` : ''}.`
    );
    // The repair's own events come after this one: its end is the first stack-level event that is
    // not *_IN_PROGRESS, however fast it came and whatever status the stack was in before.
    let cursor: string | undefined;
    try {
      cursor = (await d.reader.eventsSince(stack.name)).at(-1)?.id;
      if (action === 'rollback') await d.recovery.rollbackStack(stack.name);
      else if (action === 'continue-rollback')
        await d.recovery.continueUpdateRollback(stack.name, skip);
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
  const instructions = recoveryInstructions(
    stack,
    snapshot?.status ?? status,
    await stuckResources(d.reader, stack, sinceMs),
    snapshot ? d.reader.consoleUrl(snapshot) : ''
  );
  d.log.error(`Recovery of ${stack} failed (${why}).\n${instructions.join('\n')}`, {
    title: `Recovery failed: ${stack}`
  });
  return { stack, action, ok: false, finalStatus: snapshot?.status ?? status, instructions };
}

/**
 * A stack the policy may not repair, left needing a rollback or its continuation (auto-rollback
 * off): what a person does, with the resources stuck inside its nested stacks. A nested stack
 * covered by itself is explained through its root, once per root (a root and its nested stacks
 * both covered: one warning), and only if the root, read now, still needs a rollback or its
 * continuation: a root repaired meanwhile (UPDATE_ROLLBACK_COMPLETE, or still rolling back) needs
 * no person.
 */
export async function explainUnrepaired(
  d: Pick<RecoverDeps, 'reader' | 'log'>,
  stacks: readonly StackSnapshot[],
  policy: RecoveryPolicy
): Promise<void> {
  const explained = new Set<string>();
  for (const stack of stacks) {
    const needs = classifyStatus(stack.status).needs;
    if (needs !== 'rollback' && needs !== 'continue-rollback') continue;
    const nested = isNested(stack);
    // A root the policy covers was repaired, and its failure explained, by recoverStacks.
    if (recoveryAction(stack.status, policy) && !nested) continue;
    const root = nested ? stack.rootId! : stack.name;
    const key = nested ? stack.rootId! : (stack.stackId ?? stack.name);
    if (explained.has(key)) continue;
    explained.add(key);
    try {
      const [snapshot] = await d.reader.describeStacks([root]);
      const now = snapshot ? classifyStatus(snapshot.status).needs : undefined;
      if (!snapshot || (now !== 'rollback' && now !== 'continue-rollback')) {
        d.log.debug(
          `${stack.name}: its root ${root} is ${snapshot?.status ?? 'unknown'} now, no repair needed.`
        );
        continue;
      }
      const instructions = recoveryInstructions(
        root,
        snapshot.status,
        await stuckResources(d.reader, root),
        d.reader.consoleUrl(snapshot)
      );
      d.log.warning(instructions.join('\n'), { title: `Repair needed: ${stack.name}` });
    } catch (err) {
      d.log.debug(`Could not read what is stuck in ${root}: ${(err as Error).message}`);
    }
  }
}

/**
 * The resources whose latest event in the stack's latest operation (since `sinceMs`) is a failure,
 * and, for a nested stack resource among them, those inside its stack (recursively).
 */
async function stuckResources(
  reader: StackReader,
  stack: string,
  sinceMs?: number,
  path: readonly string[] = [],
  nestedStack?: string
): Promise<StuckResource[]> {
  const op = await reader.currentOperation(stack);
  const events =
    sinceMs === undefined ? op.events : op.events.filter((e) => e.timestamp.getTime() >= sinceMs);
  const out: StuckResource[] = [];
  for (const e of rollbackFailures(events, path.length > 0)) {
    out.push(path.length > 0 ? { ...e, nestedIn: path, nestedStack } : e);
    const arn = nestedStackOf(e);
    if (arn && path.length < MAX_NESTED_READ_DEPTH)
      out.push(
        ...(await stuckResources(reader, arn, sinceMs, [...path, e.logicalId], arn).catch(() => []))
      );
  }
  return out;
}
