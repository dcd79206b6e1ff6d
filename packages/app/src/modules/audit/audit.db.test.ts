import { PassThrough, Readable } from 'node:stream';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { cliActor, SYSTEM_ACTOR } from '../access/index.ts';
import { ephemeralDeploymentKeys } from '../../platform/crypto/deployment-keys.ts';
import { buildFile, buildMechanism, buildTestServices, csvOf } from '../../testing/factories.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { copiedPage, storedEntries, streamEntries } from './audit.repository.ts';
import {
  canonicalEntry,
  isStoredEntryIntact,
  type AuditEntry,
  type StoredEntry,
} from './domain/audit-entry.ts';
import { copiedCanonicalForms } from './domain/copied-page.ts';
import { auditEvent, createAuditLog, verifyAuditExport } from './index.ts';

const actor = { ...cliActor('alice'), requestId: 'req-1' };
// One deployment key for the suite: a head signed in one test must verify in the next.
const keys = ephemeralDeploymentKeys();

describeEachDatabase('the audit log', (db, kind, opened) => {
  it('records an import and every read of personal data, naming the records read', async () => {
    const { registry, audit } = buildTestServices(db());
    const mechanism = await buildMechanism(db());
    const ref = { mechanism: mechanism.id, party: 'UA', kind: 'sought' as const };
    const { version } = await registry.importList(actor, {
      ...ref,
      acceptInvalid: false,
      file: buildFile(
        'ua.csv',
        csvOf([
          ['record_id', 'surname'],
          ['S-1', 'Бондар'],
          ['S-2', 'Гук'],
        ]),
      ),
    });
    await registry.lines(actor, ref, { offset: 0, limit: 1 });

    const entries = [];
    for await (const entry of audit.entries({ mechanismId: mechanism.id })) entries.push(entry);
    expect(entries.map((e) => [e.action, e.actor, e.objectIds])).toEqual([
      ['mechanism.create', SYSTEM_ACTOR.id, [mechanism.id]],
      ['list.import', 'cli:alice', [version.id]],
      ['list.read', 'cli:alice', [`${version.id}/S-1`]],
    ]);
    expect(entries[1]).toMatchObject({
      requestId: 'req-1',
      details: { party: 'UA', kind: 'sought', lineCount: 2 },
    });
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('streams a log longer than a page in chain order', async () => {
    const { audit } = buildTestServices(db());
    for (let i = 0; i < 7; i++) {
      await audit.record(
        null,
        auditEvent(actor, 'test.page', { mechanismId: null, objectIds: [`p-${i}`] }),
      );
    }
    const seen: string[] = [];
    for await (const entry of streamEntries(db(), { action: 'test.page' }, 3))
      seen.push(entry.objectIds[0] ?? '');
    expect(seen).toEqual(['p-0', 'p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6']);
  });

  it('keeps the canonical text of its JSON fields as written, so that verifying needs no parsing', async () => {
    const { audit } = buildTestServices(db());
    const [written] = await audit.record(
      null,
      auditEvent(actor, 'test.text', {
        mechanismId: null,
        objectIds: ['o-1', 'Шевченко'],
        details: { z: 1, a: [true, null], ключ: 'значення' },
      }),
    );
    const [stored]: Array<StoredEntry | undefined> = await storedEntries(
      db(),
      written!.seq,
      written!.seq,
    );
    expect(stored).toMatchObject({
      objectIdsText: '["o-1","Шевченко"]',
      detailsText: '{"a":[true,null],"z":1,"ключ":"значення"}',
    });
    expect(stored && isStoredEntryIntact(stored)).toBe(true);
  });

  it('verifies text of every kind through the pages as read, on a worker thread as on this one', async () => {
    const audit = createAuditLog({ db: db(), keys, headEvery: 2 });
    const awkward = ['a\u001eb', 'c\u001fd', '"q"\\', 'Шевченко 😀', '\u0001\n\t\u007f', '\u2028'];
    const written: AuditEntry[] = [];
    for (const text of awkward)
      written.push(
        ...(await audit.record(
          null,
          auditEvent({ ...actor, id: `cli:${text}`, requestId: text }, text, {
            mechanismId: null,
            objectIds: [text],
            reason: text,
            details: { [text]: text, nested: [text, { text }] },
          }),
        )),
      );
    const here = await audit.verify([], { workers: 0 });
    expect(here).toMatchObject({ ok: true });
    expect(await audit.verify([], { workers: 1 })).toEqual(here);
    if (kind === 'pglite') {
      // Each entry holds by the canonical form built from its copied bytes, not by the fallback.
      const page = await copiedPage(db(), written[0]!.seq, written.at(-1)!.seq);
      expect(copiedCanonicalForms(page)).toEqual(
        written.map(({ hash: _own, ...content }) => canonicalEntry(content)),
      );
    }
  });

  it('hashes each entry from its fields in the database as in this process: equivalent JSON holds, a changed field or hash is named', async () => {
    const audit = createAuditLog({ db: db(), keys, headEvery: 1_000 });
    const written = [];
    for (const text of ['first', 'Шевченко', 'third'])
      written.push(
        ...(await audit.record(
          null,
          auditEvent(actor, 'test.fields', {
            mechanismId: null,
            objectIds: [`o-${text}`],
            details: { z: text, a: [1, { b: null }] },
          }),
        )),
      );
    const [, middle, last] = written.map((entry) => entry.seq);
    const asOwner = (statement: ReturnType<typeof sql>) =>
      opened().asOwner((owner) =>
        owner.transaction().execute(async (trx) => {
          await sql`alter table audit_entry disable trigger user`.execute(trx);
          await statement.execute(trx);
          await sql`alter table audit_entry enable trigger user`.execute(trx);
        }),
      );
    const bothWays = async () => {
      const inDatabase = await audit.verify([], { hashIn: 'database' });
      expect(await audit.verify([], { hashIn: 'process' })).toEqual(inDatabase);
      return inDatabase;
    };
    expect(await bothWays()).toMatchObject({ ok: true, lastHash: written.at(-1)?.hash });

    // The same JSON, written otherwise (order, spacing): not the text hashed, but what it says.
    await asOwner(
      sql`update audit_entry set details = '{ "a": [1, {"b": null}], "z": "Шевченко" }' where seq = ${middle}`,
    );
    expect(await bothWays()).toMatchObject({ ok: true });

    await asOwner(sql`update audit_entry set actor = 'cli:mallory' where seq = ${middle}`);
    expect(await bothWays()).toMatchObject({
      ok: false,
      seq: middle,
      problem: `entry ${middle} (test.fields by cli:mallory) was changed after it was written`,
    });
    await asOwner(sql`update audit_entry set actor = ${actor.id} where seq = ${middle}`);
    expect(await bothWays()).toMatchObject({ ok: true });

    // A hash replaced by the hash of a forged entry is not the hash of what the row says.
    await asOwner(sql`update audit_entry set hash = repeat('a', 64) where seq = ${last}`);
    expect(await bothWays()).toMatchObject({
      ok: false,
      seq: last,
      problem: `entry ${last} (test.fields by cli:alice) was changed after it was written`,
    });
    // The log is the suite's: put it back as written for the tests after this one.
    await asOwner(sql`update audit_entry set hash = ${written.at(-1)?.hash} where seq = ${last}`);
    expect(await bothWays()).toMatchObject({ ok: true });
  });

  it('refuses to change or delete an entry', async () => {
    const { audit } = buildTestServices(db());
    await audit.record(
      null,
      auditEvent(actor, 'test.event', { mechanismId: null, objectIds: ['x'] }),
    );
    // The application's role has no such grant, and even the schema's owner meets the trigger.
    const update = sql`update audit_entry set actor = 'mallory'`;
    const remove = sql`delete from audit_entry`;
    await expect(update.execute(db())).rejects.toThrow(/permission denied/);
    await expect(remove.execute(db())).rejects.toThrow(/permission denied/);
    await opened().asOwner(async (owner) => {
      await expect(update.execute(owner)).rejects.toThrow(/append-only/);
      await expect(remove.execute(owner)).rejects.toThrow(/append-only/);
    });
  });

  it('names the first entry changed behind its back, and a forged checkpoint', async () => {
    const audit = createAuditLog({ db: db(), keys, headEvery: 3 });
    for (let i = 0; i < 7; i++) {
      await audit.record(
        null,
        auditEvent(actor, 'test.event', { mechanismId: null, objectIds: [`o-${i}`] }),
      );
    }
    const before = await audit.verify();
    // Seven entries in a row hold at least two multiples of three, whatever came before them.
    expect(before).toMatchObject({ ok: true });
    expect(before.heads).toBeGreaterThanOrEqual(2);
    const { rows } = await sql<{
      seq: number;
    }>`select max(seq)::int as seq from audit_entry`.execute(db());
    const target = Number(rows[0]?.seq) - 2;

    // What a thief with the database would do: switch the triggers off and edit a row.
    await opened().asOwner((owner) =>
      owner.transaction().execute(async (trx) => {
        await sql`alter table audit_entry disable trigger user`.execute(trx);
        await sql`update audit_entry set object_ids = '["forged"]' where seq = ${target}`.execute(
          trx,
        );
        await sql`alter table audit_entry enable trigger user`.execute(trx);
      }),
    );
    expect(await audit.verify()).toMatchObject({
      ok: false,
      seq: target,
      problem: `entry ${target} (test.event by cli:alice) was changed after it was written`,
    });

    const otherKeys = createAuditLog({ db: db(), keys: ephemeralDeploymentKeys() });
    expect(await otherKeys.verify()).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/invalid signature|changed after/) as unknown,
    });
  });
});

describeEachDatabase('an audit export', (db) => {
  it('verifies offline with the keys it carries, and names a tampered line', async () => {
    const { audit } = buildTestServices(db());
    for (let i = 0; i < 5; i++) {
      await audit.record(
        null,
        auditEvent(actor, 'test.event', { mechanismId: null, objectIds: [`o-${i}`] }),
      );
    }
    await audit.signHead();
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const counts = await audit.exportTo(out);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(counts.entries).toBeGreaterThanOrEqual(5);

    expect(await verifyAuditExport(() => Readable.from([text]), 'audit.ndjson')).toMatchObject({
      ok: true,
      entries: counts.entries,
      heads: counts.heads,
    });

    const tampered = text.replace('"o-3"', '"o-9"');
    expect(await verifyAuditExport(() => Readable.from([tampered]), 'audit.ndjson')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('was changed after it was written') as unknown,
    });
    const truncated = text
      .split('\n')
      .filter((line) => !line.includes('"o-4"'))
      .join('\n');
    expect(await verifyAuditExport(() => Readable.from([truncated]), 'audit.ndjson')).toMatchObject(
      { ok: false },
    );
  });
});
