/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callApi, runsInChromium, useDemoInChromium } from './support/suite.ts';
import { signInFirstTime } from './support/steps.ts';

// A party's own file, its header in Ukrainian rather than in the list format's words.
const OWN_HEADER_CSV = [
  'Номер,Прізвище,Ім’я,Дата народження',
  'UA-M-1,Шевченко,Олександр,1990-04-12',
  'UA-M-2,Бондаренко,Іван,1985',
].join('\n');

interface Person {
  id: string;
  party: string;
  state: string;
}

describe.runIf(runsInChromium)(
  'the overview, column mapping and search, in Chromium against the demo',
  () => {
    const demo = useDemoInChromium('dashboard');

    const signedIn = async (name: string): Promise<Page> => {
      const page = await demo.newPage();
      const account = demo.account(name);
      // The first load of the bundle can be slow on a busy machine.
      await page.goto(demo.server.url);
      await page.getByLabel('User name').waitFor({ timeout: 90_000 });
      await signInFirstTime(page, demo.server.url, account);
      // Signed in once the workspace opens (each demo account holds one role), its password set.
      await page.waitForURL(/\/m\//);
      return page;
    };
    /** The text of the cells of the row a table labels so, after its label. */
    const rowCells = async (page: Page, label: string | RegExp) =>
      (
        await page
          .getByRole('row', { name: typeof label === 'string' ? new RegExp(`^${label}`) : label })
          .first()
          .getByRole('cell')
          .allTextContents()
      ).map((cell) => cell.trim());

    let mediator: Page;
    let mechanism: string;
    let agreement: string;
    let mismatched: Person[] = [];
    let refusing: Person;
    let inStage: Record<string, string> = {};

    it('opens on the overview, and shows the mediator both sides of an exchange under way', async () => {
      mediator = await signedIn('demo-mediator');
      await mediator.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
      await mediator.getByText(/No one is on the path to a handover yet/).waitFor();

      // The exchange under way: reconciled, evaluated, paths opened, persons moved by the
      // mediator and the verifier, one refusal and two mismatches, and a stage proposed.
      ({
        items: [{ id: mechanism }],
      } = await callApi<{ items: [{ id: string }] }>(mediator, 'GET', '/mechanisms'));
      const m = `/mechanisms/${mechanism}`;
      await callApi(mediator, 'POST', `${m}/reconciliation`, {});
      await expect
        .poll(
          async () =>
            (await callApi<{ latest: { status: string } }>(mediator, 'GET', `${m}/reconciliation`))
              .latest.status,
          { timeout: 150_000, interval: 1_000 },
        )
        .toBe('done');
      ({
        items: [{ id: agreement }],
      } = await callApi<{ items: [{ id: string }] }>(mediator, 'GET', `${m}/agreements`));
      const a = `${m}/agreements/${agreement}`;
      await callApi(mediator, 'POST', `${a}/versions/latest/evaluations`, {});
      await callApi(mediator, 'POST', `${a}/paths`);
      const persons = async (state: string) =>
        (await callApi<{ items: Person[] }>(mediator, 'GET', `${a}/persons?state=${state}`)).items;
      // The demo's held lists decide whose persons are on the path; the figures are checked
      // per side against the persons moved here.
      const onPath = [...(await persons('acknowledged')), ...(await persons('proposed'))];
      const chosen = onPath.slice(0, 16);
      expect(chosen.length).toBe(16);
      const move = async (page: Page, list: Person[], to: string, reason?: string) => {
        if (list.length === 0) return;
        const { results } = await callApi<{ results: Array<{ ok: boolean; problem?: string }> }>(
          page,
          'POST',
          `${m}/moves`,
          { moves: list.map((p) => ({ personId: p.id, to, ...(reason ? { reason } : {}) })) },
        );
        expect(results.filter((r) => !r.ok)).toEqual([]);
      };
      await move(
        mediator,
        chosen.filter((p) => p.state === 'proposed'),
        'acknowledged',
      );
      const verifier = await signedIn('demo-verifier');
      await move(verifier, chosen, 'identity_verified');
      mismatched = chosen.slice(0, 2);
      await move(mediator, mismatched, 'data_mismatch', 'the dates of birth differ');
      const going = chosen.slice(2);
      await move(mediator, going, 'category_confirmed');
      await move(verifier, going, 'fit_to_travel');
      refusing = going[0]!;
      await move(verifier, [refusing], 'refuses_return', 'private interview');
      const cleared = going.slice(1);
      await move(verifier, cleared, 'wish_verified');
      await move(mediator, cleared, 'approved');
      await callApi(mediator, 'POST', `${a}/stages`, {
        place: 'Belarus–Ukraine border',
        date: '2025-06-09',
        size: 3,
      });
      inStage = Object.fromEntries(
        ['UA', 'RU'].map((side) => [
          side,
          String(Math.min(3, cleared.filter((p) => p.party === side).length)),
        ]),
      );

      await mediator.reload();
      await mediator.getByRole('heading', { name: 'Persons by state over time' }).waitFor();
      // The charts are drawn, with an area per state and a line per category.
      await mediator
        .locator('[data-testid=chart-states] .recharts-area-area')
        .first()
        .waitFor({ state: 'attached' });
      expect(
        await mediator.locator('[data-testid=chart-states] .recharts-area').count(),
      ).toBeGreaterThan(3);
      expect(
        await mediator.locator('[data-testid=chart-categories] .recharts-line').count(),
      ).toBeGreaterThan(0);
      expect(await mediator.getByRole('columnheader', { name: 'held by RU' }).count()).toBe(2);

      // Both sides' disputes, each with where it is handled.
      const sides = (
        await mediator.getByTestId('disputes').getByRole('columnheader').allTextContents()
      ).slice(1, 3);
      const bySide = async (label: string) => {
        const cells = await rowCells(mediator, label);
        return Object.fromEntries(sides.map((side, i) => [side, cells[i]]));
      };
      const perSide = (list: Person[]) =>
        Object.fromEntries(
          ['UA', 'RU'].map((side) => [side, String(list.filter((p) => p.party === side).length)]),
        );
      expect(await bySide('Data mismatch')).toEqual(perSide(mismatched));
      expect(await bySide('Refuses to return')).toEqual(perSide([refusing]));
      const notAcknowledged = await bySide('Sought, not acknowledged by the other side');
      expect(Number(notAcknowledged['UA'])).toBeGreaterThan(0);
      expect(
        await mediator
          .getByRole('row', { name: /^Sought, not acknowledged/ })
          .getByRole('link', { name: 'Reconciliation' })
          .count(),
      ).toBe(1);

      // The stage just proposed, up to three from each side; all for all asks no parity.
      const stages = mediator
        .getByRole('table')
        .filter({ has: mediator.getByRole('row', { name: /^Stage 1 ·/ }) });
      const stageSides = (
        await stages.getByRole('columnheader', { name: /^from / }).allTextContents()
      ).map((h) => h.replace('from ', ''));
      const stage = await rowCells(mediator, /^Stage 1 · Istanbul, 2 June 2025/);
      expect(stage).toEqual([
        'June 9, 2025',
        'Belarus–Ukraine border',
        ...stageSides.map((side) => inStage[side]),
        'all for all: no parity is asked, the numbers are as they stand',
      ]);
      await mediator.getByTestId('activity').getByText('proposed stage 1').waitFor();
      await mediator
        .getByTestId('activity')
        .getByText(/moved \d+ persons to “approved”/)
        .waitFor();
      await demo.expectAccessible(mediator);
    }, 300_000);

    it('shows a party officer what concerns their party: the refusal as not cleared, nothing of the reconciliation, their own imports only; then search and column mapping', async () => {
      const ua = await signedIn('demo-ua-officer');
      await ua.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
      await ua.getByText(/Persons UA holds and sends, and persons coming home to UA/).waitFor();
      await ua
        .locator('[data-testid=chart-states] .recharts-area-area')
        .first()
        .waitFor({ state: 'attached' });
      const sides = (
        await ua.getByTestId('disputes').getByRole('columnheader').allTextContents()
      ).slice(1, -1);
      const bySide = async (label: string) => {
        const cells = await rowCells(ua, label);
        return Object.fromEntries(sides.map((side, i) => [side, cells[i]]));
      };
      const count = (list: Person[], side: string) =>
        String(list.filter((p) => p.party === side).length);
      // The refusal reaches the parties as "not cleared", the reconciliation not at all.
      const notCleared = await bySide('Not cleared by the verifier');
      for (const side of sides) expect(notCleared[side]).toBe(count([refusing], side));
      const mismatch = await bySide('Data mismatch');
      for (const side of sides) expect(mismatch[side]).toBe(count(mismatched, side));
      expect(await ua.getByText('Refuses to return').count()).toBe(0);
      expect(await ua.getByText(/not acknowledged by the other side/).count()).toBe(0);
      await ua
        .getByText('Lines not acknowledged are counted for the mediator and the verifier only.')
        .waitFor();
      // States in the parties' words: "cleared", never the interview's result.
      const states = await ua.getByRole('rowheader').allTextContents();
      expect(states).not.toContain('wish to return verified');
      expect(states).not.toContain('refuses to return');
      expect(states).toContain('not cleared');
      expect((await rowCells(ua, /^Stage 1 ·/)).slice(0, 2)).toEqual([
        'June 9, 2025',
        'Belarus–Ukraine border',
      ]);
      // Of the lists, the officer hears of UA's own imports only.
      const activity = (await ua.getByTestId('activity').textContent()) ?? '';
      expect(activity).not.toMatch(/refuses|reconciliation|imported RU/);
      await demo.expectAccessible(ua);

      // Searching the list in Latin finds the names written in Cyrillic.
      await ua.getByRole('link', { name: 'UA sought list' }).click();
      await ua.getByRole('heading', { name: 'UA sought list' }).waitFor();
      await ua.getByRole('row').nth(5).waitFor();
      await ua.getByRole('searchbox', { name: /Search/ }).fill('Oleksandr');
      const lines = ua.getByRole('table', { name: 'Lines' }).locator('tbody tr');
      await expect
        .poll(async () => {
          const all = await lines.count();
          const named = await lines.filter({ hasText: /Олександр|Oleksandr/ }).count();
          return all > 0 && named === all;
        })
        .toBe(true);
      await demo.expectAccessible(ua);

      // A file with a bad date is previewed with its error, and again when invalid values are
      // to be kept as missing.
      await ua.getByRole('tab', { name: 'Upload a new version' }).click();
      await ua.locator('input[type=file]').setInputFiles({
        name: 'bad-date.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('record_id,surname,date_of_birth\nB-1,Бондар,1999-13\nB-2,Гук,1980\n'),
      });
      await ua.getByText('1 error', { exact: true }).waitFor();
      await ua.getByRole('cell', { name: 'there is no month 13' }).waitFor();
      await ua.getByLabel('Import invalid values as missing').check();
      await ua.getByText('2 lines, ready to import').waitFor();
      await ua.getByLabel('Import invalid values as missing').uncheck();

      // A file with its own column names: previewed, mapped, then imported.
      await ua.locator('input[type=file]').setInputFiles({
        name: 'own-columns.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(OWN_HEADER_CSV),
      });
      await ua.getByRole('heading', { name: 'Preview: how the file will be read' }).waitFor();
      await ua.getByRole('cell', { name: 'the required column record_id is missing' }).waitFor();
      await ua.getByRole('cell', { name: 'Олександр' }).waitFor();
      await demo.expectAccessible(ua);
      for (const [column, field] of [
        ['Номер', 'Record id (record_id)'],
        ['Прізвище', 'Surname (surname)'],
        ['Ім’я', 'Given name (given_name)'],
        ['Дата народження', 'Date of birth (date_of_birth)'],
      ] as const) {
        const select = ua.getByLabel(`Read the column “${column}” as`, { exact: true }).first();
        await select.click();
        await ua.getByRole('option', { name: field, exact: true }).click();
        await expect.poll(() => select.inputValue()).toBe(field);
      }
      await ua.getByText('2 lines, ready to import').waitFor();
      await ua.getByRole('button', { name: 'Check and import' }).click();
      await ua.getByText('Imported as version 2').waitFor();
      await ua.getByRole('tab', { name: 'Lines' }).click();
      await ua.getByRole('cell', { name: 'UA-M-1' }).waitFor();
      await ua.getByRole('cell', { name: 'Шевченко' }).waitFor();
    }, 240_000);

    it('previews a rule change on the latest lists before the mediator saves it', async () => {
      await mediator.getByRole('link', { name: 'Agreement and eligibility' }).click();
      await mediator.getByRole('heading', { name: 'Agreements', level: 1 }).waitFor();
      await mediator.getByRole('link', { name: 'Istanbul, 2 June 2025', exact: true }).click();
      await mediator.getByRole('heading', { name: 'Change a rule' }).waitFor();
      const rule = mediator.getByRole('textbox', { name: 'Rule (CEL)' });
      // The builder writes the CEL of the common forms: here, age 18 to 25 on the reference date.
      await mediator.getByRole('combobox', { name: 'Condition 1', exact: true }).click();
      await mediator.getByRole('option', { name: 'Age on a day' }).click();
      const written =
        'age(person.date_of_birth, agreement.reference_date) >= 18 && age(person.date_of_birth, agreement.reference_date) <= 25';
      await expect.poll(() => mediator.getByTestId('built-rule').textContent()).toBe(written);
      await mediator.getByRole('button', { name: 'Use this rule' }).click();
      await expect.poll(() => rule.inputValue()).toBe(written);
      await rule.fill('false');
      await mediator.getByRole('button', { name: 'Preview the change (nothing is saved)' }).click();
      const counts = mediator.getByTestId('rule-change-counts');
      await counts.waitFor();
      // Each cell reads "before → after (change)"; a rule that admits no one changes some.
      const cells = await counts.getByRole('cell').allTextContents();
      expect(cells.every((c) => /^[\d,]+ → [\d,]+ \((\+|−|±)[\d,]+\)$/.test(c))).toBe(true);
      expect(cells.some((c) => !c.endsWith('(±0)'))).toBe(true);
      await demo.expectAccessible(mediator);
      // Nothing was saved: the agreement is still at version 1 until the mediator saves.
      await mediator.getByText(/^Version 1 ·/).waitFor();
      await mediator.getByRole('button', { name: 'Save as version 2' }).click();
      await mediator.getByText('Saved as version 2. Evaluate it to keep its results.').waitFor();
      await mediator.getByText(/^Version 2 ·/).waitFor();
    }, 120_000);

    it('says it is loading in words a screen reader may read, while an answer is slow', async () => {
      // Hold the API's answers, so that the page stays on its loading indicator.
      await mediator.route('**/api/**', () => undefined);
      await mediator.reload();
      await mediator.getByLabel('Loading…').or(mediator.getByText('Loading…')).first().waitFor();
      await demo.expectAccessible(mediator);
      expect(await mediator.getByRole('status').filter({ hasText: 'Loading…' }).count()).toBe(1);
      await mediator.unroute('**/api/**');
    }, 60_000);
  },
);
