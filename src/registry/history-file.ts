import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { HistoryEntry, HistoryStore } from '../ports/registry.js';
import { processEnv, type Env } from '../runtime/env.js';

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

export function readHistoryFile(file: string): HistoryEntry[] {
  if (!existsSync(file)) return [];
  try {
    const entries = JSON.parse(readFileSync(file, 'utf8')) as HistoryEntry[];
    return Array.isArray(entries) ? entries : [];
  } catch {
    return [];
  }
}

export function appendHistoryFile(file: string, entry: HistoryEntry): void {
  const entries = [
    entry,
    ...readHistoryFile(file).filter((e) => e.correlationId !== entry.correlationId)
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
  async recent(_environment: string, limit: number): Promise<HistoryEntry[]> {
    return readHistoryFile(this.file).slice(0, limit);
  }
  save(): Promise<void> {
    return this.persist();
  }
}
