/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runsInChromium, useDemoInChromium } from './support/suite.ts';
import { signIn, signInFirstTime } from './support/steps.ts';

const BAD_CSV = [
  'record_id,surname,given_name,date_of_birth',
  'S-1,Шевченко,Олександр,1999-13',
  'S-2,Бондар,Іван,31.02.1999',
].join('\n');

describe.runIf(runsInChromium)(
  'the web application, in Chromium against parley serve --demo',
  () => {
    const demo = useDemoInChromium('web');

    const pageOf = () => demo.newPage();
    const account = (name: string) => demo.account(name);
    // Passwords chosen at the first sign-in, for the accounts that come back.
    const chosen = new Map<string, string>();
    const firstSignIn = async (page: Page, name: string) =>
      chosen.set(name, await signInFirstTime(page, demo.server.url, account(name)));
    const signInAs = async (page: Page, name: string) => {
      const password = chosen.get(name);
      if (password) await signIn(page, demo.server.url, { ...account(name), password });
      else await firstSignIn(page, name);
    };

    // Before the officer's upload below replaces Ukraine's sought list with two lines: the demo's
    // own lists hold the names-only lines whose namesakes put pairs in the queue.
    it('lets the mediator reconcile the lists and decide pairs in the review queue', async () => {
      const page = await pageOf();
      await firstSignIn(page, 'demo-mediator');
      await page.getByRole('link', { name: 'Runs and outcomes' }).click();
      await page.getByRole('heading', { name: 'Reconciliation' }).waitFor();
      await page.getByRole('button', { name: 'Start a reconciliation' }).click();
      await page.getByText('Lines by list and outcome').waitFor({ timeout: 120_000 });
      await demo.expectAccessible(page);

      await page.getByRole('link', { name: 'Review queue' }).click();
      await page.getByRole('button', { name: /Confirm/ }).waitFor();
      await demo.expectAccessible(page);
      await page.keyboard.press('c');
      await page.getByText(/^1 decided now/).waitFor();
      await page.getByRole('button', { name: /Reject/ }).click();
      await page.getByText(/^2 decided now/).waitFor();
    });

    it('lets a party officer sign in with a second factor, see whose list it is, and upload a version, every error shown first', async () => {
      const page = await pageOf();
      await firstSignIn(page, 'demo-ua-officer');
      // The workspace opens on its overview; the lists are in the navigation.
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      await page.getByRole('link', { name: 'UA sought list' }).click();
      await page.getByRole('heading', { name: 'UA sought list' }).waitFor();
      await expect.poll(() => page.getByText('UA list, sought by UA').count()).toBe(1);
      await page.getByRole('row').nth(5).waitFor();
      await demo.expectAccessible(page);
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
      await demo.expectAccessible(page);

      // Over a slow line the import shows how far the file has gone, then that it is being stored.
      const network = await page.context().newCDPSession(page);
      const throttle = (uploadThroughput: number) =>
        network.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 0,
          downloadThroughput: -1,
          uploadThroughput,
        });
      await network.send('Network.enable');
      await throttle(200);
      await page.getByRole('button', { name: 'Import anyway, invalid values as missing' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /Sending the file: \d+%|checking and storing the lines/ })
        .waitFor();
      await throttle(-1);
      await page.getByText('Imported as version 2').waitFor();
      await page.getByRole('tab', { name: 'Versions', exact: true }).click();
      await page.getByText('ua-sought.csv', { exact: true }).waitFor();
      await page.getByRole('tab', { name: 'Compare versions' }).click();
      await page.getByText('500 removed').waitFor();
      await demo.expectAccessible(page);
    });

    it('carries the demo from the 2 June agreement to a manifest signed in the browser by both parties and the mediator', async () => {
      const mediator = await pageOf();
      await signInAs(mediator, 'demo-mediator');
      await mediator.getByRole('link', { name: 'Agreement and eligibility' }).click();
      await mediator.getByRole('heading', { name: 'Agreements' }).waitFor();
      await mediator.getByRole('combobox', { name: 'Template' }).click();
      await mediator.getByRole('option', { name: 'Istanbul, 2 June 2025' }).click();
      // The demo ships the agreement already: the server's refusal is shown, then another name.
      await mediator.getByRole('button', { name: 'Create from the template' }).click();
      await mediator.getByText(/already has an agreement named "Istanbul, 2 June 2025"/).waitFor();
      await mediator.getByLabel(/^Name \(optional/).fill('Istanbul, 2 June 2025 (web)');
      await mediator.getByRole('button', { name: 'Create from the template' }).click();
      await mediator.getByRole('heading', { name: 'Istanbul, 2 June 2025 (web)' }).waitFor();
      await mediator.getByText('Seriously wounded and seriously sick', { exact: true }).waitFor();
      await demo.expectAccessible(mediator);

      await mediator.getByRole('button', { name: 'Preview (nothing is kept)' }).click();
      await mediator.getByText('Preview on the latest lists: nothing has been kept yet.').waitFor();
      await mediator.getByRole('button', { name: 'Evaluate and keep' }).click();
      await mediator.getByText('Kept results of the latest evaluation, per list.').waitFor();
      await mediator.getByRole('heading', { name: "Each person's result" }).waitFor();
      await mediator
        .getByRole('cell', { name: /^RU-H-/ })
        .first()
        .waitFor();
      await demo.expectAccessible(mediator);
      await mediator.getByRole('button', { name: 'Open the paths' }).click();
      await mediator.getByText(/eligible; \d+ newly on the path/).waitFor();
      await mediator.getByRole('link', { name: 'Go to the path board' }).click();
      await mediator.getByRole('tab', { name: 'Persons on the path' }).waitFor();
      // Each person's category by its name in the agreement, not its id.
      await mediator
        .getByRole('cell', { name: 'Young servicemen aged 18 to 25' })
        .first()
        .waitFor();
      expect(await mediator.getByRole('cell', { name: 'young_servicemen' }).count()).toBe(0);

      /** Selects every person in a state and moves them to the next one this role may set. */
      const moveAll = async (page: Page, state: string) => {
        await page.reload();
        const button = page.getByRole('button', { name: new RegExp(`^${state} · `) });
        await page.getByRole('group', { name: 'Persons by state' }).waitFor();
        // Persons matched by the reconciliation start acknowledged.
        if (state === 'proposed' && (await button.count()) === 0) return;
        await button.click();
        await page.getByRole('checkbox', { name: 'Select every person in this state' }).check();
        await page.getByRole('button', { name: /^Move \d+ persons? to/ }).click();
        await page.getByText(/^\d+ persons? moved$/).waitFor();
      };
      const verifier = await pageOf();
      await signInAs(verifier, 'demo-verifier');
      await verifier.getByRole('link', { name: 'Stages' }).click();
      await moveAll(mediator, 'proposed');
      await moveAll(verifier, 'acknowledged');
      await moveAll(mediator, 'identity verified');
      await moveAll(verifier, 'category confirmed');
      await demo.expectAccessible(verifier);
      // The verifier records one refusal to return, with its reason, and the others' wish.
      await verifier.reload();
      await verifier.getByRole('button', { name: /^fit to travel · / }).click();
      await verifier
        .getByRole('checkbox', { name: /^Select RU-H-/ })
        .first()
        .check();
      await verifier.getByLabel('Reason (the person refuses to return)').fill('said so in private');
      await verifier.getByRole('button', { name: /refuses to return$/ }).click();
      await verifier.getByText('1 person moved').waitFor();
      await moveAll(verifier, 'fit to travel');
      await moveAll(mediator, 'wish to return verified');
      await demo.expectAccessible(mediator);

      await mediator.getByRole('tab', { name: 'Stages' }).click();
      await mediator.getByLabel(/^Place/).fill('Belarus–Ukraine border');
      await mediator.getByLabel(/^Date/).fill('2025-06-09');
      await mediator.getByLabel('Size (optional)').fill('6');
      await mediator.getByRole('button', { name: 'Propose a stage' }).click();
      await mediator.getByText(/^Stage 1 proposed with \d+ persons$/).waitFor();
      await mediator.getByRole('button', { name: 'Withdraw' }).first().click();
      await mediator.getByLabel(/^Why .* leaves the stage/).fill('medical evacuation first');
      await mediator.getByRole('button', { name: 'Withdraw' }).first().click();
      await mediator.getByText(/^RU-H-\S+ withdrawn$/).waitFor();
      await demo.expectAccessible(mediator);
      await mediator
        .getByRole('button', { name: 'Approve the stage and freeze its manifest' })
        .click();
      await mediator.getByRole('link', { name: /^Manifest [0-9a-f]{16}/ }).click();
      await mediator.getByRole('heading', { name: 'Manifest of stage 1' }).waitFor();
      await mediator.getByRole('button', { name: 'Sign the manifest' }).click();
      await mediator.getByText('You have signed this manifest in this role').waitFor();
      await demo.expectAccessible(mediator);

      for (const officer of ['demo-ua-officer', 'demo-ru-officer']) {
        const page = await pageOf();
        await signInAs(page, officer);
        await page.getByRole('link', { name: 'Signed manifests' }).click();
        await page.getByRole('link', { name: /^Manifest [0-9a-f]{16}/ }).click();
        await page.getByRole('button', { name: 'Sign the manifest' }).click();
        await page.getByText('You have signed this manifest in this role').waitFor();
      }
      await mediator.reload();
      await mediator.getByRole('button', { name: 'Verify the hash and every signature' }).click();
      await mediator
        .getByText('Verified: the hash matches and every required signature is valid')
        .waitFor();
      expect(await mediator.getByText('not signed yet').count()).toBe(0);
      await demo.expectAccessible(mediator);
    }, 300_000);

    it('lets the admin add a user, shown its one-time password and authenticator URI once', async () => {
      const page = await pageOf();
      await signInFirstTime(page, demo.server.url, {
        username: 'admin',
        password: demo.server.adminPassword,
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
      await demo.expectAccessible(page);

      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByRole('button', { name: 'Verify the chain' }).click();
      await page.getByText('The audit log is intact').waitFor();
      await demo.expectAccessible(page);

      // Filtered by action and time, then by the object the entry names.
      const rows = page.getByRole('table', { name: 'Audit log' }).locator('tbody tr');
      await page.getByLabel('Action').fill('access.user.add');
      await page.getByLabel('From').fill('2000-01-01T00:00');
      await page.getByLabel('Until').fill('2100-01-01T00:00');
      await expect.poll(() => rows.filter({ hasNotText: 'access.user.add' }).count()).toBe(0);
      // Newest first: olena's is the first.
      const olenasId = (await rows.first().getByRole('cell').last().textContent()) ?? '';
      expect(olenasId).toMatch(/^[0-9a-f-]{36}$/);
      await page.getByLabel('Until').fill('2000-01-02T00:00');
      await expect.poll(() => rows.count()).toBe(0);
      await page.getByLabel('Until').fill('');
      await page.getByLabel('Action').fill('');
      await page.getByLabel(/^Object/).fill(olenasId);
      await expect.poll(() => rows.count()).toBeGreaterThan(0);
      await expect.poll(() => rows.filter({ hasNotText: olenasId }).count()).toBe(0);
      await demo.expectAccessible(page);
    });

    it('speaks Ukrainian and Russian', async () => {
      const page = await pageOf();
      await page.goto(demo.server.url);
      await page.getByText('Українська').click();
      await page.getByRole('heading', { name: 'Вхід до Parley' }).waitFor();
      await page.getByText('Русский').click();
      await page.getByRole('heading', { name: 'Вход в Parley' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    });
  },
);
