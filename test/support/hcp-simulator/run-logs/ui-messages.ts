/**
 * Log lines shaped like Terraform's own output, from its documentation and source (not from what tfactions
 * parses): the machine-readable UI (website/docs/internals/machine-readable-ui.mdx,
 * internal/command/views/json/{diagnostic,hook,action_addr}.go of Terraform 1.14) and the human-readable
 * diagnostics with their ANSI colours (internal/command/format/diagnostic.go).
 */

export interface DiagnosticInput {
  severity: 'error' | 'warning';
  summary: string;
  detail: string;
  address?: string;
  filename?: string;
  line?: number;
  code?: string;
}

export interface ActionInvocationInput {
  /** e.g. action.aws_lambda_invoke.notify, with module path and key if any. */
  action: string;
  /** The resource whose lifecycle triggered it; omitted for `terraform apply -invoke`. */
  triggeringResource?: string;
}

const TIMESTAMP = '2026-05-12T15:40:00.000000Z';

function uiLine(level: string, message: string, type: string, extra: Record<string, unknown>): string {
  return JSON.stringify({
    '@level': level,
    '@message': message,
    '@module': 'terraform.ui',
    '@timestamp': TIMESTAMP,
    ...extra,
    type,
  });
}

export function versionLine(version = '1.14.0'): string {
  return uiLine('info', `Terraform ${version}`, 'version', { terraform: version, ui: '1.2' });
}

export function diagnosticLine(input: DiagnosticInput): string {
  const line = input.line ?? 1;
  const code = input.code ?? '';
  const diagnostic: Record<string, unknown> = {
    severity: input.severity,
    summary: input.summary,
    detail: input.detail,
  };
  if (input.address !== undefined) diagnostic['address'] = input.address;
  if (input.filename !== undefined) {
    diagnostic['range'] = {
      filename: input.filename,
      start: { line, column: 1, byte: 0 },
      end: { line, column: code.length + 1, byte: code.length },
    };
    diagnostic['snippet'] = {
      context: null,
      code,
      start_line: line,
      highlight_start_offset: 0,
      highlight_end_offset: code.length,
      values: [],
    };
  }
  const word = input.severity === 'error' ? 'Error' : 'Warning';
  return uiLine(input.severity === 'error' ? 'error' : 'warn', `${word}: ${input.summary}`, 'diagnostic', {
    diagnostic,
  });
}

export function applyStartLine(resource: string): string {
  return uiLine('info', `${resource}: Creating...`, 'apply_start', {
    hook: { resource: resourceAddr(resource), action: 'create' },
  });
}

export function applyCompleteLine(resource: string): string {
  return uiLine('info', `${resource}: Creation complete after 1s [id=i-0abc]`, 'apply_complete', {
    hook: {
      resource: resourceAddr(resource),
      action: 'create',
      id_key: 'id',
      id_value: 'i-0abc',
      elapsed_seconds: 1,
    },
  });
}

export function actionStartLine(input: ActionInvocationInput): string {
  const message = input.triggeringResource
    ? `${input.triggeringResource}.trigger[0]: Action started: ${input.action}`
    : `Action started: ${input.action}`;
  return uiLine('info', message, 'action_start', { hook: actionHook(input) });
}

export function actionErroredLine(input: ActionInvocationInput & { error: string }): string {
  const message = input.triggeringResource
    ? `${input.triggeringResource} (0): Action errored: ${input.action} - ${input.error}`
    : `Action errored: ${input.action} - ${input.error}`;
  return uiLine('info', message, 'action_errored', { hook: { ...actionHook(input), error: input.error } });
}

/** A filler line of a long apply: `apply_progress`, about 280 bytes. */
export function applyProgressLine(resource: string, elapsedSeconds: number): string {
  return uiLine('info', `${resource}: Still creating... [${elapsedSeconds}s elapsed]`, 'apply_progress', {
    hook: { resource: resourceAddr(resource), action: 'create', elapsed_seconds: elapsedSeconds },
  });
}

function actionHook(input: ActionInvocationInput): Record<string, unknown> {
  const hook: Record<string, unknown> = { action: actionAddr(input.action) };
  if (input.triggeringResource === undefined) hook['invoke'] = {};
  else
    hook['lifecycle'] = {
      resource: resourceAddr(input.triggeringResource),
      trigger_index: 0,
      actions_index: 0,
      trigger_event: 'AfterCreate',
      on_failure: 'fail',
    };
  return hook;
}

/** module.a.aws_instance.web["x"] -> its parts, as resource_addr.go and action_addr.go spell them. */
function splitAddress(address: string): {
  module: string;
  local: string;
  type: string;
  name: string;
  key: unknown;
} {
  const steps = address.match(/module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\./g) ?? [];
  const module = steps.join('').replace(/\.$/, '');
  const local = address.slice(steps.join('').length);
  const keyMatch = /\[([^\]]*)\]$/.exec(local);
  const bare = keyMatch ? local.slice(0, keyMatch.index) : local;
  const parts = bare.split('.');
  const [type, name] =
    parts[0] === 'action' ? [parts[1] ?? '', parts[2] ?? ''] : [parts[0] ?? '', parts[1] ?? ''];
  const key = keyMatch ? JSON.parse(keyMatch[1] ?? 'null') : null;
  return { module, local, type, name, key };
}

/** resource_addr.go and action_addr.go: the same parts, named after the kind of address. */
function addressObject(kind: 'resource' | 'action', address: string): Record<string, unknown> {
  const parts = splitAddress(address);
  return {
    addr: address,
    module: parts.module,
    [kind]: parts.local,
    implied_provider: parts.type.split('_')[0],
    [`${kind}_type`]: parts.type,
    [`${kind}_name`]: parts.name,
    [`${kind}_key`]: parts.key,
  };
}

function resourceAddr(address: string): Record<string, unknown> {
  return addressObject('resource', address);
}

function actionAddr(address: string): Record<string, unknown> {
  return addressObject('action', address);
}

// ---------------------------------------------------------------------------------------------------------
// Human-readable output, as `terraform apply` prints it to a terminal.

const ESC = String.fromCharCode(0x1b);
const RESET = `${ESC}[0m`;
const BOLD = `${ESC}[1m`;
const UNDERLINE = `${ESC}[4m`;

/** A boxed diagnostic with colours: red for errors, yellow for warnings. */
export function plainDiagnosticLines(input: DiagnosticInput): string[] {
  const colour = `${ESC}[${input.severity === 'error' ? 31 : 33}m`;
  const bar = `${colour}│${RESET} ${RESET}`;
  const word = input.severity === 'error' ? 'Error' : 'Warning';
  const lines = [
    `${colour}╷${RESET}${RESET}`,
    `${bar}${BOLD}${colour}${word}: ${RESET}${RESET}${BOLD}${input.summary}${RESET}`,
    bar,
  ];
  if (input.address !== undefined) lines.push(`${bar}${RESET}  with ${input.address},`);
  if (input.filename !== undefined) {
    const line = input.line ?? 1;
    lines.push(`${bar}  on ${input.filename} line ${line}:`);
    lines.push(`${bar}  ${line}: ${UNDERLINE}${input.code ?? ''}${RESET}`);
  }
  if (input.address !== undefined || input.filename !== undefined) lines.push(bar);
  for (const detailLine of input.detail.split('\n')) lines.push(`${bar}${detailLine}`);
  lines.push(`${colour}╵${RESET}${RESET}`);
  return lines;
}

export function plainApplyLines(resource: string): string[] {
  return [
    `${BOLD}${resource}: Creating...${RESET}`,
    `${BOLD}${resource}: Creation complete after 1s [id=i-0abc]${RESET}`,
  ];
}
