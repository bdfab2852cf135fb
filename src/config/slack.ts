import type { Fields } from './fields.js';
import { Inputs } from './inputs.js';

export interface SlackConfig {
  readonly token: string;
  readonly channel: string;
  readonly interactChannel: string;
  readonly apiUrl: string;
}

const SLACK_CHANNEL = /^(#?[a-z0-9][a-z0-9._-]{0,79}|[CGD][A-Z0-9]{8,})$/;
const SLACK_TOKEN = /^xox[abpe]-[A-Za-z0-9-]+$/;

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * Why `apiUrl` is not where a bot token may be sent ('userinfo' for user information, which is
 * not to be echoed), or undefined: https, or plain http only to this machine (a local stand-in).
 */
export function apiUrlProblem(apiUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    return 'expected an https URL such as https://slack.com/api/';
  }
  if (url.username || url.password) return 'userinfo';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname)) return undefined;
  if (url.protocol === 'http:')
    return 'expected https (plain http only to a loopback host such as 127.0.0.1: the bot token travels with every call)';
  return 'expected an https URL such as https://slack.com/api/';
}

/** The Slack inputs: all or nothing (no token means no Slack); the token is never echoed. */
export function parseSlack(fields: Fields): SlackConfig | undefined {
  const token = fields.raw(Inputs.SlackToken);
  const channel = fields.raw(Inputs.SlackChannel);
  const interactChannel = fields.raw(Inputs.SlackInteractChannel) || channel;
  const apiUrl = fields.raw(Inputs.SlackApiUrl);

  for (const [name, value] of [
    [Inputs.SlackChannel, channel],
    [Inputs.SlackInteractChannel, fields.raw(Inputs.SlackInteractChannel)]
  ] as const) {
    if (value && !SLACK_CHANNEL.test(value))
      fields.fail(
        name,
        value,
        'expected a channel name such as #deploys or a channel ID such as C0123456789'
      );
  }
  const urlProblem = apiUrlProblem(apiUrl);
  // A URL with user information is not echoed: it may hold a password (so neither is any
  // value with an '@' that does not parse).
  if (urlProblem === 'userinfo' || (urlProblem && apiUrl.includes('@')))
    fields.problem(
      `'slack-api-url' carries a user name or password (the value is hidden): expected an https URL such as https://slack.com/api/, without user information.`
    );
  else if (urlProblem) fields.fail(Inputs.SlackApiUrl, apiUrl, urlProblem);

  if (!token) {
    // An empty token is no Slack (a secret not set for this environment, a fork's run): never
    // a reason to stop a deployment.
    if (channel || fields.raw(Inputs.SlackInteractChannel))
      fields.warn(
        `'slack-token' is empty while 'slack-channel' is set: no Slack messages for this deployment. Set the secret to post to Slack (it may be missing for this environment, or this is a fork's run).`
      );
    return undefined;
  }
  // The value is a secret: name the input, never echo the token.
  if (!SLACK_TOKEN.test(token)) {
    fields.problem(
      `'slack-token' does not look like a Slack token (the value is hidden): expected a bot token starting with xoxb-.`
    );
  }
  if (!channel)
    fields.problem(
      `'slack-channel' is required when 'slack-token' is set: a channel name such as #deploys or an ID.`
    );
  return { token, channel, interactChannel, apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` };
}
