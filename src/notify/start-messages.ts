/**
 * Before and at the start: `queuedMessage` for a run that waits, `notDeployingMessage` for one
 * that does not (or gives up), and `startedMessage`, the thread parent (posted once, then re-rendered with a
 * new state for `chat.update`).
 */
import { formatDuration } from '../domain/durations.js';
import type { Priority } from '../domain/priority.js';
import {
  field,
  fieldSections,
  finish,
  header,
  section,
  type DeploymentInfo,
  type RenderedMessage
} from './blocks.js';
import { code, escapeText, link } from './escape.js';
import { freezeFields, frozenLead, untilPlain, type FreezeDetails } from './freeze-messages.js';
import {
  commitSection,
  consoleSection,
  deploymentFields,
  durationAgainst,
  estimateText,
  remaining,
  slackDate,
  timeLeft
} from './format.js';

export interface QueuedDetails {
  readonly activeCorrelationId?: string;
  readonly activeSince?: Date;
  readonly elapsedMs?: number;
  readonly remainingMs?: number;
  /** 1 = next in line. */
  readonly position: number;
  readonly holderRunUrl?: string;
  /** The ticket's priority: high tickets are served before normal ones. */
  readonly priority?: Priority;
  /** A deploy freeze holds the run back: until when, and why. */
  readonly freeze?: FreezeDetails;
}

/** Why a run that found the environment busy is not deploying. */
export type NotDeployingReason =
  'no-wait' | 'timeout' | 'cancelled' | 'superseded' | 'blocked' | 'aborted' | 'frozen';

export interface NotDeployingDetails {
  readonly reason: NotDeployingReason;
  readonly waitedMs: number;
  readonly activeCorrelationId?: string;
  readonly activeSince?: Date;
  readonly holderRunUrl?: string;
  readonly remainingMs?: number;
  /** frozen: the freeze that outlasted the wait. */
  readonly freeze?: FreezeDetails;
}

export type DeploymentState =
  'deploying' | 'succeeded' | 'failed' | 'still-running' | 'no-change' | 'cancelled';

export interface StartedDetails {
  readonly state: DeploymentState;
  readonly startedAt: Date;
  readonly endedAt?: Date;
}

export function queuedMessage(info: DeploymentInfo, q: QueuedDetails): RenderedMessage {
  const env = escapeText(info.environment);
  const activeId = q.activeCorrelationId ? code(q.activeCorrelationId) : 'unknown';
  const lead = q.freeze
    ? frozenLead(info.environment, q.freeze, q.position)
    : q.position <= 1
      ? 'Another deployment is active; this one is *next in line* and starts when it finishes.'
      : `Another deployment is active; this one is *number ${q.position}* in line.`;
  // This run starts once the active one and those ahead of it are done, each about as long as this.
  const startsInMs =
    q.remainingMs !== undefined
      ? q.remainingMs + Math.max(0, q.position - 1) * info.estimate.expectedMs
      : undefined;
  // Frozen with nobody ahead: the freeze alone holds it, so no active deployment and no position.
  const onlyFrozen = q.freeze !== undefined && q.position === 0;
  const fields = [
    onlyFrozen ? '' : field('Active deployment', activeId),
    q.activeSince ? field('Active since', slackDate(q.activeSince)) : '',
    q.elapsedMs !== undefined ? field('Elapsed', formatDuration(q.elapsedMs)) : '',
    q.remainingMs !== undefined ? field('Estimated remaining', timeLeft(q.remainingMs)) : '',
    // Frozen: the freeze's end (in its fields) comes first; a start counted without it would mislead.
    startsInMs !== undefined && q.position > 1 && !q.freeze
      ? field('Expected start', timeLeft(startsInMs))
      : '',
    q.holderRunUrl ? field('Active run', link(q.holderRunUrl, 'workflow run')) : '',
    onlyFrozen ? '' : field('Position in queue', String(q.position)),
    ...(q.freeze ? freezeFields(q.freeze) : []),
    q.priority ? field('Priority', q.priority === 'high' ? '*high*' : 'normal') : ''
  ];
  const icon = q.freeze ? ':snowflake:' : ':double_vertical_bar:';
  // Frozen with nobody ahead: the freeze alone holds it (no 'position 0 behind ...').
  const behind =
    q.position > 0 || !q.freeze
      ? `, position ${q.position}${q.priority === 'high' ? ' (high priority)' : ''} behind ${
          q.activeCorrelationId ? escapeText(q.activeCorrelationId) : 'an active deployment'
        }${q.remainingMs !== undefined ? ` (${remaining(q.remainingMs)})` : ''}`
      : q.priority === 'high'
        ? ' (high priority)'
        : '';
  const summary = `${icon} Deployment queued: ${env}${q.freeze ? `, frozen ${untilPlain(q.freeze)}` : ''}${behind}`;
  return finish(info, summary, [
    header(`${icon} Deployment queued: ${info.environment}`),
    section(lead),
    ...fieldSections(fields),
    ...fieldSections(deploymentFields(info)),
    ...commitSection(info),
    section(`This deployment expects to take ${estimateText(info.estimate)} once it starts.`)
  ]);
}

const NOT_DEPLOYING_LEAD: Record<NotDeployingReason, (waited: string) => string> = {
  'no-wait': () =>
    'Another deployment is active and this run does not wait (`wait-timeout-minutes: 0`): *it is not deploying*.',
  timeout: (waited) =>
    `This run gave up after waiting *${waited}* (\`wait-timeout-minutes\`): *it is not deploying*.`,
  cancelled: (waited) => `This run was cancelled after waiting *${waited}*: *it is not deploying*.`,
  superseded: (waited) =>
    `A newer run of the same ref is queued behind this one: after waiting *${waited}*, *this one is not deploying* (\`skip-superseded\`).`,
  blocked: (waited) =>
    `This run's turn came after *${waited}*, but a blocking finding stopped it: *it is not deploying* (see the run's log).`,
  aborted: (waited) =>
    `This run's turn came after *${waited}*, but it was stopped (a person or a policy said no, or the lock was not confirmed): *it is not deploying*.`,
  frozen: (waited) =>
    `A deploy freeze outlasted this run's wait (*${waited}*, \`wait-timeout-minutes\`): *it is not deploying*.`
};

/** A run that found the environment busy and is not deploying: it did not wait, or gave up. */
export function notDeployingMessage(info: DeploymentInfo, n: NotDeployingDetails): RenderedMessage {
  const env = escapeText(info.environment);
  const waited = formatDuration(n.waitedMs);
  const fields = [
    n.activeCorrelationId || n.reason === 'no-wait' || n.reason === 'timeout'
      ? field('Active deployment', n.activeCorrelationId ? code(n.activeCorrelationId) : 'unknown')
      : '',
    n.activeSince ? field('Active since', slackDate(n.activeSince)) : '',
    n.remainingMs !== undefined ? field('Estimated remaining', timeLeft(n.remainingMs)) : '',
    n.holderRunUrl ? field('Active run', link(n.holderRunUrl, 'workflow run')) : '',
    field('Waited', waited),
    ...(n.freeze ? freezeFields(n.freeze) : [])
  ];
  const behind = n.activeCorrelationId ? escapeText(n.activeCorrelationId) : 'an active deployment';
  const why = {
    'no-wait': `did not wait for ${behind}`,
    timeout: `gave up after ${waited} waiting for ${behind}`,
    cancelled: `cancelled after ${waited} waiting for ${behind}`,
    superseded: `superseded by a newer run after ${waited}`,
    blocked: `blocked after its turn came (${waited} waited)`,
    aborted: `stopped after its turn came (${waited} waited)`,
    frozen: `frozen${n.freeze ? ` ${untilPlain(n.freeze)}` : ''}, after ${waited} of waiting`
  }[n.reason];
  return finish(info, `:no_entry: Not deploying: ${env}: ${why}`, [
    header(`:no_entry: Not deploying: ${info.environment}`),
    section(NOT_DEPLOYING_LEAD[n.reason](waited)),
    ...fieldSections(fields),
    ...fieldSections(deploymentFields(info)),
    ...commitSection(info)
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
