import type { Step } from '../../test-rig/cfn-standin.js';
import { cfn, messages, settle, slack, slackJob } from './slack-harness.js';

// The thread's parent ('started') fails once, the way Slack (or what answers in its place) can
// fail it at once, without the client's retries: the thread is never known, and the deployment
// fails. The final notice must still reach the channel, as a message of its own.

const API = { logicalId: 'Api', type: 'AWS::Lambda::Function' };
const REASON = 'Runtime nodejs8.x is not supported';
const failingUpdate: Step[] = [
  { atMs: 0, stackStatus: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
  { atMs: 100, ...API, status: 'UPDATE_IN_PROGRESS' },
  { atMs: 600, ...API, status: 'UPDATE_FAILED', reason: REASON },
  { atMs: 700, stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS' },
  { atMs: 1_000, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' }
];

describe('Slack: the final notice always goes out', () => {
  it.each([
    [
      'ok:false',
      (): void => slack.failNext(1, { error: 'internal_error' }, 'chat.postMessage'),
      'internal_error'
    ],
    [
      'an HTML page with HTTP 200',
      (): void => slack.htmlNext(1, 200, 'chat.postMessage'),
      'HTTP 200 with an HTML page'
    ],
    [
      'a 429 with Retry-After 30',
      (): void => slack.rateLimitNext(1, 30, 'chat.postMessage'),
      'rate limited (Retry-After 30 s)'
    ]
  ])(
    "'started' failing once (%s): the failed deployment's final notice, with its root cause, is a message of its own in the channel, and the summary lists what was not delivered",
    async (_fault, fault, why) => {
      cfn.putStack('AppStack', {
        status: 'UPDATE_COMPLETE',
        resources: [{ ...API, status: 'UPDATE_COMPLETE' }]
      });
      fault();
      const job = await slackJob('unthreaded');
      await job.runStage('pre');
      const main = await job.runStage('main');
      expect(main?.outputs['result']).toBe('acquired');
      const id = main?.outputs['correlation-id'] ?? '';
      cfn.runOperation('AppStack', failingUpdate, { startStatus: 'UPDATE_IN_PROGRESS' });
      await settle();
      const post = await job.runStage('post');
      expect(post?.exitCode).toBe(0);

      // One message in the channel: the final notice, not a reply, with the root cause; no
      // 'Deploying' parent left behind, posted late or at all.
      const channel = messages();
      expect(channel.map((m) => [m.thread_ts, m.orphan])).toEqual([[undefined, false]]);
      const [final] = channel;
      expect(final!.text).toMatch(/^:x: Deployment failed: production/);
      expect(final!.text).toContain(`Api UPDATE_FAILED (${REASON})`);
      expect(final!.text).toContain(id);
      expect(JSON.stringify(final!.blocks)).toContain('*Root cause*');
      expect(slack.callsOf('chat.postMessage').map((c) => c.body['thread_ts'])).toEqual([
        undefined,
        undefined
      ]);

      // The summary lists what was not delivered, with why in one line.
      const summary = job.summary();
      expect(summary).toContain(
        `| started | ${why}; not sent again: the final notice was posted on its own instead |`
      );
      expect(summary).toMatch(/Delivered: failed \(by finalize\)\./);
      expect(summary).toMatch(/No thread: its parent \('started'\) was never delivered/);
      expect(summary).not.toMatch(/<html|doctype|message undefined/i);
      expect(post?.annotations).toContainEqual(
        expect.objectContaining({ level: 'warning', properties: { title: 'Slack messages lost' } })
      );
      expect(await job.end()).toEqual([]);
    },
    90_000
  );
});
