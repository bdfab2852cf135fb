import { ExitCode } from '../config/state.js';
import { describeUnreadable } from '../ports/registry-errors.js';
import { createDynamoClient } from '../registry/dynamodb.js';
import { describeRepair, diagnose, type Problem } from '../registry/repair.js';
import { applyRepair } from '../registry/repair-apply.js';
import { safeJson } from '../domain/display.js';
import type { Command, CommandContext } from './command.js';
import { displayText } from './stored-text.js';

// doctor: every item of the table that the action cannot read, and (--fix) its repair.

/** The old item in full, as DynamoDB keeps it (every number as written), escaped for the terminal. */
const itemText = (p: Problem): string => displayText(JSON.stringify(p.item), Infinity);

export const doctor: Command = {
  summary:
    'List every item of the table that the action cannot read (and why); with --fix, repair each after printing it in full and asking (--yes: without asking).',
  usage: '--registry-table TABLE [--fix [--yes]] [--json]',
  help: [
    'Reads the whole table (dynamodb:Scan: infra/iam-operator-policy.json). Each repair is the',
    'smallest that makes the item readable: an attribute no release reads is removed; a lock whose',
    'holding cannot be read is freed; a ticket that cannot be read leaves the queue; a queue counter',
    'is set past its tickets; history, records, index entries and freezes are deleted. Each is a',
    'conditional write that applies only while the item is exactly as printed.',
    'Exit 0 when nothing is left unreadable, 1 otherwise.'
  ].join('\n'),
  options: { fix: { type: 'boolean' }, yes: { type: 'boolean' } },
  needsTable: 'doctor reads the registry table.',
  stackNameOptional: true,
  async run(ctx: CommandContext) {
    const table = ctx.config.registryTable!;
    const client = createDynamoClient(ctx.config.region);
    const { problems, read, foreign } = await diagnose(client, table);
    const fix = Boolean(ctx.options['fix']);
    const yes = Boolean(ctx.options['yes']);
    const results: {
      problem: Problem;
      result?: 'repaired' | 'changed' | 'skipped' | 'waiting';
    }[] = [];
    const lines = [
      `Read ${read} item${read === 1 ? '' : 's'} of ${displayText(table)}: ${problems.length === 0 ? 'every item of the action reads' : `${problems.length} cannot be read`}${foreign > 0 ? ` (${foreign} not of the action, left alone)` : ''}.`
    ];
    const q = fix && !yes ? ctx.questions() : undefined;
    try {
      for (const [i, p] of problems.entries()) {
        const head = [
          `${i + 1}. ${displayText(describeUnreadable(p.unreadable), Infinity)}`,
          `   item: ${itemText(p)}`,
          `   repair: ${describeRepair(p.repair)}`
        ];
        if (!fix) {
          lines.push(...head);
          results.push({ problem: p });
          continue;
        }
        if (p.repair.kind === 'wait') {
          // Nothing to ask: its holder's release mends it, and nothing may free it under it.
          results.push({ problem: p, result: 'waiting' });
          if (!ctx.json) ctx.out(`${head.join('\n')}\n   left as it is.`);
          continue;
        }
        // Printed in full before anything is written, then asked (or not, with --yes); with
        // --json, on stderr, so that stdout stays one JSON document.
        if (!ctx.json) ctx.out(head.join('\n'));
        else if (q) ctx.err(head.join('\n'));
        const answer = q ? (await q.ask('   Apply this repair? [y/N] ')).trim() : 'y';
        if (!/^y(es)?$/i.test(answer)) {
          results.push({ problem: p, result: 'skipped' });
          if (!ctx.json) ctx.out('   skipped.');
          continue;
        }
        const applied = await applyRepair(client, table, p);
        results.push({ problem: p, result: applied ? 'repaired' : 'changed' });
        if (!ctx.json)
          ctx.out(
            applied
              ? '   repaired.'
              : '   not repaired: the item changed since it was read (run doctor again).'
          );
      }
    } finally {
      q?.close();
      client.destroy();
    }
    const left = results.filter((r) => r.result !== 'repaired').length;
    if (ctx.json)
      ctx.out(
        safeJson(
          {
            read,
            foreign,
            problems: results.map(({ problem: p, result }) => ({
              ...p.unreadable,
              item: p.item,
              repair: describeRepair(p.repair),
              ...(result ? { result } : {})
            }))
          },
          2
        )
      );
    else if (!fix) ctx.out(lines.join('\n'));
    else
      ctx.out(
        `${lines[0]} Repaired ${results.length - left}, left ${left}${left > 0 ? ' (run doctor again to see them)' : ''}.`
      );
    return left === 0 ? ExitCode.Ok : ExitCode.Failed;
  }
};
