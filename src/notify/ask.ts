import { formatDuration } from '../domain/durations.js';
import { whoAnswered, type Answers, type SlackUser } from './answers.js';
import { questionMessage, type DeploymentInfo } from './messages.js';
import type { SlackNotifier } from './slack.js';
import type { Clock, Logger, Sleep } from '../ports/runtime.js';

export type Answer = 'proceed' | 'abort';

const YES = new Set(['white_check_mark', 'heavy_check_mark', 'ballot_box_with_check', '+1']);
const NO = new Set(['x', 'negative_squared_cross_mark', 'no_entry', '-1']);
const WORD = /^\s*(proceed|abort)\b/i;

/** The first answer among reactions and replies, if any, and who gave it (the first to react). */
export function readAnswer(
  answers: Answers
): { readonly answer: Answer; readonly by?: SlackUser } | undefined {
  const reacted = (names: ReadonlySet<string>): { by?: SlackUser } | undefined => {
    const r = answers.reactions.find((x) => names.has(x.name));
    return r && (r.users[0] ? { by: r.users[0] } : {});
  };
  const no = reacted(NO);
  if (no) return { answer: 'abort', ...no };
  const yes = reacted(YES);
  if (yes) return { answer: 'proceed', ...yes };
  for (const reply of answers.replies) {
    const m = WORD.exec(reply.text);
    if (m)
      return { answer: m[1]!.toLowerCase() as Answer, ...(reply.user ? { by: reply.user } : {}) };
  }
  return undefined;
}

export interface AskDeps {
  readonly notifier: SlackNotifier;
  readonly log: Logger;
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly signal?: AbortSignal;
}

/**
 * Asks in the interact channel and waits for a reaction (✅ / ❌) or a thread
 * reply (`proceed` / `abort`) up to the timeout; no answer (or no Slack) is
 * the safe default: abort.
 */
export async function ask(
  d: AskDeps,
  channel: string,
  info: DeploymentInfo,
  question: string,
  timeoutMs: number,
  pollMs: number
): Promise<{ answer: Answer; why: string; by?: SlackUser }> {
  const ref = await d.notifier.post(
    'question',
    channel,
    questionMessage(info, {
      question,
      options: 'React ✅ to proceed or ❌ to abort, or reply `proceed` / `abort` in this thread.',
      timeoutMs,
      defaultAnswer: 'abort'
    })
  );
  if (!ref) return { answer: 'abort', why: 'the question could not be posted' };
  d.log.info(
    `Asked in ${channel}: ${question} Waiting up to ${formatDuration(timeoutMs)} for an answer.`
  );
  const started = d.clock.now();
  while (d.clock.now() - started < timeoutMs && !d.signal?.aborted) {
    await d.sleep(Math.min(pollMs, timeoutMs - (d.clock.now() - started)), d.signal);
    try {
      const read = readAnswer(await d.notifier.answers(ref));
      if (read) {
        const by = read.by ? ` by ${whoAnswered(read.by)}` : '';
        return { ...read, why: `answered '${read.answer}' in Slack${by}` };
      }
    } catch (err) {
      d.log.info(`Could not read the answers yet (${(err as Error).message}).`);
    }
  }
  const why = d.signal?.aborted
    ? 'cancelled while asking'
    : `no answer within ${formatDuration(timeoutMs)}`;
  await d.notifier.post(
    'question timeout',
    channel,
    { text: `No answer: aborting (${why}). [${info.correlationId}]`, blocks: [] },
    { ts: ref.ts }
  );
  return { answer: 'abort', why };
}
