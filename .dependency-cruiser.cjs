/**
 * The module boundary rules of ARCHITECTURE.md, checked in CI (`npm run lint`).
 * Modules are the folders of src/modules; core knows no module; a module reaches another only
 * through that module's index.ts; inside a module, imports point routes → service → model.
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'core-knows-no-module',
      comment: 'src/core is what every module needs and knows no module.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'modules-meet-through-index',
      comment: "Another module is reached only through its index.ts.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index[.]ts$'] },
    },
    {
      name: 'model-is-pure',
      comment: 'model.ts holds pure rules: no I/O, no service or routes, no database.',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/model[.]ts$' },
      to: { path: ['^src/modules/[^/]+/(service|routes|schema)[.]ts$', '^src/core/(db|platform|http|audit|outbox|blobs)[.]ts$', 'node_modules/(kysely|pg|@electric-sql|fastify)'] },
    },
    {
      name: 'service-does-not-know-routes',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/service[.]ts$' },
      to: { path: '^src/modules/$1/routes[.]ts$' },
    },
    {
      name: 'server-does-not-import-web',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^web/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '[.]test[.]ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
