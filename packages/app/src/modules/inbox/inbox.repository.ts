import { sql } from 'kysely';
import type { Database } from '../../platform/db/kysely.ts';

/** A signer of a document: a role, and for a party's officer its party. */
export interface SignerRef {
  role: string;
  party: string | null;
}

export interface StageCount {
  stageId: string;
  stageNumber: number;
  stageDate: string;
  count: number;
}

// A signature is stored with party_code '' for the roles that act for no party.
const partyCode = (signer: SignerRef) => signer.party ?? '';
const asSigner = (signer: SignerRef) => JSON.stringify([signer]);

/** The stages' latest manifests that wait for this signer's signature. */
export async function manifestsAwaiting(
  db: Database,
  mechanismId: string,
  signer: SignerRef,
): Promise<Array<{ manifestId: string; stageNumber: number; stageDate: string }>> {
  const { rows } = await sql<{ id: string; number: number; date: string }>`
    select m.id, s.number, s.date
    from manifest m join stage s on s.id = m.stage_id
    where m.mechanism_id = ${mechanismId} and m.kind = 'parley-manifest/1'
      and m.required_signers @> ${asSigner(signer)}::jsonb
      and not exists (select 1 from manifest n where n.supersedes = m.id)
      and not exists (select 1 from manifest_signature g where g.manifest_id = m.id
        and g.role = ${signer.role} and g.party_code = ${partyCode(signer)})
    order by s.number, m.created_at`.execute(db);
  return rows.map((r) => ({ manifestId: r.id, stageNumber: r.number, stageDate: r.date }));
}

/**
 * The hashes of receipts that a signer signed within a stage's batch: a batch's signature is a
 * signature of each receipt it names (receipt-batch.service.ts). One set for the mechanism, read
 * once by the queries below, not once per receipt.
 */
const batchSignedHashes = (mechanismId: string, signer: SignerRef) => sql`
  select distinct r.value ->> 'hash' as hash
  from manifest b
  join manifest_signature g on g.manifest_id = b.id
    and g.role = ${signer.role} and g.party_code = ${partyCode(signer)}
  cross join lateral jsonb_array_elements(b.document::jsonb -> 'receipts') r
  where b.mechanism_id = ${mechanismId} and b.kind = 'parley-receipt-batch/1'`;

const isSignedBy = (signer: SignerRef, signed: string) => sql`(
  exists (select 1 from manifest_signature g where g.manifest_id = m.id
    and g.role = ${signer.role} and g.party_code = ${partyCode(signer)})
  or m.hash in (select hash from ${sql.raw(signed)}))`;

/** Per stage, the receipts that wait for this signer's signature (on the receipt or a batch). */
export async function receiptsAwaiting(
  db: Database,
  mechanismId: string,
  signer: SignerRef,
): Promise<StageCount[]> {
  const { rows } = await sql<{ id: string; number: number; date: string; n: number }>`
    with signed as (${batchSignedHashes(mechanismId, signer)})
    select s.id, s.number, s.date, count(*)::int as n
    from manifest m
    join stage s on s.id = m.stage_id
    join exchange_person p on p.id = m.person_id
    where m.mechanism_id = ${mechanismId} and m.kind = 'parley-receipt/1'
      and p.state = 'handed_over'
      and m.required_signers @> ${asSigner(signer)}::jsonb
      and not ${isSignedBy(signer, 'signed')}
    group by s.id, s.number, s.date
    order by s.number`.execute(db);
  return rows.map(stageCount);
}

/** Per stage, the receipts of persons a party receives that every signer has signed: to confirm. */
export async function receiptsToConfirm(
  db: Database,
  mechanismId: string,
  party: string,
): Promise<StageCount[]> {
  const officer = { role: 'party_officer', party };
  const verifier = { role: 'neutral_verifier', party: null };
  const { rows } = await sql<{ id: string; number: number; date: string; n: number }>`
    with by_officer as (${batchSignedHashes(mechanismId, officer)}),
      by_verifier as (${batchSignedHashes(mechanismId, verifier)})
    select s.id, s.number, s.date, count(*)::int as n
    from manifest m
    join stage s on s.id = m.stage_id
    join exchange_person p on p.id = m.person_id
    where m.mechanism_id = ${mechanismId} and m.kind = 'parley-receipt/1'
      and p.state = 'handed_over' and p.receiving_party = ${party}
      and ${isSignedBy(officer, 'by_officer')} and ${isSignedBy(verifier, 'by_verifier')}
    group by s.id, s.number, s.date
    order by s.number`.execute(db);
  return rows.map(stageCount);
}

/** Per stage, the persons handed over who have no receipt yet: for the verifier to issue. */
export async function receiptsToIssue(db: Database, mechanismId: string): Promise<StageCount[]> {
  const { rows } = await sql<{ id: string; number: number; date: string; n: number }>`
    select s.id, s.number, s.date, count(*)::int as n
    from exchange_person p join stage s on s.id = p.stage_id
    where p.mechanism_id = ${mechanismId} and p.state = 'handed_over'
      and not exists (select 1 from manifest m where m.person_id = p.id and m.kind = 'parley-receipt/1')
    group by s.id, s.number, s.date
    order by s.number`.execute(db);
  return rows.map(stageCount);
}

const stageCount = (r: { id: string; number: number; date: string; n: number }): StageCount => ({
  stageId: r.id,
  stageNumber: Number(r.number),
  stageDate: r.date,
  count: Number(r.n),
});

/** How many persons are in each of these states; of one holding party's, when it is given. */
export async function personsInStates(
  db: Database,
  mechanismId: string,
  states: readonly string[],
  holdingParty?: string,
): Promise<Array<{ state: string; count: number }>> {
  if (states.length === 0) return [];
  let query = db
    .selectFrom('exchange_person')
    .where('mechanism_id', '=', mechanismId)
    .where('state', 'in', [...states]);
  if (holdingParty) query = query.where('party_code', '=', holdingParty);
  const rows = await query
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  return rows.map((r) => ({ state: r.state, count: Number(r.n) }));
}

/** The stages proposed and not yet approved. */
export async function stagesProposed(db: Database, mechanismId: string) {
  return db
    .selectFrom('stage')
    .where('mechanism_id', '=', mechanismId)
    .where('status', '=', 'proposed')
    .select(['id', 'number', 'date'])
    .orderBy('number')
    .execute();
}

/** The open pairs of the mechanism's latest finished reconciliation, which wait for a decision. */
export async function pairsToReview(db: Database, mechanismId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from reconciliation_pair
    where status = 'open' and run_id = (
      select id from reconciliation_run
      where mechanism_id = ${mechanismId} and status = 'done'
      order by created_at desc limit 1)`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Doubtful matches of families' inquiries shared with the mediator, waiting for a decision. */
export async function inquiryMatchesToReview(db: Database, mechanismId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from inquiry_match m join inquiry i on i.id = m.inquiry_id
    where m.mechanism_id = ${mechanismId} and m.status = 'proposed' and i.share_mediator
      and i.status <> 'closed'`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** A party's inquiries that have a possible match not yet decided. */
export async function inquiriesWithMatches(
  db: Database,
  mechanismId: string,
  party: string,
): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(distinct m.inquiry_id)::int as n from inquiry_match m
    where m.mechanism_id = ${mechanismId} and m.party_code = ${party}
      and m.status in ('matched', 'proposed')`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * The points of each document's latest version on which another party has stated a position
 * and this party has not: what the negotiating party has to answer (its own documents' points
 * are its position already).
 */
export async function pointsToAnswer(
  db: Database,
  mechanismId: string,
  party: string,
): Promise<
  Array<{ documentId: string; title: string; label: string; parties: string[]; at: string }>
> {
  const { rows } = await sql<{
    document_id: string;
    title: string;
    label: string;
    ordinal: number;
    parties: string[];
    stated_on: string;
  }>`
    select d.id as document_id, d.title, p.label, p.ordinal,
      array_agg(distinct o.party_code order by o.party_code) as parties,
      max(o.stated_on) as stated_on
    from talks_point p
    join talks_document_version v on v.id = p.version_id
    join talks_document d on d.id = v.document_id
    join talks_position o on o.point_id = p.id and o.party_code <> ${party}
    where p.mechanism_id = ${mechanismId} and d.author <> ${party}
      and v.number = (select max(w.number) from talks_document_version w where w.document_id = v.document_id)
      and not exists (select 1 from talks_position q where q.point_id = p.id and q.party_code = ${party})
    group by d.id, d.title, p.id, p.label, p.ordinal
    order by d.title, p.ordinal`.execute(db);
  return rows.map((r) => ({
    documentId: r.document_id,
    title: r.title,
    label: r.label,
    parties: r.parties,
    at: String(r.stated_on),
  }));
}

/** The outcome lists released to a party since a moment. */
export async function releasesSince(db: Database, mechanismId: string, party: string, since: Date) {
  return db
    .selectFrom('outcome_release')
    .where('mechanism_id', '=', mechanismId)
    .where('party_code', '=', party)
    .where('released_at', '>=', since)
    .select(['id', 'released_at', 'lists'])
    .orderBy('released_at', 'desc')
    .execute();
}
