/**
 * A tree of nested stacks as CloudFormation really runs one: a nested stack's cleanup after its
 * parent's resource completed, a nested read that fails in the poll where a failure surfaces, a
 * waiting run's progress as nested stacks settle, finalize's events of this deployment's own
 * operations only, and the cost of a nested stack the role may not read.
 */
import { TreeFollower } from '../../src/coordination/stack-tree.js';
import { readActivity } from '../../src/coordination/turn-report.js';
import { describeActivity } from '../../src/domain/activity.js';
import { resourceTypeSeconds } from '../../src/domain/estimate.js';
import { eventName, type NestedEvent } from '../../src/domain/stack.js';
import { inTimeOrder } from '../../src/domain/tree.js';
import { DeploymentWatch } from '../../src/domain/watch.js';
import { assess, treeEvents } from '../../src/stages/finalize/outcome.js';
import type { StackReader } from '../../src/ports/cloudformation.js';
import { T0, TreeEvents, arn, ev, nestedRes, stackEv } from './tree-fixtures.js';

const RDS = 'AWS::RDS::DBInstance';
const CID = '20261207-100000-0000abcd';

/** run.ts's wiring of one poll: the tree's events, in time order, to the watch (ownership aside). */
async function pollInto(tree: TreeFollower, watch: DeploymentWatch, now: number) {
  const polled = await tree.poll(['App']);
  const fresh: NestedEvent[] = inTimeOrder([
    ...(polled.own.get('App') ?? []),
    ...(polled.nested.get('App') ?? [])
  ]);
  return [...watch.onEvents(fresh, now), ...watch.onTick(now, ['UPDATE_IN_PROGRESS'])];
}

describe('TreeFollower against what CloudFormation really does', () => {
  it("follows a nested stack through its own cleanup, which CloudFormation runs after the parent's resource is UPDATE_COMPLETE (stall = silence of the whole tree)", async () => {
    const r = new TreeEvents();
    // Real ordering: the nested stack reaches UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, the parent
    // marks its resource UPDATE_COMPLETE, the root enters its cleanup, and only then do the nested
    // stacks delete their replaced resources and reach UPDATE_COMPLETE.
    r.add(
      'App',
      stackEv('App', 1, 'UPDATE_IN_PROGRESS'),
      nestedRes('App', 2, 'Data', 'App-Data', 'UPDATE_IN_PROGRESS'),
      nestedRes('App', 30, 'Data', 'App-Data', 'UPDATE_COMPLETE'),
      stackEv('App', 31, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'),
      stackEv('App', 400, 'UPDATE_COMPLETE')
    );
    const cleanup = Array.from({ length: 18 }, (_, i) => [
      ev('App-Data', 40 + i * 20, `Old${i}`, 'DELETE_IN_PROGRESS'),
      ev('App-Data', 50 + i * 20, `Old${i}`, 'DELETE_COMPLETE')
    ]).flat();
    r.add(
      'App-Data',
      stackEv('App-Data', 3, 'UPDATE_IN_PROGRESS'),
      ev('App-Data', 4, 'Db', 'UPDATE_IN_PROGRESS', { resourceType: RDS }),
      ev('App-Data', 28, 'Db', 'UPDATE_COMPLETE', { resourceType: RDS }),
      stackEv('App-Data', 29, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'),
      ...cleanup,
      stackEv('App-Data', 399, 'UPDATE_COMPLETE')
    );
    const tree = new TreeFollower(r as unknown as StackReader, T0);
    const watch = new DeploymentWatch({
      stallMs: 60_000,
      expectedMs: 3_600_000,
      progressIntervalMs: 3_600_000,
      criticalResourceTypes: [],
      sinceMs: T0
    });
    const alerts: string[] = [];
    const seen: string[] = [];
    for (let t = 5; t <= 395; t += 5) {
      r.now = T0 + t * 1000;
      for (const a of await pollInto(tree, watch, r.now)) alerts.push(`${a.kind}@${t}`);
    }
    for (const e of watch.operationEvents) seen.push(eventName(e));
    // Every cleanup event of the nested stack is followed...
    expect(seen).toEqual(expect.arrayContaining(cleanup.map((e) => `Data › ${e.logicalId}`)));
    // ...and the tree, never silent for more than 10 s, is not stalled.
    expect(alerts).toEqual([]);
  });

  it('a nested stack read that fails once, in the poll where its failure surfaces: the alert is still the nested Db, not the "Embedded stack" echo', async () => {
    const r = new TreeEvents();
    r.add(
      'App',
      stackEv('App', 1, 'UPDATE_IN_PROGRESS'),
      nestedRes('App', 2, 'Data', 'App-Data', 'UPDATE_IN_PROGRESS'),
      nestedRes('App', 12, 'Data', 'App-Data', 'UPDATE_FAILED', {
        reason: `Embedded stack ${arn('App-Data')} was not successfully updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: The following resource(s) failed to update: [Db].`
      }),
      stackEv('App', 13, 'UPDATE_ROLLBACK_IN_PROGRESS')
    );
    r.add(
      'App-Data',
      stackEv('App-Data', 3, 'UPDATE_IN_PROGRESS'),
      ev('App-Data', 4, 'Db', 'UPDATE_IN_PROGRESS', { resourceType: RDS }),
      ev('App-Data', 11, 'Db', 'UPDATE_FAILED', {
        resourceType: RDS,
        reason: 'Cannot upgrade postgres from 15.15 to 14.1'
      }),
      stackEv('App-Data', 11.5, 'UPDATE_ROLLBACK_IN_PROGRESS')
    );
    const tree = new TreeFollower(r as unknown as StackReader, T0);
    const watch = new DeploymentWatch({
      stallMs: 600_000,
      expectedMs: 3_600_000,
      progressIntervalMs: 3_600_000,
      criticalResourceTypes: [],
      sinceMs: T0
    });
    const failures: string[] = [];
    for (const t of [5, 10, 15, 20]) {
      r.now = T0 + t * 1000;
      if (t === 15) r.failOnce.add(arn('App-Data')); // one throttled/timed-out call
      for (const a of await pollInto(tree, watch, r.now))
        if (a.kind === 'failure') failures.push(eventName(a.event));
    }
    expect(failures).toEqual(['Data › Db']);
  });
});

describe("a waiting run's activity report on a tree", () => {
  it('progress never goes backwards when a nested stack settles', async () => {
    const r = new TreeEvents();
    const work = Array.from({ length: 6 }, (_, i) => [
      ev('App-Data', 3 + i, `W${i}`, 'UPDATE_IN_PROGRESS'),
      ev('App-Data', 3.5 + i, `W${i}`, 'UPDATE_COMPLETE')
    ]).flat();
    r.add(
      'App',
      stackEv('App', 1, 'UPDATE_IN_PROGRESS'),
      nestedRes('App', 2, 'Data', 'App-Data', 'UPDATE_IN_PROGRESS'),
      nestedRes('App', 20, 'Data', 'App-Data', 'UPDATE_COMPLETE'),
      ev('App', 21, 'Topic', 'UPDATE_IN_PROGRESS')
    );
    r.add('App-Data', stackEv('App-Data', 2.5, 'UPDATE_IN_PROGRESS'), ...work);
    const snapshot = {
      name: 'App',
      exists: true,
      status: 'UPDATE_IN_PROGRESS',
      tags: {},
      outputs: {}
    };
    const progress = async (t: number): Promise<string> => {
      r.now = T0 + t * 1000;
      const [a] = await readActivity(r as unknown as StackReader, [snapshot]);
      return /Progress: .*/.exec(describeActivity(a!, r.now, 600_000, 'test'))![0];
    };
    const before = await progress(15); // Data busy: its six resources done are counted
    const after = await progress(25); // Data settled, one more root resource in progress
    expect(before).toBe('Progress: 6 resources done, 1 in progress, 0 failed');
    // Expected: 7 done (6 nested + Data), 1 in progress (Topic). Got: the nested ones vanish.
    expect(after).toBe('Progress: 7 resources done, 1 in progress, 0 failed');
  });
});

describe("finalize's tree events are this deployment's own", () => {
  it("a foreign (console) update that failed inside Data, then this run's own successful one: the summary's events and the history's resourceTypeSeconds hold none of the foreign operation's nested events", async () => {
    const r = new TreeEvents();
    const byConsole = {
      clientRequestToken: 'Console-UpdateStack-7f59c3cf-00d2-40c7-b2ff-e75db0987002'
    };
    const ours = { clientRequestToken: `deploy-${CID}` };
    r.add(
      'App',
      // Someone else's update from the console, while this run held the lock: failed, rolled back.
      stackEv('App', 10, 'UPDATE_IN_PROGRESS', byConsole),
      nestedRes('App', 11, 'Data', 'App-Data', 'UPDATE_IN_PROGRESS', byConsole),
      nestedRes('App', 21, 'Data', 'App-Data', 'UPDATE_FAILED', byConsole),
      stackEv('App', 22, 'UPDATE_ROLLBACK_IN_PROGRESS', byConsole),
      nestedRes('App', 23, 'Data', 'App-Data', 'UPDATE_IN_PROGRESS', byConsole),
      nestedRes('App', 55, 'Data', 'App-Data', 'UPDATE_COMPLETE', byConsole),
      stackEv('App', 60, 'UPDATE_ROLLBACK_COMPLETE', byConsole),
      // This run's own update.
      stackEv('App', 100, 'UPDATE_IN_PROGRESS', ours),
      nestedRes('App', 101, 'Data', 'App-Data', 'UPDATE_IN_PROGRESS', ours),
      nestedRes('App', 150, 'Data', 'App-Data', 'UPDATE_COMPLETE', ours),
      stackEv('App', 160, 'UPDATE_COMPLETE', ours)
    );
    r.add(
      'App-Data',
      stackEv('App-Data', 11.5, 'UPDATE_IN_PROGRESS', byConsole),
      ev('App-Data', 12, 'Db', 'UPDATE_IN_PROGRESS', { resourceType: RDS, ...byConsole }),
      ev('App-Data', 20, 'Db', 'UPDATE_FAILED', {
        resourceType: RDS,
        reason: 'foreign failure',
        ...byConsole
      }),
      ev('App-Data', 24, 'Db', 'UPDATE_IN_PROGRESS', { resourceType: RDS, ...byConsole }),
      ev('App-Data', 50, 'Db', 'UPDATE_COMPLETE', { resourceType: RDS, ...byConsole }),
      stackEv('App-Data', 54, 'UPDATE_ROLLBACK_COMPLETE', byConsole),
      stackEv('App-Data', 102, 'UPDATE_IN_PROGRESS', ours),
      ev('App-Data', 110, 'Db', 'UPDATE_IN_PROGRESS', { resourceType: RDS, ...ours }),
      ev('App-Data', 140, 'Db', 'UPDATE_COMPLETE', { resourceType: RDS, ...ours }),
      stackEv('App-Data', 149, 'UPDATE_COMPLETE', ours)
    );
    r.now = T0 + 200_000;
    const reader = Object.assign(r, {
      describeStacks: () =>
        Promise.resolve([
          {
            name: 'App',
            exists: true,
            status: 'UPDATE_COMPLETE',
            tags: { DeploymentCorrelationId: CID },
            outputs: {}
          }
        ])
    });
    const deps = {
      config: { stackNames: ['App'] },
      log: { correlationId: CID, debug: () => undefined, info: () => undefined },
      io: { getState: () => '' },
      reader,
      clock: { now: () => r.now },
      stepCancelled: () => Promise.resolve(false)
    };
    const deployment = await assess(deps as never, new Date(T0).toISOString());
    expect(deployment.outcome).toBe('succeeded');
    expect(deployment.foreign).toHaveLength(1);
    const tree = treeEvents(deployment);
    // No event of the console's operation in the summary's table...
    expect(tree.filter((e) => e.clientRequestToken === byConsole.clientRequestToken)).toEqual([]);
    // ...nor in the estimate the history keeps (our Db took 30 s).
    expect(resourceTypeSeconds(tree)[RDS]).toBe(30);
  });
});

describe('the cost of a nested stack that cannot be read', () => {
  it('one the role may not read is not called again at every poll once it has settled (a tree costs what its busy stacks cost)', async () => {
    const r = new TreeEvents();
    r.add(
      'App',
      stackEv('App', 1, 'UPDATE_IN_PROGRESS'),
      ...['A', 'B', 'C', 'D', 'E'].flatMap((id, i) => [
        nestedRes('App', 2 + i, id, `App-${id}`, 'UPDATE_IN_PROGRESS'),
        nestedRes('App', 8 + i, id, `App-${id}`, 'UPDATE_COMPLETE')
      ]),
      ev('App', 20, 'Fn', 'UPDATE_IN_PROGRESS', { resourceType: 'AWS::Lambda::Function' })
    );
    const denied = new Set(['A', 'B', 'C', 'D', 'E'].map((id) => arn(`App-${id}`)));
    const inner = r as unknown as {
      eventsSince: TreeEvents['eventsSince'];
      eventsAfter: TreeEvents['eventsAfter'];
    };
    const since = inner.eventsSince.bind(r);
    const after = inner.eventsAfter.bind(r);
    inner.eventsSince = (s, a) =>
      denied.has(s)
        ? (r.calls.push(`since ${s}`), Promise.reject(new Error('AccessDenied')))
        : since(s, a);
    inner.eventsAfter = (s, m) =>
      denied.has(s)
        ? (r.calls.push(`after ${s}`), Promise.reject(new Error('AccessDenied')))
        : after(s, m);
    const tree = new TreeFollower(r as unknown as StackReader, T0);
    r.now = T0 + 15_000;
    await tree.poll(['App']); // all five settled by now
    r.calls.splice(0);
    for (let t = 20; t < 320; t += 30) {
      r.now = T0 + t * 1000;
      await tree.poll(['App']);
    }
    // Ten more polls while only the root's Fn is busy: expected ten root reads.
    expect(r.calls.filter((c) => c !== 'since App')).toEqual([]);
  });
});
