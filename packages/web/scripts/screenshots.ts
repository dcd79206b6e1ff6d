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
