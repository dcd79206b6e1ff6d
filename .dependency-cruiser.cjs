// The dependency rules of DESIGN.md and STYLE.md, checked by `npm run deps` (part of `npm run
// check`). docs/architecture.md explains them; each rule's comment says what it keeps.
const APP = '^packages/app/src/';
const MODULES = `${APP}modules/`;
const TESTS = '\\.test\\.tsx?$';
// A module's public surfaces: index.ts (services, routes, types), and domain/index.ts (its pure
// vocabulary, which other modules' pure code may use).
const PUBLIC_SURFACE = `${MODULES}[^/]+/(domain/)?index\\.ts$`;
// A file of a sub-module: modules/<module>/<sub-module>/<file>.
const SUB_MODULE_FILE = `${MODULES}[^/]+/[^/]+/[^/]+$`;
// Code that does no I/O: the engine, the shared kernel, and each module's domain/.
const PURE = ['^packages/engine/src/', '^packages/kernel/src/', `${MODULES}[^/]+/domain/`];
const IO_NODE = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'child_process',
  'worker_threads',
  'dgram',
  'dns',
  'tls',
  'cluster',
];
const IO_PACKAGES =
  '(^|/)node_modules/(kysely|pg|@electric-sql/pglite|kysely-pglite-dialect|fastify|@fastify/[^/]+|exceljs|csv-parse|csv-stringify|pino|pdfkit)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-through-index',
      comment:
        "A module reaches another only through its index.ts (or its domain/index.ts): what lies behind it is the other module's to change.",
      severity: 'error',
      from: { path: `${MODULES}([^/]+)/`, pathNot: TESTS },
      to: { path: MODULES, pathNot: [`${MODULES}$1/`, PUBLIC_SURFACE] },
    },
    {
      name: 'sub-module-through-index',
      comment:
        'Inside a module, a sub-module (a folder beside domain/) is reached only through its index.ts: by its parent...',
      severity: 'error',
      from: { path: `${MODULES}[^/]+/[^/]+$`, pathNot: TESTS },
      to: { path: SUB_MODULE_FILE, pathNot: [`${MODULES}[^/]+/domain/`, '/index\\.ts$'] },
    },
    {
      name: 'sibling-through-index',
      comment: '...and by its siblings.',
      severity: 'error',
      from: { path: `(${MODULES}[^/]+/[^/]+/)[^/]+$`, pathNot: TESTS },
      to: { path: SUB_MODULE_FILE, pathNot: ['^$1', `${MODULES}[^/]+/domain/`, '/index\\.ts$'] },
    },
    {
      name: 'outside-through-index',
      comment:
        'The server, the CLI, the platform and the wiring reach a module only through its index.ts (or its domain/index.ts).',
      severity: 'error',
      // Test support (testing/) may write a module's rows as the system would; it is test code.
      from: { path: APP, pathNot: [MODULES, TESTS, `${APP}testing/`] },
      to: { path: MODULES, pathNot: PUBLIC_SURFACE },
    },
    {
      name: 'platform-not-modules',
      comment:
        'The platform (database, HTTP, jobs, crypto) serves the modules and knows none of them.',
      severity: 'error',
      from: { path: `${APP}platform/`, pathNot: TESTS },
      to: { path: [MODULES, `${APP}cli/`, `${APP}(app|main|services)\\.ts$`] },
    },
    {
      name: 'no-cycles',
      comment:
        'No import cycles, at run time or through types: each module stands on those below it.',
      severity: 'error',
      from: { pathNot: TESTS },
      to: { circular: true },
    },
    {
      name: 'pure-no-io',
      comment:
        'The engine, the kernel and domain/ folders do no I/O: no file system, network, processes or threads...',
      severity: 'error',
      from: { path: PURE, pathNot: TESTS },
      to: { dependencyTypes: ['core'], path: `^(node:)?(${IO_NODE.join('|')})$` },
    },
    {
      name: 'pure-no-io-packages',
      comment: '...and no database, HTTP server, spreadsheet, CSV, PDF or logger.',
      severity: 'error',
      from: { path: PURE, pathNot: TESTS },
      to: { path: IO_PACKAGES },
    },
    {
      name: 'pure-imports-pure',
      comment:
        'Pure code imports only pure code (and the error catalogue, whose AppError it may throw, and the one Ed25519 check).',
      severity: 'error',
      from: { path: PURE, pathNot: TESTS },
      to: {
        path: '^packages/',
        pathNot: [...PURE, `${APP}platform/errors\\.ts$`, `${APP}platform/crypto/ed25519\\.ts$`],
      },
    },
    {
      name: 'engine-and-kernel-stand-alone',
      comment:
        'The engine and the kernel depend on no other package of the workspace but the kernel.',
      severity: 'error',
      from: { path: ['^packages/engine/src/', '^packages/kernel/src/'] },
      to: { path: '^packages/(app|web|engine)/', pathNot: '^packages/engine/src/' },
    },
    {
      name: 'web-through-the-api',
      comment:
        'The web application talks to the server through the API; it shares only the kernel.',
      severity: 'error',
      from: { path: '^packages/web/src/', pathNot: TESTS },
      to: { path: '^packages/(app|engine)/' },
    },
    {
      name: 'not-to-tests',
      comment: 'Production code does not import tests.',
      severity: 'error',
      from: { pathNot: TESTS },
      to: { path: TESTS },
    },
    {
      name: 'not-to-test-support',
      comment: 'Nor the support of tests (testing/), which benchmarks may use.',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/', pathNot: [TESTS, `${APP}testing/`] },
      to: { path: `${APP}testing/` },
    },
    {
      name: 'no-unresolvable',
      comment:
        'Every import resolves (a typo or a missing dependency fails here, not at run time).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^packages/[^/]+/dist/', '^bench/results/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
