/** The facts of the HCP notification endpoint that the handler, the setup reply and the docs share. */

export const NOTIFICATIONS_PATH = '/hcp/notifications';

/** The variable holding the token of the notification configurations that POST to NOTIFICATIONS_PATH. */
export const NOTIFICATION_TOKEN_VARIABLE = 'HCP_NOTIFICATION_TOKEN';

/** The variable holding the public address of the web process, under which NOTIFICATIONS_PATH is served. */
export const PUBLIC_URL_VARIABLE = 'TFACTIONS_PUBLIC_URL';

/** The header HCP Terraform signs a generic notification with. */
export const SIGNATURE_HEADER = 'x-tfe-notification-signature';

/** The triggers to select: a run that ends, successfully or not, is when failed actions become visible. */
export const RECOMMENDED_TRIGGERS = ['run:completed', 'run:errored'] as const;

/** Bodies larger than this are refused unread: HCP's payloads are well under 4 kB. */
export const MAX_NOTIFICATION_BYTES = 64 * 1024;

/**
 * The endpoint's public URL under `publicBaseUrl` (a path prefix, as behind a reverse proxy, is kept), or
 * null when the base is not an absolute http(s) URL.
 */
export function notificationUrl(publicBaseUrl: string): string | null {
  let base: URL;
  try {
    base = new URL(publicBaseUrl);
  } catch {
    return null;
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') return null;
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${NOTIFICATIONS_PATH}`;
}
