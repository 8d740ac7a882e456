import { blocksText as textOf } from '../support/blocks-text.js';
import { UNLISTED } from '../support/hcp-simulator/index.js';
import { listButtons } from '../support/slack-standin/index.js';
import { startWebHarness, type WebHarness } from '../support/web-harness.js';

/**
 * Every query subcommand through the real Bolt app while the HCP simulator answers in variance mode: nulls,
 * enum values the seed does not list, unknown attributes, one unreadable item per list. Each answer is a
 * result, never "HCP Terraform sent an unreadable answer".
 */

let h: WebHarness;
let workspaceId: string;
let plainActionId: string;
let failedRunId: string;
let idleRunId: string;
let lifecycleActionId: string;
let runningRunId: string;

beforeAll(async () => {
  h = await startWebHarness();
  h.sim.setVariance(true);
  const ws = h.sim.addWorkspace({ name: 'networking-prod', organization: 'acme' });
  workspaceId = ws.id;
  // A plain root-module action: variance sends instance-type null and module-address null.
  plainActionId = h.sim.addAction({ workspaceId, address: 'action.aws_lambda_invoke.notify' }).id;
  failedRunId = h.sim.addRun({ workspaceId }).id;
  h.sim.addInvocation({
    actionId: plainActionId,
    runId: failedRunId,
    finalStatus: 'failed',
    invokedBy: 'bob',
  });
  h.sim.addInvocation({ actionId: plainActionId, runId: failedRunId, finalStatus: 'not_invoked' });
  idleRunId = h.sim.addRun({ workspaceId }).id;
  h.sim.addInvocation({ actionId: plainActionId, runId: idleRunId, finalStatus: 'not_invoked' });
  lifecycleActionId = h.sim.addAction({
    workspaceId,
    address: 'action.terraform_data.restart',
    moduleAddress: 'module.web',
  }).id;
  runningRunId = h.sim.addRun({ workspaceId, inProgress: true }).id;
  h.sim.addInvocation({
    actionId: lifecycleActionId,
    runId: runningRunId,
    method: 'lifecycle',
    finalStatus: 'successful',
    triggerEvent: 'AfterCreate',
    triggeringResourceAddress: 'aws_instance.web',
  });
});

afterAll(async () => {
  await h.close();
});

async function answerTo(text: string): Promise<{ text: string; fallback: string; buttons: string[] }> {
  const answer = await h.command(text);
  expect(answer.status).toBe(200);
  const [response] = await h.slack.waitForResponses(1, answer.responseUrl);
  if (!response) throw new Error(`no response to ${text}`);
  const shown = textOf(response.blocks ?? []);
  expect(shown).not.toMatch(/unreadable/i);
  expect(response.text ?? '').not.toMatch(/unreadable/i);
  return {
    text: shown,
    fallback: response.text ?? '',
    buttons: listButtons(response.blocks ?? []).map((button) => button.text),
  };
}

test('actions: a plain action shows unknown provider and module and a single instance', async () => {
  const { text, buttons } = await answerTo(`actions ${workspaceId}`);
  expect(text).toContain('action.aws_lambda_invoke.notify');
  expect(text).toContain('action.terraform_data.restart');
  expect(text).toContain('Provider unknown');
  expect(text).toContain('Module unknown ·');
  expect(text).toContain('single instance');
  expect(buttons).toEqual(expect.arrayContaining(['Runs', 'Failed runs']));
});

test('action: unknown provider, count and dates shown as unknown or —', async () => {
  const { text, fallback } = await answerTo(`action ${plainActionId}`);
  expect(text).toContain('action.aws_lambda_invoke.notify');
  expect(text).toMatch(/\*Provider\*\nunknown/);
  expect(text).toMatch(/\*Invocations\*\nunknown/);
  expect(text).toMatch(/\*Created\*\n—/);
  expect(fallback).toContain('(unknown, unknown module)');
});

test('providers lists what the filter options send', async () => {
  const { text } = await answerTo(`providers ${workspaceId}`);
  expect(text).toContain('aws');
});

test('runs: an unlisted method shown raw, a not_invoked run without invoked-at, counts unknown', async () => {
  const { text, buttons } = await answerTo(`runs ${plainActionId}`);
  expect(text).toContain(failedRunId);
  expect(text).toContain(idleRunId);
  expect(text).toContain(UNLISTED.invocationMethod);
  expect(text).toContain('? succeeded, ? failed of ? planned');
  expect(text).toContain('Not invoked');
  expect(text).toMatch(/· by system · —/);
  expect(buttons).toEqual(expect.arrayContaining(['Invocations', 'Resource groups']));
});

test('runs of a run in progress: the unlisted status shown raw with the neutral emoji', async () => {
  const { text } = await answerTo(`runs ${lifecycleActionId}`);
  expect(text).toContain(`:grey_question: *${UNLISTED.runSummaryStatus}*`);
  expect(text).toContain(runningRunId);
});

test('runs status filters stay strict: a value the seed does not list is refused as user input', async () => {
  h.sim.clearRequests();
  const { text } = await answerTo(`runs ${plainActionId} status:${UNLISTED.runSummaryStatus}`);
  expect(text).toMatch(/status/i);
  expect(h.sim.requests).toHaveLength(0);
});

test('invokers', async () => {
  const { text } = await answerTo(`invokers ${plainActionId}`);
  expect(text).toContain('bob');
});

test('invocations: the unlisted final status and method shown raw', async () => {
  const { text } = await answerTo(`invocations ${plainActionId} ${failedRunId}`);
  expect(text).toContain(`:grey_question: *${UNLISTED.finalStatus}*`);
  expect(text).toContain(':x: *Failed*');
});

test('resources: a group still in progress shows its unlisted status', async () => {
  const { text } = await answerTo(`resources ${lifecycleActionId} ${runningRunId}`);
  expect(text).toContain('aws_instance.web');
  expect(text).toContain(`:grey_question: *${UNLISTED.resourceGroupStatus}*`);
});
