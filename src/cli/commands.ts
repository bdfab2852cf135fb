import { randomUUID } from 'node:crypto';
import type { Config } from '../config/config.js';
import { ExitCode } from '../config/state.js';
import type { StackReader } from '../ports/cloudformation.js';
import { describeHolder, waitForTurn } from '../coordination/wait-for-turn.js';
import { formatDuration, minutes } from '../domain/durations.js';
import { estimateFromHistory } from '../domain/estimate.js';
import { activeDeploymentFindings, otherFindings, blocking } from '../domain/findings.js';
import { runContext } from '../runtime/run-context.js';
import { CloudFormationOnlyRegistry } from '../registry/cloudformation-only.js';
import type { Registry } from '../ports/registry.js';
import { cloudFormationReader, openRegistry } from '../runtime/clients.js';
import { sleep, systemClock } from '../runtime/stage.js';
import type { Logger } from '../ports/runtime.js';

export interface CommandContext {
  readonly config: Config;
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  readonly json: boolean;
  readonly log: Logger;
  readonly out: (text: string) => void;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

export interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly help?: string;
  readonly options: OptionSpec;
  run(ctx: CommandContext): Promise<number>;
}

async function clients(config: Config): Promise<{ reader: StackReader; registry: Registry }> {
  const [reader, registry] = await Promise.all([
    cloudFormationReader(config.region),
    openRegistry(config.registryTable, config.region)
  ]);
  return { reader, registry };
}

/** Commands that only make sense with a table say so, instead of acting on nothing. */
function needsRegistry(ctx: CommandContext, command: string): boolean {
  if (ctx.config.registryTable) return false;
  process.stderr.write(
    `${command} needs --registry-table: without a registry there is no lock, queue or history.\n`
  );
  return true;
}

const str = (ctx: CommandContext, name: string): string | undefined =>
  typeof ctx.options[name] === 'string' ? (ctx.options[name] as string) : undefined;

function emit(ctx: CommandContext, data: unknown, text: string): void {
  ctx.out(ctx.json ? JSON.stringify(data, null, 2) : text);
}

/** Whether a deployment could start now, and why not. */
async function readiness(ctx: CommandContext) {
  const { config } = ctx;
  const { reader, registry } = await clients(config);
  const [stacks, view] = await Promise.all([
    reader.describeStacks(config.stackNames),
    registry.view(config.environment)
  ]);
  const findings = [
    ...activeDeploymentFindings(stacks),
    ...otherFindings(stacks, { registryConfigured: registry.kind === 'dynamodb' })
  ];
  const reasons = [
    ...(view.lock.holder ? [`lock held by ${describeHolder(view.lock.holder)}`] : []),
    ...(view.tickets.length > 0 ? [`${view.tickets.length} run(s) queued`] : []),
    ...blocking(findings).map((f) => `${f.code}: ${f.message}`)
  ];
  return { reader, registry, stacks, view, findings, reasons };
}

const withoutOwner = <T extends { owner: string }>(x: T): Omit<T, 'owner'> => {
  const { owner: _owner, ...rest } = x;
  return rest;
};

export const COMMANDS: Record<string, Command> = {
  status: {
    summary: 'Show the lock, the queue and the stacks of an environment.',
    usage: '--stack-name NAMES [--environment NAME] [--registry-table TABLE] [--json]',
    options: {},
    async run(ctx) {
      const { stacks, view, registry, reader } = await readiness(ctx);
      const lines = [
        `Environment ${ctx.config.environment} (${registry.kind === 'dynamodb' ? `registry ${ctx.config.registryTable}` : 'CloudFormation only'})`,
        view.lock.holder
          ? `  Lock: held by ${describeHolder(view.lock.holder)}, fencing token ${view.lock.fence}`
          : `  Lock: free${view.lock.lastHolder ? ` (last: ${view.lock.lastHolder}, ${view.lock.lastOutcome ?? 'no outcome'}, released ${view.lock.releasedAt ?? '?'})` : ''}`,
        `  Queue: ${view.tickets.length === 0 ? 'empty' : view.tickets.map((t) => `#${t.seq} ${t.correlationId} (${t.run.runUrl ?? 'no run link'}) since ${t.enqueuedAt}`).join('\n         ')}`,
        ...stacks.map((s) => `  Stack ${s.name}: ${s.status}  ${reader.consoleUrl(s)}`)
      ];
      emit(
        ctx,
        {
          environment: ctx.config.environment,
          registry: registry.kind,
          // Owner tokens stay in the table: they are identities, not something to print.
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
  },

  'can-deploy': {
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
  },

  wait: {
    summary:
      'Wait until a deployment could start (exit 0), or give up after --wait-timeout-minutes (exit 2). Takes no lock.',
    usage: '--stack-name NAMES [--wait-timeout-minutes N] [--poll-interval-seconds N] [--json]',
    options: {},
    async run(ctx) {
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
            `${ctx.config.environment}: blocked, waiting will not help.\n  ${reasons.join('\n  ')}`
          );
          return ExitCode.Failed;
        }
        if (reasons.length === 0) {
          emit(
            ctx,
            { canDeploy: true, waitedMs: waited },
            `${ctx.config.environment}: free after ${formatDuration(waited)}.`
          );
          return ExitCode.Ok;
        }
        if (waited >= ctx.config.waitTimeoutMs) {
          emit(
            ctx,
            { canDeploy: false, waitedMs: waited, reasons },
            `${ctx.config.environment}: still busy after ${formatDuration(waited)}.\n  ${reasons.join('\n  ')}`
          );
          return ExitCode.Concurrent;
        }
        ctx.log.info(`Waiting: ${reasons.join('; ')}`);
        await sleep(Math.min(ctx.config.pollIntervalMs, ctx.config.waitTimeoutMs - waited));
      }
    }
  },

  register: {
    summary:
      'Take the lock for a deployment made by hand (queuing up to --wait-timeout-minutes); prints its correlation ID and fencing token.',
    usage:
      '--stack-name NAMES --registry-table TABLE [--wait-timeout-minutes N] [--lease-minutes N] [--correlation-id ID]',
    help: 'Nothing heartbeats a lock taken here: release it before --lease-minutes pass, or others may take it over.',
    options: {},
    async run(ctx) {
      const { config, log } = ctx;
      const { reader, registry } = await clients(config);
      if (registry.kind !== 'dynamodb') {
        process.stderr.write(
          'register needs --registry-table: without a registry there is no lock to take.\n'
        );
        return ExitCode.Failed;
      }
      const me = {
        correlationId: log.correlationId,
        // Nothing heartbeats a registered lock; it is released by correlation ID and fence.
        owner: randomUUID(),
        environment: config.environment,
        stacks: config.stackNames,
        run: runContext(),
        leaseMs: config.leaseMs
      };
      const turn = await waitForTurn(
        {
          reader,
          registry,
          log,
          clock: systemClock,
          sleep,
          fallback: () => new CloudFormationOnlyRegistry()
        },
        {
          me,
          arrival: await reader.describeStacks(config.stackNames),
          // Without --wait-timeout-minutes, register does not queue: busy means exit 2 at once.
          timeoutMs: str(ctx, 'wait-timeout-minutes') ? config.waitTimeoutMs : 0,
          pollIntervalMs: config.pollIntervalMs,
          expectedMs: config.expectedDurationMs ?? minutes(30),
          estimateBasis: 'from the command line',
          skipSuperseded: false
        }
      );
      if (turn.kind !== 'acquired' || !turn.holder || turn.registry.kind !== 'dynamodb') {
        emit(
          ctx,
          { acquired: false, waitedFor: turn.waitedFor.map(withoutOwner) },
          `${config.environment}: busy; not registered.`
        );
        return ExitCode.Concurrent;
      }
      await registry.putRecord(
        {
          correlationId: me.correlationId,
          environment: config.environment,
          stacks: config.stackNames,
          run: me.run
        },
        { state: 'queued', at: turn.holder.acquiredAt, note: 'registered from the command line' }
      );
      await registry.addTransition(
        me.correlationId,
        { state: 'acquired', at: turn.holder.acquiredAt },
        { fence: turn.holder.fence }
      );
      emit(
        ctx,
        { acquired: true, correlationId: me.correlationId, fence: turn.holder.fence },
        `Registered ${me.correlationId} on ${config.environment}, fencing token ${turn.holder.fence}.\nRelease with: deploy-coordinator release --stack-name ${config.stackNames.join(',')} --environment ${config.environment} --registry-table ${config.registryTable} --correlation-id ${me.correlationId} --fence ${turn.holder.fence}`
      );
      return ExitCode.Ok;
    }
  },

  release: {
    summary:
      'Release a lock by correlation ID and fencing token (a no-op, exit 1, when it is not held by them).',
    usage:
      '--stack-name NAMES --registry-table TABLE --correlation-id ID --fence N [--outcome succeeded|failed]',
    options: { fence: { type: 'string' }, outcome: { type: 'string' } },
    async run(ctx) {
      if (needsRegistry(ctx, 'release')) return ExitCode.Failed;
      const id = ctx.config.correlationId;
      const fence = Number(str(ctx, 'fence'));
      if (!id || !Number.isInteger(fence) || fence < 1) {
        process.stderr.write(
          `release needs --correlation-id and --fence (a whole number from 1), got ${JSON.stringify(id ?? '')} and ${JSON.stringify(str(ctx, 'fence') ?? '')}.\n`
        );
        return ExitCode.Failed;
      }
      const { registry } = await clients(ctx.config);
      const outcome = str(ctx, 'outcome') ?? 'succeeded';
      if (!['succeeded', 'failed', 'no-change', 'cancelled'].includes(outcome)) {
        process.stderr.write(
          `--outcome is ${JSON.stringify(outcome)}: expected succeeded, failed, no-change or cancelled.\n`
        );
        return ExitCode.Failed;
      }
      const released = await registry.release(
        ctx.config.environment,
        { correlationId: id, fence },
        outcome
      );
      if (released)
        await registry.addTransition(
          id,
          {
            state: 'released',
            at: new Date().toISOString(),
            note: `from the command line (${outcome})`
          },
          { outcome }
        );
      emit(
        ctx,
        { released },
        released
          ? `Released ${ctx.config.environment} (${id}, fencing token ${fence}).`
          : `Not released: ${ctx.config.environment} is not held by ${id} with fencing token ${fence}.`
      );
      return released ? ExitCode.Ok : ExitCode.Failed;
    }
  },

  history: {
    summary: 'Recent deployments of an environment: outcome, duration, stacks.',
    usage: '--stack-name NAMES --registry-table TABLE [--limit N] [--json]',
    options: { limit: { type: 'string' } },
    async run(ctx) {
      if (needsRegistry(ctx, 'history')) return ExitCode.Failed;
      const { registry } = await clients(ctx.config);
      const limit = Number(str(ctx, 'limit') ?? '20');
      const entries = await registry.history(
        ctx.config.environment,
        Number.isInteger(limit) && limit > 0 ? limit : 20
      );
      emit(
        ctx,
        entries,
        entries.length === 0
          ? `${ctx.config.environment}: no history yet.`
          : entries
              .map(
                (e) =>
                  `${e.endedAt}  ${e.outcome.padEnd(13)} ${formatDuration(e.durationMs).padStart(8)}  ${e.correlationId}  ${e.stacks.join(',')}`
              )
              .join('\n')
      );
      return ExitCode.Ok;
    }
  },

  estimate: {
    summary: 'Expected duration of a deployment of these stacks, from history.',
    usage: '--stack-name NAMES --registry-table TABLE [--json]',
    options: {},
    async run(ctx) {
      if (needsRegistry(ctx, 'estimate')) return ExitCode.Failed;
      const { registry } = await clients(ctx.config);
      const estimate = estimateFromHistory(
        await registry.history(ctx.config.environment, 100),
        ctx.config.stackNames
      );
      const fallback = ctx.config.expectedDurationMs ?? minutes(30);
      emit(
        ctx,
        estimate ?? { expectedMs: fallback, samples: 0 },
        estimate
          ? `Expected ${formatDuration(estimate.expectedMs)} (p20 ${formatDuration(estimate.lowMs)} to p80 ${formatDuration(estimate.highMs)}, ${estimate.samples} successful deployments).`
          : `Expected ${formatDuration(fallback)}: no history yet.`
      );
      return ExitCode.Ok;
    }
  },

  unlock: {
    summary:
      "Clear the lock whoever holds it. Needs --force and --reason; recorded on the holder's record.",
    usage: '--stack-name NAMES --registry-table TABLE --force --reason TEXT',
    options: { force: { type: 'boolean' }, reason: { type: 'string' } },
    async run(ctx) {
      if (needsRegistry(ctx, 'unlock')) return ExitCode.Failed;
      const reason = str(ctx, 'reason')?.trim();
      if (!ctx.options['force'] || !reason) {
        process.stderr.write(
          'unlock needs --force and --reason TEXT: it takes the lock from whoever holds it.\n'
        );
        return ExitCode.Failed;
      }
      const { registry } = await clients(ctx.config);
      const by = process.env['USER'] || process.env['GITHUB_ACTOR'] || 'unknown';
      const previous = await registry.forceUnlock(ctx.config.environment, reason, by);
      if (previous) {
        await registry.addTransition(previous.correlationId, {
          state: 'force-unlocked',
          at: new Date().toISOString(),
          note: `by ${by}: ${reason}`
        });
      }
      emit(
        ctx,
        { unlocked: Boolean(previous), previous: previous && withoutOwner(previous) },
        previous
          ? `Unlocked ${ctx.config.environment}: was held by ${describeHolder(previous)}. Recorded: by ${by}: ${reason}`
          : `${ctx.config.environment} was not locked.`
      );
      return ExitCode.Ok;
    }
  }
};
