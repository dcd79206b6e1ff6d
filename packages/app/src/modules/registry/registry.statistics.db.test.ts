import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { buildFile, buildMechanism, buildTestServices, csvOf } from '../../testing/factories.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';

// PGlite has no autovacuum, and a PostgreSQL may run without it or reach a new table late: until
// then the planner guesses a version's lines (270 for 100,000) and reads a search through
// every line of the version (issue 17). The import gives it the lines' statistics itself.
describeEachDatabase('the lines of an import, settled', (db, _kind, opened) => {
  it('have their statistics and no pending index entries once the import is committed', async () => {
    const services = buildTestServices(db());
    const mechanism = (await buildMechanism(db())).id;
    // pg_stats hides a table under row-level security; the planner's count of its rows is not hidden.
    const linesPlanned = async () =>
      Number(
        (
          await sql<{ lines: number }>`
            select reltuples as lines from pg_class where oid = 'list_line'::regclass`.execute(db())
        ).rows[0]?.lines,
      );
    expect(await linesPlanned()).toBeLessThan(1);
    await services.registry.importList(SYSTEM_ACTOR, {
      mechanism,
      party: 'UA',
      kind: 'sought',
      acceptInvalid: false,
      file: buildFile(
        'ua.csv',
        csvOf([
          ['record_id', 'surname', 'given_name'],
          ['S-1', 'Шевченко', 'Олександр'],
          ['S-2', 'Коваленко', 'Юлія'],
        ]),
      ),
    });
    expect(await linesPlanned()).toBe(2);
    // A trigram index's pending entries, which every search reads one by one, are merged into it
    // (autovacuum's work, which PGlite never does): cleaning them again finds no page to clean.
    const pendingPages = await opened().asOwner(async (owner) =>
      (
        await sql<{ pages: number }>`
          select gin_clean_pending_list('list_line_search_text'::regclass)
            + gin_clean_pending_list('list_line_name_key'::regclass) as pages`.execute(owner)
      ).rows.map((row) => Number(row.pages)),
    );
    expect(pendingPages).toEqual([0]);
  });
});
