/**
 * Where a stack operation begins and ends (src/domain/operations.ts): by OperationId where the
 * events carry one (a failed update's automatic rollback part of it), else inferred from the
 * stack-level events; split oldest first (ownership, past operations) and read back newest first
 * (the adapter's currentOperation), the same way.
 */
import { OperationReadBack, splitOperations } from '../../src/domain/operations.js';
import { STACK_RESOURCE_TYPE, type StackEvent } from '../../src/domain/stack.js';

const STACK = 'App';
const at = (s: number): Date => new Date(Date.UTC(2026, 11, 1, 12, 0, s));

/**
 * An event from a compact line: `<second> <status> [logical ID] [#operation ID]`; without a
 * logical ID it is the stack's own. `@Edge` at the end puts it on stack Edge.
 */
function ev(line: string): StackEvent {
  const words = line.split(' ');
  const stack = words.find((w) => w.startsWith('@'))?.slice(1) ?? STACK;
  const operationId = words.find((w) => w.startsWith('#'))?.slice(1);
  const [s, status, logicalId] = words.filter((w) => !/^[@#]/.test(w));
  return {
    id: `${stack}:${line}`,
    stackName: stack,
    timestamp: at(Number(s)),
    logicalId: logicalId ?? stack,
    resourceType: logicalId ? 'AWS::Lambda::Function' : STACK_RESOURCE_TYPE,
    status: status!,
    ...(operationId ? { operationId } : {})
  };
}

/** The events with a ClientRequestToken. */
const tokened = (events: readonly StackEvent[], token: string): StackEvent[] =>
  events.map((e) => ({ ...e, clientRequestToken: token }));

/** The events, oldest first, from compact lines. */
const evs = (...lines: string[]): StackEvent[] => lines.map(ev);
const withoutIds = (events: readonly StackEvent[]): StackEvent[] =>
  events.map(({ operationId: _, ...e }) => e);

/** Each operation as `stack: start status | the lines of its events`. */
function shape(
  ops: readonly { stack: string; start?: StackEvent; events: readonly StackEvent[] }[]
) {
  const line = (e: StackEvent): string => e.id.slice(e.id.indexOf(':') + 1);
  return ops.map(
    (op) => `${op.stack}: ${op.start ? line(op.start) : '-'} | ${op.events.map(line).join(', ')}`
  );
}

/** A failed update (#u) and its automatic rollback (#r), from second 0. */
const FAILED_UPDATE = evs(
  '0 UPDATE_IN_PROGRESS #u',
  '1 UPDATE_IN_PROGRESS Api #u',
  '3 UPDATE_FAILED Api #u',
  '4 UPDATE_ROLLBACK_IN_PROGRESS #r',
  '5 UPDATE_COMPLETE Api #r',
  '6 UPDATE_ROLLBACK_COMPLETE #r'
);

/** Two updates whose events interleave in the same second (#a's last, #b's first). */
const INTERLEAVED = evs(
  '0 UPDATE_IN_PROGRESS #a',
  '5 UPDATE_COMPLETE_CLEANUP_IN_PROGRESS #a',
  '6 UPDATE_IN_PROGRESS #b',
  '6 UPDATE_COMPLETE #a',
  '6 UPDATE_IN_PROGRESS Api #b',
  '8 UPDATE_COMPLETE #b'
);

const cases: { name: string; events: StackEvent[]; expected: string[] }[] = [
  {
    name: 'without IDs, as before: an opening stack-level event starts one; a rollback is inside the update',
    events: withoutIds([...FAILED_UPDATE, ...evs('9 UPDATE_IN_PROGRESS', '10 UPDATE_COMPLETE')]),
    expected: [
      'App: 0 UPDATE_IN_PROGRESS #u | 0 UPDATE_IN_PROGRESS #u, 1 UPDATE_IN_PROGRESS Api #u, 3 UPDATE_FAILED Api #u, 4 UPDATE_ROLLBACK_IN_PROGRESS #r, 5 UPDATE_COMPLETE Api #r, 6 UPDATE_ROLLBACK_COMPLETE #r',
      'App: 9 UPDATE_IN_PROGRESS | 9 UPDATE_IN_PROGRESS, 10 UPDATE_COMPLETE'
    ]
  },
  {
    name: 'without IDs: events before the first opening one are an operation without a start',
    events: evs('0 UPDATE_COMPLETE Api', '1 UPDATE_COMPLETE', '2 UPDATE_IN_PROGRESS'),
    expected: [
      'App: - | 0 UPDATE_COMPLETE Api, 1 UPDATE_COMPLETE',
      'App: 2 UPDATE_IN_PROGRESS | 2 UPDATE_IN_PROGRESS'
    ]
  },
  {
    name: 'by ID: a failed update and its automatic rollback (an ID of its own) are one operation',
    events: FAILED_UPDATE,
    expected: [
      'App: 0 UPDATE_IN_PROGRESS #u | 0 UPDATE_IN_PROGRESS #u, 1 UPDATE_IN_PROGRESS Api #u, 3 UPDATE_FAILED Api #u, 4 UPDATE_ROLLBACK_IN_PROGRESS #r, 5 UPDATE_COMPLETE Api #r, 6 UPDATE_ROLLBACK_COMPLETE #r'
    ]
  },
  {
    name: "by ID: a failed create's automatic rollback (ROLLBACK_IN_PROGRESS) too",
    events: evs(
      '0 CREATE_IN_PROGRESS #c',
      '1 CREATE_FAILED Api #c',
      '2 ROLLBACK_IN_PROGRESS #r',
      '3 ROLLBACK_COMPLETE #r'
    ),
    expected: [
      'App: 0 CREATE_IN_PROGRESS #c | 0 CREATE_IN_PROGRESS #c, 1 CREATE_FAILED Api #c, 2 ROLLBACK_IN_PROGRESS #r, 3 ROLLBACK_COMPLETE #r'
    ]
  },
  {
    name: 'by ID: two operations whose events interleave in the same second stay apart',
    events: INTERLEAVED,
    expected: [
      'App: 0 UPDATE_IN_PROGRESS #a | 0 UPDATE_IN_PROGRESS #a, 5 UPDATE_COMPLETE_CLEANUP_IN_PROGRESS #a, 6 UPDATE_COMPLETE #a',
      'App: 6 UPDATE_IN_PROGRESS #b | 6 UPDATE_IN_PROGRESS #b, 6 UPDATE_IN_PROGRESS Api #b, 8 UPDATE_COMPLETE #b'
    ]
  },
  {
    name: "by ID: an operation's resource event before its stack-level start (same second) is still its own, and the start is the stack-level event",
    events: evs(
      '0 UPDATE_IN_PROGRESS #a',
      '6 UPDATE_COMPLETE #a',
      '6 UPDATE_IN_PROGRESS Api #b',
      '6 UPDATE_IN_PROGRESS #b'
    ),
    expected: [
      'App: 0 UPDATE_IN_PROGRESS #a | 0 UPDATE_IN_PROGRESS #a, 6 UPDATE_COMPLETE #a',
      'App: 6 UPDATE_IN_PROGRESS #b | 6 UPDATE_IN_PROGRESS Api #b, 6 UPDATE_IN_PROGRESS #b'
    ]
  },
  {
    name: "by ID: an automatic rollback's resource event before its stack-level start is merged with it",
    events: evs(
      '0 UPDATE_IN_PROGRESS #u',
      '3 UPDATE_FAILED Api #u',
      '4 UPDATE_IN_PROGRESS Api #r',
      '4 UPDATE_ROLLBACK_IN_PROGRESS #r',
      '6 UPDATE_ROLLBACK_COMPLETE #r'
    ),
    expected: [
      'App: 0 UPDATE_IN_PROGRESS #u | 0 UPDATE_IN_PROGRESS #u, 3 UPDATE_FAILED Api #u, 4 UPDATE_IN_PROGRESS Api #r, 4 UPDATE_ROLLBACK_IN_PROGRESS #r, 6 UPDATE_ROLLBACK_COMPLETE #r'
    ]
  },
  {
    name: 'by ID: a rollback someone asked for (RollbackStack after a failed update with rollback disabled) is an operation of its own',
    events: evs(
      '0 UPDATE_IN_PROGRESS #u',
      '3 UPDATE_FAILED Api #u',
      '4 UPDATE_FAILED #u',
      '9 UPDATE_ROLLBACK_IN_PROGRESS #k',
      '11 UPDATE_ROLLBACK_COMPLETE #k'
    ),
    expected: [
      'App: 0 UPDATE_IN_PROGRESS #u | 0 UPDATE_IN_PROGRESS #u, 3 UPDATE_FAILED Api #u, 4 UPDATE_FAILED #u',
      'App: 9 UPDATE_ROLLBACK_IN_PROGRESS #k | 9 UPDATE_ROLLBACK_IN_PROGRESS #k, 11 UPDATE_ROLLBACK_COMPLETE #k'
    ]
  },
  {
    name: "by ID: a rollback with another ClientRequestToken than the update it ends (the console's CancelUpdateStack) is an operation of its own; with the update's token (or none), the update's own",
    events: [
      ...tokened(evs('0 UPDATE_IN_PROGRESS #u', '1 UPDATE_IN_PROGRESS Api #u'), 'exec-1'),
      ...tokened(
        evs('2 UPDATE_ROLLBACK_IN_PROGRESS #c', '3 UPDATE_ROLLBACK_COMPLETE #c'),
        'Console-CancelUpdateStack-1'
      ),
      ...tokened(evs('5 UPDATE_IN_PROGRESS #v', '6 UPDATE_IN_PROGRESS Api #v'), 'exec-2'),
      ...tokened(
        evs(
          '7 UPDATE_FAILED Api #v',
          '8 UPDATE_ROLLBACK_IN_PROGRESS #w',
          '9 UPDATE_ROLLBACK_COMPLETE #w'
        ),
        'exec-2'
      )
    ],
    expected: [
      'App: 0 UPDATE_IN_PROGRESS #u | 0 UPDATE_IN_PROGRESS #u, 1 UPDATE_IN_PROGRESS Api #u',
      'App: 2 UPDATE_ROLLBACK_IN_PROGRESS #c | 2 UPDATE_ROLLBACK_IN_PROGRESS #c, 3 UPDATE_ROLLBACK_COMPLETE #c',
      'App: 5 UPDATE_IN_PROGRESS #v | 5 UPDATE_IN_PROGRESS #v, 6 UPDATE_IN_PROGRESS Api #v, 7 UPDATE_FAILED Api #v, 8 UPDATE_ROLLBACK_IN_PROGRESS #w, 9 UPDATE_ROLLBACK_COMPLETE #w'
    ]
  },
  {
    name: 'by ID: so is a ContinueUpdateRollback after a rollback that failed',
    events: [
      ...FAILED_UPDATE.slice(0, 4),
      ...evs('6 UPDATE_ROLLBACK_FAILED #r', '9 UPDATE_ROLLBACK_IN_PROGRESS #k')
    ],
    expected: [
      'App: 0 UPDATE_IN_PROGRESS #u | 0 UPDATE_IN_PROGRESS #u, 1 UPDATE_IN_PROGRESS Api #u, 3 UPDATE_FAILED Api #u, 4 UPDATE_ROLLBACK_IN_PROGRESS #r, 6 UPDATE_ROLLBACK_FAILED #r',
      'App: 9 UPDATE_ROLLBACK_IN_PROGRESS #k | 9 UPDATE_ROLLBACK_IN_PROGRESS #k'
    ]
  },
  {
    name: 'by ID: a rollback with no operation before it among the events starts one',
    events: FAILED_UPDATE.slice(3),
    expected: [
      'App: 4 UPDATE_ROLLBACK_IN_PROGRESS #r | 4 UPDATE_ROLLBACK_IN_PROGRESS #r, 5 UPDATE_COMPLETE Api #r, 6 UPDATE_ROLLBACK_COMPLETE #r'
    ]
  },
  {
    name: 'by ID: an operation whose start is older than the events has none',
    events: evs('5 UPDATE_COMPLETE Api #a', '6 UPDATE_COMPLETE_CLEANUP_IN_PROGRESS #a'),
    expected: ['App: - | 5 UPDATE_COMPLETE Api #a, 6 UPDATE_COMPLETE_CLEANUP_IN_PROGRESS #a']
  },
  {
    name: "by ID, per stack: a rollback on one stack is never merged into another stack's update",
    events: evs(
      '0 UPDATE_IN_PROGRESS #a',
      '1 UPDATE_ROLLBACK_IN_PROGRESS #r @Edge',
      '2 UPDATE_COMPLETE #a',
      '3 UPDATE_ROLLBACK_COMPLETE #r @Edge'
    ),
    expected: [
      'App: 0 UPDATE_IN_PROGRESS #a | 0 UPDATE_IN_PROGRESS #a, 2 UPDATE_COMPLETE #a',
      'Edge: 1 UPDATE_ROLLBACK_IN_PROGRESS #r @Edge | 1 UPDATE_ROLLBACK_IN_PROGRESS #r @Edge, 3 UPDATE_ROLLBACK_COMPLETE #r @Edge'
    ]
  },
  {
    name: "mixed: events without an ID before IDs are inferred; one without an ID after an operation with one is that operation's",
    events: evs(
      '0 UPDATE_IN_PROGRESS',
      '1 UPDATE_COMPLETE',
      '2 UPDATE_IN_PROGRESS #a',
      '3 UPDATE_COMPLETE Api',
      '4 UPDATE_COMPLETE #a',
      '5 UPDATE_IN_PROGRESS',
      '6 UPDATE_COMPLETE'
    ),
    expected: [
      'App: 0 UPDATE_IN_PROGRESS | 0 UPDATE_IN_PROGRESS, 1 UPDATE_COMPLETE',
      'App: 2 UPDATE_IN_PROGRESS #a | 2 UPDATE_IN_PROGRESS #a, 3 UPDATE_COMPLETE Api, 4 UPDATE_COMPLETE #a',
      'App: 5 UPDATE_IN_PROGRESS | 5 UPDATE_IN_PROGRESS, 6 UPDATE_COMPLETE'
    ]
  }
];

describe('splitOperations', () => {
  it.each(cases)('$name', ({ events, expected }) => {
    expect(shape(splitOperations(events))).toEqual(expected);
  });

  it('the same second without IDs: the inference takes the first operation’s last event for the second’s', () => {
    // Why IDs: the interleaved case above, read without them.
    const events = withoutIds(INTERLEAVED);
    expect(shape(splitOperations(events))).toEqual([
      'App: 0 UPDATE_IN_PROGRESS #a | 0 UPDATE_IN_PROGRESS #a, 5 UPDATE_COMPLETE_CLEANUP_IN_PROGRESS #a',
      'App: 6 UPDATE_IN_PROGRESS #b | 6 UPDATE_IN_PROGRESS #b, 6 UPDATE_COMPLETE #a, 6 UPDATE_IN_PROGRESS Api #b, 8 UPDATE_COMPLETE #b'
    ]);
  });
});

describe('OperationReadBack (newest first, as currentOperation reads)', () => {
  /** Feeds the events newest first until it says stop; what it read, and how many it took. */
  function readBack(events: readonly StackEvent[]) {
    const back = new OperationReadBack();
    let read = 0;
    for (const e of [...events].reverse()) {
      read++;
      if (back.add(e)) break;
    }
    return { op: back.operation(), read };
  }
  const one = (op: { start?: StackEvent; events: readonly StackEvent[] }): string =>
    shape([{ stack: STACK, ...op }])[0]!;

  it.each([
    ['without IDs', withoutIds(FAILED_UPDATE)],
    ['by ID, an automatic rollback with its update', FAILED_UPDATE]
  ])('%s: back to the update that began it, and no further', (name, events) => {
    const older = evs('-9 UPDATE_IN_PROGRESS #o', '-8 UPDATE_COMPLETE #o');
    const { op, read } = readBack([...older, ...events]);
    expect(op.start).toBe(events[0]);
    expect(op.events).toEqual(events);
    // By ID, one event more: the first older than the start's second ends the read.
    expect(read).toBe(events.length + (name === 'without IDs' ? 0 : 1));
  });

  it('by ID: the newest operation alone, where its events interleave with the one before it', () => {
    const { op } = readBack(INTERLEAVED);
    expect(one(op)).toBe(
      'App: 6 UPDATE_IN_PROGRESS #b | 6 UPDATE_IN_PROGRESS #b, 6 UPDATE_IN_PROGRESS Api #b, 8 UPDATE_COMPLETE #b'
    );
  });

  it('by ID: a rollback someone asked for is its own; the read stops at the end of the update before it', () => {
    const events = evs(
      '0 UPDATE_IN_PROGRESS #u',
      '3 UPDATE_FAILED Api #u',
      '4 UPDATE_FAILED #u',
      '9 UPDATE_ROLLBACK_IN_PROGRESS #k',
      '10 UPDATE_COMPLETE Api #k'
    );
    const { op, read } = readBack(events);
    expect(one(op)).toBe(
      'App: 9 UPDATE_ROLLBACK_IN_PROGRESS #k | 9 UPDATE_ROLLBACK_IN_PROGRESS #k, 10 UPDATE_COMPLETE Api #k'
    );
    expect(read).toBe(3);
  });

  it('by ID: read to the end without its start, the events of its ID and no start', () => {
    const { op } = readBack(
      evs('1 UPDATE_COMPLETE #o', '5 UPDATE_IN_PROGRESS Api #a', '6 UPDATE_COMPLETE Api #a')
    );
    expect(one(op)).toBe('App: - | 5 UPDATE_IN_PROGRESS Api #a, 6 UPDATE_COMPLETE Api #a');
  });

  it('by ID: a rollback at the oldest event read is its own start; with events of an unfinished operation before it, part of that one', () => {
    expect(one(readBack(FAILED_UPDATE.slice(3)).op)).toBe(
      'App: 4 UPDATE_ROLLBACK_IN_PROGRESS #r | 4 UPDATE_ROLLBACK_IN_PROGRESS #r, 5 UPDATE_COMPLETE Api #r, 6 UPDATE_ROLLBACK_COMPLETE #r'
    );
    expect(one(readBack(FAILED_UPDATE.slice(2)).op)).toBe(
      'App: - | 3 UPDATE_FAILED Api #u, 4 UPDATE_ROLLBACK_IN_PROGRESS #r, 5 UPDATE_COMPLETE Api #r, 6 UPDATE_ROLLBACK_COMPLETE #r'
    );
  });

  it('by ID: the newest operation even when the newest event listed is the one before it (the same second)', () => {
    const events = evs(
      '0 UPDATE_IN_PROGRESS #a',
      '5 UPDATE_COMPLETE_CLEANUP_IN_PROGRESS #a',
      '6 UPDATE_IN_PROGRESS #b',
      '6 UPDATE_COMPLETE #a'
    );
    expect(one(readBack(events).op)).toBe('App: 6 UPDATE_IN_PROGRESS #b | 6 UPDATE_IN_PROGRESS #b');
  });

  it("reads the stack's latest operation as splitOperations splits it, in every case above", () => {
    const compared = cases.filter(({ events }) => events.every((e) => e.stackName === STACK));
    expect(compared.length).toBeGreaterThanOrEqual(10);
    for (const { events } of compared) {
      const latest = splitOperations(events).at(-1)!;
      const { op } = readBack(events);
      expect([op.start, op.events]).toEqual([latest.start, latest.events]);
    }
  });
});
