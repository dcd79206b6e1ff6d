import { generateKeyPairSync, sign } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, csvOf } from '../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { seedStage } from '../../testing/exchange-rows.ts';
import { withScope } from '../../platform/db/scope.ts';
import { SYSTEM_ACTOR, type Actor, type Role } from '../access/index.ts';
import { documentHash, signingMessage } from '../exchanges/domain/signed-document.ts';
import { insertManifest } from '../exchanges/shared/exchange-rows.repository.ts';
import type { InboxItem } from './domain/inbox.ts';

type Who = 'mediator' | 'verifier' | 'ua' | 'ru' | 'observer';
const ROLES: Record<Who, { role: Role; party?: string }> = {
  mediator: { role: 'mediator' },
  verifier: { role: 'neutral_verifier' },
  ua: { role: 'party_officer', party: 'UA' },
  ru: { role: 'party_officer', party: 'RU' },
  observer: { role: 'observer' },
};

/**
 * A stage of an exchange as each role finds it: RU hands three persons to UA (two handed over,
 * one still proposed), the stage's manifest waits for its signers, one receipt is issued; UA has
 * tabled a document whose point RU has answered, and RU one that UA has not.
 */
describeEachDatabase("each role's inbox", (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanism: string;
  let stageId: string;
  let manifestId: string;
  const headers = new Map<Who, { authorization: string }>();
  const actors = new Map<Who, Actor>();
  const keys = new Map<
    Who,
    { keyId: string; privateKey: ReturnType<typeof generateKeyPairSync>['privateKey'] }
  >();
  const persons = new Map<string, string>();

  const inboxOf = async (who: Who) => {
    const answer = await app.inject({ url: '/api/v1/inbox', headers: headers.get(who)! });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json<{ total: number; items: InboxItem[] }>();
  };
  const summary = async (who: Who) =>
    (await inboxOf(who)).items.map(
      (i) =>
        `${i.kind}${i.state ? `:${i.state}` : ''}${i.point ? `:${i.point}` : ''} ${i.count} → ${i.path.replace(/[0-9a-f-]{36}/g, 'ID')}`,
    );
  const signAs = async (
    who: Who,
    documentId: string,
    kind: 'parley-manifest/1' | 'parley-receipt/1' | 'parley-receipt-batch/1',
    hash: string,
  ) => {
    const key = keys.get(who)!;
    const grant = ROLES[who];
    await services.exchanges.signManifest(actors.get(who)!, {
      mechanism,
      manifestId: documentId,
      keyId: key.keyId,
      role: grant.role as 'party_officer' | 'mediator' | 'neutral_verifier',
      ...(grant.party ? { party: grant.party } : {}),
      signature: sign(null, signingMessage(kind, hash), key.privateKey).toString('base64'),
    });
  };

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanism = (await buildMechanism(db())).id;
    for (const [who, grant] of Object.entries(ROLES) as [Who, (typeof ROLES)[Who]][]) {
      const header = await tokenFor(services, { mechanism, ...grant });
      headers.set(who, header);
      actors.set(who, (await services.access.actorOfToken(header.authorization.slice(7)))!);
    }
    for (const who of ['mediator', 'verifier', 'ua', 'ru'] as const) {
      const pair = generateKeyPairSync('ed25519');
      const { keyId } = await services.signingKeys.registerKey(actors.get(who)!, {
        mechanism,
        userId: actors.get(who)!.userId!,
        publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      });
      keys.set(who, { keyId, privateKey: pair.privateKey });
    }
    const held = await services.registry.importList(SYSTEM_ACTOR, {
      mechanism,
      party: 'RU',
      kind: 'held',
      acceptInvalid: false,
      file: buildFile(
        'held.csv',
        csvOf([
          ['record_id', 'surname'],
          ['H-1', 'Бондар'],
          ['H-2', 'Коваль'],
          ['H-3', 'Мельник'],
        ]),
      ),
    });
    const agreement = await services.agreements.create(SYSTEM_ACTOR, mechanism, {
      template: 'istanbul-2025-06-02',
    });
    let personIds: Map<string, string>;
    ({ stageId, personIds } = await seedStage(db(), {
      mechanismId: mechanism,
      agreement,
      number: 4,
      status: 'executing',
      held: {
        versionId: held.version.id,
        persons: [
          { recordId: 'H-1', state: 'handed_over' },
          { recordId: 'H-2', state: 'handed_over' },
          { recordId: 'H-3', state: 'proposed', inStage: false },
        ],
      },
    }));
    for (const [recordId, id] of personIds) persons.set(recordId, id);
    await withScope(db(), { system: 'on' }, async (system) => {
      const document = { format: 'parley-manifest/1', stage: 4 };
      manifestId = await insertManifest(system, {
        mechanismId: mechanism,
        stageId,
        kind: 'parley-manifest/1',
        document: JSON.stringify(document),
        hash: documentHash(document),
        requiredSigners: [
          { role: 'party_officer', party: 'RU' },
          { role: 'party_officer', party: 'UA' },
          { role: 'mediator', party: null },
        ],
        supersedes: null,
        createdBy: 'system',
      });
    });
    await services.exchanges.issueReceipt(actors.get('verifier')!, {
      mechanism,
      personId: persons.get('H-1')!,
    });
    for (const [author, answering] of [
      ['UA', 'RU'],
      ['RU', null],
    ] as const) {
      await services.documents.tableDocument(SYSTEM_ACTOR, {
        mechanism,
        title: `Memorandum of ${author}`,
        author,
        kind: 'memorandum',
        tabledOn: '2025-06-02',
        points: [{ label: '4', kind: 'humanitarian', text: 'All for all' }],
      });
      if (answering) {
        const tabled = await services.documents.document(SYSTEM_ACTOR, {
          mechanism,
          document: `Memorandum of ${author}`,
        });
        await services.documents.recordPosition(SYSTEM_ACTOR, {
          mechanism,
          pointId: tabled.points[0]!.id,
          party: answering,
          stance: 'rejects',
          statedOn: '2025-06-03',
          source: 'round 2',
        });
      }
    }
  });

  it('tells each role what waits for it, with where it is done', async () => {
    expect(await summary('mediator')).toEqual(['manifest.sign 1 → manifests/ID']);
    expect(await summary('verifier')).toEqual([
      'receipts.sign 1 → receipts?stage=ID',
      'receipts.issue 1 → receipts?stage=ID',
    ]);
    // RU tabled a memorandum (its position on point 4 with it), which UA has not answered.
    expect(await summary('ua')).toEqual([
      'manifest.sign 1 → manifests/ID',
      'receipts.sign 1 → receipts?stage=ID',
      'talks.answer:4 1 → talks/documents/ID',
    ]);
    // RU holds H-3, proposed: RU's officer acknowledges it. RU answered UA's point 4 already.
    expect(await summary('ru')).toEqual([
      'manifest.sign 1 → manifests/ID',
      'persons.step:proposed 1 → stages',
    ]);
    expect(await inboxOf('observer')).toEqual({ total: 0, items: [] });
    const ua = await inboxOf('ua');
    expect(ua.total).toBe(3);
    expect(ua.items[1]).toMatchObject({
      mechanismId: mechanism,
      role: 'party_officer',
      party: 'UA',
      stage: { number: 4, date: '2025-06-09' },
      path: `receipts?stage=${stageId}`,
    });
    expect(ua.items[2]).toMatchObject({
      document: 'Memorandum of RU',
      point: '4',
      parties: ['RU'],
    });
  });

  it('follows the signatures: a manifest signed leaves the inbox, a receipt signed by both is to confirm', async () => {
    const manifest = await services.exchanges.manifestFile(SYSTEM_ACTOR, { mechanism, manifestId });
    await signAs('mediator', manifestId, 'parley-manifest/1', manifest.hash);
    expect(await summary('mediator')).toEqual([]);
    expect((await summary('ua'))[0]).toBe('manifest.sign 1 → manifests/ID');

    // The verifier issues the second receipt and signs both in one batch; UA signs the batch.
    await services.exchanges.issueStageReceipts(actors.get('verifier')!, { mechanism, stageId });
    const batch = await services.exchanges.receiptBatch(actors.get('verifier')!, {
      mechanism,
      stageId,
    });
    expect(await summary('ua')).toContain('receipts.sign 2 → receipts?stage=ID');
    await signAs('verifier', batch.batchId, 'parley-receipt-batch/1', batch.hash);
    expect(await summary('verifier')).toEqual([]);
    await signAs('ua', batch.batchId, 'parley-receipt-batch/1', batch.hash);
    expect(await summary('ua')).toEqual([
      'manifest.sign 1 → manifests/ID',
      'receipts.confirm 2 → receipts?stage=ID',
      'talks.answer:4 1 → talks/documents/ID',
    ]);
    // Confirmed, a receipt leaves the inbox.
    await services.exchanges.move(actors.get('ua')!, {
      mechanism,
      moves: [{ personId: persons.get('H-1')!, to: 'receipt_confirmed' }],
    });
    expect(await summary('ua')).toContain('receipts.confirm 1 → receipts?stage=ID');
    // Closing a confirmed receipt is the mediator's step.
    expect(await summary('mediator')).toEqual(['persons.step:receipt_confirmed 1 → stages']);
  });

  it('answers no one who is not signed in', async () => {
    expect((await app.inject({ url: '/api/v1/inbox' })).statusCode).toBe(401);
  });
});
