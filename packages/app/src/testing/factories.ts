import { randomUUID } from 'node:crypto';
import type { Database } from '../platform/db/kysely.ts';
import { createMechanismsService, type Mechanism } from '../modules/mechanisms/index.ts';
import {
  createRegistryService,
  type ListEncoding,
  type ListFileInput,
} from '../modules/registry/index.ts';
import { SYSTEM_ACTOR } from '../platform/actor.ts';

/** The services over one database, as main.ts wires them. */
export function buildServices(db: Database) {
  const mechanisms = createMechanismsService({ db });
  const registry = createRegistryService({ db, mechanisms });
  return { mechanisms, registry };
}

/** A new mechanism of its own for one test, UA and RU with TR mediating unless told otherwise. */
export function buildMechanism(
  db: Database,
  overrides: { name?: string; parties?: string[]; mediators?: string[] } = {},
): Promise<Mechanism> {
  return createMechanismsService({ db }).create(SYSTEM_ACTOR, {
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
