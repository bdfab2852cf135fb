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
  let url: URL | undefined;
  try {
    url = new URL(apiUrl);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    fields.fail(
      Inputs.SlackApiUrl,
      apiUrl,
      'expected an http(s) URL such as https://slack.com/api/'
    );
  }

  if (!token) {
    if (channel)
      fields.problem(
        `'slack-channel' is set but 'slack-token' is empty: set both to post to Slack, or neither.`
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
