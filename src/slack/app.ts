import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, SocketModeReceiver } from '@slack/bolt';
import type { FetchFunction } from '@slack/web-api';
import { boltLogger } from './bolt-logger.js';
import { registerButtons } from './buttons/listener.js';
import { registerSlashCommand } from './command/listener.js';
import type { SlackDeps } from './deps.js';
import { registerRejoinListener } from './rejoin-listener.js';
import { WorkspaceResolver } from './workspace-resolver.js';

export interface HttpRoute {
  path: string;
  method: 'GET' | 'POST';
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface SlackAppOptions {
  /** Extra routes served beside /slack/events (health, metrics). */
  routes?: HttpRoute[];
  /**
   * The process's proxy-aware HTTP stack: `fetch` for Web API calls and respond() posts, `dispatcher` for the
   * Socket Mode WebSocket. Unset = Node's defaults.
   */
  outbound?: { fetch: FetchFunction; dispatcher: SocketModeDispatcher };
}

type SocketModeDispatcher = NonNullable<ConstructorParameters<typeof SocketModeReceiver>[0]['dispatcher']>;

/**
 * The Bolt app: HTTP receiver on POST /slack/events (signature verified by Bolt), or Socket Mode when an
 * app-level token is configured. Every Web API call goes to SLACK_API_URL when set.
 */
export function createSlackApp(deps: SlackDeps, options: SlackAppOptions = {}): App {
  const { config } = deps;
  const customRoutes = (options.routes ?? []).map((route) => ({
    path: route.path,
    method: [route.method],
    handler: route.handler,
  }));
  const outbound = options.outbound;
  const clientOptions = {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    ...(outbound ? { fetch: outbound.fetch } : {}),
  };
  const logger = boltLogger(deps.logger);
  const common = { token: config.slackBotToken, logger, clientOptions };
  // Bolt does not hand a dispatcher to the receiver it builds itself, so Socket Mode gets its receiver here.
  const app = config.socketMode
    ? new App({
        ...common,
        receiver: new SocketModeReceiver({
          appToken: config.slackAppToken ?? '',
          logger,
          customRoutes,
          installerOptions: { port: config.port, clientOptions },
          ...(outbound ? { dispatcher: outbound.dispatcher } : {}),
        }),
      })
    : new App({
        ...common,
        customRoutes,
        signingSecret: config.slackSigningSecret ?? '',
        processBeforeResponse: false,
      });

  const workspaces = new WorkspaceResolver(deps.hcp);
  registerSlashCommand(app, deps, workspaces);
  registerButtons(app, deps, workspaces);
  registerRejoinListener(app, deps);
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  return app;
}
