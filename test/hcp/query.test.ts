import {
  actionsQuery,
  encodeQuery,
  invocationsQuery,
  resourceGroupsQuery,
  runSummariesQuery,
} from '../../src/hcp/query.js';

describe('query strings as in the seed sample requests', () => {
  test('list actions: page[size]', () => {
    expect(encodeQuery(actionsQuery({ pageSize: 20 }))).toBe('page%5Bsize%5D=20');
  });

  test('run summaries: invocation method and page size', () => {
    expect(encodeQuery(runSummariesQuery({ invocationMethods: ['direct'], pageSize: 20 }))).toBe(
      'filter%5Binvocation_method%5D=direct&page%5Bsize%5D=20',
    );
  });

  test('invocations of a run: status and page size', () => {
    expect(encodeQuery(invocationsQuery({ statuses: ['successful'], pageSize: 20 }))).toBe(
      'filter%5Bstatus%5D=successful&page%5Bsize%5D=20',
    );
  });

  test('lifecycle resource groups: aggregate status and page size', () => {
    expect(encodeQuery(resourceGroupsQuery({ statuses: ['successful'], pageSize: 20 }))).toBe(
      'filter%5Baggregate_status%5D=successful&page%5Bsize%5D=20',
    );
  });
});

describe('every filter of the seed', () => {
  test('actions: provider, module, the four time bounds, page number', () => {
    const query = encodeQuery(
      actionsQuery({
        provider: 'terraform',
        moduleAddress: 'system:root_module',
        lastInvokedAt: {
          gte: '2026-05-12T15:40:00Z',
          gt: '2026-05-12T15:40:01Z',
          lte: '2026-05-13T00:00:00+02:00',
          lt: '2026-05-13T00:00:00.500Z',
        },
        pageNumber: 3,
        pageSize: 100,
      }),
    );
    expect(query).toBe(
      [
        'filter%5Bprovider%5D=terraform',
        'filter%5Bmodule_address%5D=system%3Aroot_module',
        'filter%5Blast_invocation%5D%5Binvoked_at%5D%5Bgte%5D=2026-05-12T15%3A40%3A00Z',
        'filter%5Blast_invocation%5D%5Binvoked_at%5D%5Bgt%5D=2026-05-12T15%3A40%3A01Z',
        'filter%5Blast_invocation%5D%5Binvoked_at%5D%5Blte%5D=2026-05-13T00%3A00%3A00%2B02%3A00',
        'filter%5Blast_invocation%5D%5Binvoked_at%5D%5Blt%5D=2026-05-13T00%3A00%3A00.500Z',
        'page%5Bnumber%5D=3',
        'page%5Bsize%5D=100',
      ].join('&'),
    );
  });

  test('run summaries: run, methods, statuses, invokers, sources, time bounds; commas encoded as %2C', () => {
    const query = encodeQuery(
      runSummariesQuery({
        runId: 'run-KTuq99JSzgmDSvYj',
        invocationMethods: ['direct', 'lifecycle'],
        statuses: ['not_successful', 'run_in_progress'],
        invokedBy: ['example-user', 'system:not_a_user'],
        sources: ['tfe-ui', 'terraform+cloud'],
        invokedAt: { gte: '2026-05-12T15:40:00Z', lt: '2026-05-12T16:00:00Z' },
      }),
    );
    expect(query).toBe(
      [
        'filter%5Brun%5D%5Bid%5D=run-KTuq99JSzgmDSvYj',
        'filter%5Binvocation_method%5D=direct%2Clifecycle',
        'filter%5Baggregate_invocation_status%5D=not_successful%2Crun_in_progress',
        'filter%5Binvoked_by%5D=example-user%2Csystem%3Anot_a_user',
        'filter%5Bsource%5D=tfe-ui%2Cterraform%2Bcloud',
        'filter%5Binvoked_at%5D%5Bgte%5D=2026-05-12T15%3A40%3A00Z',
        'filter%5Binvoked_at%5D%5Blt%5D=2026-05-12T16%3A00%3A00Z',
      ].join('&'),
    );
    // What the server decodes:
    expect(Object.fromEntries(new URLSearchParams(query))).toMatchObject({
      'filter[invocation_method]': 'direct,lifecycle',
      'filter[source]': 'tfe-ui,terraform+cloud',
    });
  });

  test('invocations and resource groups: q is percent-encoded', () => {
    expect(encodeQuery(invocationsQuery({ statuses: ['failed', 'not_invoked'], q: 'web server&x=1' }))).toBe(
      'filter%5Bstatus%5D=failed%2Cnot_invoked&q=web%20server%26x%3D1',
    );
    expect(encodeQuery(resourceGroupsQuery({ statuses: ['not_successful'], q: 'aws_instance' }))).toBe(
      'filter%5Baggregate_status%5D=not_successful&q=aws_instance',
    );
  });

  test('absent options and empty lists send nothing; duplicates are sent once', () => {
    expect(encodeQuery(actionsQuery())).toBe('');
    expect(encodeQuery(runSummariesQuery({ statuses: [], invokedBy: [] }))).toBe('');
    expect(encodeQuery(invocationsQuery({ q: '  ' }))).toBe('');
    expect(encodeQuery(invocationsQuery({ statuses: ['failed', 'failed'] }))).toBe(
      'filter%5Bstatus%5D=failed',
    );
  });
});

describe('bad options throw a RangeError before anything is sent', () => {
  test.each([
    ['page size above 100', () => actionsQuery({ pageSize: 101 })],
    ['page size 0', () => actionsQuery({ pageSize: 0 })],
    ['fractional page size', () => actionsQuery({ pageSize: 2.5 })],
    ['page number 0', () => runSummariesQuery({ pageNumber: 0 })],
    ['unknown status', () => runSummariesQuery({ statuses: ['broken' as never] })],
    ['unknown method', () => runSummariesQuery({ invocationMethods: ['manual' as never] })],
    ['unknown source', () => runSummariesQuery({ sources: ['tfe-cli' as never] })],
    ['invoker with a comma', () => runSummariesQuery({ invokedBy: ['a,b'] })],
    ['malformed run ID', () => runSummariesQuery({ runId: 'run-../x' })],
    ['timestamp that is not ISO-8601', () => actionsQuery({ lastInvokedAt: { gte: 'yesterday' } })],
    ['impossible date', () => runSummariesQuery({ invokedAt: { lt: '2026-13-45T99:00:00Z' } })],
    ['empty provider', () => actionsQuery({ provider: '' })],
    [
      'resource-group status of the invocation vocabulary',
      () => resourceGroupsQuery({ statuses: ['failed' as never] }),
    ],
  ])('%s', (_name, build) => {
    expect(build).toThrow(RangeError);
  });
});
