/**
 * Reads a log line by line and keeps only what can be shown: the diagnostics that name the failing action, and
 * the run's error diagnostics as a fallback. Each line is machine-readable UI JSON or plain text; HCP Terraform
 * logs may mix both (and wrap the whole log in STX/ETX markers).
 */

import type { TextMatcher } from './address-match.js';
import { stripLogMarkers } from './ansi.js';
import { parseJsonLine } from './json-lines.js';
import { PlainTextDiagnostics } from './plain-text.js';
import type { LogDiagnostic } from './types.js';

/** Per list: a failure rarely has more, and a Slack thread reply cannot show more. */
export const MAX_DIAGNOSTICS = 10;

export class LogScanner {
  private readonly matched: LogDiagnostic[] = [];
  private readonly runErrors: LogDiagnostic[] = [];
  private readonly seen = new Set<string>();
  private readonly plain: PlainTextDiagnostics;

  constructor(private readonly namesAction: TextMatcher) {
    this.plain = new PlainTextDiagnostics((diagnostic) => this.take(diagnostic, false));
  }

  line(raw: string): void {
    const line = stripLogMarkers(raw);
    const event = parseJsonLine(line);
    if (event === null) {
      this.plain.line(line);
      return;
    }
    if (event === 'other') return;
    if (event.type === 'action_errored') {
      const named =
        this.namesAction(event.actionAddress) ||
        (event.triggeringResourceAddress !== null && this.namesAction(event.triggeringResourceAddress));
      this.take(event.diagnostic, named);
      return;
    }
    this.take(event.diagnostic, false);
  }

  end(): void {
    this.plain.end();
  }

  /** Error diagnostics first, then warnings. */
  get actionDiagnostics(): LogDiagnostic[] {
    return bySeverity(this.matched);
  }

  get runErrorDiagnostics(): LogDiagnostic[] {
    return [...this.runErrors];
  }

  private take(diagnostic: LogDiagnostic, namedByEvent: boolean): void {
    const identity = JSON.stringify([
      diagnostic.severity,
      diagnostic.summary,
      diagnostic.detail,
      diagnostic.address,
    ]);
    if (this.seen.has(identity)) return;
    this.seen.add(identity);
    const named =
      namedByEvent ||
      (diagnostic.address !== null && this.namesAction(diagnostic.address)) ||
      this.namesAction(diagnostic.summary) ||
      this.namesAction(diagnostic.detail);
    if (named && this.matched.length < MAX_DIAGNOSTICS) this.matched.push(diagnostic);
    else if (!named && diagnostic.severity === 'error' && this.runErrors.length < MAX_DIAGNOSTICS)
      this.runErrors.push(diagnostic);
  }
}

function bySeverity(diagnostics: readonly LogDiagnostic[]): LogDiagnostic[] {
  return [
    ...diagnostics.filter((diagnostic) => diagnostic.severity === 'error'),
    ...diagnostics.filter((diagnostic) => diagnostic.severity === 'warning'),
  ];
}
