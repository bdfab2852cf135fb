/**
 * The Slack messages of one deployment, as pure data: each renderer returns
 * the plain-text fallback (`text`, used for notifications and by clients
 * without blocks) and Block Kit `blocks` (types from `@slack/types`).
 *
 * One deployment is one thread: `startedMessage` is the parent (posted once,
 * then re-rendered with a new state for `chat.update`); progress, stall,
 * overdue, failure, foreign-operation and monitoring-gap alerts are replies; `succeededMessage` /
 * `failedMessage` are the final reply, broadcast to the channel by the sender.
 * `queuedMessage` is posted for a run that waits, `notDeployingMessage` for one
 * that does not or gives up, `questionMessage` in the interact channel.
 *
 * Every message carries the correlation ID in `text` and in `blocks`. All
 * outside text goes through `escapeText` (or `link`/`code`), and every text is
 * cut to Slack's limits.
 *
 * This module is the one to import from; the renderers live by family in
 * start-messages.ts, alert-messages.ts, outcome-messages.ts and
 * question-message.ts, their pieces in blocks.ts and format.ts.
 */
export type { DeploymentEstimate } from '../domain/expectation.js';
export type { DeploymentInfo, MessageBlock, RenderedMessage } from './blocks.js';
export {
  notDeployingMessage,
  queuedMessage,
  startedMessage,
  type DeploymentState,
  type NotDeployingDetails,
  type NotDeployingReason,
  type QueuedDetails,
  type StartedDetails
} from './start-messages.js';
export {
  MAX_EVENTS_SHOWN,
  MAX_STACKS_SHOWN,
  failureAlertMessage,
  foreignOperationMessage,
  lockLostMessage,
  monitorEndedMessage,
  monitoringGapMessage,
  overdueMessage,
  progressMessage,
  stallMessage,
  stallResolvedMessage,
  type FailureAlertDetails,
  type ForeignOperationDetails,
  type LockLostDetails,
  type MonitoringGapDetails,
  type OverdueDetails,
  type ProgressDetails,
  type StallDetails,
  type StallResolvedDetails
} from './alert-messages.js';
export {
  MAX_TROUBLESHOOTING_SHOWN,
  failedMessage,
  succeededMessage,
  type FailedDetails,
  type SucceededDetails
} from './outcome-messages.js';
export { questionMessage, type QuestionDetails } from './question-message.js';
export { freezeOverrideMessage, type FreezeDetails } from './freeze-messages.js';
