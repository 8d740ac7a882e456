/**
 * Items of a page that cannot be read (no id, an attribute of the wrong type) are skipped so the rest of the
 * page is used. Each skip is counted through a hook; a warning is logged once per request and reason, so a
 * broken item re-read every poll tick does not flood the log.
 */

import type { Logger } from '../logger.js';

export interface SkippedItemEvent {
  /** The path template, e.g. /terraform-actions/:action_id/invocations/run-summary: a bounded metric label. */
  route: string;
  /** "GET /path", without host or query. */
  request: string;
  reason: string;
}

/** Bounds the memory of what was already logged; past it, warnings start over. */
const MAX_REMEMBERED = 1000;

export class SkippedItemReporter {
  private readonly logged = new Set<string>();

  constructor(
    private readonly logger: Logger | undefined,
    private readonly onItemSkipped: ((event: SkippedItemEvent) => void) | undefined,
  ) {}

  report(event: SkippedItemEvent): void {
    try {
      this.onItemSkipped?.(event);
    } catch {
      // A broken metrics hook must not fail the request.
    }
    const key = `${event.request}\n${event.reason}`;
    if (this.logged.has(key)) return;
    if (this.logged.size >= MAX_REMEMBERED) this.logged.clear();
    this.logged.add(key);
    this.logger?.warn(
      { request: event.request, reason: event.reason },
      'skipped an unreadable item of an HCP Terraform page; the rest of the page is used',
    );
  }
}
