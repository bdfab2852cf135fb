/**
 * The final reply of a deployment's thread, broadcast to the channel by the
 * sender: `succeededMessage` or `failedMessage`.
 */
import { formatDuration } from '../domain/durations.js';
import type { RootCause } from '../domain/root-cause.js';
import { eventName } from '../domain/stack.js';
import {
  field,
  fieldSections,
  finish,
  header,
  section,
  type DeploymentInfo,
  type MessageBlock,
  type RenderedMessage
} from './blocks.js';
import { escapeText, link, truncate } from './escape.js';
import {
  REASON_MAX,
  consoleSection,
  durationAgainst,
  eventLine,
  linkFields,
  stackList
} from './format.js';

export interface SucceededDetails {
  readonly durationMs: number;
  readonly expectedMs?: number;
  /** From a stack output: outside text. */
  readonly appUrl?: string;
  /** The thread's permalink (`chat.getPermalink`). */
  readonly threadUrl?: string;
}

export interface FailedDetails {
  readonly durationMs: number;
  readonly rootCause?: RootCause;
  readonly rollback?: { readonly action: string; readonly result: string };
  /** The thread's permalink (`chat.getPermalink`). */
  readonly threadUrl?: string;
  /** Shown as a bullet list, escaped (no links). */
  readonly troubleshooting: readonly string[];
}

/** Troubleshooting bullets in a failed reply. */
export const MAX_TROUBLESHOOTING_SHOWN = 10;

export function succeededMessage(info: DeploymentInfo, s: SucceededDetails): RenderedMessage {
  const env = escapeText(info.environment);
  const fields = [
    field('Duration', durationAgainst(s.durationMs, s.expectedMs)),
    field('Stacks', stackList(info.stacks))
  ];
  if (s.appUrl) fields.push(field('Application', link(s.appUrl, s.appUrl)));
  fields.push(...linkFields(info, s.threadUrl));
  return finish(
    info,
    `:white_check_mark: Deployment succeeded: ${env} in ${formatDuration(s.durationMs)}`,
    [
      header(`:white_check_mark: Deployment succeeded: ${info.environment}`),
      section(`Deployed to *${env}* in *${formatDuration(s.durationMs)}*. :tada:`),
      ...fieldSections(fields),
      ...consoleSection(info)
    ]
  );
}

export function failedMessage(info: DeploymentInfo, f: FailedDetails): RenderedMessage {
  const env = escapeText(info.environment);
  const blocks: MessageBlock[] = [
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
  blocks.push(...fieldSections(linkFields(info, f.threadUrl)), ...consoleSection(info));
  const cause = f.rootCause
    ? `: ${escapeText(eventName(f.rootCause))} ${escapeText(f.rootCause.status)}${f.rootCause.reason ? ` (${truncate(escapeText(f.rootCause.reason), 500)})` : ''}`
    : '';
  return finish(
    info,
    `:x: Deployment failed: ${env} after ${formatDuration(f.durationMs)}${cause}`,
    blocks
  );
}
