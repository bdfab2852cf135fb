/** A question in the interact channel (see `ask`). */
import { formatDuration } from '../domain/durations.js';
import {
  fieldSections,
  finish,
  header,
  section,
  type DeploymentInfo,
  type RenderedMessage
} from './blocks.js';
import { escapeText } from './escape.js';
import { commitSection, deploymentFields } from './format.js';

export interface QuestionDetails {
  readonly question: string;
  /** How to answer, e.g. 'React ✅ to proceed or ❌ to abort, or reply `proceed` / `abort` in this thread.' */
  readonly options: string;
  readonly timeoutMs: number;
  readonly defaultAnswer: string;
}

/** For the interact channel. */
export function questionMessage(info: DeploymentInfo, q: QuestionDetails): RenderedMessage {
  const env = escapeText(info.environment);
  const timeout = formatDuration(q.timeoutMs);
  const fallback = escapeText(q.defaultAnswer);
  return finish(
    info,
    `:question: ${env}: ${escapeText(q.question)} Answer within ${timeout}; default: ${fallback}`,
    [
      header(`:question: Input needed: ${info.environment}`),
      section(`*${escapeText(q.question)}*`),
      // The product's own words, with their own mrkdwn (the answers as code).
      section(q.options),
      section(`If nobody answers within *${timeout}*, the deployment will *${fallback}*.`),
      ...fieldSections(deploymentFields(info)),
      ...commitSection(info)
    ]
  );
}
