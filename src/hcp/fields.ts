/**
 * Typed reads of JSON:API attributes. A required attribute that is missing or of the wrong type is a
 * MalformedResponseError; a nullable one may be null or absent (read as null); unknown attributes are ignored.
 * Enum attributes are read as plain nullable strings: values the API reference does not list are kept, never rejected.
 */

import { MalformedResponseError } from './errors.js';
import { quotedForMessage } from './ids.js';
import { isJsonObject, type JsonObject } from './jsonapi.js';

export class FieldReader {
  constructor(
    private readonly record: JsonObject,
    /** Where the record is, for messages: `actions "action-1"`. */
    private readonly where: string,
    private readonly request: string,
  ) {}

  string(name: string): string {
    return this.required(name, this.nullableString(name));
  }

  nullableString(name: string): string | null {
    return this.read(name, 'a string', (value) => (typeof value === 'string' ? value : undefined));
  }

  nullableNumber(name: string): number | null {
    return this.read(name, 'a number', (value) =>
      typeof value === 'number' && Number.isFinite(value) ? value : undefined,
    );
  }

  stringList(name: string): string[] {
    return this.required(name, this.nullableStringList(name));
  }

  nullableStringList(name: string): string[] | null {
    return this.read(name, 'a list of strings', (value) =>
      Array.isArray(value) && value.every((item) => typeof item === 'string') ? [...value] : undefined,
    );
  }

  nullableObject(name: string): FieldReader | null {
    const record = this.read(name, 'an object', (value) => (isJsonObject(value) ? value : undefined));
    return record === null ? null : new FieldReader(record, `${this.where} ${name}`, this.request);
  }

  /** An absent or null list reads as empty. */
  objectList(name: string): FieldReader[] {
    const list =
      this.read(name, 'a list of objects', (value) =>
        Array.isArray(value) && value.every(isJsonObject) ? value : undefined,
      ) ?? [];
    return list.map(
      (record, index) => new FieldReader(record, `${this.where} ${name}[${index}]`, this.request),
    );
  }

  private read<T>(name: string, expected: string, accept: (value: unknown) => T | undefined): T | null {
    const value = this.record[name];
    if (value === undefined || value === null) return null;
    const accepted = accept(value);
    if (accepted === undefined) throw this.malformed(`${name} is not ${expected}`);
    return accepted;
  }

  private required<T>(name: string, value: T | null): T {
    if (value === null) throw this.malformed(`${name} is missing`);
    return value;
  }

  private malformed(problem: string): MalformedResponseError {
    return new MalformedResponseError(this.request, `${this.where}: ${problem}`);
  }
}

export function attributesOf(
  resource: { id: string; type: string; attributes: JsonObject },
  request: string,
): FieldReader {
  return new FieldReader(resource.attributes, `${resource.type} ${quotedForMessage(resource.id)}`, request);
}
