import { appendFileSync, existsSync, rmSync } from 'node:fs';
import type { AnyBlock } from '@slack/types';
import type { ChatPostMessageArguments, WebClient } from '@slack/web-api';
import type { Logger } from '../ports/runtime.js';
import type { BudgetCall, TimeBudget } from '../runtime/budget.js';
import { decodeReactions, decodeReplies, type Answers } from './answers.js';
import { NoTsError, describe, rateLimited, type ClientFor } from './slack-client.js';
import { readSpool, type SpoolEntry } from './slack-spool.js';

export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly AnyBlock[];
}

export interface ThreadRef {
  readonly channel: string;
  readonly ts: string;
}

/**
 * Posts and updates messages one at a time (so they arrive in order). What
 * still fails is written to a spool file for finalize to retry; nothing here
 * ever throws into a deployment.
 */
export class SlackNotifier {
  readonly delivered: string[] = [];
  readonly failed: SpoolEntry[] = [];

  private degraded = false;

  /**
   * `quick` (no retries) takes over once a message failed after all retries:
   * while Slack is down, each later message costs one attempt, not the whole policy.
   * With a `budget` (the post step's), calls stop once it is spent: a call still running then is
   * given up, and what is left is not sent, and says so.
   */
  constructor(
    private readonly full: WebClient | ClientFor,
    private readonly quick: WebClient | ClientFor,
    private readonly log: Logger,
    private readonly spoolFile?: string,
    private readonly budget?: TimeBudget
  ) {}

  /**
   * One call to Slack with the client it should use now, under the budget when there is one.
   * `quick`: the no-retry client; `once`: a 429 fails at once (no Retry-After is waited out).
   */
  private call<T>(
    send: (client: WebClient) => Promise<T>,
    opts: { quick?: boolean; once?: boolean } = {}
  ): Promise<T> {
    const chosen = opts.quick || this.degraded ? this.quick : this.full;
    const client = (c?: BudgetCall): WebClient =>
      typeof chosen !== 'function' ? chosen : c ? chosen(c) : fixed(chosen);
    const attempt = (c?: BudgetCall): Promise<T> =>
      opts.once
        ? send(client(c))
        : rateLimited(() => send(client(c)), c && ((): number => c.left()));
    return this.budget ? this.budget.run(attempt) : attempt();
  }

  async post(
    label: string,
    channel: string,
    message: SlackMessage,
    thread?: { ts: string; broadcast?: boolean }
  ): Promise<ThreadRef | undefined> {
    try {
      const res = await this.call((client) =>
        client.chat.postMessage(postArgs(channel, message, thread?.ts, thread?.broadcast))
      );
      const ref = posted(res, channel);
      this.delivered.push(label);
      return ref;
    } catch (err) {
      this.spool({
        op: 'post',
        label,
        channel,
        message,
        threadTs: thread?.ts,
        broadcast: thread?.broadcast,
        error: describe(err),
        at: new Date().toISOString()
      });
      return undefined;
    }
  }

  async update(label: string, ref: ThreadRef, message: SlackMessage): Promise<boolean> {
    try {
      await this.call((client) =>
        client.chat.update({
          channel: ref.channel,
          ts: ref.ts,
          text: message.text,
          blocks: [...message.blocks]
        })
      );
      this.delivered.push(label);
      return true;
    } catch (err) {
      this.spool({
        op: 'update',
        label,
        channel: ref.channel,
        ts: ref.ts,
        message,
        error: describe(err),
        at: new Date().toISOString()
      });
      return false;
    }
  }

  /**
   * The link a person can click to a message (its thread): `chat.getPermalink`, one attempt;
   * undefined when Slack does not give one (nothing is spooled: it is only a link).
   */
  async permalink(ref: ThreadRef): Promise<string | undefined> {
    try {
      const res = await this.call(
        (client) => client.chat.getPermalink({ channel: ref.channel, message_ts: ref.ts }),
        { quick: true, once: true }
      );
      return typeof res.permalink === 'string' ? res.permalink : undefined;
    } catch (err) {
      this.log.debug(`Slack: no permalink for ${ref.channel}:${ref.ts} (${describe(err)}).`);
      return undefined;
    }
  }

  /**
   * People's answers to a question: reactions on it and replies in its thread (not the app's
   * own), with who gave them, decoded here (see `answers.ts`).
   */
  async answers(ref: ThreadRef): Promise<Answers> {
    const [reacted, thread] = await Promise.all([
      // One attempt each: the ask loop polls again, and must answer a cancel at once.
      this.call((quick) => quick.reactions.get({ channel: ref.channel, timestamp: ref.ts }), {
        quick: true,
        once: true
      }),
      this.call((quick) => quick.conversations.replies({ channel: ref.channel, ts: ref.ts }), {
        quick: true,
        once: true
      })
    ]);
    return {
      reactions: decodeReactions(reacted.message?.reactions),
      replies: decodeReplies(thread.messages, ref.ts)
    };
  }

  private spool(entry: SpoolEntry): void {
    this.degraded = true;
    this.failed.push(entry);
    this.log.warning(
      `Slack: '${entry.label}' not delivered (${entry.error}); kept for a retry by finalize.`,
      { title: 'Slack delivery failed' }
    );
    if (this.spoolFile)
      appendFileSync(this.spoolFile, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  }

  /**
   * Retries spooled messages in order; returns what is finally lost. The spool file is consumed.
   * What `superseded` says is not sent again (listed as lost, with why it was not retried).
   */
  async flush(
    files: readonly string[],
    superseded: (e: SpoolEntry) => string | undefined = () => undefined
  ): Promise<SpoolEntry[]> {
    const entries = files.filter((f) => existsSync(f)).flatMap((f) => readSpool(f));
    for (const f of files) rmSync(f, { force: true });
    const lost: SpoolEntry[] = [];
    for (const e of entries) {
      const instead = superseded(e);
      if (instead) {
        lost.push({ ...e, error: `${e.error}; ${instead}` });
        continue;
      }
      try {
        await this.call<unknown>((client) =>
          e.op === 'post'
            ? client.chat
                .postMessage(postArgs(e.channel, e.message, e.threadTs, e.broadcast))
                .then((res) => posted(res, e.channel))
            : client.chat.update({
                channel: e.channel,
                ts: e.ts ?? '',
                text: e.message.text,
                blocks: [...e.message.blocks]
              })
        );
        this.delivered.push(`${e.label} (retried)`);
      } catch (err) {
        this.degraded = true;
        lost.push({ ...e, error: describe(err) });
      }
    }
    return lost;
  }
}

/** Where a posted message is: Slack's answer must name its `ts` (and says its channel). */
function posted(res: { channel?: unknown; ts?: unknown }, channel: string): ThreadRef {
  const ts = typeof res.ts === 'string' && /^\d+\.\d+$/.test(res.ts) ? res.ts : undefined;
  if (!ts) throw new NoTsError();
  return { channel: typeof res.channel === 'string' && res.channel ? res.channel : channel, ts };
}

function postArgs(
  channel: string,
  message: SlackMessage,
  threadTs?: string,
  broadcast?: boolean
): ChatPostMessageArguments {
  const reply = threadTs ? { thread_ts: threadTs, reply_broadcast: Boolean(broadcast) } : {};
  const unfurls = { unfurl_links: false, unfurl_media: false };
  return message.blocks.length > 0
    ? { channel, text: message.text, blocks: [...message.blocks], ...reply, ...unfurls }
    : { channel, text: message.text, ...reply, ...unfurls };
}

const fixed = (client: WebClient | ClientFor): WebClient => {
  if (typeof client === 'function') throw new Error('budgeted Slack clients need a budget');
  return client;
};
