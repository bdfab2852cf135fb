import type { DeploymentRecord, HistoryEntry, TransitionEntry } from '../ports/registry.js';
import {
  counter,
  decode,
  fail,
  fields,
  instant,
  integer,
  join,
  list,
  map,
  number,
  optional,
  priority,
  run,
  stackNames,
  text,
  type Check,
  type Decoded,
  type ItemKey
} from './schema.js';

/** Deployment records and the history of finished deployments (see schema.ts). */

/** The longest deployment history keeps: a longer one is an impossible value, not a slow stack. */
export const MAX_HISTORY_DURATION_MS = 30 * 86_400_000;

const transition = fields<TransitionEntry>({
  state: text({ nonEmpty: true }) as Check<TransitionEntry['state']>,
  at: instant,
  note: optional(text()),
  by: optional(
    fields<{ id: string; name?: string }>({ id: text({ nonEmpty: true }), name: optional(text()) })
  )
});

/**
 * A record: the transitions alone when it was started by a transition (a predecessor's
 * `taken-over`, an unlock, a lock lost) rather than by its run's arrival.
 */
const recordFields = fields<
  Omit<DeploymentRecord, 'correlationId' | 'environment' | 'stacks' | 'run'> &
    Partial<Pick<DeploymentRecord, 'correlationId' | 'environment' | 'stacks' | 'run'>>
>({
  correlationId: optional(text({ nonEmpty: true })),
  environment: optional(text({ nonEmpty: true })),
  stacks: optional(stackNames),
  run: optional(run),
  priority,
  fence: optional(counter(0)),
  transitions: list(transition),
  outcome: optional(text()),
  rootCause: optional(text())
});

export function decodeRecord(item: Record<string, unknown>): Decoded<DeploymentRecord> {
  return decode(item, (v, at) => {
    const r = recordFields(v, at);
    const pk = typeof item['pk'] === 'string' ? item['pk'] : '';
    return {
      ...r,
      correlationId: r.correlationId ?? pk.slice('DEPLOY#'.length),
      environment: r.environment ?? '',
      stacks: r.stacks ?? [],
      run: r.run ?? {}
    };
  });
}

const historyFields = fields<HistoryEntry>({
  correlationId: text({ nonEmpty: true }),
  environment: text({ nonEmpty: true }),
  stacks: stackNames,
  outcome: text({ nonEmpty: true }),
  startedAt: instant,
  endedAt: instant,
  durationMs: integer(0, MAX_HISTORY_DURATION_MS),
  resourceTypeSeconds: optional((v, at) => {
    const m = map(v, at);
    const seconds = number(0, MAX_HISTORY_DURATION_MS / 1000);
    return Object.fromEntries(Object.entries(m).map(([k, x]) => [k, seconds(x, join(at, k))]));
  })
});

/** A finished deployment; its end is not before its start. */
export function decodeHistory(item: unknown, where?: ItemKey): Decoded<HistoryEntry> {
  return decode(
    item,
    (v, at) => {
      const h = historyFields(v, at);
      if (Date.parse(h.endedAt) < Date.parse(h.startedAt))
        fail('endedAt', `not before startedAt (${h.startedAt})`, h.endedAt);
      return h;
    },
    where
  );
}
