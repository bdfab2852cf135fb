import {
  CloudWatchLogsClient,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  ResourceAlreadyExistsException
} from '@aws-sdk/client-cloudwatch-logs';
import type { LogEvent } from '../logs/events.js';
import type { LogsPort } from '../logs/shipper.js';

/**
 * CloudWatch Logs through the SDK (its endpoint from AWS_ENDPOINT_URL_CLOUDWATCH_LOGS where set,
 * as for every AWS client): short timeouts and one retry, since a deployment never waits on its log.
 */
export function cloudWatchLogs(region: string): LogsPort {
  const client = new CloudWatchLogsClient({
    region,
    maxAttempts: 2,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000 }
  });
  return {
    async createStream(group, stream) {
      try {
        await client.send(
          new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream })
        );
      } catch (err) {
        // Another stage of this deployment made it first.
        if (!(err instanceof ResourceAlreadyExistsException)) throw err;
      }
    },
    async put(group, stream, events: readonly LogEvent[]) {
      const out = await client.send(
        new PutLogEventsCommand({
          logGroupName: group,
          logStreamName: stream,
          logEvents: events.map((e) => ({ timestamp: e.timestamp, message: e.message }))
        })
      );
      const r = out.rejectedLogEventsInfo;
      if (!r) return 0;
      const tooOld = r.tooOldLogEventEndIndex ?? -1;
      const expired = r.expiredLogEventEndIndex ?? -1;
      const tooNew = r.tooNewLogEventStartIndex;
      return Math.max(tooOld, expired) + 1 + (tooNew === undefined ? 0 : events.length - tooNew);
    },
    close: () => client.destroy()
  };
}

/** What went wrong with a Logs call, in a person's words (the error's name and status; no request). */
export function describeLogsError(err: unknown): string {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number }; code?: string };
  const status = e?.$metadata?.httpStatusCode;
  const name = e?.name && e.name !== 'Error' ? e.name : (e?.code ?? 'request failed');
  return status ? `${name}, HTTP ${status}` : name;
}
