/// <reference lib="dom" />
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { CHROMIUM, hasChromium, launchBrowser, seriousViolations } from './browser.ts';
import { createDatabase, databaseName, databaseUrl, dropDatabase } from './postgres.ts';
import { startServer, type DemoAccount, type DemoFrom, type RunningServer } from './server.ts';

const isCi = Boolean(process.env.CI);

/**
 * Whether the browser tests run: where Chromium is installed, and always in CI, where a missing
 * browser must fail the run rather than skip it.
 */
export const runsInChromium = hasChromium || isCi;
if (!runsInChromium)
  console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

/**
 * How long a locator waits for what a page shows. A page answers in well under a second on a
 * quiet machine; the gate runs two browser suites beside the type checks on two cores, where an
 * answer has taken more than 20 s.
 */
export const PAGE_WAIT_MS = 40_000;

export interface DemoInChromium {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A demo account by name (demo-mediator, demo-ua-officer, …). */
  account(name: string): DemoAccount;
  /** A new page in a browser context of its own (its own cookies), in British English. */
  newPage(): Promise<Page>;
  /** Fails with the page's serious and critical accessibility violations, if any. */
  expectAccessible(page: Page): Promise<void>;
}

/**
 * Gives a suite of browser tests its own `parley serve --demo`, started before its tests and
 * removed after them: a copy of the demo's data directory that the run's global setup prepared,
 * and of its database (so its own database, embedded or on PostgreSQL), the server over it
 * serving the run's build of the web application, and Chromium. Call it in the suite's body.
 * Most suites take each step of the exchange themselves, from the demo's start; `from: 'middle'`
 * gives the demo as `npm start` loads it.
 */
export function useDemoInChromium(
  name: string,
  { from = 'start' }: { from?: DemoFrom } = {},
): DemoInChromium {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;
  let database: string | undefined;

  beforeAll(async () => {
    if (!hasChromium)
      throw new Error(
        `${CHROMIUM} is missing: .ci/run installs it with apt-get install -y chromium`,
      );
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `parley-e2e-${name}-`));
    await fs.cp(inject('e2eDemoDir')[from], dataDir, { recursive: true });
    const template = inject('e2eDemoDatabase')?.[from];
    if (template) {
      database = databaseName(template, name);
      await createDatabase(database, template);
    }
    [server, browser] = await Promise.all([
      startServer(dataDir, {
        webRoot: inject('e2eWebRoot'),
        adminPassword: inject('e2eAdminPassword')[from],
        ...(database ? { databaseUrl: databaseUrl(database) } : {}),
      }),
      launchBrowser(),
    ]);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    if (database) await dropDatabase(database);
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the demo server and browser are not started yet');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    account(accountName) {
      const found = started(server).accounts.get(accountName);
      if (!found) throw new Error(`no demo account ${accountName}`);
      return found;
    },
    async newPage() {
      const context = await started(browser).newContext({ locale: 'en-GB' });
      const page = await context.newPage();
      page.setDefaultTimeout(PAGE_WAIT_MS);
      return page;
    },
    async expectAccessible(page) {
      expect(await seriousViolations(page)).toEqual([]);
    },
  };
}

/**
 * Calls the API from inside a signed-in page, with its session cookie and CSRF token: to bring
 * the demo to the middle of an exchange quickly. The screens are what the tests look at.
 */
export async function callApi<T>(
  page: Page,
  method: string,
  url: string,
  body?: unknown,
): Promise<T> {
  const answer = await page.evaluate(
    async ({ method, url, body }) => {
      const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken?: string };
      const response = await fetch(`/api/v1${url}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, text: await response.text() };
    },
    { method, url, body },
  );
  if (answer.status >= 300) throw new Error(`${method} ${url}: ${answer.status} ${answer.text}`);
  return (answer.text ? JSON.parse(answer.text) : null) as T;
}
