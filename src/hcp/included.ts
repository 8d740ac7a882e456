/** The `included` side-loads of a JSON:API answer, looked up by type and ID. Malformed entries are skipped. */

import { type ApiResponse, isJsonObject, type JsonApiResource } from './jsonapi.js';

export class IncludedResources {
  private readonly byKey = new Map<string, JsonApiResource>();

  constructor(response: ApiResponse) {
    const included = isJsonObject(response.body) ? response.body.included : undefined;
    if (!Array.isArray(included)) return;
    for (const entry of included) {
      if (!isJsonObject(entry)) continue;
      const { id, type } = entry;
      if (typeof id !== 'string' || id === '' || typeof type !== 'string' || type === '') continue;
      this.byKey.set(key(type, id), {
        id,
        type,
        attributes: isJsonObject(entry.attributes) ? entry.attributes : {},
        relationships: isJsonObject(entry.relationships) ? entry.relationships : {},
      });
    }
  }

  find(type: string, id: string | null): JsonApiResource | undefined {
    return id === null ? undefined : this.byKey.get(key(type, id));
  }
}

/** The IDs of a to-many relationship (`relationships.<name>.data[].id`), or null when absent. */
export function relatedIds(resource: JsonApiResource, name: string): string[] | null {
  const relationship = resource.relationships[name];
  if (!isJsonObject(relationship) || !Array.isArray(relationship.data)) return null;
  return relationship.data.flatMap((item) =>
    isJsonObject(item) && typeof item.id === 'string' && item.id !== '' ? [item.id] : [],
  );
}

function key(type: string, id: string): string {
  return `${type}\u0000${id}`;
}
