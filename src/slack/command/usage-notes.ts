import { exampleId } from '../../hcp/ids.js';
import { describeChoices, MAX_PAGE, MAX_SEARCH_LENGTH, METHOD_CHOICES, SOURCE_CHOICES } from './filters.js';

/** Usage texts: Slack mrkdwn without `& < >`, commands in code quotes. */
export interface UsageEntry {
  syntax: string;
  summary: string;
  notes: readonly string[];
  example: string;
}

export const EXAMPLE = {
  action: exampleId('action'),
  run: exampleId('run'),
  workspaceId: exampleId('workspace'),
  workspaceName: `${exampleId('organization')}/${exampleId('workspace-name')}`,
};

export const TIMES_SYNTAX = '[after:T] [since:T] [before:T] [until:T]';

/** Notes that several subcommands share, said the same way everywhere. */
export const NOTES = {
  workspace: `WORKSPACE is an ID (\`${EXAMPLE.workspaceId}\`) or \`organization/workspace-name\` (\`${EXAMPLE.workspaceName}\`).`,
  times:
    'Times: `after:` (later than), `since:` (at or later), `before:` (earlier than), `until:` (at or earlier) take ISO-8601 (`2026-05-12T15:40:00Z`; no zone means UTC, a date alone is midnight UTC) or a duration back from now (`30m`, `2h`, `7d`, `1w`, `1h30m`).',
  page: `\`page:N\` picks a page (1 to ${MAX_PAGE}).`,
  lists:
    'Lists take commas, no spaces: `status:failed,not_invoked`. Quote values with spaces: `q:"web server"`.',
  provider: '`provider:` a provider name; `providers WORKSPACE` lists them.',
  module: '`module:` `root` (the root module) or an address like `module.network.module.vpc`.',
  method: `\`method:\` ${describeChoices(METHOD_CHOICES)}.`,
  source: `\`source:\` ${describeChoices(SOURCE_CHOICES)}.`,
  invokers: '`by:` invokers (usernames, `system:not_a_user`); `invokers ACTION_ID` lists them.',
  search: `\`q:\` searches keys, statuses, trigger events and resource addresses (at most ${MAX_SEARCH_LENGTH} characters).`,
};
