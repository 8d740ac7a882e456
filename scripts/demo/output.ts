import type { DemoOutcome } from './types.js';

/** What the demo tells the person watching the terminal: step headings, what happens, what to expect. */

export type Write = (text: string) => void;

const RULE_WIDTH = 78;

export interface StepNarration {
  /** Where it happens; default 'HCP Terraform'. */
  where?: string;
  /** What happens there. */
  happens: string;
  /** What should show up in Slack. */
  expect: string;
}

export class Narrator {
  private readonly bold: (text: string) => string;
  private readonly dim: (text: string) => string;

  constructor(
    private readonly write: Write | undefined,
    colors: boolean,
  ) {
    this.bold = colors ? (text) => `\u001b[1m${text}\u001b[22m` : (text) => text;
    this.dim = colors ? (text) => `\u001b[2m${text}\u001b[22m` : (text) => text;
  }

  /** A stdout narrator (colours on a terminal), or a silent one. */
  static forTerminal(enabled: boolean): Narrator {
    return new Narrator(
      enabled ? (text) => process.stdout.write(text) : undefined,
      process.stdout.isTTY === true,
    );
  }

  banner(lines: readonly string[]): void {
    this.out(`\n${this.bold(lines[0] ?? '')}\n${lines.slice(1).join('\n')}\n`);
  }

  step(label: string, title: string, narration: StepNarration): void {
    const heading = `━━ ${label}  ${title} `;
    this.out(`\n${this.bold(heading.padEnd(RULE_WIDTH, '━'))}\n`);
    const where = `${narration.where ?? 'HCP Terraform'}:`;
    const width = Math.max(where.length, 'Expect:'.length);
    this.out(`${this.dim(where.padEnd(width))} ${narration.happens}\n`);
    this.out(`${this.dim('Expect:'.padEnd(width))} ${narration.expect}\n\n`);
  }

  info(text: string): void {
    this.out(`${this.dim('·')} ${text}\n`);
  }

  good(text: string): void {
    this.out(`✔ ${text}\n`);
  }

  bad(text: string): void {
    this.out(`✘ ${text}\n`);
  }

  /** Raw text (already formatted), e.g. a child process's log line. */
  raw(text: string): void {
    this.out(text);
  }

  private out(text: string): void {
    this.write?.(text);
  }
}

/** The closing lines: what held, or every problem found. */
export function reportOutcome(narrator: Narrator, outcome: DemoOutcome, once: boolean): void {
  const seconds = (outcome.durationMs / 1000).toFixed(1);
  narrator.raw('\n');
  if (outcome.ok) {
    narrator.good(
      `Scenario complete in ${seconds} s: ${outcome.alerts.length} alerts posted once each, history never posted, the drill-down in the alert's thread, the recovery.`,
    );
    return;
  }
  narrator.bad(`Scenario ${once ? 'failed' : 'incomplete'} after ${seconds} s:`);
  for (const problem of outcome.problems) narrator.raw(`  - ${problem}\n`);
}
