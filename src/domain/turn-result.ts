import { ExitCode, type CoordinationResult } from '../config/state.js';

/** How a wait that did not end with the lock is reported: the step's result and the record's transition. */
export const NOT_ACQUIRED = {
  timeout: { result: 'concurrent', transition: 'timed-out' },
  cancelled: { result: 'aborted', transition: 'cancelled' },
  superseded: { result: 'superseded', transition: 'superseded' },
  frozen: { result: 'frozen', transition: 'frozen' }
} as const satisfies Record<
  string,
  { result: CoordinationResult; transition: 'timed-out' | 'cancelled' | 'superseded' | 'frozen' }
>;

/** The coordinate step's exit status: 0 go, 2 another deployment is active, 1 anything else. */
export function exitCodeOf(result: CoordinationResult): number {
  if (result === 'acquired') return ExitCode.Ok;
  if (result === 'concurrent') return ExitCode.Concurrent;
  return ExitCode.Failed;
}

/**
 * An acquisition with a fencing token is a lease in the table: someone must heartbeat it from
 * acquire to release. Fence 0 is CloudFormation's own lock (no table): nothing to keep alive.
 */
export const leased = (acquisition: { readonly fence: number }): boolean => acquisition.fence > 0;
