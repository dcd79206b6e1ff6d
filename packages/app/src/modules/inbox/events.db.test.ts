import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Secret, URI } from 'otpauth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, buildTestServices, csvOf } from '../../testing/factories.ts';
import { withDatabase } from '../../testing/postgres-admin.ts';
import { multipartFile, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { seedStage } from '../../testing/exchange-rows.ts';
import {
  inProcessChangeFeed,
  postgresChangeFeed,
  type ChangeFeed,
} from '../../platform/events/change-feed.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';

interface Stream {
  status: number;
  contentType: string | null;
  changes: () => Array<{ mechanism: string; topic: string }>;
  isEnded: () => boolean;
  close: () => void;
}

/** Opens `GET /api/v1/events` on a listening server and collects what it tells. */
async function openStream(base: string, headers: Record<string, string>): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/events`, { headers, signal: controller.signal });
  const events: Array<{ event: string; data: string }> = [];
  let isEnded = false;
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          if (event) events.push({ event, data: /^data: (.*)$/m.exec(block)?.[1] ?? '' });
        }
      }
    } catch {
      // Aborted by the test.
    }
    isEnded = true;
  })();
  await expect.poll(() => events.some((e) => e.event === 'ready')).toBe(true);
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    changes: () =>
      events
        .filter((e) => e.event === 'change')
        .map((e) => JSON.parse(e.data) as { mechanism: string; topic: string }),
    isEnded: () => isEnded,
    close: () => controller.abort(),
  };
}

/**
 * Live updates across instances: a write through one server instance is told, within moments,
 * to the streams of another on the same database (PostgreSQL: LISTEN/NOTIFY; PGlite: one
 * process), to those who may read the topic, and to no one else; a stream ends with its session.
 */
describeEachDatabase('live updates through GET /api/v1/events', (db, kind) => {
  let writer: FastifyInstance;
  let reader: FastifyInstance;
  let services: Services;
  let base: string;
  let mechanism: string;
  let personId: string;
  const feeds: ChangeFeed[] = [];
  const headers = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    services = buildTestServices(db());
    if (kind === 'postgres') {
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db());
      const url = withDatabase(process.env.PARLEY_TEST_DATABASE_URL!, rows[0]!.name);
      feeds.push(await postgresChangeFeed(url), await postgresChangeFeed(url));
    } else {
      const one = inProcessChangeFeed();
      feeds.push(one, one);
    }
    const appOn = (changes: ChangeFeed) =>
      buildApp({ services, maxUploadBytes: 1024 * 1024, changes, events: { recheckMs: 200 } });
    writer = await appOn(feeds[0]!);
    reader = await appOn(feeds[1]!);
    await reader.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(reader.server.address() as AddressInfo).port}`;

    mechanism = (await buildMechanism(db())).id;
    const other = (await buildMechanism(db())).id;
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
    const { personIds } = await seedStage(db(), {
      mechanismId: mechanism,
      agreement,
      held: { versionId: held.version.id, persons: [{ recordId: 'H-1', state: 'handed_over' }] },
    });
    personId = personIds.get('H-1')!;
    const grants = {
      verifier: { mechanism, role: 'neutral_verifier' },
      ua: { mechanism, role: 'party_officer', party: 'UA' },
      ru: { mechanism, role: 'party_officer', party: 'RU' },
      mediator: { mechanism, role: 'mediator' },
      observer: { mechanism, role: 'observer' },
      elsewhere: { mechanism: other, role: 'party_officer', party: 'UA' },
    } as const;
    for (const [who, grant] of Object.entries(grants))
      headers.set(who, await tokenFor(services, grant));
  });

  afterAll(async () => {
    await reader?.close();
    await writer?.close();
    for (const feed of new Set(feeds)) await feed.close();
  });

  it("tells another instance's readers that the exchange changed, and not those who may not read it", async () => {
    const [ua, observer, elsewhere] = await Promise.all(
      ['ua', 'observer', 'elsewhere'].map((who) => openStream(base, headers.get(who)!)),
    );
    expect(ua!.status).toBe(200);
    expect(ua!.contentType).toMatch(/^text\/event-stream/);
    const issued = await writer.inject({
      method: 'POST',
      url: `/api/v1/mechanisms/${mechanism}/persons/${personId}/receipt`,
      headers: headers.get('verifier')!,
    });
    expect(issued.statusCode, issued.body).toBe(201);
    await expect.poll(() => ua!.changes()).toEqual([{ mechanism, topic: 'exchange' }]);
    // Told at the same moment as UA's officer, had they been told at all.
    expect(observer!.changes()).toEqual([]);
    expect(elsewhere!.changes()).toEqual([]);
    for (const s of [ua, observer, elsewhere]) s!.close();
  });

  it("keeps a party's list compartment: UA's new list is told to the mediator, not to RU", async () => {
    const [ru, mediator] = await Promise.all(
      ['ru', 'mediator'].map((who) => openStream(base, headers.get(who)!)),
    );
    const body = multipartFile(
      'ua.csv',
      csvOf([
        ['record_id', 'surname'],
        ['S-1', 'Шевченко'],
      ]),
    );
    const imported = await writer.inject({
      method: 'POST',
      url: `/api/v1/mechanisms/${mechanism}/lists/UA/sought/versions`,
      payload: body.payload,
      headers: { ...body.headers, ...headers.get('ua')! },
    });
    expect(imported.statusCode, imported.body).toBe(201);
    await expect.poll(() => mediator!.changes()).toEqual([{ mechanism, topic: 'lists' }]);
    expect(ru!.changes()).toEqual([]);
    ru!.close();
    mediator!.close();
  });

  it('ends the stream when its token is revoked, and when its session signs out', async () => {
    const header = await tokenFor(services, { mechanism, role: 'mediator' });
    const token = await openStream(base, header);
    const actor = await services.access.actorOfToken(header.authorization.slice('Bearer '.length));
    await services.access.revokeToken(SYSTEM_ACTOR, actor!.id.replace(/^token:/, ''));
    await expect.poll(() => token.isEnded()).toBe(true);

    const username = `live-${process.pid}`;
    const created = await services.access.addUser(SYSTEM_ACTOR, { username });
    await services.access.grant(SYSTEM_ACTOR, { username, mechanism, role: 'mediator' });
    const totp = URI.parse(created.totpUri!);
    const signIn = await reader.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username, password: created.password, totp: totp.generate() },
    });
    const cookie = `parley_session=${signIn.cookies.find((c) => c.name === 'parley_session')!.value}`;
    const csrf = { cookie, 'x-csrf-token': signIn.json<{ csrfToken: string }>().csrfToken };
    const changed = await reader.inject({
      method: 'POST',
      url: '/api/v1/session/password',
      headers: csrf,
      payload: { current: created.password, next: `${new Secret({ size: 16 }).base32}!x` },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    // Signed out through the other instance: this one finds out at its next check.
    const session = await openStream(base, { cookie });
    const out = await writer.inject({ method: 'DELETE', url: '/api/v1/session', headers: csrf });
    expect(out.statusCode).toBe(204);
    await expect.poll(() => session.isEnded()).toBe(true);
    // Without a session, no stream.
    expect((await fetch(`${base}/api/v1/events`, { headers: { cookie } })).status).toBe(401);
  });
});
