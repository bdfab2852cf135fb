import type { Finding } from '../domain/findings.js';
import type { Logger } from '../ports/runtime.js';

const SEVERITY_TITLE = { blocking: 'Blocking', warning: 'Warning', info: 'Info' } as const;

/**
 * Each finding once in the log; blocking ones as error annotations, warnings as
 * warning annotations. `annotate: false` logs them only (a busy stack we are about to wait for).
 */
export function reportFindings(log: Logger, findings: readonly Finding[], annotate = true): void {
  for (const f of findings) {
    const text = `${f.code}: ${f.message}${f.resolution.length ? `\n  Resolution:\n${f.resolution.map((r) => `    - ${r}`).join('\n')}` : ''}`;
    const title = `${SEVERITY_TITLE[f.severity]}: ${f.code}`;
    if (!annotate) log.info(text);
    else if (f.severity === 'blocking') log.error(text, { title });
    else if (f.severity === 'warning') log.warning(text, { title });
    else log.info(text);
  }
}
