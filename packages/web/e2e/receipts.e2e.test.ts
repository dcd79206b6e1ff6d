/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { approvedStage, useDemoPages, type PathPerson } from './support/exchange-setup.ts';
import { signInFirstTime } from './support/steps.ts';
import { callApi, runsInChromium, useDemoInChromium } from './support/suite.ts';

describe.runIf(runsInChromium)(
  'handover receipts and corrections, in Chromium against parley serve --demo',
  () => {
    const demo = useDemoInChromium('receipts');
    const { pageAs, pages, watch } = useDemoPages(demo);

    it('takes persons from a signed manifest, corrected once, to receipts signed in the browser and confirmed', async () => {
      const [mediator, verifier, ua, ru] = await Promise.all([
        pageAs('demo-mediator'),
        pageAs('demo-verifier'),
        pageAs('demo-ua-officer'),
        pageAs('demo-ru-officer'),
      ]);
      // The path up to an approved stage is set up through the API, as other tests click it.
      const { agreementPath: a, stage, moveAll } = await approvedStage({ mediator, verifier }, 6);

      // The mediator signs the stage's manifest in the browser, then corrects it.
      await mediator.getByRole('link', { name: 'Signed manifests' }).click();
      await mediator.getByRole('link', { name: /^Manifest [0-9a-f]{16}/ }).click();
      await mediator.getByRole('button', { name: 'Sign the manifest' }).click();
      await mediator.getByText('You have signed this manifest in this role').waitFor();
      const signedHash = await mediator.getByTestId('manifest-hash').textContent();
      await mediator.getByRole('button', { name: 'Correct this manifest' }).click();
      const leaving = mediator.getByRole('checkbox', { name: /leaves the manifest$/ }).first();
      const leavingRecord = (await leaving.getAttribute('aria-label'))!.split(' ')[0]!;
      await leaving.check();
      await mediator.getByLabel(/^Why they leave/).fill('medical evacuation first');
      await mediator
        .getByLabel(/^Why the manifest is corrected/)
        .fill(`${leavingRecord} left the stage`);
      await demo.expectAccessible(mediator);
      await mediator
        .getByRole('button', { name: /^Take 1 person off and issue the correction$/ })
        .click();
      const corrects = mediator.getByRole('link', {
        name: `Corrects manifest ${signedHash!.slice(0, 16)}…`,
      });
      await corrects.waitFor();
      const correctedHash = await mediator.getByTestId('manifest-hash').textContent();
      expect(correctedHash).not.toBe(signedHash);
      expect(await mediator.getByRole('cell', { name: leavingRecord, exact: true }).count()).toBe(
        0,
      );
      await corrects.click();
      await mediator.getByText('This manifest was corrected').waitFor();
      await mediator
        .getByRole('link', { name: `Corrected by manifest ${correctedHash!.slice(0, 16)}…` })
        .waitFor();
      expect(await mediator.getByRole('button', { name: 'Correct this manifest' }).count()).toBe(0);
      await demo.expectAccessible(mediator);
      await mediator.getByRole('link', { name: 'Signed manifests' }).click();
      await mediator
        .getByRole('link', { name: `Manifest ${signedHash!.slice(0, 16)}… (corrected)` })
        .waitFor();

      // Each holding party sends its people off, and the verifier sees them handed over.
      for (const officer of [ua, ru]) await moveAll(officer, 'assigned', 'in_transit');
      const handedOver = (await moveAll(verifier, 'in_transit', 'handed_over')).length;
      expect(handedOver).toBe(stage.selected - 1);

      // The verifier issues every receipt at once, with a result per person.
      await verifier.getByRole('link', { name: 'Handover receipts' }).click();
      await verifier
        .getByRole('checkbox', { name: 'Select every person handed over without a receipt' })
        .check();
      await verifier
        .getByRole('button', { name: `Issue the receipts of ${handedOver} persons` })
        .click();
      await verifier.getByText(`${handedOver} receipts issued`).waitFor();
      await demo.expectAccessible(verifier);
      // A person UA receives: the receipt waits for UA's officer.
      const receiving = 'UA';
      const open = verifier
        .getByRole('row')
        .filter({ hasText: `→ ${receiving}` })
        .getByRole('link', { name: /^Open the receipt of / })
        .first();
      const record = (await open.textContent())!.replace('Open the receipt of ', '');
      await open.click();
      await verifier.getByRole('heading', { name: `Handover receipt of ${record}` }).waitFor();
      await verifier
        .getByText('This browser computed the same hash from the document above')
        .waitFor();
      expect(await verifier.getByText(`"recordId":"${record}"`).count()).toBe(1);
      await verifier.getByRole('button', { name: 'Sign the receipt' }).click();
      await verifier.getByText('You have signed this receipt in this role').waitFor();
      await demo.expectAccessible(verifier);

      // The receiving party's officer signs, verifies and confirms the receipt.
      const officer = ua;
      await officer.getByRole('link', { name: 'Handover receipts' }).click();
      await officer
        .getByText(`waiting for Party officer (${receiving})`, { exact: true })
        .first()
        .waitFor();
      await officer.getByRole('link', { name: `Open the receipt of ${record}` }).click();
      await officer
        .getByText(
          `The receipt can be confirmed once it is signed by Party officer (${receiving}).`,
        )
        .waitFor();
      await officer.getByRole('button', { name: 'Sign the receipt' }).click();
      await officer.getByText('You have signed this receipt in this role').waitFor();
      await officer.getByRole('button', { name: 'Verify the hash and every signature' }).click();
      await officer
        .getByText('Verified: the hash matches and every required signature is valid')
        .waitFor();
      await officer.getByRole('button', { name: `Confirm the receipt of ${record}` }).click();
      await officer.getByText(`The receipt of ${record} is confirmed`).waitFor();
      await demo.expectAccessible(officer);
      const { items } = await callApi<{ items: PathPerson[] }>(
        mediator,
        'GET',
        `${a}/persons?state=receipt_confirmed`,
      );
      expect(items.map((p) => p.recordId)).toEqual([record]);
    }, 300_000);

    it("lets the admin revoke a signing key with its reason, set a retention period, and scan a new user's authenticator code", async () => {
      const page = await demo.newPage();
      await signInFirstTime(page, demo.server.url, {
        username: 'admin',
        password: demo.server.adminPassword,
      });
      await page.getByRole('link', { name: 'Open' }).last().click();
      await page.getByRole('heading', { name: 'Users' }).waitFor();
      await page.getByLabel(/^User name/).fill('mykola');
      await page.getByRole('button', { name: 'Add a user' }).click();
      await page
        .getByRole('img', {
          name: 'Authenticator URI as a QR code, to scan with the authenticator app',
        })
        .waitFor();
      expect(await page.locator('[data-secret^="Authenticator URI"]').textContent()).toMatch(
        /^otpauth:\/\/totp\//,
      );
      await demo.expectAccessible(page);

      await page.getByRole('link', { name: 'Signing keys' }).click();
      await page.getByRole('heading', { name: 'Signing keys' }).waitFor();
      const row = page
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: 'demo-mediator', exact: true }) });
      await row.getByRole('button', { name: /^Revoke [0-9a-f]{16}$/ }).click();
      await page
        .getByLabel(/^Why the key [0-9a-f]{16} of demo-mediator is revoked/)
        .fill('laptop lost');
      await page.getByRole('button', { name: 'Revoke the key' }).click();
      await row.getByText(/^revoked /).waitFor();
      await demo.expectAccessible(page);

      // The mediator's browser key is revoked: signing again makes and registers a new one.
      const mediator = pages.get('demo-mediator')!;
      watch(mediator);
      await mediator.getByRole('link', { name: 'Signed manifests' }).click();
      await mediator.getByRole('link', { name: /^Manifest [0-9a-f]{16}…$/ }).click();
      await mediator.getByRole('button', { name: 'Sign the manifest' }).click();
      await mediator.getByText('You have signed this manifest in this role').waitFor();
      await page.reload();
      // The old key stays on record, revoked; the new one is active.
      await expect.poll(() => row.count()).toBe(2);
      expect(await row.filter({ hasText: /revoked/ }).count()).toBe(1);

      await page.getByRole('link', { name: 'Retention' }).click();
      const sessions = page.getByRole('row', { name: /^Sign-in sessions/ });
      await sessions.getByText('kept for ever').waitFor();
      await page.getByLabel('Days to keep: Sign-in sessions').fill('30');
      await page.getByRole('button', { name: 'Save the period of Sign-in sessions' }).click();
      await expect.poll(() => sessions.getByText('kept for ever').count()).toBe(0);
      expect(await page.getByLabel('Days to keep: Sign-in sessions').inputValue()).toBe('30');
      await demo.expectAccessible(page);
    });
  },
);
