/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { callApi, type DemoInChromium } from './suite.ts';
import { signInFirstTime } from './steps.ts';

/** A person on the path, as GET …/persons gives them. */
export interface PathPerson {
  id: string;
  party: string;
  receivingParty: string;
  recordId: string;
  state: string;
  name: string | null;
}

/**
 * Signs the demo's accounts in, each in a page of its own, kept by name for the tests that come
 * back to it (with its browser key); when a test fails, what each page showed is printed, as a
 * timeout alone does not say why. Call inside the suite's describe.
 */
export function useDemoPages(demo: DemoInChromium) {
  const openPages: Page[] = [];
  const pages = new Map<string, Page>();
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const page of openPages.splice(0))
      console.log(`${page.url()}\n${(await page.locator('body').innerText()).slice(0, 3000)}`);
  });
  return {
    pages,
    /** Shows the page's text too if the running test fails. */
    watch: (page: Page) => openPages.push(page),
    pageAs: async (name: string): Promise<Page> => {
      const page = await demo.newPage();
      openPages.push(page);
      pages.set(name, page);
      await signInFirstTime(page, demo.server.url, demo.account(name));
      await page.getByRole('link', { name: 'Handover receipts' }).waitFor();
      return page;
    },
  };
}

/**
 * Brings the demo's 2 June agreement to an approved stage of `size` persons through the API, as
 * other tests click each step: evaluated, on the path, every step to approved, proposed and
 * approved. `moveAll` moves everyone in one state on, as a page's user, and says whom it moved.
 */
export async function approvedStage(pages: { mediator: Page; verifier: Page }, size: number) {
  const { mediator, verifier } = pages;
  const [mechanism] = (
    await callApi<{ items: Array<{ id: string }> }>(mediator, 'GET', '/mechanisms')
  ).items;
  const m = `/mechanisms/${mechanism!.id}`;
  const agreement = (
    await callApi<{ items: Array<{ id: string; name: string }> }>(
      mediator,
      'GET',
      `${m}/agreements`,
    )
  ).items.find((a) => a.name === 'Istanbul, 2 June 2025')!;
  const a = `${m}/agreements/${agreement.id}`;
  await callApi(mediator, 'POST', `${a}/versions/latest/evaluations`);
  await callApi(mediator, 'POST', `${a}/paths`);
  const moveAll = async (page: Page, from: string, to: string) => {
    const { items } = await callApi<{ items: PathPerson[] }>(
      page,
      'GET',
      `${a}/persons?state=${from}`,
    );
    const { results } = await callApi<{ results: Array<{ personId: string; ok: boolean }> }>(
      page,
      'POST',
      `${m}/moves`,
      { moves: items.map((p) => ({ personId: p.id, to })) },
    );
    const moved = new Set(results.filter((r) => r.ok).map((r) => r.personId));
    return items.filter((p) => moved.has(p.id));
  };
  await moveAll(mediator, 'proposed', 'acknowledged');
  await moveAll(verifier, 'acknowledged', 'identity_verified');
  await moveAll(mediator, 'identity_verified', 'category_confirmed');
  await moveAll(verifier, 'category_confirmed', 'fit_to_travel');
  await moveAll(verifier, 'fit_to_travel', 'wish_verified');
  await moveAll(mediator, 'wish_verified', 'approved');
  const stage = await callApi<{ stageId: string; selected: number }>(
    mediator,
    'POST',
    `${a}/stages`,
    {
      place: 'Belarus–Ukraine border',
      date: '2025-06-09',
      size,
    },
  );
  await callApi(mediator, 'POST', `${m}/stages/${stage.stageId}/approval`);
  return { mechanismPath: m, agreementPath: a, stage, moveAll };
}
