import { randomUUID } from 'node:crypto';
import { DEFAULT_EXPECTED_DURATION_MS } from '../config/config.js';
import { ExitCode } from '../config/state.js';
import { reportFindings } from '../coordination/report-findings.js';
import { waitForTurn } from '../coordination/wait-for-turn.js';
import type { Participant } from '../ports/registry.js';
import { fallbackRegistry } from '../runtime/clients.js';
import { sleep, systemClock } from '../runtime/stage.js';
import { emit, openClients, registryChoice, str, withoutOwner, type Command } from './command.js';
import { RegistryCorruptError } from '../ports/registry-errors.js';
import { corruptFinding, misconfiguredFinding } from './stored-text.js';

export const register: Command = {
  summary:
    'Take the lock for a deployment made by hand (queuing up to --wait-timeout-minutes); prints its correlation ID and fencing token.',
  usage:
    '--stack-name NAMES --registry-table TABLE [--wait-timeout-minutes N] [--lease-minutes N] [--correlation-id ID]',
  help: 'Nothing heartbeats a lock taken here: release it before --lease-minutes pass, or others may take it over.',
  options: {},
  needsTable: 'without a registry there is no lock to take.',
  async run(ctx) {
    const { config, log } = ctx;
    const { reader, registry } = await openClients(config);
    const me: Participant = {
      correlationId: log.correlationId,
      // Nothing heartbeats a registered lock; it is released by correlation ID and fence.
      owner: randomUUID(),
      environment: config.environment,
      stacks: config.stackNames,
      run: ctx.run,
      leaseMs: config.leaseMs
    };
    const turn = await waitForTurn(
      {
        reader,
        registry,
        log,
        clock: systemClock,
        sleep,
        fallback: fallbackRegistry(registryChoice(config))
      },
      {
        me,
        arrival: await reader.describeStacks(config.stackNames),
        // Without --wait-timeout-minutes, register does not queue: busy means exit 2 at once.
        timeoutMs: str(ctx, 'wait-timeout-minutes') ? config.waitTimeoutMs : 0,
        pollIntervalMs: config.pollIntervalMs,
        expectedMs: config.expectedDurationMs ?? DEFAULT_EXPECTED_DURATION_MS,
        estimateBasis: 'from the command line',
        skipSuperseded: false
      }
    );
    // The table missing, access denied, another key schema: not busy, as the action says.
    if (turn.kind === 'misconfigured') {
      reportFindings(log, [misconfiguredFinding(config.registryTable, turn.registryError ?? '')]);
      return ExitCode.Failed;
    }
    if (turn.kind === 'corrupt' && turn.unreadable) {
      reportFindings(log, [
        corruptFinding(config.registryTable, new RegistryCorruptError(turn.unreadable))
      ]);
      return ExitCode.Failed;
    }
    // Fence 0 is CloudFormation's own lock (the table stopped answering): nothing anyone else sees.
    const holder = turn.kind === 'acquired' && turn.holder?.fence ? turn.holder : undefined;
    if (turn.kind === 'frozen') {
      emit(
        ctx,
        { acquired: false, frozenUntil: new Date(turn.freeze!.endedBy!.until).toISOString() },
        `${config.environment}: frozen until ${new Date(turn.freeze!.endedBy!.until).toISOString()}; not registered.`
      );
      return ExitCode.Failed;
    }
    if (!holder) {
      emit(
        ctx,
        { acquired: false, waitedFor: turn.waitedFor.map(withoutOwner) },
        `${config.environment}: busy; not registered.`
      );
      return ExitCode.Concurrent;
    }
    await registry.records.putRecord(
      {
        correlationId: me.correlationId,
        environment: config.environment,
        stacks: config.stackNames,
        run: me.run
      },
      { state: 'queued', at: holder.acquiredAt, note: 'registered from the command line' }
    );
    await registry.records.addTransition(
      me.correlationId,
      { state: 'acquired', at: holder.acquiredAt },
      { fence: holder.fence }
    );
    emit(
      ctx,
      { acquired: true, correlationId: me.correlationId, fence: holder.fence },
      `Registered ${me.correlationId} on ${config.environment}, fencing token ${holder.fence}.\nRelease with: deploy-coordinator release --stack-name ${config.stackNames.join(',')} --environment ${config.environment} --registry-table ${config.registryTable} --correlation-id ${me.correlationId} --fence ${holder.fence}`
    );
    return ExitCode.Ok;
  }
};
