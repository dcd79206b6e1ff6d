import type { Formula } from '@parley/kernel/agreement';
import type { Database } from '../../../platform/db/kysely.ts';

// The queries only stages and their list guard make; what every use case reads is in shared/.

export async function nextStageNumber(
  db: Database,
  mechanismId: string,
  agreementVersionId: string,
): Promise<number> {
  const row = await db
    .selectFrom('stage')
    .select((eb) => eb.fn.max('number').as('last'))
    .where('mechanism_id', '=', mechanismId)
    .where('agreement_version_id', '=', agreementVersionId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertStage(
  db: Database,
  stage: {
    mechanismId: string;
    agreementId: string;
    agreementVersionId: string;
    formula: Formula;
    number: number;
    place: string;
    date: string;
    surplus: Array<{ personId: string; reason: string }>;
    createdBy: string;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('stage')
    .values({
      mechanism_id: stage.mechanismId,
      agreement_id: stage.agreementId,
      agreement_version_id: stage.agreementVersionId,
      formula: JSON.stringify(stage.formula),
      number: stage.number,
      place: stage.place,
      date: stage.date,
      status: 'proposed',
      surplus: JSON.stringify(stage.surplus),
      created_by: stage.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A party's persons in its stages that are approved or executing, with each stage's override. */
export function findPersonsInLiveStages(db: Database, mechanismId: string, party: string) {
  return db
    .selectFrom('exchange_person as p')
    .innerJoin('stage as s', 's.id', 'p.stage_id')
    .select([
      'p.id',
      'p.record_id',
      'p.list_version_id',
      's.id as stage_id',
      's.number as stage_number',
      's.status as stage_status',
      's.list_override_by',
      's.list_override_reason',
    ])
    .where('p.mechanism_id', '=', mechanismId)
    .where('p.party_code', '=', party)
    .where('s.status', 'in', ['approved', 'executing'])
    .orderBy('s.number')
    .execute();
}

/** Gives or clears (by null) the mediator's leave for the next list version to touch a stage. */
export async function setListOverride(
  db: Database,
  stageIds: readonly string[],
  override: { by: string; at: Date; reason: string } | null,
): Promise<void> {
  if (stageIds.length === 0) return;
  await db
    .updateTable('stage')
    .set({
      list_override_by: override?.by ?? null,
      list_override_at: override?.at ?? null,
      list_override_reason: override?.reason ?? null,
    })
    .where('id', 'in', [...stageIds])
    .execute();
}

/** Points persons at a newer version of their list, whose lines the mediator let stand for them. */
export async function setPersonsListVersion(
  db: Database,
  personIds: readonly string[],
  listVersionId: string,
): Promise<void> {
  if (personIds.length === 0) return;
  await db
    .updateTable('exchange_person')
    .set({ list_version_id: listVersionId })
    .where('id', 'in', [...personIds])
    .execute();
}
