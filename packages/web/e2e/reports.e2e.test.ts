/// <reference lib="dom" />
import fs from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runsInChromium, useDemoInChromium } from './support/suite.ts';
import { signInFirstTime } from './support/steps.ts';

describe.runIf(runsInChromium)('reports and remains, in Chromium against the demo', () => {
  const demo = useDemoInChromium('reports');

  const signedIn = async (name: string): Promise<Page> => {
    const page = await demo.newPage();
    const account = demo.account(name);
    // The first load of the bundle can be slow on a busy machine.
    await page.goto(demo.server.url);
    await page.getByLabel('User name').waitFor({ timeout: 90_000 });
    await signInFirstTime(page, demo.server.url, account);
    return page;
  };
  /** A row of a table of sides, found by its label: each column's heading and the row's value. */
  const bySide = async (page: Page, label: RegExp) => {
    const row = page.getByRole('row', { name: label }).first();
    const table = page.getByRole('table').filter({ has: row });
    const headings = (await table.getByRole('columnheader').allTextContents()).slice(1);
    const cells = await row.getByRole('cell').allTextContents();
    return Object.fromEntries(headings.map((heading, i) => [heading, cells[i]]));
  };
  const count = (text: string | undefined) => Number((text ?? '').replace(/\D/g, ''));

  let mediator: Page;
  /** The RU officer, signed in (first time: new password, authenticator) by the remains test. */
  let ruOfficer: Page;

  it('shows the mediator the demo agreement’s report, and downloads it as CSV', async () => {
    mediator = await signedIn('demo-mediator');
    // Persons on the path first: the demo's agreement evaluated, and its paths opened.
    await mediator.getByRole('link', { name: 'Agreement and eligibility' }).click();
    await mediator.getByRole('link', { name: 'Istanbul, 2 June 2025' }).first().click();
    await mediator.getByRole('button', { name: 'Evaluate and keep' }).click();
    await mediator.getByText('Kept results of the latest evaluation, per list.').waitFor();
    await mediator.getByRole('button', { name: 'Open the paths' }).click();
    await mediator.getByText(/eligible; \d+ newly on the path/).waitFor();

    await mediator.getByRole('link', { name: 'Reports' }).click();
    await mediator.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await mediator.getByRole('heading', { name: 'Asked for and got' }).waitFor();
    const asked = await bySide(mediator, /^Asked for \(eligible/);
    const onPath = await bySide(mediator, /^On the path/);
    // The demo's sought list is Ukraine's: UA asked for persons whom RU holds.
    expect(Object.keys(asked).sort()).toEqual(['to RU', 'to UA']);
    expect(count(asked['to UA'])).toBeGreaterThan(0);
    expect(count(onPath['to UA'])).toBeGreaterThan(0);
    // Everyone opened is proposed or acknowledged, and counted by side and category.
    const proposed = mediator.getByRole('cell', { name: 'proposed', exact: true });
    expect(await proposed.count()).toBeGreaterThan(0);
    await mediator.getByText('No batch of remains has been offered in this mechanism.').waitFor();
    await demo.expectAccessible(mediator);

    const [download] = await Promise.all([
      mediator.waitForEvent('download'),
      mediator.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('report.csv');
    const csv = await fs.readFile(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toBe('\uFEFFsection,party,item,detail,count');
    expect(csv).toContain(
      `asked and got,UA,on the path,held by the other side,${count(onPath['to UA'])}`,
    );
  }, 180_000);

  it('takes a batch of remains from its offer to the examination of each bag, and reports it', async () => {
    const ua = await signedIn('demo-ua-officer');
    await ua.getByRole('link', { name: 'Remains' }).click();
    await ua.getByRole('heading', { name: 'Remains', level: 1 }).waitFor();
    await ua.getByLabel(/^Bodies in each bag/).fill('1, 0');
    await ua.getByText('“0” is not a number of bodies from 1 to 20').waitFor();
    await ua.getByLabel(/^Batch label/).fill('UA-1');
    await ua.getByLabel(/^Bodies in each bag/).fill('1, 2');
    await ua.getByRole('button', { name: 'Offer the batch' }).click();
    await ua.getByText('Batch offered: 2 bags, 3 bodies').waitFor();
    await ua.getByRole('heading', { name: 'Batch UA-1: UA → RU' }).waitFor();
    // The sender cannot accept its own batch: no such button for UA.
    expect(await ua.getByRole('button', { name: 'Accept batch UA-1' }).count()).toBe(0);
    await demo.expectAccessible(ua);

    const ru = await signedIn('demo-ru-officer');
    ruOfficer = ru;
    await ru.getByRole('link', { name: 'Remains' }).click();
    await ru.getByRole('button', { name: 'Accept batch UA-1' }).click();
    await ru.getByText('accepted', { exact: true }).waitFor();

    await ua.reload();
    await ua.getByRole('button', { name: 'Record that batch UA-1 was transferred' }).click();
    await ua.getByText('transferred', { exact: true }).waitFor();

    await ru.reload();
    await ru.getByRole('button', { name: 'Record that batch UA-1 was received' }).click();
    await ru.getByText('received', { exact: true }).waitFor();
    await ru.getByRole('combobox', { name: 'Outcome for bag UA-1-1' }).click();
    await ru.getByRole('option', { name: 'identified', exact: true }).click();
    await ru.getByRole('button', { name: 'Record the examination of bag UA-1-1' }).click();
    await ru.getByRole('cell', { name: 'identified', exact: true }).waitFor();
    await ru.getByRole('combobox', { name: 'Outcome for bag UA-1-2' }).click();
    await ru.getByRole('option', { name: "the sender's own dead (returned)" }).click();
    await ru
      .getByRole('textbox', { name: 'Note on bag UA-1-2' })
      .fill('documents of the sending side');
    await ru.getByRole('button', { name: 'Record the examination of bag UA-1-2' }).click();
    await ru.getByRole('cell', { name: 'documents of the sending side' }).waitFor();
    await ru.getByText("2 returned as the sender's own dead").waitFor();
    await ru.getByText('1 bodies counted (transferred)').waitFor();
    await demo.expectAccessible(ru);

    await mediator.getByRole('link', { name: 'Reports' }).click();
    await mediator.reload();
    await mediator.getByRole('heading', { name: 'Remains', level: 2 }).waitFor();
    expect(await bySide(mediator, /^Bodies counted for parity/)).toEqual({
      'sent by UA': '1',
      'sent by RU': '0',
    });
    expect(await bySide(mediator, /^Corrections: returned to the sender/)).toEqual({
      'sent by UA': '1 bags, 2 bodies',
      'sent by RU': '0 bags, 0 bodies',
    });
    expect((await bySide(mediator, /^Bodies identified/))['sent by UA']).toBe('1');
    await demo.expectAccessible(mediator);
  }, 180_000);

  it('offers a batch from a file of bags, and lists the problems of a wrong file by line', async () => {
    const ru = ruOfficer;
    await ru.reload();
    await ru.getByRole('heading', { name: 'Remains', level: 1 }).waitFor();
    await ru.getByLabel(/^Batch label/).fill('RU-7');
    const choose = (name: string, text: string) =>
      ru.locator('input[type="file"]').setInputFiles({
        name,
        mimeType: 'text/csv',
        buffer: Buffer.from(text),
      });
    await choose('bags.csv', 'label;bodies\nRU-7-1;1\nRU-7-1;30\n');
    await ru.getByRole('button', { name: 'Offer the batch' }).click();
    await ru.getByText('2 problems in the file: nothing was offered').waitFor();
    await ru.getByRole('cell', { name: 'the same label as line 2' }).waitFor();
    await ru.getByRole('cell', { name: 'a whole number from 1 to 20' }).waitFor();
    await demo.expectAccessible(ru);

    await choose('bags.csv', 'label;bodies\nRU-7-1;1\nRU-7-2;3\nRU-7-3;1\n');
    await ru.getByRole('button', { name: 'Offer the batch' }).click();
    await ru.getByText('Batch offered: 3 bags, 5 bodies').waitFor();
    await ru.getByRole('heading', { name: 'Batch RU-7: RU → UA' }).waitFor();
  }, 180_000);
});
