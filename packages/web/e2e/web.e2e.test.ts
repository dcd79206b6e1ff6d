/// <reference lib="dom" />
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWeb,
  CHROMIUM,
  hasChromium,
  launchBrowser,
  seriousViolations,
} from './support/browser.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { signInFirstTime } from './support/steps.ts';

const isCi = Boolean(process.env.CI);
if (!hasChromium && !isCi)
  console.warn(`web e2e skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

const BAD_CSV = [
  'record_id,surname,given_name,date_of_birth',
  'S-1,Шевченко,Олександр,1999-13',
  'S-2,Бондар,Іван,31.02.1999',
].join('\n');

describe.skipIf(!hasChromium && !isCi)(
  'the web application, in Chromium against parley serve --demo',
  () => {
    let server: RunningServer;
    let browser: Browser;
    let dataDir: string;

    beforeAll(async () => {
      // In CI a missing browser fails the run rather than skipping it.
      if (!hasChromium)
        throw new Error(
          `${CHROMIUM} is missing: .ci/run installs it with apt-get install -y chromium`,
        );
      dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parley-e2e-'));
      await buildWeb();
      [server, browser] = await Promise.all([startServer(dataDir), launchBrowser()]);
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    });

    const pageOf = async (): Promise<Page> => {
      const context = await browser.newContext({ locale: 'en-GB' });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      return page;
    };
    const account = (name: string) => {
      const found = server.accounts.get(name);
      if (!found) throw new Error(`no demo account ${name}`);
      return found;
    };
    const expectAccessible = async (page: Page) =>
      expect(await seriousViolations(page)).toEqual([]);

    it('lets a party officer sign in with a second factor, see whose list it is, and upload a version, every error shown first', async () => {
      const page = await pageOf();
      await signInFirstTime(page, server.url, account('demo-ua-officer'));
      await page.getByRole('heading', { name: 'UA sought list' }).waitFor();
      await expect.poll(() => page.getByText('UA list, sought by UA').count()).toBe(1);
      await page.getByRole('row').nth(5).waitFor();
      await expectAccessible(page);
      // The navigation offers only the officer's own party's lists.
      expect(await page.getByRole('link', { name: /RU .* list/ }).count()).toBe(0);

      await page.getByRole('searchbox', { name: /Search/ }).fill('UA-S-000001');
      await expect.poll(() => page.getByText('1 line', { exact: true }).count()).toBe(1);

      await page.getByRole('tab', { name: 'Upload a new version' }).click();
      await page.locator('input[type=file]').setInputFiles({
        name: 'ua-sought.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(BAD_CSV),
      });
      await page.getByRole('button', { name: 'Check and import' }).click();
      await page.getByText('ua-sought.csv was not imported: 2 errors').waitFor();
      expect(await page.getByRole('cell', { name: 'there is no month 13' }).count()).toBe(1);
      expect(await page.getByRole('cell', { name: '31.02.1999' }).count()).toBe(1);
      await expectAccessible(page);

      await page.getByRole('button', { name: 'Import anyway, invalid values as missing' }).click();
      await page.getByText('Imported as version 2').waitFor();
      await page.getByRole('tab', { name: 'Versions', exact: true }).click();
      await page.getByText('ua-sought.csv', { exact: true }).waitFor();
      await page.getByRole('tab', { name: 'Compare versions' }).click();
      await page.getByText('500 removed').waitFor();
      await expectAccessible(page);
    });

    it('lets the mediator reconcile the lists and decide pairs in the review queue', async () => {
      const page = await pageOf();
      await signInFirstTime(page, server.url, account('demo-mediator'));
      await page.getByRole('heading', { name: 'Reconciliation' }).waitFor();
      await page.getByRole('button', { name: 'Start a reconciliation' }).click();
      await page.getByText('Lines by list and outcome').waitFor({ timeout: 120_000 });
      await expectAccessible(page);

      await page.getByRole('link', { name: 'Review queue' }).click();
      await page.getByRole('button', { name: /Confirm/ }).waitFor();
      await expectAccessible(page);
      await page.keyboard.press('c');
      await page.getByText(/^1 decided now/).waitFor();
      await page.getByRole('button', { name: /Reject/ }).click();
      await page.getByText(/^2 decided now/).waitFor();
    });

    it('lets the admin add a user, shown its one-time password and authenticator URI once', async () => {
      const page = await pageOf();
      await signInFirstTime(page, server.url, {
        username: 'admin',
        password: server.adminPassword,
      });
      await page.getByRole('link', { name: 'Open' }).last().click();
      await page.getByRole('heading', { name: 'Users' }).waitFor();
      await page.getByLabel(/^User name/).fill('olena');
      await page.getByRole('button', { name: 'Add a user' }).click();
      await page.getByText('One-time password of olena').waitFor();
      expect(await page.locator('[data-secret^="Authenticator URI"]').textContent()).toMatch(
        /^otpauth:\/\/totp\//,
      );
      await page.getByRole('cell', { name: /^olena/ }).waitFor();
      await expectAccessible(page);

      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByRole('button', { name: 'Verify the chain' }).click();
      await page.getByText('The audit log is intact').waitFor();
      await expectAccessible(page);
    });

    it('speaks Ukrainian and Russian', async () => {
      const page = await pageOf();
      await page.goto(server.url);
      await page.getByText('Українська').click();
      await page.getByRole('heading', { name: 'Вхід до Parley' }).waitFor();
      await page.getByText('Русский').click();
      await page.getByRole('heading', { name: 'Вход в Parley' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    });
  },
);
