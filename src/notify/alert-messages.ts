/**
 * Replies in the thread while the deployment runs: progress, stall (and its
 * end), overdue, a failed resource, someone else's stack operation, a
 * monitoring gap, a lost lock.
 */
import { formatDuration } from '../domain/durations.js';
import { eventName, type NestedEvent, type StackEvent } from '../domain/stack.js';
import {
  contextBlock,
  field,
  fieldSections,
  finish,
  header,
  section,
  type DeploymentInfo,
  type MessageBlock,
  type RenderedMessage
} from './blocks.js';
import { SECTION_TEXT_MAX, code, escapeText, truncate } from './escape.js';
import {
  consoleSection,
  estimateText,
  eventFields,
  eventLine,
  latestLines,
  reasonText,
  remaining,
  slackDate,
  timeLeft
} from './format.js';

export interface ProgressDetails {
  /** Stack name → CloudFormation status. */
  readonly stackStatus: Readonly<Record<string, string>>;
  readonly done: number;
  readonly inProgress: number;
  readonly failed: number;
  readonly elapsedMs: number;
  readonly remainingMs?: number;
  /** Oldest first; only the last few are shown. */
  readonly latestEvents: readonly NestedEvent[];
}

export interface StallDetails {
  readonly silentForMs: number;
  readonly lastEvent?: NestedEvent;
}

export interface StallResolvedDetails {
  readonly silentForMs: number;
}

export interface OverdueDetails {
  readonly elapsedMs: number;
  readonly expectedMs: number;
}

export interface FailureAlertDetails {
  readonly event: NestedEvent;
}

export interface ForeignOperationDetails {
  readonly stack: string;
  /** The stack-level event that opened it, when it was read. */
  readonly start?: StackEvent;
  /** Its latest stack-level status. */
  readonly status?: string;
  /** Who or what started it, as far as CloudFormation says (`describeStarter`): outside text. */
  readonly startedBy: string;
}

export interface MonitoringGapDetails {
  readonly gapMs: number;
  readonly restarts: number;
}

export interface LockLostDetails {
  /** Who holds the lock now, if anyone (a correlation ID), and how it was found. */
  readonly nowHeldBy?: string;
  readonly by: 'coordinate' | 'monitor' | 'finalize';
}

/** Events listed in a progress reply (the latest ones). */
export const MAX_EVENTS_SHOWN = 10;
/** Stacks listed by name and status in a progress reply. */
export const MAX_STACKS_SHOWN = 20;

export function progressMessage(info: DeploymentInfo, p: ProgressDetails): RenderedMessage {
  const counts = `${p.done} done, ${p.inProgress} in progress, ${p.failed} failed`;
  const left = p.remainingMs !== undefined ? remaining(p.remainingMs) : 'unknown';
  const stacks = Object.entries(p.stackStatus);
  const stackLines = stacks
    .slice(0, MAX_STACKS_SHOWN)
    .map(([name, status]) => `• ${code(name)} ${escapeText(status)}`);
  if (stacks.length > MAX_STACKS_SHOWN)
    stackLines.push(`… and ${stacks.length - MAX_STACKS_SHOWN} more stacks`);
  const title = '*Latest events*';
  const events = latestLines(
    p.latestEvents.slice(-MAX_EVENTS_SHOWN).map((e) => eventLine(e)),
    SECTION_TEXT_MAX - title.length
  );
  const omitted = p.latestEvents.length - events.length;
  const blocks: MessageBlock[] = [
    header(':hourglass_flowing_sand: Deployment in progress'),
    ...fieldSections([
      field('Elapsed', formatDuration(p.elapsedMs)),
      field('Remaining', p.remainingMs !== undefined ? timeLeft(p.remainingMs) : 'unknown'),
      field('Resources', counts),
      field('Estimate', estimateText(info.estimate))
    ])
  ];
  if (stackLines.length > 0) blocks.push(section(`*Stacks*\n${stackLines.join('\n')}`));
  if (events.length > 0) {
    blocks.push(section(`${title}\n${events.join('\n')}`));
    if (omitted > 0) blocks.push(contextBlock([`${omitted} earlier events not shown`]));
  }
  return finish(
    info,
    `:hourglass_flowing_sand: ${escapeText(info.environment)}: ${counts}; ${formatDuration(p.elapsedMs)} elapsed, ${left}`,
    blocks
  );
}

export function stallMessage(info: DeploymentInfo, s: StallDetails): RenderedMessage {
  const silent = formatDuration(s.silentForMs);
  const blocks: MessageBlock[] = [
    header(`:warning: No stack events for ${silent}`),
    section(
      `CloudFormation has reported nothing for *${silent}*. Some resources (CloudFront distributions, RDS instances, custom resources) are quiet for a long time; if the silence goes on, check the stack in the console.`
    )
  ];
  if (s.lastEvent) blocks.push(section(`*Last event*\n${eventLine(s.lastEvent)}`));
  blocks.push(...consoleSection(info));
  return finish(
    info,
    `:warning: ${escapeText(info.environment)}: no stack events for ${silent}`,
    blocks
  );
}

export function stallResolvedMessage(
  info: DeploymentInfo,
  s: StallResolvedDetails
): RenderedMessage {
  const silent = formatDuration(s.silentForMs);
  return finish(
    info,
    `:arrow_forward: ${escapeText(info.environment)}: stack events resumed after ${silent} of silence`,
    [
      header(':arrow_forward: Stack events resumed'),
      section(`Events are arriving again after *${silent}* of silence.`)
    ]
  );
}

export function overdueMessage(info: DeploymentInfo, o: OverdueDetails): RenderedMessage {
  const over = formatDuration(o.elapsedMs - o.expectedMs);
  return finish(
    info,
    `:alarm_clock: ${escapeText(info.environment)}: taking longer than expected, ${formatDuration(o.elapsedMs)} elapsed, expected ${formatDuration(o.expectedMs)}`,
    [
      header(':alarm_clock: Taking longer than expected'),
      section(
        `*${formatDuration(o.elapsedMs)}* elapsed; this deployment was expected to take *${formatDuration(o.expectedMs)}* (${escapeText(info.estimate.basis)}), so it is *${over}* over. It is still being watched.`
      ),
      ...consoleSection(info)
    ]
  );
}

export function failureAlertMessage(info: DeploymentInfo, a: FailureAlertDetails): RenderedMessage {
  const e = a.event;
  return finish(
    info,
    `:rotating_light: ${escapeText(info.environment)}: ${escapeText(eventName(e))} (${escapeText(e.resourceType)}) ${escapeText(e.status)}${e.reason ? `: ${truncate(escapeText(e.reason), 500)}` : ''}`,
    [
      header(`:rotating_light: Resource failed: ${eventName(e)}`),
      ...fieldSections(eventFields(e)),
      section(`*Reason*\n${reasonText(e)}`),
      ...consoleSection(info)
    ]
  );
}

/** An operation on a stack of this deployment, while it holds the lock, that is not its own. */
export function foreignOperationMessage(
  info: DeploymentInfo,
  f: ForeignOperationDetails
): RenderedMessage {
  const by = truncate(escapeText(f.startedBy), 500);
  const status = f.status ?? f.start?.status;
  return finish(
    info,
    `:warning: ${escapeText(info.environment)}: an operation that is not this deployment's is running on ${code(f.stack)}, started by ${by}`,
    [
      header(`:warning: Another operation on ${f.stack}`),
      ...fieldSections([
        field('Stack', code(f.stack)),
        status ? field('Status', escapeText(status)) : '',
        f.start ? field('Started', slackDate(f.start.timestamp)) : '',
        field('Started by', by)
      ]),
      section(
        "While this deployment holds the lock, CloudFormation shows an operation on the stack that is not this deployment's (another `DeploymentCorrelationId` tag or ClientRequestToken). It is not counted as this deployment's: a failure of it is not this deployment's failure. Find out who runs it before the next deployment."
      ),
      ...consoleSection(info)
    ]
  );
}

export function monitoringGapMessage(
  info: DeploymentInfo,
  g: MonitoringGapDetails
): RenderedMessage {
  const gap = formatDuration(g.gapMs);
  const restarts = g.restarts === 1 ? '1 restart' : `${g.restarts} restarts`;
  return finish(
    info,
    `:electric_plug: ${escapeText(info.environment)}: monitoring gap of ${gap} (${restarts})`,
    [
      header(':electric_plug: Monitoring gap'),
      section(
        `The monitor was not watching for *${gap}* (${restarts} so far). Progress or alerts from that interval may be missing from this thread; the stack itself was not affected.`
      ),
      ...consoleSection(info)
    ]
  );
}

/** The monitor ended on its own: its job is over without a post step, or it reached its bound. */
export function monitorEndedMessage(info: DeploymentInfo, reason: string): RenderedMessage {
  return finish(info, `:stopwatch: ${escapeText(info.environment)}: monitoring ended: ${reason}`, [
    header(':stopwatch: Monitoring ended'),
    section(
      `The monitor stopped: ${reason}. Nothing heartbeats this deployment's lock any more; the next run takes it over once a lease has passed. Check the stack in the console.`
    ),
    ...consoleSection(info)
  ]);
}

/** The lock was found no longer this deployment's: taken over, or unlocked by an operator. */
export function lockLostMessage(info: DeploymentInfo, l: LockLostDetails): RenderedMessage {
  const env = escapeText(info.environment);
  const now = l.nowHeldBy
    ? `It is now held by \`${escapeText(l.nowHeldBy)}\`.`
    : 'Nobody holds it now: it was released or unlocked by an operator.';
  return finish(info, `:rotating_light: ${env}: this deployment lost the lock`, [
    header(':rotating_light: Lock lost'),
    section(
      `The ${env} lock is no longer this deployment's (found by ${l.by}). ${now} This run stops acting as the holder: no more heartbeats, no repair, no release. Check the stack before the next deployment.`
    ),
    ...consoleSection(info)
  ]);
}
