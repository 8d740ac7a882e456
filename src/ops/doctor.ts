import type { WebClient } from '@slack/web-api';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { CertificateError, isHcpError } from '../hcp/errors.js';
import { extraCaCertsCheck } from './ca-check.js';
import { membershipChecks } from './doctor-channels.js';
import { type DoctorCheck, type DoctorDeps, slackError, withTimeout } from './doctor-check.js';
import { organizationChecks } from './doctor-organizations.js';
import { webhookChecks } from './doctor-webhooks.js';

export type { DoctorCheck, DoctorDeps } from './doctor-check.js';

export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
}

/**
 * Configuration, Redis, Slack token, HCP token, channel membership and HCP notifications: each failure with
 * its fix.
 */
export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [configurationCheck(deps.config)];
  if (deps.config.extraCaCertsPath !== undefined)
    checks.push(await extraCaCertsCheck(deps.config.extraCaCertsPath));
  checks.push(...(await redisChecks(deps.redis)));
  checks.push(await slackTokenCheck(deps.slack));
  checks.push(await hcpTokenCheck(deps));
  checks.push(...(await membershipChecks(deps)));
  checks.push(...(await organizationChecks(deps)));
  checks.push(...(await webhookChecks(deps)));
  return { ok: checks.every((check) => check.ok), checks };
}

function configurationCheck(config: Config): DoctorCheck {
  return {
    name: 'Configuration',
    ok: true,
    detail: `${config.socketMode ? 'Socket Mode' : `HTTP mode on port ${config.port}`}; HCP Terraform at ${config.tfeAddress}; polling every ${config.pollIntervalSeconds}s; Redis keys under ${config.redisKeyPrefix}; ${config.adminUserIds.length > 0 ? `${config.adminUserIds.length} admin(s)` : 'everybody may manage subscriptions'}`,
  };
}

async function redisChecks(redis: Redis): Promise<DoctorCheck[]> {
  try {
    const info = await withTimeout(redis.info('server'), 'Redis INFO');
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
    const checks: DoctorCheck[] = [{ name: 'Redis', ok: true, detail: `reachable, version ${version}` }];
    const major = Number(version.split('.')[0]);
    if (Number.isFinite(major) && major < 6)
      checks.push({
        name: 'Redis version',
        ok: false,
        detail: `Redis ${version} is older than BullMQ supports`,
        fix: 'Use Redis 6.2 or newer.',
      });
    const policy = await withTimeout(redis.config('GET', 'maxmemory-policy'), 'CONFIG GET').then(
      (reply) => (Array.isArray(reply) ? String(reply[1] ?? '') : ''),
      () => 'unknown',
    );
    checks.push(
      policy === 'noeviction'
        ? { name: 'Redis eviction policy', ok: true, detail: 'maxmemory-policy is noeviction' }
        : {
            name: 'Redis eviction policy',
            ok: policy === 'unknown',
            detail:
              policy === 'unknown'
                ? 'could not read maxmemory-policy (CONFIG is disabled on some managed Redis); make sure it is noeviction'
                : `maxmemory-policy is ${policy}: Redis may evict queue jobs and alert records`,
            ...(policy === 'unknown'
              ? {}
              : { fix: 'Set `maxmemory-policy noeviction` in redis.conf or your provider.' }),
          },
    );
    return checks;
  } catch (error) {
    return [
      {
        name: 'Redis',
        ok: false,
        detail: `not reachable: ${error instanceof Error ? error.message : String(error)}`,
        fix: 'Check REDIS_URL and that Redis is running (`redis-cli -u "$REDIS_URL" ping`).',
      },
    ];
  }
}

async function slackTokenCheck(slack: WebClient): Promise<DoctorCheck> {
  try {
    const auth = await withTimeout(slack.auth.test(), 'auth.test');
    return {
      name: 'Slack token',
      ok: true,
      detail: `bot ${auth.user ?? auth.user_id ?? '?'} in team ${auth.team ?? auth.team_id ?? '?'}`,
    };
  } catch (error) {
    return {
      name: 'Slack token',
      ok: false,
      detail: `Slack refused the bot token: ${slackError(error)}`,
      fix: 'Set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-...) of the installed app.',
    };
  }
}

async function hcpTokenCheck(deps: DoctorDeps): Promise<DoctorCheck> {
  try {
    const who = await deps.hcp.verifyToken();
    return {
      name: 'HCP Terraform token',
      ok: true,
      detail: `accepted by ${deps.config.tfeAddress} (${who})`,
    };
  } catch (error) {
    return {
      name: 'HCP Terraform token',
      ok: false,
      detail: error instanceof Error ? error.message : String(error),
      fix: hcpFix(error, deps.config.tfeAddress),
    };
  }
}

function hcpFix(error: unknown, tfeAddress: string): string {
  if (isHcpError(error) && error.kind === 'unauthorized')
    return 'Create a new team or user API token with read access to the workspaces and set TFE_TOKEN.';
  if (error instanceof CertificateError)
    return 'Point NODE_EXTRA_CA_CERTS at the PEM file of the CA that signed the server certificate (it is read when the process starts), or fix the certificate named above.';
  return `Check TFE_ADDRESS (${tfeAddress}), that this host can reach it, and HTTPS_PROXY/NO_PROXY if it goes through a proxy.`;
}
