/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { runsInChromium, useDemoInChromium } from './support/suite.ts';
import { signInFirstTime } from './support/steps.ts';

describe.runIf(runsInChromium)('families’ inquiries, in Chromium on the demo', () => {
  const demo = useDemoInChromium('inquiries');

  it('registers a phoned-in inquiry in Ukrainian forms, then shows it by status with its history and the inquirer', async () => {
    const page = await demo.newPage();
    await signInFirstTime(page, demo.server.url, demo.account('demo-ua-officer'));
    await page.getByRole('link', { name: "Families' inquiries" }).click();
    await page.getByRole('heading', { name: "Families' inquiries" }).waitFor();
    await page.getByText('0 inquiries').waitFor();
    await page.getByRole('link', { name: 'Register an inquiry' }).click();
    await page.getByRole('heading', { name: "Register a family's inquiry" }).waitFor();

    await page.getByLabel(/^Name of the person asking/).fill('Коваленко Марія');
    await page
      .getByLabel(/^Relation to the sought person/)
      .first()
      .click();
    await page.getByRole('option', { name: 'mother', exact: true }).click();
    await page.getByLabel(/^Contact/).fill('+380 50 123 45 67');
    await page.getByLabel(/^Received on/).fill('2025-05-20');
    await page.getByLabel(/^Surname/).fill('Коваленко');
    await page.getByLabel(/^Given name/).fill('Олексій');
    await page.getByLabel(/^Father's name/).fill('Петрович');
    // Only the year is known: the date stays partial.
    await page.getByLabel(/^Date of birth/).fill('1994');
    await page.getByLabel(/^Distinguishing marks/).fill('шрам на лівій руці');
    await demo.expectAccessible(page);
    await page.getByRole('button', { name: 'Register the inquiry' }).click();

    await page
      .getByRole('heading', { name: /^Inquiry UA-\d+: Коваленко Олексій Петрович$/ })
      .waitFor();
    await page.getByText('+380 50 123 45 67').waitFor();
    await page.getByText('Коваленко Марія (mother)').waitFor();
    const history = page.getByRole('table', { name: 'Status history' });
    expect(await history.getByRole('row').count()).toBeGreaterThanOrEqual(2);
    await demo.expectAccessible(page);

    await page.getByRole('link', { name: "Families' inquiries" }).click();
    await page.getByText('1 inquiry', { exact: true }).waitFor();
    const row = page.getByRole('row', { name: /Коваленко Олексій Петрович/ });
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('1994');
    await page.getByLabel('Status').first().click();
    await page.getByRole('option', { name: 'Closed' }).click();
    await page.getByText('0 inquiries').waitFor();
  });
});
