import {
  dedupeList,
  duplicatesInPrepared,
  linkAgainstPrepared,
  linkAndPrepare,
  personListSettings,
  prepareList,
  prepareListInSteps,
  type LinkRecord,
  type LinkResult,
  type LinkedPair,
  type LinkSettings,
  type PreparedList,
  type TrainedModel,
} from '@parley/engine';
import type { PersonLine } from '@parley/kernel/person-record';
import { toLinkRecord, type RunSettings } from '../../reconciliation/domain/index.ts';

/** One other party's latest held list, as matching reads it. */
export interface HeldList {
  readonly party: string;
  readonly versionId: string;
  readonly lines: readonly PersonLine[];
}

/** A line of a held list the engine found for an inquiry. */
export interface FoundMatch {
  readonly inquiryId: string;
  readonly targetParty: string;
  readonly targetVersionId: string;
  readonly targetRecordId: string;
  readonly probability: number;
  readonly decision: 'match' | 'possible';
}

/** A held list made ready for matching one inquiry at a time, with the model of the last whole run. */
export interface PreparedHeldList {
  readonly party: string;
  readonly versionId: string;
  readonly prepared: PreparedList;
  readonly model: TrainedModel;
}

const foundOf = (list: HeldList, result: LinkResult): FoundMatch[] =>
  result.pairs.map((pair) => ({
    inquiryId: pair.leftId,
    targetParty: list.party,
    targetVersionId: list.versionId,
    targetRecordId: pair.rightId,
    probability: pair.probability,
    decision: pair.decision,
  }));

/**
 * Links inquiries with one held list, with the engine's settings for the run, and gives the held
 * list prepared for matching single inquiries later (linkAndPrepare).
 */
export type LinkInquiries = (
  left: LinkRecord[],
  right: LinkRecord[],
  engine: LinkSettings,
  seed: number,
) => Promise<{ result: LinkResult; prepared: PreparedList }>;

/** Two inquiries found to be about one sought person (sure, or confirmed by the bureau). */
export interface JoinedPair {
  readonly inquiryId: string;
  readonly otherId: string;
}

/**
 * The sought persons behind the inquiries: inquiries joined as about one person, and those alike
 * in every field the engine reads, are one person, named by the first of them; with each
 * person's inquiries.
 */
export function soughtPersonsOf(
  inquiries: readonly PersonLine[],
  joined: readonly JoinedPair[] = [],
): { persons: PersonLine[]; inquiriesOf: Map<string, string[]> } {
  const indexOf = new Map(inquiries.map((inquiry, i) => [inquiry.recordId, i]));
  const parent = inquiries.map((_, i) => i);
  const rootOf = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const join = (a: number, b: number) => {
    const [x, y] = [rootOf(a), rootOf(b)];
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  };
  const alike = new Map<string, number>();
  inquiries.forEach((inquiry, i) => {
    const key = JSON.stringify(toLinkRecord(inquiry).fields);
    const first = alike.get(key);
    if (first === undefined) alike.set(key, i);
    else join(first, i);
  });
  for (const pair of joined) {
    const [a, b] = [indexOf.get(pair.inquiryId), indexOf.get(pair.otherId)];
    if (a !== undefined && b !== undefined) join(a, b);
  }
  const persons: PersonLine[] = [];
  const inquiriesOf = new Map<string, string[]>();
  inquiries.forEach((inquiry, i) => {
    const person = inquiries[rootOf(i)]!;
    const members = inquiriesOf.get(person.recordId);
    if (members) members.push(inquiry.recordId);
    else {
      persons.push(person);
      inquiriesOf.set(person.recordId, [inquiry.recordId]);
    }
  });
  return { persons, inquiriesOf };
}

/**
 * Matches inquiries (as sought lines whose record id is the inquiry's) against each held list
 * with the linkage engine, as reconciliation links a sought list; gives each list prepared for
 * matching a single new inquiry later against the same version (from the linking's own work),
 * with the model just trained.
 * The engine links sought persons, not inquiries: a mother's and a wife's inquiries about one man
 * would otherwise be each other's rivals for his one line, and neither would be sure; what is
 * found for the person is found for each of its inquiries.
 */
export async function matchInquiries(
  inquiries: readonly PersonLine[],
  held: readonly HeldList[],
  settings: RunSettings,
  link: LinkInquiries = (left, right, engine, seed) =>
    linkAndPrepare(left, right, engine, { seed }),
  joined: readonly JoinedPair[] = [],
): Promise<{ found: FoundMatch[]; prepared: PreparedHeldList[] }> {
  const found: FoundMatch[] = [];
  const prepared: PreparedHeldList[] = [];
  const engine = engineSettings(settings);
  const { persons, inquiriesOf } = soughtPersonsOf(inquiries, joined);
  const records = persons.map(toLinkRecord);
  for (const list of held) {
    if (list.lines.length === 0 || records.length === 0) continue;
    const right = list.lines.map(toLinkRecord);
    const linked = await link(records, right, engine, settings.seed);
    for (const match of foundOf(list, linked.result))
      for (const inquiryId of inquiriesOf.get(match.inquiryId) ?? [])
        found.push({ ...match, inquiryId });
    prepared.push({
      party: list.party,
      versionId: list.versionId,
      prepared: linked.prepared,
      model: linked.result.model,
    });
  }
  return { found, prepared };
}

/** Matches one new inquiry against held lists prepared before: a fraction of a second. */
export function matchOneInquiry(
  inquiry: PersonLine,
  held: readonly PreparedHeldList[],
): FoundMatch[] {
  const record = toLinkRecord(inquiry);
  return held.flatMap((list) =>
    foundOf(
      { party: list.party, versionId: list.versionId, lines: [] },
      linkAgainstPrepared([record], list.prepared, list.model),
    ),
  );
}

/** The engine's settings for a run's thresholds. */
export function engineSettings(settings: RunSettings) {
  return personListSettings(engineThresholds(settings));
}

/** The engine's thresholds for a run's. */
export function engineThresholds(settings: RunSettings): EngineThresholds {
  return { match: settings.match, possible: settings.review, duplicate: settings.match };
}

/** Two inquiries about one sought person, the lower id first. */
export interface SamePerson {
  readonly inquiryId: string;
  readonly otherId: string;
  readonly probability: number;
  readonly decision: 'match' | 'possible';
}

/** The engine's thresholds for persons, as personListSettings takes them. */
export type EngineThresholds = Parameters<typeof personListSettings>[0];

/** Dedupes inquiries with the engine's settings for persons, here or in a worker thread. */
export type DedupeInquiries = (
  records: LinkRecord[],
  thresholds: EngineThresholds,
  seed: number,
) => Promise<SamePairs> | SamePairs;

/** What deduping inquiries gives: the pairs (without their explanations) and the model. */
interface SamePairs {
  readonly pairs: ReadonlyArray<
    Pick<LinkedPair, 'leftId' | 'rightId' | 'probability' | 'decision'>
  >;
  readonly model: TrainedModel;
}

/**
 * A party's open inquiries as the last whole search saw them, made ready for new inquiries to be
 * searched against: the list prepared, with the model that search trained.
 */
export interface SamePersonIndex {
  readonly prepared: PreparedList;
  readonly model: TrainedModel;
}

const samePersonOf = (pair: {
  leftId: string;
  rightId: string;
  probability: number;
  decision: 'match' | 'possible';
}): SamePerson => {
  const [inquiryId, otherId] = [pair.leftId, pair.rightId].sort();
  return {
    inquiryId: inquiryId!,
    otherId: otherId!,
    probability: pair.probability,
    decision: pair.decision,
  };
};

/**
 * The inquiries of one party that are about the same person (several relatives asking, in
 * different spellings), as the engine dedupes a list: sure pairs and doubtful ones; with the list
 * prepared for searching new inquiries against it later (none for fewer than two inquiries: no
 * model is trained).
 */
export async function findSamePersons(
  inquiries: readonly PersonLine[],
  settings: RunSettings,
  dedupe: DedupeInquiries = (records, thresholds, seed) =>
    dedupeList(records, personListSettings(thresholds), { seed }),
): Promise<{ found: SamePerson[]; index: SamePersonIndex | null }> {
  if (inquiries.length < 2) return { found: [], index: null };
  const records = inquiries.map(toLinkRecord);
  const result = await dedupe(records, engineThresholds(settings), settings.seed);
  return {
    found: result.pairs.map(samePersonOf),
    // In steps: for a big party this takes seconds the server's thread cannot give at once.
    index: {
      prepared: await prepareListInSteps(records, engineSettings(settings)),
      model: result.model,
    },
  };
}

/**
 * The same-person pairs of a few new inquiries, found without deduping the party's inquiries
 * again: each new one against the inquiries of the last whole search (through the engine's
 * blocks, so the cost grows with its blocks, not with the list), and against those registered
 * since and each other. Sure pairs and doubtful ones, decided as the whole search decides them.
 */
export function findSamePersonsOfNew(
  fresh: readonly PersonLine[],
  since: readonly PersonLine[],
  index: SamePersonIndex,
): SamePerson[] {
  const records = fresh.map(toLinkRecord);
  const recent = prepareList([...since, ...fresh].map(toLinkRecord), index.prepared.settings);
  const pairs = [
    ...duplicatesInPrepared(records, index.prepared, index.model),
    ...duplicatesInPrepared(records, recent, index.model),
  ];
  const found = new Map<string, SamePerson>();
  for (const pair of pairs) {
    if (pair.leftId === pair.rightId) continue;
    const same = samePersonOf(pair);
    const key = `${same.inquiryId}|${same.otherId}`;
    if (!found.has(key)) found.set(key, same);
  }
  return [...found.values()];
}
