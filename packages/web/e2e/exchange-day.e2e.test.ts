/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { approvedStage, useDemoPages, type PathPerson } from './support/exchange-setup.ts';
import { callApi, runsInChromium, useDemoInChromium } from './support/suite.ts';

describe.runIf(runsInChromium)(
  "the day of the exchange: a person's file, and a stage's receipts signed once by each side",
  () => {
    const demo = useDemoInChromium('exchange-day');
    const { pageAs, pages } = useDemoPages(demo);

    it('opens a person by name from the receipts, and confirms every receipt after one batch signature by each side', async () => {
      const [mediator, verifier, ua, ru] = await Promise.all([
        pageAs('demo-mediator'),
        pageAs('demo-verifier'),
        pageAs('demo-ua-officer'),
        pageAs('demo-ru-officer'),
      ]);
      // Up to persons handed over, through the API, as the receipts suite does.
      const { agreementPath: a, stage, moveAll } = await approvedStage({ mediator, verifier }, 3);
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
      const { items } = await callApi<{ items: PathPerson[] }>(
        mediator,
        'GET',
        `${a}/persons?state=receipt_confirmed`,
      );
      expect(items).toHaveLength(n);
    }, 300_000);

    it('releases outcome lists to one side, which reads them by name and downloads them in Ukrainian', async () => {
      const page = async (name: string) => pages.get(name) ?? (await pageAs(name));
      const [mediator, ua, ru] = [
        await page('demo-mediator'),
        await page('demo-ua-officer'),
        await page('demo-ru-officer'),
      ];
      const [mechanism] = (
        await callApi<{ items: Array<{ id: string }> }>(mediator, 'GET', '/mechanisms')
      ).items;
      const m = `/mechanisms/${mechanism!.id}`;
      await callApi(mediator, 'POST', `${m}/reconciliation`, {});
      await expect
        .poll(
          async () =>
            (
              await callApi<{ latest: { status: string } | null }>(
                mediator,
                'GET',
                `${m}/reconciliation`,
              )
            ).latest?.status,
          { timeout: 120_000, interval: 1_000 },
        )
        .toBe('done');

      // The mediator releases to UA what UA's sought persons came to, but not the acknowledged list.
      await mediator.getByRole('link', { name: 'Outcome lists' }).click();
      await mediator.getByRole('heading', { name: 'Release to a side' }).waitFor();
      await mediator.getByRole('combobox', { name: 'Side', exact: true }).click();
      await mediator.getByRole('option', { name: 'UA', exact: true }).click();
      await mediator.getByRole('checkbox', { name: 'Acknowledged', exact: true }).uncheck();
      await mediator.getByRole('button', { name: 'Release', exact: true }).click();
      await mediator.getByText('Released to UA: Not acknowledged, Unrequested').waitFor();
      await demo.expectAccessible(mediator);

      const { lines } = await callApi<{
        lines: Array<{ list: string; name: string | null; recordId: string }>;
      }>(ua, 'GET', `${m}/outcome-lists/UA`);
      const notAcknowledged = lines.filter((l) => l.list === 'not_acknowledged');
      const unrequested = lines.filter((l) => l.list === 'unrequested');
      expect(notAcknowledged.length).toBeGreaterThan(0);
      expect(lines.some((l) => l.list === 'acknowledged')).toBe(false);

      await ua.getByRole('link', { name: 'Outcome lists' }).click();
      await ua
        .getByText(`Not acknowledged: ${notAcknowledged.length} persons`, { exact: true })
        .waitFor();
      const sought = notAcknowledged.find((l) => l.name)!;
      await ua.getByLabel('Filter by name, record or service number').fill(sought.name!);
      await ua.getByRole('cell', { name: sought.name!, exact: true }).waitFor();
      expect(await ua.getByRole('row').count()).toBeLessThan(notAcknowledged.length + 1);
      await ua.getByText(`Unrequested (${unrequested.length})`).click();
      await ua.getByText(`Unrequested: ${unrequested.length} persons`, { exact: true }).waitFor();
      expect(await ua.getByRole('radio', { name: /^Acknowledged/ }).count()).toBe(0);
      await demo.expectAccessible(ua);

      // In Ukrainian, the page and the file it offers speak Ukrainian.
      await ua.getByText('Українська').click();
      await ua.getByRole('heading', { name: 'Списки результатів' }).waitFor();
      const href = await ua.getByRole('link', { name: 'Завантажити CSV' }).getAttribute('href');
      expect(href).toMatch(/lang=uk/);
      const csv = await ua.evaluate(async (url) => (await fetch(url)).text(), href!);
      const rows = csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      expect(rows[0]).toMatch(/^Список,Список сторони,Запис,Ім’я,/);
      expect(rows).toHaveLength(lines.length + 1);
      await demo.expectAccessible(ua);

      // Nothing was released to RU.
      await ru.getByRole('link', { name: 'Outcome lists' }).click();
      await ru.getByText('Nothing has been released to RU yet.').waitFor();
    }, 300_000);
  },
);
