export interface Clock {
  now(): number;
}

/** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The runner's side of a stage: outputs, state, exit status, job summary. */
export interface ActionIO {
  setOutput(name: string, value: string): void;
  saveState(name: string, value: string): void;
  getState(name: string): string;
  setExitCode(code: number): void;
  appendSummary(markdown: string): Promise<void>;
}

export interface AnnotationProps {
  readonly title?: string;
}

/** Every line carries the deployment's correlation ID. */
export interface Logger {
  readonly correlationId: string;
  info(message: string): void;
  debug(message: string): void;
  warning(message: string, props?: AnnotationProps): void;
  error(message: string, props?: AnnotationProps): void;
}
