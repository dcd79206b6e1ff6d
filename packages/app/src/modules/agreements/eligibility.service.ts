import type { Database } from '../../platform/db/kysely.ts';
import { AppError } from '../../platform/errors.ts';
import { withScope } from '../../platform/db/scope.ts';
import { authorize, isAllowed, rowScope, type Actor } from '../access/index.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import type { Mechanism, MechanismsService } from '../mechanisms/index.ts';
import {
  LIST_KINDS,
  type ListKind,
  type ListRef,
  type ListVersion,
  type PersonLine,
} from '../registry/index.ts';
import * as repo from './agreements.repository.ts';
import { compileDefinition, type AgreementsService } from './agreements.service.ts';
import type { AgreementDefinition, AgreementVersion } from './domain/agreement.ts';
import type { Eligibility, Outcome } from './domain/eligibility.ts';

/** Where the lines come from: the registry's latest version of a list, as the actor may see it (audited there). */
export interface LineSource {
  latestLines(
    actor: Actor,
    ref: ListRef,
  ): Promise<{ version: ListVersion; lines: PersonLine[] } | null>;
  versions(actor: Actor, ref: ListRef): Promise<ListVersion[]>;
}

export interface EligibilityDeps {
  db: Database;
  mechanisms: MechanismsService;
  agreements: AgreementsService;
  registry: LineSource;
  audit: AuditLog;
}

/** One list version's counts: by outcome, and by the deciding rule. */
export interface ListCounts {
  party: string;
  kind: ListKind;
  listVersionId: string;
  listVersion: number;
  lines: number;
  outcomes: Record<Outcome, number>;
  decidedBy: Record<string, number>;
}

export interface PreviewResult {
  lists: ListCounts[];
  /** The first lines of the outcome asked for (all outcomes when none), for a look before committing. */
  sample: Array<
    Eligibility & { party: string; kind: ListKind; listVersionId: string; recordId: string }
  >;
}

const WRITE_BATCH = 5_000;

/** The eligibility use cases: preview a draft, evaluate and keep a version's results, read them. */
export function createEligibilityService(deps: EligibilityDeps) {
  const { db, mechanisms, agreements, registry, audit } = deps;

  async function latestLists(actor: Actor, mechanism: Mechanism) {
    const lists = [];
    for (const party of mechanism.parties)
      for (const kind of LIST_KINDS) {
        const found = await registry.latestLines(actor, { mechanism: mechanism.id, party, kind });
        if (found) lists.push({ party, kind, ...found });
      }
    return lists;
  }

  function countsOf(
    list: { party: string; kind: ListKind; version: ListVersion },
    results: readonly Eligibility[],
  ): ListCounts {
    const counts: ListCounts = {
      party: list.party,
      kind: list.kind,
      listVersionId: list.version.id,
      listVersion: list.version.number,
      lines: results.length,
      outcomes: { eligible: 0, not_eligible: 0, undetermined: 0 },
      decidedBy: {},
    };
    for (const result of results) {
      counts.outcomes[result.outcome]++;
      const by = result.decidedBy ?? (result.outcome === 'undetermined' ? '(open)' : '(none)');
      counts.decidedBy[by] = (counts.decidedBy[by] ?? 0) + 1;
    }
    return counts;
  }

  return {
    /** Evaluates terms not yet saved (or a saved version) against the latest lists; nothing is written but the audit entry. */
    async preview(
      actor: Actor,
      request: {
        mechanism: string;
        definition: AgreementDefinition;
        outcome?: Outcome;
        sampleSize: number;
      },
    ): Promise<PreviewResult> {
      const mechanism = await mechanisms.get(actor, request.mechanism);
      authorize(actor, 'eligibility.evaluate', { mechanismId: mechanism.id });
      const compiled = compileDefinition(request.definition);
      const result: PreviewResult = { lists: [], sample: [] };
      for (const list of await latestLists(actor, mechanism)) {
        const results = compiled.evaluate(list.lines);
        result.lists.push(countsOf(list, results));
        results.forEach((eligibility, i) => {
          if (result.sample.length >= request.sampleSize) return;
          if (request.outcome && eligibility.outcome !== request.outcome) return;
          const recordId = list.lines[i]?.recordId ?? '';
          result.sample.push({
            ...eligibility,
            party: list.party,
            kind: list.kind,
            listVersionId: list.version.id,
            recordId,
          });
        });
      }
      await audit.record(
        null,
        auditEvent(actor, 'eligibility.preview', {
          mechanismId: mechanism.id,
          objectIds: [
            ...result.lists.map((l) => l.listVersionId),
            ...result.sample.map((s) => `${s.listVersionId}/${s.recordId}`),
          ],
          details: { name: request.definition.name, lists: result.lists },
        }),
      );
      return result;
    },

    /**
     * Decides every line of the latest lists under an agreement version and keeps the results.
     * Results are deterministic, so a list version already evaluated under this version is skipped.
     */
    async evaluate(
      actor: Actor,
      request: { mechanism: string; agreement: string; version?: number },
    ): Promise<{ version: AgreementVersion; evaluationId: string; lists: ListCounts[] }> {
      const { mechanism, agreement, version } = await agreements.version(
        actor,
        request.mechanism,
        request.agreement,
        request.version,
      );
      authorize(actor, 'eligibility.evaluate', { mechanismId: mechanism.id });
      const compiled = compileDefinition(version.definition);
      const lists = await latestLists(actor, mechanism);
      const counts = lists.map((list) => ({ list, results: compiled.evaluate(list.lines) }));
      const evaluationId = await withScope(db, rowScope(actor), async (trx) => {
        for (const { list, results } of counts) {
          if (await repo.hasResults(trx, version.id, list.version.id)) continue;
          const owner = {
            agreementVersionId: version.id,
            listVersionId: list.version.id,
            mechanismId: mechanism.id,
            party: list.party,
          };
          for (let start = 0; start < results.length; start += WRITE_BATCH) {
            const batch = results.slice(start, start + WRITE_BATCH).map((eligibility, i) => {
              const line = list.lines[start + i] as PersonLine;
              return { recordId: line.recordId, lineNumber: line.lineNumber, eligibility };
            });
            await repo.insertResults(trx, owner, batch);
          }
        }
        const summary = counts.map(({ list, results }) => countsOf(list, results));
        const id = await repo.insertEvaluation(trx, {
          mechanismId: mechanism.id,
          agreementVersionId: version.id,
          lists: summary,
          createdBy: actor.id,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'eligibility.evaluate', {
            mechanismId: mechanism.id,
            objectIds: [id, version.id, ...lists.map((l) => l.version.id)],
            details: { agreement: agreement.name, number: version.number, lists: summary },
          }),
        );
        return id;
      });
      return {
        version,
        evaluationId,
        lists: counts.map(({ list, results }) => countsOf(list, results)),
      };
    },

    /** A page of one list's results under an agreement version: a party sees its own lists only. */
    async results(
      actor: Actor,
      request: {
        mechanism: string;
        agreement: string;
        version?: number;
        party: string;
        kind: ListKind;
        outcome?: Outcome;
        /** One record's result, in the list version given (the latest when absent). */
        recordId?: string;
        listVersionId?: string;
        offset: number;
        limit: number;
      },
    ) {
      const { mechanism, version } = await agreements.version(
        actor,
        request.mechanism,
        request.agreement,
        request.version,
      );
      const party = request.party.trim().toUpperCase();
      if (!mechanism.parties.includes(party as Mechanism['parties'][number]))
        throw new AppError(
          'REGISTRY.PARTY_NOT_IN_MECHANISM',
          `${request.party} is not a party of ${mechanism.name}`,
        );
      authorize(actor, 'eligibility.read', { mechanismId: mechanism.id, party });
      const versions = await registry.versions(actor, {
        mechanism: mechanism.id,
        party,
        kind: request.kind,
      });
      const listVersion = request.listVersionId
        ? versions.find((v) => v.id === request.listVersionId)
        : versions.at(-1);
      if (!listVersion)
        return { version, listVersion: null, total: 0, results: [] as repo.StoredResult[] };
      const page = await withScope(db, rowScope(actor), (scoped) =>
        repo.findResults(scoped, {
          agreementVersionId: version.id,
          listVersionId: listVersion.id,
          ...(request.outcome ? { outcome: request.outcome } : {}),
          ...(request.recordId ? { recordId: request.recordId } : {}),
          offset: request.offset,
          limit: request.limit,
        }),
      );
      await audit.record(
        null,
        auditEvent(actor, 'eligibility.read', {
          mechanismId: mechanism.id,
          objectIds: page.results.map((r) => `${listVersion.id}/${r.recordId}`),
          details: {
            party,
            kind: request.kind,
            agreementVersion: version.id,
            offset: request.offset,
          },
        }),
      );
      return { version, listVersion, ...page };
    },

    /** Counts per list under an agreement version: aggregates, for the lists whose versions the actor may see. */
    async summary(
      actor: Actor,
      request: { mechanism: string; agreement: string; version?: number },
    ) {
      const { mechanism, version } = await agreements.version(
        actor,
        request.mechanism,
        request.agreement,
        request.version,
      );
      const lists: Array<{ party: string; kind: ListKind; version: ListVersion }> = [];
      for (const party of mechanism.parties) {
        if (!isAllowed(actor, 'list.versions', { mechanismId: mechanism.id, party })) continue;
        for (const kind of LIST_KINDS) {
          const latest = (
            await registry.versions(actor, { mechanism: mechanism.id, party, kind })
          ).at(-1);
          if (latest) lists.push({ party, kind, version: latest });
        }
      }
      // Counts carry no personal data, so they are read past the line-level policies.
      const rows = await withScope(db, { system: 'on' }, (trx) =>
        repo.countResults(
          trx,
          version.id,
          lists.map((l) => l.version.id),
        ),
      );
      return {
        version,
        lists: lists.map((list) => {
          const mine = rows.filter((row) => row.listVersionId === list.version.id);
          const counts: ListCounts = {
            party: list.party,
            kind: list.kind,
            listVersionId: list.version.id,
            listVersion: list.version.number,
            lines: mine.reduce((sum, row) => sum + row.count, 0),
            outcomes: { eligible: 0, not_eligible: 0, undetermined: 0 },
            decidedBy: {},
          };
          for (const row of mine) {
            counts.outcomes[row.outcome] += row.count;
            const by = row.decidedBy ?? (row.outcome === 'undetermined' ? '(open)' : '(none)');
            counts.decidedBy[by] = (counts.decidedBy[by] ?? 0) + row.count;
          }
          return { ...counts, isEvaluated: mine.length > 0 };
        }),
      };
    },
  };
}

export type EligibilityService = ReturnType<typeof createEligibilityService>;
