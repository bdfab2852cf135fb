/**
 * The questions a person answered in Slack (`ask`), kept by coordinate for the record's
 * transitions and finalize's summary: in state, and in the deployment's folder for a finalize
 * that runs as a separate step.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { State } from '../config/state.js';
import { monitorDir, monitorFiles } from '../monitor/files.js';
import { decodeUser, untrusted, type SlackUser } from '../notify/answers.js';
import type { ActionIO, Logger } from '../ports/runtime.js';

export interface Answered {
  readonly question: string;
  readonly answer: 'proceed' | 'abort';
  /** Who answered; none for an answer nobody gave (a timeout). */
  readonly by?: SlackUser;
  readonly at: string;
}

/** Adds an answer to those kept (state and folder); the folder is best effort. */
export function keepAnswered(io: ActionIO, log: Logger, answered: Answered): void {
  const all = JSON.stringify([...answeredOf(io, log.correlationId), answered]);
  io.saveState(State.Answered, all);
  try {
    const file = monitorFiles(monitorDir(log.correlationId)).answered;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, all, { mode: 0o600 });
  } catch (err) {
    log.info(`Could not keep the answer for a separate finalize step: ${(err as Error).message}`);
  }
}

/** The answers kept by coordinate (state, else the deployment's folder), decoded. */
export function answeredOf(io: ActionIO, correlationId: string, dir?: string): Answered[] {
  let raw = io.getState(State.Answered);
  if (!raw) {
    const file = monitorFiles(dir ?? monitorDir(correlationId)).answered;
    raw = existsSync(file) ? readFileSync(file, 'utf8') : '';
  }
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.flatMap(decodeAnswered) : [];
  } catch {
    return [];
  }
}

function decodeAnswered(value: unknown): Answered[] {
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const question = untrusted(o['question'], 500);
  const answer = o['answer'];
  const at = untrusted(o['at'], 40);
  if (!question || !at || (answer !== 'proceed' && answer !== 'abort')) return [];
  const b = (typeof o['by'] === 'object' && o['by'] !== null ? o['by'] : {}) as Record<
    string,
    unknown
  >;
  const by = decodeUser(b['id'], { name: b['name'] });
  return [{ question, answer, at, ...(by ? { by } : {}) }];
}

/** Who gave the latest answer, for the transition that follows it. */
export const answeredBy = (answered: readonly Answered[]): SlackUser | undefined =>
  answered.at(-1)?.by;
