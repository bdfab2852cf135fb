import { describeHolder } from '../coordination/wait-for-turn.js';
import { cronRuleProblem } from '../domain/cron-schedule.js';
import { DISPLAY_MAX, displayText } from '../domain/display.js';
import type { Freeze, Frozen } from '../domain/freeze.js';
import {
  registryCorruptFinding,
  registryMisconfiguredFinding,
  type Finding
} from '../domain/findings.js';
import type { Holder, Unreadable } from '../ports/registry.js';
import {
  REPAIR_COMMAND,
  RegistryCorruptError,
  RegistryUnavailableError,
  describeUnreadable
} from '../ports/registry-errors.js';

// What the CLI shows of the table's items (and of the stacks) as text: every stored text through
// displayText (escaped, cut when long), so that a reason, a correlation ID or a run link written
// by anyone with access to the table cannot clear the operator's screen, move the cursor or
// reorder the line. --json gives the values themselves (see safeJson).

export { displayText };

/** A holder as the log and the action name it (describeHolder), its texts escaped. */
export function holderText(h: Holder): string {
  const runUrl = h.run?.runUrl;
  return describeHolder({
    ...h,
    correlationId: displayText(h.correlationId),
    acquiredAt: displayText(h.acquiredAt),
    run: { ...h.run, ...(runUrl !== undefined ? { runUrl: displayText(runUrl) } : {}) }
  });
}

/**
 * A cron for the text: one that breaks the rules is left as it is (describeFreeze quotes and
 * escapes it); any other has its fields escaped, one space between them (as they are read), so
 * that the copy holds the same windows as the freeze.
 */
function displayedCron(cron: string): string {
  if (cronRuleProblem(cron) !== undefined) return cron;
  return cron
    .trim()
    .split(/\s+/)
    .map((field) => displayText(field, Infinity))
    .join(' ');
}

/** A freeze whose texts are escaped, for describeFreeze and describeFrozen: same windows. */
export function displayedFreeze(f: Freeze): Freeze {
  const optional = (key: 'thawedAt' | 'thawedBy' | 'timeZone') =>
    f[key] !== undefined ? { [key]: displayText(f[key]) } : {};
  return {
    ...f,
    id: displayText(f.id),
    environment: displayText(f.environment),
    reason: displayText(f.reason),
    by: displayText(f.by),
    ...optional('thawedAt'),
    ...optional('thawedBy'),
    ...optional('timeZone'),
    ...(f.cron !== undefined ? { cron: displayedCron(f.cron) } : {})
  };
}

/** What holds an environment, its freezes' texts escaped (describeFrozen). */
export const displayedFrozen = (frozen: Frozen): Frozen => ({
  ...frozen,
  windows: frozen.windows.map((w) => ({ ...w, freeze: displayedFreeze(w.freeze) }))
});

/** A finding's message (from a stack's status, reason and tags) as one escaped line. */
export const findingText = (f: Finding): string =>
  `${displayText(f.code)}: ${displayText(f.message, 4 * DISPLAY_MAX)}`;

/** A registry call failed for a reason waiting will not fix: the table missing, access denied, another key schema. */
export const isMisconfiguration = (err: unknown): err is RegistryUnavailableError =>
  err instanceof RegistryUnavailableError && err.failure === 'configuration';

/** The action's REGISTRY_MISCONFIGURED finding, for the CLI: the same words, the error escaped. */
export const misconfiguredFinding = (table: string | undefined, error: string): Finding =>
  registryMisconfiguredFinding(table ?? '', displayText(error, 4 * DISPLAY_MAX));

/** An item the action cannot read, on one escaped line (views list it instead of failing). */
export const unreadableText = (u: Unreadable): string =>
  `unreadable ${displayText(describeUnreadable(u), 4 * DISPLAY_MAX)}`;

/** An unreadable item in --json: where it is, what is wrong; never the value itself. */
export const unreadableJson = (u: Unreadable) => ({ unreadable: true as const, ...u });

/** The line after a view's unreadable items: how to list and repair them. */
export const repairText = (table: string | undefined): string =>
  `List and repair unreadable items: ${REPAIR_COMMAND} --registry-table ${displayText(table ?? 'TABLE')}`;

/** The views' unreadable items and the repair line, when there are any. */
export const unreadableLines = (
  unreadable: readonly Unreadable[],
  table: string | undefined
): string[] =>
  unreadable.length === 0 ? [] : [...unreadable.map(unreadableText), repairText(table)];

/** An item the command needs does not decode (the lock, the queue): what the action says of it. */
export const isCorrupt = (err: unknown): err is RegistryCorruptError =>
  err instanceof RegistryCorruptError;

export const corruptFinding = (table: string | undefined, err: RegistryCorruptError): Finding =>
  registryCorruptFinding(
    table ?? '',
    err.item,
    displayText(describeUnreadable(err.item), 4 * DISPLAY_MAX),
    REPAIR_COMMAND
  );
