/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './support/browser.ts';
import { runsInChromium, useDemoInChromium } from './support/suite.ts';
import { signInFirstTime } from './support/steps.ts';

const RU_MEMO = "Russia's memorandum, 2 June 2025";
const TRUCE = 'Local truces to collect bodies (Russian memorandum)';
const HEADER = 'sector,source,window_start,window_end,event_type,count,perceived';
const GOOD_LINES = [
  'Pokrovsk,patrol,2025-07-25T21:10Z,2025-07-25T21:40Z,shelling,12,heard',
  'Huliaipole,drone,2025-07-26T03:00Z,2025-07-26T03:05Z,explosion,2,seen',
];
// Line 3: no such hour; the file is refused whole, and says where.
const BAD_CSV = [
  HEADER,
  GOOD_LINES[0],
  'Pokrovsk,patrol,2025-07-26T25:00Z,2025-07-26T10:00Z,shelling,3,heard',
].join('\n');
const GOOD_CSV = [HEADER, ...GOOD_LINES].join('\n');

describe.runIf(runsInChromium)('the record of the talks, in Chromium on the demo', () => {
  const demo = useDemoInChromium('talks');

  const signedIn = async (name: string): Promise<Page> => {
    const page = await demo.newPage();
    const account = demo.account(name);
    await signInFirstTime(page, demo.server.url, account);
    await page.getByRole('link', { name: 'Talks', exact: true }).click();
    await page.getByRole('heading', { name: 'Talks', exact: true }).waitFor();
    return page;
  };
  const section = (page: Page, name: string) =>
    page
      .getByRole('navigation', { name: 'Parts of the record of the talks' })
      .getByRole('link', { name });

  let mediator: Page;
  let uaOfficer: Page;

  it('reads the round of 2 June, and follows its outcome to the agreement it produced', async () => {
    mediator = await signedIn('demo-mediator');
    await mediator.getByRole('table', { name: /Rounds of talks/ }).waitFor();
    await demo.expectAccessible(mediator);
    // English dates are written as in the US, whatever the browser's region.
    await mediator.getByRole('link', { name: 'June 2, 2025', exact: true }).click();
    await mediator.getByRole('heading', { name: 'Round 2, June 2, 2025' }).waitFor();
    await mediator.getByText('Çırağan Palace, Istanbul').first().waitFor();
    expect(await mediator.getByText('Head: Rustem Umerov').count()).toBe(1);
    expect(await mediator.getByText('Head: Vladimir Medinsky').count()).toBe(1);
    await mediator.getByText('1 h 0 min').waitFor();
    await demo.expectAccessible(mediator);
    await mediator.getByRole('link', { name: '(agreement: Istanbul, 2 June 2025)' }).click();
    await mediator.getByRole('heading', { name: 'Istanbul, 2 June 2025' }).first().waitFor();
    expect(mediator.url()).toMatch(/\/agreements\/[0-9a-f-]{36}$/);
  });

  it('shows each party’s position, and sets apart the points where they differ', async () => {
    await mediator.goBack();
    await section(mediator, 'Documents and gap').click();
    await mediator.getByRole('heading', { name: 'Where the positions differ' }).waitFor();
    const gap = mediator.getByRole('table', { name: `Gap in ${RU_MEMO}` });
    await gap.waitFor();
    // 6,000 bodies were agreed on 2 June: point 4.2 is no gap, point 1 is.
    expect(await gap.getByRole('link', { name: '1', exact: true }).count()).toBe(1);
    expect(await gap.getByRole('link', { name: '4.2', exact: true }).count()).toBe(0);
    await demo.expectAccessible(mediator);

    await mediator.getByRole('link', { name: RU_MEMO }).click();
    await mediator.getByRole('heading', { name: RU_MEMO }).waitFor();
    const returnOfBodies = mediator.getByRole('row', { name: /Return of 6,000 bodies/ });
    await returnOfBodies.waitFor();
    expect(await returnOfBodies.getByText('Accepts', { exact: true }).count()).toBe(1);
    expect(await returnOfBodies.getByText('Positions differ').count()).toBe(0);
    const first = mediator.locator('tr[data-gap="true"]').first();
    expect(await first.getByText('Positions differ').count()).toBe(1);
    await mediator
      .getByRole('switch', { name: /Show only the points where the positions differ/ })
      .check();
    await expect.poll(() => returnOfBodies.count()).toBe(0);
    expect(await mediator.locator('tbody tr:not([data-gap])').count()).toBe(0);
    await demo.expectAccessible(mediator);
  });

  it('lets the mediator correct a point as a new version, the old one kept', async () => {
    await mediator.getByRole('button', { name: 'Correct the text: point 4.7' }).click();
    const dialog = mediator.getByRole('dialog', { name: 'Correct the text: point 4.7' });
    await dialog.getByLabel(/^Text/).fill('Ratification by both parliaments');
    // Checked once the dialog has faded in: half-faded colours are not what a user reads.
    await expect.poll(() => seriousViolations(mediator)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save as a new version' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await mediator.getByRole('row', { name: /Ratification by both parliaments/ }).waitFor();
    expect(await mediator.getByLabel('Version').first().inputValue()).toBe('Version 2');
    await mediator.getByLabel('Version').first().click();
    await mediator.getByRole('option', { name: 'Version 1' }).click();
    await mediator.getByText('Ratification', { exact: true }).waitFor();
    expect(await mediator.getByRole('row', { name: /both parliaments/ }).count()).toBe(0);
  });

  it('lists the errors of a violations file by line and column before storing anything, then imports it under a truce', async () => {
    uaOfficer = await signedIn('demo-ua-officer');
    await section(uaOfficer, 'Violations').click();
    await uaOfficer.getByRole('heading', { name: 'Import reports from a CSV file' }).waitFor();
    await uaOfficer.getByLabel('Ceasefire regime').first().click();
    await uaOfficer.getByRole('option', { name: TRUCE }).click();
    const file = uaOfficer.locator('input[type=file]');
    await file.setInputFiles({
      name: 'ua-july.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(BAD_CSV),
    });
    await uaOfficer.getByRole('button', { name: 'Check the file' }).click();
    await uaOfficer
      .getByText('ua-july.csv cannot be imported: 1 error. Nothing was stored.')
      .waitFor();
    const problem = uaOfficer
      .getByRole('table', { name: /Errors in ua-july.csv/ })
      .getByRole('row')
      .nth(1);
    expect(await problem.getByRole('cell').allTextContents()).toEqual([
      '3',
      'window_start',
      expect.any(String),
      '2025-07-26T25:00Z',
    ]);
    await uaOfficer.getByText('0 reports').waitFor();
    await demo.expectAccessible(uaOfficer);

    // A file saved in Windows-1251 is refused as such, not misread.
    await file.setInputFiles({
      name: 'ua-july-1251.csv',
      mimeType: 'text/csv',
      buffer: Buffer.concat([
        Buffer.from(`${HEADER}\n`),
        Buffer.from([0xcf, 0xee, 0xea, 0xf0, 0xee, 0xe2, 0xf1, 0xea]),
      ]),
    });
    await uaOfficer.getByRole('button', { name: 'Check the file' }).click();
    await uaOfficer.getByText('ua-july-1251.csv is not UTF-8 text').waitFor();
    await file.setInputFiles({
      name: 'ua-july.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(GOOD_CSV),
    });
    await uaOfficer.getByRole('button', { name: 'Check the file' }).click();
    await uaOfficer.getByText('ua-july.csv is correct: 2 reports.').waitFor();
    await uaOfficer.getByRole('button', { name: 'Import 2 reports' }).click();
    await uaOfficer.getByText('2 reports imported.').waitFor();
    await uaOfficer.getByText('2 reports', { exact: true }).waitFor();
  });

  it('shows a ceasefire regime with its status history and the violations reported under it', async () => {
    await section(mediator, 'Ceasefires').click();
    const truce = mediator.getByRole('region', { name: TRUCE });
    await truce.waitFor();
    expect(await truce.getByText('Local truce', { exact: true }).count()).toBe(1);
    // The 30-day regime's preconditions are points of the Russian memorandum, linked.
    const thirtyDays = mediator.getByRole('region', {
      name: '30-day ceasefire (Russian memorandum)',
    });
    expect(
      await thirtyDays
        .getByRole('link', { name: /^Russia's memorandum, 2 June 2025, point [12]$/ })
        .count(),
    ).toBe(2);
    await truce.getByRole('button', { name: 'Change the status' }).click();
    await expect.poll(() => truce.getByText('Agreed').count()).toBeGreaterThan(0);
    await demo.expectAccessible(mediator);

    await truce.getByRole('link', { name: `Violations reported under ${TRUCE}` }).click();
    await mediator.getByText('2 reports', { exact: true }).waitFor();
    const table = mediator.getByRole('table', { name: /Violation reports/ });
    expect(await table.getByRole('row', { name: /Pokrovsk/ }).count()).toBe(1);
    expect(await table.getByText('Party UA').count()).toBe(2);
    await mediator.getByRole('heading', { name: 'Reports and events per sector' }).waitFor();
    // The mediator's verdict and assessment; the observation stays as reported.
    await table.getByRole('button', { name: 'Verify, assess: the report in Pokrovsk' }).click();
    const review = mediator.getByRole('dialog', { name: 'Verify, assess: the report in Pokrovsk' });
    await review.getByLabel('Verification').first().click();
    await mediator.getByRole('option', { name: 'Confirmed', exact: true }).click();
    await review.getByLabel('Weapon').fill('artillery');
    await review.getByRole('button', { name: 'Save' }).click();
    await review.waitFor({ state: 'hidden' });
    const pokrovsk = table.getByRole('row', { name: /Pokrovsk/ });
    await pokrovsk.getByText('Confirmed').waitFor();
    expect(await pokrovsk.getByText('artillery').count()).toBe(1);
    expect(await pokrovsk.getByText('Shelling').count()).toBe(1);
    const perSector = mediator.getByRole('table', { name: 'Reports and events per sector' });
    expect(
      await perSector
        .getByRole('row', { name: /Pokrovsk/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['Pokrovsk', '1', '12']);
    await demo.expectAccessible(mediator);
  });

  it('lets a party officer state its own position, which closes the gap on that point', async () => {
    await section(uaOfficer, 'Documents and gap').click();
    await uaOfficer.getByRole('link', { name: RU_MEMO }).click();
    const elections = uaOfficer.getByRole('row', { name: /Elections within 100 days/ });
    await elections.getByText('Positions differ').waitFor();
    await elections.getByRole('button', { name: 'Record a position: point 2.7' }).click();
    const dialog = uaOfficer.getByRole('dialog', { name: 'Record a position: point 2.7' });
    // An officer speaks for its own party only.
    expect(await dialog.getByLabel('Party').first().inputValue()).toBe('UA');
    await dialog.getByLabel(/^Source/).fill('Statement of the UA delegation');
    await dialog.getByRole('button', { name: 'Save the position' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => elections.getByText('Positions differ').count()).toBe(0);
    expect(await elections.getByText('Statement of the UA delegation').count()).toBe(1);
    await demo.expectAccessible(uaOfficer);
  });

  it('keeps a party’s note from the other party and from the mediator', async () => {
    await section(uaOfficer, 'Our private notes').click();
    await uaOfficer.getByLabel(/^Note/).fill('Red line: no limits on foreign aid (RU memo 2.3).');
    await uaOfficer.getByRole('button', { name: 'Save the note' }).click();
    await uaOfficer.getByText('Red line: no limits on foreign aid (RU memo 2.3).').waitFor();
    await demo.expectAccessible(uaOfficer);

    const ruOfficer = await signedIn('demo-ru-officer');
    await section(ruOfficer, 'Our private notes').click();
    await ruOfficer.getByText('No note yet.').waitFor();
    expect(await ruOfficer.getByText(/Red line/).count()).toBe(0);
    expect(await section(mediator, 'Our private notes').count()).toBe(0);
  });

  it('puts rounds, the agreement, the regimes and the violations on one timeline', async () => {
    await section(mediator, 'Timeline').click();
    await mediator
      .getByRole('link', { name: /Round 2|Çırağan/ })
      .first()
      .waitFor();
    expect(await mediator.getByText('Violations', { exact: true }).count()).toBeGreaterThan(0);
    expect(await mediator.getByText('Agreement', { exact: true }).count()).toBeGreaterThan(0);
    await demo.expectAccessible(mediator);
  });

  it("lets the mediator correct a round's details, and not a party's officer", async () => {
    await section(mediator, 'Rounds').click();
    await mediator.getByRole('link', { name: 'July 23, 2025', exact: true }).click();
    await mediator.getByRole('heading', { name: 'Correct this round' }).waitFor();
    await mediator.getByLabel('Duration in minutes').fill('45');
    await mediator.getByLabel('Head of the RU delegation').fill('Vladimir Medinsky (by video)');
    await mediator.getByLabel(/^Reason/).fill('the minutes of the round');
    await mediator.getByRole('button', { name: 'Save the correction' }).click();
    await mediator.getByText('The round is corrected').waitFor();
    await mediator.getByText('0 h 45 min').waitFor();
    expect(await mediator.getByText('Head: Vladimir Medinsky (by video)').count()).toBe(1);
    await demo.expectAccessible(mediator);

    await section(uaOfficer, 'Rounds').click();
    await uaOfficer.getByRole('link', { name: 'July 23, 2025', exact: true }).click();
    await uaOfficer.getByText('0 h 45 min').waitFor();
    expect(await uaOfficer.getByRole('heading', { name: 'Correct this round' }).count()).toBe(0);
  });

  it('lets the mediator record a new round', async () => {
    await section(mediator, 'Rounds').click();
    await mediator.getByRole('button', { name: 'Record a round' }).click();
    await mediator.getByLabel(/^Date/).fill('2025-08-14');
    await mediator.getByLabel(/^Venue/).fill('Palais des Nations, Geneva');
    await mediator.getByLabel('Head of the UA delegation').fill('Rustem Umerov');
    await mediator.getByLabel(/^Outcomes/).fill('Exchange of 84 prisoners agreed');
    await demo.expectAccessible(mediator);
    await mediator.getByRole('button', { name: 'Record the round' }).click();
    await mediator.getByText('Round 4 is recorded.').waitFor();
    const row = mediator.getByRole('row', { name: /Palais des Nations/ });
    expect(await row.getByText('Exchange of 84 prisoners agreed').count()).toBe(1);
    expect(await row.getByText('UA: Rustem Umerov').count()).toBe(1);
  });

  it('lets the mediator record a proposed truce with a point of a memorandum as its precondition', async () => {
    await section(mediator, 'Ceasefires').click();
    await mediator.getByRole('button', { name: 'Record a proposed regime' }).click();
    await mediator.getByLabel(/^Name/).fill('Harvest truce, Huliaipole');
    await mediator.getByLabel(/^Geography/).fill('Huliaipole sector, 10 km either side');
    await mediator.getByLabel(/^Sectors/).fill('Huliaipole');
    await mediator.getByLabel('Duration in days').fill('2');
    await mediator.getByLabel('Preconditions from the document').first().click();
    await mediator.getByRole('option', { name: RU_MEMO }).click();
    await mediator.getByLabel('Preconditions', { exact: true }).first().click();
    await mediator.getByRole('option', { name: /^4\.1\. Local truces/ }).click();
    await mediator.keyboard.press('Escape');
    await demo.expectAccessible(mediator);
    await mediator.getByRole('button', { name: 'Record the regime' }).click();
    await mediator.getByText('The regime is recorded as proposed.').waitFor();
    const harvest = mediator.getByRole('region', { name: 'Harvest truce, Huliaipole' });
    await harvest.waitFor();
    expect(await harvest.getByText('2 days').count()).toBe(1);
    expect(await harvest.getByRole('link', { name: `${RU_MEMO}, point 4.1` }).count()).toBe(1);
  });

  it('lets the mediator table a new document, whose points the other party has yet to answer', async () => {
    const title = 'Ukrainian proposal on the exchange, 14 August 2025';
    await section(mediator, 'Documents and gap').click();
    await mediator.getByRole('button', { name: 'Table a document' }).click();
    await mediator.getByLabel(/^Title/).fill(title);
    await mediator.getByLabel('Kind', { exact: true }).first().click();
    await mediator.getByRole('option', { name: 'Proposal' }).click();
    await mediator.getByLabel(/^Tabled on/).fill('2025-08-14');
    await mediator.getByLabel(/^Text of point 1/).fill('An exchange of all for all');
    await mediator.getByRole('button', { name: 'Add a point' }).click();
    await mediator.getByLabel(/^Text of point 2/).fill('Civilians returned first');
    await demo.expectAccessible(mediator);
    await mediator.getByRole('button', { name: 'Table the document' }).click();
    await mediator.getByText('Tabled as version 1.').waitFor();
    const gap = mediator.getByRole('table', { name: `Gap in ${title}` });
    await gap.waitFor();
    expect(await gap.getByText('Silent').count()).toBe(2);
  });

  it('reads the record of the talks in Ukrainian and Russian', async () => {
    await section(mediator, 'Rounds').click();
    await mediator.getByText('Українська').click();
    await mediator.getByRole('table', { name: 'Раунди переговорів, від найдавнішого' }).waitFor();
    expect(await mediator.getByRole('link', { name: '2 червня 2025 р.' }).count()).toBe(1);
    await demo.expectAccessible(mediator);
    await mediator.getByText('Русский').click();
    await mediator
      .getByRole('navigation', { name: 'Части записи переговоров' })
      .getByRole('link', { name: 'Режимы прекращения огня' })
      .click();
    // The regime's name, entered in English, reads in Russian from the translation memory.
    await mediator
      .getByRole('region', { name: 'Локальные перемирия для сбора тел (российский меморандум)' })
      .getByText('Местное перемирие')
      .waitFor();
    await demo.expectAccessible(mediator);
    await mediator.getByText('English').click();
  });
});
