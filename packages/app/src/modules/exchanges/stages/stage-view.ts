import type { SeenState } from '../domain/person-path.ts';
import type { Stages } from './stages.service.ts';

type StageRow = Awaited<ReturnType<Stages['stages']>>[number];
type FoundStage = Awaited<ReturnType<Stages['stage']>>;

/** A stage as the API and `parley --json stage list` show it: one of the mechanism's stages. */
export function stageSummary(s: StageRow) {
  return {
    id: s.id,
    agreementId: s.agreement_id,
    number: s.number,
    place: s.place,
    date: s.date,
    status: s.status,
    createdAt: s.created_at.toISOString(),
  };
}

/**
 * A stage as the API and `parley --json stage show` show it: its parity, its persons by name,
 * the mediator's leave for a list change, and its manifests oldest first.
 */
export function stageDetail(found: FoundStage) {
  const { stage } = found;
  return {
    id: stage.id,
    number: stage.number,
    place: stage.place,
    date: stage.date,
    status: stage.status,
    parity: found.parity,
    persons: found.persons.map((p) => ({
      id: p.id,
      recordId: p.record_id,
      party: p.party_code,
      category: p.category,
      state: p.state as SeenState,
      name: found.names.get(p.id)?.name ?? null,
      nameLatin: found.names.get(p.id)?.nameLatin ?? null,
    })),
    listOverride:
      stage.list_override_by && stage.list_override_at
        ? {
            by: stage.list_override_by,
            at: stage.list_override_at.toISOString(),
            reason: stage.list_override_reason,
          }
        : null,
    manifests: found.manifests.map((m) => ({ id: m.id, hash: m.hash, supersedes: m.supersedes })),
  };
}
