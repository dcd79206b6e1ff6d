/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { callApi, runsInChromium, useDemoInChromium } from './support/suite.ts';
import { signIn, signInFirstTime } from './support/steps.ts';

describe.runIf(runsInChromium)('families’ inquiries, in Chromium on the demo', () => {
  const demo = useDemoInChromium('inquiries');
  // The officer's own password, once the first sign-in chose it.
  let officerPassword: string | undefined;

  it('registers a phoned-in inquiry in Ukrainian forms, then shows it by status with its history and the inquirer', async () => {
    const page = await demo.newPage();
    officerPassword = await signInFirstTime(page, demo.server.url, demo.account('demo-ua-officer'));
    await page.getByRole('link', { name: "Families' inquiries" }).click();
    await page.getByRole('heading', { name: "Families' inquiries" }).waitFor();
    await page.getByText('0 inquiries').waitFor();
    await page.getByRole('link', { name: 'Register an inquiry' }).click();
    await page.getByRole('heading', { name: "Register a family's inquiry" }).waitFor();

    await page.getByLabel(/^Name of the person asking/).fill('Коваленко Марія');
    await page.getByLabel(/^Contact/).fill('+380 50 123 45 67');
    await page.getByLabel(/^Received on/).fill('2025-05-20');
    await page.getByLabel(/^Surname/).fill('Коваленко');
    // The form is checked by the server's own schema before it is sent, in the reader's words.
    await page.getByRole('button', { name: 'Register the inquiry' }).click();
    await page.getByText('Choose how the inquirer is related to the man sought.').waitFor();
    await page
      .getByLabel(/^Relation to the sought person/)
      .first()
      .click();
    await page.getByRole('option', { name: 'mother', exact: true }).click();
    expect(
      await page.getByText('Choose how the inquirer is related to the man sought.').count(),
    ).toBe(0);
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

  it("gives the family a code that opens its inquiry's status, in Ukrainian, without signing in", async () => {
    const page = await demo.newPage();
    const officer = demo.account('demo-ua-officer');
    if (officerPassword)
      await signIn(page, demo.server.url, { ...officer, password: officerPassword });
    else officerPassword = await signInFirstTime(page, demo.server.url, officer);
    await page.getByRole('link', { name: "Families' inquiries" }).click();
    const { items } = await callApi<{ items: Array<{ id: string; name: string }> }>(
      page,
      'GET',
      '/mechanisms',
    );
    await callApi(page, 'POST', `/mechanisms/${items[0]!.id}/inquiries`, {
      party: 'UA',
      channel: 'letter',
      receivedOn: '2025-06-03',
      inquirer: { name: 'Шевчук Олена', relation: 'wife', contact: 'Київ', language: 'uk' },
      sought: { surname: 'Шевчук', givenName: 'Андрій', dateOfBirth: '1988' },
      consent: { tracing: true, sharing: { mediator: true, icrc: true, otherParty: false } },
    });
    await page.reload();
    await page
      .getByRole('row', { name: /Шевчук Андрій/ })
      .getByRole('link')
      .click();
    await page.getByRole('heading', { name: "The family's status page" }).waitFor();
    await page.getByRole('button', { name: 'Issue a code for the family' }).click();
    const shown = page.locator('[data-family-code]');
    await shown.waitFor();
    const code = (await shown.textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await page.getByRole('cell', { name: '0', exact: true }).waitFor();
    await demo.expectAccessible(page);

    // The family: a browser of its own, no account.
    const family = await demo.newPage();
    await family.goto(`${demo.server.url}/family`);
    await family.getByRole('heading', { name: 'Your inquiry' }).waitFor();
    await family.getByLabel(/^Your code/).fill(code.toLowerCase());
    await family.getByRole('button', { name: 'Show the status' }).click();
    // The inquirer wrote in Ukrainian: the page answers in Ukrainian.
    await family.getByText(/^Відомостей поки немає\./).waitFor();
    const status = family.getByRole('status');
    expect(await status.textContent()).toMatch(/^Запит UA-\d+, отриманий /);
    expect(await family.textContent('body')).not.toContain('Шевчук');
    await demo.expectAccessible(family);

    const wrong = await demo.newPage();
    await wrong.goto(`${demo.server.url}/family`);
    await wrong.getByLabel(/^Your code/).fill('0000-0000-0000-0000');
    await wrong.getByRole('button', { name: 'Show the status' }).click();
    await wrong
      .getByRole('alert')
      .getByText(/^This code does not open an inquiry\./)
      .waitFor();
  });
});
