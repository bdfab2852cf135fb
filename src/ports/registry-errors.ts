import type { Unreadable } from './registry.js';

/** How the registry fails: a call that got no usable answer, or an item that cannot be read. */

/**
 * Why a registry call failed:
 * - `configuration`: the table is missing, access is denied, the key schema is not pk/sk, or the
 *   credentials are refused: retrying will not help, and on arrival it stops the run;
 * - `throttled`: the table answered, but not now: retried, never a reason to fall back;
 * - `unreachable`: no answer (connection refused or reset, timeout, 5xx): retried, and a waiter
 *   falls back only once it has lasted longer than a lease.
 */
export type RegistryFailure = 'configuration' | 'throttled' | 'unreachable';

const CONFIGURATION_ERRORS = new Set([
  'ResourceNotFoundException',
  'AccessDeniedException',
  'ValidationException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'MissingAuthenticationTokenException',
  'ExpiredTokenException',
  'CredentialsProviderError'
]);
const THROTTLING_ERRORS = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException'
]);

export function classifyRegistryError(err: unknown): RegistryFailure {
  const name = (err as { name?: string })?.name ?? '';
  if (CONFIGURATION_ERRORS.has(name)) return 'configuration';
  if (THROTTLING_ERRORS.has(name)) return 'throttled';
  return 'unreachable';
}

/** A registry call failed after the SDK's own retries; `failure` says what kind of trouble it is. */
export class RegistryUnavailableError extends Error {
  readonly failure: RegistryFailure;
  constructor(
    readonly operation: string,
    override readonly cause: unknown
  ) {
    const e = cause as { name?: string; message?: string };
    super(`registry ${operation} failed: ${e?.name ?? 'Error'}: ${e?.message ?? String(cause)}`);
    this.name = 'RegistryUnavailableError';
    this.failure = classifyRegistryError(cause);
  }
}

/** The command that lists and repairs unreadable items (the table's name is the caller's to add). */
export const REPAIR_COMMAND = 'deploy-coordinator doctor --fix';

/** An unreadable item, in one line: `ENV#production / LOCK: heartbeatNs is ..., expected ...`. */
export const describeUnreadable = (u: Unreadable): string =>
  `${u.pk} / ${u.sk}: ${u.attribute || 'the item'} is ${u.found}, expected ${u.expected}`;

/** Whether an unreadable item could concern `environment` (its own, all of them, or nobody knows). */
export const concerns = (u: Unreadable, environment: string): boolean =>
  u.scope === undefined || u.scope === '*' || u.scope === environment;

/** A registry read met an item it cannot decode where the caller cannot do without it. */
export class RegistryCorruptError extends Error {
  constructor(readonly item: Unreadable) {
    super(`unreadable registry item ${describeUnreadable(item)}`);
    this.name = 'RegistryCorruptError';
  }
}
