import { sql } from 'kysely';
import type { Database } from '../../platform/db/kysely.ts';
import type {
  Agreement,
  AgreementDefinition,
  AgreementId,
  AgreementStatus,
  AgreementVersionId,
} from './domain/agreement.ts';
import type { Eligibility, Outcome } from './domain/eligibility.ts';

export async function insertAgreement(
  db: Database,
  agreement: { mechanismId: string; name: string; status: AgreementStatus; createdBy: string },
): Promise<AgreementId> {
  const { id } = await db
    .insertInto('agreement')
    .values({
      mechanism_id: agreement.mechanismId,
      name: agreement.name,
      status: agreement.status,
      created_by: agreement.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id as AgreementId;
}

/** Locks an agreement, so that concurrent edits number their versions one after the other. */
export async function lockAgreement(db: Database, id: AgreementId): Promise<number> {
  await db.selectFrom('agreement').select('id').where('id', '=', id).forUpdate().execute();
  const row = await db
    .selectFrom('agreement_version')
    .select((eb) => eb.fn.max('number').as('last'))
    .where('agreement_id', '=', id)
    .executeTakeFirst();
  return (row?.last ?? 0) + 1;
}

export async function insertVersion(
  db: Database,
  version: {
    agreementId: AgreementId;
    mechanismId: string;
    number: number;
    definition: AgreementDefinition;
    createdBy: string;
  },
): Promise<AgreementVersionId> {
  const { id } = await db
    .insertInto('agreement_version')
    .values({
      agreement_id: version.agreementId,
      mechanism_id: version.mechanismId,
      number: version.number,
      definition: JSON.stringify(version.definition),
      created_by: version.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id as AgreementVersionId;
}

export async function updateStatus(
  db: Database,
  id: AgreementId,
  status: AgreementStatus,
): Promise<void> {
  await db
    .updateTable('agreement')
    .set({ status, status_changed_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** A mechanism's agreements with all their versions, oldest first; or those with an id or name. */
export async function findAgreements(
  db: Database,
  where: { mechanismId: string; id?: string; name?: string },
): Promise<Agreement[]> {
  let query = db
    .selectFrom('agreement')
    .selectAll()
    .where('mechanism_id', '=', where.mechanismId)
    .orderBy('created_at')
    .orderBy('name');
  if (where.id !== undefined) query = query.where('id', '=', where.id);
  if (where.name !== undefined) query = query.where('name', '=', where.name);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const versions = await db
    .selectFrom('agreement_version')
    .selectAll()
    .where(
      'agreement_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('number')
    .execute();
  return rows.map((row) => ({
    id: row.id as AgreementId,
    mechanismId: row.mechanism_id,
    name: row.name,
    status: row.status as AgreementStatus,
    createdAt: row.created_at,
    createdBy: row.created_by,
    versions: versions
      .filter((version) => version.agreement_id === row.id)
      .map((version) => ({
        id: version.id as AgreementVersionId,
        agreementId: row.id as AgreementId,
        number: version.number,
        createdAt: version.created_at,
        createdBy: version.created_by,
        definition: version.definition as AgreementDefinition,
      })),
  }));
}

export async function insertEvaluation(
  db: Database,
  evaluation: {
    mechanismId: string;
    agreementVersionId: AgreementVersionId;
    lists: unknown;
    createdBy: string;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('eligibility_evaluation')
    .values({
      mechanism_id: evaluation.mechanismId,
      agreement_version_id: evaluation.agreementVersionId,
      lists: JSON.stringify(evaluation.lists),
      created_by: evaluation.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Whether a version's results for a list version are already written (they never change). */
export async function hasResults(
  db: Database,
  agreementVersionId: AgreementVersionId,
  listVersionId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('eligibility_result')
    .select('record_id')
    .where('agreement_version_id', '=', agreementVersionId)
    .where('list_version_id', '=', listVersionId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface ResultOwner {
  agreementVersionId: AgreementVersionId;
  listVersionId: string;
  mechanismId: string;
  party: string;
}

/** Writes a batch of results through one JSON parameter (see registry.repository insertLines). */
export async function insertResults(
  db: Database,
  owner: ResultOwner,
  results: ReadonlyArray<{ recordId: string; lineNumber: number; eligibility: Eligibility }>,
): Promise<void> {
  if (results.length === 0) return;
  const rows = JSON.stringify(
    results.map(({ recordId, lineNumber, eligibility: e }) => ({
      agreement_version_id: owner.agreementVersionId,
      list_version_id: owner.listVersionId,
      record_id: recordId,
      mechanism_id: owner.mechanismId,
      party_code: owner.party,
      line_number: lineNumber,
      outcome: e.outcome,
      decided_by: e.decidedBy,
      clause: e.clause,
      categories: e.categories,
      undecided: e.undecided,
      missing: e.missing,
      errors: e.errors,
    })),
  );
  await sql`
    insert into eligibility_result (agreement_version_id, list_version_id, record_id, mechanism_id,
      party_code, line_number, outcome, decided_by, clause, categories, undecided, missing, errors)
    select agreement_version_id, list_version_id, record_id, mechanism_id, party_code, line_number,
      outcome, decided_by, clause, categories, undecided, missing, errors
    from jsonb_populate_recordset(null::eligibility_result, ${rows}::jsonb)
    on conflict do nothing`.execute(db);
}

export interface StoredResult extends Eligibility {
  recordId: string;
  lineNumber: number;
}

/** A page of a list version's results under an agreement version, in line order. */
export async function findResults(
  db: Database,
  query: {
    agreementVersionId: AgreementVersionId;
    listVersionId: string;
    outcome?: Outcome;
    recordId?: string;
    offset: number;
    limit: number;
  },
): Promise<{ total: number; results: StoredResult[] }> {
  let base = db
    .selectFrom('eligibility_result')
    .where('agreement_version_id', '=', query.agreementVersionId)
    .where('list_version_id', '=', query.listVersionId);
  if (query.outcome) base = base.where('outcome', '=', query.outcome);
  if (query.recordId) base = base.where('record_id', '=', query.recordId);
  const { total } = await base
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('line_number')
    .offset(query.offset)
    .limit(query.limit)
    .execute();
  return {
    total: Number(total),
    results: rows.map((row) => ({
      recordId: row.record_id,
      lineNumber: row.line_number,
      outcome: row.outcome,
      decidedBy: row.decided_by,
      clause: row.clause,
      categories: row.categories,
      undecided: row.undecided,
      missing: row.missing,
      errors: row.errors,
    })),
  };
}

/** How many lines of each list version had each outcome, and by which rule. */
export async function countResults(
  db: Database,
  agreementVersionId: AgreementVersionId,
  listVersionIds: readonly string[],
): Promise<
  Array<{ listVersionId: string; outcome: Outcome; decidedBy: string | null; count: number }>
> {
  if (listVersionIds.length === 0) return [];
  const rows = await db
    .selectFrom('eligibility_result')
    .select(['list_version_id', 'outcome', 'decided_by'])
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('agreement_version_id', '=', agreementVersionId)
    .where('list_version_id', 'in', [...listVersionIds])
    .groupBy(['list_version_id', 'outcome', 'decided_by'])
    .orderBy('list_version_id')
    .orderBy('outcome')
    .orderBy('decided_by')
    .execute();
  return rows.map((row) => ({
    listVersionId: row.list_version_id,
    outcome: row.outcome,
    decidedBy: row.decided_by,
    count: Number(row.count),
  }));
}
