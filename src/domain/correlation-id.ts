import { randomBytes } from 'node:crypto';

/** `YYYYMMDD-HHMMSS-<8 hex>`, UTC, the random part from a cryptographic source. */
export function newCorrelationId(
  now: Date = new Date(),
  random: (n: number) => Buffer = randomBytes
): string {
  const iso = now.toISOString(); // 2026-11-22T18:28:25.123Z
  const date = iso.slice(0, 10).replaceAll('-', '');
  const time = iso.slice(11, 19).replaceAll(':', '');
  return `${date}-${time}-${random(4).toString('hex')}`;
}

export const GENERATED_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{8}$/;

/** IDs users bring: they become tag values, registry keys and Slack text, so keep them plain. */
export const CORRELATION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{7,63}$/;

export const isValidCorrelationId = (id: string): boolean => CORRELATION_ID_PATTERN.test(id);
