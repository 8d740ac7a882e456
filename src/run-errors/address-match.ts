/**
 * Does a text name the failing action or one of its triggering resources? Addresses match whole (so
 * action.a.notify never matches action.a.notify_all), with any module path before them and, when the given
 * address has no instance key, any instance key after them: module.app.action.a.notify["eu"] names
 * action.a.notify.
 */

import type { ActionTarget } from './types.js';

const MODULE_STEP = String.raw`module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.`;

export type TextMatcher = (text: string) => boolean;

export function addressPattern(address: string): RegExp {
  const trimmed = address.trim();
  const hasKey = trimmed.endsWith(']');
  const key = hasKey ? '' : String.raw`(?:\[[^\]]*\])?`;
  return new RegExp(
    String.raw`(?<![A-Za-z0-9_.\-])(?:${MODULE_STEP})*${escapeRegExp(trimmed)}${key}(?![A-Za-z0-9_\-\[])`,
  );
}

/** True when the text names the action; false for empty or blank targets. */
export function actionMatcher(target: ActionTarget): TextMatcher {
  const addresses = [target.actionAddress, ...target.triggeringResourceAddresses].filter(
    (address) => address.trim() !== '',
  );
  const patterns = addresses.map(addressPattern);
  return (text) => patterns.some((pattern) => pattern.test(text));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
