import { defineConfig } from 'vitest/config';

// The browser suites (`npm run e2e`): Debian's Chromium against `parley serve --demo`. The global
// setup builds the web application and loads the demo once for all of them.
export default defineConfig({
  test: {
    include: ['packages/web/e2e/**/*.e2e.test.ts'],
    globalSetup: ['packages/web/e2e/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
    // Two suites at a time: each waits on its own server and browser (another process each), and
    // on authenticator steps; one at a time left a core idle (vitest's default on two cores).
    maxWorkers: 2,
    // A page answers in well under a second on a quiet machine, and in several on a busy one (CI
    // met a search that took longer than vitest's default second): wait as the locators do.
    expect: { poll: { timeout: 20_000 } },
  },
});
