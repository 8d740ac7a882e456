import type { IncomingMessage, ServerResponse } from 'node:http';
import { App } from '@slack/bolt';
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
}

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
  const common = {
    token: config.slackBotToken,
    logger: boltLogger(deps.logger),
    customRoutes,
    clientOptions: config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {},
  };
  const app = config.socketMode
    ? new App({
        ...common,
        socketMode: true,
        appToken: config.slackAppToken,
        installerOptions: { port: config.port },
      })
    : new App({ ...common, signingSecret: config.slackSigningSecret ?? '', processBeforeResponse: false });

  const workspaces = new WorkspaceResolver(deps.hcp);
  registerSlashCommand(app, deps, workspaces);
  registerButtons(app, deps, workspaces);
  registerRejoinListener(app, deps);
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  return app;
}
