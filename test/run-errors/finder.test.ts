import { type HcpSimulator, startHcpSimulator } from '../support/hcp-simulator/index.js';
import {
  actionErroredLine,
  diagnosticLine,
  plainApplyLines,
  plainDiagnosticLines,
  versionLine,
} from '../support/hcp-simulator/run-logs/ui-messages.js';
import {
  ACTION,
  cleanPlanLog,
  failedActionApplyLog,
  runPageUrl,
  simFinder,
  simRunLogApi,
  TRIGGER,
  target,
} from './support.js';

let sim: HcpSimulator;

beforeEach(async () => {
  sim = await startHcpSimulator();
});

afterEach(async () => {
  await sim.close();
});

test('JSON log: the action_errored message and the diagnostic naming the action, from the apply log', async () => {
  const run = sim.runLogs.addRun({
    plan: { log: { lines: cleanPlanLog() } },
    apply: { log: { lines: failedActionApplyLog('Lambda returned 500: Unhandled') } },
  });
  const { find, reads } = simFinder(sim);
  const result = await find(target(run.runId));
  expect(result).toEqual({
    source: 'action',
    stage: 'apply',
    logUrlForHumans: runPageUrl(sim, run.runId),
    diagnostics: [
      expect.objectContaining({
        severity: 'error',
        detail: 'Lambda returned 500: Unhandled',
        address: ACTION,
      }),
      expect.objectContaining({ summary: 'Error invoking action', location: 'main.tf line 12' }),
    ],
  });
  // The apply log answered; the plan log was not read.
  expect(reads.map((read) => read.stage)).toEqual(['apply']);
  expect(sim.runLogs.reads.map((read) => read.hadAuthorization)).toEqual([false]);
  const apiPaths = sim.requests.filter((request) => request.path.startsWith('/api/v2')).map((r) => r.path);
  expect(apiPaths).toEqual([`/api/v2/runs/${run.runId}`, `/api/v2/applies/${run.applyId}`]);
});

test('plain text log with ANSI colours: the Error block that names the action', async () => {
  const run = sim.runLogs.addRun({
    plan: { log: { lines: ['Terraform v1.14.0'] } },
    apply: {
      log: {
        lines: [
          ...plainApplyLines(TRIGGER),
          ...plainDiagnosticLines({
            severity: 'error',
            summary: 'Failed to invoke action',
            detail: 'AccessDeniedException: not authorized to perform lambda:InvokeFunction',
            address: ACTION,
            filename: 'main.tf',
            line: 12,
            code: 'action "aws_lambda_invoke" "notify" {',
          }),
        ],
      },
    },
  });
  const result = await simFinder(sim).find(target(run.runId));
  expect(result).toMatchObject({
    source: 'action',
    stage: 'apply',
    diagnostics: [
      {
        severity: 'error',
        summary: 'Failed to invoke action',
        detail: 'AccessDeniedException: not authorized to perform lambda:InvokeFunction',
        address: ACTION,
        location: 'main.tf line 12',
      },
    ],
  });
});

test('an action failing during the plan is found in the plan log after the apply log', async () => {
  const run = sim.runLogs.addRun({
    plan: {
      log: {
        lines: [
          versionLine(),
          diagnosticLine({
            severity: 'error',
            summary: 'Invalid action argument',
            detail: 'x',
            address: ACTION,
          }),
        ],
      },
    },
    apply: { log: { lines: [versionLine()] } },
  });
  const { find, reads } = simFinder(sim);
  expect(await find(target(run.runId))).toMatchObject({ source: 'action', stage: 'plan' });
  expect(reads.map((read) => read.stage)).toEqual(['apply', 'plan']);
});

test("no match: the run errors are returned, labelled as the run's, and secrets in them are masked", async () => {
  const run = sim.runLogs.addRun({
    plan: { log: { lines: cleanPlanLog() } },
    apply: {
      log: {
        lines: [
          actionErroredLine({ action: 'action.aws_lambda_invoke.other', error: 'boom' }),
          diagnosticLine({
            severity: 'error',
            summary: 'creating DB instance',
            detail: 'password=fakepass123 rejected for AKIAFAKEFAKEFAKE1234',
            address: 'aws_db_instance.main',
          }),
          diagnosticLine({ severity: 'warning', summary: 'Deprecated', detail: 'a warning is no run error' }),
        ],
      },
    },
  });
  const result = await simFinder(sim).find(target(run.runId));
  expect(result).toMatchObject({ source: 'run', stage: 'apply' });
  const diagnostics = 'diagnostics' in result ? result.diagnostics : [];
  expect(diagnostics.map((d) => d.summary)).toEqual([
    'Action errored: action.aws_lambda_invoke.other',
    'creating DB instance',
  ]);
  expect(JSON.stringify(diagnostics)).not.toMatch(/fakepass123|AKIAFAKEFAKEFAKE1234/);
});

test('a 403 on the log says the token may read runs but not logs', async () => {
  const run = sim.runLogs.addRun({
    plan: { log: { lines: cleanPlanLog() }, mode: 'forbidden' },
    apply: { log: { lines: failedActionApplyLog('x') }, mode: 'forbidden' },
  });
  const result = await simFinder(sim).find(target(run.runId));
  expect(result).toEqual({
    unavailable:
      "The run's log could not be read: HCP Terraform refused it (403), which means the token's team may read runs but not logs.",
    transient: true,
  });
});

test('an expired log URL is asked for once more, then reported in one sentence', async () => {
  const run = sim.runLogs.addRun({
    plan: { log: { lines: cleanPlanLog() }, mode: 'expired' },
    apply: { log: { lines: failedActionApplyLog('x') }, mode: 'expired' },
  });
  const { find, reads } = simFinder(sim);
  const result = await find(target(run.runId));
  expect(result).toEqual({
    unavailable:
      "The run's log could not be read: its short-lived download link had expired before it was used.",
    transient: true,
  });
  // The pre-signed URL is a credential: no answer carries it, and no log read carried the token.
  expect(JSON.stringify(result)).not.toMatch(/signature|_archivist/);
  expect(sim.runLogs.reads.every((read) => !read.hadAuthorization)).toBe(true);
  expect(reads.map((read) => `${read.stage}:${read.outcome}`)).toEqual([
    'apply:expired',
    'apply:expired',
    'plan:expired',
    'plan:expired',
  ]);
});

test('a URL that expired before use is replaced by a fresh one', async () => {
  const run = sim.runLogs.addRun({
    plan: { log: { lines: cleanPlanLog() } },
    apply: { log: { lines: failedActionApplyLog('late') }, mode: 'expired' },
  });
  const applyId = run.applyId ?? '';
  const api = simRunLogApi(sim);
  const { find, reads } = simFinder(sim, {
    api: {
      ...api,
      getStageLog: async (kind, id) => {
        const log = await api.getStageLog(kind, id);
        sim.runLogs.setMode(applyId, 'ok');
        return log;
      },
    },
  });
  expect(await find(target(run.runId))).toMatchObject({ source: 'action', stage: 'apply' });
  expect(reads.map((read) => read.outcome)).toEqual(['expired', 'complete']);
});

test('a missing log (404) and a run that does not exist are one sentence each', async () => {
  const run = sim.runLogs.addRun({
    plan: { log: { lines: cleanPlanLog() }, mode: 'missing' },
  });
  const { find } = simFinder(sim);
  expect(await find(target(run.runId))).toEqual({
    unavailable: "The run's log could not be read: HCP Terraform no longer has it (404).",
    transient: false,
  });
  const unknown = await find(target('run-doesnotexist1234'));
  expect(unknown).toMatchObject({ transient: false });
  expect('unavailable' in unknown && unknown.unavailable).toMatch(
    /^The run's details could not be read from HCP Terraform: run run-doesnotexist1234 not found/,
  );
});

test('a log without any error says so', async () => {
  const run = sim.runLogs.addRun({
    plan: { log: { lines: cleanPlanLog() } },
    apply: { log: { lines: [versionLine()] } },
  });
  expect(await simFinder(sim).find(target(run.runId))).toEqual({
    unavailable: "The run's logs hold no error diagnostics, for this action or any other.",
    transient: false,
  });
});
