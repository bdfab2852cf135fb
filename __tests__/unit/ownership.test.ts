import { decideOwnOutcome } from '../../src/domain/outcome.js';
import {
  containsId,
  describeForeign,
  judgeOperations,
  ownEvents,
  splitOperations,
  type JudgedOperation,
  type TagSighting
} from '../../src/domain/ownership.js';
import {
  STACK_RESOURCE_TYPE,
  type StackEvent,
  type StackSnapshot
} from '../../src/domain/stack.js';

const OURS = '20261201-120000-0000abcd';
const OTHER = '20261201-115500-0badc0de';
const EARLIER = '20261130-090000-0000aaaa';
const STACK = 'App';

let seq = 0;
const at = (s: number): Date => new Date(Date.UTC(2026, 11, 1, 12, 0, s));
/** A stack-level event (no logicalId) or a resource's. */
function ev(
  s: number,
  status: string,
  opts: { logicalId?: string; token?: string; reason?: string; stack?: string } = {}
): StackEvent {
  const stack = opts.stack ?? STACK;
  return {
    id: `e${++seq}`,
    stackName: stack,
    timestamp: at(s),
    logicalId: opts.logicalId ?? stack,
    resourceType: opts.logicalId ? 'AWS::Lambda::Function' : STACK_RESOURCE_TYPE,
    status,
    reason: opts.reason,
    clientRequestToken: opts.token
  };
}

/** An update from `s` on: its stack-level start, a resource, its end (each with the token). */
function update(
  s: number,
  end: 'UPDATE_COMPLETE' | 'UPDATE_ROLLBACK_COMPLETE',
  token?: string,
  stack = STACK
): StackEvent[] {
  const o = { token, stack };
  return end === 'UPDATE_COMPLETE'
    ? [
        ev(s, 'UPDATE_IN_PROGRESS', { ...o, reason: 'User Initiated' }),
        ev(s + 1, 'UPDATE_IN_PROGRESS', { ...o, logicalId: 'Api' }),
        ev(s + 5, 'UPDATE_COMPLETE', { ...o, logicalId: 'Api' }),
        ev(s + 6, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', o),
        ev(s + 7, 'UPDATE_COMPLETE', o)
      ]
    : [
        ev(s, 'UPDATE_IN_PROGRESS', { ...o, reason: 'User Initiated' }),
        ev(s + 1, 'UPDATE_IN_PROGRESS', { ...o, logicalId: 'Api' }),
        ev(s + 3, 'UPDATE_FAILED', { ...o, logicalId: 'Api', reason: 'Runtime not supported' }),
        ev(s + 4, 'UPDATE_ROLLBACK_IN_PROGRESS', o),
        ev(s + 7, 'UPDATE_ROLLBACK_COMPLETE', o)
      ];
}

/** A snapshot of the stack taken after `event` was read. */
const seen = (event: StackEvent | undefined, status: string, tag: string): TagSighting => ({
  stack: event?.stackName ?? STACK,
  status,
  tag,
  afterEventId: event?.id
});

const snapshot = (status: string, tag = '', name = STACK): StackSnapshot => ({
  name,
  exists: true,
  status,
  tags: tag ? { DeploymentCorrelationId: tag } : {},
  outputs: {}
});

const judge = (
  events: StackEvent[],
  sightings: TagSighting[] = [],
  tagsBefore?: Record<string, string>
): JudgedOperation[] =>
  judgeOperations(splitOperations(events), { correlationId: OURS, sightings, tagsBefore });

const verdicts = (ops: JudgedOperation[]): string[] =>
  ops.map((op) => `${op.ours ? 'ours' : 'foreign'} by ${op.by}`);

describe('the operations since the lock, split', () => {
  it('each stack-level *_IN_PROGRESS that opens an operation starts one; rollbacks and cleanups belong to it', () => {
    const events = [...update(0, 'UPDATE_ROLLBACK_COMPLETE'), ...update(20, 'UPDATE_COMPLETE')];
    const ops = splitOperations(events);
    expect(ops.map((op) => [op.start?.status, op.events.length])).toEqual([
      ['UPDATE_IN_PROGRESS', 5],
      ['UPDATE_IN_PROGRESS', 5]
    ]);
    expect(ops[1]!.start).toBe(events[5]);
  });

  it('per stack, and events before any opening event are an operation of their own without a start', () => {
    const edge = update(2, 'UPDATE_COMPLETE', undefined, 'Edge');
    const events = [
      ev(0, 'UPDATE_COMPLETE', { logicalId: 'Api' }),
      ...update(1, 'UPDATE_COMPLETE')
    ];
    const ops = splitOperations([...events.slice(0, 3), ...edge, ...events.slice(3)]);
    expect(ops.map((op) => [op.stack, op.start?.status, op.events.length])).toEqual([
      [STACK, undefined, 1],
      [STACK, 'UPDATE_IN_PROGRESS', 5],
      ['Edge', 'UPDATE_IN_PROGRESS', 5]
    ]);
  });
});

describe('whose operation it is, by ClientRequestToken', () => {
  it('a token with this deployment correlation ID is ours, whatever the tag says', () => {
    const events = update(0, 'UPDATE_COMPLETE', `exec-${OURS}`);
    expect(verdicts(judge(events, [seen(events[0], 'UPDATE_IN_PROGRESS', OTHER)], {}))).toEqual([
      'ours by token'
    ]);
  });

  it("a console token is foreign: the console started it, with the stack event's reason", () => {
    const token = 'Console-UpdateStack-7f59c3cf-00d2-40c7-b2ff-e75db0987002';
    const [op] = judge(update(0, 'UPDATE_ROLLBACK_COMPLETE', token));
    expect(op).toMatchObject({ ours: false, by: 'token', console: true, token });
    expect(describeForeign(op!)).toBe(
      `${STACK}: UPDATE_IN_PROGRESS at ${at(0).toISOString()}, now UPDATE_ROLLBACK_COMPLETE, started by the AWS console (ClientRequestToken ${token}), 'User Initiated'`
    );
  });

  it('a token with another correlation ID (generated, or one seen as a tag) is that deployment', () => {
    const [generated] = judge(update(0, 'UPDATE_COMPLETE', `exec-${OTHER}`));
    expect(generated).toMatchObject({ ours: false, by: 'token', otherId: OTHER });
    const events = update(0, 'UPDATE_COMPLETE', 'pipeline-release-2024.06.1');
    const [known] = judge(events, [seen(undefined, 'UPDATE_COMPLETE', 'release-2024.06.1')]);
    expect(known).toMatchObject({ ours: false, by: 'token', otherId: 'release-2024.06.1' });
  });

  it('any other token says nothing (as `aws cloudformation deploy` and `cdk deploy` set none): time decides', () => {
    const ops = judge([
      ...update(0, 'UPDATE_COMPLETE', 'a2f1c3e4-0000-4000-8000-000000000000'),
      ...update(20, 'UPDATE_COMPLETE')
    ]);
    expect(verdicts(ops)).toEqual(['ours by time', 'ours by time']);
  });

  it('an ID is found only as a whole word', () => {
    expect(containsId(`exec-${OURS}-1`, OURS)).toBe(true);
    expect(containsId('release-10', 'release-1')).toBe(false);
    expect(containsId('x', '')).toBe(false);
  });
});

describe('whose operation it is, by the DeploymentCorrelationId tag', () => {
  it('our tag while the operation ran is ours', () => {
    const events = update(0, 'UPDATE_COMPLETE');
    const ops = judge(events, [seen(events[1], 'UPDATE_IN_PROGRESS', OURS)], { [STACK]: EARLIER });
    expect(ops[0]).toMatchObject({ ours: true, by: 'tag', tag: OURS });
  });

  it('our tag on the stack after the operation succeeded is ours (a snapshot after the end)', () => {
    const events = update(0, 'UPDATE_COMPLETE');
    expect(verdicts(judge(events, [seen(events.at(-1), 'UPDATE_COMPLETE', OURS)]))).toEqual([
      'ours by tag'
    ]);
  });

  it('another tag while it ran, on a stack that carried a different one before, is that deployment', () => {
    const events = update(0, 'UPDATE_ROLLBACK_COMPLETE');
    const [op] = judge(
      events,
      // While it ran: the other tag. After its rollback: the tag before it again.
      [
        seen(events[1], 'UPDATE_IN_PROGRESS', OTHER),
        seen(events.at(-1), 'UPDATE_ROLLBACK_COMPLETE', EARLIER)
      ],
      { [STACK]: EARLIER }
    );
    expect(op).toMatchObject({ ours: false, by: 'tag', otherId: OTHER, tag: OTHER });
    expect(describeForeign(op!)).toContain(
      `started by deployment ${OTHER} (tag DeploymentCorrelationId=${OTHER}), 'User Initiated'`
    );
  });

  it('the tag before the deploy step can come from a snapshot of the settled stack before any operation', () => {
    const old = ev(-60, 'UPDATE_COMPLETE');
    const events = update(0, 'UPDATE_COMPLETE');
    const ops = judge(events, [
      seen(old, 'UPDATE_COMPLETE', EARLIER),
      seen(events[1], 'UPDATE_IN_PROGRESS', OTHER)
    ]);
    expect(verdicts(ops)).toEqual(['foreign by tag']);
  });

  it('a tag the stack already carried before says nothing (an untagged update keeps the old tags): time decides', () => {
    const events = update(0, 'UPDATE_COMPLETE');
    const sightings = [seen(events[1], 'UPDATE_IN_PROGRESS', EARLIER)];
    expect(verdicts(judge(events, sightings, { [STACK]: EARLIER }))).toEqual(['ours by time']);
    // Nor does another tag when what the stack carried before is not known.
    expect(verdicts(judge(events, [seen(events[1], 'UPDATE_IN_PROGRESS', OTHER)]))).toEqual([
      'ours by time'
    ]);
  });

  it('a snapshot after a rollback says nothing of the operation: CloudFormation put the old tags back', () => {
    const events = update(0, 'UPDATE_ROLLBACK_COMPLETE');
    const ops = judge(events, [seen(events.at(-1), 'UPDATE_ROLLBACK_COMPLETE', OTHER)], {
      [STACK]: EARLIER
    });
    expect(verdicts(ops)).toEqual(['ours by time']);
  });

  it('a snapshot whose status the events read before it do not show yet belongs to no operation', () => {
    const first = update(0, 'UPDATE_COMPLETE');
    const second = update(20, 'UPDATE_COMPLETE');
    // Taken after the read that ended with the first update: the stack was already in the second.
    const ops = judge(
      [...first, ...second],
      [
        seen(first.at(-1), 'UPDATE_IN_PROGRESS', OTHER),
        seen(second[1], 'UPDATE_IN_PROGRESS', OURS)
      ],
      { [STACK]: EARLIER }
    );
    expect(verdicts(ops)).toEqual(['ours by time', 'ours by tag']);
  });

  it('with neither token nor tag, what began after the lock is ours (by time)', () => {
    expect(verdicts(judge(update(0, 'UPDATE_COMPLETE'), [], { [STACK]: '' }))).toEqual([
      'ours by time'
    ]);
  });
});

describe('several operations, and the outcome on our own', () => {
  it("a foreign failure, then our own tagged update: foreign, ours; succeeded on ours; only our events are the deployment's", () => {
    const foreign = update(0, 'UPDATE_ROLLBACK_COMPLETE');
    const ours = update(30, 'UPDATE_COMPLETE');
    const ops = judge(
      [...foreign, ...ours],
      [
        seen(foreign[2], 'UPDATE_IN_PROGRESS', OTHER),
        seen(foreign.at(-1), 'UPDATE_ROLLBACK_COMPLETE', EARLIER),
        seen(ours[1], 'UPDATE_IN_PROGRESS', OURS),
        seen(ours.at(-1), 'UPDATE_COMPLETE', OURS)
      ],
      { [STACK]: EARLIER }
    );
    expect(verdicts(ops)).toEqual(['foreign by tag', 'ours by tag']);
    expect(decideOwnOutcome([snapshot('UPDATE_COMPLETE', OURS)], ops)).toBe('succeeded');
    expect(ownEvents(ops)).toEqual(ours);
    // Judged by time alone, the failure would have been this deployment's first event.
    expect(verdicts(judge([...foreign, ...ours]))).toEqual(['ours by time', 'ours by time']);
  });

  it('the tag in force after a foreign success is the foreign one: our untagged update after it is ours by time', () => {
    const foreign = update(0, 'UPDATE_COMPLETE');
    const ours = update(30, 'UPDATE_COMPLETE');
    const ops = judge(
      [...foreign, ...ours],
      [seen(foreign[1], 'UPDATE_IN_PROGRESS', OTHER), seen(ours[1], 'UPDATE_IN_PROGRESS', OTHER)],
      { [STACK]: EARLIER }
    );
    expect(verdicts(ops)).toEqual(['foreign by tag', 'ours by time']);
  });

  it('our success followed by a foreign failure still running or rolled back: judged on ours', () => {
    const ours = update(0, 'UPDATE_COMPLETE', `exec-${OURS}`);
    const foreign = update(30, 'UPDATE_ROLLBACK_COMPLETE', 'Console-UpdateStack-1');
    const ops = judge([...ours, ...foreign]);
    expect(verdicts(ops)).toEqual(['ours by token', 'foreign by token']);
    expect(decideOwnOutcome([snapshot('UPDATE_ROLLBACK_COMPLETE')], ops)).toBe('succeeded');
    expect(decideOwnOutcome([snapshot('UPDATE_ROLLBACK_IN_PROGRESS')], ops)).toBe('succeeded');
  });

  it('only foreign operations: no-change; our own failure: failed', () => {
    const foreign = judge(update(0, 'UPDATE_ROLLBACK_COMPLETE', 'Console-UpdateStack-1'));
    expect(decideOwnOutcome([snapshot('UPDATE_ROLLBACK_COMPLETE')], foreign)).toBe('no-change');
    const failed = judge(update(0, 'UPDATE_ROLLBACK_COMPLETE', `exec-${OURS}`));
    expect(decideOwnOutcome([snapshot('UPDATE_ROLLBACK_COMPLETE')], failed)).toBe('failed');
    expect(decideOwnOutcome([snapshot('UPDATE_COMPLETE')], [])).toBe('no-change');
  });

  it('a tag that is not a generated correlation ID (a run ID, a SHA) is no evidence: by time, ours', () => {
    const events = update(0, 'UPDATE_ROLLBACK_COMPLETE');
    const withSha = judge(events, [seen(events[1], 'UPDATE_IN_PROGRESS', 'a1b2c3d4e5f6')], {
      [STACK]: EARLIER
    });
    expect(withSha.map((op) => [op.ours, op.by, op.tag])).toEqual([[true, 'time', 'a1b2c3d4e5f6']]);
    // The same sighting with another generated correlation ID is evidence: foreign.
    const other = update(10, 'UPDATE_ROLLBACK_COMPLETE');
    const withId = judge(other, [seen(other[1], 'UPDATE_IN_PROGRESS', OTHER)], {
      [STACK]: EARLIER
    });
    expect(withId.map((op) => [op.ours, op.by])).toEqual([[false, 'tag']]);
  });

  it('once a snapshot showed our tag during an operation, a later one showing another does not make it foreign', () => {
    const mine = update(0, 'UPDATE_ROLLBACK_COMPLETE');
    const ops = judge(
      mine,
      [seen(mine[1], 'UPDATE_IN_PROGRESS', OURS), seen(mine[1], 'UPDATE_IN_PROGRESS', OTHER)],
      { [STACK]: EARLIER }
    );
    expect(ops.map((op) => `${op.ours ? 'ours' : 'foreign'} by ${op.by}`)).toEqual(['ours by tag']);
  });

  it('two stacks: each judged on its own tag', () => {
    const app = update(0, 'UPDATE_COMPLETE');
    const edge = update(2, 'UPDATE_ROLLBACK_COMPLETE', undefined, 'Edge');
    const ops = judge(
      [...app, ...edge],
      [
        seen(app[1], 'UPDATE_IN_PROGRESS', OURS),
        { stack: 'Edge', status: 'UPDATE_IN_PROGRESS', tag: OTHER, afterEventId: edge[1]!.id }
      ],
      { [STACK]: EARLIER, Edge: EARLIER }
    );
    expect(ops.map((op) => `${op.stack} ${op.ours ? 'ours' : 'foreign'} by ${op.by}`)).toEqual([
      `${STACK} ours by tag`,
      'Edge foreign by tag'
    ]);
    expect(
      decideOwnOutcome(
        [snapshot('UPDATE_COMPLETE', OURS), snapshot('UPDATE_ROLLBACK_COMPLETE', EARLIER, 'Edge')],
        ops
      )
    ).toBe('succeeded');
  });
});

describe('operations by their OperationId, each judged on its own', () => {
  /** The events, each with CloudFormation's OperationId `id`. */
  const withId = (id: string, events: StackEvent[]): StackEvent[] =>
    events.map((e) => ({ ...e, operationId: id }));
  const CONSOLE = 'Console-UpdateStack-7f59c3cf-00d2-40c7-b2ff-e75db0987002';

  it('our failed update and its automatic rollback (an ID of its own, our tags put back): one operation, ours; failed', () => {
    const events = update(0, 'UPDATE_ROLLBACK_COMPLETE');
    const ops = judge(
      [...withId('u', events.slice(0, 3)), ...withId('r', events.slice(3))],
      [
        seen(events[1], 'UPDATE_IN_PROGRESS', OURS),
        seen(events.at(-1), 'UPDATE_ROLLBACK_COMPLETE', EARLIER)
      ],
      { [STACK]: EARLIER }
    );
    expect(verdicts(ops)).toEqual(['ours by tag']);
    expect(ops[0]!.start?.status).toBe('UPDATE_IN_PROGRESS');
    expect(ops[0]!.events).toHaveLength(5);
    expect(decideOwnOutcome([snapshot('UPDATE_ROLLBACK_COMPLETE', EARLIER)], ops)).toBe('failed');
  });

  it("a console update begun in the same second as our update's end, their events interleaved: ours, then the console's; succeeded on ours", () => {
    const ours = withId('a', update(0, 'UPDATE_COMPLETE'));
    const foreign = withId('b', update(7, 'UPDATE_ROLLBACK_COMPLETE', CONSOLE));
    // The console's start is listed before our UPDATE_COMPLETE, in the same second.
    const events = [...ours.slice(0, 4), foreign[0]!, ours[4]!, ...foreign.slice(1)];
    const sightings = [seen(ours[1], 'UPDATE_IN_PROGRESS', OURS)];
    const ops = judge(events, sightings, { [STACK]: EARLIER });
    expect(verdicts(ops)).toEqual(['ours by tag', 'foreign by token']);
    expect(ownEvents(ops)).toEqual(ours);
    expect(ops[1]).toMatchObject({ console: true, start: foreign[0] });
    expect(decideOwnOutcome([snapshot('UPDATE_ROLLBACK_COMPLETE', OURS)], ops)).toBe('succeeded');
    // Without the IDs our UPDATE_COMPLETE would be taken for the console's: ours still running.
    const inferred = judge(
      events.map(({ operationId: _, ...e }) => e),
      sightings,
      { [STACK]: EARLIER }
    );
    expect(decideOwnOutcome([snapshot('UPDATE_ROLLBACK_COMPLETE', OURS)], inferred)).toBe(
      'still-running'
    );
  });

  it("another deployment's update with its correlation ID in its token, right after ours: foreign by token, however its rollback's ID differs", () => {
    const ours = withId('a', update(0, 'UPDATE_COMPLETE', `exec-${OURS}`));
    const other = update(7, 'UPDATE_ROLLBACK_COMPLETE', `exec-${OTHER}`);
    const ops = judge([...ours, ...withId('b', other.slice(0, 3)), ...withId('c', other.slice(3))]);
    expect(verdicts(ops)).toEqual(['ours by token', 'foreign by token']);
    expect(ops[1]).toMatchObject({ otherId: OTHER, status: 'UPDATE_ROLLBACK_COMPLETE' });
    expect(ops[1]!.events).toHaveLength(5);
  });
});
