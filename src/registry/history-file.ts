import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { HistoryEntry, HistoryStore, Items } from '../ports/registry.js';
import { processEnv, type Env } from '../runtime/env.js';
import { sorted } from './schema.js';
import { decodeHistory } from './schema-records.js';

/** How many deployments the history file keeps (newest first). */
const KEEP = 50;

/** Without a registry table, history lives in a file that the Actions cache carries from run to run. */
export function historyFile(environment: string, env: Env = processEnv): string {
  return join(
    env['RUNNER_TEMP'] || tmpdir(),
    'deploy-coordinator-history',
    `${environment.replace(/[^A-Za-z0-9._-]/g, '_')}.json`
  );
}

/** The file's entries, each decoded as the table's are (the cache brings back whatever was saved). */
export function readHistoryFile(file: string): Items<HistoryEntry> {
  if (!existsSync(file)) return { items: [], unreadable: [] };
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    entries = undefined;
  }
  if (!Array.isArray(entries))
    return {
      items: [],
      unreadable: [
        {
          pk: file,
          sk: '',
          attribute: '',
          expected: 'a JSON list of deployments',
          found: 'something else'
        }
      ]
    };
  return sorted(entries.map((e, i) => decodeHistory(e, { pk: file, sk: `[${i}]` })));
}

export function appendHistoryFile(file: string, entry: HistoryEntry): void {
  const entries = [
    entry,
    ...readHistoryFile(file).items.filter((e) => e.correlationId !== entry.correlationId)
  ]
    .sort((a, b) => b.endedAt.localeCompare(a.endedAt))
    .slice(0, KEEP);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(entries, null, 2));
}

/** The history in a file; `persist` keeps it for later runs (the Actions cache). */
export class HistoryFile implements HistoryStore {
  constructor(
    private readonly file: string,
    private readonly persist: () => Promise<void> = async () => undefined
  ) {}
  async add(entry: HistoryEntry): Promise<void> {
    appendHistoryFile(this.file, entry);
  }
  async recent(_environment: string, limit: number): Promise<Items<HistoryEntry>> {
    const { items, unreadable } = readHistoryFile(this.file);
    return { items: items.slice(0, limit), unreadable };
  }
  save(): Promise<void> {
    return this.persist();
  }
}
