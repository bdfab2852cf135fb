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
} from '../../src/notify/escape.js';
import {
  failedMessage,
  failureAlertMessage,
  foreignOperationMessage,
  monitoringGapMessage,
  overdueMessage,
  progressMessage,
  questionMessage,
  queuedMessage,
  stallMessage,
  stallResolvedMessage,
  startedMessage,
  succeededMessage,
  type DeploymentInfo,
  type DeploymentState,
  type MessageBlock,
  type RenderedMessage
} from '../../src/notify/messages.js';
import type { StackEvent } from '../../src/domain/stack.js';

const ID = '20260114-123456-abc123';
const HOSTILE = '<!channel> <@U123> <https://evil|click> & <!here> @channel';
const STARTED = new Date('2026-01-14T12:34:56Z');

function info(overrides: Partial<DeploymentInfo> = {}): DeploymentInfo {
  return {
    correlationId: ID,
    environment: 'production',
    stacks: ['app-network', 'app-service'],
    run: {
      runUrl: 'https://github.com/owner/repo/actions/runs/12345',
      actor: 'octocat',
      ref: 'refs/heads/main',
      sha: '0123456789abcdef0123456789abcdef01234567',
      workflow: 'Deploy',
      job: 'deploy'
    },
    commitMessage: 'Add the payments service\n\nLonger body',
    consoleUrl: 'https://console.aws.amazon.com/cloudformation/home?region=eu-west-1#/stacks',
    estimate: {
      expectedMs: 300_000,
      lowMs: 240_000,
      highMs: 420_000,
      basis: 'median of 7 deployments'
    },
    ...overrides
  };
}

function event(overrides: Partial<StackEvent> = {}): StackEvent {
  return {
    id: 'e1',
    stackName: 'app-service',
    timestamp: new Date('2026-01-14T12:40:00Z'),
    logicalId: 'Database',
    resourceType: 'AWS::RDS::DBInstance',
    status: 'CREATE_FAILED',
    reason: 'Insufficient capacity',
    ...overrides
  };
}

/** Every renderer, with the same inputs where an input carries outside text. */
function renderAll(i: DeploymentInfo, e: StackEvent = event()): Record<string, RenderedMessage> {
  return {
    queued: queuedMessage(i, {
      activeCorrelationId: '20260114-120000-def456',
      activeSince: new Date('2026-01-14T12:00:00Z'),
      elapsedMs: 900_000,
      remainingMs: 600_000,
      position: 2,
      holderRunUrl: 'https://github.com/owner/repo/actions/runs/12344'
    }),
    started: startedMessage(i, { state: 'deploying', startedAt: STARTED }),
    progress: progressMessage(i, {
      stackStatus: { 'app-service': e.reason ?? 'UPDATE_IN_PROGRESS' },
      done: 3,
      inProgress: 1,
      failed: 0,
      elapsedMs: 120_000,
      remainingMs: 180_000,
      latestEvents: [e]
    }),
    stall: stallMessage(i, { silentForMs: 600_000, lastEvent: e }),
    stallResolved: stallResolvedMessage(i, { silentForMs: 650_000 }),
    overdue: overdueMessage(i, { elapsedMs: 400_000, expectedMs: 300_000 }),
    failureAlert: failureAlertMessage(i, { event: e }),
    succeeded: succeededMessage(i, {
      durationMs: 290_000,
      expectedMs: 300_000,
      appUrl: 'https://app.example.com/'
    }),
    failed: failedMessage(i, {
      durationMs: 310_000,
      rootCause: e,
      rollback: { action: 'UPDATE_ROLLBACK', result: e.reason ?? 'complete' },
      troubleshooting: ['Check CloudWatch logs', e.reason ?? 'Review recent changes']
    }),
    foreignOperation: foreignOperationMessage(i, {
      stack: e.stackName,
      start: e,
      status: e.status,
      startedBy: `deployment ${e.logicalId} (ClientRequestToken ${e.resourceType}), '${e.reason ?? ''}'`
    }),
    monitoringGap: monitoringGapMessage(i, { gapMs: 240_000, restarts: 1 }),
    question: questionMessage(i, {
      question: 'Proceed despite warnings?',
      options: 'React ✅ to proceed or ❌ to abort, or reply `proceed` / `abort` in this thread.',
      timeoutMs: 600_000,
      defaultAnswer: 'abort'
    })
  };
}

/** Every text in the blocks, header, section text and fields, context elements. */
function blockTexts(blocks: readonly MessageBlock[]): string[] {
  return blocks.flatMap((b) => {
    switch (b.type) {
      case 'header':
        return [b.text.text];
      case 'section':
        return [...(b.text ? [b.text.text] : []), ...(b.fields ?? []).map((f) => f.text)];
      case 'context':
        return b.elements.map((e) => (e.type === 'image' ? e.alt_text : e.text));
      default:
        return [];
    }
  });
}

function expectWithinLimits(m: RenderedMessage): void {
  expect(m.text.length).toBeGreaterThan(0);
  expect(m.text.length).toBeLessThanOrEqual(FALLBACK_TEXT_MAX);
  expect(m.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
  for (const b of m.blocks) {
    if (b.type === 'header') {
      expect(b.text.type).toBe('plain_text');
      expect(b.text.text.length).toBeGreaterThan(0);
      expect(b.text.text.length).toBeLessThanOrEqual(HEADER_TEXT_MAX);
    } else if (b.type === 'section') {
      expect(b.text ?? b.fields).toBeDefined();
      if (b.text) {
        expect(b.text.text.length).toBeGreaterThan(0);
        expect(b.text.text.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
      }
      expect((b.fields ?? []).length).toBeLessThanOrEqual(MAX_FIELDS);
      for (const f of b.fields ?? []) {
        expect(f.text.length).toBeGreaterThan(0);
        expect(f.text.length).toBeLessThanOrEqual(FIELD_TEXT_MAX);
      }
    } else if (b.type === 'context') {
      expect(b.elements.length).toBeGreaterThan(0);
      expect(b.elements.length).toBeLessThanOrEqual(MAX_CONTEXT_ELEMENTS);
      for (const e of b.elements) {
        expect(e.type).toBe('mrkdwn');
        const text = e.type === 'image' ? '' : e.text;
        expect(text.length).toBeGreaterThan(0);
        expect(text.length).toBeLessThanOrEqual(CONTEXT_TEXT_MAX);
      }
    }
  }
}

/**
 * The only `<` a message may contain opens one of our own constructs: a date,
 * or a link to one of the URLs the test supplied.
 */
const OWN_CONSTRUCT =
  /^<(?:!date\^\d+\^[^|<>]*\|[^<>]*|https:\/\/(?:github\.com\/owner\/repo\/|console\.aws\.amazon\.com\/|app\.example\.com\/)[^|<>\s]*\|[^<>]*)>/;

function expectNoRawOutsideMarkup(s: string): void {
  expect(s).not.toContain('<!channel>');
  expect(s).not.toContain('<!here>');
  expect(s).not.toContain('<@U123>');
  expect(s).not.toContain('<https://evil');
  for (let i = s.indexOf('<'); i !== -1; i = s.indexOf('<', i + 1)) {
    expect(s.slice(i)).toMatch(OWN_CONSTRUCT);
  }
  // Every & starts an entity.
  expect(s.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
}

describe('escapeText', () => {
  it('escapes &, < and > so mentions and links from outside text are inert', () => {
    expect(escapeText('a & b <!channel> <@U123> <https://evil|click>')).toBe(
      'a &amp; b &lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|click&gt;'
    );
  });

  it('escapes & first, so existing entities are shown, not interpreted', () => {
    expect(escapeText('&lt;!channel&gt;')).toBe('&amp;lt;!channel&amp;gt;');
  });

  it('leaves plain @channel and @here plain (they only ping as <!channel>)', () => {
    expect(escapeText('@channel @here @everyone')).toBe('@channel @here @everyone');
  });

  it('breaks every style marker that could open or close a style, so outside text cannot restyle', () => {
    const z = '\u200B';
    expect(escapeText('*urgent* _now_ ~old~ `rm -rf /`')).toBe(
      `${z}*${z}urgent${z}*${z} ${z}_${z}now${z}_${z} ${z}~${z}old${z}~${z} ${z}\`${z}rm -rf /${z}\`${z}`
    );
    // Without the zero-width spaces nothing of it is a marker any more: no style can open.
    const styled = /(^|[\s(])[*_~`]\S|\S[*_~`]($|[\s).,])/;
    expect(styled.test(escapeText('a *b* c _d_ e ~f~ g `h` i'))).toBe(false);
  });

  it('in a code span (`code`), keeps the characters as they are: nothing styles there', () => {
    expect(code('_private-stack_ *x*')).toBe('`_private-stack_ *x*`');
  });

  it('leaves markers inside a word alone: they cannot style, and identifiers still copy', () => {
    expect(escapeText('UPDATE_ROLLBACK_IN_PROGRESS snake_case 2*3')).toBe(
      'UPDATE_ROLLBACK_IN_PROGRESS snake_case 2*3'
    );
  });
});

describe('link', () => {
  it('links an https URL with an escaped label', () => {
    expect(link('https://example.com/a?b=1&c=2', 'R&D <app>')).toBe(
      '<https://example.com/a?b=1&amp;c=2|R&amp;D &lt;app&gt;>'
    );
  });

  it('refuses javascript:, data: and other non-http URLs, keeping only the escaped label', () => {
    expect(link('javascript:alert(1)', 'click <me>')).toBe('click &lt;me&gt;');
    expect(link('JaVaScRiPt:alert(1)//https://x', 'x')).toBe('x');
    expect(link('data:text/html,<script>', 'd')).toBe('d');
    expect(link('ftp://example.com', 'f')).toBe('f');
    expect(link('not a url', 'n')).toBe('n');
    expect(link(undefined, 'none')).toBe('none');
  });

  it('strips | and > from the URL so it cannot change the label or close the link', () => {
    const out = link('https://example.com/x|<!channel>y', 'label');
    expect(out).toBe('<https://example.com/x%7C%3C!channel%3Ey|label>');
    const url = out.slice(1, out.indexOf('|'));
    expect(url).not.toMatch(/[|<>]/);
    expect(out.match(/\|/g)).toHaveLength(1);
  });

  it('uses the URL as the label when the label is empty', () => {
    expect(link('https://example.com', '')).toBe('<https://example.com|https://example.com>');
  });
});

describe('truncate', () => {
  it('keeps short text as it is', () => {
    expect(truncate('abc', 3)).toBe('abc');
  });

  it('cuts long text to the limit, ending with …', () => {
    const out = truncate('x'.repeat(10_000), SECTION_TEXT_MAX);
    expect(out).toHaveLength(SECTION_TEXT_MAX);
    expect(out.endsWith('…')).toBe(true);
  });

  it('never leaves half an entity, half a link or half a surrogate pair', () => {
    expect(truncate('aaaa &amp; b', 9)).toBe('aaaa …');
    expect(truncate('see <https://example.com|here> now', 20)).toBe('see …');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
  });

  it('exports the Slack limits', () => {
    expect([SECTION_TEXT_MAX, HEADER_TEXT_MAX, FIELD_TEXT_MAX, CONTEXT_TEXT_MAX]).toEqual([
      3000, 150, 2000, 2000
    ]);
    expect([MAX_BLOCKS, MAX_FIELDS, MAX_CONTEXT_ELEMENTS]).toEqual([50, 10, 10]);
    expect(FALLBACK_TEXT_MAX).toBeLessThanOrEqual(4000);
  });
});

describe('code', () => {
  it('strips backticks from the value and escapes it', () => {
    expect(code('a`b<c>')).toBe('`ab&lt;c&gt;`');
    expect(code('```')).toBe('');
  });
});

describe('renderers', () => {
  const all = Object.entries(renderAll(info()));

  it.each(all)('%s includes the correlation ID in text and blocks', (_name, m) => {
    expect(m.text).toContain(ID);
    expect(JSON.stringify(m.blocks)).toContain(ID);
  });

  it.each(all)('%s stays within the Slack limits', (_name, m) => expectWithinLimits(m));

  describe('with outside text carrying mentions, links and &', () => {
    const hostile = info({
      commitMessage: `${HOSTILE}\nbody ${HOSTILE}`,
      stacks: ['app-service', `stack${HOSTILE}`],
      estimate: { expectedMs: 300_000, basis: HOSTILE },
      run: {
        runUrl: 'https://github.com/owner/repo/actions/runs/12345',
        actor: HOSTILE,
        ref: `refs/heads/${HOSTILE}`,
        sha: '0123456789abcdef0123456789abcdef01234567',
        workflow: HOSTILE,
        job: 'deploy'
      }
    });
    const e = event({ reason: HOSTILE, logicalId: `Db${HOSTILE}`, resourceType: HOSTILE });
    const rendered = Object.entries(renderAll(hostile, e));

    it.each(rendered)('%s escapes it in text and blocks', (_name, m) => {
      expectNoRawOutsideMarkup(m.text);
      for (const t of blockTexts(m.blocks)) expectNoRawOutsideMarkup(t);
      expectWithinLimits(m);
    });

    it('shows the escaped reason, so readers still see what CloudFormation said', () => {
      const m = failureAlertMessage(hostile, { event: e });
      expect(m.text).toContain('&lt;!channel&gt;');
      expect(JSON.stringify(m.blocks)).toContain('&lt;@U123&gt; &lt;https://evil|click&gt; &amp;');
    });

    it('links the application URL only when it is http(s)', () => {
      const evil = succeededMessage(hostile, {
        durationMs: 1000,
        appUrl: 'javascript:alert(1)|<!channel>'
      });
      const texts = blockTexts(evil.blocks).join('\n');
      expect(texts).not.toContain('<javascript');
      expect(texts).toContain('javascript:alert(1)|&lt;!channel&gt;');
      const good = succeededMessage(hostile, {
        durationMs: 1000,
        appUrl: 'https://app.example.com/'
      });
      expect(blockTexts(good.blocks).join('\n')).toContain(
        '<https://app.example.com/|https://app.example.com/>'
      );
    });
  });

  it('truncates a 10 000-character reason within the limits', () => {
    const long = event({ reason: `${'&'.repeat(5000)}${'r'.repeat(5000)}` });
    for (const m of Object.values(renderAll(info(), long))) {
      expectWithinLimits(m);
      expect(m.text).toContain(ID);
      expectNoRawOutsideMarkup(m.text);
    }
    const alert = failureAlertMessage(info(), { event: long });
    expect(JSON.stringify(alert.blocks)).toContain('…');
  });

  it('keeps 200 latest events under 50 blocks with every text within 3000', () => {
    const events = Array.from({ length: 200 }, (_, n) =>
      event({
        id: `e${n}`,
        logicalId: `Resource${n}`,
        status: 'UPDATE_IN_PROGRESS',
        reason: '&'.repeat(500)
      })
    );
    const stackStatus = Object.fromEntries(
      Array.from({ length: 200 }, (_, n) => [`stack-${n}`, 'UPDATE_IN_PROGRESS'])
    );
    const m = progressMessage(info(), {
      stackStatus,
      done: 150,
      inProgress: 50,
      failed: 0,
      elapsedMs: 60_000,
      latestEvents: events
    });
    expect(m.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const t of blockTexts(m.blocks)) expect(t.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    expectWithinLimits(m);
    const shown = JSON.stringify(m.blocks);
    expect(shown).toContain('Resource199');
    expect(shown).not.toContain('Resource100`');
    // The newest events that fit are shown; the count of the rest is given.
    const omitted = Number(/(\d+) earlier events not shown/.exec(shown)?.[1]);
    expect(omitted).toBeGreaterThanOrEqual(190);
    expect(omitted).toBeLessThan(200);
  });

  it('lists the latest events with their reasons in a progress reply', () => {
    const m = progressMessage(info(), {
      stackStatus: { 'app-service': 'UPDATE_IN_PROGRESS' },
      done: 0,
      inProgress: 1,
      failed: 0,
      elapsedMs: 1000,
      latestEvents: [
        event({ status: 'CREATE_IN_PROGRESS', reason: 'Resource creation Initiated' }),
        event({
          logicalId: 'Queue',
          resourceType: 'AWS::SQS::Queue',
          status: 'CREATE_COMPLETE',
          reason: undefined
        })
      ]
    });
    const blocks = blockTexts(m.blocks).join('\n');
    expect(blocks).toContain(
      '`Database` (AWS::RDS::DBInstance) *CREATE_IN_PROGRESS* — Resource creation Initiated'
    );
    expect(blocks).toContain('`Queue` (AWS::SQS::Queue) *CREATE_COMPLETE*');
    expect(blocks).toContain('`app-service` UPDATE_IN_PROGRESS');
    expect(blocks).toContain('*Remaining*\nunknown');
  });

  it('renders each state of the started parent distinctly', () => {
    const states: DeploymentState[] = [
      'deploying',
      'succeeded',
      'failed',
      'still-running',
      'no-change',
      'cancelled'
    ];
    const rendered = states.map((state) =>
      startedMessage(info(), {
        state,
        startedAt: STARTED,
        ...(state === 'deploying' ? {} : { endedAt: new Date(STARTED.getTime() + 245_000) })
      })
    );
    const headers = rendered.map((m) => {
      const h = m.blocks[0];
      return h?.type === 'header' ? h.text.text : '';
    });
    expect(new Set(headers).size).toBe(states.length);
    expect(new Set(rendered.map((m) => m.text)).size).toBe(states.length);
    expect(headers[0]).toContain('Deploying');
    expect(headers[1]).toContain(':white_check_mark:');
    expect(headers[2]).toContain(':x:');
    for (const m of rendered) expectWithinLimits(m);
  });

  it('shows the duration in the started parent once it has ended, and the estimate before', () => {
    const running = startedMessage(info(), { state: 'deploying', startedAt: STARTED });
    expect(JSON.stringify(running.blocks)).not.toContain('Duration');
    expect(JSON.stringify(running.blocks)).toContain('about 5m 00s');
    const done = startedMessage(info(), {
      state: 'succeeded',
      startedAt: STARTED,
      endedAt: new Date(STARTED.getTime() + 245_000)
    });
    expect(JSON.stringify(done.blocks)).toContain('*Duration*\\n4m 05s');
    expect(done.text).toContain('4m 05s');
  });

  it("says 'no history yet' when the estimate has no history", () => {
    const fresh = info({ estimate: { expectedMs: 600_000, basis: 'no history yet' } });
    for (const m of [
      startedMessage(fresh, { state: 'deploying', startedAt: STARTED }),
      queuedMessage(fresh, { position: 1 }),
      overdueMessage(fresh, { elapsedMs: 700_000, expectedMs: 600_000 })
    ]) {
      expect(JSON.stringify(m.blocks)).toContain('no history yet');
    }
  });

  it("a frozen 'queued': the snowflake, until when and why; with nobody ahead no position, no active deployment; behind someone its position, no start before the freeze ends", () => {
    const freeze = { until: new Date('2026-12-24T18:00:00.000Z'), reasons: ['holidays'] };
    const alone = queuedMessage(info(), { position: 0, freeze });
    expect(alone.text).toMatch(
      /^:snowflake: Deployment queued: .*, frozen until 2026-12-24T18:00:00\.000Z/
    );
    expect(alone.text).not.toContain('position');
    const aloneBlocks = blockTexts(alone.blocks).join('\n');
    expect(aloneBlocks).toContain(':snowflake: Deployment queued');
    expect(aloneBlocks).toContain('holidays');
    expect(aloneBlocks).not.toMatch(/Active deployment|Position in queue|Expected start/);
    const behind = queuedMessage(info(), {
      position: 2,
      activeCorrelationId: 'holder-1',
      remainingMs: 60_000,
      freeze
    });
    expect(behind.text).toContain(', position 2 behind holder-1');
    const behindBlocks = blockTexts(behind.blocks).join('\n');
    expect(behindBlocks).toContain('Position in queue');
    expect(behindBlocks).not.toContain('Expected start');
  });

  it('names the timeout and the default answer in the question', () => {
    const m = questionMessage(info(), {
      question: 'Proceed despite warnings?',
      options: 'React ✅ to proceed or ❌ to abort, or reply `proceed` / `abort` in this thread.',
      timeoutMs: 600_000,
      defaultAnswer: 'abort'
    });
    const blocks = blockTexts(m.blocks).join('\n');
    expect(blocks).toContain('Proceed despite warnings?');
    expect(blocks).toContain('10m 00s');
    expect(blocks).toContain('will *abort*');
    expect(blocks).toContain('`proceed` / `abort`');
    expect(m.text).toContain('10m 00s');
    expect(m.text).toContain('abort');
  });

  it('keeps the correlation ID in the fallback text even when the summary is cut', () => {
    const m = questionMessage(info(), {
      question: 'q'.repeat(10_000),
      options: 'o',
      timeoutMs: 1000,
      defaultAnswer: 'abort'
    });
    expect(m.text.length).toBeLessThanOrEqual(FALLBACK_TEXT_MAX);
    expect(m.text.endsWith(`[${ID}]`)).toBe(true);
  });

  it('places the queued run in line and shows the active deployment', () => {
    const m = queuedMessage(info(), {
      activeCorrelationId: '20260114-120000-def456',
      remainingMs: -60_000,
      position: 3
    });
    const blocks = blockTexts(m.blocks).join('\n');
    expect(blocks).toContain('number 3');
    expect(blocks).toContain('`20260114-120000-def456`');
    expect(blocks).toContain('*Estimated remaining*\noverdue by 1m 00s');
  });

  it('names the root cause, troubleshooting and console link in the failure reply', () => {
    const m = failedMessage(info(), {
      durationMs: 310_000,
      rootCause: event(),
      troubleshooting: ['Check CloudWatch logs']
    });
    const blocks = blockTexts(m.blocks).join('\n');
    expect(blocks).toContain('Insufficient capacity');
    expect(blocks).toContain('• Check CloudWatch logs');
    expect(blocks).toContain('<https://console.aws.amazon.com/');
    expect(m.text).toContain('Database');
  });
});
