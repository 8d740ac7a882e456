import {
  type Action,
  type InvocationMethod,
  type InvokedBy,
  NOT_A_USER,
  ROOT_MODULE,
  type RunSummary,
} from '../../hcp/types.js';
import { LIMITS, truncate } from './limits.js';
import { code, escapeMrkdwn } from './mrkdwn.js';

/** Wording shared by results and alerts; every function returns mrkdwn with API text escaped. */

/** Long API values (addresses, keys) inside a line are shown up to this length. */
export const INLINE_VALUE_MAX = 300;

/** What HCP Terraform did not say (a null or absent attribute). */
export const UNKNOWN = 'unknown';

/** `1 succeeded, 2 failed of 3 planned`; a count HCP Terraform did not send shows as `?`. */
export function countsPhrase(
  summary: Pick<RunSummary, 'successful' | 'failed' | 'plannedInvocationCount'>,
): string {
  const shown = (count: number | null) => (count === null ? '?' : String(count));
  return `${shown(summary.successful)} succeeded, ${shown(summary.failed)} failed of ${shown(summary.plannedInvocationCount)} planned`;
}

/** Who invoked it, for people: `system` when no human did. */
export function invokerName(invokedBy: InvokedBy | null): string {
  if (invokedBy === null || invokedBy.username === '' || invokedBy.username === NOT_A_USER) return 'system';
  return escapeMrkdwn(truncate(invokedBy.username, INLINE_VALUE_MAX));
}

const METHOD_LABELS: Record<InvocationMethod, string> = { direct: 'Direct', lifecycle: 'Lifecycle' };

export function methodLabel(method: string | null): string {
  if (method === null) return UNKNOWN;
  return Object.hasOwn(METHOD_LABELS, method)
    ? METHOD_LABELS[method as InvocationMethod]
    : escapeMrkdwn(truncate(method, INLINE_VALUE_MAX));
}

export function moduleLabel(moduleAddress: string | null): string {
  if (moduleAddress === null) return UNKNOWN;
  return moduleAddress === ROOT_MODULE ? 'root module' : inlineCode(moduleAddress);
}

/** For notification texts, which show no markup. */
export function moduleWords(moduleAddress: string | null): string {
  if (moduleAddress === null) return 'unknown module';
  return moduleAddress === ROOT_MODULE ? 'root module' : shortForText(moduleAddress);
}

/** A value HCP Terraform may leave out (provider), as a code span or `unknown`. */
export function optionalCode(value: string | null): string {
  return value === null ? UNKNOWN : inlineCode(value);
}

/** A long API value as a code span, shortened to stay readable inside a line. */
export function inlineCode(value: string, max: number = INLINE_VALUE_MAX): string {
  return code(truncate(value, max));
}

const FOR_EACH_KEYS_SHOWN = 10;

/** `single instance`, `count = 3`, `for_each: key1, key2 (+8 more)` */
export function instancePhrase(
  action: Pick<Action, 'instanceType' | 'countValue' | 'forEachValues'>,
  keysShown: number = FOR_EACH_KEYS_SHOWN,
): string {
  switch (action.instanceType) {
    // A plain action (neither count nor for_each) has no instance type.
    case null:
    case 'single':
      return 'single instance';
    case 'count':
      return action.countValue === null ? 'count' : `count = ${action.countValue}`;
    case 'for_each': {
      const keys = action.forEachValues ?? [];
      if (keys.length === 0) return 'for_each';
      const shown = keys.slice(0, keysShown).map((key) => inlineCode(key, 100));
      const more = keys.length > shown.length ? ` (+${keys.length - shown.length} more)` : '';
      return `for_each: ${shown.join(', ')}${more}`;
    }
    default:
      return escapeMrkdwn(truncate(action.instanceType, INLINE_VALUE_MAX));
  }
}

export function plural(count: number, one: string, other: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : other}`;
}

/** Fallback texts are short sentences; addresses inside them are shortened. */
export function shortForText(value: string): string {
  return escapeMrkdwn(truncate(value, Math.floor(LIMITS.fallbackText / 4)));
}
