/**
 * Deploy freezes in Slack: what a held run's 'queued' notice says, and the announcement of a run
 * that broke the glass (`override-freeze`), a thread reply broadcast to the channel.
 */
import { untilIso } from '../domain/freeze.js';
import { field, fieldSections, finish, header, section, type DeploymentInfo } from './blocks.js';
import type { RenderedMessage } from './blocks.js';
import { escapeText } from './escape.js';
import { deploymentFields, slackDate } from './format.js';

/** A freeze as the messages show it: until when, and why (outside text: the operators' reasons). */
export interface FreezeDetails {
  readonly until: Date;
  /** No end in sight (a recurring freeze whose windows run into each other): until thawed. */
  readonly openEnded?: boolean;
  readonly reasons: readonly string[];
}

/** 'until <date>', or 'until thawed' when no end is in sight. */
export const untilText = (f: FreezeDetails): string =>
  f.openEnded ? 'until thawed' : `until ${slackDate(f.until)}`;
/** The same for plain text (notification summaries). */
export const untilPlain = (f: FreezeDetails): string =>
  untilIso({ until: f.until.getTime(), openEnded: f.openEnded });

const why = (f: FreezeDetails): string => f.reasons.map((r) => `"${escapeText(r)}"`).join(', ');

/** The lead of a held run's 'queued' notice. */
export function frozenLead(environment: string, f: FreezeDetails, position: number): string {
  return `:snowflake: Deployments to *${escapeText(environment)}* are *frozen* ${untilText(f)}: ${why(f)}. This one keeps its place in the queue${position > 0 ? ` (number ${position})` : ''} and waits.`;
}

export function freezeFields(f: FreezeDetails): string[] {
  return [field('Frozen until', f.openEnded ? 'thawed' : slackDate(f.until)), field('Why', why(f))];
}

/** A run went through a freeze with `override-freeze`: in its thread and in the channel. */
export function freezeOverrideMessage(
  info: DeploymentInfo,
  o: FreezeDetails & { readonly override: string }
): RenderedMessage {
  const env = escapeText(info.environment);
  return finish(info, `:rotating_light: Freeze overridden: ${env}: ${escapeText(o.override)}`, [
    header(`:rotating_light: Freeze overridden: ${info.environment}`),
    section(
      `This deployment goes through the freeze of *${env}* (${untilText(o)}: ${why(o)}) with \`override-freeze\`: *${escapeText(o.override)}*.`
    ),
    ...fieldSections([
      field('Override', escapeText(o.override)),
      ...freezeFields(o),
      ...deploymentFields(info)
    ])
  ]);
}
