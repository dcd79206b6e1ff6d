import { sql } from 'kysely';
import type { Database } from '../../../platform/db/kysely.ts';
import {
  ANSWER_DAYS,
  ANSWERING_STATUSES,
  type FigureUnit,
  type StatusMoves,
} from './domain/figures.ts';

/** Which inquiries the figures count: a mechanism's, of one party or all, those shared or all. */
export interface FiguresQuery {
  mechanismId: string;
  party: string | null;
  sharedWith: 'mediator' | 'icrc' | null;
  unit: FigureUnit;
}

/** A party's (null: all parties') inquiries and the days from each answered one to its first answer. */
export interface AnswerRow {
  party: string | null;
  inquiries: number;
  answered: number;
  median: number | null;
  /** Counts up to each of ANSWER_DAYS, then beyond the last. */
  buckets: number[];
}

/**
 * The figures of inquiries in one statement: the moves between statuses per party and period
 * (from the status history), and per party and in all the inquiries, how many were answered and
 * the days to the first answer (median and distribution).
 */
export async function findFigures(
  db: Database,
  query: FiguresQuery,
): Promise<{ moves: StatusMoves[]; answers: AnswerRow[] }> {
  const { rows } = await figuresStatement(query).execute(db);
  const row = rows[0];
  return { moves: row?.moves ?? [], answers: row?.answers ?? [] };
}

/** The one statement of the figures (apart, so that its plan can be read). */
export function figuresStatement(query: FiguresQuery) {
  const party = query.party === null ? sql`` : sql`and i.party_code = ${query.party}`;
  const shared =
    query.sharedWith === 'mediator'
      ? sql`and i.share_mediator`
      : query.sharedWith === 'icrc'
        ? sql`and i.share_icrc`
        : sql``;
  // Joined where they are read (no CTE of them), so that the planner knows their number.
  const inquiries = sql`i.mechanism_id = ${query.mechanismId} ${party} ${shared}`;
  const answering = sql.join(ANSWERING_STATUSES.map((s) => sql.lit(s)));
  const [d1, d2, d3, d4] = ANSWER_DAYS.map((d) => sql.lit(d));
  return sql<{ moves: StatusMoves[]; answers: AnswerRow[] }>`
    with net as (
      select i.party_code, date_trunc(${query.unit}, e.at at time zone 'UTC') as t,
        m.status, sum(m.n)::int as n
      from inquiry_status_event e join inquiry i on i.id = e.inquiry_id,
        lateral (values (e.to_status, 1), (e.from_status, -1)) as m(status, n)
      where e.mechanism_id = ${query.mechanismId} and ${inquiries} and m.status is not null
      group by 1, 2, 3
    ),
    firsts as (
      select i.party_code,
        greatest(0, (min(e.at at time zone 'UTC'))::date - i.received_on::date) as days
      from inquiry_status_event e join inquiry i on i.id = e.inquiry_id
      where e.mechanism_id = ${query.mechanismId} and ${inquiries} and e.to_status in (${answering})
      group by i.party_code, i.id, i.received_on
    ),
    answered as (
      select party_code, count(*)::int as answered,
        percentile_cont(0.5) within group (order by days) as median,
        count(*) filter (where days <= ${d1})::int as b1,
        count(*) filter (where days > ${d1} and days <= ${d2})::int as b2,
        count(*) filter (where days > ${d2} and days <= ${d3})::int as b3,
        count(*) filter (where days > ${d3} and days <= ${d4})::int as b4,
        count(*) filter (where days > ${d4})::int as b5,
        grouping(party_code) as whole
      from firsts group by grouping sets ((party_code), ())
    ),
    counted as (
      select i.party_code, count(*)::int as inquiries, grouping(i.party_code) as whole
      from inquiry i where ${inquiries} group by grouping sets ((i.party_code), ())
    )
    select
      (select coalesce(json_agg(json_build_object(
          'party', party_code, 't', to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS".000Z"'),
          'status', status, 'n', n)), '[]'::json)
        from net where n <> 0) as moves,
      (select coalesce(json_agg(json_build_object(
          'party', case when c.whole = 1 then null else c.party_code end,
          'inquiries', c.inquiries,
          'answered', coalesce(a.answered, 0),
          'median', a.median,
          'buckets', json_build_array(coalesce(a.b1, 0), coalesce(a.b2, 0), coalesce(a.b3, 0),
            coalesce(a.b4, 0), coalesce(a.b5, 0)))), '[]'::json)
        from counted c left join answered a
          on a.whole = c.whole and a.party_code is not distinct from c.party_code) as answers
  `;
}
