/**
 * The scope of an organization subscription (`acme/*`, `acme/*-prod project:web tag:env=prod`): its type,
 * its canonical text, the parsing of its parts, whether a workspace is in it, and the cheapest workspaces
 * listing that finds its workspaces. Pure: no I/O.
 */

import type { ListOrganizationWorkspacesOptions, TagBinding } from '../hcp/organization-types.js';
import { MAX_PAGE_SIZE } from '../hcp/query.js';

export interface ScopeTag {
  key: string;
  /** Absent: any value, or a flat tag of that name. */
  value?: string;
}

export interface OrganizationScope {
  organization: string;
  /** Workspace name with `*` anywhere (`*-prod`, `app-*-eu`); absent: every name. */
  namePattern?: string;
  /** Project names; a workspace in any of them is in scope. Empty: every project. */
  projects: string[];
  /** All must match. */
  tags: ScopeTag[];
}

/** What the matcher needs of a workspace (an OrganizationWorkspace fits). */
export interface ScopedWorkspace {
  name: string;
  projectName: string | null;
  tagNames: readonly string[];
  tagBindings: readonly TagBinding[] | null;
}

export type ScopeTargetParse =
  | { kind: 'organization'; organization: string; namePattern?: string }
  /** `acme/networking`: one workspace, the existing per-workspace subscription. */
  | { kind: 'workspace' }
  | { kind: 'invalid'; message: string };

export type ScopeQualifierParse =
  | { kind: 'project'; project: string }
  | { kind: 'tag'; tag: ScopeTag }
  | { kind: 'other' }
  | { kind: 'invalid'; message: string };

const ORGANIZATION = /^[A-Za-z0-9_-]{1,90}$/;
const NAME_PATTERN = /^[A-Za-z0-9_*-]{1,90}$/;
/** Tag keys and values: HCP Terraform allows letters, digits, '-', '_', ':', '.', '/' among others, no spaces. */
const TAG_TEXT = /^[^\s=,]{1,255}$/;
const MAX_PROJECT_NAME = 90;

/** `acme`, `acme/*`, `acme/*-prod`; `acme/networking` is a single workspace. */
export function parseScopeTarget(text: string): ScopeTargetParse {
  const [organization = '', pattern, ...rest] = text.trim().split('/');
  if (rest.length > 0)
    return invalid(`${quote(text)} has more than one "/": write ORGANIZATION/* or ORGANIZATION/NAME-*`);
  if (!ORGANIZATION.test(organization))
    return invalid(`${quote(organization)} is not an organization name (letters, digits, "-" and "_")`);
  if (pattern === undefined || pattern === '*') return { kind: 'organization', organization };
  if (!pattern.includes('*')) return { kind: 'workspace' };
  if (!NAME_PATTERN.test(pattern))
    return invalid(`${quote(pattern)} is not a workspace name pattern (letters, digits, "-", "_" and "*")`);
  return { kind: 'organization', organization, namePattern: collapseStars(pattern) };
}

/** `project:NAME`, `tag:KEY`, `tag:KEY=VALUE`; anything else is `other` (an alert filter, for the grammar). */
export function parseScopeQualifier(token: string): ScopeQualifierParse {
  if (token.startsWith('project:')) {
    const project = token.slice('project:'.length);
    if (project === '') return invalid('project: needs a project name, e.g. project:networking');
    if (project.length > MAX_PROJECT_NAME)
      return invalid(`project names have at most ${MAX_PROJECT_NAME} characters`);
    return { kind: 'project', project };
  }
  if (token.startsWith('tag:')) {
    const body = token.slice('tag:'.length);
    const separator = body.indexOf('=');
    const key = separator < 0 ? body : body.slice(0, separator);
    const value = separator < 0 ? undefined : body.slice(separator + 1);
    if (!TAG_TEXT.test(key))
      return invalid(`${quote(token)}: write tag:KEY or tag:KEY=VALUE, e.g. tag:env=prod`);
    if (value !== undefined && !TAG_TEXT.test(value))
      return invalid(`${quote(token)}: the tag value is empty or has a space, "=" or ","`);
    return { kind: 'tag', tag: value === undefined ? { key } : { key, value } };
  }
  return { kind: 'other' };
}

/** Sorted, deduplicated parts: two scopes that cover the same workspaces by the same rules print the same. */
export function normalizeScope(scope: OrganizationScope): OrganizationScope {
  const normalized: OrganizationScope = {
    organization: scope.organization,
    projects: [...new Set(scope.projects)].sort(),
    tags: uniqueTags(scope.tags),
  };
  const pattern = scope.namePattern === undefined ? undefined : collapseStars(scope.namePattern);
  if (pattern !== undefined && pattern !== '*') normalized.namePattern = pattern;
  return normalized;
}

/** `acme/*-prod project:web tag:env=prod`, parts in canonical order. */
export function scopeText(scope: OrganizationScope): string {
  const { organization, namePattern, projects, tags } = normalizeScope(scope);
  const parts = [`${organization}/${namePattern ?? '*'}`];
  for (const project of projects) parts.push(`project:${project}`);
  for (const tag of tags)
    parts.push(tag.value === undefined ? `tag:${tag.key}` : `tag:${tag.key}=${tag.value}`);
  return parts.join(' ');
}

/**
 * Names compare case-insensitively (HCP Terraform's name searches do); project names and tags exactly.
 * A key-only scope tag matches a flat tag of that name or a binding of that key with any value.
 */
export function workspaceInScope(workspace: ScopedWorkspace, scope: OrganizationScope): boolean {
  if (scope.namePattern !== undefined && !wildcardMatches(scope.namePattern, workspace.name)) return false;
  if (
    scope.projects.length > 0 &&
    (workspace.projectName === null || !scope.projects.includes(workspace.projectName))
  )
    return false;
  return scope.tags.every((tag) => hasTag(workspace, tag));
}

export function wildcardMatches(pattern: string, name: string): boolean {
  const pieces = pattern.toLowerCase().split('*');
  const subject = name.toLowerCase();
  const first = pieces[0] ?? '';
  const last = pieces[pieces.length - 1] ?? '';
  if (pieces.length === 1) return subject === first;
  if (!subject.startsWith(first) || subject.length < first.length + last.length || !subject.endsWith(last))
    return false;
  let position = first.length;
  const end = subject.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = subject.indexOf(piece, position);
    if (found < 0 || found + piece.length > end) return false;
    position = found + piece.length;
  }
  return true;
}

export interface ScopeListing {
  /** One listing per query; their union (deduplicated by ID) holds every workspace of the scope. */
  queries: ListOrganizationWorkspacesOptions[];
  /** False when the listings may return workspaces outside the scope: keep only those workspaceInScope accepts. */
  exact: boolean;
}

/**
 * The fewest, narrowest workspaces listings for a scope. Projects go by ID (filter[project][id] takes one, so
 * one listing per project); `projectIds` maps the scope's project names to IDs (findProjects). Tags with a
 * value go to filter[tagged]; key-only tags stay local, since a key-only scope tag also matches flat tags,
 * which filter[tagged] does not cover. search[wildcard-name] accepts `*` only at the start and the end, so a
 * pattern with an inner `*` is sent as its longest expressible part and checked locally. Discovery cost:
 * ceil(workspaces listed / 100) requests per listing, at least 1.
 */
export function workspaceListingFor(
  scope: OrganizationScope,
  projectIds: ReadonlyMap<string, string>,
): ScopeListing {
  const normalized = normalizeScope(scope);
  const base: ListOrganizationWorkspacesOptions = {
    include: ['project', 'effective_tag_bindings'],
    pageSize: MAX_PAGE_SIZE,
  };
  let exact = true;
  const valued = normalized.tags.filter((tag) => tag.value !== undefined);
  if (valued.length > 0) base.tagged = valued.map((tag) => ({ key: tag.key, value: tag.value ?? null }));
  if (valued.length < normalized.tags.length) exact = false;
  if (normalized.namePattern !== undefined) {
    const sent = serverWildcard(normalized.namePattern);
    if (sent !== null) base.wildcardName = sent;
    if (sent !== normalized.namePattern) exact = false;
  }
  if (normalized.projects.length === 0) return { queries: [base], exact };
  const queries = normalized.projects.flatMap((name) => {
    const id = projectIds.get(name);
    return id === undefined ? [] : [{ ...base, projectId: id }];
  });
  return { queries, exact };
}

/** The part of a pattern search[wildcard-name] can take, or null when nothing useful is left (`*`). */
function serverWildcard(pattern: string): string | null {
  const inner = pattern.replace(/^\*/, '').replace(/\*$/, '');
  if (inner !== '' && !inner.includes('*') && inner !== pattern) return pattern;
  const pieces = pattern.split('*');
  const first = pieces[0] ?? '';
  const last = pieces[pieces.length - 1] ?? '';
  if (first !== '') return `${first}*`;
  if (last !== '') return `*${last}`;
  const longest = pieces.reduce((best, piece) => (piece.length > best.length ? piece : best), '');
  return longest === '' ? null : `*${longest}*`;
}

function hasTag(workspace: ScopedWorkspace, tag: ScopeTag): boolean {
  const bindings = workspace.tagBindings ?? [];
  if (tag.value === undefined)
    return workspace.tagNames.includes(tag.key) || bindings.some((binding) => binding.key === tag.key);
  return bindings.some((binding) => binding.key === tag.key && binding.value === tag.value);
}

function uniqueTags(tags: readonly ScopeTag[]): ScopeTag[] {
  const byText = new Map<string, ScopeTag>();
  for (const tag of tags) byText.set(tag.value === undefined ? tag.key : `${tag.key}=${tag.value}`, tag);
  return [...byText.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, tag]) => tag);
}

function collapseStars(pattern: string): string {
  return pattern.replace(/\*+/g, '*');
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

function invalid(message: string): { kind: 'invalid'; message: string } {
  return { kind: 'invalid', message };
}
