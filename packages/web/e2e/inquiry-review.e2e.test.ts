/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { callApi, runsInChromium, useDemoInChromium } from './support/suite.ts';
import { signInFirstTime } from './support/steps.ts';

interface Detail {
  id: string;
  number: number;
  samePerson: Array<{ id: string; inquiryId: string }>;
}

const asked = (name: string, relation: string, sought: Record<string, string>) => ({
  party: 'UA',
  channel: 'phone',
  receivedOn: '2025-06-10',
  inquirer: { name, relation, contact: `${name}, Черкаси`, language: 'uk' },
  sought,
  consent: { tracing: true, sharing: { mediator: true, icrc: false, otherParty: false } },
});

describe.runIf(runsInChromium)(
  'the bureau’s review, data protection and figures, in Chromium',
  () => {
    const demo = useDemoInChromium('inquiry-review');

    it('reviews a same-person pair side by side, keeps it apart with a reason, then erases an inquirer on request', async () => {
      const page = await demo.newPage();
      await signInFirstTime(page, demo.server.url, demo.account('demo-ua-officer'));
      await page.getByRole('link', { name: "Families' inquiries" }).click();
      const { items } = await callApi<{ items: Array<{ id: string }> }>(page, 'GET', '/mechanisms');
      const base = `/mechanisms/${items[0]!.id}/inquiries`;
      const sought = {
        surname: 'Ярошенко',
        givenName: 'Назар',
        patronymic: 'Богданович',
        dateOfBirth: '1996-08-14',
        unit: '92 ОШБр',
      };
      const mother = await callApi<Detail>(
        page,
        'POST',
        base,
        asked('Ярошенко Зінаїда', 'mother', sought),
      );
      const wife = await callApi<Detail>(
        page,
        'POST',
        base,
        asked('Ярошенко Дарина', 'wife', sought),
      );
      // The party's inquiries are searched for one person in the background.
      await expect
        .poll(
          async () => (await callApi<Detail>(page, 'GET', `${base}/${wife.id}`)).samePerson.length,
        )
        .toBe(1);

      await page.reload();
      await page
        .getByRole('row', { name: new RegExp(`UA-${wife.number}`) })
        .getByRole('link')
        .click();
      await page.getByRole('heading', { name: 'Other inquiries about the same person' }).waitFor();
      await page.getByRole('link', { name: 'Decision' }).click();
      // The pair names the two in the order of their ids: either may come first.
      const [m, w] = [`UA-${mother.number}`, `UA-${wife.number}`];
      await page
        .getByRole('heading', { name: new RegExp(`^Inquiries (${m} and ${w}|${w} and ${m})$`) })
        .waitFor();
      const sides = page.getByRole('table', { name: /Both inquiries side by side/ });
      await sides.getByText('Ярошенко Зінаїда (mother), Ярошенко Зінаїда, Черкаси').waitFor();
      await sides.getByText('Ярошенко Дарина (wife), Ярошенко Дарина, Черкаси').waitFor();
      const why = page.getByRole('table', { name: 'Why the engine paired them' });
      expect(await why.getByRole('row', { name: /^Surname same/ }).count()).toBe(1);
      await demo.expectAccessible(page);

      await page.getByLabel('No: not the same person').check();
      expect(await page.getByRole('button', { name: 'Record the decision' }).isDisabled()).toBe(
        true,
      );
      await page
        .getByLabel(/^Reason/)
        .fill('Two brothers of one name: the mother and the wife say so');
      await page.getByRole('button', { name: 'Record the decision' }).click();
      await page.getByText(/^Kept apart as different persons on /).waitFor();
      await page
        .getByText('Reason: Two brothers of one name: the mother and the wife say so')
        .waitFor();

      await page.goto(
        `${demo.server.url}${new URL(page.url()).pathname.replace(/\/same-person\/.*/, '/same-person')}`,
      );
      await page.getByRole('heading', { name: 'Possibly the same person' }).waitFor();
      await page.getByText('Decided', { exact: true }).click();
      await page.getByText('Two brothers of one name: the mother and the wife say so').waitFor();
      await demo.expectAccessible(page);

      // The mother's inquiry: held, her erasure refused with the reason; the hold lifted, erased.
      await page.goto(
        `${demo.server.url}${new URL(page.url()).pathname.replace(/same-person$/, mother.id)}`,
      );
      await page.getByRole('heading', { name: 'Data protection' }).waitFor();
      await page.getByLabel('Reason for a legal hold').fill('Prosecutor’s request 41/2026');
      await page.getByRole('button', { name: 'Put under a legal hold' }).click();
      await page.getByText(/Under a legal hold since .*: Prosecutor’s request 41\/2026/).waitFor();
      const erase = async () => {
        await page
          .getByLabel(/^Who asked/)
          .first()
          .click();
        await page.getByRole('option', { name: 'the inquirer', exact: true }).click();
        await page.getByLabel(/^Asked on/).fill('2026-12-01');
        await page
          .getByLabel(/^Legal basis/)
          .first()
          .click();
        await page.getByRole('option', { name: 'Consent withdrawn' }).click();
        await page.getByLabel('I understand that erasure cannot be undone').check();
        await page.getByRole('button', { name: 'Erase', exact: true }).click();
      };
      await erase();
      await page
        .getByText('The inquiry is under a legal hold: lift the hold first.')
        .first()
        .waitFor();
      await page.getByRole('button', { name: 'Lift the hold' }).click();
      await page.getByRole('button', { name: 'Put under a legal hold' }).waitFor();
      await erase();
      await page.getByText(/^Erased \(UA-\d+\)\./).waitFor();
      await page.getByText("erased at the inquirer's request", { exact: true }).waitFor();
      await page.getByText('Closed', { exact: true }).first().waitFor();
      expect(await page.locator('body').innerText()).not.toContain('Зінаїда');
      const history = page.getByRole('table', { name: "Requests to erase the inquirer's data" });
      await history.getByText("The inquirer's data erased").waitFor();
      await history.getByText(/^Erasure refused: /).waitFor();
      await demo.expectAccessible(page);

      await page.getByRole('link', { name: "Families' inquiries" }).click();
      await page.getByRole('link', { name: 'Figures' }).click();
      await page.getByRole('heading', { name: 'Figures of inquiries' }).waitFor();
      await page.getByTestId('chart-inquiry-statuses').locator('svg').first().waitFor();
      await page.getByRole('heading', { name: 'Time from inquiry to first answer' }).waitFor();
      await page.getByText(/^\d+ of \d+ inquiries answered\./).waitFor();
      await demo.expectAccessible(page);
    });

    it('shows the mediator the figures of the inquiries shared with the mediator, per party', async () => {
      const page = await demo.newPage();
      await signInFirstTime(page, demo.server.url, demo.account('demo-mediator'));
      await page.getByRole('link', { name: "Families' inquiries" }).click();
      await page.getByRole('link', { name: 'Figures' }).click();
      await page.getByText(/^The inquiries families shared with the mediator\./).waitFor();
      await page
        .getByLabel(/^Whose inquiries/)
        .first()
        .click();
      await page.getByRole('option', { name: 'RU', exact: true }).click();
      await page.getByTestId('chart-first-answer').waitFor();
      await demo.expectAccessible(page);
    });

    it('lets the admin set how long closed and answered inquiries are kept', async () => {
      const page = await demo.newPage();
      await signInFirstTime(page, demo.server.url, {
        username: 'admin',
        password: demo.server.adminPassword,
      });
      await page.goto(`${demo.server.url}/admin/retention`);
      await page.getByRole('rowheader', { name: 'Closed inquiries' }).waitFor();
      await page.getByLabel('Days to keep: Answered inquiries').fill('1825');
      await page.getByRole('button', { name: 'Save the period of Answered inquiries' }).click();
      await page
        .getByRole('row', { name: /^Answered inquiries/ })
        .getByText(/^\d+$/)
        .last()
        .waitFor();
      await demo.expectAccessible(page);
    });
  },
);
