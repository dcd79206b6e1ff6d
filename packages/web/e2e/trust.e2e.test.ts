/// <reference lib="dom" />
import { type TOTP, URI } from 'otpauth';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callApi, PAGE_WAIT_MS, runsInChromium, useDemoInChromium } from './support/suite.ts';
import { signInFirstTime } from './support/steps.ts';

// Issue 15: what a ministry's officer meets first: their language, readable text, plain answers.
describe.runIf(runsInChromium)('an interface a ministry would trust, in Chromium', () => {
  const demo = useDemoInChromium('trust');
  const chosen = new Map<string, string>();
  let adminSession: Awaited<ReturnType<ReturnType<Page['context']>['cookies']>> | undefined;
  const firstSignIn = async (page: Page, name: string) =>
    chosen.set(name, await signInFirstTime(page, demo.server.url, demo.account(name)));
  const signInAdmin = (page: Page) =>
    signInFirstTime(page, demo.server.url, {
      username: 'admin',
      password: demo.server.adminPassword,
    });

  /** A page of its own in a browser whose languages are `languages`, first to last. */
  const pageIn = async (languages: string[]) => {
    const context = await demo.browser.newContext({
      locale: languages[0],
      extraHTTPHeaders: { 'Accept-Language': languages.join(',') },
    });
    await context.addInitScript((list: string[]) => {
      Object.defineProperty(navigator, 'languages', { get: () => list });
    }, languages);
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_WAIT_MS);
    return page;
  };

  it("opens in the browser's first language that Parley has: Russian for ru-RU, ru, en-US, en", async () => {
    const page = await pageIn(['ru-RU', 'ru', 'en-US', 'en']);
    await page.goto(demo.server.url);
    await page.getByRole('heading', { name: 'Вход в Parley' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
  });

  it('keeps the language chosen over a reload, whatever the browser prefers', async () => {
    const page = await pageIn(['en-GB', 'en']);
    await page.goto(demo.server.url);
    await page.getByText('Українська').click();
    await page.getByRole('heading', { name: 'Вхід до Parley' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Вхід до Parley' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('uk');
  });

  it('says that a wrong authenticator code is wrong, not the user name or password', async () => {
    const page = await demo.newPage();
    const account = demo.account('demo-verifier');
    await page.goto(demo.server.url);
    await page.getByLabel('User name').fill(account.username);
    await page.getByLabel(/^Password/).fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const right = (URI.parse(account.totpUri) as TOTP).generate();
    await page
      .getByLabel('Authenticator code')
      .fill(String((Number(right) + 500_000) % 1_000_000).padStart(6, '0'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The authenticator code is wrong' }).waitFor();
    expect(await page.getByText(/user name or password/i).count()).toBe(0);
  });

  it('lets the mediator decide pairs with the keys of a Cyrillic layout, and give a reason', async () => {
    const page = await demo.newPage();
    await firstSignIn(page, 'demo-mediator');
    await page.getByRole('link', { name: 'Runs and outcomes' }).click();
    await page.getByRole('button', { name: 'Start a reconciliation' }).click();
    await page.getByText('Lines by list and outcome').waitFor({ timeout: 120_000 });
    await page.getByRole('link', { name: 'Review queue' }).click();
    await page.getByRole('button', { name: /Confirm/ }).waitFor();
    await page.getByText(/whatever the keyboard layout/).waitFor();

    // A Russian or Ukrainian layout sends с for the key marked C: the key's position decides.
    const keyboard = await page.context().newCDPSession(page);
    const press = async (key: string, code: string, keyCode: number) => {
      for (const type of ['keyDown', 'keyUp'] as const)
        await keyboard.send('Input.dispatchKeyEvent', {
          type,
          key,
          code,
          windowsVirtualKeyCode: keyCode,
          ...(type === 'keyDown' ? { text: key } : {}),
        });
    };
    await press('с', 'KeyC', 67);
    await page.getByText(/^1 decided now/).waitFor();
    await press('ы', 'KeyS', 83);
    await page.getByRole('button', { name: /^Back to the 1 skipped/ }).waitFor();

    // The reason goes with the decision; typing it decides nothing.
    await page.getByLabel(/^Reason/).fill('different fathers: Ivanovich and Petrovich');
    expect(await page.getByText(/^1 decided now/).count()).toBe(1);
    const sent = page.waitForRequest((r) => r.url().endsWith('/decision'));
    await page.getByRole('button', { name: /Reject/ }).click();
    expect((await sent).postDataJSON()).toEqual({
      decision: 'rejected',
      reason: 'different fathers: Ivanovich and Petrovich',
    });
    await page.getByText(/^2 decided now/).waitFor();
    expect(await page.getByLabel(/^Reason/).inputValue()).toBe('');

    // While the queue is read again behind the pair on screen (here the network back; as often a
    // decision's own change on the event stream), a key decides that pair: it was lost. A read
    // already under way when the network comes back takes the place of a new one, so
    // the network comes back again until a held read has begun.
    const queueRead = /\/reconciliation\/pairs\?.*limit=1(&|$)/;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let reading = false;
    await page.route(queueRead, async (route) => {
      reading = true;
      await held;
      await route.continue();
    });
    await expect
      .poll(
        async () => {
          await page.evaluate(() => {
            dispatchEvent(new Event('offline'));
            dispatchEvent(new Event('online'));
          });
          return reading;
        },
        { interval: 250 },
      )
      .toBe(true);
    const decided = page.waitForRequest((r) => r.url().endsWith('/decision'));
    await press('к', 'KeyR', 82);
    expect((await decided).postDataJSON()).toEqual({ decision: 'rejected' });
    release();
    await page.getByText(/^3 decided now/).waitFor();
    await demo.expectAccessible(page);
  });

  it('shows nothing invisible on the upload preview, the lines and Compare versions', async () => {
    const page = await demo.newPage();
    await firstSignIn(page, 'demo-ua-officer');
    await page.getByRole('link', { name: 'UA sought list' }).click();
    // The "#" of the lines table is the line of the file, the header's line 1.
    await page.getByRole('columnheader', { name: 'Line in the file' }).waitFor();
    await page.getByRole('tab', { name: 'Upload a new version' }).click();
    const choose = (csv: string) =>
      page.locator('input[type=file]').setInputFiles({
        name: 'ua-sought.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
    await choose('record_id,surname,date_of_birth\nS-1,Шевченко,1999-13\nS-2,Бондар,31.02.1999');
    await page.getByText('2 errors', { exact: true }).waitFor();
    await demo.expectAccessible(page);
    await choose('record_id,surname,date_of_birth\nS-1,Шевченко,1999-12\nS-2,Бондар,1999-02-01');
    await page.getByText(/^2 lines, ready to import$/i).waitFor();
    await demo.expectAccessible(page);
    await page.getByRole('button', { name: 'Check and import' }).click();
    await page.getByText('Imported as version 2').waitFor();
    await page.getByRole('tab', { name: 'Compare versions' }).click();
    await page.getByText(/^\d+ removed$/).waitFor();
    await demo.expectAccessible(page);
  });

  it('shows nothing invisible on Users (a locked account) and Tokens', async () => {
    const page = await demo.newPage();
    await signInAdmin(page);
    adminSession = await page.context().cookies();
    await page.goto(`${demo.server.url}/admin/users`);
    await page.getByLabel(/^User name/).fill('taras');
    await page.getByRole('button', { name: 'Add a user' }).click();
    await page.getByText('One-time password of taras').waitFor();
    // Five wrong passwords lock the account.
    await page.evaluate(async () => {
      for (let i = 0; i < 5; i++)
        await fetch('/api/v1/session', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'taras', password: `wrong-${i}` }),
        });
    });
    await page.reload();
    await page.getByText(/^locked until/).waitFor();
    await page.getByRole('button', { name: 'Disable' }).first().waitFor();
    await demo.expectAccessible(page);

    await page.getByLabel(/^User name/).fill('nib-export');
    await page.getByLabel('Service account').check();
    await page.getByRole('button', { name: 'Add a user' }).click();
    await page.getByText('nib-export is a service account').waitFor();
    const mechanism = (await callApi<{ items: { id: string }[] }>(page, 'GET', '/mechanisms'))
      .items[0]!.id;
    await callApi(page, 'POST', '/users/nib-export/grants', {
      mechanism,
      role: 'party_officer',
      party: 'UA',
    });
    await page.goto(`${demo.server.url}/admin/tokens`);
    await page.getByRole('combobox', { name: /^Service account/ }).click();
    await page.getByRole('option', { name: 'nib-export' }).click();
    await page.getByRole('combobox', { name: /^Role/ }).click();
    await page.getByRole('option').first().click();
    await page.getByRole('textbox', { name: /^Name/ }).fill('exports');
    await page.getByRole('button', { name: 'Create a token' }).click();
    await page.getByRole('cell', { name: 'exports' }).waitFor();
    await demo.expectAccessible(page);
  });

  it('lists the audit log newest first, and finds an action by a part of its name', async () => {
    const page = await demo.newPage();
    // The admin signed in above; the log has the users added there.
    await signInAgainAsAdmin(page);
    await page.goto(`${demo.server.url}/admin/audit`);
    const rows = page.getByRole('table', { name: 'Audit log' }).locator('tbody tr');
    await rows.first().waitFor();
    const seqs = (await rows.locator('td:first-child').allTextContents()).map(Number);
    expect(seqs.length).toBeGreaterThan(1);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    await page.getByLabel('Action').fill('user.add');
    // Filtered once the table holds more than one entry and only these (not while it loads).
    const shown = async () => [
      (await rows.count()) > 1,
      await rows.filter({ hasNotText: 'access.user.add' }).count(),
    ];
    await expect.poll(shown).toEqual([true, 0]);
    // Who acted and where, by name: the demo's lists were imported into its mechanism.
    await page.getByLabel('Action').fill('list.import');
    await expect
      .poll(async () => rows.filter({ hasText: 'list.import' }).count())
      .toBeGreaterThan(0);
    const imported = rows.filter({ hasText: 'list.import' }).first();
    await expect.poll(async () => imported.textContent()).toMatch(/Istanbul 2025/);
  });

  it('shows a translated message, not the router’s English page, when a screen fails', async () => {
    const page = await pageIn(['ru-RU', 'ru']);
    await signInAgainAsAdmin(page);
    await page.goto(`${demo.server.url}/admin/users`);
    await page.getByRole('heading', { name: 'Пользователи' }).waitFor();
    // An answer the screen cannot draw (a server of another version, a proxy's page in between).
    await page.route(/\/api\/v1\/audit\/entries/, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"items":{}}' }),
    );
    await page.locator('a[href="/admin/audit"]').click();
    await page.getByRole('heading', { name: 'Эта страница не открылась' }).waitFor();
    expect(await page.getByText('Unexpected Application Error').count()).toBe(0);
    // The navigation stays, to go elsewhere.
    await page.locator('a[href="/admin/users"]').waitFor();
    await page.getByRole('button', { name: 'Обновить страницу' }).waitFor();
    await demo.expectAccessible(page);
  });

  /** Reuses the admin's session of the Users test, which chose a password and an authenticator. */
  async function signInAgainAsAdmin(page: Page) {
    if (!adminSession) throw new Error('the Users test signs the admin in first');
    await page.context().addCookies(adminSession);
  }
});
