import { generateKeyPairSync, sign } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, csvOf } from '../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { seedStage } from '../../testing/exchange-rows.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';
import { pdfQrCodes, pdfTexts } from '../../testing/pdf-text.ts';
import { signingMessage } from './domain/signed-document.ts';

describeEachDatabase('handover receipts of a stage, through the API', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanism: string;
  let stageId: string;
  let personId: string;
  const headers = new Map<string, { authorization: string }>();

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanism = (await buildMechanism(db())).id;
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
      held: { versionId: held.version.id, persons: [{ recordId: 'H-1', state: 'handed_over' }] },
    }));
    personId = personIds.get('H-1')!;
    headers.set('verifier', await tokenFor(services, { mechanism, role: 'neutral_verifier' }));
    headers.set('ua', await tokenFor(services, { mechanism, role: 'party_officer', party: 'UA' }));
    headers.set('observer', await tokenFor(services, { mechanism, role: 'observer' }));
  });

  const receiptsAs = (who: string, stage = stageId) =>
    app.inject({
      url: `/api/v1/mechanisms/${mechanism}/stages/${stage}/receipts`,
      headers: headers.get(who)!,
    });

  it('lists each person of the stage with their receipt, who has signed it and who still must', async () => {
    expect((await receiptsAs('verifier')).json()).toEqual({
      items: [
        {
          personId,
          recordId: 'H-1',
          // The verifier reads the holding party's list: the name as it is written there.
          name: 'Бондар',
          nameLatin: null,
          party: 'RU',
          receivingParty: 'UA',
          state: 'handed_over',
          receipt: null,
        },
      ],
    });
    const issued = await app.inject({
      method: 'POST',
      url: `/api/v1/mechanisms/${mechanism}/persons/${personId}/receipt`,
      headers: headers.get('verifier')!,
    });
    expect(issued.statusCode).toBe(201);
    const { receiptId, hash } = issued.json<{ receiptId: string; hash: string }>();

    const verifier = (await services.access.actorOfToken(
      headers.get('verifier')!.authorization.slice('Bearer '.length),
    ))!;
    const pair = generateKeyPairSync('ed25519');
    const { keyId } = await services.signingKeys.registerKey(verifier, {
      mechanism,
      userId: verifier.userId!,
      publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    await services.exchanges.signManifest(verifier, {
      mechanism,
      manifestId: receiptId,
      keyId,
      role: 'neutral_verifier',
      signature: sign(null, signingMessage('parley-receipt/1', hash), pair.privateKey).toString(
        'base64',
      ),
    });

    // The receiving party's officer sees the receipt, and that it still waits for them.
    const seen = await receiptsAs('ua');
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({
      items: [
        {
          recordId: 'H-1',
          receipt: {
            id: receiptId,
            hash,
            signed: [{ role: 'neutral_verifier', party: null }],
            missing: [{ role: 'party_officer', party: 'UA' }],
          },
        },
      ],
    });

    // Printed, the receipt names the person, its hash with a QR code of it, and who has signed.
    const printed = await app.inject({
      url: `/api/v1/mechanisms/${mechanism}/manifests/${receiptId}/pdf`,
      headers: headers.get('ua')!,
    });
    expect(printed.statusCode).toBe(200);
    expect(printed.headers['content-type']).toBe('application/pdf');
    expect(printed.headers['content-disposition']).toMatch(
      /^attachment; filename="receipt-test-[0-9a-f-]+-stage-1-2025-06-09-H-1\.pdf"/,
    );
    const text = pdfTexts(printed.rawPayload).join('\n');
    expect(text).toContain('Акт передачі / Акт передачи / Handover receipt');
    expect(text).toContain('Бондар');
    expect(text).toContain('RU → UA');
    expect(text).toContain(hash);
    expect(text).toContain(`Signed with key ${keyId}`);
    expect(text).toContain('signed digitally yet');
    expect(text).toMatch(/Page 1 \/ 1 · SHA-256/);
    expect(pdfQrCodes(printed.rawPayload).map((code) => code.text)).toEqual([hash]);
  });

  it('keeps the receipts from roles that do not read the exchange, and names an unknown stage', async () => {
    expect((await receiptsAs('observer')).statusCode).toBe(403);
    const unknown = await receiptsAs('verifier', '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({
      error: { message: 'no stage 00000000-0000-4000-8000-000000000000' },
    });
  });
});
