import { sql, type RawBuilder } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliActor } from '../access/index.ts';
import { ephemeralDeploymentKeys } from '../../platform/crypto/deployment-keys.ts';
import type { OpenDatabase } from '../../platform/db/kysely.ts';
import { openTestDatabase, testDatabaseKinds } from '../../testing/test-database.ts';
import { sealEntry, toStoredEntry } from './domain/audit-entry.ts';
import type { WitnessedHead } from './domain/log-verdict.ts';
import { treeHeadMessage, type TreeHead } from './domain/tree-head.ts';
import { storedEntries } from './audit.repository.ts';
import { auditEvent, createAuditLog } from './index.ts';

const actor = cliActor('alice');
/** A head after every 4 entries: 20 entries give heads at 4, 8, 12, 16 and 20. */
const HEAD_EVERY = 4;
const ENTRIES = 20;

/*
 * What whoever holds the database could do to the log, each tried on its own fresh log, on
 * PGlite and on PostgreSQL: as the schema's owner, with the append-only triggers switched off.
 */
describe.each(testDatabaseKinds())('tampering with the audit log [%s]', (kind) => {
  let opened: OpenDatabase;
  const keys = ephemeralDeploymentKeys();
  const audit = () => createAuditLog({ db: opened.db, keys, headEvery: HEAD_EVERY });

  beforeEach(async () => {
    opened = await openTestDatabase(kind);
    for (let i = 1; i <= ENTRIES; i++)
      await audit().record(
        null,
        auditEvent(actor, 'test.event', { mechanismId: null, objectIds: [`o-${i}`] }),
      );
  });
  afterEach(async () => {
    await opened.close();
  });

  /** Runs statements as the owner with the log's triggers off, as a thief with the database would. */
  const tamper = (...statements: RawBuilder<unknown>[]) =>
    opened.asOwner((owner) =>
      owner.transaction().execute(async (trx) => {
        for (const table of ['audit_entry', 'audit_tree_head', 'audit_tree_node'])
          await sql`alter table ${sql.table(table)} disable trigger user`.execute(trx);
        for (const statement of statements) await statement.execute(trx);
        for (const table of ['audit_entry', 'audit_tree_head', 'audit_tree_node'])
          await sql`alter table ${sql.table(table)} enable trigger user`.execute(trx);
      }),
    );
  const headOf = async (size: number): Promise<TreeHead> => {
    const head = await audit().head(size);
    if (!head) throw new Error(`no head at ${size}`);
    return head;
  };
  const witnessOf = async (size: number): Promise<WitnessedHead> => ({
    head: await headOf(size),
    source: 'witness.json',
  });

  it('holds untouched: every entry, and a head at every fourth', async () => {
    expect(await audit().verify()).toMatchObject({ ok: true, entries: ENTRIES, heads: 5 });
  });

  it('names an entry edited in place', async () => {
    await tamper(sql`update audit_entry set object_ids = '["forged"]' where seq = 6`);
    expect(await audit().verify()).toMatchObject({
      ok: false,
      seq: 6,
      problem: 'entry 6 (test.event by cli:alice) was changed after it was written',
    });
  });

  it('names an entry deleted from the middle', async () => {
    await tamper(sql`delete from audit_entry where seq = 6`);
    expect(await audit().verify()).toMatchObject({
      ok: false,
      seq: 6,
      problem: 'entry 6 is missing (the next is 7)',
    });
  });

  it('names entries put in another order', async () => {
    await tamper(
      sql`update audit_entry set seq = 1000 where seq = 6`,
      sql`update audit_entry set seq = 6 where seq = 7`,
      sql`update audit_entry set seq = 7 where seq = 1000`,
    );
    expect(await audit().verify()).toMatchObject({ ok: false, seq: 6 });
  });

  it('names a tail cut off while its head stayed', async () => {
    await tamper(sql`delete from audit_entry where seq > 17`);
    expect(await audit().verify()).toMatchObject({
      ok: false,
      seq: 18,
      problem: expect.stringMatching(
        /^the log holds 17 entries, but the head of 20 entries .* was cut short after entry 17$/,
      ) as unknown,
    });
  });

  it('names a tail cut off with its heads, to a witness that kept one of them', async () => {
    const seen = await witnessOf(20);
    await tamper(
      sql`delete from audit_entry where seq > 17`,
      sql`delete from audit_tree_head where tree_size > 17`,
    );
    // Alone, the database cannot tell: what is left is a shorter log that holds.
    expect(await audit().verify()).toMatchObject({ ok: true, entries: 17 });
    expect(await audit().verify([seen])).toMatchObject({
      ok: false,
      seq: 18,
      problem: expect.stringMatching(
        /^the log holds 17 entries, but witness.json saw the head of 20 entries/,
      ) as unknown,
    });
  });

  it('names a signed head deleted from the middle', async () => {
    await tamper(sql`delete from audit_tree_head where tree_size = 8`);
    expect(await audit().verify()).toMatchObject({
      ok: false,
      seq: 8,
      problem: expect.stringMatching(
        /^the head of 12 entries .* extends the head of 8 entries, which is missing: a signed head was deleted$/,
      ) as unknown,
    });
  });

  it('names an entry rewritten after the last head, and signs no head over it', async () => {
    await audit().record(
      null,
      auditEvent(actor, 'test.event', { mechanismId: null, objectIds: ['o-21'] }),
    );
    await tamper(sql`update audit_entry set object_ids = '["forged"]' where seq = 21`);
    const problem = 'entry 21 (test.event by cli:alice) was changed after it was written';
    expect(await audit().verify()).toMatchObject({ ok: false, seq: 21, problem });
    await expect(audit().signHead()).rejects.toThrow(problem);
    // Appends go on past the next multiple of four, and still no head vouches for the rewrite.
    for (let i = 22; i <= 25; i++)
      await audit().record(
        null,
        auditEvent(actor, 'test.event', { mechanismId: null, objectIds: [`o-${i}`] }),
      );
    expect((await audit().latestHead())?.treeSize).toBe(20);
    expect(await audit().verify()).toMatchObject({ ok: false, seq: 21, problem });
  });

  it('names the span of a rewrite whose hashes were all recomputed, at the first head it breaks', async () => {
    await rewriteFrom(6);
    expect(await audit().verify()).toMatchObject({
      ok: false,
      seq: 5,
      problem: expect.stringMatching(
        /^the log no longer matches the head of 8 entries .*: an entry from 5 to 8 was rewritten/,
      ) as unknown,
    });
  });

  it('shows a witness a rewrite re-signed with a stolen key, which the database alone cannot', async () => {
    const seen = await witnessOf(12);
    await rewriteFrom(6);
    await resignHeads();
    expect(await audit().verify()).toMatchObject({ ok: true, entries: ENTRIES });
    expect(await audit().verify([seen])).toMatchObject({
      ok: false,
      problem: expect.stringMatching(
        /^witness.json saw the head of 12 entries .* was rewritten after the witness saw it$/,
      ) as unknown,
    });
  });

  it('refuses a head whose signature was forged', async () => {
    await tamper(
      sql`update audit_tree_head set signed_at = '2020-01-01T00:00:00.000Z' where tree_size = 12`,
    );
    expect(await audit().verify()).toMatchObject({
      ok: false,
      seq: 12,
      problem: expect.stringMatching(
        /^the head of 12 entries .* has an invalid signature$/,
      ) as unknown,
    });
  });

  /** Rewrites entry `seq` and every hash after it, as a thief who knows the format would. */
  async function rewriteFrom(seq: number): Promise<void> {
    const entries = await storedEntries(opened.db, 1, ENTRIES);
    let previous = entries[seq - 2]!;
    const statements: RawBuilder<unknown>[] = [];
    for (const stored of entries.slice(seq - 1)) {
      const entry = sealEntry(
        {
          actor: stored.actor,
          mechanismId: stored.mechanismId,
          action: stored.action,
          objectIds:
            stored.seq === seq ? ['forged'] : (JSON.parse(stored.objectIdsText) as string[]),
          reason: stored.reason,
          requestId: stored.requestId,
          details: JSON.parse(stored.detailsText) as Record<string, unknown>,
        },
        new Date(stored.at),
        previous,
      );
      const text = toStoredEntry(entry);
      statements.push(
        sql`update audit_entry set object_ids = ${text.objectIdsText}::json, prev_hash = ${entry.prevHash}, hash = ${entry.hash} where seq = ${entry.seq}`,
      );
      previous = { ...stored, hash: entry.hash };
    }
    await tamper(...statements);
  }

  /** Signs every head again over the rewritten log, with the deployment's own (stolen) key. */
  async function resignHeads(): Promise<void> {
    const old = await audit().heads();
    await tamper(sql`delete from audit_tree_head`, sql`delete from audit_tree_node`);
    const forger = createAuditLog({ db: opened.db, keys, headEvery: 1_000 });
    // One head over everything: the stolen key signs whatever it is given.
    const head = await forger.signHead();
    expect(head?.treeSize).toBe(ENTRIES);
    expect(old.length).toBe(5);
    expect(treeHeadMessage(head!)).toContain(`\n${ENTRIES}\n`);
  }
});
