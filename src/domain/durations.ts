/** Human durations for logs and messages: `45s`, `4m 05s`, `1h 02m`. */
export function formatDuration(ms: number): string {
  // Sub-second intervals (tests, tight polling) would otherwise read '0s'.
  if (ms > 0 && ms < 1000) return `${Math.round(ms)}ms`;
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

export const minutes = (n: number): number => n * 60_000;
export const seconds = (n: number): number => n * 1000;
