/**
 * The Slack messages of one deployment, as pure data: each renderer returns
 * the plain-text fallback (`text`, used for notifications and by clients
 * without blocks) and Block Kit `blocks`.
 *
 * One deployment is one thread: `startedMessage` is the parent (posted once,
 * then re-rendered with a new state for `chat.update`); progress, stall,
 * overdue, failure and monitoring-gap alerts are replies; `succeededMessage` /
 * `failedMessage` are the final reply, broadcast to the channel by the sender.
 * `queuedMessage` is posted for a run that has to wait, `questionMessage` in
 * the interact channel.
 *
 * Every message carries the correlation ID in `text` and in `blocks`. All
 * outside text goes through `escapeText` (or `link`/`code`), and every text is
 * cut to Slack's limits.
 */
import { formatDuration } from '../domain/durations.js';
import type { StackEvent } from '../domain/stack.js';
import {
  CONTEXT_TEXT_MAX,
  FALLBACK_TEXT_MAX,
  FIELD_TEXT_MAX,
  HEADER_TEXT_MAX,
  MAX_BLOCKS,
  MAX_CONTEXT_ELEMENTS,
  MAX_FIELDS,
  SECTION_TEXT_MAX,
  code,
  escapeText,
  link,
  truncate
} from './escape.js';
import type { RunContext } from '../ports/run.js';

// --- Block Kit, the few shapes we use (structurally compatible with @slack/types) ---

export interface PlainTextObject {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface MrkdwnObject {
  type: 'mrkdwn';
  text: string;
}

export interface HeaderBlock {
  type: 'header';
  text: PlainTextObject;
}

export interface SectionBlock {
  type: 'section';
  text?: MrkdwnObject;
  fields?: MrkdwnObject[];
}

export interface ContextBlock {
  type: 'context';
  elements: (MrkdwnObject | PlainTextObject)[];
}

export interface DividerBlock {
  type: 'divider';
}

export type Block = HeaderBlock | SectionBlock | ContextBlock | DividerBlock;

export interface RenderedMessage {
  text: string;
  blocks: Block[];
}

// --- Inputs ---

export interface DeploymentEstimate {
  readonly expectedMs: number;
  readonly lowMs?: number;
  readonly highMs?: number;
  /** How the estimate was made, e.g. 'median of 7 deployments' or 'no history yet'. */
  readonly basis: string;
}

export interface DeploymentInfo {
  readonly correlationId: string;
  readonly environment: string;
  readonly stacks: readonly string[];
  readonly run: RunContext;
  /** Outside text. */
  readonly commitMessage?: string;
  readonly consoleUrl?: string;
  readonly estimate: DeploymentEstimate;
}

export interface QueuedDetails {
  readonly activeCorrelationId?: string;
  readonly activeSince?: Date;
  readonly elapsedMs?: number;
  readonly remainingMs?: number;
  /** 1 = next in line. */
  readonly position: number;
  readonly holderRunUrl?: string;
}

export type DeploymentState =
  'deploying' | 'succeeded' | 'failed' | 'still-running' | 'no-change' | 'cancelled';

export interface StartedDetails {
  readonly state: DeploymentState;
  readonly startedAt: Date;
  readonly endedAt?: Date;
}

export interface ProgressDetails {
  /** Stack name → CloudFormation status. */
  readonly stackStatus: Readonly<Record<string, string>>;
  readonly done: number;
  readonly inProgress: number;
  readonly failed: number;
  readonly elapsedMs: number;
  readonly remainingMs?: number;
  /** Oldest first; only the last few are shown. */
  readonly latestEvents: readonly StackEvent[];
}

export interface StallDetails {
  readonly silentForMs: number;
  readonly lastEvent?: StackEvent;
}

export interface StallResolvedDetails {
  readonly silentForMs: number;
}

export interface OverdueDetails {
  readonly elapsedMs: number;
  readonly expectedMs: number;
}

export interface FailureAlertDetails {
  readonly event: StackEvent;
}

export interface SucceededDetails {
  readonly durationMs: number;
  readonly expectedMs?: number;
  /** From a stack output: outside text. */
  readonly appUrl?: string;
}

export interface FailedDetails {
  readonly durationMs: number;
  readonly rootCause?: StackEvent;
  readonly rollback?: { readonly action: string; readonly result: string };
  /** Shown as a bullet list, escaped (no links). */
  readonly troubleshooting: readonly string[];
}

export interface MonitoringGapDetails {
  readonly gapMs: number;
  readonly restarts: number;
}

export interface QuestionDetails {
  readonly question: string;
  /** How to answer, e.g. 'React ✅ to proceed or ❌ to abort, or reply `proceed` / `abort` in this thread.' */
  readonly options: string;
  readonly timeoutMs: number;
  readonly defaultAnswer: string;
}

/** Events listed in a progress reply (the latest ones). */
export const MAX_EVENTS_SHOWN = 10;
/** Stacks listed by name and status in a progress reply. */
export const MAX_STACKS_SHOWN = 20;
/** Troubleshooting bullets in a failed reply. */
export const MAX_TROUBLESHOOTING_SHOWN = 10;
/** One event line, before the section's own limit applies. */
const EVENT_LINE_MAX = 200;
/** A stack event reason in an alert. */
const REASON_MAX = 1500;

// --- Renderers ---

export function queuedMessage(info: DeploymentInfo, q: QueuedDetails): RenderedMessage {
  const env = escapeText(info.environment);
  const activeId = q.activeCorrelationId ? code(q.activeCorrelationId) : 'unknown';
  const lead =
    q.position <= 1
      ? 'Another deployment is active; this one is *next in line* and starts when it finishes.'
      : `Another deployment is active; this one is *number ${q.position}* in line.`;
  const fields = [
    field('Active deployment', activeId),
    q.activeSince ? field('Active since', slackDate(q.activeSince)) : '',
    q.elapsedMs !== undefined ? field('Elapsed', formatDuration(q.elapsedMs)) : '',
    q.remainingMs !== undefined ? field('Estimated remaining', timeLeft(q.remainingMs)) : '',
    q.holderRunUrl ? field('Active run', link(q.holderRunUrl, 'workflow run')) : '',
    field('Position in queue', String(q.position))
  ];
  const summary = `:double_vertical_bar: Deployment queued: ${env}, position ${q.position} behind ${
    q.activeCorrelationId ? escapeText(q.activeCorrelationId) : 'an active deployment'
  }${q.remainingMs !== undefined ? ` (${remaining(q.remainingMs)})` : ''}`;
  return finish(info, summary, [
    header(`:double_vertical_bar: Deployment queued: ${info.environment}`),
    section(lead),
    ...fieldSections(fields),
    ...fieldSections(deploymentFields(info)),
    ...commitSection(info),
    section(`This deployment expects to take ${estimateText(info.estimate)} once it starts.`)
  ]);
}

const STATES: Record<DeploymentState, { emoji: string; title: string }> = {
  deploying: { emoji: ':rocket:', title: 'Deploying' },
  'still-running': { emoji: ':hourglass_flowing_sand:', title: 'Still running' },
  succeeded: { emoji: ':white_check_mark:', title: 'Deployed' },
  failed: { emoji: ':x:', title: 'Deployment failed' },
  'no-change': { emoji: ':heavy_minus_sign:', title: 'No changes' },
  cancelled: { emoji: ':no_entry_sign:', title: 'Deployment cancelled' }
};

/** The thread parent; re-render with the new state for `chat.update`. */
export function startedMessage(info: DeploymentInfo, s: StartedDetails): RenderedMessage {
  const { emoji, title } = STATES[s.state];
  const env = escapeText(info.environment);
  const durationMs = s.endedAt ? s.endedAt.getTime() - s.startedAt.getTime() : undefined;
  const took = durationMs !== undefined ? ` in ${formatDuration(durationMs)}` : '';
  const after = durationMs !== undefined ? ` after ${formatDuration(durationMs)}` : '';
  const lead: Record<DeploymentState, string> = {
    deploying: `Deploying to *${env}*. Progress, stalls and failures follow in this thread.`,
    'still-running': `The workflow stopped watching, but the CloudFormation operation in *${env}* is *still running*. Follow it in the console.`,
    succeeded: `Deployed to *${env}*${took}.`,
    failed: `The deployment to *${env}* failed${after}. The root cause is in this thread.`,
    'no-change': `Nothing to deploy: CloudFormation reported no changes for *${env}*.`,
    cancelled: `The deployment to *${env}* was cancelled${after}.`
  };
  const timing = [field('Started', slackDate(s.startedAt))];
  if (s.endedAt && durationMs !== undefined) {
    timing.push(field('Finished', slackDate(s.endedAt)));
    timing.push(field('Duration', durationAgainst(durationMs, info.estimate.expectedMs)));
  } else {
    timing.push(field('Expected', estimateText(info.estimate)));
    timing.push(
      field(
        'Expected by',
        slackDate(new Date(s.startedAt.getTime() + Math.max(0, info.estimate.expectedMs)))
      )
    );
  }
  const ended =
    s.state === 'succeeded' ? took : s.state === 'failed' || s.state === 'cancelled' ? after : '';
  return finish(info, `${emoji} ${title}: ${env}${ended}`, [
    header(`${emoji} ${title}: ${info.environment}`),
    section(lead[s.state]),
    ...fieldSections([...deploymentFields(info), ...timing]),
    ...commitSection(info),
    ...consoleSection(info)
  ]);
}

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
  const blocks: Block[] = [
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
  const blocks: Block[] = [
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
    `:rotating_light: ${escapeText(info.environment)}: ${escapeText(e.logicalId)} (${escapeText(e.resourceType)}) ${escapeText(e.status)}${e.reason ? `: ${truncate(escapeText(e.reason), 500)}` : ''}`,
    [
      header(`:rotating_light: Resource failed: ${e.logicalId}`),
      ...fieldSections(eventFields(e)),
      section(`*Reason*\n${reasonText(e)}`),
      ...consoleSection(info)
    ]
  );
}

export function succeededMessage(info: DeploymentInfo, s: SucceededDetails): RenderedMessage {
  const env = escapeText(info.environment);
  const fields = [
    field('Duration', durationAgainst(s.durationMs, s.expectedMs)),
    field('Stacks', stackList(info.stacks))
  ];
  if (s.appUrl) fields.push(field('Application', link(s.appUrl, s.appUrl)));
  return finish(
    info,
    `:white_check_mark: Deployment succeeded: ${env} in ${formatDuration(s.durationMs)}`,
    [
      header(`:white_check_mark: Deployment succeeded: ${info.environment}`),
      section(`Deployed to *${env}* in *${formatDuration(s.durationMs)}*. :tada:`),
      ...fieldSections(fields)
    ]
  );
}

export function failedMessage(info: DeploymentInfo, f: FailedDetails): RenderedMessage {
  const env = escapeText(info.environment);
  const blocks: Block[] = [
    header(`:x: Deployment failed: ${info.environment}`),
    section(`The deployment to *${env}* failed after *${formatDuration(f.durationMs)}*.`)
  ];
  if (f.rootCause) {
    blocks.push(section(`*Root cause*\n${eventLine(f.rootCause, REASON_MAX)}`));
  } else {
    blocks.push(section('*Root cause*\nNo failed resource was found among the stack events.'));
  }
  if (f.rollback) {
    blocks.push(
      section(`*Rollback*\n${escapeText(f.rollback.action)}: ${escapeText(f.rollback.result)}`)
    );
  }
  const tips = f.troubleshooting
    .slice(0, MAX_TROUBLESHOOTING_SHOWN)
    .map((t) => `• ${escapeText(t)}`);
  if (tips.length > 0) blocks.push(section(`*Troubleshooting*\n${tips.join('\n')}`));
  blocks.push(...consoleSection(info));
  const cause = f.rootCause
    ? `: ${escapeText(f.rootCause.logicalId)} ${escapeText(f.rootCause.status)}${f.rootCause.reason ? ` (${truncate(escapeText(f.rootCause.reason), 500)})` : ''}`
    : '';
  return finish(
    info,
    `:x: Deployment failed: ${env} after ${formatDuration(f.durationMs)}${cause}`,
    blocks
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

export interface LockLostDetails {
  /** Who holds the lock now, if anyone (a correlation ID), and how it was found. */
  readonly nowHeldBy?: string;
  readonly by: 'coordinate' | 'monitor' | 'finalize';
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

/** For the interact channel. */
export function questionMessage(info: DeploymentInfo, q: QuestionDetails): RenderedMessage {
  const env = escapeText(info.environment);
  const timeout = formatDuration(q.timeoutMs);
  const fallback = escapeText(q.defaultAnswer);
  return finish(
    info,
    `:question: ${env}: ${escapeText(q.question)} Answer within ${timeout}; default: ${fallback}`,
    [
      header(`:question: Input needed: ${info.environment}`),
      section(`*${escapeText(q.question)}*`),
      section(escapeText(q.options)),
      section(`If nobody answers within *${timeout}*, the deployment will *${fallback}*.`),
      ...fieldSections(deploymentFields(info)),
      ...commitSection(info)
    ]
  );
}

// --- Pieces ---

function finish(info: DeploymentInfo, summary: string, blocks: Block[]): RenderedMessage {
  const suffix = ` [${escapeText(info.correlationId)}]`;
  const text = truncate(summary, FALLBACK_TEXT_MAX - suffix.length) + suffix;
  const footer = footerBlock(info);
  const body = blocks.length > MAX_BLOCKS - 1 ? capped(blocks) : blocks;
  return { text, blocks: [...body, footer] };
}

/** Keeps room for the footer and says how much was left out. */
function capped(blocks: Block[]): Block[] {
  const keep = blocks.slice(0, MAX_BLOCKS - 2);
  return [...keep, contextBlock([`${blocks.length - keep.length} more blocks not shown`])];
}

function footerBlock(info: DeploymentInfo): ContextBlock {
  const run = info.run;
  const runName = [run.workflow, run.job].filter(Boolean).join(' / ') || 'workflow run';
  return contextBlock([
    `Correlation ID ${code(info.correlationId)}`,
    run.runUrl ? link(run.runUrl, runName) : escapeText(runName),
    run.actor ? `by ${escapeText(run.actor)}` : ''
  ]);
}

function deploymentFields(info: DeploymentInfo): string[] {
  const run = info.run;
  return [
    field('Environment', escapeText(info.environment)),
    field('Stacks', stackList(info.stacks)),
    run.ref ? field('Ref', code(shortRef(run.ref))) : '',
    run.sha ? field('Commit', commitLink(run)) : '',
    run.actor ? field('Actor', escapeText(run.actor)) : '',
    run.runUrl ? field('Run', link(run.runUrl, 'workflow run')) : ''
  ];
}

function commitSection(info: DeploymentInfo): Block[] {
  const subject = info.commitMessage?.split(/\r?\n/).find((l) => l.trim() !== '');
  return subject ? [section(`*Commit message*\n${truncate(escapeText(subject.trim()), 300)}`)] : [];
}

function consoleSection(info: DeploymentInfo): Block[] {
  return info.consoleUrl
    ? [section(`:mag: ${link(info.consoleUrl, 'Stack events in the AWS console')}`)]
    : [];
}

function eventFields(e: StackEvent): string[] {
  return [
    field('Logical ID', code(e.logicalId)),
    field('Type', code(e.resourceType)),
    field('Status', escapeText(e.status)),
    field('Stack', code(e.stackName)),
    field('Time', slackDate(e.timestamp))
  ];
}

function reasonText(e: StackEvent): string {
  return e.reason ? truncate(escapeText(e.reason), REASON_MAX) : '_no reason given_';
}

function eventLine(e: StackEvent, max = EVENT_LINE_MAX): string {
  const time = e.timestamp.toISOString().slice(11, 19);
  const reason = e.reason ? ` — ${truncate(escapeText(e.reason), max)}` : '';
  return `\`${time}\` ${code(e.logicalId)} (${escapeText(e.resourceType)}) *${escapeText(e.status)}*${reason}`;
}

/** The last lines (the newest events) that fit in `budget` characters, one per line. */
function latestLines(lines: readonly string[], budget: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (out.length > 0 && used + line.length + 1 > budget) break;
    out.unshift(line);
    used += line.length + 1;
  }
  return out;
}

function stackList(stacks: readonly string[]): string {
  return stacks.length > 0 ? stacks.map(code).join(', ') : '_none_';
}

function shortRef(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, '');
}

function commitLink(run: RunContext): string {
  const sha = run.sha ?? '';
  const short = sha.slice(0, 7);
  const base = run.runUrl?.match(/^(https?:\/\/.+?)\/actions\/runs\//)?.[1];
  return base && /^[0-9a-f]{7,40}$/i.test(sha) ? link(`${base}/commit/${sha}`, short) : code(short);
}

function estimateText(e: DeploymentEstimate): string {
  const range =
    e.lowMs !== undefined && e.highMs !== undefined && e.highMs > e.lowMs
      ? `, usually ${formatDuration(e.lowMs)} to ${formatDuration(e.highMs)}`
      : '';
  return `about ${formatDuration(e.expectedMs)} (${escapeText(e.basis)}${range})`;
}

/** For a field labelled as remaining time: `about 4m 00s` or `overdue by 1m 00s`. */
function timeLeft(ms: number): string {
  return ms > 0 ? `about ${formatDuration(ms)}` : `overdue by ${formatDuration(-ms)}`;
}

function remaining(ms: number): string {
  return ms > 0 ? `about ${formatDuration(ms)} remaining` : `overdue by ${formatDuration(-ms)}`;
}

function durationAgainst(durationMs: number, expectedMs: number | undefined): string {
  if (expectedMs === undefined || expectedMs <= 0) return formatDuration(durationMs);
  return `${formatDuration(durationMs)} (expected ${formatDuration(expectedMs)})`;
}

/** Slack shows the date in the reader's time zone; the fallback is UTC. */
function slackDate(d: Date): string {
  const iso = d.toISOString();
  const utc = `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
  return `<!date^${Math.floor(d.getTime() / 1000)}^{date_short_pretty} {time_secs}|${utc}>`;
}

function field(label: string, value: string): string {
  return `*${label}*\n${value}`;
}

function header(text: string): HeaderBlock {
  // plain_text: no mrkdwn, so rather than guess how entities render there,
  // the control characters are dropped from the (config-validated) text.
  const plain = text.replace(/[<>&]/g, '').replace(/\s+/g, ' ').trim();
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncate(plain || '-', HEADER_TEXT_MAX), emoji: true }
  };
}

function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_TEXT_MAX) } };
}

function fieldSections(fields: readonly string[]): SectionBlock[] {
  const items = fields.filter((f) => f !== '').map((f) => truncate(f, FIELD_TEXT_MAX));
  const out: SectionBlock[] = [];
  for (let i = 0; i < items.length; i += MAX_FIELDS) {
    out.push({
      type: 'section',
      fields: items.slice(i, i + MAX_FIELDS).map((text) => ({ type: 'mrkdwn', text }))
    });
  }
  return out;
}

function contextBlock(elements: readonly string[]): ContextBlock {
  const items = elements.filter((e) => e !== '').slice(0, MAX_CONTEXT_ELEMENTS);
  return {
    type: 'context',
    elements: (items.length > 0 ? items : [' ']).map((text) => ({
      type: 'mrkdwn',
      text: truncate(text, CONTEXT_TEXT_MAX)
    }))
  };
}
