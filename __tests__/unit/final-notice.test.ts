import type { RecoveryResult } from '../../src/coordination/recover.js';
import type { Outcome } from '../../src/domain/outcome.js';
import type { StackEvent } from '../../src/domain/stack.js';
import {
  finalNotice,
  finalState,
  rollbackSummary,
  troubleshooting,
  type DeploymentEnd
} from '../../src/notify/final-notice.js';
import type { DeploymentInfo, MessageBlock } from '../../src/notify/messages.js';

const ID = '20260114-123456-abc123';
const STARTED = new Date('2026-01-14T12:00:00Z');
const ENDED = new Date('2026-01-14T12:04:05Z');

const info: DeploymentInfo = {
  correlationId: ID,
  environment: 'production',
  stacks: ['app-network', 'app-service'],
  run: { runUrl: 'https://github.com/owner/repo/actions/runs/1', actor: 'octocat' },
  consoleUrl: 'https://console.aws.amazon.com/cloudformation/home#/stacks',
  estimate: { expectedMs: 300_000, basis: 'median of 7 deployments' }
};

function event(overrides: Partial<StackEvent>): StackEvent {
  return {
    id: `e-${Math.random()}`,
    stackName: 'app-service',
    timestamp: new Date('2026-01-14T12:02:00Z'),
    logicalId: 'Api',
    resourceType: 'AWS::Lambda::Function',
    status: 'UPDATE_IN_PROGRESS',
    ...overrides
  };
}

function end(outcome: Outcome, overrides: Partial<DeploymentEnd> = {}): DeploymentEnd {
  return { outcome, startedAt: STARTED, endedAt: ENDED, events: [], recoveries: [], ...overrides };
}

/** Every text of the blocks, one string. */
function texts(blocks: readonly MessageBlock[]): string {
  return blocks
    .flatMap((b) => {
      if (b.type === 'header') return [b.text.text];
      if (b.type === 'section') return [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)];
      return b.elements.map((e) => (e.type === 'image' ? e.alt_text : e.text));
    })
    .join('\n');
}

const headerOf = (blocks: readonly MessageBlock[]): string => {
  const h = blocks[0];
  return h?.type === 'header' ? h.text.text : '';
};

const rolledBack: RecoveryResult = {
  stack: 'app-service',
  action: 'continue-rollback',
  ok: true,
  finalStatus: 'UPDATE_ROLLBACK_COMPLETE',
  instructions: []
};
const stuck: RecoveryResult = {
  stack: 'app-network',
  action: 'rollback',
  ok: false,
  finalStatus: 'UPDATE_ROLLBACK_FAILED',
  instructions: ['aws cloudformation rollback-stack --stack-name app-network']
};

describe('finalNotice', () => {
  it('a success: the succeeded reply with the duration against the estimate and the app URL; the parent says Deployed', () => {
    const n = finalNotice(info, end('succeeded', { appUrl: 'https://app.example.com/' }), [
      'app-network',
      'app-service'
    ]);
    expect(n.post?.label).toBe('succeeded');
    const post = n.post!.message;
    expect(post.text).toBe(`:white_check_mark: Deployment succeeded: production in 4m 05s [${ID}]`);
    const body = texts(post.blocks);
    expect(body).toContain('*Duration*\n4m 05s (expected 5m 00s)');
    expect(body).toContain('*Application*\n<https://app.example.com/|https://app.example.com/>');
    expect(body).toContain('`app-network`, `app-service`');
    expect(headerOf(n.parent.blocks)).toBe(':white_check_mark: Deployed: production');
    expect(n.parent.text).toBe(`:white_check_mark: Deployed: production in 4m 05s [${ID}]`);
    expect(texts(n.parent.blocks)).toContain('*Duration*\n4m 05s (expected 5m 00s)');
  });

  it('a failure: the root cause is the first real failure, not the stack-level event nor a cancellation echo', () => {
    const events = [
      event({ status: 'UPDATE_IN_PROGRESS' }),
      event({
        logicalId: 'Queue',
        resourceType: 'AWS::SQS::Queue',
        status: 'UPDATE_FAILED',
        reason: 'Resource update cancelled'
      }),
      event({
        logicalId: 'app-service',
        resourceType: 'AWS::CloudFormation::Stack',
        status: 'UPDATE_FAILED',
        reason: 'The following resource(s) failed to update: [Api]'
      }),
      event({ status: 'UPDATE_FAILED', reason: 'Runtime nodejs8.x is not supported' }),
      event({ logicalId: 'Table', status: 'UPDATE_FAILED', reason: 'Later failure' })
    ];
    const n = finalNotice(info, end('failed', { events, recoveries: [rolledBack] }), [
      'app-service'
    ]);
    expect(n.post?.label).toBe('failed');
    const post = n.post!.message;
    expect(post.text).toBe(
      `:x: Deployment failed: production after 4m 05s: Api UPDATE_FAILED (Runtime nodejs8.x is not supported) [${ID}]`
    );
    const body = texts(post.blocks);
    expect(body).toMatch(
      /\*Root cause\*\n`12:02:00` `Api` \(AWS::Lambda::Function\) \*UPDATE_FAILED\* — Runtime nodejs8\.x is not supported/
    );
    expect(body).not.toContain('Later failure');
    expect(body).toContain(
      '*Rollback*\ncontinue-rollback app-service: app-service is UPDATE_ROLLBACK_COMPLETE'
    );
    expect(body).toContain(
      '• aws cloudformation describe-stack-events --stack-name app-service --max-items 30'
    );
    expect(body).toContain('<https://console.aws.amazon.com/cloudformation/home#/stacks|');
    expect(headerOf(n.parent.blocks)).toBe(':x: Deployment failed: production');
    expect(n.parent.text).toContain('failed: production after 4m 05s');
  });

  it('a failure without a failed resource or a repair says so, and shows no rollback', () => {
    const n = finalNotice(info, end('failed'), []);
    const body = texts(n.post!.message.blocks);
    expect(body).toContain('*Root cause*\nNo failed resource was found among the stack events.');
    expect(body).not.toContain('*Rollback*');
    expect(body).not.toContain('describe-stack-events');
    expect(body).toContain('• Check the failing resource above');
  });

  it.each<[Outcome, string, string]>([
    ['no-change', ':heavy_minus_sign: No changes: production', 'Nothing to deploy'],
    ['still-running', ':hourglass_flowing_sand: Still running: production', '*still running*'],
    ['cancelled', ':no_entry_sign: Deployment cancelled: production', 'was cancelled after 4m 05s']
  ])('%s: no final reply, only the parent in its final state', (outcome, title, lead) => {
    const n = finalNotice(info, end(outcome), ['app-service']);
    expect(n.post).toBeUndefined();
    expect(headerOf(n.parent.blocks)).toBe(title);
    expect(texts(n.parent.blocks)).toContain(lead);
    expect(n.parent.text.endsWith(`[${ID}]`)).toBe(true);
  });
});

describe('finalState', () => {
  it('keeps the outcomes the parent has a state for, and makes anything else cancelled', () => {
    expect(finalState('succeeded')).toBe('succeeded');
    expect(finalState('failed')).toBe('failed');
    expect(finalState('no-change')).toBe('no-change');
    expect(finalState('still-running')).toBe('still-running');
    expect(finalState('cancelled')).toBe('cancelled');
    expect(finalState('unknown' as Outcome)).toBe('cancelled');
  });
});

describe('rollbackSummary', () => {
  it('names each repair and its result, and who must act when one did not work', () => {
    expect(rollbackSummary([])).toBeUndefined();
    expect(rollbackSummary([rolledBack, stuck])).toEqual({
      action: 'continue-rollback app-service, rollback app-network',
      result:
        'app-service is UPDATE_ROLLBACK_COMPLETE; app-network still UPDATE_ROLLBACK_FAILED: needs a person (see the job summary)'
    });
  });
});

describe('troubleshooting', () => {
  it('starts with one describe-stack-events command per stack', () => {
    const tips = troubleshooting(['a', 'b']);
    expect(tips.slice(0, 2)).toEqual([
      'aws cloudformation describe-stack-events --stack-name a --max-items 30',
      'aws cloudformation describe-stack-events --stack-name b --max-items 30'
    ]);
    expect(tips).toHaveLength(4);
  });
});
