import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { readBoundedBody } from './body.js';
import { type RunEvent, readNotification } from './payload.js';
import { MAX_NOTIFICATION_BYTES, NOTIFICATION_TOKEN_VARIABLE, SIGNATURE_HEADER } from './route.js';
import { hasValidSignature } from './signature.js';

/** Where a checked run event goes; the handler has answered already and never waits for this. */
export interface NotificationPort {
  onRunEvent(event: RunEvent): Promise<unknown>;
}

export interface NotificationHandlerOptions {
  /** HCP_NOTIFICATION_TOKEN; unset or empty turns the endpoint off (404). */
  token: string | undefined;
  port: NotificationPort;
  logger: Logger;
  maxBodyBytes?: number;
}

export type NotificationHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Refused signatures are logged at most this often: a scanner must not flood the log. */
const REFUSAL_LOG_INTERVAL_MS = 60_000;

/**
 * POST /hcp/notifications, where HCP Terraform sends its notification webhooks. Every answer but the last
 * costs no Redis or HCP work; a run event is answered 200 first and handed to the port after, so HCP's
 * delivery never waits for tfactions.
 */
export function createNotificationHandler(options: NotificationHandlerOptions): NotificationHandler {
  const logger = options.logger.child({ component: 'hcp-notifications' });
  const maxBytes = options.maxBodyBytes ?? MAX_NOTIFICATION_BYTES;
  const token = options.token ?? '';
  let lastRefusalLog = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (token === '')
      return answer(res, 404, `notifications are off: ${NOTIFICATION_TOKEN_VARIABLE} is not set`);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return answer(res, 405, 'only POST is accepted here');
    }
    const reading = await readBoundedBody(req, maxBytes);
    if (reading.kind === 'too-large') {
      // The rest of the body is never read: the connection closes after this answer.
      res.once('finish', () => req.destroy());
      res.setHeader('connection', 'close');
      return answer(res, 413, `the body is over ${maxBytes} bytes`);
    }
    if (reading.kind === 'broken') return void req.destroy();

    const signature = req.headers[SIGNATURE_HEADER];
    if (!hasValidSignature(reading.body, typeof signature === 'string' ? signature : undefined, token)) {
      const now = Date.now();
      if (now - lastRefusalLog >= REFUSAL_LOG_INTERVAL_MS) {
        lastRefusalLog = now;
        logger.warn(
          { signed: signature !== undefined },
          `notification refused: missing or wrong signature (is ${NOTIFICATION_TOKEN_VARIABLE} the token of the HCP notification configuration?)`,
        );
      }
      return answer(res, 401, 'missing or wrong X-TFE-Notification-Signature');
    }

    const notification = readNotification(reading.body);
    switch (notification.kind) {
      case 'unreadable':
        logger.warn({ problem: notification.problem }, 'signed notification refused');
        return answer(res, 400, notification.problem);
      case 'verification':
        logger.info({ configuration: notification.configurationId }, 'notification configuration verified');
        return answer(res, 200, 'verified');
      case 'ignored':
        logger.debug({ triggers: notification.otherTriggers }, 'notification without a run trigger ignored');
        return answer(res, 200, 'nothing to do');
      case 'run': {
        const { event } = notification;
        answer(res, 200, 'queued');
        logger.debug(
          {
            workspace: event.workspaceId,
            run: event.runId,
            triggers: event.triggers,
            status: event.runStatus,
          },
          'run notification',
        );
        options.port
          .onRunEvent(event)
          .catch((error: unknown) =>
            logger.warn(
              { workspace: event.workspaceId, err: error instanceof Error ? error.message : String(error) },
              'run notification not acted on; the next poll covers it',
            ),
          );
        return;
      }
    }
  };

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error(
        { err: error instanceof Error ? error.message : String(error) },
        'notification handler failed',
      );
      if (!res.headersSent) answer(res, 500, 'internal error');
    });
  };
}

function answer(res: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify(status < 400 ? { ok: true, message } : { ok: false, error: message });
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(body);
}
