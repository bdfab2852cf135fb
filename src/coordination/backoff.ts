/**
 * Exponential backoff with jitter: between half and all of min(cap, base * 2^attempt), so
 * retries spread out without ever hammering the service with near-zero delays.
 */
export function backoffMs(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.max(1, Math.floor(ceiling / 2 + (random() * ceiling) / 2));
}
