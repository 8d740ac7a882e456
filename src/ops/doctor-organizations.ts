import { createAlertKeys } from '../alerts/keys.js';
import { createOrgKeys } from '../alerts/org-keys.js';
import { readSignalState } from '../alerts/org-signal-state.js';
import { OrgSubscriptionStore } from '../alerts/org-subscriptions.js';
import { type DoctorCheck, type DoctorDeps, withTimeout } from './doctor-check.js';

/**
 * Each watched organization and how it is watched: the shared organization signal, or the per-workspace
 * fallback where HCP Terraform answers 404 to the organization runs listing (Terraform Enterprise before
 * v202409-1). The fallback works, at one request per covered workspace and cycle: a warning, not a failure.
 */
export async function organizationChecks(deps: DoctorDeps): Promise<DoctorCheck[]> {
  const keys = createAlertKeys(deps.config.redisKeyPrefix);
  const orgKeys = createOrgKeys(keys);
  try {
    const organizations = await withTimeout(
      new OrgSubscriptionStore(deps.redis, keys).listOrganizations(),
      'organization subscriptions',
    );
    return Promise.all(
      organizations.map(async (organization): Promise<DoctorCheck> => {
        const state = await readSignalState(deps.redis, orgKeys, organization);
        const name = `Organization ${organization}`;
        if (!state.endpointMissing)
          return {
            name,
            ok: true,
            detail:
              state.watermark === null && state.started.length === 0
                ? 'watch starting (no poll cycle yet)'
                : 'organization signal: one shared read of its runs per poll cycle',
          };
        return {
          name,
          ok: true,
          detail: `per-workspace fallback: ${deps.config.tfeAddress} answers 404 to GET /organizations/${organization}/runs, so every covered workspace is polled each cycle (one request each)`,
          fix: 'Upgrade Terraform Enterprise to v202409-1 or newer for the organization signal.',
        };
      }),
    );
  } catch (error) {
    return [
      {
        name: 'Organization subscriptions',
        ok: false,
        detail: `could not be read: ${error instanceof Error ? error.message : String(error)}`,
        fix: 'Check REDIS_URL and that Redis is running.',
      },
    ];
  }
}
