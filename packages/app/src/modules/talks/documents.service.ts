import type { Database } from '../../platform/db/kysely.ts';
import { AppError } from '../../platform/errors.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import { authorize, type Actor, type Permission } from '../access/index.ts';
import type { Mechanism, MechanismsService } from '../mechanisms/index.ts';
import {
  type DocumentKind,
  type PointKind,
  type PositionRecord,
  type Stance,
} from './domain/points.ts';
import { mechanismFor as allowedMechanism, partyOf, refusingTakenName } from './talks.guards.ts';
import { carriedPositions, pointsWithPositions } from './document-points.ts';
import * as repo from './documents.repository.ts';
import { findRound } from './talks.repository.ts';

export interface DocumentsDeps {
  db: Database;
  mechanisms: MechanismsService;
  audit: AuditLog;
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

export interface PointRevision {
  mechanism: string;
  document: string;
  label: string;
  text: string;
  kind?: PointKind;
  tabledOn: string;
  roundId?: string | null;
  note?: string;
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

/** Documents tabled at the talks as versions of numbered points, the parties' positions, and the gap view. */
export function createDocumentsService({ db, mechanisms, audit }: DocumentsDeps) {
  const mechanismFor = (actor: Actor, ref: string, permission: Permission, party?: string) =>
    allowedMechanism(mechanisms, actor, ref, permission, party);

  async function documentOf(mechanism: Mechanism, ref: string) {
    const isId = /^[0-9a-f-]{36}$/i.test(ref);
    const document = await repo.findDocument(db, mechanism.id, isId ? { id: ref } : { title: ref });
    if (!document)
      throw new AppError('TALKS.NOT_FOUND', `no document "${ref}" in ${mechanism.name}`);
    return document;
  }

  const service = {
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
      if (input.roundId && !(await findRound(db, mechanism.id, input.roundId)))
        throw new AppError('TALKS.NOT_FOUND', `no round ${input.roundId} in ${mechanism.name}`);
      const transaction = () =>
        db.transaction().execute(async (trx) => {
          const existing = await repo.findDocument(trx, mechanism.id, { title: input.title });
          if (existing && (existing.author !== author || existing.kind !== input.kind))
            throw new AppError(
              'TALKS.NAME_TAKEN',
              `title: "${input.title}" is a ${existing.kind} by ${existing.author}; a new version keeps its author and kind`,
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
            [
              ...carried.filter((p) => p.party !== author || proposed.length === 0),
              ...proposed,
            ].map((p) => ({ ...p, recordedBy: actor.id })),
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
      return refusingTakenName(
        'talks_document_title',
        `title: "${input.title}" was tabled by another request at the same moment; table it again to make it a new version`,
        transaction,
      );
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
        points: await pointsWithPositions(db, mechanism, version.id),
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
        const points = (await pointsWithPositions(db, mechanism, version.id)).filter(
          (p) => p.isGap,
        );
        result.push({ id: document.id, title: document.title, version: version.number, points });
      }
      return { parties: mechanism.parties, documents: result.filter((d) => d.points.length > 0) };
    },

    /**
     * Corrects one point's text (or kind) as a new version of its document: the other points and
     * their positions are carried over; the revised point starts with only its author proposing it.
     */
    async revisePoint(actor: Actor, input: PointRevision) {
      const mechanism = await mechanismFor(actor, input.mechanism, 'talks.manage');
      const document = await documentOf(mechanism, input.document);
      const latest = await repo.findVersion(db, document.id, 'latest');
      const points = latest ? await repo.pointsOf(db, [latest.id]) : [];
      const point = points.find((p) => p.label === input.label);
      if (!latest || !point)
        throw new AppError(
          'TALKS.NOT_FOUND',
          `"${document.title}" has no point ${input.label} in its latest version`,
        );
      const kind = input.kind ?? (point.kind as PointKind);
      if (point.text === input.text.trim() && point.kind === kind)
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          `text: point ${input.label} of version ${latest.number} already says this`,
        );
      return service.tableDocument(actor, {
        mechanism: mechanism.id,
        title: document.title,
        author: document.author,
        kind: document.kind,
        tabledOn: input.tabledOn,
        roundId: input.roundId ?? null,
        note: input.note ?? `point ${input.label} revised`,
        points: points.map((p) =>
          p.id === point.id
            ? { label: p.label, kind, text: input.text.trim() }
            : { label: p.label, kind: p.kind as PointKind, text: p.text },
        ),
      });
    },
  };
  return service;
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
