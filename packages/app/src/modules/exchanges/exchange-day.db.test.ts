import { generateKeyPairSync, sign } from 'node:crypto';
import type { KyselyPlugin } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, buildTestServices, csvOf } from '../../testing/factories.ts';
import { tokenFor } from '../../testing/http.ts';
import { pdfTexts } from '../../testing/pdf-text.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { SYSTEM_ACTOR, type Actor } from '../access/index.ts';
import { generateSyntheticLists, type ListRecord } from '../demo/index.ts';
import { LIST_COLUMNS } from '../registry/index.ts';
import { AppError } from '../../platform/errors.ts';
import { signingMessage, verifySignedDocument } from './index.ts';

/** Counts the queries that read the persons of a stage (a stage's status is read from them). */
function stageReadCounter(): KyselyPlugin & { reads: number } {
  return {
    reads: 0,
    transformQuery(args) {
      const text = JSON.stringify(args.node);
      if (
        args.node.kind === 'SelectQueryNode' &&
        text.includes('"exchange_person"') &&
        text.includes('"stage_id"')
      )
        this.reads++;
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
}

const asCsv = (records: readonly ListRecord[]) =>
  csvOf([[...LIST_COLUMNS], ...records.map((r) => LIST_COLUMNS.map((c) => r[c] ?? ''))]);

/**
 * Issue 16, the day of the exchange, on one stage: a new held-list version that changes or
 * removes a person of an approved stage is refused, naming the lines and the stage, until the
 * mediator allows it once; each person's file, by role.
 */
describeEachDatabase('the day of the exchange', (db) => {
  let services: Services;
  let mechanism: string;
  let stageId: string;
  let uaHeld: ListRecord[];
  let inStage: string[];
  const actors = new Map<string, Actor>();
  const as = (name: string) => actors.get(name)!;

  const importUaHeld = (records: readonly ListRecord[]) =>
    services.registry.importList(as('ua'), {
      mechanism,
      party: 'UA',
      kind: 'held',
      acceptInvalid: true,
      file: buildFile('UA-held.csv', asCsv(records)),
    });
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  };

  beforeAll(async () => {
    services = buildTestServices(db());
    mechanism = (await buildMechanism(db())).id;
    const uaPeople = generateSyntheticLists({ seed: 31, size: 30 });
    const ruPeople = generateSyntheticLists({ seed: 32, size: 30 });
    uaHeld = [...ruPeople.held];
    for (const [party, kind, records] of [
      ['UA', 'sought', uaPeople.sought],
      ['RU', 'held', uaPeople.held],
      ['RU', 'sought', ruPeople.sought],
      ['UA', 'held', uaHeld],
    ] as const) {
      await services.registry.importList(SYSTEM_ACTOR, {
        mechanism,
        party,
        kind,
        acceptInvalid: true,
        file: buildFile(`${party}-${kind}.csv`, asCsv(records)),
      });
    }
    for (const [name, role, party] of [
      ['mediator', 'mediator', undefined],
      ['verifier', 'neutral_verifier', undefined],
      ['ua', 'party_officer', 'UA'],
      ['ru', 'party_officer', 'RU'],
    ] as const) {
      const header = await tokenFor(services, {
        mechanism,
        role,
        ...(party ? { party } : {}),
      });
      const actor = await services.access.actorOfToken(
        header.authorization.slice('Bearer '.length),
      );
      actors.set(name, actor!);
    }
    await services.reconciliation.runNow(as('mediator'), mechanism);
    const agreement = (
      await services.agreements.create(as('mediator'), mechanism, {
        template: 'istanbul-2025-06-02',
      })
    ).id;
    await services.eligibility.evaluate(as('mediator'), { mechanism, agreement });
    await services.exchanges.openPaths(as('mediator'), { mechanism, agreement });
    for (const [who, from, to] of [
      ['verifier', 'acknowledged', 'identity_verified'],
      ['mediator', 'identity_verified', 'category_confirmed'],
      ['verifier', 'category_confirmed', 'fit_to_travel'],
      ['verifier', 'fit_to_travel', 'wish_verified'],
      ['mediator', 'wish_verified', 'approved'],
    ] as const) {
      const persons = await services.exchanges.persons(as('mediator'), {
        mechanism,
        agreement,
        state: from,
      });
      await services.exchanges.move(as(who), {
        mechanism,
        moves: persons.map((p) => ({ personId: p.id, to })),
      });
    }
    stageId = (
      await services.exchanges.proposeStage(as('mediator'), {
        mechanism,
        agreement,
        place: 'Belarus–Ukraine border',
        date: '2025-06-09',
        size: 2,
      })
    ).stageId;
    await services.exchanges.approveStage(as('mediator'), { mechanism, stageId });
    const stage = await services.exchanges.stage(as('mediator'), { mechanism, stageId });
    inStage = stage.persons.filter((p) => p.party_code === 'UA').map((p) => p.record_id);
    expect(inStage).toHaveLength(2);
  });

  it('keeps a version that leaves the stage persons as they were', async () => {
    const outside = uaHeld.findIndex((r) => !inStage.includes(r.record_id!));
    const changed = uaHeld.map((r, i) => (i === outside ? { ...r, unit: 'another unit' } : r));
    const { version } = await importUaHeld(changed);
    expect(version.number).toBe(2);
  });

  it('refuses a version that changes one stage person and removes another, naming both', async () => {
    const [changedId, removedId] = inStage as [string, string];
    const next = uaHeld
      .filter((r) => r.record_id !== removedId)
      .map((r) => (r.record_id === changedId ? { ...r, surname: 'Переписаний' } : r));
    const error = await refusal(importUaHeld(next));
    expect(error.code).toBe('EXCHANGE.LIST_CHANGE_IN_STAGE');
    expect(error.message).toMatch(/stage 1 \(approved\)/);
    expect(error.message).toContain(`(${changedId}) changed: surname`);
    expect(error.message).toContain(`(${removedId}) removed`);
    const lineOf = (id: string) => uaHeld.findIndex((r) => r.record_id === id) + 2;
    expect(error.details).toMatchObject({
      stages: [
        {
          number: 1,
          lines: expect.arrayContaining([
            {
              recordId: changedId,
              line: lineOf(changedId),
              newLine: expect.any(Number) as unknown,
              columns: ['surname'],
            },
            { recordId: removedId, line: lineOf(removedId), newLine: null, columns: [] },
          ]) as unknown,
        },
      ],
    });
    // Nothing of the refused version was kept.
    const versions = await services.registry.versions(as('ua'), {
      mechanism,
      party: 'UA',
      kind: 'held',
    });
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
  });

  it('keeps it once the mediator allows it for the stage, audits both, and allows it once only', async () => {
    const [changedId] = inStage as [string];
    const next = uaHeld.map((r) =>
      r.record_id === changedId ? { ...r, surname: 'Переписаний' } : r,
    );
    await expect(
      services.exchanges.allowListChange(as('ua'), { mechanism, stageId, reason: 'typo' }),
    ).rejects.toThrow();
    await services.exchanges.allowListChange(as('mediator'), {
      mechanism,
      stageId,
      reason: 'the surname was misspelt on the held list',
    });
    const { version } = await importUaHeld(next);
    const entries = [];
    for await (const entry of services.audit.entries({ mechanismId: mechanism }))
      entries.push(entry);
    const override = entries.find((e) => e.action === 'exchange.stage.list_override');
    expect(override?.reason).toBe('the surname was misspelt on the held list');
    const imported = entries.find(
      (e) => e.action === 'list.import' && e.objectIds.includes(version.id),
    );
    expect(imported?.details).toMatchObject({
      stageOverrides: [{ number: 1, lines: [{ recordId: changedId, columns: ['surname'] }] }],
    });
    const again = next.map((r) => (r.record_id === changedId ? { ...r, surname: 'Ще раз' } : r));
    expect((await refusal(importUaHeld(again))).code).toBe('EXCHANGE.LIST_CHANGE_IN_STAGE');
  });

  it("shows a person's file to each role as far as the role may read it, and audits the reads", async () => {
    const stage = await services.exchanges.stage(as('mediator'), { mechanism, stageId });
    // The person whose line no version changed.
    const person = stage.persons.find((p) => p.party_code === 'UA' && p.record_id === inStage[1])!;
    const record = uaHeld.find((r) => r.record_id === person.record_id)!;

    const seenByMediator = await services.exchanges.personFile(as('mediator'), {
      mechanism,
      personId: person.id,
    });
    expect(seenByMediator.person.name).toContain(record.surname);
    expect(seenByMediator.stage).toMatchObject({ number: 1, status: 'approved' });
    expect(seenByMediator.held?.recordId).toBe(person.record_id);
    expect(seenByMediator.eligibility).toMatchObject({ outcome: 'eligible' });
    expect(seenByMediator.eligibility?.clause).toMatch(/Istanbul, 2 June 2025/);
    expect(seenByMediator.match?.outcome).toBe('acknowledged');
    expect(seenByMediator.match?.pair?.contributions.length).toBeGreaterThan(0);
    expect(seenByMediator.path.map((t) => t.to)).toEqual([
      'identity_verified',
      'category_confirmed',
      'fit_to_travel',
      'wish_verified',
      'approved',
      'assigned',
    ]);
    expect(seenByMediator.path[0]?.actor).toBe(as('verifier').id);

    // The holding party reads its own line and eligibility, not the match nor the interview.
    const seenByUa = await services.exchanges.personFile(as('ua'), {
      mechanism,
      personId: person.id,
    });
    expect(seenByUa.person.name).toBe(seenByMediator.person.name);
    expect(seenByUa.match).toBeNull();
    expect(seenByUa.path.map((t) => t.to)).not.toContain('wish_verified');
    expect(seenByUa.path.map((t) => t.to)).toContain('cleared');

    // The other party sees the person on the path, not the line of a list it may not read.
    const seenByRu = await services.exchanges.personFile(as('ru'), {
      mechanism,
      personId: person.id,
    });
    expect(seenByRu.held).toBeNull();
    expect(seenByRu.person.name).toBeNull();
    expect(seenByRu.eligibility).toBeNull();

    const entries = [];
    for await (const entry of services.audit.entries({ mechanismId: mechanism }))
      entries.push(entry);
    const fileReads = entries.filter(
      (e) => e.action === 'exchange.read' && e.objectIds.includes(person.id),
    );
    expect(fileReads.map((e) => e.actor)).toEqual([as('mediator').id, as('ua').id, as('ru').id]);
    await expect(
      services.exchanges.personFile(as('mediator'), {
        mechanism,
        personId: '00000000-0000-4000-8000-000000000000',
      }),
    ).rejects.toThrow(/no person/);
  });

  it('hands the stage over with real times, issues its receipts at once, and confirms them after one signature by each side', async () => {
    const persons = (await services.exchanges.stage(as('mediator'), { mechanism, stageId }))
      .persons;
    for (const party of ['UA', 'RU'] as const) {
      const moved = await services.exchanges.move(as(party.toLowerCase()), {
        mechanism,
        moves: persons
          .filter((p) => p.party_code === party)
          .map((p) => ({ personId: p.id, to: 'in_transit' as const })),
      });
      expect(moved.filter((m) => !m.ok)).toEqual([]);
    }
    // One person is held back at the border: the others are handed over in one request.
    const [heldBack, ...going] = persons;
    const future = await services.exchanges.move(as('verifier'), {
      mechanism,
      moves: [{ personId: going[0]!.id, to: 'handed_over', at: '2999-01-01T00:00:00Z' }],
    });
    expect(future[0]).toMatchObject({ ok: false, problem: /is not a time that has come/ });
    // The stage's status is decided once for the request, not once for each person handed
    // over: a thousand persons made it quadratic (334 s of server time).
    const counter = stageReadCounter();
    const counted = buildTestServices(db().withPlugin(counter));
    const handed = await counted.exchanges.move(as('verifier'), {
      mechanism,
      moves: going.map((p) => ({
        personId: p.id,
        to: 'handed_over' as const,
        at: '2025-06-09T10:30:00+03:00',
        place: 'Checkpoint Senkivka',
      })),
    });
    expect(handed.every((m) => m.ok)).toBe(true);
    expect(going.length).toBeGreaterThan(1);
    expect(counter.reads).toBe(1);

    const issued = await services.exchanges.issueStageReceipts(as('verifier'), {
      mechanism,
      stageId,
    });
    expect(issued.map((r) => r.ok)).toEqual(going.map(() => true));
    expect(issued.map((r) => r.personId)).not.toContain(heldBack!.id);
    await expect(
      services.exchanges.issueStageReceipts(as('ua'), { mechanism, stageId }),
    ).rejects.toThrow(/neutral verifier/);
    const receipt = await services.exchanges.manifestFile(as('verifier'), {
      mechanism,
      manifestId: issued[0]!.ok ? issued[0]!.receiptId : '',
    });
    expect(receipt.document).toMatchObject({
      handedOverAt: '2025-06-09T07:30:00.000Z',
      handoverPlace: 'Checkpoint Senkivka',
    });

    const batch = await services.exchanges.receiptBatch(as('verifier'), { mechanism, stageId });
    expect(batch).toMatchObject({ receipts: going.length, isNew: true });
    expect(await services.exchanges.receiptBatch(as('ua'), { mechanism, stageId })).toMatchObject({
      batchId: batch.batchId,
      isNew: false,
    });
    // Before the batch is signed, no receipt can be confirmed.
    const early = await services.exchanges.move(as('ua'), {
      mechanism,
      moves: going
        .filter((p) => p.receiving_party === 'UA')
        .map((p) => ({ personId: p.id, to: 'receipt_confirmed' as const })),
    });
    expect(early.every((m) => !m.ok)).toBe(true);

    for (const [name, role, party] of [
      ['verifier', 'neutral_verifier', null],
      ['ua', 'party_officer', 'UA'],
      ['ru', 'party_officer', 'RU'],
    ] as const) {
      const pair = generateKeyPairSync('ed25519');
      const { keyId } = await services.signingKeys.registerKey(as(name), {
        mechanism,
        userId: as(name).userId!,
        publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      });
      await services.exchanges.signManifest(as(name), {
        mechanism,
        manifestId: batch.batchId,
        keyId,
        signature: sign(
          null,
          signingMessage('parley-receipt-batch/1', batch.hash),
          pair.privateKey,
        ).toString('base64'),
        role,
        ...(party ? { party } : {}),
      });
    }
    const file = await services.exchanges.manifestFile(as('ru'), {
      mechanism,
      manifestId: batch.batchId,
    });
    const copy = JSON.parse(JSON.stringify(file)) as typeof file;
    expect(verifySignedDocument(copy)).toMatchObject({ ok: true, problems: [] });
    const names = (copy.document as { receipts: Array<{ hash: string }> }).receipts.map(
      (r) => r.hash,
    );
    expect(names).toContain(receipt.hash);
    // The batch printed (before, a batch had no PDF): every signer's signature, and its name.
    const printed = await services.exchanges.manifestPdf(as('ru'), {
      mechanism,
      manifestId: batch.batchId,
    });
    expect(printed.fileName.ascii).toMatch(/^receipts-.*-stage-\d+-2025-06-09\.pdf$/);
    const text = pdfTexts(printed.pdf).join('\n');
    expect(text).toContain(receipt.hash);
    expect(text).toContain('The file verified when this copy was printed.');

    const receipts = await services.receipts.ofStage(as('ua'), { mechanism, stageId });
    expect(receipts.filter((r) => r.receipt).every((r) => r.receipt!.missing.length === 0)).toBe(
      true,
    );
    for (const party of ['UA', 'RU'] as const) {
      const confirmed = await services.exchanges.move(as(party.toLowerCase()), {
        mechanism,
        moves: going
          .filter((p) => p.receiving_party === party)
          .map((p) => ({ personId: p.id, to: 'receipt_confirmed' as const })),
      });
      expect(confirmed.filter((m) => !m.ok)).toEqual([]);
    }
  });
});
