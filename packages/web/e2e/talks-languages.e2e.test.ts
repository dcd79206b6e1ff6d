/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runsInChromium, useDemoInChromium } from './support/suite.ts';
import { signInFirstTime } from './support/steps.ts';

const RU_MEMO = "Russia's memorandum, 2 June 2025";

describe.runIf(runsInChromium)('the talks in the reader’s language, in Chromium', () => {
  const demo = useDemoInChromium('talks-languages', { from: 'middle' });

  const signedIn = async (name: string, language: 'en' | 'uk' | 'ru'): Promise<Page> => {
    const page = await demo.newPage();
    await signInFirstTime(page, demo.server.url, demo.account(name));
    await page.waitForURL(/\/m\//);
    await page.evaluate((lang) => localStorage.setItem('parley.language', lang), language);
    return page;
  };
  const openMemo = async (page: Page, title: string) => {
    const workspace = /^\/m\/[^/]+\/[^/]+/.exec(new URL(page.url()).pathname)![0];
    await page.goto(`${demo.server.url}${workspace}/talks/documents/${encodeURIComponent(title)}`);
  };
  const pointRow = (page: Page, label: string) =>
    page.getByRole('row').filter({ has: page.getByRole('cell', { name: label, exact: true }) });

  let uaOfficer: Page;

  it("shows a Ukrainian officer the Ukrainian of Russia's points, and the Russian on request", async () => {
    const page = await signedIn('demo-ua-officer', 'uk');
    uaOfficer = page;
    await openMemo(page, RU_MEMO);
    await page.getByRole('heading', { name: 'Меморандум Росії, 2 червня 2025' }).waitFor();
    const option1 = pointRow(page, '1');
    await option1
      .getByText('Варіант 1: виведення збройних сил України з чотирьох областей')
      .waitFor();
    expect(await option1.getByText(/Вариант 1/).count()).toBe(0);
    // Translated, and said so: the mark names the original's language and shows it on a click.
    const ratification = pointRow(page, '4.7');
    await ratification.getByText('Ратифікація', { exact: true }).waitFor();
    // The point's own mark, in its text's cell (a position's source beside it may carry one too).
    const mark = ratification
      .getByRole('cell')
      .nth(1)
      .getByRole('button', { name: /Показати оригінал/ });
    expect(await mark.getAttribute('aria-label')).toBe(
      'рос. — Переклад; мова оригіналу: російська. Показати оригінал',
    );
    await mark.click();
    await ratification.getByText('Ратификация', { exact: true }).waitFor();
    await ratification.getByRole('button', { name: /Показати переклад/ }).click();
    await ratification.getByText('Ратифікація', { exact: true }).waitFor();
    // Ukraine's own answer, recorded in Ukrainian, has no mark; the Russian point's text has one.
    const bodies = pointRow(page, '4.2');
    await bodies.getByText(/раунд 2 червня 2025/).waitFor();
    const marksIn = (column: number) =>
      bodies
        .getByRole('cell')
        .nth(column)
        .getByRole('button', { name: /мова оригіналу/ })
        .count();
    expect(await marksIn(1)).toBe(1);
    expect(await marksIn(3)).toBe(0);
    await demo.expectAccessible(page);
  });

  it("shows a Russian officer Ukraine's points and the round in Russian", async () => {
    const page = await signedIn('demo-ru-officer', 'ru');
    await openMemo(page, "Ukraine's memorandum, 2 June 2025");
    await pointRow(page, '3').getByText('Обмен пленными «всех на всех»').waitFor();
    // Russia's own conditions, recorded in Russian, read as written.
    await pointRow(page, '3')
      .getByText(/всех на всех в двух категориях/)
      .waitFor();
    const workspace = /^\/m\/[^/]+\/[^/]+/.exec(new URL(page.url()).pathname)![0];
    await page.goto(`${demo.server.url}${workspace}/talks/rounds`);
    await page.getByText('Возвращение 6000 тел на 6000 тел').waitFor();
    expect(await page.getByText('Çırağan Palace').count()).toBe(0);
    await page.getByText('Дворец Чыраган, Стамбул').first().waitFor();
  });

  it('lets the mediator correct a translation, which the officers then read', async () => {
    const mediator = await signedIn('demo-mediator', 'en');
    await openMemo(mediator, RU_MEMO);
    const amnesty = pointRow(mediator, '2.5');
    await amnesty.getByText('Amnesty', { exact: true }).waitFor();
    // The first mark is the point's; the second, Russia's position's source (the title).
    await amnesty
      .getByRole('button', { name: 'Rus — Language and translations of this text' })
      .first()
      .click();
    const editor = mediator.getByRole('dialog');
    await editor.getByText('Амнистия', { exact: true }).waitFor();
    await editor.getByLabel('Ukrainian translation').fill('Амністія для всіх учасників');
    await editor.getByRole('button', { name: 'Save the translations' }).click();
    await editor.waitFor({ state: 'hidden' });
    await openMemo(uaOfficer, RU_MEMO);
    await pointRow(uaOfficer, '2.5').getByText('Амністія для всіх учасників').waitFor();
  });
});
