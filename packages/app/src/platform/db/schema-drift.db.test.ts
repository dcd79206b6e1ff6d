import fs from 'node:fs';
import { sql } from 'kysely';
import ts from 'typescript';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../testing/test-database.ts';

/**
 * schema.ts types the database for Kysely by hand, narrower than a generator could (a status as
 * its union of values, a JSON column as its shape). This holds it to the migrated database: the
 * same tables, the same columns, and a column nullable in one exactly when it is in the other
 * (but for generated columns, which PostgreSQL reports as nullable whatever their expression).
 */

const SCHEMA = new URL('./schema.ts', import.meta.url);
/** Kysely's own bookkeeping of migrations, which the application never reads. */
const KYSELY_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);
/** Kysely's column wrappers, whose first type argument is what a select returns. */
const WRAPPERS = new Set(['ColumnType', 'JSONColumnType', 'Generated', 'GeneratedAlways']);

/** Each table of `interface DB` with its columns, and whether a select may give null. */
function typedTables(): Map<string, Map<string, boolean>> {
  const file = ts.createSourceFile(
    'schema.ts',
    fs.readFileSync(SCHEMA, 'utf8'),
    ts.ScriptTarget.Latest,
  );
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const aliases = new Map<string, ts.TypeNode>();
  for (const statement of file.statements) {
    if (ts.isInterfaceDeclaration(statement)) interfaces.set(statement.name.text, statement);
    if (ts.isTypeAliasDeclaration(statement)) aliases.set(statement.name.text, statement.type);
  }
  const selected = (type: ts.TypeNode): ts.TypeNode => {
    if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
      const name = type.typeName.text;
      if (WRAPPERS.has(name) && type.typeArguments?.[0]) return selected(type.typeArguments[0]);
      const alias = aliases.get(name);
      if (alias) return selected(alias);
    }
    return type;
  };
  const isNullable = (type: ts.TypeNode): boolean => {
    const select = selected(type);
    return (
      ts.isUnionTypeNode(select) &&
      select.types.some(
        (member) =>
          ts.isLiteralTypeNode(member) && member.literal.kind === ts.SyntaxKind.NullKeyword,
      )
    );
  };
  const tables = new Map<string, Map<string, boolean>>();
  for (const member of interfaces.get('DB')!.members) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeReferenceNode(member.type))
      continue;
    const table = interfaces.get(member.type.typeName.getText(file))!;
    const columns = new Map<string, boolean>();
    for (const column of table.members)
      if (ts.isPropertySignature(column) && column.type)
        columns.set(column.name.getText(file), isNullable(column.type));
    tables.set(member.name.getText(file), columns);
  }
  return tables;
}

describeEachDatabase('the typed schema', (db) => {
  it('names every table and column of the migrated database, nullable alike', async () => {
    const typed = typedTables();
    const { rows } = await sql<{
      table_name: string;
      column_name: string;
      is_nullable: string;
      is_generated: string;
    }>`
      select table_name, column_name, is_nullable, is_generated from information_schema.columns
      where table_schema = current_schema()
        and table_name in (select table_name from information_schema.tables
                           where table_schema = current_schema() and table_type = 'BASE TABLE')`.execute(
      db(),
    );
    const migrated = new Map<string, Map<string, boolean>>();
    for (const row of rows) {
      if (KYSELY_TABLES.has(row.table_name)) continue;
      const columns = migrated.get(row.table_name) ?? new Map<string, boolean>();
      // A generated column's expression decides: schema.ts says what it gives.
      const typedNullable = typed.get(row.table_name)?.get(row.column_name);
      const nullable =
        row.is_generated === 'ALWAYS' && typedNullable !== undefined
          ? typedNullable
          : row.is_nullable === 'YES';
      columns.set(row.column_name, nullable);
      migrated.set(row.table_name, columns);
    }
    const sorted = (tables: Map<string, Map<string, boolean>>) =>
      Object.fromEntries(
        [...tables]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([table, columns]) => [
            table,
            Object.fromEntries(
              [...columns]
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([column, nullable]) => [column, nullable ? 'nullable' : 'not null']),
            ),
          ]),
      );
    expect(sorted(typed)).toEqual(sorted(migrated));
  });
});
