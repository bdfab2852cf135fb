import type { Config } from '../config/config.js';
import type { SlackNotifier } from '../notify/slack.js';
import type { StackReader, StackRecovery } from '../ports/cloudformation.js';
import type { Registry, Transition, TransitionEntry } from '../ports/registry.js';
import type { ActionIO, Clock, Logger, Sleep } from '../ports/runtime.js';
import type { StackSnapshot } from '../domain/stack.js';

/** What every stage works with: its inputs, its log and runner I/O, CloudFormation, the registry, time. */
export interface StageDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly io: ActionIO;
  readonly reader: StackReader;
  readonly registry: Registry;
  readonly clock: Clock;
  readonly sleep: Sleep;
  /** Repairs stacks a failed deployment left needing it (auto-rollback, cleanup). */
  readonly recovery?: StackRecovery;
  /** Slack, when configured. */
  readonly notifier?: SlackNotifier;
}

/** Registry trouble after the lock decision never fails the run: a warning, and on. */
export async function safely<T>(
  log: Logger,
  fn: () => Promise<T>,
  warn: (message: string) => { text: string; title: string } = (message) => ({
    text: `Registry write failed: ${message}`,
    title: 'Registry write failed'
  })
): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    const { text, title } = warn((err as Error).message);
    log.warning(text, { title });
    return undefined;
  }
}

/** finalize's registry trouble: reported, never fatal (the lease expires on its own). */
export const finalizeWarning = (message: string): { text: string; title: string } => ({
  text: `Registry unavailable in finalize (${message}); the lock, if held, expires after lease-minutes.`,
  title: 'Registry unavailable'
});

/** A transition on this deployment's record (best effort, see `safely`). */
export async function record(
  d: Pick<StageDeps, 'log' | 'clock'>,
  registry: Registry,
  state: Transition,
  note?: string,
  patch: { fence?: number; outcome?: string } = {},
  /** Who answered the question this transition followed. */
  by?: TransitionEntry['by']
): Promise<void> {
  const entry: TransitionEntry = {
    state,
    at: new Date(d.clock.now()).toISOString(),
    ...(note ? { note } : {}),
    ...(by ? { by } : {})
  };
  await safely(d.log, () => registry.records.addTransition(d.log.correlationId, entry, patch));
}

export const statuses = (stacks: readonly StackSnapshot[]): string =>
  stacks.map((s) => `${s.name}=${s.status}`).join(', ');

/** A release retries registry trouble for at most this long: a lease, up to 30 s. */
export const releaseBudget = (config: Config): number => Math.min(config.leaseMs, 30_000);

/** Where a stage posts to Slack: the notifier and the status channel, when both are there. */
export const statusChannel = (
  d: Pick<StageDeps, 'notifier' | 'config'>
): { notifier: SlackNotifier; channel: string } | undefined =>
  d.notifier && d.config.slack
    ? { notifier: d.notifier, channel: d.config.slack.channel }
    : undefined;
