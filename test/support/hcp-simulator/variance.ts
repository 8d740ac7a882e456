import { SEED_ROOT_MODULE } from './seed-values.js';

/**
 * Variance mode: every answer differs from the seed samples the way a real HCP Terraform may. Nulls in
 * optional attributes, enum values the seed does not list, unknown attributes, relationships and meta, a
 * plain action (instance-type null, no count or for_each), a root-module action with module-address null, a
 * not_invoked run summary with invoked-at null, and one unreadable item (no id) at the end of every list.
 * Filters still see the stored seed values; only what is sent changes.
 */

/** Values beyond the seed's lists, one per enum. */
export const UNLISTED = {
  /** What a run summary of a run still in progress reports. */
  runSummaryStatus: 'canceled',
  /** What direct invocations report as their method. */
  invocationMethod: 'scheduled',
  /** What not_invoked invocations report. */
  finalStatus: 'skipped',
  /** What a resource group of a run still in progress reports. */
  resourceGroupStatus: 'in_progress',
} as const;

export interface VarianceContext {
  /** The run of a per-run endpoint is still in progress. */
  readonly runInProgress: boolean;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function renamed(value: unknown, from: string, to: string): unknown {
  return value === from ? to : value;
}

function nulled(attributes: JsonObject, names: readonly string[]): void {
  for (const name of names) attributes[name] = null;
}

const VARY_ATTRIBUTES: Readonly<Record<string, (attributes: JsonObject, context: VarianceContext) => void>> =
  {
    actions: (attributes) => {
      if (attributes['module-address'] === SEED_ROOT_MODULE) attributes['module-address'] = null;
      if (attributes['instance-type'] === 'single') attributes['instance-type'] = null;
      nulled(attributes, ['provider', 'documentation-url', 'created-at', 'updated-at']);
      if ('invocation-count' in attributes) attributes['invocation-count'] = null;
    },
    'action-invocation-run-summary': (attributes) => {
      const status = attributes['aggregate-invocation-status'];
      if (status === 'not_invoked') attributes['invoked-at'] = null;
      attributes['aggregate-invocation-status'] = renamed(
        status,
        'run_in_progress',
        UNLISTED.runSummaryStatus,
      );
      attributes['invocation-method'] = renamed(
        attributes['invocation-method'],
        'direct',
        UNLISTED.invocationMethod,
      );
      nulled(attributes, ['invoked-by', 'invocation-statuses', 'planned-invocation-count']);
    },
    'action-invocations': (attributes) => {
      attributes['final-status'] = renamed(attributes['final-status'], 'not_invoked', UNLISTED.finalStatus);
      attributes['invocation-method'] = renamed(
        attributes['invocation-method'],
        'direct',
        UNLISTED.invocationMethod,
      );
      nulled(attributes, ['invoked-at', 'created-at', 'updated-at', 'actions-list-index']);
    },
    'action-invocation-resource-groups': (attributes, context) => {
      if (context.runInProgress) attributes['aggregate-invocation-status'] = UNLISTED.resourceGroupStatus;
      attributes['triggering-resource-address'] = null;
      const invocations = attributes.invocations;
      if (!Array.isArray(invocations)) return;
      attributes.invocations = invocations.map((invocation) =>
        isObject(invocation)
          ? {
              ...invocation,
              'final-status': renamed(invocation['final-status'], 'not_invoked', UNLISTED.finalStatus),
              'action-trigger-event': null,
              'x-future-field': 1,
            }
          : invocation,
      );
    },
  };

function varyResource(resource: unknown, context: VarianceContext): unknown {
  if (!isObject(resource)) return resource;
  const attributes: JsonObject = {
    ...(isObject(resource.attributes) ? resource.attributes : {}),
    'x-future-attribute': { nested: ['value', 2], enabled: null },
  };
  if (typeof resource.type === 'string') VARY_ATTRIBUTES[resource.type]?.(attributes, context);
  return {
    ...resource,
    attributes,
    relationships: {
      ...(isObject(resource.relationships) ? resource.relationships : {}),
      'future-relation': { data: { id: 'fr-1', type: 'future-things' }, links: { related: '/x' } },
      'future-list': { data: [] },
    },
    links: { self: '/api/v2/somewhere' },
    meta: { 'x-future-meta': true },
  };
}

/** An item of the list's type without an id: the client must skip it and use the rest. */
function unreadableItem(type: string): JsonObject {
  return { type, attributes: { 'x-future-attribute': 'this item has no id' } };
}

export function withVariance(body: unknown, context: VarianceContext): unknown {
  if (!isObject(body)) return body;
  const data = body.data;
  if (Array.isArray(data)) {
    const first = data[0];
    const type = isObject(first) && typeof first.type === 'string' ? first.type : 'future-things';
    return {
      ...body,
      data: [...data.map((item) => varyResource(item, context)), unreadableItem(type)],
      meta: { ...(isObject(body.meta) ? body.meta : {}), 'x-future-meta': { total: 'many' } },
    };
  }
  if (isObject(data)) return { ...body, data: varyResource(data, context) };
  return body;
}
