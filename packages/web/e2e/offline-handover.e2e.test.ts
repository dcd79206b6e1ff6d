/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { approvedStage, useDemoPages, type PathPerson } from './support/exchange-setup.ts';
import { callApi, runsInChromium, useDemoInChromium } from './support/suite.ts';

/** Goes to the stage's receipts, takes it offline, and waits for its offline page. */
async function takeOffline(page: Page) {
  // What went wrong in the page, if the offline page never comes: the page's own errors.
  page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      console.log(`console ${message.type()}: ${message.text()}`);
  });
  await page.getByRole('link', { name: 'Handover receipts' }).click();
  await page.getByRole('button', { name: 'Take this stage offline' }).click();
  // Six requests and the service worker's copy of the application, on a loaded machine.
  await page
    .getByRole('heading', { name: /^Stage \d+ offline/ })
    .waitFor({ timeout: 90_000 })
    .catch(async (error: unknown) => {
      // Where taking the stage offline stopped: the service worker, or the stage not kept.
      console.log(
        'offline diagnosis',
        await page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          const names = (await indexedDB.databases()).map((d) => d.name);
          return {
            active: registration?.active?.state ?? null,
            installing: registration?.installing?.state ?? null,
            waiting: registration?.waiting?.state ?? null,
            controlled: Boolean(navigator.serviceWorker.controller),
            databases: names,
          };
        }),
      );
      throw error;
    });
}

/** Signs the stage's manifest in the page as the online flow does: a new browser key, registered. */
async function signManifest(page: Page, m: string, role: string, party: string | null) {
  const file = await callApi<{ hash: string; kind: string }>(
    page,
    'GET',
    `${m}/manifests/${manifestId}`,
  );
  const signed = await page.evaluate(async ({ kind, hash }) => {
    const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    const spki = await crypto.subtle.exportKey('spki', pair.publicKey);
    const b64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
    const signature = await crypto.subtle.sign(
      'Ed25519',
      pair.privateKey,
      new TextEncoder().encode(`${kind}\n${hash}`),
    );
    return { publicKey: b64(spki), signature: b64(signature) };
  }, file);
  const { keyId } = await callApi<{ keyId: string }>(page, 'POST', `${m}/keys`, {
    publicKey: signed.publicKey,
  });
  await callApi(page, 'POST', `${m}/manifests/${manifestId}/signatures`, {
    keyId,
    signature: signed.signature,
    role,
    ...(party ? { party } : {}),
  });
}
let manifestId = '';

/** Cuts the page's network, reloads it from the service worker, and shows that the API is out of reach. */
async function reloadOffline(page: Page) {
  await page.context().setOffline(true);
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  expect(
    await page.evaluate(() =>
      fetch('/api/v1/session').then(
        () => 'reached',
        () => 'unreachable',
      ),
    ),
  ).toBe('unreachable');
  await page.getByText('No network', { exact: true }).waitFor();
}

describe.runIf(runsInChromium)('offline at the handover point', () => {
  const demo = useDemoInChromium('offline-handover');
  const { pageAs } = useDemoPages(demo);

  it('records handovers and a refusal with the network cut, survives a reload, syncs them, shows the receiving officer the conflicts, confirms the receipt signed offline, and shows the signed records', async () => {
    const [mediator, verifier, ua, ru] = await Promise.all([
      pageAs('demo-mediator'),
      pageAs('demo-verifier'),
      pageAs('demo-ua-officer'),
      pageAs('demo-ru-officer'),
    ]);
    const {
      mechanismPath: m,
      agreementPath: a,
      stage,
      moveAll,
    } = await approvedStage({ mediator, verifier }, 4);
    manifestId = (
      await callApi<{ manifests: Array<{ id: string }> }>(
        mediator,
        'GET',
        `${m}/stages/${stage.stageId}`,
      )
    ).manifests.at(-1)!.id;
    await signManifest(mediator, m, 'mediator', null);
    await signManifest(ua, m, 'party_officer', 'UA');
    await signManifest(ru, m, 'party_officer', 'RU');
    const inTransit = [
      ...(await moveAll(ua, 'assigned', 'in_transit')),
      ...(await moveAll(ru, 'assigned', 'in_transit')),
    ];
    // Two persons whom one side receives: that side's officer works offline beside the verifier.
    const byReceiver = (party: string) => inTransit.filter((p) => p.receivingParty === party);
    const party = byReceiver('UA').length >= 2 ? 'UA' : 'RU';
    const officer = party === 'UA' ? ua : ru;
    const [handed, refusing] = byReceiver(party) as [PathPerson, PathPerson];
    expect(refusing).toBeDefined();
    // Each page names a person as its reader may: the receiving officer may not read the list
    // of the side that holds the person.
    const shown = async (page: Page) =>
      new Map(
        (
          await callApi<{
            items: Array<{
              personId: string;
              name: string | null;
              nameLatin: string | null;
              recordId: string;
            }>;
          }>(page, 'GET', `${m}/stages/${stage.stageId}/receipts`)
        ).items.map((p) => [p.personId, p.name ?? p.nameLatin ?? p.recordId]),
      );
    const [toVerifier, toOfficer] = [await shown(verifier), await shown(officer)];
    const nameOf = (p: PathPerson) => toVerifier.get(p.id)!;
    const officerName = (p: PathPerson) => toOfficer.get(p.id)!;

    // Both take the stage offline while the network is there, then lose it.
    await takeOffline(verifier);
    await verifier
      .getByText(/^The manifest verifies in this browser: its hash [0-9a-f]{16}…/)
      .waitFor();
    await takeOffline(officer);
    await reloadOffline(verifier);
    await reloadOffline(officer);

    // The verifier checks a person against the manifest, records a handover and a refusal.
    await verifier.getByRole('button', { name: `${nameOf(handed)} matches the manifest` }).click();
    await verifier.getByLabel('Place of the handover').fill('Checkpoint 3');
    await verifier.getByRole('button', { name: `Record ${nameOf(handed)} handed over` }).click();
    await verifier
      .getByRole('button', { name: `Record that ${nameOf(refusing)} refuses to cross` })
      .click();
    await verifier.getByLabel('What the person said').fill('will not cross, said so twice');
    await verifier.getByRole('button', { name: 'Record the refusal' }).click();
    await verifier.getByText('Kept in this browser: 3 not signed, 0 signed').waitFor();
    // The officer records both persons received, before hearing of the refusal.
    for (const p of [handed, refusing])
      await officer.getByRole('button', { name: `Record ${officerName(p)} received` }).click();

    // Nothing is lost on a reload without a network; signing needs none either.
    await verifier.reload();
    await verifier.getByText('Kept in this browser: 3 not signed, 0 signed').waitFor();
    await verifier.getByRole('button', { name: 'Sign 3 recorded actions' }).click();
    await verifier.getByText('Kept in this browser: 0 not signed, 3 signed').waitFor();
    await officer.getByRole('button', { name: 'Sign 2 recorded actions' }).click();
    await officer.getByText('Kept in this browser: 0 not signed, 2 signed').waitFor();
    await demo.expectAccessible(verifier);

    // The network is back: the verifier syncs, and the server holds what was recorded.
    await verifier.context().setOffline(false);
    await verifier.getByText('Network available', { exact: true }).waitFor();
    await verifier.getByRole('button', { name: 'Sync 3 signed actions' }).click();
    await verifier.getByText('Synced: 3 applied, 0 in conflict').waitFor();
    const states = new Map(
      (await callApi<{ items: PathPerson[] }>(mediator, 'GET', `${a}/persons`)).items.map((p) => [
        p.id,
        p.state,
      ]),
    );
    expect(states.get(handed.id)).toBe('handed_over');
    expect(states.get(refusing.id)).toBe('refuses_return');

    // The officer syncs after: the arrival waits for the receipt (issued with the verifier's
    // sync, not yet signed), the refused person is a conflict to resolve.
    await officer.context().setOffline(false);
    await officer.getByRole('button', { name: 'Sync 2 signed actions' }).click();
    await officer.getByText('Synced: 0 applied, 2 in conflict').waitFor();
    await officer.getByRole('heading', { name: '2 conflicts to resolve' }).waitFor();
    const row = officer.getByRole('row', { name: officerName(refusing) }).last();
    await row.getByText('Someone else recorded this person first: not cleared.').waitFor();
    await demo.expectAccessible(officer);
    await row.getByRole('button', { name: "Keep the server's record" }).click();
    await officer.getByRole('heading', { name: '1 conflict to resolve' }).waitFor();
    const arrival = officer.getByRole('row', { name: officerName(handed) }).last();
    await arrival.getByText(/^Received, but the person's receipt is not yet signed/).waitFor();

    // The sync brought the stage's receipt batch: the officer signs it without a network and
    // records the arrival again; the verifier signs it too.
    await officer.context().setOffline(true);
    await officer.getByText('No network', { exact: true }).waitFor();
    await officer.getByRole('button', { name: 'Sign the receipt batch (1 receipt)' }).click();
    await officer.getByText(/^Signed in this browser at .*, waiting for the network\.$/).waitFor();
    await arrival.getByRole('button', { name: 'Record again' }).click();
    await officer.getByText('2 conflicts resolved (kept in this browser)').waitFor();
    await officer.getByRole('button', { name: 'Sign 1 recorded action' }).click();
    await verifier.getByRole('button', { name: 'Sign the receipt batch (1 receipt)' }).click();
    await verifier.getByRole('button', { name: 'Sync the receipt batch signature' }).click();
    await verifier.getByText('The receipt batch signature is kept on the server.').waitFor();

    // Back online, the officer's sync confirms the receipt.
    await officer.context().setOffline(false);
    await officer.getByRole('button', { name: 'Sync 1 signed action' }).click();
    await officer.getByText('Synced: 1 applied, 0 in conflict').waitFor();
    await officer.getByText(/^Signed in this browser at .* and synced\.$/).waitFor();
    const after = new Map(
      (await callApi<{ items: PathPerson[] }>(mediator, 'GET', `${a}/persons`)).items.map((p) => [
        p.id,
        p.state,
      ]),
    );
    expect(after.get(handed.id)).toBe('receipt_confirmed');

    // The mediator reads the records signed offline, and verifies one.
    await mediator.getByRole('link', { name: 'Handover receipts' }).click();
    await mediator.getByRole('heading', { name: 'Records signed offline' }).waitFor();
    await mediator.getByRole('button', { name: 'View' }).first().click();
    await mediator.getByRole('button', { name: 'Verify the signature' }).click();
    await mediator.getByText(/^The record and its signature verify/).waitFor();
    await demo.expectAccessible(mediator);
  }, 300_000);
});
