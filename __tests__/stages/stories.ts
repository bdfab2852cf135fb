/**
 * What the in-process stories (__tests__/stages/*.test.ts) share: a job that holds the lock, a
 * job that is waiting, the question asked in Slack, and ways to read a stage's outputs and summary.
 */
import type { Job, RecordingIO, World } from '../../test-rig/in-process.js';
import { INTERACT_CHANNEL } from '../../test-rig/in-process.js';
import type { MessageView, SlackStandin } from '../../test-rig/slack-standin.js';

export const outputs = (io: RecordingIO): Record<string, string> => Object.fromEntries(io.outputs);

/** A row of the job summary's table whose first cell is `name`. */
export const summaryRow = (summary: string, name: string): string | undefined =>
  summary.split('\n').find((l) => l.startsWith(`| ${name} |`));

/** A job that holds the lock (its monitor heartbeating it), and nothing else going on. */
export async function holder(w: World, name = 'holder'): Promise<Job> {
  const job = w.job(name);
  const { report } = await w.until(job.coordinate());
  expect(report.result).toBe('acquired');
  return job;
}

/** Runs virtual time until the job has logged its second poll: it is waiting. */
export async function polling(w: World, job: Job): Promise<void> {
  await w.stepUntil(() => job.sink.find('Poll 2 ', 'coordinate') !== undefined);
}

/** Runs virtual time until the go/no-go question appears in the interact channel. */
export async function question(w: World, slack: SlackStandin): Promise<MessageView> {
  const find = (): MessageView | undefined =>
    slack.messages(INTERACT_CHANNEL).find((m) => /despite \d+ warning/.test(m.text));
  await w.stepUntil(() => find() !== undefined);
  return find()!;
}
