/**
 * Terraform's human-readable output, as HCP Terraform logs it when structured run output is off. A diagnostic
 * starts with `Error: <summary>` or `Warning: <summary>` and goes on while its lines are indented, blank or,
 * in the boxed form of Terraform >= 0.15, prefixed with `│` until the closing `╵`:
 *
 *   ╷
 *   │ Error: Invalid value
 *   │
 *   │   with action.aws_lambda_invoke.notify,
 *   │   on main.tf line 12, in action "aws_lambda_invoke" "notify":
 *   │   12:     function_name = "x"
 *   │
 *   │ The detail text.
 *   ╵
 */

import { stripAnsi } from './ansi.js';
import type { LogDiagnostic, Severity } from './types.js';

const HEADING = /^(Error|Warning): (.*)$/;
const BOX_BODY = /^│ ?/;
const WITH_ADDRESS = /^\s*with (\S+?),?$/;
const ON_LOCATION = /^\s*on (.+?) line (\d+)/;
const SNIPPET_LINE = /^\s*\d+: /;
/** A block longer than this is cut: nobody reads 200 lines in Slack. */
const MAX_BLOCK_LINES = 200;

interface OpenBlock {
  severity: Severity;
  summary: string;
  boxed: boolean;
  body: string[];
}

/** Fed one line at a time; emits each diagnostic block when it ends. */
export class PlainTextDiagnostics {
  private open: OpenBlock | null = null;

  constructor(private readonly emit: (diagnostic: LogDiagnostic) => void) {}

  line(raw: string): void {
    const clean = stripAnsi(raw).trimEnd();
    const boxed = BOX_BODY.test(clean);
    const content = clean.replace(BOX_BODY, '');
    const heading = HEADING.exec(content.trim() === content ? content : '');
    if (heading) {
      this.close();
      const [, word, summary] = heading;
      this.open = {
        severity: word === 'Error' ? 'error' : 'warning',
        summary: (summary ?? '').trim(),
        boxed,
        body: [],
      };
      return;
    }
    const block = this.open;
    if (block === null) return;
    if (clean.startsWith('╵') || !(boxed || content === '' || /^\s/.test(content))) {
      this.close();
      return;
    }
    if (block.body.length < MAX_BLOCK_LINES) block.body.push(content);
  }

  end(): void {
    this.close();
  }

  private close(): void {
    const block = this.open;
    this.open = null;
    if (block === null || block.summary === '') return;
    let address: string | null = null;
    let location: string | null = null;
    const detail: string[] = [];
    for (const line of block.body) {
      const withAddress = WITH_ADDRESS.exec(line);
      const on = ON_LOCATION.exec(line);
      if (withAddress && address === null) address = withAddress[1] ?? null;
      else if (on && location === null) location = `${on[1]} line ${on[2]}`;
      else if (!SNIPPET_LINE.test(line)) detail.push(line);
    }
    this.emit({
      severity: block.severity,
      summary: block.summary,
      detail: dedent(trimBlankEdges(detail)).join('\n'),
      address,
      location,
    });
  }
}

function trimBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start += 1;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end -= 1;
  return lines.slice(start, end);
}

function dedent(lines: string[]): string[] {
  const indents = lines
    .filter((line) => line.trim() !== '')
    .map((line) => /^\s*/.exec(line)?.[0].length ?? 0);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((line) => line.slice(Math.min(common, line.length - line.trimStart().length)));
}
