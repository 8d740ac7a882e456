import { renderActionDetail } from '../../../src/slack/blocks/action-detail.js';
import { renderActionList } from '../../../src/slack/blocks/actions.js';
import { renderInvokers, renderProviders } from '../../../src/slack/blocks/filter-options.js';
import { renderInvocations } from '../../../src/slack/blocks/invocations.js';
import { renderResourceGroups } from '../../../src/slack/blocks/resource-groups.js';
import { renderRunSummaries } from '../../../src/slack/blocks/run-summaries.js';
import {
  ACTION_FILTER_OPTIONS,
  INVOCATION,
  INVOCATION_FILTER_OPTIONS,
  LIST_ACTION,
  onePage,
  RESOURCE_GROUP,
  RUN_SUMMARY,
  SHOW_ACTION,
  WORKSPACE,
} from '../../fixtures/hcp-samples.js';
import { allText, buttonsOf, checked, contextTexts, fieldsOf, headerOf, queryContext } from './support.js';

const ACTION_ID = 'action-ryh1uSaExmQqK72V';
const RUN_ID = 'run-KTuq99JSzgmDSvYj';
const RUN_LINK = `<https://app.terraform.io/app/acme/workspaces/networking-prod/runs/${RUN_ID}|${RUN_ID}>`;
const DATE = '<!date^1778600400^{date_short_pretty} {time}|2026-05-12T15:40:00Z>';

describe('renderActionList', () => {
  test('the seed list sample: facts of the action and its Runs / Failed runs buttons', () => {
    const message = checked(
      renderActionList(onePage([LIST_ACTION]), WORKSPACE, queryContext({ workspace: WORKSPACE })),
    );
    expect(message.text).toBe('1 Terraform action in acme/networking-prod');
    expect(headerOf(message)).toBe('Terraform actions in acme/networking-prod');
    expect(allText(message)).toContain(
      '*`action.terraform_data.restart`*\nProvider `terraform` · Module `module.foo` · for_each: `key1`, `key2`, `key3`\n`action-ryh1uSaExmQqK72V`',
    );
    expect(buttonsOf(message)).toEqual([
      {
        label: 'Runs',
        actionId: 'tfactions.query.0',
        payload: { kind: 'query', command: `runs ${ACTION_ID}` },
        url: undefined,
      },
      {
        label: 'Failed runs',
        actionId: 'tfactions.query.1',
        payload: { kind: 'query', command: `runs ${ACTION_ID} status:not_successful` },
        url: undefined,
      },
    ]);
    expect(contextTexts(message)).toContain('1 action');
  });

  test('count actions, invocation counts and a workspace known only by ID', () => {
    const message = checked(renderActionList(onePage([SHOW_ACTION]), { id: WORKSPACE.id }, queryContext()));
    expect(headerOf(message)).toBe(`Terraform actions in ${WORKSPACE.id}`);
    expect(allText(message)).toContain('Module root module · count = 3 · 3 invocations');
  });

  test('thread results carry thread buttons', () => {
    const message = renderActionList(
      onePage([LIST_ACTION]),
      WORKSPACE,
      queryContext({ buttonKind: 'thread' }),
    );
    expect(buttonsOf(message).map((button) => button.payload?.kind)).toEqual(['thread', 'thread']);
  });

  test('an empty result says so', () => {
    const message = checked(renderActionList(onePage([]), WORKSPACE, queryContext()));
    expect(message.text).toBe('No Terraform actions match this query in acme/networking-prod');
    expect(allText(message)).toContain('No actions match this query in *acme/networking-prod*');
    expect(buttonsOf(message)).toEqual([]);
  });
});

describe('renderActionDetail', () => {
  test('the seed show sample: header, fields, buttons', () => {
    const message = checked(renderActionDetail(SHOW_ACTION, queryContext({ workspace: WORKSPACE })));
    expect(headerOf(message)).toBe('action.terraform_data.restart');
    expect(message.text).toBe(
      'Terraform action action.terraform_data.restart (terraform, root module): 3 invocations',
    );
    expect(fieldsOf(message)).toEqual([
      '*Provider*\n`terraform`',
      '*Module*\nroot module',
      '*Instances*\ncount = 3',
      '*Invocations*\n3',
      '*Workspace*\n<https://app.terraform.io/app/acme/workspaces/networking-prod|acme/networking-prod>',
      '*Last invocation*\n`ai-TmqZCTY8bCi6b3Am`',
      '*Created*\n<!date^1778599800^{date_short_pretty} {time}|2026-05-12T15:30:00Z>',
      '*Updated*\n<!date^1778599860^{date_short_pretty} {time}|2026-05-12T15:31:00Z>',
    ]);
    expect(buttonsOf(message).map((button) => [button.label, button.payload])).toEqual([
      ['Runs', { kind: 'query', command: `runs ${ACTION_ID}` }],
      ['Failed runs', { kind: 'query', command: `runs ${ACTION_ID} status:not_successful` }],
    ]);
    expect(allText(message)).not.toContain('Documentation');
  });

  test('for_each keys, the documentation link and a share button', () => {
    const action = { ...LIST_ACTION, documentationUrl: 'https://docs.example.com/restart' };
    const message = checked(
      renderActionDetail(
        action,
        queryContext({ shareable: true, commandForPage: () => `action ${ACTION_ID}` }),
      ),
    );
    expect(fieldsOf(message)).toContain('*Instances*\nfor_each: `key1`, `key2`, `key3`');
    expect(fieldsOf(message)).toContain(`*Workspace*\n\`${WORKSPACE.id}\``);
    expect(allText(message)).toContain('*for_each keys*\n• `key1`\n• `key2`\n• `key3`');
    expect(allText(message)).toContain(':book: <https://docs.example.com/restart|Documentation>');
    expect(buttonsOf(message).at(-1)).toMatchObject({
      label: 'Share in channel',
      payload: { kind: 'share', command: `action ${ACTION_ID}` },
    });
  });
});

describe('filter options', () => {
  test('providers of the seed sample', () => {
    const message = checked(renderProviders(ACTION_FILTER_OPTIONS, queryContext({ workspace: WORKSPACE })));
    expect(headerOf(message)).toBe('Providers of Terraform actions in acme/networking-prod');
    expect(allText(message)).toContain('• `terraform`');
    expect(message.text).toBe('1 provider of Terraform actions in acme/networking-prod');
  });

  test('invokers, with system:not_a_user in words', () => {
    const message = checked(renderInvokers(INVOCATION_FILTER_OPTIONS, queryContext()));
    expect(headerOf(message)).toBe(`Who invoked ${ACTION_ID}`);
    expect(allText(message)).toContain('• `example-user`\n• no human actor (`system:not_a_user`)');
    expect(message.text).toBe(`2 invokers of ${ACTION_ID}`);
  });

  test('empty options say so', () => {
    expect(
      allText(checked(renderProviders({ workspaceId: WORKSPACE.id, providers: [] }, queryContext()))),
    ).toContain('has no Terraform actions yet');
    expect(
      allText(checked(renderInvokers({ actionId: ACTION_ID, invokedBy: [] }, queryContext()))),
    ).toContain('Nobody has invoked');
  });
});

describe('renderRunSummaries', () => {
  test('the seed run-summary sample with the run linked', () => {
    const message = checked(
      renderRunSummaries(onePage([RUN_SUMMARY]), SHOW_ACTION, queryContext({ workspace: WORKSPACE })),
    );
    expect(headerOf(message)).toBe('Runs of action.terraform_data.restart');
    expect(allText(message)).toContain(
      `:white_check_mark: *Successful* · ${RUN_LINK}\nDirect · by example-user · ${DATE}\n1 succeeded, 0 failed of 1 planned`,
    );
    expect(buttonsOf(message).map((button) => [button.label, button.payload])).toEqual([
      ['Invocations', { kind: 'query', command: `invocations ${ACTION_ID} ${RUN_ID}` }],
    ]);
    expect(message.text).toBe('1 run of action.terraform_data.restart');
  });

  test('lifecycle runs get Resource groups; no invoker reads system; no workspace means no link', () => {
    const summary = {
      ...RUN_SUMMARY,
      aggregateInvocationStatus: 'not_successful' as const,
      invocationMethod: 'lifecycle' as const,
      invokedBy: null,
      successful: 1,
      failed: 2,
      plannedInvocationCount: 3,
    };
    const message = checked(
      renderRunSummaries(onePage([summary]), null, queryContext({ buttonKind: 'thread' })),
    );
    expect(headerOf(message)).toBe(`Runs of ${ACTION_ID}`);
    expect(allText(message)).toContain(`:x: *Not successful* · \`${RUN_ID}\`\nLifecycle · by system`);
    expect(allText(message)).toContain('1 succeeded, 2 failed of 3 planned');
    expect(buttonsOf(message).map((button) => [button.label, button.payload])).toEqual([
      ['Invocations', { kind: 'thread', command: `invocations ${ACTION_ID} ${RUN_ID}` }],
      ['Resource groups', { kind: 'thread', command: `resources ${ACTION_ID} ${RUN_ID}` }],
    ]);
    expect(message.text).toBe(`1 run of ${ACTION_ID}, 1 not successful on this page`);
  });

  test('system:not_a_user reads system', () => {
    const summary = { ...RUN_SUMMARY, invokedBy: { username: 'system:not_a_user', avatarUrl: null } };
    expect(allText(renderRunSummaries(onePage([summary]), null, queryContext()))).toContain('by system');
  });

  test('no runs', () => {
    const message = checked(renderRunSummaries(onePage([]), SHOW_ACTION, queryContext()));
    expect(allText(message)).toContain('No runs match this query');
  });
});

describe('renderInvocations', () => {
  test('the seed invocation sample', () => {
    const message = checked(
      renderInvocations(
        onePage([INVOCATION], { invocations: 1 }),
        { actionId: ACTION_ID, runId: RUN_ID },
        queryContext(),
      ),
    );
    expect(headerOf(message)).toBe(`Invocations of ${ACTION_ID} in ${RUN_ID}`);
    expect(allText(message)).toContain(':white_check_mark: *Successful* · list index 0');
    expect(contextTexts(message)).toContain(`Run \`${RUN_ID}\` · action \`${ACTION_ID}\``);
    expect(contextTexts(message)).toContain('1 invocation');
  });

  test('every trait, in the order received', () => {
    const failed = {
      ...INVOCATION,
      id: 'ai-2',
      finalStatus: 'failed' as const,
      actionKey: 'key1',
      actionTriggerEvent: 'AfterCreate',
      triggeringResourceAddress: 'aws_instance.web',
      actionTriggerBlockIndex: 1,
      actionsListIndex: 2,
    };
    const message = checked(
      renderInvocations(
        onePage([failed, INVOCATION]),
        { actionId: ACTION_ID, runId: RUN_ID },
        queryContext({ workspace: WORKSPACE }),
      ),
    );
    expect(allText(message)).toContain(
      ':x: *Failed* · key `key1` · AfterCreate · on `aws_instance.web` · list index 2 · trigger block 1\n:white_check_mark: *Successful* · list index 0',
    );
    expect(contextTexts(message)).toContain(`Run ${RUN_LINK} · action \`${ACTION_ID}\``);
    expect(message.text).toBe(`2 invocations of ${ACTION_ID} in ${RUN_ID}, 1 failed on this page`);
  });
});

describe('renderResourceGroups', () => {
  test('the seed resource-group sample', () => {
    const message = checked(
      renderResourceGroups(
        { ...onePage([RESOURCE_GROUP], { invocations: 1, 'resource-groups': 1 }) },
        { actionId: ACTION_ID, runId: RUN_ID },
        queryContext(),
      ),
    );
    expect(headerOf(message)).toBe(`Resource groups of ${ACTION_ID} in ${RUN_ID}`);
    expect(allText(message)).toContain(
      ':white_check_mark: *Successful* · `aws_instance.example`\n    :white_check_mark: *Successful* · AfterCreate',
    );
    expect(contextTexts(message)).toContain('1 resource group');
  });

  test('a group with more invocations than fit says how many are left', () => {
    const invocations = Array.from({ length: 200 }, (_, i) => ({
      id: `ai-${i}`,
      finalStatus: 'failed' as const,
      actionKey: `key-${'k'.repeat(40)}-${i}`,
      actionTriggerEvent: 'AfterUpdate',
    }));
    const message = checked(
      renderResourceGroups(
        onePage([{ ...RESOURCE_GROUP, aggregateInvocationStatus: 'not_successful', invocations }]),
        { actionId: ACTION_ID, runId: RUN_ID },
        queryContext(),
      ),
    );
    expect(allText(message)).toMatch(/… and \d+ more invocations \(narrow with `q:`\)/);
  });
});
