import type { Database } from '../../platform/db/kysely.ts';
import { withScope } from '../../platform/db/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import { authorize, rowScope, type Actor, type Permission } from '../access/index.ts';
import type { Mechanism, MechanismsService } from '../mechanisms/index.ts';
import { timelineEntries } from './talks-timeline.ts';
import {
  currentPositions,
  isGap,
  type DocumentKind,
  type PointKind,
  type PositionRecord,
  type Stance,
} from './domain/points.ts';
import { mergeTimeline } from './domain/timeline.ts';
import * as repo from './talks.repository.ts';

export interface TalksDeps {
  db: Database;
  mechanisms: MechanismsService;
  audit: AuditLog;
}

export interface NewRound {
  mechanism: string;
  date: string;
  venue: string;
  mediators: readonly string[];
  delegations: ReadonlyArray<{ party: string; head: string | null; members: readonly string[] }>;
  durationMinutes?: number | null;
  summary?: string;
  outcomes: ReadonlyArray<{ text: string; agreementId?: string | null }>;
}

export interface TabledDocument {
  mechanism: string;
  title: string;
  author: string;
  kind: DocumentKind;
  tabledOn: string;
  roundId?: string | null;
  note?: string;
  points: ReadonlyArray<{ label: string; kind: PointKind; text: string }>;
}

export interface NewPosition {
  mechanism: string;
  pointId: string;
  party: string;
  stance: Stance;
  conditions?: string | null;
  statedOn: string;
  source: string;
}

/** Rounds of talks, the documents tabled at them, the parties' positions, notes and the timeline. */
export function createTalksService({ db, mechanisms, audit }: TalksDeps) {
  async function mechanismFor(
    actor: Actor,
    ref: string,
    permission: Permission,
    party?: string,
  ): Promise<Mechanism> {
    const mechanism = await mechanisms.get(actor, ref);
    authorize(actor, permission, { mechanismId: mechanism.id, ...(party ? { party } : {}) });
    return mechanism;
  }

  function partyOf(mechanism: Mechanism, code: string): string {
    const party = code.toUpperCase();
    if (!(mechanism.parties as readonly string[]).includes(party))
      throw new AppError(
        'REGISTRY.PARTY_NOT_IN_MECHANISM',
        `${code} is not a party of ${mechanism.name} (${mechanism.parties.join(', ')})`,
      );
    return party;
  }

  async function documentOf(mechanism: Mechanism, ref: string) {
    const isId = /^[0-9a-f-]{36}$/i.test(ref);
    const document = await repo.findDocument(db, mechanism.id, isId ? { id: ref } : { title: ref });
    if (!document)
      throw new AppError('TALKS.NOT_FOUND', `no document "${ref}" in ${mechanism.name}`);
    return document;
  }

  /** A version's points, each with every party's current position and whether they differ. */
  async function pointsWithPositions(mechanism: Mechanism, versionId: string) {
    const points = await repo.pointsOf(db, [versionId]);
    const positions = await repo.positionsOf(
      db,
      points.map((p) => p.id),
    );
    const current = currentPositions(positions);
    return points.map((point) => {
      const held = current.get(point.id);
      const positionOf = (party: string) => {
        const p = held?.get(party);
        return p
          ? {
              party,
              stance: p.stance,
              conditions: p.conditions,
              statedOn: p.statedOn,
              source: p.source,
            }
          : { party, stance: 'silent' as const, conditions: null, statedOn: null, source: null };
      };
      const stances = Object.fromEntries(
        mechanism.parties.map((party) => [party, positionOf(party).stance]),
      );
      return {
        id: point.id,
        label: point.label,
        kind: point.kind as PointKind,
        text: point.text,
        positions: mechanism.parties.map(positionOf),
        history: positions
          .filter((p) => p.pointId === point.id)
          .map(({ pointId: _pointId, recordedAt, ...p }) => ({
            ...p,
            recordedAt: recordedAt.toISOString(),
          })),
        isGap: isGap({ pointId: point.id, stances }, mechanism.parties),
      };
    });
  }

  return {
    /** Records a round: when and where, who mediated, each delegation, and what came of it. */
    async addRound(actor: Actor, input: NewRound) {
      const mechanism = await mechanismFor(actor, input.mechanism, 'talks.manage');
      const delegations = input.delegations.map((d) => ({
        party: partyOf(mechanism, d.party),
        head: d.head,
        members: [...d.members],
      }));
      const linked = [
        ...new Set(input.outcomes.flatMap((o) => (o.agreementId ? [o.agreementId] : []))),
      ];
      const found = await repo.agreementsOf(db, mechanism.id, linked);
      const missing = linked.find((id) => !found.some((a) => a.id === id));
      if (missing)
        throw new AppError('TALKS.NOT_FOUND', `no agreement ${missing} in ${mechanism.name}`);
      return db.transaction().execute(async (trx) => {
        const round = await repo.insertRound(
          trx,
          {
            mechanismId: mechanism.id,
            date: input.date,
            venue: input.venue,
            mediators: input.mediators.map((m) => m.toUpperCase()),
            delegations,
            durationMinutes: input.durationMinutes ?? null,
            summary: input.summary ?? '',
            createdBy: actor.id,
          },
          input.outcomes.map((o) => ({ text: o.text, agreementId: o.agreementId ?? null })),
        );
        await audit.record(
          trx,
          auditEvent(actor, 'talks.round.add', {
            mechanismId: mechanism.id,
            objectIds: [round.id, ...linked],
            details: {
              number: round.number,
              date: input.date,
              venue: input.venue,
              outcomes: input.outcomes.length,
            },
          }),
        );
        return round;
      });
    },

    /** Every round in date order, with its outcomes and the agreements they produced. */
    async rounds(actor: Actor, mechanismRef: string) {
      const mechanism = await mechanismFor(actor, mechanismRef, 'talks.read');
      const rounds = await repo.listRounds(db, mechanism.id);
      return rounds.map((r) => ({
        id: r.id,
        number: r.number,
        date: r.date,
        venue: r.venue,
        mediators: r.mediators,
        delegations: r.delegations,
        durationMinutes: r.duration_minutes,
        summary: r.summary,
        outcomes: r.outcomes.map((o) => ({
          number: o.number,
          text: o.text,
          agreement: o.agreement_id ? { id: o.agreement_id, name: o.agreement_name ?? '' } : null,
        })),
      }));
    },

    /**
     * Tables a document, or a new version of one with the same title. The author, when a party,
     * proposes each point; a point kept word for word from the version before keeps its positions.
     */
    async tableDocument(actor: Actor, input: TabledDocument) {
      const mechanism = await mechanismFor(actor, input.mechanism, 'talks.manage');
      const author = input.author.toUpperCase();
      if (!([...mechanism.parties, ...mechanism.mediators] as string[]).includes(author))
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          `author: ${input.author} is neither a party nor a mediator of ${mechanism.name}`,
        );
      const labels = new Set(input.points.map((p) => p.label));
      if (input.points.length === 0 || labels.size !== input.points.length)
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          'points: at least one, each with its own label',
        );
      if (input.roundId && !(await repo.findRound(db, mechanism.id, input.roundId)))
        throw new AppError('TALKS.NOT_FOUND', `no round ${input.roundId} in ${mechanism.name}`);
      return db.transaction().execute(async (trx) => {
        const existing = await repo.findDocument(trx, mechanism.id, { title: input.title });
        if (existing && (existing.author !== author || existing.kind !== input.kind))
          throw new AppError(
            'TALKS.NAME_TAKEN',
            `"${input.title}" is a ${existing.kind} by ${existing.author}; a new version keeps its author and kind`,
          );
        const documentId =
          existing?.id ??
          (await repo.insertDocument(trx, {
            mechanismId: mechanism.id,
            title: input.title,
            author,
            kind: input.kind,
            createdBy: actor.id,
          }));
        const previous = existing ? await repo.findVersion(trx, documentId, 'latest') : undefined;
        const version = await repo.insertVersion(trx, {
          mechanismId: mechanism.id,
          documentId,
          tabledOn: input.tabledOn,
          roundId: input.roundId ?? null,
          note: input.note ?? '',
          createdBy: actor.id,
          points: input.points,
        });
        const carried = previous
          ? await carriedPositions(trx, previous.id, input.points, version.pointIds)
          : [];
        const proposed = (mechanism.parties as readonly string[]).includes(author)
          ? version.pointIds.map((pointId) => ({
              pointId,
              party: author,
              stance: 'proposes' as const,
              conditions: null,
              statedOn: input.tabledOn,
              source: `${input.title}, version ${version.number}`,
            }))
          : [];
        await repo.insertPositions(
          trx,
          mechanism.id,
          [...carried.filter((p) => p.party !== author || proposed.length === 0), ...proposed].map(
            (p) => ({ ...p, recordedBy: actor.id }),
          ),
        );
        await audit.record(
          trx,
          auditEvent(actor, 'talks.document.table', {
            mechanismId: mechanism.id,
            objectIds: [documentId, version.id],
            details: {
              title: input.title,
              version: version.number,
              points: input.points.length,
              carried: carried.length,
            },
          }),
        );
        return { id: documentId, version: version.number, points: version.pointIds.length };
      });
    },

    /** Every document with its latest version number. */
    async documents(actor: Actor, mechanismRef: string) {
      const mechanism = await mechanismFor(actor, mechanismRef, 'talks.read');
      const documents = await repo.listDocuments(db, mechanism.id);
      return documents.map((d) => ({
        id: d.id,
        title: d.title,
        author: d.author,
        kind: d.kind,
        latestVersion: d.latest_version,
        firstTabledOn: d.first_tabled_on,
      }));
    },

    /** One version of a document (the latest unless told), its points and the parties' positions. */
    async document(actor: Actor, input: { mechanism: string; document: string; version?: number }) {
      const mechanism = await mechanismFor(actor, input.mechanism, 'talks.read');
      const document = await documentOf(mechanism, input.document);
      const version = await repo.findVersion(db, document.id, input.version ?? 'latest');
      if (!version)
        throw new AppError(
          'TALKS.NOT_FOUND',
          `"${document.title}" has no version ${input.version}`,
        );
      return {
        id: document.id,
        title: document.title,
        author: document.author,
        kind: document.kind,
        version: version.number,
        tabledOn: version.tabled_on,
        roundId: version.round_id,
        note: version.note,
        points: await pointsWithPositions(mechanism, version.id),
      };
    },

    /** A party's position on a point, with the day it was taken and its source; kept as history. */
    async recordPosition(actor: Actor, input: NewPosition) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      const party = partyOf(mechanism, input.party);
      authorize(actor, 'talks.position', { mechanismId: mechanism.id, party });
      const point = await repo.findPoint(db, mechanism.id, input.pointId);
      if (!point)
        throw new AppError('TALKS.NOT_FOUND', `no point ${input.pointId} in ${mechanism.name}`);
      const conditions = input.conditions?.trim() || null;
      if (input.stance === 'accepts_with_conditions' && !conditions)
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          'conditions: say which, when a party accepts with conditions',
        );
      const position: Omit<PositionRecord, 'recordedAt'> = {
        pointId: point.id,
        party,
        stance: input.stance,
        conditions,
        statedOn: input.statedOn,
        source: input.source,
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertPositions(trx, mechanism.id, [{ ...position, recordedBy: actor.id }]);
        await audit.record(
          trx,
          auditEvent(actor, 'talks.position', {
            mechanismId: mechanism.id,
            objectIds: [point.id],
            details: {
              party,
              stance: input.stance,
              statedOn: input.statedOn,
              source: input.source,
            },
          }),
        );
      });
      return position;
    },

    /** The points of the latest version of each document (or of one) where the parties' positions differ. */
    async gap(actor: Actor, input: { mechanism: string; document?: string }) {
      const mechanism = await mechanismFor(actor, input.mechanism, 'talks.read');
      const documents = input.document
        ? [await documentOf(mechanism, input.document)]
        : await repo.listDocuments(db, mechanism.id);
      const result = [];
      for (const document of documents) {
        const version = await repo.findVersion(db, document.id, 'latest');
        if (!version) continue;
        const points = (await pointsWithPositions(mechanism, version.id)).filter((p) => p.isGap);
        result.push({ id: document.id, title: document.title, version: version.number, points });
      }
      return { parties: mechanism.parties, documents: result.filter((d) => d.points.length > 0) };
    },

    /** A party's private note; only that party's officers ever see it (row-level security). */
    async addNote(
      actor: Actor,
      input: { mechanism: string; party?: string; subject?: string | null; text: string },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      const party = partyOf(mechanism, input.party ?? ownParty(actor, mechanism));
      authorize(actor, 'talks.note', { mechanismId: mechanism.id, party });
      return withScope(db, rowScope(actor), async (trx) => {
        const note = await repo.insertNote(trx, {
          mechanismId: mechanism.id,
          party,
          subject: input.subject ?? null,
          text: input.text,
          createdBy: actor.id,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'talks.note.add', {
            mechanismId: mechanism.id,
            objectIds: [note.id],
            details: { party },
          }),
        );
        return {
          id: note.id,
          party,
          subject: input.subject ?? null,
          text: input.text,
          createdAt: note.createdAt.toISOString(),
        };
      });
    },

    /** A party's own notes. */
    async notes(actor: Actor, input: { mechanism: string; party?: string }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      const party = partyOf(mechanism, input.party ?? ownParty(actor, mechanism));
      authorize(actor, 'talks.note', { mechanismId: mechanism.id, party });
      const rows = await withScope(db, rowScope(actor), (scoped) =>
        repo.listNotes(scoped, mechanism.id, party),
      );
      return rows.map((n) => ({
        id: n.id,
        party: n.party_code,
        subject: n.subject,
        text: n.text,
        createdBy: n.created_by,
        createdAt: n.created_at.toISOString(),
      }));
    },

    /** One timeline of rounds, agreements, stages, ceasefire regimes and violations per day. */
    async timeline(actor: Actor, input: { mechanism: string; from?: string; to?: string }) {
      const mechanism = await mechanismFor(actor, input.mechanism, 'talks.read');
      return mergeTimeline(await timelineEntries(db, mechanism.id), input);
    },
  };
}

/** The party a party officer acts for in a mechanism, for requests that leave it out. */
function ownParty(actor: Actor, mechanism: Mechanism): string {
  const grant = actor.grants.find(
    (g) => g.mechanismId === mechanism.id && g.role === 'party_officer' && g.party,
  );
  if (!grant?.party) throw new AppError('VALIDATION.INVALID_INPUT', 'party: say whose notes');
  return grant.party;
}

/** The positions of the version before on points kept word for word, moved to the new points. */
async function carriedPositions(
  db: Database,
  previousVersionId: string,
  points: ReadonlyArray<{ label: string; text: string }>,
  newIds: readonly string[],
): Promise<Array<Omit<PositionRecord, 'recordedAt'>>> {
  const before = await repo.pointsOf(db, [previousVersionId]);
  const current = currentPositions(
    await repo.positionsOf(
      db,
      before.map((p) => p.id),
    ),
  );
  return points.flatMap((point, i) => {
    const same = before.find((b) => b.label === point.label && b.text === point.text);
    const held = same ? current.get(same.id) : undefined;
    return held
      ? [...held.values()].map(({ recordedAt: _recordedAt, ...p }) => ({
          ...p,
          pointId: newIds[i]!,
        }))
      : [];
  });
}

export type TalksService = ReturnType<typeof createTalksService>;
