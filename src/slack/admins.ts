import type { Config } from '../config.js';

/** Whether the user may change alerts: everybody when SLACK_ADMIN_USER_IDS is empty, else only those listed. */
export function mayChangeAlerts(config: Pick<Config, 'adminUserIds'>, userId: string): boolean {
  return config.adminUserIds.length === 0 || config.adminUserIds.includes(userId);
}
