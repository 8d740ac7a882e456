/**
 * The folder rules of docs/architecture.md ("Layers"), checked by `npm run deps` (part of `npm test`).
 * Known violations are listed in .dependency-cruiser-known-violations.json; new ones fail.
 */
module.exports = {
  forbidden: [
    {
      name: 'hcp-imports-only-config-and-logger',
      comment: 'src/hcp is the HCP Terraform client: of our code it may use only src/config and src/logger.',
      severity: 'error',
      from: { path: '^src/hcp/' },
      to: { path: '^src/', pathNot: ['^src/hcp/', '^src/config\\.ts$', '^src/logger\\.ts$'] },
    },
    {
      name: 'alerts-not-to-slack',
      comment: 'src/alerts hands domain objects to a presenter; it must not import src/slack.',
      severity: 'error',
      from: { path: '^src/alerts/' },
      to: { path: '^src/slack/' },
    },
    {
      name: 'no-circular',
      comment: 'Modules import each other in one direction only.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-to-test',
      comment: 'Production code never imports test code or test support.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
