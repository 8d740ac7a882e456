import { createHmac } from 'node:crypto';
import { request } from 'node:http';

/** What HCP Terraform signs a generic notification with: hex HMAC-SHA512 of the raw body, keyed with the token. */
export function signNotification(rawBody: string | Buffer, token: string): string {
  return createHmac('sha512', token).update(rawBody).digest('hex');
}

export interface RunNotificationFields {
  workspaceId?: unknown;
  runId?: unknown;
  trigger?: string;
  runStatus?: string | null;
  organization?: unknown;
  workspaceName?: unknown;
  payloadVersion?: unknown;
}

/** A generic run notification laid out as HCP Terraform sends it. */
export function runNotificationBody(fields: RunNotificationFields = {}): string {
  const given = <K extends keyof RunNotificationFields>(key: K, otherwise: unknown): unknown =>
    key in fields ? fields[key] : otherwise;
  const workspaceName = given('workspaceName', 'networking-prod');
  const organization = given('organization', 'acme');
  const runId = given('runId', 'run-CZcmD7eagjhyX0vN');
  return JSON.stringify({
    payload_version: given('payloadVersion', 1),
    notification_configuration_id: 'nc-mBVYHzTMXaRA5ueC',
    run_url: `https://app.terraform.io/app/${String(organization)}/workspaces/${String(workspaceName)}/runs/${String(runId)}`,
    run_id: runId,
    run_message: 'Triggered via UI',
    run_created_at: '2026-11-29T10:00:00.000Z',
    run_created_by: 'alice',
    workspace_id: given('workspaceId', 'ws-D6fJsasdGj3E9eFN'),
    workspace_name: workspaceName,
    organization_name: organization,
    notifications: [
      {
        message: 'Run Errored',
        trigger: fields.trigger ?? 'run:errored',
        run_status: fields.runStatus === undefined ? 'errored' : fields.runStatus,
        run_updated_at: '2026-11-29T10:02:00.000Z',
        run_updated_by: 'alice',
      },
    ],
  });
}

/** The `verification` notification sent when a configuration is saved: its run fields are null. */
export function verificationBody(): string {
  return JSON.stringify({
    payload_version: 1,
    notification_configuration_id: 'nc-mBVYHzTMXaRA5ueC',
    run_url: null,
    run_id: null,
    run_message: null,
    run_created_at: null,
    run_created_by: null,
    workspace_id: null,
    workspace_name: null,
    organization_name: null,
    notifications: [
      {
        message: 'Verification of tfactions',
        trigger: 'verification',
        run_status: null,
        run_updated_at: null,
        run_updated_by: null,
      },
    ],
  });
}

export interface NotificationAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** POSTs a body the way HCP Terraform does; `signature: null` sends no signature header. */
export function postNotification(
  url: string,
  rawBody: string | Buffer,
  options: { token?: string; signature?: string | null; method?: string } = {},
): Promise<NotificationAnswer> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'TFE/1.0 (+https://app.terraform.io; TFE)',
  };
  const signature =
    options.signature === undefined ? signNotification(rawBody, options.token ?? '') : options.signature;
  if (signature !== null) headers['x-tfe-notification-signature'] = signature;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(rawBody);
  });
}
