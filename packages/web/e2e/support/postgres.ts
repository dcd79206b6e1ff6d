import { adminQuery, withDatabase } from '../../../app/src/testing/postgres-admin.ts';

/**
 * The PostgreSQL server of the run, where it has one (CI sets PARLEY_TEST_DATABASE_URL, as for
 * the database tests): the suites' servers then serve from a database of their own on it, as a
 * deployment does. Without it they serve from the embedded database, as `npm start` does.
 */
export const POSTGRES_URL = process.env.PARLEY_TEST_DATABASE_URL || null;

function server(): string {
  if (!POSTGRES_URL) throw new Error('PARLEY_TEST_DATABASE_URL is not set');
  return POSTGRES_URL;
}

/** The URL of a database on the run's server. */
export const databaseUrl = (database: string): string => withDatabase(server(), database);

/** A database name of letters, digits and underscores (a suite's name may hold hyphens). */
export function databaseName(...parts: Array<string | number>): string {
  return parts
    .join('_')
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_');
}

/** Creates `database` afresh, empty or as a copy of `template`. */
export async function createDatabase(database: string, template?: string): Promise<void> {
  await dropDatabase(database);
  await adminQuery(
    server(),
    `create database ${database}${template ? ` template ${template}` : ''}`,
  );
}

export async function dropDatabase(database: string): Promise<void> {
  await adminQuery(server(), `drop database if exists ${database} with (force)`);
}
