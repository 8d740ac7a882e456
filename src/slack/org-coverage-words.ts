import type { OrgSubscriptionView } from '../alerts/org-service.js';

/** The coverage line of an organization subscription in `subscriptions`. */
export function describeCoverage(view: OrgSubscriptionView): string {
  const count =
    view.covered === null
      ? 'Coverage is counted at the first poll cycle'
      : `Covers ${view.covered} workspace${view.covered === 1 ? '' : 's'} now`;
  return `${count} · ${describeMode(view.mode)}`;
}

export function describeMode(mode: OrgSubscriptionView['mode']): string {
  switch (mode) {
    case 'signal':
      return 'organization signal: one shared read of the organization runs per poll cycle';
    case 'fallback':
      return ':warning: per-workspace fallback: HCP Terraform answers 404 to GET /organizations/:org/runs (Terraform Enterprise before v202409-1), so every covered workspace is polled each cycle';
    case 'starting':
      return 'starting: the first poll cycle has not run yet';
  }
}
