import { ExitCode } from '../config/state.js';
import { describeHolder } from '../coordination/wait-for-turn.js';
import { formatDuration } from '../domain/durations.js';
import { activeDeploymentFindings, blocking, otherFindings } from '../domain/findings.js';
import { describeFrozen, frozenAt } from '../domain/freeze.js';
import { sleep, systemClock } from '../runtime/stage.js';
import { emit, openClients, type Command, type CommandContext } from './command.js';
import { freezeLookup, type FreezeOverview } from './overview.js';
import { RegistryCorruptError, concerns } from '../ports/registry-errors.js';
import { displayedFrozen, findingText, holderText, corruptFinding } from './stored-text.js';

// The commands that ask whether a deployment could start, and take nothing: can-deploy, wait.

/**
 * Whether a deployment could start now, and why not: the lock, the queue, the stacks, and the
 * deploy freezes in force (read as the action reads them; none without a registry).
 */
async function readiness(ctx: CommandContext) {
  const { config } = ctx;
  const { reader, registry } = await openClients(config);
  const [stacks, view, read] = await Promise.all([
    reader.describeStacks(config.stackNames),
    registry.lock.view(config.environment),
    registry.freezes.list()
  ]);
  const freezes = read.items;
  // A freeze item that could hold this environment but does not decode holds the action's runs
  // (REGISTRY_CORRUPT), so it is a reason here too.
  const unreadable = read.unreadable.filter((u) => concerns(u, config.environment));
  const now = systemClock.now();
  const findings = [
    ...activeDeploymentFindings(stacks),
    ...otherFindings(stacks, { registryConfigured: Boolean(config.registryTable) }),
    // Waiting will not mend it: the action's runs end blocked on it (REGISTRY_CORRUPT).
    ...unreadable.map((u) => corruptFinding(config.registryTable, new RegistryCorruptError(u)))
  ];
  const held = frozenAt(freezes, config.environment, now);
  // The freeze in the shape `status --json` gives it (until, reason, by, ids).
  const frozen: FreezeOverview | undefined = held
    ? await freezeLookup(freezes, now).lookup(config.environment)
    : undefined;
  const holder = view.lock.holder;
  // For --json as they are; for the text (and the log), their stored texts escaped.
  const reasons = [
    ...(held ? [describeFrozen(held, config.environment, now)] : []),
    ...(holder ? [`lock held by ${describeHolder(holder)}`] : []),
    ...(view.tickets.length > 0 ? [`${view.tickets.length} run(s) queued`] : []),
    ...blocking(findings).map((f) => `${f.code}: ${f.message}`)
  ];
  const reasonsText = [
    ...(held ? [describeFrozen(displayedFrozen(held), config.environment, now)] : []),
    ...(holder ? [`lock held by ${holderText(holder)}`] : []),
    ...(view.tickets.length > 0 ? [`${view.tickets.length} run(s) queued`] : []),
    ...blocking(findings).map(findingText)
  ];
  return { reader, registry, stacks, view, findings, reasons, reasonsText, frozen };
}

export const canDeploy: Command = {
  summary:
    'Exit 0 when a deployment could start now, 2 when another is active or queued, 1 when a stack blocks or a deploy freeze holds the environment.',
  usage: '--stack-name NAMES [--environment NAME] [--registry-table TABLE] [--json]',
  help: `Exit codes, as the action's:
  0  free to deploy
  2  not now: the lock is held, runs are queued, or a covered stack is in progress (wait waits)
  1  a stack that waiting cannot unblock, or a deploy freeze in force (the action's result frozen,
     exit 1): the reasons say until when, why, the freeze's id and who set it, and --json has
     frozen: { until, reason, by, ids }. wait waits through a freeze; thaw ends one.
Without a registry there are no freezes.`,
  options: {},
  async run(ctx) {
    const { reasons, reasonsText, findings, frozen } = await readiness(ctx);
    const blocked = blocking(findings).some((f) => f.code !== 'STACK_IN_PROGRESS');
    emit(
      ctx,
      { canDeploy: reasons.length === 0, reasons, findings, ...(frozen ? { frozen } : {}) },
      reasons.length === 0
        ? `${ctx.config.environment}: free to deploy.`
        : `${ctx.config.environment}: not now.\n  ${reasonsText.join('\n  ')}`
    );
    if (reasons.length === 0) return ExitCode.Ok;
    return blocked || frozen ? ExitCode.Failed : ExitCode.Concurrent;
  }
};

export const wait: Command = {
  summary:
    'Wait until a deployment could start (exit 0), or give up after --wait-timeout-minutes (exit 2; 1 if a deploy freeze still holds the environment then). Takes no lock.',
  usage: '--stack-name NAMES [--wait-timeout-minutes N] [--poll-interval-seconds N] [--json]',
  help: `Waits while the lock is held, runs are queued, a covered stack is in progress or a deploy
freeze holds the environment (as a run of the action waits through one: a thaw lets it go at its
next poll). Exit 0 once a deployment could start; 2 when --wait-timeout-minutes runs out while
busy; 1 when it runs out while a freeze is still in force (the action's result frozen; --json has
frozen: { until, reason, by, ids }), or at once on a stack that waiting cannot unblock.`,
  options: {},
  async run(ctx) {
    const { config } = ctx;
    const started = systemClock.now();
    for (;;) {
      const { reasons, reasonsText, findings, frozen } = await readiness(ctx);
      const waited = systemClock.now() - started;
      const stuck = blocking(findings).filter((f) => f.code !== 'STACK_IN_PROGRESS');
      if (stuck.length > 0) {
        // Waiting cannot unblock these: someone has to act on the stack.
        emit(
          ctx,
          { canDeploy: false, waitedMs: waited, reasons, ...(frozen ? { frozen } : {}) },
          `${config.environment}: blocked, waiting will not help.\n  ${reasonsText.join('\n  ')}`
        );
        return ExitCode.Failed;
      }
      if (reasons.length === 0) {
        emit(
          ctx,
          { canDeploy: true, waitedMs: waited },
          `${config.environment}: free after ${formatDuration(waited)}.`
        );
        return ExitCode.Ok;
      }
      if (waited >= config.waitTimeoutMs) {
        // A freeze that outlasted the wait ends it as the action's does: frozen, exit 1.
        emit(
          ctx,
          { canDeploy: false, waitedMs: waited, reasons, ...(frozen ? { frozen } : {}) },
          `${config.environment}: ${frozen ? 'still frozen' : 'still busy'} after ${formatDuration(waited)}.\n  ${reasonsText.join('\n  ')}`
        );
        return frozen ? ExitCode.Failed : ExitCode.Concurrent;
      }
      ctx.log.info(`Waiting: ${reasonsText.join('; ')}`);
      await sleep(Math.min(config.pollIntervalMs, config.waitTimeoutMs - waited));
    }
  }
};
