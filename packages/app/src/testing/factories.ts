import { randomUUID } from 'node:crypto';
import type { Database } from '../platform/db/kysely.ts';
import type { Mechanism } from '../modules/mechanisms/index.ts';
import type { ListEncoding, ListFileInput } from '../modules/registry/index.ts';
import {
  ephemeralDeploymentKeys,
  type DeploymentKeys,
} from '../platform/crypto/deployment-keys.ts';
import { buildServices, type Services } from '../services.ts';
import { SYSTEM_ACTOR } from '../modules/access/index.ts';

/** The services over one database, as the server wires them, with a signing key of their own. */
export function buildTestServices(
  db: Database,
  keys: DeploymentKeys = ephemeralDeploymentKeys(),
): Services {
  return buildServices({ db, keys });
}

/** A new mechanism of its own for one test, UA and RU with TR mediating unless told otherwise. */
export function buildMechanism(
  db: Database,
  overrides: { name?: string; parties?: string[]; mediators?: string[] } = {},
): Promise<Mechanism> {
  return buildTestServices(db).mechanisms.create(SYSTEM_ACTOR, {
    name: overrides.name ?? `test ${randomUUID()}`,
    parties: overrides.parties ?? ['UA', 'RU'],
    mediators: overrides.mediators ?? ['TR'],
  });
}

/** A list file in memory, handed over in small chunks as a network upload would be. */
export function buildFile(
  name: string,
  content: string | Uint8Array,
  options: { encoding?: ListEncoding; maxBytes?: number; chunkSize?: number } = {},
): ListFileInput {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const chunkSize = options.chunkSize ?? 7;
  return {
    name,
    encoding: options.encoding ?? 'utf-8',
    maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
    content: (async function* () {
      for (let start = 0; start < bytes.length; start += chunkSize) {
        yield bytes.subarray(start, start + chunkSize);
        await Promise.resolve();
      }
    })(),
  };
}

/** A CSV text from rows of cells, quoting what needs it. */
export function csvOf(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const quote = (cell: string) => (/[",\n\r;]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((row) => row.map(quote).join(',')).join('\n') + '\n';
}
