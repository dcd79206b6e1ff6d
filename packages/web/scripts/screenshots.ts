// Saves screenshots of the main screens to docs/screenshots/, in English, Ukrainian and Russian,
// against a fresh `parley serve --demo`: what a newcomer sees after `npm start`, the exchange of
// June 2025 under way.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser.ts';
import { startServer } from '../e2e/support/server.ts';
import { signInFirstTime } from '../e2e/support/steps.ts';

const OUT = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const LANGUAGES = [
  { code: 'en', locale: 'en-GB' },
  { code: 'uk', locale: 'uk-UA' },
  { code: 'ru', locale: 'ru-RU' },
] as const;

/** A screen: its route under the workspace, and what shows once its data has arrived. */
interface Screen {
  name: string;
  route: string;
  ready: (page: Page) => Promise<unknown>;
}

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parley-screenshots-'));
const server = await startServer(dataDir);
const browser = await launchBrowser();
await fs.mkdir(OUT, { recursive: true });

const contextFor = (locale: string) =>
  browser.newContext({ viewport: { width: 1280, height: 860 }, locale });
const shoot = async (page: Page, name: string) => {
  // Charts animate in; the page settles first.
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
};

/** Signs a demo account in once, in English, and returns its session and its workspace's path. */
async function signedIn(name: string): Promise<{ context: BrowserContext; workspace: string }> {
  const account = server.accounts.get(name);
  if (!account) throw new Error(`no demo account ${name}`);
  const context = await contextFor('en-GB');
  const page = await context.newPage();
  await signInFirstTime(page, server.url, account);
  await page.waitForURL(/\/m\/[^/]+\/[^/]+\//);
  const workspace = new URL(page.url()).pathname.split('/').slice(0, 4).join('/');
  await page.close();
  return { context, workspace };
}

/** The screens of one account in each language: the session's cookies in a browser of that language. */
async function shootAll(
  b: Browser,
  session: { context: BrowserContext; workspace: string },
  screens: readonly Screen[],
) {
  const cookies = await session.context.cookies();
  for (const language of LANGUAGES) {
    const context = await b.newContext({
      viewport: { width: 1280, height: 860 },
      locale: language.locale,
    });
    await context.addCookies(cookies);
    const page = await context.newPage();
    for (const screen of screens) {
      await page.goto(`${server.url}${session.workspace}/${screen.route}`);
      await screen.ready(page);
      await shoot(page, `${screen.name}.${language.code}`);
    }
    await context.close();
  }
}

/** The page's title, once its requests have settled (no loader left). */
const heading = async (page: Page) => {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
};
const table = async (page: Page) => {
  await page.getByRole('row').nth(3).waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
};

try {
  for (const language of LANGUAGES) {
    const context = await contextFor(language.locale);
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('input').first().waitFor();
    await shoot(page, `sign-in.${language.code}`);
    await context.close();
  }

  const mediator = await signedIn('demo-mediator');
  await shootAll(browser, mediator, [
    {
      name: 'overview',
      route: 'overview',
      ready: (page) => page.locator('.recharts-surface').first().waitFor(),
    },
    { name: 'reconciliation', route: 'reconciliation', ready: table },
    { name: 'review-queue', route: 'review', ready: heading },
    { name: 'agreements', route: 'agreements', ready: heading },
    { name: 'stages', route: 'stages', ready: heading },
    { name: 'manifests', route: 'manifests', ready: heading },
    { name: 'remains', route: 'remains', ready: heading },
    { name: 'reports', route: 'reports', ready: heading },
    { name: 'talks', route: 'talks', ready: heading },
  ]);

  const officer = await signedIn('demo-ua-officer');
  await shootAll(browser, officer, [
    { name: 'lines', route: 'lists/UA/sought', ready: table },
    { name: 'receipts', route: 'receipts', ready: heading },
    {
      // Russia's memorandum as Ukraine's officer reads it: each point in the reader's language.
      name: 'talks-memorandum',
      route: `talks/documents/${encodeURIComponent("Russia's memorandum, 2 June 2025")}`,
      ready: table,
    },
  ]);
} finally {
  await browser.close();
  await server.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
