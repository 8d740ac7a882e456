import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Doorbell } from '../../src/alerts/doorbell.js';
import { createNotificationHandler, type NotificationHandler } from '../../src/webhooks/handler.js';
import { NOTIFICATIONS_PATH } from '../../src/webhooks/route.js';
import { quietLogger } from '../alerts/helpers.js';

export interface NotificationEndpoint {
  /** The endpoint's URL, as HCP Terraform would be configured with it. */
  url: string;
  /** Every connection the server accepted, to see what was read from it. */
  sockets: Socket[];
  close(): Promise<void>;
}

/** Serves a notification handler on a free loopback port, as the web process will. */
export async function serveNotifications(handler: NotificationHandler): Promise<NotificationEndpoint> {
  const server = createServer(handler);
  const sockets: Socket[] = [];
  server.on('connection', (socket) => sockets.push(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${NOTIFICATIONS_PATH}`,
    sockets,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The endpoint wired to a doorbell, as the web process will wire it. */
export function serveDoorbell(doorbell: Doorbell, token: string): Promise<NotificationEndpoint> {
  return serveNotifications(
    createNotificationHandler({
      token,
      logger: quietLogger(),
      port: { onRunEvent: (event) => doorbell.ring(event.workspaceId) },
    }),
  );
}
