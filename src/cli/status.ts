import { ExitCode } from '../config/state.js';
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
import { freezeLookup, readOverview, servedOrder } from './overview.js';
import { freezeText, overviewText } from './overview-text.js';
import { RegistryCorruptError, concerns } from '../ports/registry-errors.js';
import type { QueueView, Unreadable } from '../ports/registry.js';
import { displayText, holderText, unreadableJson, unreadableLines } from './stored-text.js';
import {
  DEFAULT_WATCH_INTERVAL_S,
  WATCH_INTERVAL_RANGE,
  interruption,
  watch,
  watchIntervalMs,
  type Frame
} from './watch.js';

// The status command: it looks and takes nothing (as can-deploy and wait, in readiness.ts).

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
        terminal: ctx.terminal
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
