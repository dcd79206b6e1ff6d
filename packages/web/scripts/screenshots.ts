// Saves screenshots of the main screens to docs/screenshots/, against a fresh `parley serve --demo`.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser.ts';
import { startServer } from '../e2e/support/server.ts';
import { signInFirstTime } from '../e2e/support/steps.ts';

const OUT = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parley-screenshots-'));
const server = await startServer(dataDir);
const browser = await launchBrowser();
await fs.mkdir(OUT, { recursive: true });

const shoot = async (page: Page, name: string) => {
  await page.waitForTimeout(600);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
};
const pageFor = async () =>
  (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' })).newPage();
const account = (name: string) => {
  const found = server.accounts.get(name);
  if (!found) throw new Error(`no demo account ${name}`);
  return found;
};

try {
  const officer = await pageFor();
  await officer.goto(server.url);
  await officer.getByLabel('User name').fill('demo-ua-officer');
  await shoot(officer, 'sign-in');
  await signInFirstTime(officer, server.url, account('demo-ua-officer'));
  await officer.getByRole('link', { name: 'UA sought list' }).click();
  await officer.getByRole('row').nth(10).waitFor();
  await shoot(officer, 'lines');
  await officer.getByRole('tab', { name: 'Upload a new version' }).click();
  await officer.locator('input[type=file]').setInputFiles({
    name: 'ua-sought.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'record_id,surname,given_name,date_of_birth\nS-1,Шевченко,Олександр,1999-13\nS-2,Бондар,Іван,31.02.1999\n',
    ),
  });
  await officer.getByRole('button', { name: 'Check and import' }).click();
  await officer.getByText('ua-sought.csv was not imported: 2 errors').waitFor();
  await shoot(officer, 'upload-errors');

  const mediator = await pageFor();
  await signInFirstTime(mediator, server.url, account('demo-mediator'));
  await mediator.getByRole('link', { name: 'Runs and outcomes' }).click();
  await mediator.getByRole('button', { name: 'Start a reconciliation' }).click();
  await mediator.getByText('Lines by list and outcome').waitFor({ timeout: 120_000 });
  await shoot(mediator, 'reconciliation');
  await mediator.getByRole('link', { name: 'Review queue' }).click();
  await mediator.getByRole('button', { name: /Confirm/ }).waitFor();
  await shoot(mediator, 'review-queue');

  // The 2 June agreement evaluated and its persons put on the path, as a mediator would.
  await mediator.getByRole('link', { name: 'Agreement and eligibility' }).click();
  await mediator.getByRole('link', { name: 'Istanbul, 2 June 2025', exact: true }).click();
  await mediator.getByRole('button', { name: 'Evaluate and keep' }).click();
  await mediator.getByText('Kept results of the latest evaluation, per list.').waitFor();
  await shoot(mediator, 'eligibility');
  await mediator.getByRole('button', { name: 'Open the paths' }).click();
  await mediator.getByText(/eligible; \d+ newly on the path/).waitFor();
  await mediator.getByRole('link', { name: 'Overview' }).click();
  await mediator.getByRole('heading', { name: 'Persons by state over time' }).waitFor();
  await shoot(mediator, 'overview');
  await mediator.getByRole('link', { name: 'Stages' }).click();
  await mediator.getByRole('heading', { name: 'Stages', level: 1 }).waitFor();
  await mediator.getByRole('button', { name: /^proposed · / }).waitFor();
  await shoot(mediator, 'stages');
  await mediator.getByRole('link', { name: 'Reports' }).click();
  await mediator.getByRole('heading', { name: 'Asked for and got' }).waitFor();
  await shoot(mediator, 'report');
  await mediator.getByRole('link', { name: 'Talks', exact: true }).click();
  await mediator.getByRole('table', { name: /Rounds of talks/ }).waitFor();
  await shoot(mediator, 'talks-rounds');
  await mediator
    .getByRole('navigation', { name: 'Parts of the record of the talks' })
    .getByRole('link', { name: 'Documents and gap' })
    .click();
  await mediator.getByRole('heading', { name: 'Where the positions differ' }).waitFor();
  await shoot(mediator, 'talks-gap');

  const admin = await pageFor();
  await signInFirstTime(admin, server.url, { username: 'admin', password: server.adminPassword });
  await admin.getByRole('link', { name: 'Open' }).last().click();
  await admin.getByRole('cell', { name: /^demo-mediator/ }).waitFor();
  await admin.getByText('Українська').click();
  await shoot(admin, 'users-uk');
} finally {
  await browser.close();
  await server.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
