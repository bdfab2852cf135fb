/**
 * Events of a tree of nested stacks from compact calls, and a StackReader over them that reveals
 * them as its clock advances: for the tests of following a tree (stack-tree, tree-cases).
 */
import type { StackEvent } from '../../src/domain/stack.js';
import type { StackReader } from '../../src/ports/cloudformation.js';

export const T0 = Date.parse('2026-12-07T10:00:00Z');
export const STACK = 'AWS::CloudFormation::Stack';
export const arn = (name: string): string =>
  `arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/0000`;
let seq = 0;

/** An event `atS` seconds after T0 (an SNS topic unless `extra` says otherwise). */
export function ev(
  stackName: string,
  atS: number,
  logicalId: string,
  status: string,
  extra: Partial<StackEvent> = {}
): StackEvent {
  return {
    id: `${stackName}-${logicalId}-${status}-${++seq}`,
    stackName,
    timestamp: new Date(T0 + atS * 1000),
    logicalId,
    resourceType: 'AWS::SNS::Topic',
    status,
    ...extra
  };
}

/** A stack's own (stack-level) event. */
export const stackEv = (
  stack: string,
  atS: number,
  status: string,
  extra: Partial<StackEvent> = {}
): StackEvent => ev(stack, atS, stack, status, { resourceType: STACK, ...extra });

/** A nested stack resource's event in `parent`, its physical ID the ARN of `child`. */
export const nestedRes = (
  parent: string,
  atS: number,
  id: string,
  child: string,
  status: string,
  extra: Partial<StackEvent> = {}
): StackEvent =>
  ev(parent, atS, id, status, { resourceType: STACK, physicalId: arn(child), ...extra });

/** A reader over per-stack event lists (by name or ARN), revealed as `now` advances. */
export class TreeEvents {
  readonly calls: string[] = [];
  readonly stacks = new Map<string, StackEvent[]>();
  now = T0;
  /** Every read of this stack fails. */
  failOn?: string;
  /** The next read of each of these fails, once. */
  readonly failOnce = new Set<string>();

  add(stack: string, ...events: StackEvent[]): void {
    for (const key of [stack, arn(stack)])
      this.stacks.set(key, [...(this.stacks.get(key) ?? []), ...events]);
  }
  private visible(stack: string): StackEvent[] {
    if (this.failOn === stack || this.failOnce.delete(stack))
      throw new Error(`throttled: ${stack}`);
    return (this.stacks.get(stack) ?? []).filter((e) => e.timestamp.getTime() <= this.now);
  }
  eventsSince(stack: string, after?: string): Promise<StackEvent[]> {
    this.calls.push(`since ${stack}`);
    const all = this.visible(stack);
    const i = after === undefined ? -1 : all.findIndex((e) => e.id === after);
    return Promise.resolve(all.slice(i + 1));
  }
  eventsAfter(stack: string, sinceMs: number): Promise<StackEvent[]> {
    this.calls.push(`after ${stack}`);
    return Promise.resolve(this.visible(stack).filter((e) => e.timestamp.getTime() >= sinceMs));
  }
  currentOperation(stack: string): Promise<{ start?: StackEvent; events: StackEvent[] }> {
    const all = this.visible(stack);
    const i = all
      .map((e) => e.logicalId === stack && /_IN_PROGRESS$/.test(e.status))
      .lastIndexOf(true);
    return Promise.resolve({ start: all[i], events: all.slice(Math.max(0, i)) });
  }
  consoleUrl(): string {
    return 'https://console';
  }
  /** As the port the code under test takes (the calls it makes are those above). */
  get reader(): StackReader {
    return this as unknown as StackReader;
  }
}
