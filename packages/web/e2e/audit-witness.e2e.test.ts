/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runsInChromium, useDemoInChromium } from './support/suite.ts';
import { signInFirstTime } from './support/steps.ts';

const SEEN_HEAD_KEY = 'parley.audit.seenHead';

interface Head {
  treeSize: number;
  rootHash: string;
  signedAt: string;
}

describe.runIf(runsInChromium)('the browser as a witness of the audit log, in Chromium', () => {
  const demo = useDemoInChromium('audit-witness');
  let page: Page;

  const keptHead = async (): Promise<Head | null> =>
    JSON.parse(
      (await page.evaluate((key) => window.localStorage.getItem(key), SEEN_HEAD_KEY)) ?? 'null',
    ) as Head | null;
  const alert = () => page.getByRole('alert').filter({ hasText: /audit log|журнал/i });

  it('keeps the signed head it saw and shows nothing while the log only grows', async () => {
    page = await demo.newPage();
    await page.goto(demo.server.url);
    await page.getByLabel('User name').waitFor({ timeout: 90_000 });
    await signInFirstTime(page, demo.server.url, demo.account('demo-mediator'));
    await page.waitForURL(/\/m\//);
    await expect.poll(keptHead, { timeout: 30_000 }).not.toBeNull();
    const first = await keptHead();
    expect(first?.rootHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await alert().count()).toBe(0);
  });

  it('warns, in English, Ukrainian and Russian, when the log shows fewer entries than it saw', async () => {
    const seen = (await keptHead())!;
    // As if this browser had seen a longer log than the server now shows: the tail was cut.
    const longer = { ...seen, treeSize: seen.treeSize + 500, signedAt: '2025-06-09T08:00:00.000Z' };
    await page.evaluate(
      ([key, value]) => window.localStorage.setItem(key!, value!),
      [SEEN_HEAD_KEY, JSON.stringify(longer)],
    );
    await page.reload();
    await alert().waitFor({ timeout: 30_000 });
    const text = await alert().textContent();
    expect(text).toContain('The audit log no longer matches what this browser saw');
    expect(text).toContain(`the server now shows only ${seen.treeSize.toLocaleString('en-GB')}`);
    expect(text).toContain('Entries were cut from the log.');
    // The warning is not cleared by looking again: the head it saw is kept.
    expect((await keptHead())?.treeSize).toBe(longer.treeSize);
    await demo.expectAccessible(page);
    await page.getByText('Українська').click();
    await page.getByText('Записи вирізано з журналу.').waitFor();
    await page.getByText('Русский').click();
    await page.getByText('Записи вырезаны из журнала.').waitFor();
    await page.getByText('English').click();
  });

  it('warns when the log it saw was rewritten under the same size', async () => {
    const seen = (await keptHead())!;
    const other = { ...seen, treeSize: seen.treeSize - 500, rootHash: 'ab'.repeat(32) };
    await page.evaluate(
      ([key, value]) => window.localStorage.setItem(key!, value!),
      [SEEN_HEAD_KEY, JSON.stringify(other)],
    );
    await page.reload();
    await alert().waitFor({ timeout: 30_000 });
    expect(await alert().textContent()).toContain('Entries this browser saw were changed.');
  });
});
