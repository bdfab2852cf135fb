import { ExitCode } from '../config/state.js';
import { describeHolder } from '../coordination/wait-for-turn.js';
import { formatDuration } from '../domain/durations.js';
import { activeDeploymentFindings, blocking, otherFindings } from '../domain/findings.js';
import { describeFrozen, frozenAt } from '../domain/freeze.js';
import { priorityOf } from '../domain/priority.js';
import { sleep, systemClock } from '../runtime/stage.js';
import {
  TABLE_VARIABLE,
  emit,
  openClients,
  registryFor,
  str,
  withoutOwner,
  type Command,
  type CommandContext
} from './command.js';
import { freezeLookup, readOverview, servedOrder, type FreezeOverview } from './overview.js';
import { freezeText, overviewText } from './overview-text.js';
import {
  RegistryCorruptError,
  concerns,
  type QueueView,
  type Unreadable
} from '../ports/registry.js';
import {
  displayText,
  displayedFrozen,
  findingText,
  holderText,
  unreadableJson,
  unreadableLines,
  corruptFinding
} from './stored-text.js';
import {
  DEFAULT_WATCH_INTERVAL_S,
  WATCH_INTERVAL_RANGE,
  interruption,
  watch,
  watchIntervalMs,
  type Frame
} from './watch.js';

// The commands that look and take nothing: status, can-deploy, wait.

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

export const status: Command = {
  summary:
    'Show who holds and who waits in every environment of the table (or --environment); with --stack-name, one environment and its stacks.',
  usage:
    '[--environment NAME] [--stack-name NAMES] [--registry-table TABLE] [--json] [--watch [--interval SECONDS]]',
  help: `Without --stack-name: every environment in the table (one that a run has queued in), or the one
--environment names: the holder (correlation ID, run link, since, expected end), the queue
(position, run link, waiting since, expected start) and any freeze. With --stack-name: that
environment's lock, queue (in the order it is served: priority high first; while a freeze holds
it, the runs with override-freeze before the frozen ones) and freeze in force, and its stacks'
status.
  --watch                    draw it again every --interval seconds until Ctrl-C (with --json: one
                             JSON document a line)
  --interval SECONDS         with --watch: from ${WATCH_INTERVAL_RANGE.min} to ${WATCH_INTERVAL_RANGE.max} (default ${DEFAULT_WATCH_INTERVAL_S})`,
  options: { watch: { type: 'boolean' }, interval: { type: 'string' } },
  stackNameOptional: true,
  async run(ctx) {
    const { config } = ctx;
    const byStacks = config.stackNames.length > 0;
    if (!byStacks && !config.registryTable) {
      ctx.err(
        `status without --stack-name reads the registry: give --registry-table (or set ${TABLE_VARIABLE}), or --stack-name for the stacks' own status.`
      );
      return ExitCode.Failed;
    }
    const interval = str(ctx, 'interval');
    if (interval !== undefined && !ctx.options['watch']) {
      ctx.err('--interval goes with --watch.');
      return ExitCode.Failed;
    }
    const intervalMs = watchIntervalMs(interval);
    if (typeof intervalMs === 'string') {
      ctx.err(intervalMs);
      return ExitCode.Failed;
    }
    const frame = byStacks ? await stacksFrame(ctx) : await overviewFrame(ctx);
    if (!ctx.options['watch']) {
      const f = await frame();
      emit(ctx, f.data, f.text);
      return ExitCode.Ok;
    }
    const stop = interruption();
    try {
      return await watch(ctx, frame, {
        intervalMs,
        sleep,
        signal: stop.signal,
        terminal: Boolean(process.stdout.isTTY)
      });
    } finally {
      stop.release();
    }
  }
};

/** status --stack-name: the environment's lock, queue (in the order served), freeze and stacks. */
async function stacksFrame(ctx: CommandContext): Promise<() => Promise<Frame>> {
  const { config } = ctx;
  const { reader, registry } = await openClients(config);
  return async () => {
    const unreadable: Unreadable[] = [];
    const [stacks, read, found] = await Promise.all([
      reader.describeStacks(config.stackNames),
      registry.freezes.list(),
      registry.lock.view(config.environment).catch((err: unknown) => {
        // Shown as unreadable (never as free), the rest of the view as usual.
        if (!(err instanceof RegistryCorruptError)) throw err;
        unreadable.push(err.item);
        return undefined;
      })
    ]);
    const view: QueueView = found ?? {
      lock: { environment: config.environment, fence: 0 },
      tickets: []
    };
    unreadable.push(...read.unreadable.filter((u) => concerns(u, config.environment)));
    const freezes = read.items;
    const now = systemClock.now();
    const freeze = await freezeLookup(freezes, now).lookup(config.environment);
    // In the order they are served: a higher priority first, arrival order within one; while
    // frozen, the runs that override the freeze before the frozen ones.
    const queue = servedOrder(view.tickets, freeze !== undefined).map((t) => ({
      ...withoutOwner(t),
      priority: priorityOf(t),
      ...(t.overridesFreeze ? { overridesFreeze: true as const } : {})
    }));
    const { lock } = view;
    const lines = [
      `Environment ${config.environment} (${config.registryTable ? `registry ${config.registryTable}` : 'CloudFormation only'})`,
      !found
        ? `  Lock and queue: unreadable (below)`
        : lock.holder
          ? `  Lock: held by ${holderText(lock.holder)}, fencing token ${displayText(String(lock.fence))}`
          : `  Lock: free${lock.lastHolder ? ` (last: ${displayText(lock.lastHolder)}, ${lock.lastOutcome === undefined ? 'no outcome' : displayText(lock.lastOutcome)}, released ${lock.releasedAt === undefined ? '?' : displayText(lock.releasedAt)})` : ''}`,
      ...(!found
        ? []
        : [
            `  Queue: ${queue.length === 0 ? 'empty' : queue.map((t, i) => `${i + 1}. #${displayText(String(t.seq))} ${displayText(t.correlationId)} (${t.run?.runUrl === undefined ? 'no run link' : displayText(t.run.runUrl)}${t.priority === 'high' ? ', priority high' : ''}${t.overridesFreeze ? ', override-freeze' : ''}) since ${displayText(t.enqueuedAt)}`).join('\n         ')}`
          ]),
      ...(freeze ? [`  Freeze: ${freezeText(freeze, now)}`] : []),
      ...stacks.map(
        (s) =>
          `  Stack ${displayText(s.name)}: ${displayText(s.status)}  ${displayText(reader.consoleUrl(s))}`
      ),
      ...unreadableLines(unreadable, config.registryTable).map((l) => `  ${l}`)
    ];
    return {
      data: {
        environment: config.environment,
        registry: registry.lock.kind,
        // Unreadable: null, never a free lock and an empty queue that a script could act on.
        lock: !found
          ? null
          : view.lock.holder
            ? { ...view.lock, holder: withoutOwner(view.lock.holder) }
            : view.lock,
        queue: found ? queue : null,
        ...(freeze ? { freeze } : {}),
        stacks: stacks.map((s) => ({ name: s.name, status: s.status })),
        ...(unreadable.length > 0 ? { unreadable: unreadable.map(unreadableJson) } : {})
      },
      text: lines.join('\n')
    };
  };
}

/** status without --stack-name: every environment of the table, or --environment's. */
async function overviewFrame(ctx: CommandContext): Promise<() => Promise<Frame>> {
  const { config } = ctx;
  const registry = await registryFor(config);
  const only = config.environment ? [config.environment] : undefined;
  return async () => {
    // One read of every freeze a frame: each environment's in force, and the frozen ones.
    const read = await registry.freezes.list();
    const freezes = { ...freezeLookup(read.items, systemClock.now()), unreadable: read.unreadable };
    const overview = await readOverview(registry, only, () => systemClock.now(), freezes);
    return { data: overview, text: overviewText(overview, config.registryTable ?? '') };
  };
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
