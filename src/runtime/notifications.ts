import type { Queue } from 'bullmq';
import { createDoorbell } from '../alerts/doorbell.js';
import { createAlertKeys } from '../alerts/keys.js';
import { throttledLog } from '../alerts/log-throttle.js';
import { createPollQueue, type PollJobData } from '../alerts/queue.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createRedis } from '../redis.js';
import type { HttpRoute } from '../slack/app.js';
import { createNotificationHandler, type NotificationPort } from '../webhooks/handler.js';
import { NOTIFICATIONS_PATH } from '../webhooks/route.js';

export interface NotificationRoute {
  readonly route: HttpRoute;
  close(): Promise<void>;
}

/**
 * POST /hcp/notifications on the web process's HTTP port (HTTP and Socket Mode alike). Without
 * HCP_NOTIFICATION_TOKEN the route answers 404 and opens no Redis connection or queue.
 */
export function notificationRoute(config: Config, logger: Logger): NotificationRoute {
  const token = config.hcpNotificationToken;
  if (token === undefined) {
    const off = createNotificationHandler({ token, port: { onRunEvent: async () => undefined }, logger });
    return { route: { path: NOTIFICATIONS_PATH, method: 'POST', handler: off }, close: async () => {} };
  }
  const keys = createAlertKeys(config.redisKeyPrefix);
  const redis = createRedis(config, 'commands');
  redis.on('error', throttledLog(logger, 'notification Redis connection error'));
  const pollQueue: Queue<PollJobData> = createPollQueue(config.redisUrl, keys, 'producer');
  pollQueue.on('error', throttledLog(logger, 'notification poll queue error'));
  const doorbell = createDoorbell({ redis, keys, pollQueue });
  // Every run trigger rings, not only the ones that end a run: a poll is cheap and deduplicated, the
  // configuration may select other triggers than the recommended ones, and a run that is seen earlier (its
  // pending state) is what the poller's pending-run rules are built for.
  const port: NotificationPort = {
    onRunEvent: (event) => doorbell.ring(event.workspaceId, event.organization),
  };
  return {
    route: {
      path: NOTIFICATIONS_PATH,
      method: 'POST',
      handler: createNotificationHandler({ token, port, logger }),
    },
    async close() {
      await pollQueue.close().catch(() => undefined);
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
