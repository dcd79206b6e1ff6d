/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runsInChromium, useDemoInChromium } from './support/suite.ts';
import { seriousViolations } from './support/browser.ts';
import { signInFirstTime } from './support/steps.ts';

type Tree = { [key: string]: string | Tree };

const SOURCES = fileURLToPath(new URL('../src', import.meta.url));

/** The web application's texts in one language: every locales/<language>.json under src, merged. */
function resourceOf(language: string): Tree {
  const files = (fs.readdirSync(SOURCES, { recursive: true }) as string[]).filter(
    (file) =>
      path.basename(file) === `${language}.json` && path.basename(path.dirname(file)) === 'locales',
  );
  return Object.assign(
    {},
    ...files.map((file) => JSON.parse(fs.readFileSync(path.join(SOURCES, file), 'utf8')) as Tree),
  ) as Tree;
}

/** Every text of a resource with its key, nested keys joined by dots. */
function textsOf(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : textsOf(value, `${prefix}${key}.`),
  );
}

const english = new Map(textsOf(resourceOf('en')));
const inUkrainian = new Map(textsOf(resourceOf('uk')));
/**
 * The English texts a Ukrainian or Russian page must not show: each text of the interface that
 * Ukrainian says otherwise, without placeholders, long enough to be words and not a code.
 */
const ENGLISH_ONLY = new Set(
  [...english]
    .filter(([key, text]) => inUkrainian.get(key) !== text)
    .map(([, text]) => text.trim())
    .filter((text) => !text.includes('{{') && /[a-z]{3}/.test(text) && text.length >= 4),
);
/**
 * Data that happens to read as an English text of the interface: the first admin's user name and
 * the display name the server gives it. Names are shown as written, in any language; so is each
 * language's own name in the language menu (English, Українська, Русский).
 */
const DATA = new Set(['admin', 'Administrator', 'English']);
/** What i18next shows for a key it does not have: the key itself. */
const MISSING_KEY = /^[a-z][A-Za-z]+(\.[A-Za-z0-9_-]+)+$/;

const ACCOUNTS = [
  'demo-mediator',
  'demo-ua-officer',
  'demo-ru-officer',
  'demo-verifier',
  'admin',
] as const;

/** The pages a user reaches from the navigation, and one level of links below each. */
async function internalLinks(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator('a[href^="/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return [...new Set(hrefs.filter((href) => href !== '' && !href.startsWith('/api/')))];
}

/** The lines of visible text of the page's main content and navigation. */
async function visibleTexts(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

describe.runIf(runsInChromium)('every page as every role, in Ukrainian, in Chromium', () => {
  // The demo as `npm start` loads it, in the middle of the exchange: every page has its data.
  const demo = useDemoInChromium('every-route', { from: 'middle' });

  it.each(ACCOUNTS)(
    'shows %s no page error, nothing unreadable and no English in Ukrainian',
    async (accountName) => {
      const page = await demo.newPage();
      const problems: string[] = [];
      let where = '';
      page.on('pageerror', (error) => problems.push(`${where}: page error: ${error.message}`));
      await page.goto(demo.server.url);
      await page.getByLabel('User name').waitFor({ timeout: 90_000 });
      const isAdmin = accountName === 'admin';
      await signInFirstTime(
        page,
        demo.server.url,
        isAdmin
          ? { username: 'admin', password: demo.server.adminPassword }
          : demo.account(accountName),
      );
      // A role of a mechanism opens its workspace; the admin, who holds none, administers.
      if (isAdmin) await page.goto(`${demo.server.url}/admin/users`);
      else await page.waitForURL(/\/m\//);
      await page.getByRole('navigation').first().waitFor();
      const start = new URL(page.url()).pathname;
      await page.evaluate(() => localStorage.setItem('parley.language', 'uk'));
      const toVisit = [start, ...(await internalLinks(page))];
      const seen = new Set<string>();
      // One page of each route: a second manifest or round shows nothing the first did not.
      const shapes = new Set<string>();
      const shapeOf = (href: string) =>
        href
          .split('?')[0]!
          .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')
          .replace(/\/(UA|RU)\//g, '/:party/');
      const settle = async () => {
        await page.waitForLoadState('networkidle');
        await page
          .getByText(/Loading…|Завантаження…|Загрузка…/)
          .first()
          .waitFor({ state: 'hidden' })
          .catch(() => undefined);
      };
      while (toVisit.length > 0 && seen.size < 40) {
        const path = toVisit.shift()!;
        if (seen.has(path) || shapes.has(shapeOf(path))) continue;
        seen.add(path);
        shapes.add(shapeOf(path));
        // In Ukrainian: the pages draw the same in Russian, whose every text locales.test.ts
        // holds to be its own (and English is every other browser suite's language).
        where = `${accountName} ${path}`;
        await page.goto(`${demo.server.url}${path}`);
        await settle();
        for (const line of await visibleTexts(page)) {
          // A line of parts joined by " · " (a run's progress and phase, a stage's number and
          // place) is read part by part: "100% · done" holds an English word.
          for (const text of new Set([line, ...line.split(' · ').map((part) => part.trim())])) {
            if (MISSING_KEY.test(text)) problems.push(`${where}: missing translation "${text}"`);
            if (ENGLISH_ONLY.has(text) && !DATA.has(text))
              problems.push(`${where}: English "${text}"`);
          }
        }
        for (const violation of await seriousViolations(page))
          problems.push(`${where}: ${violation}`);
        // One level down: a list's detail pages, within this mechanism.
        for (const link of await internalLinks(page))
          if (!seen.has(link) && !toVisit.includes(link)) toVisit.push(link);
      }
      expect(seen.size).toBeGreaterThan(5);
      expect(problems).toEqual([]);
    },
    600_000,
  );
});
