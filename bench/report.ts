/** The printed table, bench/results.json and the README's Performance section. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { type MachineInfo, machineLine } from './machine.js';
import type { FigureResult, FigureRow } from './types.js';

export interface BenchResults {
  machine: MachineInfo;
  date: string;
  quick: boolean;
  durationSeconds: number;
  figures: Record<string, { title: string; rows: FigureRow[]; method: string[]; [key: string]: unknown }>;
  errors: Record<string, string>;
}

export function buildResults(
  machine: MachineInfo,
  quick: boolean,
  startedAt: Date,
  figures: readonly FigureResult[],
  errors: Record<string, string>,
): BenchResults {
  return {
    machine,
    date: startedAt.toISOString(),
    quick,
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
    figures: Object.fromEntries(
      figures.map((figure) => [
        figure.id,
        { title: figure.title, rows: figure.rows, method: figure.method, ...figure.data },
      ]),
    ),
    errors,
  };
}

export function renderTable(rows: readonly FigureRow[]): string {
  const header: [string, string, string, string] = ['figure', 'value', 'goal', 'met'];
  const lines = rows.map((row): [string, string, string, string] => [
    row.figure,
    row.value,
    row.goal || '—',
    metText(row.met),
  ]);
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|');
  return [header, ['---', '---', '---', '---'], ...lines]
    .map((cells) => `| ${cells.map(escapeCell).join(' | ')} |`)
    .join('\n');
}

function metText(met: boolean | null): string {
  if (met === null) return '—';
  return met ? 'yes' : 'NO';
}

export function writeResults(path: string, results: BenchResults): void {
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}

const SECTION_TITLE = '## Performance';

/** Adds or replaces the README's Performance section (everything up to the next `## ` heading). */
export function updateReadme(
  path: string,
  results: BenchResults,
  table: string,
  method: string[],
  reps: number,
): void {
  const section = [
    SECTION_TITLE,
    '',
    `Measured with \`npm run bench\` on ${results.date.slice(0, 10)} (${machineLine(results.machine)}); full run in ${Math.round(results.durationSeconds)} s. Values are medians of at least ${reps} repetitions, with the spread (min–max) in parentheses; the last column says whether the goal of issue 5 is met. \`bench/results.json\` holds every sample.`,
    '',
    table,
    '',
    ...method.map((line) => `- ${line}`),
    '',
  ].join('\n');
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const start = existing.indexOf(`${SECTION_TITLE}\n`);
  if (start === -1) {
    writeFileSync(path, existing === '' ? section : `${existing.replace(/\n*$/, '\n\n')}${section}`);
    return;
  }
  const rest = existing.slice(start + SECTION_TITLE.length);
  const next = rest.search(/\n## /);
  const after = next === -1 ? '' : rest.slice(next + 1);
  writeFileSync(path, `${existing.slice(0, start)}${section}${after === '' ? '' : `\n${after}`}`);
}
