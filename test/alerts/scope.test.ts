import {
  type OrganizationScope,
  parseScopeQualifier,
  parseScopeTarget,
  type ScopedWorkspace,
  scopeText,
  wildcardMatches,
  workspaceInScope,
  workspaceListingFor,
} from '../../src/alerts/scope.js';

const scope = (parts: Partial<OrganizationScope>): OrganizationScope => ({
  organization: 'acme',
  projects: [],
  tags: [],
  ...parts,
});

const workspace = (parts: Partial<ScopedWorkspace>): ScopedWorkspace => ({
  name: 'web-prod',
  projectName: 'apps',
  tagNames: [],
  tagBindings: [],
  ...parts,
});

describe('parseScopeTarget', () => {
  it.each([
    ['acme', { kind: 'organization', organization: 'acme' }],
    ['acme/*', { kind: 'organization', organization: 'acme' }],
    ['acme/*-prod', { kind: 'organization', organization: 'acme', namePattern: '*-prod' }],
    ['acme/app-**-eu', { kind: 'organization', organization: 'acme', namePattern: 'app-*-eu' }],
    ['acme/networking', { kind: 'workspace' }],
  ])('%s', (text, expected) => {
    expect(parseScopeTarget(text)).toEqual(expected);
  });

  it.each([
    ['acme/a/b', /more than one "\/"/],
    ['ac me', /not an organization name/],
    ['/x*', /not an organization name/],
    ['acme/web.*', /not a workspace name pattern/],
  ])('refuses %s with a specific message', (text, message) => {
    const parsed = parseScopeTarget(text);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind === 'invalid') expect(parsed.message).toMatch(message);
  });
});

describe('parseScopeQualifier', () => {
  it.each([
    ['project:networking', { kind: 'project', project: 'networking' }],
    ['tag:env', { kind: 'tag', tag: { key: 'env' } }],
    ['tag:env=prod', { kind: 'tag', tag: { key: 'env', value: 'prod' } }],
    ['provider:aws', { kind: 'other' }],
  ])('%s', (token, expected) => {
    expect(parseScopeQualifier(token)).toEqual(expected);
  });

  it.each([
    ['project:', /needs a project name/],
    ['tag:', /tag:KEY/],
    ['tag:env=', /value is empty/],
    ['tag:=prod', /tag:KEY/],
  ])('refuses %s', (token, message) => {
    const parsed = parseScopeQualifier(token);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind === 'invalid') expect(parsed.message).toMatch(message);
  });
});

describe('scopeText', () => {
  it('prints parts in canonical order, deduplicated, so equal scopes print the same', () => {
    const a = scope({
      namePattern: '*-prod',
      projects: ['web', 'data', 'web'],
      tags: [{ key: 'team' }, { key: 'env', value: 'prod' }, { key: 'team' }],
    });
    const b = scope({
      namePattern: '**-prod',
      projects: ['data', 'web'],
      tags: [{ key: 'env', value: 'prod' }, { key: 'team' }],
    });
    expect(scopeText(a)).toBe('acme/*-prod project:data project:web tag:env=prod tag:team');
    expect(scopeText(b)).toBe(scopeText(a));
    expect(scopeText(scope({ namePattern: '*' }))).toBe('acme/*');
  });

  it('round-trips through the parsers', () => {
    const text = 'acme/app-*-eu project:web tag:env=prod tag:team';
    const [target = '', ...qualifiers] = text.split(' ');
    const parsedTarget = parseScopeTarget(target);
    if (parsedTarget.kind !== 'organization') throw new Error('not an organization target');
    const rebuilt = scope({ namePattern: parsedTarget.namePattern });
    for (const token of qualifiers) {
      const parsed = parseScopeQualifier(token);
      if (parsed.kind === 'project') rebuilt.projects.push(parsed.project);
      if (parsed.kind === 'tag') rebuilt.tags.push(parsed.tag);
    }
    expect(scopeText(rebuilt)).toBe(text);
  });
});

describe('wildcardMatches', () => {
  it.each([
    ['*-prod', 'web-prod', true],
    ['*-prod', 'web-PROD', true],
    ['*-prod', 'web-prod-2', false],
    ['web-*', 'web-prod', true],
    ['web-*', 'api-web-prod', false],
    ['*web*', 'api-web-prod', true],
    ['app-*-eu', 'app-billing-eu', true],
    ['app-*-eu', 'app-eu', false],
    ['a*a', 'a', false],
    ['a*a', 'aa', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'acb', false],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
  ])('%s vs %s -> %s', (pattern, name, expected) => {
    expect(wildcardMatches(pattern, name)).toBe(expected);
  });
});

describe('workspaceInScope', () => {
  const prodTagged = workspace({
    tagNames: ['legacy'],
    tagBindings: [
      { key: 'env', value: 'prod' },
      { key: 'team', value: 'core' },
    ],
  });
  it.each<[string, OrganizationScope, ScopedWorkspace, boolean]>([
    ['whole organization', scope({}), workspace({}), true],
    ['name pattern matches', scope({ namePattern: '*-prod' }), workspace({}), true],
    ['name pattern misses', scope({ namePattern: '*-dev' }), workspace({}), false],
    ['project any-of', scope({ projects: ['data', 'apps'] }), workspace({}), true],
    ['project none', scope({ projects: ['data'] }), workspace({}), false],
    ['no project known', scope({ projects: ['apps'] }), workspace({ projectName: null }), false],
    ['tag key=value', scope({ tags: [{ key: 'env', value: 'prod' }] }), prodTagged, true],
    ['tag value differs', scope({ tags: [{ key: 'env', value: 'dev' }] }), prodTagged, false],
    ['tag key only, binding', scope({ tags: [{ key: 'team' }] }), prodTagged, true],
    ['tag key only, flat tag', scope({ tags: [{ key: 'legacy' }] }), prodTagged, true],
    [
      'all tags must match',
      scope({ tags: [{ key: 'env', value: 'prod' }, { key: 'cost' }] }),
      prodTagged,
      false,
    ],
    [
      'flat tag never matches a valued scope tag',
      scope({ tags: [{ key: 'legacy', value: 'x' }] }),
      prodTagged,
      false,
    ],
    [
      'bindings unknown',
      scope({ tags: [{ key: 'env', value: 'prod' }] }),
      workspace({ tagBindings: null }),
      false,
    ],
    [
      'every part at once',
      scope({ namePattern: 'web-*', projects: ['apps'], tags: [{ key: 'env', value: 'prod' }] }),
      prodTagged,
      true,
    ],
  ])('%s', (_, given, candidate, expected) => {
    expect(workspaceInScope(candidate, given)).toBe(expected);
  });
});

describe('workspaceListingFor', () => {
  const projectIds = new Map([
    ['web', 'prj-web1'],
    ['data', 'prj-data1'],
  ]);

  it('lists the whole organization for acme/*', () => {
    expect(workspaceListingFor(scope({}), projectIds)).toEqual({
      queries: [{ include: ['project', 'effective_tag_bindings'], pageSize: 100 }],
      exact: true,
    });
  });

  it('sends a prefix/suffix pattern and valued tags to the server, one listing per project', () => {
    const listing = workspaceListingFor(
      scope({ namePattern: '*-prod', projects: ['web', 'data'], tags: [{ key: 'env', value: 'prod' }] }),
      projectIds,
    );
    expect(listing.exact).toBe(true);
    expect(listing.queries).toEqual([
      expect.objectContaining({
        projectId: 'prj-data1',
        wildcardName: '*-prod',
        tagged: [{ key: 'env', value: 'prod' }],
      }),
      expect.objectContaining({
        projectId: 'prj-web1',
        wildcardName: '*-prod',
        tagged: [{ key: 'env', value: 'prod' }],
      }),
    ]);
  });

  it('narrows an inner-* pattern and key-only tags as far as the server can, then asks for local checks', () => {
    const inner = workspaceListingFor(scope({ namePattern: 'app-*-eu' }), projectIds);
    expect(inner).toEqual({ queries: [expect.objectContaining({ wildcardName: 'app-*' })], exact: false });
    const suffixOnly = workspaceListingFor(scope({ namePattern: '*-x-*-eu' }), projectIds);
    expect(suffixOnly.queries[0]?.wildcardName).toBe('*-eu');
    const keyOnly = workspaceListingFor(scope({ tags: [{ key: 'team' }] }), projectIds);
    expect(keyOnly.exact).toBe(false);
    expect(keyOnly.queries[0]?.tagged).toBeUndefined();
  });

  it('has no listing for a project that does not resolve', () => {
    expect(workspaceListingFor(scope({ projects: ['ghost'] }), projectIds).queries).toEqual([]);
  });
});
