/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { approvedStage, useDemoPages } from './support/exchange-setup.ts';
import { callApi, runsInChromium, useDemoInChromium } from './support/suite.ts';

/** The count the header's inbox link shows, from its accessible name ("Inbox: 3 things wait…"). */
async function inboxCount(page: Page): Promise<number> {
  const name = await page
    .getByRole('banner')
    .getByRole('link', { name: /^Inbox: \d+ things? waits? for you$/ })
    .textContent();
  return Number(/\d+/.exec(name ?? '')?.[0] ?? NaN);
}

// Another person's action reaches an open page within a few seconds, without a reload.
const LIVE = { timeout: 5_000, interval: 100 };

describe.runIf(runsInChromium)(
  'the inbox and live updates, in two signed-in pages in Chromium against parley serve --demo',
  () => {
    const demo = useDemoInChromium('live-updates');
    const { pageAs } = useDemoPages(demo);

    it("shows each side what waits for it, and updates one person's page when another acts", async () => {
      const [mediator, verifier, ua, ru] = await Promise.all([
        pageAs('demo-mediator'),
        pageAs('demo-verifier'),
        pageAs('demo-ua-officer'),
        pageAs('demo-ru-officer'),
      ]);
      const { mechanismPath: m, stage, moveAll } = await approvedStage({ mediator, verifier }, 6);
      for (const officer of [ua, ru]) await moveAll(officer, 'assigned', 'in_transit');
      await moveAll(verifier, 'in_transit', 'handed_over');
      // Neither page is reloaded from here on: a mark left in each would be lost with a reload.
      for (const page of [verifier, ua])
        await page.evaluate(() => (document.body.dataset.mark = 'kept'));

      // UA's officer opens the inbox; the stage's manifest waits for UA's signature.
      await ua
        .getByRole('banner')
        .getByRole('link', { name: /^Inbox/ })
        .click();
      await ua.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
      await ua
        .getByRole('link', { name: /^The manifest of stage \d+ \(.+\) awaits your signature$/ })
        .waitFor();
      const before = await inboxCount(ua);
      await demo.expectAccessible(ua);

      // The verifier issues the stage's receipts: UA's inbox grows by those UA must sign.
      await callApi(verifier, 'POST', `${m}/stages/${stage.stageId}/receipts`);
      const expected = (await callApi<{ total: number }>(ua, 'GET', '/inbox')).total;
      expect(expected).toBeGreaterThan(before);
      await expect.poll(() => inboxCount(ua), LIVE).toBe(expected);
      const toSign = ua.getByRole('link', { name: /^Stage \d+: \d+ receipts? to sign$/ });
      await toSign.waitFor({ timeout: LIVE.timeout });

      // The verifier watches the stage's receipts, each waiting for its receiving party's officer.
      await verifier.getByRole('link', { name: 'Handover receipts' }).click();
      const waitingForUa = verifier.getByText('waiting for Party officer (UA), Neutral verifier', {
        exact: true,
      });
      await waitingForUa.first().waitFor();
      const waitingBefore = await waitingForUa.count();

      // UA's officer follows the inbox's link and signs one receipt.
      await toSign.click();
      const open = ua.getByRole('link', { name: /^Open the receipt of / }).first();
      const record = (await open.textContent())!.replace('Open the receipt of ', '');
      await open.click();
      await ua.getByRole('button', { name: 'Sign the receipt' }).click();
      await ua.getByText('You have signed this receipt in this role').waitFor();

      // The verifier's list changes by itself: that receipt now waits for the verifier alone.
      await expect.poll(() => waitingForUa.count(), LIVE).toBe(waitingBefore - 1);
      const row = verifier.getByRole('row').filter({ hasText: record });
      await row.getByText('waiting for Neutral verifier', { exact: true }).waitFor();
      await demo.expectAccessible(verifier);
      // UA's badge counts one receipt fewer.
      await expect.poll(() => inboxCount(ua), LIVE).toBe(expected - 1);
      for (const page of [verifier, ua])
        expect(await page.evaluate(() => document.body.dataset.mark)).toBe('kept');
    }, 300_000);
  },
);
