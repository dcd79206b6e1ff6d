import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, buildTestServices, csvOf } from '../../testing/factories.ts';
import { tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { SYSTEM_ACTOR, type Actor, type Role } from '../access/index.ts';
import { headsKeptIn } from '../audit/index.ts';
import { generateSyntheticLists, type ListRecord } from '../demo/index.ts';
import { LIST_COLUMNS } from '../registry/index.ts';
import { signingMessage, verifySignedDocument } from './index.ts';

const asCsv = (records: readonly ListRecord[]) =>
  csvOf([[...LIST_COLUMNS], ...records.map((r) => LIST_COLUMNS.map((c) => r[c] ?? ''))]);

/**
 * The 2 June 2025 scenario (issue #5): both sides' lists, reconciliation, the all-for-all
 * categories, two stages, verification and wishes (one refusal, replaced), a manifest signed by
 * both parties and the mediator, verified offline, and a tampered copy refused.
 */
describeEachDatabase('the 2 June 2025 exchange, end to end', (db, _kind, opened) => {
  let services: Services;
  let mechanism: string;
  let agreement: string;
  const actors = new Map<string, Actor>();
  const keys = new Map<string, { privateKey: KeyObject; publicKey: KeyObject; keyId: string }>();

  const actorFor = async (name: string, role: Role, party?: string) => {
    const header = await tokenFor(services, { mechanism, role, ...(party ? { party } : {}) });
    const actor = await services.access.actorOfToken(header.authorization.slice('Bearer '.length));
    if (!actor) throw new Error('no actor');
    actors.set(name, actor);
    return actor;
  };
  const as = (name: string) => actors.get(name)!;
  const personsIn = async (state?: string) =>
    services.exchanges.persons(as('mediator'), {
      mechanism,
      agreement,
      ...(state ? { state } : {}),
    });
  const moveAll = async (who: string, from: string, to: string) => {
    const persons = await personsIn(from);
    const results = await services.exchanges.move(as(who), {
      mechanism,
      moves: persons.map((p) => ({ personId: p.id, to: to as never })),
    });
    expect(results.filter((r) => !r.ok)).toEqual([]);
    return results.length;
  };

  beforeAll(async () => {
    services = buildTestServices(db());
    mechanism = (await buildMechanism(db())).id;
    // UA seeks its people that RU holds, and RU seeks its people that UA holds.
    const uaPeople = generateSyntheticLists({ seed: 21, size: 60 });
    const ruPeople = generateSyntheticLists({ seed: 22, size: 60 });
    for (const [party, kind, records] of [
      ['UA', 'sought', uaPeople.sought],
      ['RU', 'held', uaPeople.held],
      ['RU', 'sought', ruPeople.sought],
      ['UA', 'held', ruPeople.held],
    ] as const) {
      await services.registry.importList(SYSTEM_ACTOR, {
        mechanism,
        party,
        kind,
        acceptInvalid: true,
        file: buildFile(`${party}-${kind}.csv`, asCsv(records)),
      });
    }
    await actorFor('mediator', 'mediator');
    await actorFor('verifier', 'neutral_verifier');
    await actorFor('ua', 'party_officer', 'UA');
    await actorFor('ru', 'party_officer', 'RU');
    for (const name of ['mediator', 'ua', 'ru']) {
      const pair = generateKeyPairSync('ed25519');
      const { keyId } = await services.signingKeys.registerKey(as(name), {
        mechanism,
        userId: as(name).userId!,
        publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      });
      keys.set(name, { ...pair, keyId });
    }
  });

  it('reconciles, applies the categories and puts the eligible on the path', async () => {
    await services.reconciliation.runNow(as('mediator'), mechanism);
    const created = await services.agreements.create(as('mediator'), mechanism, {
      template: 'istanbul-2025-06-02',
    });
    agreement = created.id;
    await services.eligibility.evaluate(as('mediator'), { mechanism, agreement });
    const opened = await services.exchanges.openPaths(as('mediator'), { mechanism, agreement });
    expect(opened.added).toBe(opened.eligible);
    expect(opened.eligible).toBeGreaterThan(10);
    const persons = await personsIn();
    expect(new Set(persons.map((p) => p.party))).toEqual(new Set(['UA', 'RU']));
    // Reconciliation acknowledged most held persons; the others stay proposed.
    expect(persons.filter((p) => p.state === 'acknowledged').length).toBeGreaterThan(
      persons.length / 2,
    );
    const again = await services.exchanges.openPaths(as('mediator'), { mechanism, agreement });
    expect(again.added).toBe(0);
  });

  it('lets each role take only its own steps, and records the wish privately', async () => {
    const [first] = await personsIn('acknowledged');
    const refused = await services.exchanges.move(as('ua'), {
      mechanism,
      moves: [{ personId: first!.id, to: 'identity_verified' }],
    });
    expect(refused[0]).toMatchObject({
      ok: false,
      problem: 'only neutral verifier may move a person to identity verified',
    });

    await moveAll('verifier', 'acknowledged', 'identity_verified');
    await moveAll('mediator', 'identity_verified', 'category_confirmed');
    await moveAll('verifier', 'category_confirmed', 'fit_to_travel');
    const cleared = await moveAll('verifier', 'fit_to_travel', 'wish_verified');
    expect(cleared).toBeGreaterThan(5);
    await moveAll('mediator', 'wish_verified', 'approved');

    // A party sees "cleared", not the interview's state.
    const seenByUa = await services.exchanges.persons(as('ua'), { mechanism, agreement });
    expect(seenByUa.some((p) => p.state === 'approved')).toBe(true);
    expect(seenByUa.some((p) => p.state === 'wish_verified')).toBe(false);
  });

  let stageOne: string;
  it('plans two stages, and refills at parity the place of a person who refuses to return', async () => {
    const approved = await personsIn('approved');
    const perSide = Math.min(
      ...['UA', 'RU'].map((s) => approved.filter((p) => p.party === s).length),
    );
    const size = Math.floor(perSide / 2);
    const first = await services.exchanges.proposeStage(as('mediator'), {
      mechanism,
      agreement,
      place: 'Belarus–Ukraine border',
      date: '2025-06-09',
      size,
    });
    stageOne = first.stageId;
    expect(first.selected).toBe(2 * size);
    expect(first.surplus.every((s) => s.reason.startsWith('the stage is full'))).toBe(true);

    const inStage = (
      await services.exchanges.stage(as('mediator'), { mechanism, stageId: stageOne })
    ).persons;
    const refusing = inStage[0]!;
    const [result] = await services.exchanges.move(as('verifier'), {
      mechanism,
      moves: [{ personId: refusing.id, to: 'refuses_return', reason: 'private interview, 8 June' }],
    });
    expect(result).toMatchObject({ ok: true, state: 'refuses_return' });
    const replacement = result && 'replacement' in result ? result.replacement : undefined;
    expect(replacement).not.toBeNull();
    const after = await services.exchanges.stage(as('mediator'), { mechanism, stageId: stageOne });
    expect(after.persons.map((p) => p.id)).not.toContain(refusing.id);
    expect(after.persons.find((p) => p.id === replacement)?.party_code).toBe(refusing.party_code);
    expect(after.persons).toHaveLength(2 * size);

    const second = await services.exchanges.proposeStage(as('mediator'), {
      mechanism,
      agreement,
      place: 'Belarus–Ukraine border',
      date: '2025-06-10',
    });
    expect(second.number).toBe(2);
    expect(second.selected).toBe(approved.length - 2 * size - 1);
  });

  it('freezes the manifest, takes the three signatures, and verifies it offline', async () => {
    const approval = await services.exchanges.approveStage(as('mediator'), {
      mechanism,
      stageId: stageOne,
    });
    const signAs = (name: string, role: 'party_officer' | 'mediator', party?: string) => {
      const key = keys.get(name)!;
      return services.exchanges.signManifest(as(name), {
        mechanism,
        manifestId: approval.manifestId,
        keyId: key.keyId,
        signature: sign(
          null,
          signingMessage('parley-manifest/1', approval.hash),
          key.privateKey,
        ).toString('base64'),
        role,
        ...(party ? { party } : {}),
      });
    };
    await signAs('ua', 'party_officer', 'UA');
    // The RU officer cannot sign for UA, nor with another person's key.
    await expect(signAs('ru', 'party_officer', 'UA')).rejects.toThrow(
      /only with that role and your own key/,
    );
    await signAs('ru', 'party_officer', 'RU');
    const unsigned = await services.exchanges.verifyManifest(as('mediator'), {
      mechanism,
      manifestId: approval.manifestId,
    });
    expect(unsigned.problems).toEqual(['no valid signature of the mediator']);
    await signAs('mediator', 'mediator');

    const file = await services.exchanges.manifestFile(as('ua'), {
      mechanism,
      manifestId: approval.manifestId,
    });
    const copy = JSON.parse(JSON.stringify(file)) as typeof file;
    expect(verifySignedDocument(copy)).toMatchObject({ ok: true, problems: [] });
    // Each signature carries the audit log's head at its moment: every copy anchors the log.
    const heads = copy.signatures.map((s) => s.logHead?.treeSize ?? 0);
    expect(heads.every((size, i) => size > (heads[i - 1] ?? 0))).toBe(true);
    const checked = await services.exchanges.verifyManifest(as('ua'), {
      mechanism,
      manifestId: approval.manifestId,
    });
    expect(checked.logHeads.map((h) => h.valid)).toEqual([true, true, true]);
    expect(await services.audit.verify(headsKeptIn(copy, 'manifest.json'))).toMatchObject({
      ok: true,
      witnessed: 3,
    });
    const document = copy.document as { persons: Array<{ surname: string }>; counts: object };
    expect(document.persons).toHaveLength(approval.persons);

    const { pdf, fileName } = await services.exchanges.manifestPdf(as('ru'), {
      mechanism,
      manifestId: approval.manifestId,
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    // Named by mechanism, stage and date: a day's manifests are told apart in a folder.
    expect(fileName.name).toMatch(/^manifest-test-[0-9a-f-]+-stage-1-2025-06-09\.pdf$/);

    // After the signatures, a UA-held person of the stage dies: the manifest is corrected, not changed.
    const [deceased] = (await personsIn('assigned')).filter((p) => p.party === 'UA');
    const [died] = await services.exchanges.move(as('verifier'), {
      mechanism,
      moves: [{ personId: deceased!.id, to: 'deceased', reason: 'hospital record, 8 June' }],
    });
    expect(died).toMatchObject({ ok: true });
    const correction = await services.exchanges.correctManifest(as('mediator'), {
      mechanism,
      manifestId: approval.manifestId,
      reason: 'one person died before the handover',
    });
    expect(correction).toMatchObject({ supersedes: approval.hash, persons: approval.persons - 1 });
    const original = await services.exchanges.verifyManifest(as('mediator'), {
      mechanism,
      manifestId: approval.manifestId,
    });
    expect(original.ok).toBe(true);
    const corrected = await services.exchanges.verifyManifest(as('mediator'), {
      mechanism,
      manifestId: correction.manifestId,
    });
    expect(corrected.problems).toHaveLength(3);

    document.persons[0]!.surname = 'Підмінений';
    const tampered = verifySignedDocument(copy);
    expect(tampered.ok).toBe(false);
    expect(tampered.problems[0]).toMatch(/^the document was changed/);
  });

  const stageStatus = async () =>
    (await services.exchanges.stage(as('mediator'), { mechanism, stageId: stageOne })).stage.status;
  let verifierKey: { privateKey: KeyObject; keyId: string };
  /** Each person's receipt: issued by the verifier, signed by the verifier and the receiving officer. */
  const signReceipts = async (persons: ReadonlyArray<{ id: string }>, receiving: 'ua' | 'ru') => {
    for (const person of persons) {
      const receipt = await services.exchanges.issueReceipt(as('verifier'), {
        mechanism,
        personId: person.id,
      });
      const signReceipt = (name: string, role: 'party_officer' | 'neutral_verifier') => {
        const key = name === 'verifier' ? verifierKey : keys.get(name)!;
        return services.exchanges.signManifest(as(name), {
          mechanism,
          manifestId: receipt.receiptId,
          keyId: key.keyId,
          signature: sign(
            null,
            signingMessage('parley-receipt/1', receipt.hash),
            key.privateKey,
          ).toString('base64'),
          role,
          ...(role === 'party_officer' ? { party: receiving.toUpperCase() } : {}),
        });
      };
      await signReceipt('verifier', 'neutral_verifier');
      if (person === persons[0]) {
        const half = await services.exchanges.move(as(receiving), {
          mechanism,
          moves: [{ personId: person.id, to: 'receipt_confirmed' }],
        });
        expect(half[0]?.problem).toBe(
          `the receipt still needs the signature of the party officer for ${receiving.toUpperCase()}`,
        );
      }
      await signReceipt(receiving, 'party_officer');
      const file = await services.exchanges.manifestFile(as(receiving), {
        mechanism,
        manifestId: receipt.receiptId,
      });
      expect(verifySignedDocument(JSON.parse(JSON.stringify(file)))).toMatchObject({ ok: true });
      expect(file.signatures.map((s) => Boolean(s.logHead))).toEqual([true, true]);
    }
  };

  it('hands over and confirms, each step by its side, and nothing of the manifest can change', async () => {
    const assigned = await personsIn('assigned');
    const fromRu = assigned.filter((p) => p.party === 'RU');
    const moves = (to: string) => fromRu.map((p) => ({ personId: p.id, to: to as never }));
    expect(await stageStatus()).toBe('approved');
    expect(
      (
        await services.exchanges.move(as('ru'), {
          mechanism,
          moves: moves('in_transit').slice(0, 1),
        })
      ).every((r) => r.ok),
    ).toBe(true);
    // The first person to leave sets the stage going.
    expect(await stageStatus()).toBe('executing');
    expect(
      (
        await services.exchanges.move(as('ru'), { mechanism, moves: moves('in_transit').slice(1) })
      ).every((r) => r.ok),
    ).toBe(true);
    expect(
      (
        await services.exchanges.move(as('verifier'), { mechanism, moves: moves('handed_over') })
      ).every((r) => r.ok),
    ).toBe(true);
    const wrongSide = await services.exchanges.move(as('ru'), {
      mechanism,
      moves: moves('receipt_confirmed'),
    });
    expect(wrongSide.every((r) => !r.ok)).toBe(true);
    const unsigned = await services.exchanges.move(as('ua'), {
      mechanism,
      moves: moves('receipt_confirmed'),
    });
    expect(unsigned[0]).toMatchObject({
      ok: false,
      problem: 'no receipt has been issued for this person yet',
    });

    const pair = generateKeyPairSync('ed25519');
    const { keyId: verifierKeyId } = await services.signingKeys.registerKey(as('verifier'), {
      mechanism,
      userId: as('verifier').userId!,
      publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    verifierKey = { privateKey: pair.privateKey, keyId: verifierKeyId };
    await signReceipts(fromRu, 'ua');
    expect(
      (
        await services.exchanges.move(as('ua'), { mechanism, moves: moves('receipt_confirmed') })
      ).every((r) => r.ok),
    ).toBe(true);

    const report = await services.exchanges.report(as('ua'), { mechanism, agreement });
    const row = (section: string, party: string, item: string) =>
      report.find((r) => r.section === section && r.party === party && r.item === item)?.count;
    expect(row('asked and got', 'UA', 'returned')).toBe(fromRu.length);
    expect(row('asked and got', 'RU', 'returned')).toBe(0);
    expect(
      row('disputes', 'UA', 'refuses return')! + row('disputes', 'RU', 'refuses return')!,
    ).toBe(1);
    expect(row('stages', 'RU', 'stage 1 (executing)')).toBe(fromRu.length);
    // Half the stage is home: it is still executing.
    expect(await stageStatus()).toBe('executing');

    // The application's role changes no manifest (row policies); the owner is refused by the trigger.
    const changed = await db().updateTable('manifest').set({ document: '{}' }).executeTakeFirst();
    expect(Number(changed.numUpdatedRows)).toBe(0);
    await expect(
      opened().asOwner((owner) => owner.updateTable('manifest').set({ document: '{}' }).execute()),
    ).rejects.toThrow(/never changed/);
  });

  it('completes the stage once everyone on it is received or has left it by an exception', async () => {
    const fromUa = (await personsIn('assigned')).filter((p) => p.party === 'UA');
    expect(fromUa.length).toBeGreaterThan(0);
    const moves = (to: string) => fromUa.map((p) => ({ personId: p.id, to: to as never }));
    for (const [who, to] of [
      ['ua', 'in_transit'],
      ['verifier', 'handed_over'],
    ] as const) {
      const results = await services.exchanges.move(as(who), { mechanism, moves: moves(to) });
      expect(results.filter((r) => !r.ok)).toEqual([]);
    }
    await signReceipts(fromUa, 'ru');
    const last = moves('receipt_confirmed');
    await services.exchanges.move(as('ru'), { mechanism, moves: last.slice(0, -1) });
    expect(await stageStatus()).toBe('executing');
    const [final] = await services.exchanges.move(as('ru'), { mechanism, moves: last.slice(-1) });
    expect(final).toMatchObject({ ok: true });
    // Everyone is home but the UA-held person who died before the handover: the stage is over.
    expect(await stageStatus()).toBe('completed');
    const stage = await services.exchanges.stage(as('mediator'), { mechanism, stageId: stageOne });
    expect(stage.persons.filter((p) => p.state === 'deceased')).toHaveLength(1);
    const events = await db()
      .selectFrom('audit_entry')
      .select(['details'])
      .where('action', '=', 'exchange.stage.status')
      .where('mechanism_id', '=', mechanism)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => (e.details as { to: string }).to)).toEqual(['executing', 'completed']);

    // The stage's own report: everyone returned but the dead, at parity, and the surplus left out.
    const report = await services.exchanges.stageReport(as('ru'), { mechanism, stageId: stageOne });
    const row = (section: string, party: string, item: string) =>
      report.rows.find((r) => r.section === section && r.party === party && r.item === item)?.count;
    expect(report.stage).toMatchObject({ number: 1, status: 'completed' });
    expect(row('asked and got', 'RU', 'returned')).toBe(fromUa.length);
    expect(row('stages', 'UA', 'stage 1 (completed)')).toBe(fromUa.length + 1);
    expect(
      report.rows.filter((r) => r.section === 'persons' && r.detail === 'deceased'),
    ).toMatchObject([{ party: 'UA', count: 1 }]);
    expect(row('surplus', 'UA', 'stage 1')! + row('surplus', 'RU', 'stage 1')!).toBeGreaterThan(0);
    expect(report.rows.some((r) => r.section === 'remains')).toBe(false);
  });

  it('shows the parties a refusal at the border as not cleared, in the stage and in its report', async () => {
    const [second] = (await services.exchanges.stages(as('mediator'), mechanism)).filter(
      (stage) => stage.number === 2,
    );
    await services.exchanges.approveStage(as('mediator'), { mechanism, stageId: second!.id });
    const [person] = (
      await services.exchanges.stage(as('mediator'), { mechanism, stageId: second!.id })
    ).persons;
    const [refused] = await services.exchanges.move(as('verifier'), {
      mechanism,
      moves: [{ personId: person!.id, to: 'refuses_return', reason: 'interview at the border' }],
    });
    expect(refused).toMatchObject({ ok: true });
    const stateAs = async (name: string) =>
      (await services.exchanges.stage(as(name), { mechanism, stageId: second!.id })).persons.find(
        (p) => p.id === person!.id,
      )?.state;
    expect(await stateAs('verifier')).toBe('refuses_return');
    expect(await stateAs('ua')).toBe('not_cleared');
    expect(await stateAs('ru')).toBe('not_cleared');
    const states = async (name: string) =>
      (await services.exchanges.stageReport(as(name), { mechanism, stageId: second!.id })).rows
        .filter((r) => r.section === 'persons')
        .map((r) => r.detail);
    expect(await states('mediator')).toContain('refuses_return');
    expect(await states('ua')).toContain('not_cleared');
    expect(await states('ua')).not.toContain('refuses_return');
  });
});
