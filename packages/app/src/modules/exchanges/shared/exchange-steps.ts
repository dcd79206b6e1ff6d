import type { Database } from '../../../platform/db/kysely.ts';
import { AppError } from '../../../platform/errors.ts';
import { auditEvent, type AuditLog } from '../../audit/index.ts';
import type { AgreementsService, EligibilityService } from '../../agreements/index.ts';
import type { Mechanism, MechanismsService } from '../../mechanisms/index.ts';
import type { ReconciliationService } from '../../reconciliation/index.ts';
import type { RegistryService, VersionId } from '../../registry/index.ts';
import { buildManifest, type ManifestPerson, type StageManifest } from '../domain/manifest.ts';
import {
  countsForStage,
  EXCEPTIONS,
  MAIN_PATH,
  mayMove,
  type PathActor,
  type PersonState,
} from '../domain/person-path.ts';
import { checkParity, replacementFor, type Candidate } from '../domain/stage-plan.ts';
import * as repo from './exchange-rows.repository.ts';
import { hashesIn } from '../domain/receipt-batch.ts';
import { stageStatusOf } from '../domain/stage-status.ts';
import { withScope } from '../../../platform/db/scope.ts';
import { rowScope, type Actor } from '../../access/index.ts';

// The steps the exchange's use cases share: who acts on a person's path, a stage's state, and
// the moves, refills, manifests and stage statuses that audit or read other modules.

export interface ExchangesDeps {
  db: Database;
  mechanisms: MechanismsService;
  agreements: AgreementsService;
  eligibility: EligibilityService;
  reconciliation: ReconciliationService;
  registry: RegistryService;
  audit: AuditLog;
  clock?: () => Date;
  /** Told, once committed, that persons of a mechanism moved on their paths (families' inquiries follow). */
  onPersonsMoved?: (mechanismId: string) => void;
}

export interface Move {
  personId: string;
  to: PersonState;
  reason?: string;
  /** For a handover: when it really happened (now when absent) and where (the stage's place). */
  at?: string;
  place?: string;
  /** A move recorded offline at the handover point: when it was recorded there, and its id. */
  offline?: {
    clientId: string;
    recordedAt: string;
    record: string;
    syncedAt: string;
    /** An arrival's time and place as recorded there. */
    at?: string;
    place?: string;
  };
}

const STATES: readonly string[] = [...MAIN_PATH, ...EXCEPTIONS];

/** The roles an actor takes on a person's path: holding or receiving party, mediator, verifier. */
export function pathActorsOf(actor: Actor, person: repo.PersonRow): PathActor[] {
  const roles: PathActor[] = [];
  for (const grant of actor.grants) {
    if (grant.mechanismId !== person.mechanism_id) continue;
    if (grant.role === 'mediator') roles.push('mediator');
    if (grant.role === 'neutral_verifier') roles.push('neutral_verifier');
    if (grant.role === 'party_officer' && grant.party === person.party_code)
      roles.push('holding_party');
    if (grant.role === 'party_officer' && grant.party === person.receiving_party)
      roles.push('receiving_party');
  }
  // The operator's own command line may do everything, as everywhere in Parley (the
  // operator holds the database anyway); people act through the API with their own roles.
  if (actor.isSystem)
    roles.push('holding_party', 'receiving_party', 'mediator', 'neutral_verifier');
  return roles;
}

/** Whether the actor learns the wish interview's result: the mediator and the verifier do. */
export function seesInterview(actor: Actor, mechanismId: string) {
  return (
    actor.isSystem ||
    actor.grants.some(
      (g) =>
        g.mechanismId === mechanismId && (g.role === 'mediator' || g.role === 'neutral_verifier'),
    )
  );
}

export function candidateOf(person: repo.PersonRow): Candidate {
  return {
    id: person.id,
    side: person.party_code,
    category: person.category,
    rank: person.rank,
    priority: person.priority,
  };
}

export async function stageState(trx: Database, mechanism: Mechanism, stageId: string) {
  const stage = await repo.findStage(trx, stageId);
  if (!stage || stage.mechanism_id !== mechanism.id)
    throw new AppError('EXCHANGE.NOT_FOUND', `no stage ${stageId}`);
  const persons = await repo.findPersons(trx, {
    agreementId: stage.agreement_id,
    stageId: stage.id,
  });
  const counted = persons.filter((p) => countsForStage(p.state as PersonState));
  const parity = checkParity(counted.map(candidateOf), stage.formula, [
    mechanism.parties[0],
    mechanism.parties[1],
  ]);
  return { stage, persons, parity, manifests: await repo.findManifests(trx, stage.id) };
}

/** Why a person's receipt cannot be confirmed yet, or null when both have signed it. */
async function unsignedReceipt(trx: Database, person: repo.PersonRow): Promise<string | null> {
  const receipt = await repo.findReceipt(trx, person.id);
  if (!receipt) return 'no receipt has been issued for this person yet';
  const signed: Array<{ role: string; party: string | null }> = (
    await repo.findSignatures(trx, receipt.id)
  ).map((s) => ({ role: s.role, party: s.party_code || null }));
  // A signature of a batch that names the receipt's hash is a signature of the receipt.
  if (receipt.stage_id)
    for (const batch of await repo.findReceiptBatches(trx, receipt.stage_id))
      if (hashesIn(batch.document).includes(receipt.hash)) signed.push(...batch.signers);
  const missing = receipt.required_signers.filter(
    (r) => !signed.some((s) => s.role === r.role && s.party === r.party),
  );
  return missing.length === 0
    ? null
    : `the receipt still needs the signature of ${missing.map((r) => `the ${r.role.replace('_', ' ')}${r.party ? ` for ${r.party}` : ''}`).join(' and ')}`;
}

/** The steps the use cases share that audit or read other modules: moves, refills, manifests. */
export function createExchangeSteps(deps: ExchangesDeps) {
  const { db, agreements, registry, audit } = deps;
  const clock = deps.clock ?? (() => new Date());

  /**
   * One move of one person, inside the caller's transaction: checked against the path and the
   * actor's roles there; `stageId` sets or clears the stage with the move.
   */
  async function moveOne(actor: Actor, trx: Database, move: Move, stageId?: string | null) {
    const person = await repo.findPerson(trx, move.personId);
    if (!person) return { personId: move.personId, ok: false as const, problem: 'no such person' };
    if (!STATES.includes(move.to))
      return {
        personId: move.personId,
        ok: false as const,
        problem: `"${move.to}" is not a state`,
      };
    const verdicts = pathActorsOf(actor, person).map((role) =>
      mayMove(person.state as PersonState, move.to, role),
    );
    const allowed = verdicts.find((v) => v.ok);
    if (!allowed || !allowed.ok) {
      const refusal = verdicts.find((v) => !v.ok);
      return {
        personId: move.personId,
        ok: false as const,
        problem: refusal && !refusal.ok ? refusal.problem : 'your roles do not act on this person',
      };
    }
    const reason = move.reason?.trim() ?? '';
    if (allowed.needs === 'reason' && reason.length < 3) {
      return {
        personId: move.personId,
        ok: false as const,
        problem: `moving a person to ${move.to.replaceAll('_', ' ')} needs a reason`,
      };
    }
    if (move.to === 'receipt_confirmed') {
      const missing = await unsignedReceipt(trx, person);
      if (missing) return { personId: move.personId, ok: false as const, problem: missing };
    }
    if (allowed.needs === 'stage' && !(stageId ?? person.stage_id)) {
      return {
        personId: move.personId,
        ok: false as const,
        problem: 'a person is assigned to a stage only through the stage',
      };
    }
    const now = clock();
    let handover: { at: Date; place: string } | undefined;
    if (move.to === 'handed_over') {
      const at = move.at ? new Date(move.at) : now;
      if (Number.isNaN(at.getTime()) || at.getTime() > now.getTime() + 5 * 60_000)
        return {
          personId: move.personId,
          ok: false as const,
          problem: `the handover time "${move.at}" is not a time that has come`,
        };
      const stage = person.stage_id ? await repo.findStage(trx, person.stage_id) : undefined;
      handover = { at, place: move.place?.trim() || stage?.place || '' };
    }
    await repo.movePerson(trx, person, {
      to: move.to,
      reason: reason || null,
      actor: actor.id,
      at: now,
      ...(stageId !== undefined ? { stageId } : {}),
      ...(handover ? { handover } : {}),
    });
    await audit.record(
      trx,
      auditEvent(actor, 'exchange.move', {
        mechanismId: person.mechanism_id,
        objectIds: [person.id, `${person.list_version_id}/${person.record_id}`],
        ...(reason ? { reason } : {}),
        details: {
          from: person.state,
          to: move.to,
          ...(handover ? { handedOverAt: handover.at.toISOString(), place: handover.place } : {}),
          ...(move.offline
            ? {
                offline: move.offline.clientId,
                record: move.offline.record,
                recordedAt: move.offline.recordedAt,
                syncedAt: move.offline.syncedAt,
                ...(move.offline.at ? { arrivedAt: move.offline.at } : {}),
                ...(move.offline.place ? { arrivalPlace: move.offline.place } : {}),
              }
            : {}),
        },
      }),
    );
    return { personId: move.personId, ok: true as const, state: move.to };
  }

  /**
   * Fills the place a person left in a proposed stage with the next person at parity (same side
   * and category, or same value), if there is one; returns the replacement's id.
   */
  async function refill(
    actor: Actor,
    trx: Database,
    mechanism: Mechanism,
    person: repo.PersonRow,
    stage: repo.StageRow,
    reason: string,
  ): Promise<string | null> {
    const all = await repo.findPersons(trx, { agreementId: person.agreement_id });
    const inStage = all.filter((p) => p.stage_id === stage.id && p.id !== person.id);
    const free = all.filter(
      (p) => !p.stage_id && (p.state === 'wish_verified' || p.state === 'approved'),
    );
    const replacement = replacementFor(
      candidateOf(person),
      inStage.map(candidateOf),
      free.map(candidateOf),
      stage.formula,
    );
    if (replacement) await repo.setStage(trx, [replacement.id], stage.id);
    await audit.record(
      trx,
      auditEvent(actor, 'exchange.stage.refill', {
        mechanismId: mechanism.id,
        objectIds: [stage.id, person.id, ...(replacement ? [replacement.id] : [])],
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        details: { replaced: replacement !== null },
      }),
    );
    return replacement?.id ?? null;
  }

  /** The manifest of a stage's persons, with the Art. 17 minimum read from their lines. */
  async function stageManifest(
    actor: Actor,
    mechanism: Mechanism,
    stage: repo.StageRow,
    persons: readonly repo.PersonRow[],
    supersedes: string | null,
  ): Promise<StageManifest> {
    const lines = await registry.records(
      actor,
      mechanism.id,
      persons.map((p) => ({
        party: p.party_code,
        kind: 'held' as const,
        versionId: p.list_version_id as VersionId,
        recordId: p.record_id,
      })),
    );
    const { agreement, version } = await versionOfStage(actor, mechanism, stage);
    return buildManifest({
      mechanism: { id: mechanism.id, name: mechanism.name },
      agreement: { id: agreement.id, versionId: version.id, name: version.definition.name },
      stage: { id: stage.id, number: stage.number, place: stage.place, date: stage.date },
      supersedes,
      persons: persons.map((p, i): ManifestPerson => {
        const line = lines[i];
        return {
          recordId: p.record_id,
          from: p.party_code,
          to: p.receiving_party,
          surname: line?.surname ?? line?.surnameLatin ?? null,
          givenName: line?.givenName ?? line?.givenNameLatin ?? null,
          patronymic: line?.patronymic ?? null,
          rank: line?.rank ?? null,
          dateOfBirth: line?.dateOfBirth ?? null,
          serviceNumber: line?.serviceNumber ?? null,
          category: p.category,
        };
      }),
    });
  }

  /** The agreement version a stage was planned under (a stage records the version it used). */
  async function versionOfStage(actor: Actor, mechanism: Mechanism, stage: repo.StageRow) {
    const agreement = await agreements.get(actor, mechanism.id, stage.agreement_id);
    const version = agreement.versions.find((v) => v.id === stage.agreement_version_id);
    if (!version)
      throw new AppError(
        'EXCHANGE.NOT_FOUND',
        `the agreement version of stage ${stage.number} is gone`,
      );
    return { agreement, version };
  }

  /**
   * Moves an approved stage on from where its persons now are (executing, completed), once per
   * request after its moves are committed, and audits the change. Reading the stage after each
   * of a thousand moves made a stage's handover quadratic (334 s for 1,000 persons); the stage
   * row is locked so that two requests moving halves of one stage cannot both miss the end.
   */
  async function followPersons(actor: Actor, stageId: string) {
    await withScope(db, rowScope(actor), async (trx) => {
      const stage = await repo.lockStage(trx, stageId);
      if (!stage || stage.status === 'proposed') return;
      const states = await repo.findStageStates(trx, stage.id);
      const status = stageStatusOf(stage.status, states as PersonState[]);
      if (status === stage.status) return;
      await repo.setStageStatus(trx, stage.id, status);
      await audit.record(
        trx,
        auditEvent(actor, 'exchange.stage.status', {
          mechanismId: stage.mechanism_id,
          objectIds: [stage.id],
          details: { number: stage.number, from: stage.status, to: status },
        }),
      );
    });
  }

  return { clock, moveOne, refill, stageManifest, followPersons };
}

export type ExchangeSteps = ReturnType<typeof createExchangeSteps>;
