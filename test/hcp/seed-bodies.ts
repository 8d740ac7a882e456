/** The sample responses of the API reference (the "seed", docs/architecture.md), transcribed verbatim. */

export const SEED_LIST_ACTIONS = {
  data: [
    {
      id: 'action-ryh1uSaExmQqK72V',
      type: 'actions',
      attributes: {
        address: 'action.terraform_data.restart',
        'module-address': 'module.foo',
        provider: 'terraform',
        'documentation-url': null,
        'created-at': '2026-05-12T15:30:00Z',
        'updated-at': '2026-05-12T15:31:00Z',
        'instance-type': 'for_each',
        'count-value': null,
        'for-each-values': ['key1', 'key2', 'key3'],
      },
      relationships: {
        workspace: { data: { id: 'ws-4j8p6jX1w33MiDC7', type: 'workspaces' } },
        'last-invocation': { data: { id: 'ai-TmqZCTY8bCi6b3Am', type: 'action-invocations' } },
      },
    },
  ],
  links: {
    self: 'https://app.terraform.io/api/v2/workspaces/ws-4j8p6jX1w33MiDC7/terraform-actions?page%5Bnumber%5D=1&page%5Bsize%5D=20',
    first:
      'https://app.terraform.io/api/v2/workspaces/ws-4j8p6jX1w33MiDC7/terraform-actions?page%5Bnumber%5D=1&page%5Bsize%5D=20',
    prev: null,
    next: null,
    last: 'https://app.terraform.io/api/v2/workspaces/ws-4j8p6jX1w33MiDC7/terraform-actions?page%5Bnumber%5D=1&page%5Bsize%5D=20',
  },
};

export const SEED_ACTION_FILTER_OPTIONS = {
  data: {
    id: 'ws-4j8p6jX1w33MiDC7',
    type: 'action-filter-options',
    attributes: { providers: ['terraform'] },
  },
};

export const SEED_SHOW_ACTION = {
  data: {
    id: 'action-ryh1uSaExmQqK72V',
    type: 'actions',
    attributes: {
      address: 'action.terraform_data.restart',
      'module-address': 'system:root_module',
      provider: 'terraform',
      'documentation-url': null,
      'created-at': '2026-05-12T15:30:00Z',
      'updated-at': '2026-05-12T15:31:00Z',
      'invocation-count': 3,
      'instance-type': 'count',
      'count-value': 3,
      'for-each-values': null,
    },
    relationships: {
      workspace: { data: { id: 'ws-4j8p6jX1w33MiDC7', type: 'workspaces' } },
      'last-invocation': { data: { id: 'ai-TmqZCTY8bCi6b3Am', type: 'action-invocations' } },
    },
  },
};

export const SEED_RUN_SUMMARIES = {
  data: [
    {
      id: 'action-ryh1uSaExmQqK72V:run-KTuq99JSzgmDSvYj',
      type: 'action-invocation-run-summary',
      attributes: {
        'aggregate-invocation-status': 'successful',
        'invocation-method': 'direct',
        'invoked-at': '2026-05-12T15:40:00Z',
        'invoked-by': { username: 'example-user', 'avatar-url': 'https://example.com/avatar.png' },
        'invocation-statuses': { successful: 1, failed: 0 },
        'planned-invocation-count': 1,
      },
      relationships: {
        action: { data: { id: 'action-ryh1uSaExmQqK72V', type: 'actions' } },
        run: { data: { id: 'run-KTuq99JSzgmDSvYj', type: 'runs' } },
      },
    },
  ],
};

export const SEED_INVOCATION_FILTER_OPTIONS = {
  data: {
    id: 'action-ryh1uSaExmQqK72V',
    type: 'action-invocation-filter-options',
    attributes: { 'invoked-by': ['example-user', 'system:not_a_user'] },
  },
};

export const SEED_INVOCATIONS = {
  data: [
    {
      id: 'ai-TmqZCTY8bCi6b3Am',
      type: 'action-invocations',
      attributes: {
        'final-status': 'successful',
        'invocation-method': 'direct',
        'action-key': null,
        'action-trigger-event': null,
        'triggering-resource-address': null,
        'action-trigger-block-index': null,
        'actions-list-index': 0,
        'invoked-at': '2026-05-12T15:40:00Z',
        'created-at': '2026-05-12T15:40:00Z',
        'updated-at': '2026-05-12T15:41:00Z',
      },
      relationships: {
        action: { data: { id: 'action-ryh1uSaExmQqK72V', type: 'actions' } },
        run: { data: { id: 'run-KTuq99JSzgmDSvYj', type: 'runs' } },
      },
    },
  ],
  meta: { counts: { invocations: { total: 1 } } },
};

export const SEED_RESOURCE_GROUPS = {
  data: [
    {
      id: 'aws_instance.example',
      type: 'action-invocation-resource-groups',
      attributes: {
        'triggering-resource-address': 'aws_instance.example',
        'aggregate-invocation-status': 'successful',
        invocations: [
          {
            id: 'ai-zL1x3WQdtgP5ZB8r',
            'final-status': 'successful',
            'action-key': null,
            'action-trigger-event': 'AfterCreate',
          },
        ],
      },
    },
  ],
  meta: { counts: { invocations: { total: 1 }, 'resource-groups': { total: 1 } } },
};
