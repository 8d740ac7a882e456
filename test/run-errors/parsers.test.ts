import { actionMatcher, addressPattern } from '../../src/run-errors/address-match.js';
import { stripAnsi } from '../../src/run-errors/ansi.js';
import { parseJsonLine } from '../../src/run-errors/json-lines.js';
import { PlainTextDiagnostics } from '../../src/run-errors/plain-text.js';
import { LogScanner } from '../../src/run-errors/scanner.js';
import type { LogDiagnostic } from '../../src/run-errors/types.js';
import {
  actionErroredLine,
  applyProgressLine,
  diagnosticLine,
  plainApplyLines,
  plainDiagnosticLines,
  versionLine,
} from '../support/hcp-simulator/run-logs/ui-messages.js';
import { ACTION, TRIGGER, target } from './support.js';

function scan(lines: readonly string[], addresses = target('run-x')): LogScanner {
  const scanner = new LogScanner(actionMatcher(addresses));
  for (const line of lines) scanner.line(line);
  scanner.end();
  return scanner;
}

describe('machine-readable UI lines', () => {
  test('a diagnostic message gives severity, summary, detail, address and location', () => {
    const line = diagnosticLine({
      severity: 'warning',
      summary: 'Deprecated attribute',
      detail: 'Use x instead.',
      address: 'aws_s3_bucket.logs',
      filename: 'storage.tf',
      line: 7,
      code: 'acl = "private"',
    });
    expect(parseJsonLine(line)).toEqual({
      type: 'diagnostic',
      diagnostic: {
        severity: 'warning',
        summary: 'Deprecated attribute',
        detail: 'Use x instead.',
        address: 'aws_s3_bucket.logs',
        location: 'storage.tf line 7',
      },
    });
  });

  test('action_errored (Terraform 1.14) gives the action, its triggering resource and the error', () => {
    const event = parseJsonLine(
      actionErroredLine({ action: ACTION, triggeringResource: TRIGGER, error: 'Lambda returned 500' }),
    );
    expect(event).toMatchObject({
      type: 'action_errored',
      actionAddress: ACTION,
      triggeringResourceAddress: TRIGGER,
      diagnostic: { severity: 'error', detail: 'Lambda returned 500', address: ACTION },
    });
  });

  test('other messages are recognised as JSON but are no event; plain text is not JSON', () => {
    expect(parseJsonLine(versionLine())).toBe('other');
    expect(parseJsonLine(applyProgressLine('aws_instance.web', 3))).toBe('other');
    expect(parseJsonLine('Terraform v1.14.0')).toBeNull();
    expect(parseJsonLine('{ not json')).toBeNull();
  });
});

describe('plain text logs', () => {
  test('boxed, coloured diagnostics are read with their address, location and detail', () => {
    const found: LogDiagnostic[] = [];
    const parser = new PlainTextDiagnostics((diagnostic) => found.push(diagnostic));
    const lines = [
      ...plainApplyLines(TRIGGER),
      ...plainDiagnosticLines({
        severity: 'error',
        summary: 'Invocation failed',
        detail: 'The Lambda function returned an error:\n  status 500',
        address: ACTION,
        filename: 'main.tf',
        line: 12,
        code: 'function_name = "notify"',
      }),
      ...plainDiagnosticLines({ severity: 'warning', summary: 'Something old', detail: 'Upgrade.' }),
      'Apply complete! Resources: 1 added, 0 changed, 0 destroyed.',
    ];
    for (const line of lines) parser.line(line);
    parser.end();
    expect(found).toEqual([
      {
        severity: 'error',
        summary: 'Invocation failed',
        detail: 'The Lambda function returned an error:\n  status 500',
        address: ACTION,
        location: 'main.tf line 12',
      },
      { severity: 'warning', summary: 'Something old', detail: 'Upgrade.', address: null, location: null },
    ]);
  });

  test('unboxed blocks take the indented lines that follow and stop at the first unindented one', () => {
    const found: LogDiagnostic[] = [];
    const parser = new PlainTextDiagnostics((diagnostic) => found.push(diagnostic));
    for (const line of [
      'Error: creating bucket: AccessDenied',
      '',
      '  with aws_s3_bucket.b,',
      '  status 403',
      'Next line',
    ])
      parser.line(line);
    parser.end();
    expect(found).toEqual([
      {
        severity: 'error',
        summary: 'creating bucket: AccessDenied',
        detail: 'status 403',
        address: 'aws_s3_bucket.b',
        location: null,
      },
    ]);
  });

  test('ANSI colour codes and control characters are removed', () => {
    expect(stripAnsi('\u001b[1m\u001b[31mError: \u001b[0mboom\u0007')).toBe('Error: boom');
  });
});

describe('matching the failing action', () => {
  test('addresses match whole, with any module path and instance key', () => {
    const pattern = addressPattern(ACTION);
    expect(pattern.test(`with ${ACTION},`)).toBe(true);
    expect(pattern.test(`module.app.${ACTION}["eu"] failed`)).toBe(true);
    expect(pattern.test(`module.a[0].module.b.${ACTION}[2]`)).toBe(true);
    expect(pattern.test(`${ACTION}_all failed`)).toBe(false);
    expect(pattern.test(`x${ACTION}`)).toBe(false);
    expect(addressPattern(`${ACTION}[1]`).test(`${ACTION}[2]`)).toBe(false);
  });

  test('a diagnostic naming the action in its address, summary or detail, or its trigger, belongs to it', () => {
    const scanner = scan([
      diagnosticLine({ severity: 'error', summary: 'Unrelated', detail: 'aws_vpc.main is broken' }),
      diagnosticLine({ severity: 'warning', summary: 'Slow', detail: 'x', address: `module.m.${ACTION}[0]` }),
      diagnosticLine({ severity: 'error', summary: `Invoking ${ACTION}`, detail: 'timeout' }),
      diagnosticLine({ severity: 'error', summary: 'Create failed', detail: 'quota', address: TRIGGER }),
    ]);
    expect(scanner.actionDiagnostics.map((d) => d.summary)).toEqual([
      'Invoking action.aws_lambda_invoke.notify',
      'Create failed',
      'Slow',
    ]);
    expect(scanner.runErrorDiagnostics.map((d) => d.summary)).toEqual(['Unrelated']);
  });

  test('an action_errored message of another action is a run error, not this action', () => {
    const scanner = scan([
      actionErroredLine({ action: 'action.aws_lambda_invoke.other', error: 'nope' }),
      '\u0002' + actionErroredLine({ action: ACTION, error: 'mine' }),
    ]);
    expect(scanner.actionDiagnostics.map((d) => d.detail)).toEqual(['mine']);
    expect(scanner.runErrorDiagnostics.map((d) => d.detail)).toEqual(['nope']);
  });
});
