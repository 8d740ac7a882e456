import { exampleId } from '../../hcp/ids.js';
import {
  describeChoices,
  INVOCATION_STATUS_CHOICES,
  MAX_PAGE,
  METHOD_CHOICES,
  RESOURCE_STATUS_CHOICES,
  RUN_STATUS_CHOICES,
  SOURCE_CHOICES,
} from './filters.js';
import { SUBCOMMAND_NAMES } from './subcommands.js';
import type { SubcommandName } from './types.js';

/** Usage texts: Slack mrkdwn without `& < >`, commands in code quotes. */

interface UsageEntry {
  syntax: string;
  summary: string;
  notes: readonly string[];
  example: string;
}

const ACTION = exampleId('action');
const RUN = exampleId('run');
const WORKSPACE_ID = exampleId('workspace');
const WORKSPACE_NAME = `${exampleId('organization')}/${exampleId('workspace-name')}`;
const TIMES = '[after:T] [since:T] [before:T] [until:T]';

const NOTES = {
  workspace: `WORKSPACE is an ID (\`${WORKSPACE_ID}\`) or \`organization/workspace-name\` (\`${WORKSPACE_NAME}\`).`,
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
};

const ENTRIES: Readonly<Record<SubcommandName, UsageEntry>> = {
  help: {
    syntax: 'help [SUBCOMMAND]',
    summary: 'This help, or the usage of one subcommand.',
    notes: [`Subcommands: ${SUBCOMMAND_NAMES.map((name) => `\`${name}\``).join(', ')}.`],
    example: 'help runs',
  },
  actions: {
    syntax: `actions WORKSPACE [provider:P] [module:M] ${TIMES} [page:N]`,
    summary: 'Terraform actions of a workspace; times filter on their last invocation. Alias: `list`.',
    notes: [NOTES.workspace, NOTES.provider, NOTES.module, NOTES.times, NOTES.page],
    example: `actions ${WORKSPACE_NAME} module:root since:7d`,
  },
  providers: {
    syntax: 'providers WORKSPACE',
    summary: "The providers of a workspace's actions.",
    notes: [NOTES.workspace],
    example: `providers ${WORKSPACE_ID}`,
  },
  action: {
    syntax: 'action ACTION_ID',
    summary: 'One action: address, module, provider, invocation count. Alias: `show`.',
    notes: [],
    example: `action ${ACTION}`,
  },
  runs: {
    syntax: `runs ACTION_ID [status:S,S] [method:M,M] [by:U,U] [source:X,X] [run:RUN_ID] ${TIMES} [page:N]`,
    summary: "An action's invocations, one line per run.",
    notes: [
      `\`status:\` ${describeChoices(RUN_STATUS_CHOICES)}.`,
      NOTES.method,
      NOTES.invokers,
      NOTES.source,
      NOTES.times,
      NOTES.lists,
      NOTES.page,
    ],
    example: `runs ${ACTION} status:failed method:lifecycle since:2d`,
  },
  invokers: {
    syntax: 'invokers ACTION_ID',
    summary: 'Who invoked an action (values for `by:`).',
    notes: [],
    example: `invokers ${ACTION}`,
  },
  invocations: {
    syntax: 'invocations ACTION_ID RUN_ID [status:S,S] [q:TEXT] [page:N]',
    summary: "An action's invocations in one run, in execution order.",
    notes: [
      `\`status:\` ${describeChoices(INVOCATION_STATUS_CHOICES)}.`,
      '`q:` searches keys, statuses, trigger events and resource addresses (at most 200 characters).',
      NOTES.lists,
      NOTES.page,
    ],
    example: `invocations ${ACTION} ${RUN} status:failed`,
  },
  resources: {
    syntax: 'resources ACTION_ID RUN_ID [status:S,S] [q:TEXT] [page:N]',
    summary: 'Lifecycle invocations of one run, grouped by triggering resource.',
    notes: [
      `\`status:\` ${describeChoices(RESOURCE_STATUS_CHOICES)}.`,
      '`q:` searches keys, statuses, trigger events and resource addresses (at most 200 characters).',
      NOTES.lists,
      NOTES.page,
    ],
    example: `resources ${ACTION} ${RUN} q:"aws_instance.web"`,
  },
  subscribe: {
    syntax: 'subscribe WORKSPACE [provider:P] [module:M] [method:M,M] [source:X,X] [by:U,U] [not-by:U,U]',
    summary: 'Alert this channel when a run of an action in the workspace fails (from now on).',
    notes: [
      NOTES.workspace,
      NOTES.provider,
      NOTES.module,
      NOTES.method,
      NOTES.source,
      `${NOTES.invokers} \`not-by:\` leaves out runs by these invokers.`,
    ],
    example: `subscribe ${WORKSPACE_NAME} method:lifecycle not-by:system:not_a_user`,
  },
  unsubscribe: {
    syntax: 'unsubscribe WORKSPACE',
    summary: "Stop this channel's alerts for a workspace.",
    notes: [NOTES.workspace],
    example: `unsubscribe ${WORKSPACE_NAME}`,
  },
  subscriptions: {
    syntax: 'subscriptions',
    summary: "This channel's subscriptions.",
    notes: [],
    example: 'subscriptions',
  },
  mute: {
    syntax: 'mute ACTION_ID [for:DURATION]',
    summary: "Silence one action's alerts in this channel for a while.",
    notes: ['`for:` a duration from `1m` to `90d`, like `30m`, `2h`, `7d`; 24h when left out.'],
    example: `mute ${ACTION} for:2h`,
  },
  unmute: {
    syntax: 'unmute ACTION_ID',
    summary: 'Alert again on an action muted in this channel.',
    notes: [],
    example: `unmute ${ACTION}`,
  },
  doctor: {
    syntax: 'doctor',
    summary:
      'Check configuration, Redis, the HCP Terraform token and this channel, each failure with its fix.',
    notes: [],
    example: 'doctor',
  },
};

function command(text: string): string {
  return `\`/tfactions ${text}\``;
}

/** The usage of one subcommand with an example; the general help when none is given. */
export function usageFor(subcommand?: SubcommandName): string {
  if (subcommand === undefined) return helpText();
  const entry = ENTRIES[subcommand];
  return [
    `*Usage:* ${command(entry.syntax)}`,
    entry.summary,
    ...entry.notes.map((note) => `• ${note}`),
    `*Example:* ${command(entry.example)}`,
  ].join('\n');
}

/** Every subcommand with one example, and the conventions shared by all. */
export function helpText(): string {
  return [
    '*/tfactions*: Terraform actions of HCP Terraform in Slack.',
    ...SUBCOMMAND_NAMES.map((name) => `• ${command(ENTRIES[name].example)}: ${ENTRIES[name].summary}`),
    NOTES.workspace,
    NOTES.times,
    `Filters are \`key:value\`; ${NOTES.lists.charAt(0).toLowerCase()}${NOTES.lists.slice(1)} ${NOTES.page}`,
  ].join('\n');
}
