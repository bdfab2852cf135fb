import * as core from '@actions/core';

export interface AnnotationProps {
  readonly title?: string;
}

/** Every line carries the deployment's correlation ID. */
export interface Logger {
  readonly correlationId: string;
  info(message: string): void;
  debug(message: string): void;
  notice(message: string, props?: AnnotationProps): void;
  warning(message: string, props?: AnnotationProps): void;
  error(message: string, props?: AnnotationProps): void;
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

/** Where lines go: @actions/core in the stages; tests and the CLI may pass their own. */
export interface LogSink {
  info(message: string): void;
  debug(message: string): void;
  notice(message: string, props?: AnnotationProps): void;
  warning(message: string, props?: AnnotationProps): void;
  error(message: string, props?: AnnotationProps): void;
  startGroup(title: string): void;
  endGroup(): void;
}

export const coreSink: LogSink = core;

export function createLogger(correlationId: string, sink: LogSink = coreSink): Logger {
  const tag = (message: string): string =>
    message
      .split('\n')
      .map((line) => `[${correlationId}] ${line}`)
      .join('\n');
  return {
    correlationId,
    info: (m) => sink.info(tag(m)),
    debug: (m) => sink.debug(tag(m)),
    notice: (m, p) => sink.notice(tag(m), p),
    warning: (m, p) => sink.warning(tag(m), p),
    error: (m, p) => sink.error(tag(m), p),
    async group(title, fn) {
      sink.startGroup(tag(title));
      try {
        return await fn();
      } finally {
        sink.endGroup();
      }
    }
  };
}
