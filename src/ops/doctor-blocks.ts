import { renderChecklist } from '../slack/blocks/checklist.js';
import type { SlackMessage } from '../slack/blocks/message.js';
import type { DoctorReport } from './doctor.js';

export function renderDoctorReport(report: DoctorReport): SlackMessage {
  return renderChecklist(
    ':stethoscope: tfactions doctor',
    report.checks.map((check) => ({
      ok: check.ok,
      title: check.name,
      detail: check.fix ? `${check.detail}\n*Fix:* ${check.fix}` : check.detail,
    })),
  );
}

/** The same report for a terminal (`npm run doctor`). */
export function formatDoctorReport(report: DoctorReport): string {
  const lines = report.checks.map((check) => {
    const mark = check.ok ? 'ok  ' : 'FAIL';
    const fix = check.fix ? `\n       fix: ${check.fix}` : '';
    return `[${mark}] ${check.name}: ${check.detail}${fix}`;
  });
  lines.push(report.ok ? 'All checks passed.' : 'Some checks failed: see the fixes above.');
  return lines.join('\n');
}
