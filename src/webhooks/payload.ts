import { isValidId, quotedForMessage } from '../hcp/ids.js';

/** The run triggers of HCP Terraform notification configurations. */
export const RUN_TRIGGERS = [
  'run:created',
  'run:planning',
  'run:needs_attention',
  'run:applying',
  'run:completed',
  'run:errored',
] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** Sent when a configuration is created or verified; its run fields are null. */
export const VERIFICATION_TRIGGER = 'verification';

/** The generic payload's layout version that tfactions reads. */
export const PAYLOAD_VERSION = 1;

/** A run event, every field checked: the IDs match their patterns or are absent. */
export interface RunEvent {
  workspaceId: string;
  /** Null when absent or not a run ID: it is a hint, never required. */
  runId: string | null;
  triggers: RunTrigger[];
  /** As HCP sent it (`errored`, `applied`, `canceled`, …), or null. */
  runStatus: string | null;
  organization: string | null;
  workspaceName: string | null;
  configurationId: string | null;
}

export type NotificationReading =
  | { kind: 'verification'; configurationId: string | null }
  | { kind: 'run'; event: RunEvent; otherTriggers: string[] }
  /** Nothing tfactions acts on: only triggers it does not know (assessments, change requests, newer ones). */
  | { kind: 'ignored'; otherTriggers: string[] }
  | { kind: 'unreadable'; problem: string };

const CONFIGURATION_ID = /^nc-[A-Za-z0-9]{1,64}$/;
/** Unknown triggers are kept for the log, bounded: the body is signed but its size is HCP's choice. */
const MAX_KEPT_TRIGGERS = 10;
const MAX_TRIGGER_LENGTH = 64;
const MAX_STATUS_LENGTH = 64;

/** Reads a generic notification body tolerantly: unknown fields are ignored, unknown triggers kept raw. */
export function readNotification(rawBody: Buffer): NotificationReading {
  let value: unknown;
  try {
    value = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { kind: 'unreadable', problem: 'the body is not JSON' };
  }
  if (!isRecord(value)) return { kind: 'unreadable', problem: 'the body is not a JSON object' };
  if (value.payload_version !== PAYLOAD_VERSION)
    return {
      kind: 'unreadable',
      problem:
        value.payload_version === undefined
          ? `payload_version is missing (tfactions reads version ${PAYLOAD_VERSION})`
          : `payload_version ${shown(value.payload_version)} is not supported (tfactions reads version ${PAYLOAD_VERSION})`,
    };
  if (!Array.isArray(value.notifications))
    return { kind: 'unreadable', problem: 'notifications is not a list' };

  const triggers = value.notifications
    .map((notification) => (isRecord(notification) ? notification.trigger : undefined))
    .filter((trigger): trigger is string => typeof trigger === 'string');
  const configurationId = matching(value.notification_configuration_id, CONFIGURATION_ID);
  if (triggers.includes(VERIFICATION_TRIGGER)) return { kind: 'verification', configurationId };

  const runTriggers = RUN_TRIGGERS.filter((known) => triggers.includes(known));
  const otherTriggers = triggers
    .filter((trigger) => !isRunTrigger(trigger))
    .slice(0, MAX_KEPT_TRIGGERS)
    .map((trigger) => trigger.slice(0, MAX_TRIGGER_LENGTH));
  if (runTriggers.length === 0) return { kind: 'ignored', otherTriggers };

  const workspaceId = value.workspace_id;
  if (!isValidId('workspace', workspaceId))
    return {
      kind: 'unreadable',
      problem: `workspace_id ${typeof workspaceId === 'string' ? quotedForMessage(workspaceId) : shown(workspaceId)} is not a workspace ID`,
    };
  return {
    kind: 'run',
    event: {
      workspaceId,
      runId: isValidId('run', value.run_id) ? value.run_id : null,
      triggers: runTriggers,
      runStatus: lastRunStatus(value.notifications),
      organization: isValidId('organization', value.organization_name) ? value.organization_name : null,
      workspaceName: isValidId('workspace-name', value.workspace_name) ? value.workspace_name : null,
      configurationId,
    },
    otherTriggers,
  };
}

function isRunTrigger(trigger: string): trigger is RunTrigger {
  return (RUN_TRIGGERS as readonly string[]).includes(trigger);
}

/** The run status of the newest notification that carries one. */
function lastRunStatus(notifications: readonly unknown[]): string | null {
  for (let index = notifications.length - 1; index >= 0; index -= 1) {
    const notification = notifications[index];
    if (isRecord(notification) && typeof notification.run_status === 'string')
      return notification.run_status.slice(0, MAX_STATUS_LENGTH);
  }
  return null;
}

function matching(value: unknown, pattern: RegExp): string | null {
  return typeof value === 'string' && pattern.test(value) ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short rendering of any JSON value for a problem message. */
function shown(value: unknown): string {
  if (typeof value === 'string') return quotedForMessage(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
