import { getAction, getActionFilterOptions, listActions } from '../../src/hcp/actions.js';
import { MalformedResponseError } from '../../src/hcp/errors.js';
import {
  getInvocationFilterOptions,
  listInvocations,
  listResourceGroups,
  listRunSummaries,
} from '../../src/hcp/invocations.js';
import { getWorkspace, getWorkspaceByName } from '../../src/hcp/workspaces.js';
import { fakeHttp } from './fake-http.js';
import {
  SEED_ACTION_FILTER_OPTIONS,
  SEED_INVOCATION_FILTER_OPTIONS,
  SEED_INVOCATIONS,
  SEED_LIST_ACTIONS,
  SEED_RESOURCE_GROUPS,
  SEED_RUN_SUMMARIES,
  SEED_SHOW_ACTION,
} from './seed-bodies.js';

const WS = 'ws-4j8p6jX1w33MiDC7';
const ACTION = 'action-ryh1uSaExmQqK72V';
const RUN = 'run-KTuq99JSzgmDSvYj';

function clone<T>(value: T): T {
  return structuredClone(value);
}

describe('parsers on the seed sample bodies', () => {
  test('list actions', async () => {
    const http = fakeHttp(SEED_LIST_ACTIONS);
    const page = await listActions(http, WS, { pageSize: 20 });
    expect(http.requests[0]).toMatchObject({ path: `/workspaces/${WS}/terraform-actions` });
    expect(page.items).toEqual([
      {
        id: ACTION,
        address: 'action.terraform_data.restart',
        moduleAddress: 'module.foo',
        provider: 'terraform',
        documentationUrl: null,
        createdAt: '2026-05-12T15:30:00Z',
        updatedAt: '2026-05-12T15:31:00Z',
        invocationCount: null,
        instanceType: 'for_each',
        countValue: null,
        forEachValues: ['key1', 'key2', 'key3'],
        workspaceId: WS,
        lastInvocationId: 'ai-TmqZCTY8bCi6b3Am',
      },
    ]);
    expect(page.pagination).toEqual({
      currentPage: 1,
      totalPages: 1,
      totalCount: null,
      nextPage: null,
      prevPage: null,
      pageSize: 20,
    });
    expect(page.serverTime).toBe('2026-05-12T15:45:00Z');
  });

  test('show action', async () => {
    const action = await getAction(fakeHttp(SEED_SHOW_ACTION), ACTION);
    expect(action).toMatchObject({
      moduleAddress: 'system:root_module',
      invocationCount: 3,
      instanceType: 'count',
      countValue: 3,
      forEachValues: null,
      documentationUrl: null,
    });
  });

  test('action filter options', async () => {
    const http = fakeHttp(SEED_ACTION_FILTER_OPTIONS);
    expect(await getActionFilterOptions(http, WS)).toEqual({ workspaceId: WS, providers: ['terraform'] });
    expect(http.requests[0]?.path).toBe(`/workspaces/${WS}/terraform-actions/filter-options`);
  });

  test('run summaries', async () => {
    const page = await listRunSummaries(fakeHttp(SEED_RUN_SUMMARIES), ACTION, {
      invocationMethods: ['direct'],
      pageSize: 20,
    });
    expect(page.items).toEqual([
      {
        id: `${ACTION}:${RUN}`,
        actionId: ACTION,
        runId: RUN,
        aggregateInvocationStatus: 'successful',
        invocationMethod: 'direct',
        invokedAt: '2026-05-12T15:40:00Z',
        invokedBy: { username: 'example-user', avatarUrl: 'https://example.com/avatar.png' },
        successful: 1,
        failed: 0,
        plannedInvocationCount: 1,
      },
    ]);
    // No meta.pagination, no links: one item on a page of 20 is the last page.
    expect(page.pagination.nextPage).toBeNull();
  });

  test('run summary with an opaque ID falls back to relationships; invoked-by may be null', async () => {
    const body = clone(SEED_RUN_SUMMARIES);
    const [summary] = body.data;
    if (!summary) throw new Error('fixture');
    summary.id = 'rs-opaque';
    Object.assign(summary.attributes, { 'invoked-by': null });
    const page = await listRunSummaries(fakeHttp(body), ACTION);
    expect(page.items[0]).toMatchObject({ id: 'rs-opaque', actionId: ACTION, runId: RUN, invokedBy: null });
  });

  test('invocation filter options', async () => {
    expect(await getInvocationFilterOptions(fakeHttp(SEED_INVOCATION_FILTER_OPTIONS), ACTION)).toEqual({
      actionId: ACTION,
      invokedBy: ['example-user', 'system:not_a_user'],
    });
  });

  test('invocations of a run, with meta.counts', async () => {
    const http = fakeHttp(SEED_INVOCATIONS);
    const page = await listInvocations(http, ACTION, RUN, { statuses: ['successful'], pageSize: 20 });
    expect(http.requests[0]?.path).toBe(`/terraform-actions/${ACTION}/runs/${RUN}/invocations`);
    expect(page.items).toEqual([
      {
        id: 'ai-TmqZCTY8bCi6b3Am',
        finalStatus: 'successful',
        invocationMethod: 'direct',
        actionKey: null,
        actionTriggerEvent: null,
        triggeringResourceAddress: null,
        actionTriggerBlockIndex: null,
        actionsListIndex: 0,
        invokedAt: '2026-05-12T15:40:00Z',
        createdAt: '2026-05-12T15:40:00Z',
        updatedAt: '2026-05-12T15:41:00Z',
        actionId: ACTION,
        runId: RUN,
      },
    ]);
    expect(page.counts).toEqual({ invocations: 1 });
  });

  test('lifecycle resource groups', async () => {
    const page = await listResourceGroups(fakeHttp(SEED_RESOURCE_GROUPS), ACTION, RUN);
    expect(page.items).toEqual([
      {
        id: 'aws_instance.example',
        triggeringResourceAddress: 'aws_instance.example',
        aggregateInvocationStatus: 'successful',
        invocations: [
          {
            id: 'ai-zL1x3WQdtgP5ZB8r',
            finalStatus: 'successful',
            actionKey: null,
            actionTriggerEvent: 'AfterCreate',
          },
        ],
      },
    ]);
    expect(page.counts).toEqual({ invocations: 1, 'resource-groups': 1 });
  });

  test('workspaces: organization from relationships, else the one asked for', async () => {
    const withOrganization = {
      data: {
        id: WS,
        type: 'workspaces',
        attributes: { name: 'networking-prod', 'auto-apply': false },
        relationships: { organization: { data: { id: 'acme', type: 'organizations' } } },
      },
    };
    expect(await getWorkspace(fakeHttp(withOrganization), WS)).toEqual({
      id: WS,
      name: 'networking-prod',
      organization: 'acme',
    });
    const http = fakeHttp({ data: { id: WS, type: 'workspaces', attributes: { name: 'networking-prod' } } });
    expect(await getWorkspaceByName(http, 'acme', 'networking-prod')).toMatchObject({ organization: 'acme' });
    expect(http.requests[0]?.path).toBe('/organizations/acme/workspaces/networking-prod');
    await expect(
      getWorkspace(fakeHttp({ data: { id: WS, type: 'workspaces', attributes: { name: 'x' } } }), WS),
    ).rejects.toThrow(MalformedResponseError);
  });
});

describe('tolerance and strictness', () => {
  test('unknown extra attributes are ignored', async () => {
    const body = clone(SEED_SHOW_ACTION);
    Object.assign(body.data.attributes, { 'brand-new': { nested: true }, another: 1 });
    await expect(getAction(fakeHttp(body), ACTION)).resolves.toMatchObject({ id: ACTION });
  });

  test('absent nullable attributes read as null', async () => {
    const body = clone(SEED_SHOW_ACTION);
    const attributes: Record<string, unknown> = body.data.attributes;
    delete attributes['documentation-url'];
    delete attributes['invocation-count'];
    delete attributes['for-each-values'];
    await expect(getAction(fakeHttp(body), ACTION)).resolves.toMatchObject({
      documentationUrl: null,
      invocationCount: null,
      forEachValues: null,
    });
  });

  test.each([
    [
      'address',
      SEED_SHOW_ACTION,
      (b: typeof SEED_SHOW_ACTION) => Reflect.deleteProperty(b.data.attributes, 'address'),
    ],
    [
      'provider',
      SEED_SHOW_ACTION,
      (b: typeof SEED_SHOW_ACTION) => Object.assign(b.data.attributes, { provider: 7 }),
    ],
    [
      'count-value',
      SEED_SHOW_ACTION,
      (b: typeof SEED_SHOW_ACTION) => Object.assign(b.data.attributes, { 'count-value': '3' }),
    ],
  ])(
    'a missing required attribute or a mistyped one (%s) is a MalformedResponseError',
    async (name, seed, spoil) => {
      const body = clone(seed);
      spoil(body);
      const failure = getAction(fakeHttp(body), ACTION);
      await expect(failure).rejects.toThrow(MalformedResponseError);
      await expect(failure).rejects.toThrow(name);
    },
  );

  test('a status value the seed does not list is kept as it is', async () => {
    const body = clone(SEED_RUN_SUMMARIES);
    Object.assign(body.data[0]?.attributes ?? {}, { 'aggregate-invocation-status': 'exploded' });
    const page = await listRunSummaries(fakeHttp(body), ACTION);
    expect(page.items.map((summary) => summary.aggregateInvocationStatus)).toEqual(['exploded']);
  });

  test('missing invocation counts read as null', async () => {
    const body = clone(SEED_RUN_SUMMARIES);
    Reflect.deleteProperty(body.data[0]?.attributes ?? {}, 'invocation-statuses');
    const page = await listRunSummaries(fakeHttp(body), ACTION);
    expect(page.items[0]).toMatchObject({ successful: null, failed: null, plannedInvocationCount: 1 });
  });

  test('an unreadable item is skipped and reported; the rest of the page is used', async () => {
    const body = clone(SEED_RUN_SUMMARIES);
    const readable = body.data[0];
    if (!readable) throw new Error('the seed sample has a run summary');
    const noRelations = { ...clone(readable), id: 'no-colon-here', relationships: {} };
    const mistyped = clone(readable);
    Object.assign(mistyped.attributes, { 'invoked-at': 42 });
    Object.assign(body, {
      data: [{ type: 'action-invocation-run-summary' }, readable, noRelations, mistyped],
    });
    const http = fakeHttp(body);
    const page = await listRunSummaries(http, ACTION, { pageSize: 4 });
    expect(page.items.map((summary) => summary.runId)).toEqual([RUN]);
    expect(http.skipped).toEqual([
      'a resource has no "id"',
      'run summary "no-colon-here" names no action and run (neither in its ID nor its relationships)',
      expect.stringMatching(/^action-invocation-run-summary "action-.*": invoked-at is not a string$/),
    ]);
    // Four items came for four asked: a next page may follow, whatever was skipped.
    expect(page.pagination.nextPage).toBe(2);
    expect(page.skippedItems).toBe(3);
  });

  test('only a body that is not a JSON:API document is a MalformedResponseError', async () => {
    await expect(listActions(fakeHttp({ errors: [] }), WS)).rejects.toThrow(MalformedResponseError);
    await expect(listActions(fakeHttp({ data: {} }), WS)).rejects.toThrow(MalformedResponseError);
    await expect(getAction(fakeHttp({ data: [] }), ACTION)).rejects.toThrow(MalformedResponseError);
    await expect(listActions(fakeHttp('<html>'), WS)).rejects.toThrow(MalformedResponseError);
  });
});
