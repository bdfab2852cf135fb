/**
 * The Block Kit pieces every message is made of (types from `@slack/types`),
 * each cut to Slack's limits, and `finish`, which adds the correlation ID to
 * the fallback text and the footer.
 */
import type { ContextBlock, HeaderBlock, SectionBlock } from '@slack/types';
import type { DeploymentEstimate } from '../domain/expectation.js';
import type { RunContext } from '../ports/run.js';
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

/** The blocks our messages are made of. */
export type MessageBlock = HeaderBlock | SectionBlock | ContextBlock;

export interface RenderedMessage {
  text: string;
  blocks: MessageBlock[];
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

/** The fallback text ends with the correlation ID; the blocks with the footer (which has it too). */
export function finish(
  info: DeploymentInfo,
  summary: string,
  blocks: MessageBlock[]
): RenderedMessage {
  const suffix = ` [${escapeText(info.correlationId)}]`;
  const text = truncate(summary, FALLBACK_TEXT_MAX - suffix.length) + suffix;
  const footer = footerBlock(info);
  const body = blocks.length > MAX_BLOCKS - 1 ? capped(blocks) : blocks;
  return { text, blocks: [...body, footer] };
}

/** Keeps room for the footer and says how much was left out. */
function capped(blocks: MessageBlock[]): MessageBlock[] {
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

/** One item of a section's `fields`: a bold label over its value. */
export function field(label: string, value: string): string {
  return `*${label}*\n${value}`;
}

export function header(text: string): HeaderBlock {
  // plain_text: no mrkdwn, so rather than guess how entities render there,
  // the control characters are dropped from the (config-validated) text.
  const plain = text.replace(/[<>&]/g, '').replace(/\s+/g, ' ').trim();
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncate(plain || '-', HEADER_TEXT_MAX), emoji: true }
  };
}

export function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_TEXT_MAX) } };
}

/** Sections of at most ten fields each; empty fields are left out. */
export function fieldSections(fields: readonly string[]): SectionBlock[] {
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

/** Empty elements are left out (Slack rejects a context block without any). */
export function contextBlock(elements: readonly string[]): ContextBlock {
  const items = elements.filter((e) => e !== '').slice(0, MAX_CONTEXT_ELEMENTS);
  return {
    type: 'context',
    elements: (items.length > 0 ? items : [' ']).map((text) => ({
      type: 'mrkdwn',
      text: truncate(text, CONTEXT_TEXT_MAX)
    }))
  };
}
