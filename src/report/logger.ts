import type { AnnotationProps, Logger } from '../ports/runtime.js';

/** Where lines go: @actions/core in the stages (runtime/stage.ts), stderr in the CLI, a test's own. */
export interface LogSink {
  info(message: string): void;
  debug(message: string): void;
  warning(message: string, props?: AnnotationProps): void;
  error(message: string, props?: AnnotationProps): void;
}

/** Every line tagged with the correlation ID (each line of a message: the runner reads lines). */
export function createLogger(correlationId: string, sink: LogSink): Logger {
  const tag = (message: string): string =>
    message
      .split('\n')
      .map((line) => `[${correlationId}] ${line}`)
      .join('\n');
  return {
    correlationId,
    info: (m) => sink.info(tag(m)),
    debug: (m) => sink.debug(tag(m)),
    warning: (m, p) => sink.warning(tag(m), p),
    error: (m, p) => sink.error(tag(m), p)
  };
}
