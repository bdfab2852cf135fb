import { escapeText, link, table } from '../../src/report/markdown.js';
import { judgeOperations, splitOperations } from '../../src/domain/ownership.js';
import {
  correlationTagNotice,
  deploymentSummary,
  foreignSection,
  recoverySection,
  slackSection,
  SUMMARY_EVENTS_MAX
} from '../../src/report/summary.js';

describe('the job summary escapes outside text', () => {
  it('a | , a newline or HTML in a cell cannot break the table', () => {
    expect(escapeText('a | b\nc <img src=x> & d')).toBe('a \\| b c &lt;img src=x&gt; &amp; d');
    const rows = table(['why'], [['429 | Retry-After\n<b>20</b>']]);
    expect(rows).toEqual(['| why |', '|---|', '| 429 \\| Retry-After &lt;b&gt;20&lt;/b&gt; |']);
    expect(rows[2]!.split(/(?<!\\)\|/).length).toBe(3);
  });

  it('a link escapes its text and keeps its URL from closing the link', () => {
    expect(link('App[1]', 'https://x/a (b)').md).toBe('[App\\[1\\]](https://x/a%20%28b%29)');
  });

  it('builds the facts, the stacks and the events with every outside text escaped', () => {
    const md = deploymentSummary({
      correlationId: 'id-1',
      config: { environment: 'production', registryTable: undefined },
      run: { runUrl: 'https://github.com/o/r/actions/runs/1' },
      result: 'acquired',
      deployment: {
        outcome: 'failed',
        waitedMs: 2_000,
        deployMs: 65_000,
        lock: 'held',
        rootCause: 'Db|x (AWS::RDS::DBInstance) UPDATE_FAILED: Cannot upgrade | <b>15</b>\nto 14.1'
      },
      rows: [{ name: 'AppStack', status: 'UPDATE_ROLLBACK_COMPLETE', url: 'https://c/x' }],
      events: [
        {
          id: 'e1',
          stackName: 'AppStack',
          timestamp: new Date('2026-12-01T12:00:00Z'),
          logicalId: 'Db|x',
          resourceType: 'AWS::RDS::DBInstance',
          status: 'UPDATE_FAILED',
          reason: 'Cannot upgrade | <b>15</b>\nto 14.1'
        }
      ]
    });
    expect(md).toContain('| Correlation ID | `id-1` |');
    expect(md).toContain('| Outcome | failed |');
    expect(md).toContain('| Lock | held |');
    expect(md).toContain('| Registry | none (CloudFormation only) |');
    expect(md).toContain('| [AppStack](https://c/x) | UPDATE_ROLLBACK_COMPLETE |');
    expect(md).toContain(
      '| 2026-12-01T12:00:00.000Z | Db\\|x (AWS::RDS::DBInstance) | UPDATE_FAILED | Cannot upgrade \\| &lt;b&gt;15&lt;/b&gt; to 14.1 |'
    );
    expect(md).toContain(
      '| Root cause | Db\\|x (AWS::RDS::DBInstance) UPDATE_FAILED: Cannot upgrade \\| &lt;b&gt;15&lt;/b&gt; to 14.1 |'
    );
  });

  it("a tree's many events: the latest SUMMARY_EVENTS_MAX in the table, nested ones by their path, and how many were left out", () => {
    const events = Array.from({ length: SUMMARY_EVENTS_MAX + 20 }, (_, i) => ({
      id: `e${i}`,
      stackName: 'AppStack-Data-X',
      timestamp: new Date(Date.UTC(2026, 11, 1, 12, 0, i)),
      logicalId: `R${i}`,
      resourceType: 'AWS::SNS::Topic',
      status: 'UPDATE_COMPLETE',
      nestedIn: ['Data']
    }));
    const md = deploymentSummary({
      correlationId: 'id-1',
      config: { environment: 'production', registryTable: undefined },
      run: {},
      result: 'acquired',
      rows: [],
      events
    });
    expect(md).toContain(
      `The latest ${SUMMARY_EVENTS_MAX} of ${SUMMARY_EVENTS_MAX + 20} events (a tree holds many)`
    );
    expect(md).not.toContain('| Data › R19 (AWS::SNS::Topic) |');
    expect(md).toContain('| Data › R20 (AWS::SNS::Topic) | UPDATE_COMPLETE |');
    expect(md).toContain(
      `| Data › R${SUMMARY_EVENTS_MAX + 19} (AWS::SNS::Topic) | UPDATE_COMPLETE |`
    );
  });

  it('the recovery and Slack sections', () => {
    expect(
      recoverySection([
        {
          stack: 'App<1>',
          action: 'rollback',
          ok: false,
          finalStatus: 'UPDATE_ROLLBACK_FAILED',
          instructions: ['aws cloudformation continue-update-rollback --stack-name App']
        }
      ])
    ).toContain('- App&lt;1&gt;: rollback → UPDATE_ROLLBACK_FAILED (failed)');
    expect(slackSection([], [{ label: 'started', error: 'a|b', at: 't' }])).toContain(
      '| started | a\\|b | t |'
    );
  });

  it('the foreign operations: the token and the reason CloudFormation gave are outside text', () => {
    const start = {
      id: 'e1',
      stackName: 'AppStack',
      timestamp: new Date('2026-12-01T12:00:00Z'),
      logicalId: 'AppStack',
      resourceType: 'AWS::CloudFormation::Stack',
      status: 'UPDATE_IN_PROGRESS',
      reason: 'User | <b>Initiated</b>\nby me',
      clientRequestToken: 'Console-UpdateStack-a|<img>'
    };
    const ops = judgeOperations(splitOperations([start]), { correlationId: 'id-1', sightings: [] });
    const md = foreignSection(ops);
    expect(md).toContain(
      "| AppStack | UPDATE_IN_PROGRESS at 2026-12-01T12:00:00.000Z | UPDATE_IN_PROGRESS | the AWS console (ClientRequestToken Console-UpdateStack-a\\|&lt;img&gt;), 'User \\| &lt;b&gt;Initiated&lt;/b&gt; by me' |"
    );
    expect(foreignSection([])).toBe('');
    expect(correlationTagNotice([], 'id-1')).toBe('');
    expect(correlationTagNotice(['App`x', 'Edge'], 'id-1')).toContain(
      "`App'x`, `Edge` do not carry this deployment's `DeploymentCorrelationId` tag"
    );
  });
});
