import os from 'node:os';
import { defineConfig } from 'vitest/config';

// The unit and database tests (`npm run test:unit`); the browser suites have their own
// configuration, vitest.e2e.config.ts (`npm run e2e`).
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['packages/app/src/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A worker runs its test files one after another in one module graph instead of importing the
    // application again for each of 144 files: a third of the suite's time went to imports. The
    // tests share nothing through modules (each opens its own database and server) and mock no
    // module, which is what makes this safe.
    isolate: false,
    // Vitest leaves a core free by default: one worker on two cores. The database tests spend
    // much of their time waiting for PostgreSQL, another process, so two workers keep both busy.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
  },
});
