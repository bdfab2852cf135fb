/**
 * The text pieces shared by the messages: dates, durations, estimates, event
 * lines, and the deployment's own fields and sections. Outside text is escaped
 * here.
 */
import { formatDuration } from '../domain/durations.js';
import type { DeploymentEstimate } from '../domain/expectation.js';
import { eventName, type NestedEvent, type StackEvent } from '../domain/stack.js';
import type { RunContext } from '../ports/run.js';
import { field, section, type DeploymentInfo, type MessageBlock } from './blocks.js';
import { code, escapeText, link, truncate } from './escape.js';

/** One event line, before the section's own limit applies. */
const EVENT_LINE_MAX = 200;
/** A stack event reason in an alert. */
export const REASON_MAX = 1500;

export function deploymentFields(info: DeploymentInfo): string[] {
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

/** Where a person goes from a final notice: the workflow run, and the thread by its permalink. */
export function linkFields(info: DeploymentInfo, threadUrl?: string): string[] {
  return [
    info.run.runUrl ? field('Run', link(info.run.runUrl, 'workflow run')) : '',
    threadUrl ? field('Thread', link(threadUrl, 'this deployment in Slack')) : ''
  ];
}

/** The commit message's subject line, when there is one. */
export function commitSection(info: DeploymentInfo): MessageBlock[] {
  const subject = info.commitMessage?.split(/\r?\n/).find((l) => l.trim() !== '');
  return subject ? [section(`*Commit message*\n${truncate(escapeText(subject.trim()), 300)}`)] : [];
}

export function consoleSection(info: DeploymentInfo): MessageBlock[] {
  return info.consoleUrl
    ? [section(`:mag: ${link(info.consoleUrl, 'Stack events in the AWS console')}`)]
    : [];
}

export function eventFields(e: NestedEvent): string[] {
  return [
    field('Logical ID', code(eventName(e))),
    field('Type', code(e.resourceType)),
    field('Status', escapeText(e.status)),
    field('Stack', code(e.stackName)),
    field('Time', slackDate(e.timestamp))
  ];
}

export function reasonText(e: StackEvent): string {
  return e.reason ? truncate(escapeText(e.reason), REASON_MAX) : '_no reason given_';
}

/** `name`: the resource as a person should find it (a nested one by its path). */
export function eventLine(e: NestedEvent, max = EVENT_LINE_MAX, name = eventName(e)): string {
  const time = e.timestamp.toISOString().slice(11, 19);
  const reason = e.reason ? ` — ${truncate(escapeText(e.reason), max)}` : '';
  return `\`${time}\` ${code(name)} (${escapeText(e.resourceType)}) *${escapeText(e.status)}*${reason}`;
}

/** The last lines (the newest events) that fit in `budget` characters, one per line. */
export function latestLines(lines: readonly string[], budget: number): string[] {
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

export function stackList(stacks: readonly string[]): string {
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

export function estimateText(e: DeploymentEstimate): string {
  const range =
    e.lowMs !== undefined && e.highMs !== undefined && e.highMs > e.lowMs
      ? `, usually ${formatDuration(e.lowMs)} to ${formatDuration(e.highMs)}`
      : '';
  return `about ${formatDuration(e.expectedMs)} (${escapeText(e.basis)}${range})`;
}

/** For a field labelled as remaining time: `about 4m 00s` or `overdue by 1m 00s`. */
export function timeLeft(ms: number): string {
  return ms > 0 ? `about ${formatDuration(ms)}` : `overdue by ${formatDuration(-ms)}`;
}

export function remaining(ms: number): string {
  return ms > 0 ? `about ${formatDuration(ms)} remaining` : `overdue by ${formatDuration(-ms)}`;
}

export function durationAgainst(durationMs: number, expectedMs: number | undefined): string {
  if (expectedMs === undefined || expectedMs <= 0) return formatDuration(durationMs);
  return `${formatDuration(durationMs)} (expected ${formatDuration(expectedMs)})`;
}

/** Slack shows the date in the reader's time zone; the fallback is UTC. */
export function slackDate(d: Date): string {
  const iso = d.toISOString();
  const utc = `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
  return `<!date^${Math.floor(d.getTime() / 1000)}^{date_short_pretty} {time_secs}|${utc}>`;
}
