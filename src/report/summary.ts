import type { Config } from '../config/config.js';
import type { RecoveryResult } from '../domain/recovery.js';
import { formatDuration } from '../domain/durations.js';
import type { Outcome } from '../domain/outcome.js';
import { describeStarter, type JudgedOperation } from '../domain/ownership.js';
import { CORRELATION_TAG, eventName, type NestedEvent } from '../domain/stack.js';
import { whoAnswered } from '../notify/answers.js';
import type { RunContext } from '../ports/run.js';
import { code, escapeText, link, table, type Cell } from './markdown.js';

export interface StackRow {
  readonly name: string;
  readonly status: string;
  readonly url: string;
}

/** What the summary says of a deployment that held the lock. */
export interface DeploymentFacts {
  readonly outcome: Outcome;
  readonly waitedMs: number;
  readonly deployMs: number;
  readonly expectedMs?: number;
  /** The Slack thread, with its permalink when Slack gave one. */
  readonly thread?: { readonly channel: string; readonly ts: string; readonly permalink?: string };
  /** The lock line: held to the release, or how it was lost (markdown built from escaped text). */
  readonly lock?: Cell;
  /** Why a failed deployment failed (`describeRootCause`): outside text. */
  readonly rootCause?: string;
}

export interface SummaryInput {
  readonly correlationId: string;
  readonly config: Pick<Config, 'environment' | 'registryTable'>;
  readonly run: RunContext;
  /** coordinate's result (or 'not coordinated'). */
  readonly result: string;
  readonly deployment?: DeploymentFacts;
  /** The deploy freeze this run met: waited through, outlasted its wait, or overridden. */
  readonly freeze?: {
    readonly text: string;
    readonly override?: string;
    readonly outlasted?: boolean;
  };
  readonly rows: readonly StackRow[];
  readonly events: readonly NestedEvent[];
  /** The questions answered in Slack: the answer and who gave it (decoded Slack text). */
  readonly answered?: readonly {
    readonly question: string;
    readonly answer: string;
    readonly by?: { readonly id: string; readonly name?: string };
  }[];
}

/** The job summary's main part: the facts, the stacks, the events. */
export function deploymentSummary(s: SummaryInput): string {
  const d = s.deployment;
  const facts: Cell[][] = [
    ['Correlation ID', code(s.correlationId)],
    ['Coordination', s.result]
  ];
  const f = s.freeze;
  if (f?.override) facts.push(['Freeze overridden', `${f.override} (override-freeze); ${f.text}`]);
  else if (f?.outlasted)
    facts.push(['Freeze', `${f.text}; it outlasted the wait (wait-timeout-minutes)`]);
  else if (f) facts.push(['Freeze', `waited through it: ${f.text}`]);
  for (const a of s.answered ?? [])
    facts.push([
      'Answered in Slack',
      `${a.answer}${a.by ? `, by ${whoAnswered(a.by)}` : ''}: ${a.question}`
    ]);
  if (d) {
    facts.push(['Outcome', d.outcome]);
    if (d.rootCause) facts.push(['Root cause', d.rootCause]);
    facts.push(['Waited', formatDuration(d.waitedMs)]);
    const estimate =
      d.expectedMs !== undefined ? ` (estimate ${formatDuration(d.expectedMs)})` : '';
    facts.push(['Deploying', `${formatDuration(d.deployMs)}${estimate}`]);
    if (d.thread)
      facts.push([
        'Slack thread',
        d.thread.permalink
          ? link(`thread in ${d.thread.channel}`, d.thread.permalink)
          : `channel ${d.thread.channel}, message ${d.thread.ts}`
      ]);
    if (d.lock) facts.push(['Lock', d.lock]);
  }
  facts.push(['Registry', s.config.registryTable ?? 'none (CloudFormation only)']);
  if (s.run.runUrl) facts.push(['Run', link('workflow run', s.run.runUrl)]);
  const lines = [`## Deployment Coordinator: ${s.config.environment}`, '', ...table([], facts), ''];
  if (s.rows.length > 0)
    lines.push(
      ...table(
        ['Stack', 'Status'],
        s.rows.map((r) => [link(r.name, r.url), r.status])
      ),
      ''
    );
  const shown = s.events.slice(-SUMMARY_EVENTS_MAX);
  const earlier = s.events.length - shown.length;
  if (s.events.length > 0)
    lines.push(
      '<details><summary>Stack events</summary>',
      '',
      ...(earlier > 0
        ? [
            `The latest ${shown.length} of ${s.events.length} events (a tree holds many); the stacks' events in the AWS console have them all.`,
            ''
          ]
        : []),
      ...table(
        ['time', 'resource', 'status', 'reason'],
        shown.map((e) => [
          e.timestamp.toISOString(),
          `${eventName(e)} (${e.resourceType})`,
          e.status,
          e.reason ?? ''
        ])
      ),
      '',
      '</details>',
      ''
    );
  return lines.join('\n');
}

/**
 * At most this many events in the summary's table, the latest: a tree of nested stacks can hold
 * thousands, and GitHub refuses a step summary over 1 MiB.
 */
export const SUMMARY_EVENTS_MAX = 500;

/**
 * The stack operations that ran while this deployment held the lock and were not its own, each
 * with who or what started it as far as CloudFormation says (outside text, escaped).
 */
export function foreignSection(operations: readonly JudgedOperation[]): string {
  if (operations.length === 0) return '';
  const rows = operations.map((op) => {
    const start = op.start ?? op.events[0];
    return [
      op.stack,
      start ? `${start.status} at ${start.timestamp.toISOString()}` : '',
      op.status ?? '',
      describeStarter(op)
    ];
  });
  return `${[
    '### Foreign stack operations',
    '',
    "While this deployment held the lock, these operations ran on its stacks and were not its own (another correlation ID in their tag or ClientRequestToken, or the console's token). The outcome above is judged without them.",
    '',
    ...table(['stack', 'began', 'status', 'started by'], rows)
  ].join('\n')}\n`;
}

/**
 * A deployment whose stacks do not carry its tag: how to pass it, so its operations are told from
 * anyone else's by identity rather than by time.
 */
export function correlationTagNotice(stacks: readonly string[], correlationId: string): string {
  if (stacks.length === 0) return '';
  const tag = `${CORRELATION_TAG}=${correlationId}`;
  return `${[
    '### Correlation tag',
    '',
    `${stacks.map((s) => code(s).md).join(', ')} ${stacks.length === 1 ? 'does' : 'do'} not carry this deployment's ${code(CORRELATION_TAG).md} tag, so its stack operations were told from anyone else's by time alone. Pass the coordinate step's \`cfn-tags\` output (or its correlation ID) to the deploy step:`,
    '',
    `- \`aws cloudformation deploy\`: ${code(`--tags ${tag}`).md}`,
    `- CDK: ${code(`cdk deploy --tags ${tag}`).md} (or \`Tags.of(app).add('${CORRELATION_TAG}', ...)\`)`,
    `- a deploy action's \`tags\` input: ${code('${{ steps.<coordinate step id>.outputs.cfn-tags }}').md}`
  ].join('\n')}\n`;
}

/** What was repaired, and for a person what to do where the repair did not work. */
export function recoverySection(recoveries: readonly RecoveryResult[]): string {
  if (recoveries.length === 0) return '';
  const lines = ['### Recovery', ''];
  for (const r of recoveries) {
    lines.push(
      `- ${escapeText(r.stack)}: ${r.action} → ${r.finalStatus} (${r.ok ? 'done' : 'failed'})`
    );
    if (r.instructions.length > 0)
      lines.push('', '```', ...r.instructions.map((i) => i.replace(/```/g, "'''")), '```', '');
  }
  return `${lines.join('\n')}\n`;
}

/** What the post step could not do on GitHub (the Deployment's status, the Actions cache), and why. */
export function githubSection(
  missed: readonly { what: string; why: string; at: string }[]
): string {
  if (missed.length === 0) return '';
  const rows = missed.map((m) => [m.what, m.why, m.at]);
  return `${['### GitHub', '', ...table(['not done', 'why', 'when'], rows)].join('\n')}\n`;
}

/** What Slack was sent by finalize, and every message that could not be delivered, with why. */
export function slackSection(
  delivered: readonly string[],
  lost: readonly { label: string; error: string; at: string }[],
  /** A line on how the messages went, when it is not one thread (e.g. none could be started). */
  note?: string
): string {
  const lines = [
    '### Slack',
    '',
    `Delivered: ${delivered.length > 0 ? delivered.join(', ') : 'nothing'} (by finalize).`
  ];
  if (note) lines.push('', note);
  if (lost.length > 0)
    lines.push(
      '',
      ...table(
        ['not delivered', 'why', 'when'],
        lost.map((l) => [l.label, l.error, l.at])
      )
    );
  return `${lines.join('\n')}\n`;
}
