/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, runsInChromium, useDemoInChromium } from './support/suite.ts';
import { signInFirstTime } from './support/steps.ts';

interface Person {
  id: string;
  receivingParty: string;
  recordId: string;
  name: string | null;
}

describe.runIf(runsInChromium)(
  "the day of the exchange: a person's file, and a stage's receipts signed once by each side",
  () => {
    const demo = useDemoInChromium('exchange-day');
    const openPages: Page[] = [];
    afterEach(async (context) => {
      if (context.task.result?.state !== 'fail') return;
      for (const page of openPages.splice(0))
        console.log(`${page.url()}\n${(await page.locator('body').innerText()).slice(0, 3000)}`);
    });
    const pageAs = async (name: string): Promise<Page> => {
      const page = await demo.newPage();
      openPages.push(page);
      await signInFirstTime(page, demo.server.url, demo.account(name));
      await page.getByRole('link', { name: 'Handover receipts' }).waitFor();
      return page;
    };

    it('opens a person by name from the receipts, and confirms every receipt after one batch signature by each side', async () => {
      const [mediator, verifier, ua, ru] = await Promise.all([
        pageAs('demo-mediator'),
        pageAs('demo-verifier'),
        pageAs('demo-ua-officer'),
        pageAs('demo-ru-officer'),
      ]);
      // Up to persons handed over, through the API, as the receipts suite does.
      const [mechanism] = (
        await callApi<{ items: Array<{ id: string }> }>(mediator, 'GET', '/mechanisms')
      ).items;
      const m = `/mechanisms/${mechanism!.id}`;
      const agreement = (
        await callApi<{ items: Array<{ id: string; name: string }> }>(
          mediator,
          'GET',
          `${m}/agreements`,
        )
      ).items.find((a) => a.name === 'Istanbul, 2 June 2025')!;
      const a = `${m}/agreements/${agreement.id}`;
      await callApi(mediator, 'POST', `${a}/versions/latest/evaluations`);
      await callApi(mediator, 'POST', `${a}/paths`);
      const moveAll = async (page: Page, from: string, to: string) => {
        const { items } = await callApi<{ items: Person[] }>(
          page,
          'GET',
          `${a}/persons?state=${from}`,
        );
        await callApi(page, 'POST', `${m}/moves`, {
          moves: items.map((p) => ({ personId: p.id, to })),
        });
        return items;
      };
      await moveAll(mediator, 'proposed', 'acknowledged');
      await moveAll(verifier, 'acknowledged', 'identity_verified');
      await moveAll(mediator, 'identity_verified', 'category_confirmed');
      await moveAll(verifier, 'category_confirmed', 'fit_to_travel');
      await moveAll(verifier, 'fit_to_travel', 'wish_verified');
      await moveAll(mediator, 'wish_verified', 'approved');
      const stage = await callApi<{ stageId: string; selected: number }>(
        mediator,
        'POST',
        `${a}/stages`,
        {
          place: 'Belarus–Ukraine border',
          date: '2025-06-09',
          size: 3,
        },
      );
      await callApi(mediator, 'POST', `${m}/stages/${stage.stageId}/approval`);
      for (const officer of [ua, ru]) await moveAll(officer, 'assigned', 'in_transit');
      const handedOver = await moveAll(verifier, 'in_transit', 'handed_over');
      const n = handedOver.length;
      expect(n).toBe(stage.selected);
      expect(n).toBeGreaterThan(1);

      // The verifier issues the stage's receipts at once; each person is shown by name.
      await verifier.getByRole('link', { name: 'Handover receipts' }).click();
      await verifier
        .getByRole('button', { name: `Issue the stage's ${n} missing receipts at once` })
        .click();
      await verifier.getByText(`${n} receipts issued`).waitFor();
      const person = handedOver.find((p) => p.name)!;
      await verifier.getByRole('link', { name: person.name!, exact: true }).first().click();
      await verifier.getByRole('heading', { name: person.name!, exact: true }).waitFor();
      await verifier.getByRole('heading', { name: 'Path to the handover' }).waitFor();
      await verifier.getByRole('cell', { name: 'in transit → handed over' }).waitFor();
      await demo.expectAccessible(verifier);

      // One signature by the verifier and each side over the batch of the stage's receipts.
      // The batch is signed by the officers of the sides that receive someone in it.
      const receiving = new Set(handedOver.map((p) => p.receivingParty));
      const officers = [...(receiving.has('UA') ? [ua] : []), ...(receiving.has('RU') ? [ru] : [])];
      for (const page of [verifier, ...officers]) {
        await page.getByRole('link', { name: 'Handover receipts' }).click();
        await page.getByRole('button', { name: `Sign ${n} receipts at once` }).click();
        await page
          .getByText(new RegExp(`^One document names the hashes of ${n} receipts`))
          .waitFor();
        await page.getByRole('button', { name: 'Sign every receipt of the batch' }).click();
        await page.getByText('You have signed the batch in this role').waitFor();
      }
      const last = officers.at(-1)!;
      await last.getByRole('button', { name: 'Verify the batch and its signatures' }).click();
      await last
        .getByText('Verified: the hash matches and every required signature is valid')
        .waitFor();
      await demo.expectAccessible(last);

      // Each receiving officer confirms in one step every receipt the batch signed.
      for (const [page, party] of [
        [ua, 'UA'],
        [ru, 'RU'],
      ] as const) {
        await page.reload();
        const received = handedOver.filter((p) => p.receivingParty === party).length;
        if (received === 0) continue;
        const [persons, receipts] =
          received === 1 ? ['person', 'receipt'] : ['persons', 'receipts'];
        await page
          .getByRole('button', {
            name: `Confirm the signed ${receipts} of ${received} ${persons} received`,
          })
          .click();
        await page.getByText(`${received} ${receipts} confirmed`).waitFor();
      }
      const { items } = await callApi<{ items: Person[] }>(
        mediator,
        'GET',
        `${a}/persons?state=receipt_confirmed`,
      );
      expect(items).toHaveLength(n);
    }, 300_000);
  },
);
