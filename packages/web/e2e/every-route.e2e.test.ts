/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { callApi, runsInChromium, useDemoInChromium } from './support/suite.ts';
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
/**
 * The English texts a Ukrainian or Russian page must not show: each text of the interface that
 * the language says otherwise, without placeholders, long enough to be words and not a code.
 */
function englishOnly(language: 'uk' | 'ru'): Set<string> {
  const translated = new Map(textsOf(resourceOf(language)));
  return new Set(
    [...english]
      .filter(([key, text]) => translated.get(key) !== text)
      .map(([, text]) => text.trim())
      .filter((text) => !text.includes('{{') && /[a-z]{3}/.test(text) && text.length >= 4),
  );
}
const ENGLISH_ONLY = { uk: englishOnly('uk'), ru: englishOnly('ru') };
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

interface TranslatedText {
  source: string;
  language: 'en' | 'uk' | 'ru';
  translations: Partial<Record<'en' | 'uk' | 'ru', string>>;
}

/**
 * The English of the demo's own texts (the talks' rounds, memoranda, positions and regimes, the
 * stages' place, the refusals' reason), from the translation memory the demo fills: each of them
 * that reads otherwise in `language` must not show on a page in that language.
 */
async function englishOfTheDemo(page: Page, language: 'uk' | 'ru'): Promise<string[]> {
  const mechanism = /\/m\/([^/]+)/.exec(new URL(page.url()).pathname)?.[1];
  if (!mechanism) return [];
  const memory = await callApi<TranslatedText[]>(
    page,
    'GET',
    `/mechanisms/${mechanism}/talks/translations`,
  );
  const said = (e: TranslatedText, lang: 'en' | 'uk' | 'ru') =>
    e.language === lang ? e.source : e.translations[lang];
  return memory.flatMap((e) => {
    const english = said(e, 'en');
    return english && english !== said(e, language) && /[a-z]{3}/.test(english) ? [english] : [];
  });
}

/** The talks' pages, visited first: each shows texts that the demo wrote. */
const TALKS_PAGES = ['rounds', 'documents', 'ceasefires', 'timeline'];

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

/**
 * Every role in Ukrainian; in Russian too, the two roles that read the other side's words most:
 * the RU officer (Ukraine's memorandum) and the mediator (both).
 */
const RUNS: Array<[string, Array<'uk' | 'ru'>]> = ACCOUNTS.map((account) => [
  account,
  account === 'demo-ru-officer' || account === 'demo-mediator' ? ['uk', 'ru'] : ['uk'],
]);

describe.runIf(runsInChromium)(
  'every page as every role, in Ukrainian and Russian, in Chromium',
  () => {
    // The demo as `npm start` loads it, in the middle of the exchange: every page has its data.
    const demo = useDemoInChromium('every-route', { from: 'middle' });

    // The accounts' crawls run at once, each in its own browser context: a page mostly waits
    // (for the network to fall quiet), and five waits overlap where one after another they took
    // four minutes.
    it.concurrent.for(RUNS)(
      'shows %s no page error, nothing unreadable and no English in %s',
      { timeout: 600_000 },
      async ([accountName, languages], { expect }) => {
        const page = await demo.newPage();
        const problems: string[] = [];
        let where = '';
        page.on('pageerror', (error) => problems.push(`${where}: page error: ${error.message}`));
        // A server error behind a page is a failure even where the page hides it.
        page.on('response', (response) => {
          if (response.status() >= 500)
            problems.push(`${where}: ${response.status()} from ${response.url()}`);
        });
        await page.goto(demo.server.url);
        await page.getByLabel('User name').waitFor({ timeout: 90_000 });
        const isAdmin = accountName === 'admin';
        const account = isAdmin
          ? { username: 'admin', password: demo.server.adminPassword }
          : demo.account(accountName);
        await signInFirstTime(page, demo.server.url, account);
        // A role of a mechanism opens its workspace; the admin, who holds none, administers.
        if (isAdmin) await page.goto(`${demo.server.url}/admin/users`);
        else await page.waitForURL(/\/m\//);
        await page.getByRole('navigation').first().waitFor();
        const start = new URL(page.url()).pathname;
        const workspace = /^\/m\/[^/]+\/[^/]+/.exec(start)?.[0];
        const entries = [
          start,
          ...(workspace ? TALKS_PAGES.map((p) => `${workspace}/talks/${p}`) : []),
          ...(await internalLinks(page)),
        ];
        /**
         * The page's text once it has settled: the network quiet, nothing loading, and the text
         * the same a moment later. With the crawls running at once, a page's main thread can be
         * kept busy long enough for the network to look quiet between one answer and the request
         * it leads to (the talks' translation memory after the page's own data).
         */
        const settledTexts = async () => {
          let before: string[] = [];
          for (let look = 0; look < 10; look++) {
            await page.waitForLoadState('networkidle');
            await page
              .getByText(/Loading…|Завантаження…|Загрузка…/)
              .first()
              .waitFor({ state: 'hidden' })
              .catch(() => undefined);
            const now = await visibleTexts(page);
            if (now.join('\n') === before.join('\n')) return now;
            before = now;
            await page.waitForTimeout(300);
          }
          return before;
        };
        // One page of each route: a second manifest or round shows nothing the first did not.
        const shapeOf = (href: string) =>
          href
            .split('?')[0]!
            .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')
            .replace(/\/(UA|RU)\//g, '/:party/');

        for (const language of languages) {
          await page.evaluate((lang) => localStorage.setItem('parley.language', lang), language);
          const demoEnglish = isAdmin ? [] : await englishOfTheDemo(page, language);
          // Every text the demo writes has its translation: the memory holds the place, the
          // refusal reason and the talks' texts (at least the 58 of the talks' demo).
          if (!isAdmin) expect(demoEnglish.length).toBeGreaterThan(58);
          const toVisit = [...entries];
          const seen = new Set<string>();
          const shapes = new Set<string>();
          while (toVisit.length > 0 && seen.size < 40) {
            const path = toVisit.shift()!;
            if (seen.has(path) || shapes.has(shapeOf(path))) continue;
            seen.add(path);
            shapes.add(shapeOf(path));
            // English is every other browser suite's language.
            where = `${accountName} ${language} ${path}`;
            // The language's first page is loaded afresh (the language is read at start), the
            // others reached as a click on a link reaches them: through the router, without
            // loading and starting the application again for each of some 250 pages.
            if (seen.size === 1) await page.goto(`${demo.server.url}${path}`);
            else
              await page.evaluate((to) => {
                history.pushState(null, '', to);
                dispatchEvent(new PopStateEvent('popstate'));
              }, path);
            for (const line of await settledTexts()) {
              // A line of parts joined by " · " (a run's progress and phase, a stage's number
              // and place) is read part by part: "100% · done" holds an English word.
              for (const text of new Set([line, ...line.split(' · ').map((part) => part.trim())])) {
                if (MISSING_KEY.test(text))
                  problems.push(`${where}: missing translation "${text}"`);
                if (ENGLISH_ONLY[language].has(text) && !DATA.has(text))
                  problems.push(`${where}: English "${text}"`);
              }
              // The demo's own texts are data, shown in the reader's language where translated.
              for (const english of demoEnglish)
                if (line.includes(english))
                  problems.push(`${where}: the demo's English "${english}"`);
            }
            // Contrast and the other checks of axe do not depend on the language: the first
            // language's crawl runs them.
            if (language === languages[0])
              for (const violation of await seriousViolations(page))
                problems.push(`${where}: ${violation}`);
            // One level down: a list's detail pages, within this mechanism.
            for (const link of await internalLinks(page))
              if (!seen.has(link) && !toVisit.includes(link)) toVisit.push(link);
          }
          expect(seen.size).toBeGreaterThan(5);
        }
        expect(problems).toEqual([]);
      },
    );
  },
);
