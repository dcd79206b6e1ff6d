import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../../services.ts';
import { buildFile, buildMechanism, csvOf } from '../../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../../testing/http.ts';
import { describeEachDatabase } from '../../../testing/test-database.ts';
import { SYSTEM_ACTOR } from '../../access/index.ts';

interface Issued {
  id: string;
  code: string;
  expiresAt: string;
}

const SOUGHT = {
  surname: 'Коваленко',
  givenName: 'Олексій',
  patronymic: 'Петрович',
  dateOfBirth: '12.03.1994',
  unit: '72 ОМБр',
};
const INQUIRER = { name: 'Коваленко Марія', relation: 'mother', contact: '+380 50 123 45 67' };

describeEachDatabase("a family's status page", (db, _kind, opened) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanism: string;
  let base: string;
  let inquiryId: string;
  const as = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanism = (await buildMechanism(db())).id;
    base = `/api/v1/mechanisms/${mechanism}/inquiries`;
    for (const party of ['UA', 'RU'])
      as.set(party, await tokenFor(services, { mechanism, role: 'party_officer', party }));
    as.set('mediator', await tokenFor(services, { mechanism, role: 'mediator' }));
    const registered = await app.inject({
      method: 'POST',
      url: base,
      headers: as.get('UA')!,
      payload: {
        channel: 'phone',
        receivedOn: '2025-05-20',
        inquirer: { ...INQUIRER, language: 'ru' },
        sought: SOUGHT,
        consent: { tracing: true, sharing: { mediator: true, icrc: true, otherParty: false } },
      },
    });
    inquiryId = registered.json<{ id: string }>().id;
  });

  const issue = (who: string, payload: object = {}) =>
    app.inject({
      method: 'POST',
      url: `${base}/${inquiryId}/family-codes`,
      headers: as.get(who)!,
      payload,
    });
  // The family: no credentials at all.
  const view = (code: string) =>
    app.inject({ method: 'POST', url: '/api/v1/family/status', payload: { code } });
  const familyReads = () =>
    opened().asOwner((owner) =>
      owner
        .selectFrom('audit_entry')
        .select(['actor', 'object_ids'])
        .where('action', '=', 'inquiry.family-status.read')
        .execute(),
    );

  it("issues a code only to the inquiry's own bureau, and keeps only its hash", async () => {
    // The other side does not even learn that the inquiry exists.
    expect((await issue('RU')).statusCode).toBe(404);
    expect((await issue('mediator')).statusCode).toBe(403);
    const issued = await issue('UA', { days: 30 });
    expect(issued.statusCode).toBe(201);
    const { code, id } = issued.json<Issued>();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const stored = await opened().asOwner((owner) =>
      owner.selectFrom('inquiry_family_code').selectAll().where('id', '=', id).execute(),
    );
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ''));
    expect(JSON.stringify(stored)).not.toContain(code);

    const listed = await app.inject({
      url: `${base}/${inquiryId}/family-codes`,
      headers: as.get('UA')!,
    });
    expect(listed.json()).toEqual([expect.objectContaining({ id, views: 0, revokedAt: null })]);
    expect(listed.body).not.toContain(code);
  });

  it('shows the family its one inquiry without sign-in, in its language, with no name in it', async () => {
    const { code } = (await issue('UA')).json<Issued>();
    const page = await view(code.toLowerCase());
    expect(page.statusCode).toBe(200);
    expect(page.json()).toEqual({
      inquiry: 'UA-1',
      receivedOn: '2025-05-20',
      status: 'no_information',
      since: '2025-05-20',
      handedOverOn: null,
      closeReason: null,
      language: 'ru',
    });
    const reads = await familyReads();
    expect(reads.at(-1)?.object_ids).toContain(inquiryId);
    expect(reads.at(-1)?.actor).toMatch(/^family-code:/);
  });

  it("tells nothing of the other side's list until the mediator confirms the match", async () => {
    const { code } = (await issue('UA')).json<Issued>();
    await services.registry.importList(SYSTEM_ACTOR, {
      mechanism,
      party: 'RU',
      kind: 'held',
      acceptInvalid: false,
      file: buildFile(
        'ru-held.csv',
        csvOf([
          ['record_id', 'surname', 'given_name', 'patronymic', 'date_of_birth', 'unit'],
          ['RU-H-1', 'Коваленко', 'Алексей', 'Петрович', '1994-03-12', '72 ОМБр'],
          ['RU-H-2', 'Шевчук', 'Андрей', 'Николаевич', '1988-07-01', '93 ОМБр'],
        ]),
      ),
    });
    await services.inquiryMatching.idle();
    const bureau = await app.inject({ url: `${base}/${inquiryId}`, headers: as.get('UA')! });
    const { status, matches } = bureau.json<{ status: string; matches: Array<{ id: string }> }>();
    expect(status).toBe('acknowledged');

    const before = await view(code);
    expect(before.json()).toMatchObject({ status: 'no_information', since: '2025-05-20' });

    const confirmed = await app.inject({
      method: 'POST',
      url: `${base}/matches/${matches[0]!.id}/decision`,
      headers: as.get('mediator')!,
      payload: { decision: 'confirmed' },
    });
    expect(confirmed.statusCode).toBe(200);
    const after = await view(code);
    expect(after.json()).toMatchObject({ inquiry: 'UA-1', status: 'acknowledged' });
    for (const secret of ['RU-H-1', 'Алексей', 'Коваленко', 'Марія', '+380', 'Шевчук'])
      expect(after.body).not.toContain(secret);
  });

  it('no longer opens with a revoked or an expired code, and says only that the code does not open', async () => {
    const revoked = (await issue('UA')).json<Issued>();
    expect((await view(revoked.code)).statusCode).toBe(200);
    const revoking = await app.inject({
      method: 'POST',
      url: `${base}/family-codes/${revoked.id}/revoke`,
      headers: as.get('UA')!,
    });
    const revokedCode = revoking.json<{ id: string; revokedAt: string | null }>();
    expect(revokedCode.id).toBe(revoked.id);
    expect(revokedCode.revokedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const refused = await view(revoked.code);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ error: { code: 'INQUIRY.FAMILY_CODE_NOT_VALID' } });

    const expired = (await issue('UA', { days: 1 })).json<Issued>();
    await opened().asOwner((owner) =>
      owner
        .updateTable('inquiry_family_code')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id', '=', expired.id)
        .execute(),
    );
    const late = await view(expired.code);
    // The same answer as for a revoked code: the family learns nothing of why.
    expect([late.statusCode, late.json<{ error: object }>().error]).toEqual([
      404,
      expect.objectContaining({
        code: 'INQUIRY.FAMILY_CODE_NOT_VALID',
        message: refused.json<{ error: { message: string } }>().error.message,
      }),
    ]);
    const refusals = await opened().asOwner((owner) =>
      owner
        .selectFrom('audit_entry')
        .select('details')
        .where('action', '=', 'inquiry.family-status.refused')
        .execute(),
    );
    expect(refusals.map((r) => (r.details as { why: string }).why)).toEqual(['revoked', 'expired']);
    const unknown = await view('0000-0000-0000-0000');
    expect(unknown.statusCode).toBe(404);
  });

  it("writes the inquirer a letter as PDF for the inquiry's bureau alone, each one audited", async () => {
    const letter = (who: string, query = '') =>
      app.inject({
        url: `${base}/${inquiryId}/letters/status${query}`,
        headers: as.get(who)!,
      });
    expect((await letter('mediator')).statusCode).toBe(403);
    expect((await letter('RU')).statusCode).toBe(404);
    const sent = await letter('UA', '?language=uk');
    expect(sent.statusCode).toBe(200);
    expect(sent.headers['content-type']).toBe('application/pdf');
    expect(sent.headers['content-disposition']).toBe('attachment; filename="UA-1-status-uk.pdf"');
    expect(sent.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const logged = await opened().asOwner((owner) =>
      owner
        .selectFrom('audit_entry')
        .select(['object_ids', 'details'])
        .where('action', '=', 'inquiry.letter')
        .execute(),
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]?.object_ids).toEqual([inquiryId]);
    expect(logged[0]?.details).toMatchObject({
      kind: 'status',
      language: 'uk',
      sha256: createHash('sha256').update(sent.rawPayload).digest('hex'),
    });
    // In the inquirer's language (Russian) when none is asked for.
    const received = await app.inject({
      url: `${base}/${inquiryId}/letters/received`,
      headers: as.get('UA')!,
    });
    expect(received.headers['content-disposition']).toContain('UA-1-received-ru.pdf');
  });

  it('limits the attempts a client makes in a minute', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await view('ZZZZ-ZZZZ-ZZZZ-ZZZZ')).statusCode);
    expect(answers).toContain(429);
    expect(answers.at(-1)).toBe(429);
  });
});
