/**
 * Following a tree of nested stacks (src/domain/tree.ts, src/coordination/stack-tree.ts): which
 * nested stacks the events show, which are read at each poll, and nothing lost when a read fails.
 */
import { nestedEvents, TreeFollower } from '../../src/coordination/stack-tree.js';
import {
  eventName,
  operationProgress,
  type NestedEvent as NestedEventT,
  type StackEvent
} from '../../src/domain/stack.js';
import { inTimeOrder, nestedStacksIn } from '../../src/domain/tree.js';
import type { StackReader } from '../../src/ports/cloudformation.js';
import { T0, STACK, TreeEvents, arn, ev, nestedRes } from './tree-fixtures.js';

const follower = (events: TreeEvents): TreeFollower =>
  new TreeFollower(events as unknown as StackReader, T0);

describe('the nested stacks that events show', () => {
  it('a nested stack resource by its logical ID, its ARN once an event carries it, busy while its latest event is in progress', () => {
    const refs = nestedStacksIn([
      ev('App', 1, 'App', 'UPDATE_IN_PROGRESS', { resourceType: STACK }),
      ev('App', 2, 'Data', 'CREATE_IN_PROGRESS', { resourceType: STACK }),
      nestedRes('App', 3, 'Data', 'App-Data', 'CREATE_IN_PROGRESS'),
      nestedRes('App', 4, 'Logs', 'App-Logs', 'UPDATE_IN_PROGRESS'),
      nestedRes('App', 5, 'Logs', 'App-Logs', 'UPDATE_COMPLETE'),
      ev('App', 6, 'Topic', 'UPDATE_COMPLETE')
    ]);
    expect(refs).toEqual([
      { logicalId: 'Data', arn: arn('App-Data'), busy: true },
      { logicalId: 'Logs', arn: arn('App-Logs'), busy: false }
    ]);
  });

  it('two covered stacks each with a nested stack of the same logical ID: two nested stacks', () => {
    const refs = nestedStacksIn([
      nestedRes('A', 1, 'Data', 'A-Data', 'UPDATE_IN_PROGRESS'),
      nestedRes('B', 1, 'Data', 'B-Data', 'UPDATE_COMPLETE')
    ]);
    expect(refs.map((r) => [r.arn, r.busy])).toEqual([
      [arn('A-Data'), true],
      [arn('B-Data'), false]
    ]);
  });

  it('a nested event by its path, a nested stack-level event by its path alone; progress counts same-named resources of two stacks apart', () => {
    const db = { ...ev('App-Data', 1, 'Db', 'UPDATE_IN_PROGRESS'), nestedIn: ['Data'] };
    const own = { ...ev('App-Data', 1, 'App-Data', 'UPDATE_IN_PROGRESS'), resourceType: STACK };
    expect(eventName(db)).toBe('Data › Db');
    expect(eventName({ ...own, nestedIn: ['Data'] })).toBe('Data');
    expect(eventName(ev('App', 1, 'Db', 'UPDATE_COMPLETE'))).toBe('Db');
    expect(operationProgress([db, ev('App', 2, 'Db', 'UPDATE_COMPLETE')])).toEqual({
      done: 1,
      inProgress: 1,
      failed: 0
    });
  });

  it('in time order, and at the same instant the deeper first', () => {
    const parent = nestedRes('App', 5, 'Data', 'App-Data', 'UPDATE_FAILED');
    const inner = { ...ev('App-Data', 5, 'Db', 'UPDATE_FAILED'), nestedIn: ['Data'] };
    const early = ev('App', 1, 'Topic', 'UPDATE_COMPLETE');
    expect(inTimeOrder([parent, inner, early])).toEqual([early, inner, parent]);
  });
});

describe('the monitor follows a tree, poll after poll', () => {
  it('reads a nested stack while its resource is in progress, once more after it settled, then no more; a nested stack found mid-operation is read from the lock on; deeper levels too', async () => {
    const r = new TreeEvents();
    r.add(
      'App',
      ev('App', 1, 'App', 'UPDATE_IN_PROGRESS', { resourceType: STACK }),
      nestedRes('App', 2, 'Data', 'App-Data', 'UPDATE_IN_PROGRESS'),
      nestedRes('App', 20, 'Data', 'App-Data', 'UPDATE_COMPLETE'),
      ev('App', 21, 'App', 'UPDATE_COMPLETE', { resourceType: STACK })
    );
    r.add(
      'App-Data',
      ev('App-Data', 2.5, 'App-Data', 'UPDATE_IN_PROGRESS', { resourceType: STACK }),
      ev('App-Data', 3, 'W1', 'UPDATE_IN_PROGRESS'),
      nestedRes('App-Data', 4, 'Inner', 'App-Data-Inner', 'UPDATE_IN_PROGRESS'),
      ev('App-Data', 10, 'W1', 'UPDATE_COMPLETE'),
      nestedRes('App-Data', 15, 'Inner', 'App-Data-Inner', 'UPDATE_COMPLETE'),
      ev('App-Data', 19, 'W2', 'UPDATE_COMPLETE'),
      ev('App-Data', 19.5, 'App-Data', 'UPDATE_COMPLETE', { resourceType: STACK })
    );
    r.add(
      'App-Data-Inner',
      ev('App-Data-Inner', 4.5, 'App-Data-Inner', 'UPDATE_IN_PROGRESS', { resourceType: STACK }),
      ev('App-Data-Inner', 5, 'Q', 'UPDATE_IN_PROGRESS'),
      ev('App-Data-Inner', 14, 'Q', 'UPDATE_COMPLETE'),
      ev('App-Data-Inner', 14.5, 'App-Data-Inner', 'UPDATE_COMPLETE', { resourceType: STACK })
    );
    const tree = follower(r);

    // First poll at 6 s: the root, then Data (found now, read from the lock's time), then Inner.
    r.now = T0 + 6_000;
    let poll = await tree.poll(['App']);
    expect(r.calls.splice(0)).toEqual([
      'since App',
      `after ${arn('App-Data')}`,
      `after ${arn('App-Data-Inner')}`
    ]);
    expect(poll.own.get('App')?.map((e) => e.logicalId)).toEqual(['App', 'Data']);
    // A nested stack's own stack-level events by its path alone.
    expect(poll.nested.get('App')?.map((e) => [eventName(e), e.status])).toEqual([
      ['Data', 'UPDATE_IN_PROGRESS'],
      ['Data › W1', 'UPDATE_IN_PROGRESS'],
      ['Data › Inner', 'UPDATE_IN_PROGRESS'],
      ['Data › Inner', 'UPDATE_IN_PROGRESS'],
      ['Data › Inner › Q', 'UPDATE_IN_PROGRESS']
    ]);
    expect(tree.size).toEqual({ known: 2, busy: 2 });

    // At 16 s Inner has settled (seen in Data's events): read once more for its last events.
    r.now = T0 + 16_000;
    poll = await tree.poll(['App']);
    expect(r.calls.splice(0)).toEqual([
      'since App',
      `since ${arn('App-Data')}`,
      `since ${arn('App-Data-Inner')}`
    ]);
    expect(poll.nested.get('App')?.map(eventName)).toEqual([
      'Data › W1',
      'Data › Inner › Q',
      'Data › Inner',
      'Data › Inner'
    ]);

    // At 17 s: Inner is not read again; Data still is.
    r.now = T0 + 17_000;
    await tree.poll(['App']);
    expect(r.calls.splice(0)).toEqual(['since App', `since ${arn('App-Data')}`]);

    // At 22 s Data has settled: once more, then only the root.
    r.now = T0 + 22_000;
    poll = await tree.poll(['App']);
    expect(r.calls.splice(0)).toEqual(['since App', `since ${arn('App-Data')}`]);
    expect(poll.nested.get('App')?.map(eventName)).toEqual(['Data › W2', 'Data']);
    r.now = T0 + 30_000;
    await tree.poll(['App']);
    expect(r.calls.splice(0)).toEqual(['since App']);
    expect(tree.size).toEqual({ known: 2, busy: 0 });
  });

  it('a nested stack still cleaning up after its resource completed (UPDATE_COMPLETE_CLEANUP_IN_PROGRESS) is read until its own status ends; one that cannot be read is tried again only while it works', async () => {
    const r = new TreeEvents();
    const own = (stack: string, atS: number, status: string): StackEvent =>
      ev(stack, atS, stack, status, { resourceType: STACK });
    r.add(
      'App',
      own('App', 1, 'UPDATE_IN_PROGRESS'),
      nestedRes('App', 2, 'Data', 'App-Data', 'UPDATE_IN_PROGRESS'),
      nestedRes('App', 2, 'Logs', 'App-Logs', 'UPDATE_IN_PROGRESS'),
      nestedRes('App', 10, 'Data', 'App-Data', 'UPDATE_COMPLETE'),
      nestedRes('App', 10, 'Logs', 'App-Logs', 'UPDATE_COMPLETE'),
      own('App', 11, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'),
      own('App', 40, 'UPDATE_COMPLETE')
    );
    r.add(
      'App-Data',
      own('App-Data', 3, 'UPDATE_IN_PROGRESS'),
      own('App-Data', 9, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'),
      ev('App-Data', 20, 'Old', 'DELETE_IN_PROGRESS'),
      ev('App-Data', 30, 'Old', 'DELETE_COMPLETE'),
      own('App-Data', 31, 'UPDATE_COMPLETE')
    );
    const tree = follower(r);
    r.failOn = arn('App-Logs');
    r.now = T0 + 12_000;
    let poll = await tree.poll(['App']);
    expect(poll.unreadable.map((u) => u.path)).toEqual(['Logs']);
    r.calls.splice(0);
    // Data's resource completed at 10 s, its cleanup goes on: read; Logs (unreadable, settled): not.
    for (const [at, old] of [
      [21_000, 'DELETE_IN_PROGRESS'],
      [30_500, 'DELETE_COMPLETE']
    ] as const) {
      r.now = T0 + at;
      poll = await tree.poll(['App']);
      expect(r.calls.splice(0)).toEqual(['since App', `since ${arn('App-Data')}`]);
      expect(poll.nested.get('App')?.map((e) => [eventName(e), e.status])).toEqual([
        ['Data › Old', old]
      ]);
    }
    r.now = T0 + 32_000;
    await tree.poll(['App']);
    expect(r.calls.splice(0)).toEqual(['since App', `since ${arn('App-Data')}`]);
    r.now = T0 + 33_000;
    await tree.poll(['App']);
    expect(r.calls.splice(0)).toEqual(['since App']);
  });

  it('a nested stack that cannot be read is said and tried again at the next poll, the rest of the tree read; a covered stack that cannot be read ends the poll, and what was read before comes with the next one', async () => {
    const r = new TreeEvents();
    r.add(
      'App',
      ev('App', 1, 'App', 'UPDATE_IN_PROGRESS', { resourceType: STACK }),
      nestedRes('App', 2, 'Data', 'App-Data', 'UPDATE_IN_PROGRESS')
    );
    r.add('App-Data', ev('App-Data', 3, 'W1', 'UPDATE_IN_PROGRESS'));
    r.add('Other', ev('Other', 3, 'Other', 'UPDATE_IN_PROGRESS', { resourceType: STACK }));
    const tree = follower(r);
    r.now = T0 + 5_000;
    r.failOn = arn('App-Data');
    let poll = await tree.poll(['App']);
    expect(poll.own.get('App')?.map((e) => e.logicalId)).toEqual(['App', 'Data']);
    expect(poll.nested.get('App')).toBeUndefined();
    expect(poll.unreadable).toEqual([
      { arn: arn('App-Data'), path: 'Data', message: `throttled: ${arn('App-Data')}` }
    ]);
    r.failOn = undefined;
    poll = await tree.poll(['App']);
    expect(poll.nested.get('App')?.map(eventName)).toEqual(['Data › W1']);
    expect(poll.unreadable).toEqual([]);

    // A covered stack's read fails after another's was read: those events come with the next poll.
    r.failOn = 'Other';
    r.add('App', ev('App', 4, 'Topic', 'UPDATE_IN_PROGRESS'));
    await expect(tree.poll(['App', 'Other'])).rejects.toThrow('throttled');
    r.failOn = undefined;
    poll = await tree.poll(['App', 'Other']);
    expect(poll.own.get('App')?.map((e) => e.logicalId)).toEqual(['Topic']);
    expect(poll.own.get('Other')?.map((e) => e.logicalId)).toEqual(['Other']);
    expect(tree.cursor('App')).toBe(r.stacks.get('App')?.at(-1)?.id);
  });

  it('events before the lock was taken are not read as the deployment', async () => {
    const r = new TreeEvents();
    r.add(
      'App',
      nestedRes('App', -50, 'Data', 'App-Data', 'UPDATE_COMPLETE'),
      ev('App', 1, 'App', 'UPDATE_IN_PROGRESS', { resourceType: STACK })
    );
    const tree = follower(r);
    r.now = T0 + 2_000;
    const poll = await tree.poll(['App']);
    expect(poll.own.get('App')?.map((e) => e.logicalId)).toEqual(['App']);
    expect(r.calls).toEqual(['since App']);
  });
});

describe("the nested stacks' events below a covered stack's (the summary, the waiting runs)", () => {
  it('every nested stack the events show; a settled one read once with a cache; one that cannot be read is left out and said', async () => {
    const r = new TreeEvents();
    const own = [
      nestedRes('App', 2, 'Data', 'App-Data', 'UPDATE_IN_PROGRESS'),
      nestedRes('App', 3, 'Logs', 'App-Logs', 'UPDATE_IN_PROGRESS'),
      nestedRes('App', 4, 'Logs', 'App-Logs', 'UPDATE_COMPLETE')
    ];
    r.add('App-Data', ev('App-Data', 3, 'W1', 'UPDATE_IN_PROGRESS'));
    r.add('App-Logs', ev('App-Logs', 3, 'L', 'UPDATE_COMPLETE'));
    r.now = T0 + 10_000;
    const reader = r as unknown as StackReader;
    expect((await nestedEvents(reader, own, T0)).map(eventName)).toEqual(['Data › W1', 'Logs › L']);
    // With a cache: a settled nested stack (Logs: its resource complete, its own status too) is
    // read once; a busy one (Data) at every call.
    r.add('App-Logs', ev('App-Logs', 3.5, 'App-Logs', 'UPDATE_COMPLETE', { resourceType: STACK }));
    const settled = new Map<string, NestedEventT[]>();
    r.calls.splice(0);
    for (let i = 0; i < 3; i++)
      expect((await nestedEvents(reader, own, T0, { settled })).map(eventName)).toEqual([
        'Data › W1',
        'Logs › L',
        'Logs'
      ]);
    expect(r.calls.filter((c) => c.includes('App-Logs'))).toHaveLength(1);
    expect(r.calls.filter((c) => c.includes('App-Data'))).toHaveLength(3);
    r.failOn = arn('App-Data');
    const errors: string[] = [];
    const got = await nestedEvents(reader, own, T0, { onError: (a) => errors.push(a) });
    expect(got.map(eventName)).toEqual(['Logs › L', 'Logs']);
    expect(errors).toEqual([arn('App-Data')]);
  });
});
