import type { Database } from '../../platform/db/kysely.ts';
import { withScope } from '../../platform/db/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import { authorize, isAllowed, rowScope, SYSTEM_ACTOR, type Actor } from '../access/index.ts';
import type { MechanismsService } from '../mechanisms/index.ts';
import type { PersonLine, RegistryService, VersionId } from '../registry/index.ts';
import {
  OUTCOME_LISTS,
  sourceOf,
  type OutcomeList,
  type OutcomeListLine,
} from './domain/outcome-lists.ts';
import * as repo from './reconciliation.repository.ts';

export interface OutcomeListsDeps {
  db: Database;
  mechanisms: MechanismsService;
  registry: RegistryService;
  audit: AuditLog;
}

/** A release as the API shows it. */
function releaseView(row: Awaited<ReturnType<typeof repo.findReleases>>[number]) {
  return {
    id: row.id,
    runId: row.run_id,
    party: row.party_code,
    lists: row.lists as OutcomeList[],
    releasedBy: row.released_by,
    releasedAt: row.released_at.toISOString(),
  };
}

const joined = (parts: Array<string | null>) => parts.filter(Boolean).join(' ') || null;

/**
 * The outcome lists of a reconciliation, released by the mediator to one party at a time
 * (issue 16, item 6). A party sees of the other side's data only what the mediator releases to
 * it (DOMAIN.md): the release names the run and the lists, and every read names the lines read.
 */
export function createOutcomeLists({ db, mechanisms, registry, audit }: OutcomeListsDeps) {
  /** The lines of the released lists, read as the actor may, the other side's as released. */
  async function linesOf(
    actor: Actor,
    mechanismId: string,
    release: { runId: string; party: string; lists: readonly OutcomeList[] },
    otherParty: string,
  ): Promise<OutcomeListLine[]> {
    const wanted: Array<{ list: OutcomeList; party: string; versionId: string; recordId: string }> =
      [];
    await withScope(db, { system: 'on' }, async (trx) => {
      for (const list of OUTCOME_LISTS) {
        if (!release.lists.includes(list)) continue;
        const source = sourceOf(list, release.party, otherParty);
        for (const row of await repo.findLinesWithOutcome(trx, release.runId, source))
          wanted.push({
            list,
            party: source.party,
            versionId: row.version_id,
            recordId: row.record_id,
          });
      }
    });
    // The actor's own party's lines are read as the actor (the registry audits the read); the
    // other side's lines are read because the mediator released them, and audited below.
    const lines = new Map<string, PersonLine | null>();
    for (const reader of [actor, SYSTEM_ACTOR]) {
      const refs = wanted.filter(
        (w) =>
          !lines.has(`${w.versionId}/${w.recordId}`) &&
          (reader === SYSTEM_ACTOR ||
            isAllowed(actor, 'list.read', { mechanismId, party: w.party })),
      );
      if (refs.length === 0) continue;
      const found = await registry.records(
        reader,
        mechanismId,
        refs.map((r) => ({
          party: r.party,
          kind: r.list === 'unrequested' ? ('held' as const) : ('sought' as const),
          versionId: r.versionId as VersionId,
          recordId: r.recordId,
        })),
      );
      refs.forEach((r, i) => lines.set(`${r.versionId}/${r.recordId}`, found[i] ?? null));
    }
    return wanted.map((w) => {
      const line = lines.get(`${w.versionId}/${w.recordId}`) ?? null;
      return {
        list: w.list,
        listParty: w.party,
        recordId: w.recordId,
        name: line ? joined([line.surname, line.givenName, line.patronymic]) : null,
        nameLatin: line ? joined([line.surnameLatin, line.givenNameLatin]) : null,
        dateOfBirth: line?.dateOfBirth ?? null,
        rank: line?.rank ?? null,
        serviceNumber: line?.serviceNumber ?? null,
      };
    });
  }

  return {
    /**
     * Releases outcome lists of the latest finished reconciliation to one party (the mediator
     * only), and audits it. Releasing again replaces what the party sees with the newer run.
     */
    async release(
      actor: Actor,
      mechanismRef: string,
      input: { party: string; lists?: readonly OutcomeList[] },
    ) {
      const mechanism = await mechanisms.get(actor, mechanismRef);
      authorize(actor, 'outcomes.release', { mechanismId: mechanism.id });
      const party = input.party.toUpperCase();
      if (!(mechanism.parties as readonly string[]).includes(party))
        throw new AppError(
          'REGISTRY.PARTY_NOT_IN_MECHANISM',
          `party "${input.party}" is not a party of ${mechanism.name} (${mechanism.parties.join(', ')})`,
        );
      const lists = OUTCOME_LISTS.filter((l) => (input.lists ?? OUTCOME_LISTS).includes(l));
      if (lists.length === 0)
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          `lists: name at least one of ${OUTCOME_LISTS.join(', ')}`,
        );
      const run = await repo.latestRun(db, mechanism.id, 'done');
      if (!run)
        throw new AppError(
          'RECONCILIATION.NOT_RUN',
          `${mechanism.name} has not been reconciled yet: start a reconciliation first`,
        );
      const row = await withScope(db, rowScope(actor), async (trx) => {
        const inserted = await repo.insertRelease(trx, {
          mechanismId: mechanism.id,
          runId: run.id,
          party,
          lists: [...lists],
          by: actor.id,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'reconciliation.release', {
            mechanismId: mechanism.id,
            objectIds: [inserted.id, run.id],
            details: { party, lists, run: run.id },
          }),
        );
        return inserted;
      });
      return releaseView(row);
    },

    /** The releases the actor may know of: every one for the mediator, its own for a party. */
    async releases(actor: Actor, mechanismRef: string) {
      const mechanism = await mechanisms.get(actor, mechanismRef);
      const parties = (mechanism.parties as readonly string[]).filter((party) =>
        isAllowed(actor, 'outcomes.read', { mechanismId: mechanism.id, party }),
      );
      if (parties.length === 0) authorize(actor, 'outcomes.read', { mechanismId: mechanism.id });
      const rows = await withScope(db, rowScope(actor), (trx) =>
        repo.findReleases(trx, mechanism.id),
      );
      return rows.filter((r) => parties.includes(r.party_code)).map(releaseView);
    },

    /**
     * The outcome lists last released to a party, person by person, for that party's officers
     * and the mediator; each read is audited with the lines it showed.
     */
    async lists(actor: Actor, mechanismRef: string, input: { party: string }) {
      const mechanism = await mechanisms.get(actor, mechanismRef);
      const party = input.party.toUpperCase();
      authorize(actor, 'outcomes.read', { mechanismId: mechanism.id, party });
      if (!(mechanism.parties as readonly string[]).includes(party))
        throw new AppError(
          'REGISTRY.PARTY_NOT_IN_MECHANISM',
          `party "${input.party}" is not a party of ${mechanism.name} (${mechanism.parties.join(', ')})`,
        );
      const [latest] = await withScope(db, rowScope(actor), (trx) =>
        repo.findReleases(trx, mechanism.id, party),
      );
      if (!latest)
        throw new AppError(
          'RECONCILIATION.NOT_RELEASED',
          `the mediator has not released outcome lists of ${mechanism.name} to ${party} yet`,
        );
      const release = releaseView(latest);
      const otherParty: string = mechanism.parties.find((p) => p !== party) ?? party;
      const lines = await linesOf(actor, mechanism.id, release, otherParty);
      await audit.record(
        null,
        auditEvent(actor, 'reconciliation.outcomes.read', {
          mechanismId: mechanism.id,
          objectIds: [release.id, ...lines.map((l) => `${l.listParty}/${l.recordId}`)],
          details: { party, release: release.id, run: release.runId, lines: lines.length },
        }),
      );
      return { release, lines };
    },
  };
}

export type OutcomeListsService = ReturnType<typeof createOutcomeLists>;
