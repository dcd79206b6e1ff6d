import type { Database } from '../../platform/db/kysely.ts';
import type { Mechanism } from '../mechanisms/index.ts';
import { currentPositions, isGap, type PointKind, type PositionRecord } from './domain/points.ts';
import * as repo from './documents.repository.ts';

/** A version's points, each with every party's current position and whether they differ. */
export async function pointsWithPositions(db: Database, mechanism: Mechanism, versionId: string) {
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

/** The positions of the version before on points kept word for word, moved to the new points. */
export async function carriedPositions(
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
