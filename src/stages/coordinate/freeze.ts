import type { TurnOutcome } from '../../coordination/wait-for-turn.js';
import { describeFrozen, type Frozen } from '../../domain/freeze.js';
import { freezeOverrideMessage, type FreezeDetails } from '../../notify/messages.js';
import type { ThreadRef } from '../../notify/slack.js';
import { record, statusChannel, type StageDeps } from '../deps.js';
import type { Arrival } from './arrive.js';

/** A freeze as the Slack messages show it. */
export const freezeDetails = (f: Frozen): FreezeDetails => ({
  until: new Date(f.until),
  reasons: f.windows.map((w) => w.freeze.reason),
  ...(f.openEnded ? { openEnded: true } : {})
});

/** What the job summary says of a freeze (saved in state for finalize). */
export interface FreezeNote {
  /** Until when and why, as the log says it. */
  readonly text: string;
  readonly override?: string;
  /** The freeze outlasted the wait (result frozen). */
  readonly outlasted?: boolean;
}

/** The freeze this run met, for the summary: overridden, outlasted its wait, or waited through. */
export function freezeNote(d: StageDeps, turn: TurnOutcome): FreezeNote | undefined {
  const { overridden, endedBy, heldBy } = turn.freeze ?? {};
  const f = overridden ?? endedBy ?? heldBy;
  if (!f) return undefined;
  const text = describeFrozen(f, d.config.environment, d.clock.now());
  if (overridden) return { text, override: d.config.overrideFreeze };
  return endedBy ? { text, outlasted: true } : { text };
}

/** Break glass: the override in the log (a warning) and on the record, the moment the lock is held. */
export async function recordOverride(d: StageDeps, turn: TurnOutcome): Promise<void> {
  const f = turn.freeze?.overridden;
  const reason = d.config.overrideFreeze;
  if (!f || !reason) return;
  const text = describeFrozen(f, d.config.environment, d.clock.now());
  d.log.warning(`Freeze overridden (override-freeze: ${reason}): ${text}.`, {
    title: 'Freeze overridden'
  });
  await record(d, turn.registry, 'freeze-overridden', `${reason}; ${text}`);
}

/** The override announced in the deployment's thread, broadcast to the channel. */
export async function announceOverride(
  d: StageDeps,
  arrival: Arrival,
  turn: TurnOutcome,
  thread: ThreadRef | undefined
): Promise<void> {
  const f = turn.freeze?.overridden;
  const reason = d.config.overrideFreeze;
  const slack = statusChannel(d);
  if (!f || !reason || !slack) return;
  const message = freezeOverrideMessage(arrival.info, { ...freezeDetails(f), override: reason });
  await slack.notifier.post(
    'freeze override',
    thread?.channel ?? slack.channel,
    message,
    thread ? { ts: thread.ts, broadcast: true } : undefined
  );
}
