import { activeDeploymentFindings } from '../domain/findings.js';
import { describeActivity, formatEvent, type Activity } from '../domain/activity.js';
import { formatDuration } from '../domain/durations.js';
import { isInProgress } from '../domain/stack-status.js';
import type { StackSnapshot } from '../domain/stack.js';
import type { Logger } from '../report/logger.js';
import type { Clock, Sleep, StackReader } from './ports.js';

export interface WaitDeps {
  readonly reader: StackReader;
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly log: Logger;
}

export interface WaitOptions {
  readonly stacks: readonly string[];
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  readonly expectedMs: number;
  readonly estimateBasis: string;
  readonly signal?: AbortSignal;
}

export type WaitOutcome =
  | {
      readonly kind: 'settled';
      readonly stacks: StackSnapshot[];
      readonly waitedMs: number;
      readonly wasBusy: Activity[];
    }
  | {
      readonly kind: 'timeout' | 'cancelled';
      readonly stacks: StackSnapshot[];
      readonly waitedMs: number;
      readonly busy: Activity[];
    };

/** Reads who is deploying each busy stack, since when, and how far along. */
export async function readActivity(
  reader: StackReader,
  stacks: readonly StackSnapshot[]
): Promise<Activity[]> {
  return Promise.all(
    stacks
      .filter((s) => isInProgress(s.status))
      .map(async (stack) => {
        const op = await reader.currentOperation(stack.name);
        return {
          stack,
          consoleUrl: reader.consoleUrl(stack),
          startedAt: op.start?.timestamp,
          startStatus: op.start?.status,
          events: op.events
        };
      })
  );
}

/**
 * CloudFormation-only waiting: polls until no covered stack is in progress, the
 * timeout passes, or the signal aborts. Every poll logs what it saw.
 */
export async function waitForStacks(deps: WaitDeps, opts: WaitOptions): Promise<WaitOutcome> {
  const { reader, clock, sleep, log } = deps;
  const started = clock.now();
  const lastEvent = new Map<string, string>();
  let firstBusy: Activity[] | undefined;

  for (let poll = 1; ; poll++) {
    const stacks = await reader.describeStacks(opts.stacks);
    const waitedMs = clock.now() - started;
    if (activeDeploymentFindings(stacks).length === 0) {
      if (poll > 1)
        log.info(
          `Poll ${poll}: no covered stack is in progress after ${formatDuration(waitedMs)}.`
        );
      return { kind: 'settled', stacks, waitedMs, wasBusy: firstBusy ?? [] };
    }

    const busy = await readActivity(reader, stacks);
    firstBusy ??= busy;
    for (const a of busy) {
      const name = a.stack.name;
      const seen = lastEvent.get(name);
      const fresh =
        seen === undefined ? [] : a.events.slice(a.events.findIndex((e) => e.id === seen) + 1);
      const newest = a.events.at(-1);
      if (newest) lastEvent.set(name, newest.id);
      const header = `Poll ${poll} (waited ${formatDuration(waitedMs)} of ${formatDuration(opts.timeoutMs)}):`;
      if (seen === undefined) {
        log.info(
          `${header} ${describeActivity(a, clock.now(), opts.expectedMs, opts.estimateBasis)}`
        );
      } else {
        const activity = describeActivity(
          a,
          clock.now(),
          opts.expectedMs,
          opts.estimateBasis,
          false
        );
        const events =
          fresh.length > 0
            ? `\n  New events:\n${fresh.map((e) => `    ${formatEvent(e)}`).join('\n')}`
            : '\n  No new events since the last poll.';
        log.info(`${header} ${activity}${events}`);
      }
    }

    if (opts.signal?.aborted) return { kind: 'cancelled', stacks, waitedMs, busy };
    const left = opts.timeoutMs - (clock.now() - started);
    if (left <= 0) return { kind: 'timeout', stacks, waitedMs, busy };
    await sleep(Math.min(opts.pollIntervalMs, left), opts.signal);
    if (opts.signal?.aborted)
      return { kind: 'cancelled', stacks, waitedMs: clock.now() - started, busy };
  }
}
