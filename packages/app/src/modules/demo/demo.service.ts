import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../access/index.ts';
import type { AgreementsService } from '../agreements/index.ts';
import type { MechanismsService, Mechanism } from '../mechanisms/index.ts';
import type { TalksService } from '../talks/index.ts';
import {
  LIST_COLUMNS,
  type ListFileInput,
  type ListVersion,
  type RegistryService,
} from '../registry/index.ts';
import { generateSyntheticLists, type ListRecord } from './domain/synthetic-persons.ts';

export const DEMO_MECHANISM_NAME = 'UA–RU demo (Istanbul 2025)';
/**
 * The demo mechanism's name in Ukrainian and Russian, in the translation memory of its talks: a
 * mechanism's name is words its mediator wrote, and every page header shows it.
 */
const DEMO_MECHANISM_NAME_IN = {
  uk: 'Демонстрація UA–RU (Стамбул, 2025)',
  ru: 'Демонстрация UA–RU (Стамбул, 2025)',
};

export interface DemoOptions {
  seed: number;
  /** Lines of the sought list; the held list has about as many. */
  size: number;
  /**
   * Both directions' lists (each side's sought list and the other's held list), for the story
   * of the exchange under way; otherwise UA's sought list and RU's held list only.
   */
  bothDirections?: boolean;
}

export type DemoResult =
  | { created: false; mechanism: Mechanism }
  | {
      created: true;
      mechanism: Mechanism;
      lists: Array<{ party: string; kind: string; version: ListVersion }>;
    };

/**
 * Loads the demo mechanism (UA and RU, mediated by TR) with seeded synthetic lists, through the
 * same import as real files, and the 2 June 2025 agreement; does nothing if it is already there.
 */
export async function loadDemo(
  services: {
    mechanisms: MechanismsService;
    registry: RegistryService;
    agreements?: AgreementsService;
    talks?: Pick<TalksService, 'translate'>;
  },
  actor: Actor,
  options: DemoOptions,
): Promise<DemoResult> {
  const existing = (await services.mechanisms.list(actor)).find(
    (m) => m.name === DEMO_MECHANISM_NAME,
  );
  if (existing) return { created: false, mechanism: existing };
  const mechanism = await services.mechanisms.create(actor, {
    name: DEMO_MECHANISM_NAME,
    parties: ['UA', 'RU'],
    mediators: ['TR'],
  });
  await services.talks?.translate(actor, {
    mechanism: mechanism.id,
    source: DEMO_MECHANISM_NAME,
    language: 'en',
    translations: DEMO_MECHANISM_NAME_IN,
  });
  const { sought, held } = generateSyntheticLists({ seed: options.seed, size: options.size });
  // The other direction, from other people: RU seeks its servicemen, held by UA.
  const other = options.bothDirections
    ? generateSyntheticLists({ seed: options.seed + 1, size: options.size })
    : { sought: [], held: [] };
  const renamed = (records: readonly ListRecord[], from: string, to: string) =>
    records.map((r): ListRecord => ({ ...r, record_id: (r.record_id ?? '').replace(from, to) }));
  const lists = [];
  for (const [party, kind, records] of [
    ['UA', 'sought', sought],
    ['RU', 'held', held],
    ['RU', 'sought', renamed(other.sought, 'UA-S', 'RU-S')],
    ['UA', 'held', renamed(other.held, 'RU-H', 'UA-H')],
  ] as const) {
    if (records.length === 0) continue;
    const { version } = await services.registry.importList(actor, {
      mechanism: mechanism.id,
      party,
      kind,
      acceptInvalid: true,
      file: recordsAsFile(`demo-${party.toLowerCase()}-${kind}.csv`, records),
    });
    lists.push({ party, kind, version });
  }
  // The agreement the exchanges of June 2025 ran under, so that eligibility has terms to show.
  await services.agreements?.create(actor, mechanism.id, { template: 'istanbul-2025-06-02' });
  return { created: true, mechanism, lists };
}

function recordsAsFile(name: string, records: readonly ListRecord[]): ListFileInput {
  const text = stringify([
    LIST_COLUMNS,
    ...records.map((r) => LIST_COLUMNS.map((c) => r[c] ?? '')),
  ]);
  const bytes = Buffer.from(text, 'utf8');
  return {
    name,
    encoding: 'utf-8',
    maxBytes: bytes.length,
    content: Readable.from([bytes]),
  };
}
