import { readFileSync } from 'node:fs';
import type { SlackMessage } from './slack.js';

/** What the notifier could not deliver, kept in a spool file for finalize to retry. */

/** One message that could not be delivered after the client's retries. */
export interface SpoolEntry {
  readonly op: 'post' | 'update';
  readonly label: string;
  readonly channel: string;
  readonly message: SlackMessage;
  readonly threadTs?: string;
  readonly broadcast?: boolean;
  readonly ts?: string;
  readonly error: string;
  readonly at: string;
}

export function readSpool(file: string): SpoolEntry[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as SpoolEntry];
      } catch {
        return [];
      }
    });
}
