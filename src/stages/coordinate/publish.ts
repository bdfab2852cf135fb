import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Outputs, State } from '../../config/state.js';
import { monitorDir, monitorFiles } from '../../monitor/files.js';
import { activeCorrelationId } from '../../domain/activity.js';
import { CORRELATION_TAG } from '../../domain/stack.js';
import { exitCodeOf, leased } from '../../domain/turn-result.js';
import type { StageDeps } from '../deps.js';
import type { CoordinateReport } from '../coordinate.js';
import { freezeNote } from './freeze.js';

/** Publishes what coordinate found as the step's outputs and state, and sets the exit status. */
export function publish(d: StageDeps, report: CoordinateReport): void {
  const { io, log, config, reader } = d;
  const { turn, stacks } = report;
  const first = stacks[0];
  const activeId =
    turn.waitedFor[0]?.correlationId ??
    turn.busy.map((a) => activeCorrelationId(a.stack)).find(Boolean);
  const fenced = report.result === 'acquired' && turn.holder && leased(turn.holder);
  const outputs: Record<string, string> = {
    [Outputs.CorrelationId]: log.correlationId,
    [Outputs.Result]: report.result,
    [Outputs.Registry]: turn.registry.lock.kind,
    [Outputs.WaitedSeconds]: String(Math.round(turn.waitedMs / 1000)),
    [Outputs.QueuePosition]: String(turn.queuePosition),
    [Outputs.ActiveCorrelationId]: activeId ?? '',
    [Outputs.StackStatus]: JSON.stringify(
      Object.fromEntries(stacks.map((s) => [s.name, s.status]))
    ),
    [Outputs.ConsoleUrl]: first ? reader.consoleUrl(first) : '',
    [Outputs.EstimatedMinutes]: String(Math.round((report.expectedMs / 60_000) * 10) / 10),
    [Outputs.CfnTags]: JSON.stringify([{ Key: CORRELATION_TAG, Value: log.correlationId }]),
    [Outputs.Validation]: JSON.stringify(report.findings),
    [Outputs.FencingToken]: fenced ? String(turn.holder.fence) : ''
  };
  for (const [name, value] of Object.entries(outputs)) io.setOutput(name, value);
  io.saveState(State.Result, report.result);
  io.saveState(State.Registry, turn.registry.lock.kind);
  const freeze = freezeNote(d, turn);
  if (freeze) io.saveState(State.Freeze, JSON.stringify(freeze));
  // And in the deployment's folder, for a finalize in a step of its own (no state of this one);
  // none this time: an earlier run's (the same correlation ID in one job) is not this one's.
  try {
    const file = monitorFiles(monitorDir(log.correlationId)).freeze;
    if (freeze) {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, JSON.stringify(freeze), { mode: 0o600 });
    } else rmSync(file, { force: true });
  } catch (err) {
    log.info(`Could not keep the freeze for a separate finalize step: ${(err as Error).message}`);
  }
  const code = exitCodeOf(report.result);
  log.info(`Result: ${report.result} (exit ${code}) for ${config.environment}.`);
  io.setExitCode(code);
}
