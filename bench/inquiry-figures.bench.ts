/**
 * The inquiry figures benchmark (issue 18, item 7): 115,000 inquiries of two parties over two
 * years, most answered along the way (some 250,000 rows of status history, made in the database
 * by generate_series, not timed), then the figures as a party's bureau and as the mediator read
 * them: one statement each, timed five times on PostgreSQL and on PGlite.
 *
 *   npm run bench -- inquiry-figures
 *   PARLEY_BENCH_INQUIRIES=11500 npm run bench -- inquiry-figures   # a quick try
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { SYSTEM_ACTOR, type Actor } from '../packages/app/src/modules/access/index.ts';
import { ephemeralDeploymentKeys } from '../packages/app/src/platform/crypto/deployment-keys.ts';
import type { OpenDatabase } from '../packages/app/src/platform/db/kysely.ts';
import { buildServices } from '../packages/app/src/services.ts';
import { writeResult } from './machine.ts';
import { onEachDatabase, round, withTempDir } from './support.ts';

const INQUIRIES = Number(process.env.PARLEY_BENCH_INQUIRIES ?? 115_000);
const RUNS = 5;
const BUDGET_SECONDS = 1;

/** Inquiries of UA (70 %) and RU, received over two years; 60 % acknowledged, a third of those handed over. */
export async function seed(database: OpenDatabase, mechanismId: string): Promise<number> {
  return database.asOwner(async (owner) => {
    await sql`
      insert into inquiry (mechanism_id, party_code, number, channel, received_on, surname,
        consent_tracing, share_mediator, share_icrc, share_other_party, status, status_at, created_by)
      select ${mechanismId}::uuid, case when g % 10 < 7 then 'UA' else 'RU' end, g, 'phone',
        to_char(date '2024-01-01' + (g % 700), 'YYYY-MM-DD'), 'S' || g,
        true, g % 5 <> 0, g % 3 = 0, false,
        case when g % 10 < 4 then 'no_information' when g % 10 < 8 then 'acknowledged'
          else 'handed_over' end,
        now(), 'bench'
      from generate_series(1, ${INQUIRIES}) g`.execute(owner);
    await sql`
      insert into inquiry_status_event (mechanism_id, party_code, inquiry_id, from_status, to_status, actor, at)
      select mechanism_id, party_code, id, null, 'no_information', 'bench',
        received_on::date + time '10:00'
      from inquiry where mechanism_id = ${mechanismId}::uuid
      union all
      select mechanism_id, party_code, id, 'no_information', 'acknowledged', 'bench',
        received_on::date + ((number * 7919) % 200) + time '12:00'
      from inquiry where mechanism_id = ${mechanismId}::uuid and status <> 'no_information'
      union all
      select mechanism_id, party_code, id, 'acknowledged', 'handed_over', 'bench',
        received_on::date + ((number * 7919) % 200) + 30 + time '12:00'
      from inquiry where mechanism_id = ${mechanismId}::uuid and status = 'handed_over'`.execute(
      owner,
    );
    await sql`analyze inquiry`.execute(owner);
    await sql`analyze inquiry_status_event`.execute(owner);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from inquiry_status_event where mechanism_id = ${mechanismId}::uuid`.execute(
      owner,
    );
    return rows[0]?.n ?? 0;
  });
}

async function run(database: OpenDatabase) {
  const services = buildServices({
    db: database.db,
    keys: ephemeralDeploymentKeys(),
    onJobError: (_job, error) => console.error(error),
  });
  const mechanism = await services.mechanisms.create(SYSTEM_ACTOR, {
    name: 'figures bench',
    parties: ['UA', 'RU'],
    mediators: ['TR'],
  });
  const started = performance.now();
  const events = await seed(database, mechanism.id);
  console.log(
    `${database.kind}: ${INQUIRIES} inquiries, ${events} status changes seeded in ${((performance.now() - started) / 1000).toFixed(1)} s (not timed)`,
  );
  const reader = (id: string, grant: Actor['grants'][number]): Actor => ({
    id,
    userId: null,
    isSystem: false,
    isAdmin: false,
    grants: [grant],
  });
  const readers = {
    bureau: reader('bench-ua', { mechanismId: mechanism.id, role: 'party_officer', party: 'UA' }),
    mediator: reader('bench-mediator', {
      mechanismId: mechanism.id,
      role: 'mediator',
      party: null,
    }),
  };
  type Timing = { medianSeconds: number; cpuSeconds: number; answered: number };
  const timed: Record<string, Timing> = {};
  for (const [who, actor] of Object.entries(readers)) {
    const seconds: number[] = [];
    const cpu = process.cpuUsage();
    let answered = 0;
    for (let i = 0; i < RUNS; i++) {
      const at = performance.now();
      const figures = await services.inquiryFigures.figures(actor, {
        mechanism: mechanism.id,
        unit: 'week',
      });
      seconds.push((performance.now() - at) / 1000);
      answered = figures.total.firstAnswer.answered;
    }
    const used = process.cpuUsage(cpu);
    seconds.sort((a, b) => a - b);
    const timing: Timing = {
      medianSeconds: round(seconds[Math.floor(RUNS / 2)]!, 3),
      cpuSeconds: round((used.user + used.system) / 1e6 / RUNS, 3),
      answered,
    };
    timed[who] = timing;
    console.log(
      `${database.kind} ${who}: median ${timing.medianSeconds} s a call (this process's CPU ${timing.cpuSeconds} s), ${answered} answered; load ${os.loadavg()[0]!.toFixed(1)}`,
    );
  }
  return { kind: database.kind, inquiries: INQUIRIES, statusChanges: events, timed };
}

export async function runInquiryFiguresBenchmark(): Promise<void> {
  const load = os.loadavg()[0];
  const { results } = await withTempDir('parley-figures-bench-', (tmp) =>
    onEachDatabase(tmp, [run], 'PGlite only'),
  );
  const worst = Math.max(
    ...results.flatMap((r) => Object.values(r.timed).map((t) => t.medianSeconds)),
  );
  await writeResult(
    'inquiry-figures',
    { results, loadAverageBefore: load, loadAverageAfter: os.loadavg()[0] },
    { budgets: { figures: `≤ ${BUDGET_SECONDS} s a call` }, withinBudget: worst <= BUDGET_SECONDS },
  );
}
