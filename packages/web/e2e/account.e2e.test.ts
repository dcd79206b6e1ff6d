/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callApi, runsInChromium, useDemoInChromium } from './support/suite.ts';
import { signInFirstTime } from './support/steps.ts';

describe.runIf(runsInChromium)(
  'second factor, API tokens and the page policy, in Chromium against the demo',
  () => {
    const demo = useDemoInChromium('account');

    /** What the page's Content-Security-Policy refused, as the browser reports it. */
    const refusals = (page: Page) => {
      const seen: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
      });
      return seen;
    };

    it('has the first admin add an authenticator before anything else, then make a service account its token', async () => {
      const page = await demo.newPage();
      const refused = refusals(page);
      await page.goto(demo.server.url);
      await page.getByLabel('User name').waitFor({ timeout: 90_000 });
      // Signs in, chooses a password, and enrols the authenticator the page shows (steps.ts).
      await signInFirstTime(page, demo.server.url, {
        username: 'admin',
        password: demo.server.adminPassword,
      });
      const session = await callApi<{ mustEnrolSecondFactor: boolean }>(page, 'GET', '/session');
      expect(session.mustEnrolSecondFactor).toBe(false);

      await page.goto(`${demo.server.url}/admin/users`);
      await page.getByRole('heading', { name: 'Users' }).waitFor();
      await page.getByLabel(/^User name/).fill('nib-import');
      await page.getByLabel('Service account').check();
      await page.getByRole('button', { name: 'Add a user' }).click();
      await page.getByText('nib-import is a service account').waitFor();
      const mechanism = (await callApi<{ items: { id: string }[] }>(page, 'GET', '/mechanisms'))
        .items[0]!.id;
      await callApi(page, 'POST', '/users/nib-import/grants', {
        mechanism,
        role: 'party_officer',
        party: 'UA',
      });

      await page.goto(`${demo.server.url}/admin/tokens`);
      await page.getByRole('heading', { name: 'API tokens' }).waitFor();
      // Only service accounts are offered: a token acting as a person is that person's to make.
      await page.getByRole('combobox', { name: /^Service account/ }).click();
      const offered = await page.getByRole('option').allTextContents();
      expect(offered).toEqual(['nib-import']);
      await page.getByRole('option', { name: 'nib-import' }).click();
      await page.getByRole('combobox', { name: /^Role/ }).click();
      await page.getByRole('option').first().click();
      await page.getByRole('textbox', { name: /^Name/ }).fill('uploads');
      await page.getByRole('button', { name: 'Create a token' }).click();
      expect(await page.locator('[data-secret="API token"]').textContent()).toMatch(/^prl_/);
      await demo.expectAccessible(page);
      expect(refused).toEqual([]);
    }, 300_000);

    it('lets a party officer make a token of their own in the browser', async () => {
      const page = await demo.newPage();
      await page.goto(demo.server.url);
      await page.getByLabel('User name').waitFor({ timeout: 90_000 });
      await signInFirstTime(page, demo.server.url, demo.account('demo-ua-officer'));
      // The menu opened while the page still moves on from the password to the workspace is
      // drawn again under the click (CI met it): open it once the workspace is there.
      await page.waitForURL(/\/m\//);
      await page.getByRole('navigation').first().waitFor();
      await page.getByRole('button', { name: /^Account of demo-ua-officer/ }).click();
      await page.getByRole('menuitem', { name: 'API tokens' }).click();
      await page.getByRole('heading', { name: 'My API tokens' }).waitFor();
      await page.getByRole('combobox', { name: /^Role/ }).click();
      await page.getByRole('option').first().click();
      await page.getByRole('textbox', { name: /^Name/ }).fill('my script');
      await page.getByRole('button', { name: 'Create a token' }).click();
      const token = (await page.locator('[data-secret="API token"]').textContent()) ?? '';
      expect(token).toMatch(/^prl_/);
      await page.getByRole('cell', { name: 'my script' }).waitFor();
      await demo.expectAccessible(page);
    }, 300_000);

    it('shows the API description with scripts from the server only, no inline script refused or needed', async () => {
      const page = await demo.newPage();
      const refused = refusals(page);
      const response = await page.goto(`${demo.server.url}/docs/static/index.html`);
      const policy = response?.headers()['content-security-policy'] ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      await page.getByText('Parley API').first().waitFor({ timeout: 60_000 });
      expect(refused).toEqual([]);
    }, 300_000);
  },
);
