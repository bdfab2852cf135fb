/** The workflow run a process belongs to (read from the runner's environment by the runtime). */
export interface RunContext {
  readonly runId?: string;
  readonly runAttempt?: string;
  readonly runUrl?: string;
  readonly repository?: string;
  readonly workflow?: string;
  readonly job?: string;
  readonly actor?: string;
  readonly sha?: string;
  readonly ref?: string;
}

export interface RunRef {
  readonly repository?: string;
  readonly runId?: string;
  readonly runAttempt?: string;
}

/** Whether a workflow run has finished (GitHub API); undefined when it cannot tell. */
export interface RunLiveness {
  runFinished(run: RunRef): Promise<boolean | undefined>;
}
