import { ExitCode } from '../config/state.js';
import { describeHolder } from '../coordination/wait-for-turn.js';
import { formatDuration } from '../domain/durations.js';
import { activeDeploymentFindings, blocking, otherFindings } from '../domain/findings.js';
import { sleep, systemClock } from '../runtime/stage.js';
import { emit, openClients, withoutOwner, type Command, type CommandContext } from './command.js';

// The commands that look and take nothing: status, can-deploy, wait.

/** Whether a deployment could start now, and why not. */
async function readiness(ctx: CommandContext) {
  const { config } = ctx;
  const { reader, registry } = await openClients(config);
  const [stacks, view] = await Promise.all([
    reader.describeStacks(config.stackNames),
    registry.lock.view(config.environment)
  ]);
  const findings = [
    ...activeDeploymentFindings(stacks),
    ...otherFindings(stacks, { registryConfigured: Boolean(config.registryTable) })
  ];
  const reasons = [
    ...(view.lock.holder ? [`lock held by ${describeHolder(view.lock.holder)}`] : []),
    ...(view.tickets.length > 0 ? [`${view.tickets.length} run(s) queued`] : []),
    ...blocking(findings).map((f) => `${f.code}: ${f.message}`)
  ];
  return { reader, registry, stacks, view, findings, reasons };
}

export const status: Command = {
  summary: 'Show the lock, the queue and the stacks of an environment.',
  usage: '--stack-name NAMES [--environment NAME] [--registry-table TABLE] [--json]',
  options: {},
  async run(ctx) {
    const { config } = ctx;
    const { stacks, view, registry, reader } = await readiness(ctx);
    const lines = [
      `Environment ${config.environment} (${config.registryTable ? `registry ${config.registryTable}` : 'CloudFormation only'})`,
      view.lock.holder
        ? `  Lock: held by ${describeHolder(view.lock.holder)}, fencing token ${view.lock.fence}`
        : `  Lock: free${view.lock.lastHolder ? ` (last: ${view.lock.lastHolder}, ${view.lock.lastOutcome ?? 'no outcome'}, released ${view.lock.releasedAt ?? '?'})` : ''}`,
      `  Queue: ${view.tickets.length === 0 ? 'empty' : view.tickets.map((t) => `#${t.seq} ${t.correlationId} (${t.run.runUrl ?? 'no run link'}) since ${t.enqueuedAt}`).join('\n         ')}`,
      ...stacks.map((s) => `  Stack ${s.name}: ${s.status}  ${reader.consoleUrl(s)}`)
    ];
    emit(
      ctx,
      {
        environment: config.environment,
        registry: registry.lock.kind,
        lock: view.lock.holder
          ? { ...view.lock, holder: withoutOwner(view.lock.holder) }
          : view.lock,
        queue: view.tickets.map(withoutOwner),
        stacks: stacks.map((s) => ({ name: s.name, status: s.status }))
      },
      lines.join('\n')
    );
    return ExitCode.Ok;
  }
};

export const canDeploy: Command = {
  summary:
    'Exit 0 when a deployment could start now, 2 when another is active or queued, 1 when a stack blocks.',
  usage: '--stack-name NAMES [--environment NAME] [--registry-table TABLE] [--json]',
  options: {},
  async run(ctx) {
    const { reasons, findings } = await readiness(ctx);
    const blocked = blocking(findings).some((f) => f.code !== 'STACK_IN_PROGRESS');
    const busy = reasons.length > 0 && !blocked;
    emit(
      ctx,
      { canDeploy: reasons.length === 0, reasons, findings },
      reasons.length === 0
        ? `${ctx.config.environment}: free to deploy.`
        : `${ctx.config.environment}: not now.\n  ${reasons.join('\n  ')}`
    );
    return reasons.length === 0 ? ExitCode.Ok : busy ? ExitCode.Concurrent : ExitCode.Failed;
  }
};

export const wait: Command = {
  summary:
    'Wait until a deployment could start (exit 0), or give up after --wait-timeout-minutes (exit 2). Takes no lock.',
  usage: '--stack-name NAMES [--wait-timeout-minutes N] [--poll-interval-seconds N] [--json]',
  options: {},
  async run(ctx) {
    const { config } = ctx;
    const started = systemClock.now();
    for (;;) {
      const { reasons, findings } = await readiness(ctx);
      const waited = systemClock.now() - started;
      const stuck = blocking(findings).filter((f) => f.code !== 'STACK_IN_PROGRESS');
      if (stuck.length > 0) {
        // Waiting cannot unblock these: someone has to act on the stack.
        emit(
          ctx,
          { canDeploy: false, waitedMs: waited, reasons },
          `${config.environment}: blocked, waiting will not help.\n  ${reasons.join('\n  ')}`
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
        emit(
          ctx,
          { canDeploy: false, waitedMs: waited, reasons },
          `${config.environment}: still busy after ${formatDuration(waited)}.\n  ${reasons.join('\n  ')}`
        );
        return ExitCode.Concurrent;
      }
      ctx.log.info(`Waiting: ${reasons.join('; ')}`);
      await sleep(Math.min(config.pollIntervalMs, config.waitTimeoutMs - waited));
    }
  }
};
