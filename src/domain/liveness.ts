/**
 * Judges liveness by watching a heartbeat value change, on the observer's own
 * clock (as amazon-dynamodb-lock-client does): immune to clock skew between
 * runners, since no one else's timestamps are compared.
 */
export class LivenessTracker {
  private readonly seen = new Map<string, { value: string; since: number }>();

  /** Records the value seen now; returns how long (ms) it has stayed the same. */
  observe(key: string, value: string, now: number): number {
    const last = this.seen.get(key);
    if (!last || last.value !== value) {
      this.seen.set(key, { value, since: now });
      return 0;
    }
    return now - last.since;
  }

  isDead(key: string, value: string, leaseMs: number, now: number): boolean {
    return this.observe(key, value, now) >= leaseMs;
  }
}
