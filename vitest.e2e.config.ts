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
    // One suite at a time (vitest's default on two cores): two at once, each with its server and
    // Chromium, timed out a locator in CI on a machine loaded 26 on two cores.
    maxWorkers: 1,
    // A page answers in well under a second on a quiet machine, and in several on a busy one (CI
    // met a search that took longer than vitest's default second): wait as the locators do.
    expect: { poll: { timeout: 20_000 } },
  },
});
