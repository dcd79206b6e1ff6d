import { defineConfig } from 'vitest/config';

// The browser suites (`npm run e2e`): Debian's Chromium against `parley serve --demo`. The global
// setup builds the web application and loads the demo once for all of them.
export default defineConfig({
  test: {
    include: ['packages/web/e2e/**/*.e2e.test.ts'],
    globalSetup: ['packages/web/e2e/support/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    pool: 'forks',
    // Two suites at a time, each with its own server and Chromium. A suite's steps follow one
    // another (the page asks, the server answers, the page draws), so one suite keeps about one
    // core busy; two at a time keep both cores busy throughout: the gate is bound by its CPU. Of
    // the 508 CPU-seconds of `npm run e2e` on PostgreSQL alone (281 s on a quiet machine),
    // Chromium's renderers took 276 (the pages' React, style and layout, and axe), its other
    // processes 112, the servers 68, vitest 38 and PostgreSQL 14.
    maxWorkers: 2,
    // A page answers in well under a second on a quiet machine, and in several on a busy one (CI
    // met a search that took longer than vitest's default second): wait as the locators do.
    expect: { poll: { timeout: 40_000 } },
  },
});
