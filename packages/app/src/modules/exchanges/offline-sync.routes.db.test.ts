import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, csvOf } from '../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { SYSTEM_ACTOR, type Actor } from '../access/index.ts';
import { generateSyntheticLists, type ListRecord } from '../demo/index.ts';
import { LIST_COLUMNS } from '../registry/index.ts';
import { documentHash, signingMessage } from './index.ts';
import type { HandoverRecord, OfflineAction } from './domain/handover-record.ts';

const asCsv = (records: readonly ListRecord[]) =>
  csvOf([[...LIST_COLUMNS], ...records.map((r) => LIST_COLUMNS.map((c) => r[c] ?? ''))]);

interface Signer {
  name: string;
  header: { authorization: string };
  actor: Actor;
  keyId: string;
  privateKey: KeyObject;
  role: 'neutral_verifier' | 'party_officer';
  party: string | null;
}

interface StagePerson {
  id: string;
  record_id: string;
  state: string;
  receiving_party: string;
}

/**
 * Issue 16, item 3: the handover point's work recorded offline and signed in the browser, synced
 * when the network is back: applied once by each action's client id, conflicts answered, the
 * times of record and of sync in the audit log, and another's stage or key refused.
 */
describeEachDatabase('offline work at the handover point, synced', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanism: string;
  let stageId: string;
  let persons: StagePerson[];
  const signers = new Map<string, Signer>();
  const as = (name: string) => signers.get(name)!;

  /** A record of actions signed as the browser signs it, and the body of its sync. */
  const recordOf = (who: Signer, actions: OfflineAction[], options: { key?: KeyObject } = {}) => {
    const document: HandoverRecord = {
      format: 'parley-handover-record/1',
      mechanism: { id: mechanism },
      stage: { id: stageId, number: 1 },
      manifest: null,
      signer: { user: who.name, role: who.role, party: who.party },
      signedAt: '2025-06-09T12:00:00.000Z',
      actions,
    };
    const hash = documentHash(document);
    const signature = sign(
      null,
      signingMessage('parley-handover-record/1', hash),
      options.key ?? who.privateKey,
    ).toString('base64');
    return { records: [{ document, hash, keyId: who.keyId, signature }] };
  };
  const sync = (who: Signer, body: unknown) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/mechanisms/${mechanism}/stages/${stageId}/offline-sync`,
      headers: who.header,
      payload: body as Record<string, unknown>,
    });
  const action = (
    person: StagePerson,
    kind: OfflineAction['kind'],
    extra: Partial<OfflineAction> = {},
  ): OfflineAction => ({
    clientId: randomUUID(),
    kind,
    personId: person.id,
    recordId: person.record_id,
    expected: person.state,
    recordedAt: '2025-06-09T10:15:00.000Z',
    ...extra,
  });
  const statesNow = async () =>
    new Map(
      (await services.exchanges.stage(as('mediator').actor, { mechanism, stageId })).persons.map(
        (p) => [p.id, p.state],
      ),
    );

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanism = (await buildMechanism(db())).id;
    const uaPeople = generateSyntheticLists({ seed: 41, size: 30 });
    const ruPeople = generateSyntheticLists({ seed: 42, size: 30 });
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
    const other = (await buildMechanism(db())).id;
    for (const [name, role, party, where] of [
      ['mediator', 'mediator', null, mechanism],
      ['verifier', 'neutral_verifier', null, mechanism],
      ['ua', 'party_officer', 'UA', mechanism],
      ['ru', 'party_officer', 'RU', mechanism],
      ['stranger', 'neutral_verifier', null, other],
    ] as const) {
      const header = await tokenFor(services, {
        mechanism: where,
        role,
        ...(party ? { party } : {}),
      });
      const actor = (await services.access.actorOfToken(
        header.authorization.slice('Bearer '.length),
      ))!;
      const pair = generateKeyPairSync('ed25519');
      const { keyId } = await services.signingKeys.registerKey(actor, {
        mechanism: where,
        userId: actor.userId!,
        publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      });
      signers.set(name, {
        name: actor.id.replace(/^user:/, ''),
        header,
        actor,
        keyId,
        privateKey: pair.privateKey,
        role: role === 'mediator' ? 'neutral_verifier' : role,
        party,
      });
    }
    const mediator = as('mediator').actor;
    await services.reconciliation.runNow(mediator, mechanism);
    const agreement = (
      await services.agreements.create(mediator, mechanism, { template: 'istanbul-2025-06-02' })
    ).id;
    await services.eligibility.evaluate(mediator, { mechanism, agreement });
    await services.exchanges.openPaths(mediator, { mechanism, agreement });
    for (const [who, from, to] of [
      ['verifier', 'acknowledged', 'identity_verified'],
      ['mediator', 'identity_verified', 'category_confirmed'],
      ['verifier', 'category_confirmed', 'fit_to_travel'],
      ['verifier', 'fit_to_travel', 'wish_verified'],
      ['mediator', 'wish_verified', 'approved'],
    ] as const) {
      const onPath = await services.exchanges.persons(mediator, {
        mechanism,
        agreement,
        state: from,
      });
      await services.exchanges.move(as(who).actor, {
        mechanism,
        moves: onPath.map((p) => ({ personId: p.id, to })),
      });
    }
    stageId = (
      await services.exchanges.proposeStage(mediator, {
        mechanism,
        agreement,
        place: 'Belarus–Ukraine border',
        date: '2025-06-09',
        size: 3,
      })
    ).stageId;
    await services.exchanges.approveStage(mediator, { mechanism, stageId });
    const stage = await services.exchanges.stage(mediator, { mechanism, stageId });
    for (const party of ['UA', 'RU'] as const)
      await services.exchanges.move(as(party.toLowerCase()).actor, {
        mechanism,
        moves: stage.persons
          .filter((p) => p.party_code === party)
          .map((p) => ({ personId: p.id, to: 'in_transit' as const })),
      });
    persons = (await services.exchanges.stage(mediator, { mechanism, stageId })).persons;
    expect(persons.length).toBeGreaterThanOrEqual(4);
    expect(persons.every((p) => p.state === 'in_transit')).toBe(true);
  });

  it('applies handovers, a refusal and a check recorded offline, each once, with the times of record and of sync in the audit log', async () => {
    const [a, b, c] = persons as [StagePerson, StagePerson, StagePerson];
    const body = recordOf(as('verifier'), [
      action(a, 'handover', {
        at: '2025-06-09T10:05:00.000Z',
        place: 'Checkpoint 3',
        recordedAt: '2025-06-09T10:06:00.000Z',
      }),
      action(b, 'refusal', { reason: 'said at the checkpoint he will not cross' }),
      action(c, 'check', { matches: false, reason: 'scar not on the manifest' }),
    ]);
    const first = await sync(as('verifier'), body);
    expect(first.statusCode).toBe(200);
    const answer = first.json<{
      records: Array<{ isNew: boolean }>;
      results: Array<{ outcome: string; repeat: boolean; recordedAt: string; syncedAt: string }>;
    }>();
    expect(answer.records).toMatchObject([{ isNew: true }]);
    expect(answer.results.map((r) => [r.outcome, r.repeat])).toEqual([
      ['applied', false],
      ['applied', false],
      ['applied', false],
    ]);
    expect(answer.results[0]!.recordedAt).toBe('2025-06-09T10:06:00.000Z');
    let states = await statesNow();
    expect(states.get(a.id)).toBe('handed_over');
    expect(states.get(b.id)).toBe('refuses_return');
    expect(states.get(c.id)).toBe('in_transit');

    // Sent again (the answer was lost on the way): nothing is applied twice.
    const again = await sync(as('verifier'), body);
    expect(again.statusCode).toBe(200);
    const repeated = again.json<typeof answer>();
    expect(repeated.records).toMatchObject([{ isNew: false }]);
    expect(repeated.results.map((r) => [r.outcome, r.repeat])).toEqual([
      ['applied', true],
      ['applied', true],
      ['applied', true],
    ]);
    expect(repeated.results[0]!.syncedAt).toBe(answer.results[0]!.syncedAt);
    states = await statesNow();
    expect(states.get(a.id)).toBe('handed_over');

    const entries = [];
    for await (const entry of services.audit.entries({ mechanismId: mechanism }))
      entries.push(entry);
    const moves = entries.filter(
      (e) => e.action === 'exchange.move' && (e.details as { offline?: string }).offline,
    );
    expect(moves).toHaveLength(2);
    const handover = moves.find((e) => e.objectIds.includes(a.id))!;
    expect(handover.details).toMatchObject({
      to: 'handed_over',
      handedOverAt: '2025-06-09T10:05:00.000Z',
      place: 'Checkpoint 3',
      recordedAt: '2025-06-09T10:06:00.000Z',
      syncedAt: answer.results[0]!.syncedAt,
    });
    const note = entries.find((e) => e.action === 'exchange.offline.note')!;
    expect(note.details).toMatchObject({ kind: 'check', matches: false });
    expect(note.reason).toBe('scar not on the manifest');
    const syncs = entries.filter((e) => e.action === 'exchange.offline.sync');
    expect(syncs.map((e) => (e.details as { applied: number; repeats: number }).applied)).toEqual([
      3, 0,
    ]);
  });

  it('answers as conflicts what no longer fits: a refusal recorded by the other officer, a person not yet handed over, another side, a person gone from the stage', async () => {
    const [a, b, , d] = persons as [StagePerson, StagePerson, StagePerson, StagePerson];
    // The verifier's second device had recorded b handed over before the refusal reached it.
    const late = await sync(as('verifier'), recordOf(as('verifier'), [action(b, 'handover')]));
    expect(late.json()).toMatchObject({
      results: [
        {
          outcome: 'conflict',
          conflict: 'state_changed',
          serverState: 'refuses_return',
          problem: expect.stringContaining('refuses return on the server') as unknown,
        },
      ],
    });
    const officerOf = (p: StagePerson) => as(p.receiving_party.toLowerCase());
    const otherOf = (p: StagePerson) => as(p.receiving_party === 'UA' ? 'ru' : 'ua');
    const answers = await Promise.all([
      sync(
        officerOf(a),
        recordOf(officerOf(a), [action(a, 'received', { expected: 'in_transit' })]),
      ),
      sync(
        officerOf(b),
        recordOf(officerOf(b), [action(b, 'received', { expected: 'in_transit' })]),
      ),
      sync(officerOf(d), recordOf(officerOf(d), [action(d, 'received')])),
      sync(otherOf(a), recordOf(otherOf(a), [action(a, 'received')])),
      sync(
        as('verifier'),
        recordOf(as('verifier'), [{ ...action(a, 'check'), personId: randomUUID() }]),
      ),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const results = answers.map(
      (r) =>
        r.json<{
          results: Array<{ outcome: string; conflict: string | null; serverState: string | null }>;
        }>().results[0],
    );
    expect(results).toMatchObject([
      // Arrived, but the receipt the verifier's sync issued is not yet signed by both.
      {
        outcome: 'conflict',
        conflict: 'receipt_unsigned',
        serverState: 'handed_over',
        problem: expect.stringContaining('still needs the signature') as unknown,
      },
      // A party sees whether the person was cleared, not the interview's result.
      { outcome: 'conflict', conflict: 'state_changed', serverState: 'not_cleared' },
      { outcome: 'conflict', conflict: 'not_handed_over', serverState: 'in_transit' },
      { outcome: 'conflict', conflict: 'not_yours' },
      { outcome: 'conflict', conflict: 'not_in_stage', serverState: null },
    ]);
  });

  it('confirms the receipt of a person received offline once the receipt batch, signed offline by the receiving officer and the verifier, is synced', async () => {
    const [a] = persons as [StagePerson];
    const officer = as(a.receiving_party.toLowerCase());
    // The verifier's sync of a's handover issued a's receipt; the download carries its batch.
    const batch = await app.inject({
      method: 'POST',
      url: `/api/v1/mechanisms/${mechanism}/stages/${stageId}/receipt-batch`,
      headers: officer.header,
    });
    expect(batch.statusCode).toBe(200);
    const { hash } = batch.json<{ hash: string }>();
    const batchSignature = (who: Signer, signedAt: string, key?: KeyObject) => ({
      hash,
      keyId: who.keyId,
      signature: sign(
        null,
        signingMessage('parley-receipt-batch/1', hash),
        key ?? who.privateKey,
      ).toString('base64'),
      role: who.role,
      party: who.party,
      signedAt,
    });
    const forged = await sync(officer, {
      records: [],
      receiptBatches: [
        batchSignature(officer, '2025-06-09T10:20:00.000Z', as('verifier').privateKey),
      ],
    });
    expect(forged.statusCode).toBe(422);
    expect(forged.json()).toMatchObject({ error: { code: 'EXCHANGE.BAD_SIGNATURE' } });

    // The officer signs the batch and records a's arrival again (the first was a conflict).
    const officerSigned = batchSignature(officer, '2025-06-09T10:20:00.000Z');
    const body = {
      ...recordOf(officer, [
        action(a, 'received', { at: '2025-06-09T10:19:00.000Z', expected: 'handed_over' }),
      ]),
      receiptBatches: [officerSigned],
    };
    const early = await sync(officer, body);
    expect(early.statusCode).toBe(200);
    expect(early.json()).toMatchObject({
      batches: [{ outcome: 'applied', signedAt: '2025-06-09T10:20:00.000Z', repeat: false }],
      results: [{ outcome: 'conflict', conflict: 'receipt_unsigned' }],
    });
    const verifier = await sync(as('verifier'), {
      records: [],
      receiptBatches: [batchSignature(as('verifier'), '2025-06-09T10:25:00.000Z')],
    });
    expect(verifier.json()).toMatchObject({ batches: [{ outcome: 'applied' }] });
    // Sent again: the batch signature is a repeat; a new arrival now confirms the receipt.
    const retried = await sync(officer, {
      ...recordOf(officer, [action(a, 'received', { expected: 'handed_over' })]),
      receiptBatches: [officerSigned],
    });
    expect(retried.json()).toMatchObject({
      batches: [{ outcome: 'applied', repeat: true }],
      results: [{ outcome: 'applied', serverState: 'receipt_confirmed' }],
    });
    expect((await statesNow()).get(a.id)).toBe('receipt_confirmed');
    const other = await sync(officer, {
      records: [],
      receiptBatches: [{ ...officerSigned, hash: 'f'.repeat(64) }],
    });
    expect(other.json()).toMatchObject({
      batches: [{ outcome: 'conflict', conflict: 'unknown_batch' }],
    });

    const entries = [];
    for await (const entry of services.audit.entries({ mechanismId: mechanism }))
      entries.push(entry);
    const signed = entries.filter(
      (e) => e.action === 'exchange.manifest.sign' && (e.details as { offline?: boolean }).offline,
    );
    expect(signed.map((e) => (e.details as { signedAt: string }).signedAt)).toEqual([
      '2025-06-09T10:20:00.000Z',
      '2025-06-09T10:25:00.000Z',
    ]);
    const confirmed = entries.find(
      (e) =>
        e.action === 'exchange.move' && (e.details as { to: string }).to === 'receipt_confirmed',
    )!;
    expect(confirmed.details).toMatchObject({ recordedAt: '2025-06-09T10:15:00.000Z' });
  });

  it("refuses another mechanism's stage, another's key, a role not held and a record changed after signing", async () => {
    const [, , c] = persons as [StagePerson, StagePerson, StagePerson];
    const stranger = await sync(as('stranger'), recordOf(as('stranger'), [action(c, 'handover')]));
    expect([403, 404]).toContain(stranger.statusCode);
    // The UA officer signs as the verifier: a role not held.
    const ua = as('ua');
    const posing = await sync(
      ua,
      recordOf({ ...ua, role: 'neutral_verifier', party: null }, [action(c, 'handover')]),
    );
    expect(posing.statusCode).toBe(403);
    expect(posing.json()).toMatchObject({ error: { code: 'ACCESS.FORBIDDEN' } });
    // The verifier's record signed with the UA officer's key under the verifier's key id.
    const forged = await sync(
      as('verifier'),
      recordOf(as('verifier'), [action(c, 'handover')], { key: ua.privateKey }),
    );
    expect(forged.statusCode).toBe(422);
    expect(forged.json()).toMatchObject({ error: { code: 'EXCHANGE.BAD_SIGNATURE' } });
    const body = recordOf(as('verifier'), [action(c, 'handover')]);
    body.records[0]!.document.actions[0]!.place = 'somewhere else';
    const changed = await sync(as('verifier'), body);
    expect(changed.statusCode).toBe(422);
    expect(changed.json<{ error: { message: string } }>().error.message).toMatch(/was changed/);
    expect((await statesNow()).get(c.id)).toBe('in_transit');
  });

  it('shows the records signed offline to those who may see them, verified, the read audited', async () => {
    const get = (who: Signer, url: string) =>
      app.inject({
        method: 'GET',
        url: `/api/v1/mechanisms/${mechanism}${url}`,
        headers: who.header,
      });
    type Listed = { id: string; role: string; party: string | null; conflicts: number };
    const listed = (await get(as('mediator'), `/stages/${stageId}/offline-records`)).json<{
      items: Listed[];
    }>().items;
    expect(new Set(listed.map((r) => r.role))).toEqual(
      new Set(['neutral_verifier', 'party_officer']),
    );
    // A party's officer sees its own party's records, not the verifier's (refusals' words).
    const ua = (await get(as('ua'), `/stages/${stageId}/offline-records`)).json<{
      items: Listed[];
    }>().items;
    expect(ua.length).toBeGreaterThan(0);
    expect(ua.every((r) => r.role === 'party_officer' && r.party === 'UA')).toBe(true);
    const verifiers = listed.find((r) => r.role === 'neutral_verifier' && r.conflicts === 0)!;
    expect((await get(as('ua'), `/offline-records/${verifiers.id}`)).statusCode).toBe(404);

    const read = await get(as('verifier'), `/offline-records/${verifiers.id}`);
    expect(read.statusCode).toBe(200);
    const body = read.json<{
      file: { kind: string; document: HandoverRecord; signatures: Array<{ keyId: string }> };
      actions: Array<{ kind: string; outcome: string; recordedAt: string; syncedAt: string }>;
    }>();
    expect(body.file.kind).toBe('parley-handover-record/1');
    expect(body.file.signatures[0]!.keyId).toBe(as('verifier').keyId);
    expect(body.actions.map((a) => [a.kind, a.outcome])).toEqual(
      body.file.document.actions.map((a) => [a.kind, 'applied']),
    );
    const verified = await get(as('verifier'), `/offline-records/${verifiers.id}/verification`);
    expect(verified.json()).toMatchObject({ ok: true, problems: [] });
    const entries = [];
    for await (const entry of services.audit.entries({ mechanismId: mechanism }))
      entries.push(entry);
    expect(
      entries.some(
        (e) => e.action === 'exchange.offline.read' && e.objectIds.includes(verifiers.id),
      ),
    ).toBe(true);
  });
});
