import { createPublicKey, verify } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Database } from '../../platform/db/kysely.ts';
import { withScope } from '../../platform/db/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import { authorize, rowScope, type Actor } from '../access/index.ts';
import type { AgreementsService, EligibilityService } from '../agreements/index.ts';
import type { Mechanism, MechanismsService } from '../mechanisms/index.ts';
import type { ReconciliationService } from '../reconciliation/index.ts';
import type { RegistryService, VersionId } from '../registry/index.ts';
import { buildManifest, type ManifestPerson, type StageManifest } from './domain/manifest.ts';
import { manifestPdf as printManifest } from './manifest-pdf.ts';
import { buildReport, buildStageReport, type ReportPerson } from './domain/report.ts';
import { findBatchesWithBags } from './remains.repository.ts';
import {
  countsForStage,
  EXCEPTIONS,
  MAIN_PATH,
  mayMove,
  stateSeenByParty,
  type PathActor,
  type PersonState,
} from './domain/person-path.ts';
import {
  documentHash,
  publicKeyId,
  signingMessage,
  verifySignedDocument,
  type DocumentKind,
  type SignedDocumentFile,
  type Signer,
} from './domain/signed-document.ts';
import { stageStatusOf } from './domain/stage-status.ts';
import { checkParity, planStage, replacementFor, type Candidate } from './domain/stage-plan.ts';
import * as repo from './exchanges.repository.ts';

export interface ExchangesDeps {
  db: Database;
  mechanisms: MechanismsService;
  agreements: AgreementsService;
  eligibility: EligibilityService;
  reconciliation: ReconciliationService;
  registry: RegistryService;
  audit: AuditLog;
  clock?: () => Date;
}

type SignerRole = Signer['role'];

export interface Move {
  personId: string;
  to: PersonState;
  reason?: string;
}

const PAGE = 1_000;
const STATES: readonly string[] = [...MAIN_PATH, ...EXCEPTIONS];

/**
 * From agreement to handover: each person's path, stages at parity, and manifests that each
 * party officer and the mediator sign with their own keys.
 */
export function createExchangesService(deps: ExchangesDeps) {
  const { db, mechanisms, agreements, eligibility, reconciliation, registry, audit } = deps;
  const clock = deps.clock ?? (() => new Date());

  /** The roles an actor takes on a person's path: holding or receiving party, mediator, verifier. */
  function pathActorsOf(actor: Actor, person: repo.PersonRow): PathActor[] {
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
  function seesInterview(actor: Actor, mechanismId: string) {
    return (
      actor.isSystem ||
      actor.grants.some(
        (g) =>
          g.mechanismId === mechanismId && (g.role === 'mediator' || g.role === 'neutral_verifier'),
      )
    );
  }

  /** A person as the actor may see them: the parties see only whether the person was cleared. */
  function personView(actor: Actor, person: repo.PersonRow) {
    const isNeutral = seesInterview(actor, person.mechanism_id);
    return {
      id: person.id,
      party: person.party_code,
      receivingParty: person.receiving_party,
      recordId: person.record_id,
      category: person.category,
      rank: person.rank,
      state: isNeutral ? person.state : stateSeenByParty(person.state as PersonState),
      stageId: person.stage_id,
    };
  }

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
    await repo.movePerson(trx, person, {
      to: move.to,
      reason: reason || null,
      actor: actor.id,
      at: clock(),
      ...(stageId !== undefined ? { stageId } : {}),
    });
    await audit.record(
      trx,
      auditEvent(actor, 'exchange.move', {
        mechanismId: person.mechanism_id,
        objectIds: [person.id, `${person.list_version_id}/${person.record_id}`],
        ...(reason ? { reason } : {}),
        details: { from: person.state, to: move.to },
      }),
    );
    return { personId: move.personId, ok: true as const, state: move.to };
  }

  return {
    /** Registers the public half of a user's own Ed25519 key in a mechanism. */
    async registerKey(
      actor: Actor,
      input: { mechanism: string; userId: string; publicKey: string },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      if (!actor.isSystem && actor.userId !== input.userId) {
        throw new AppError('ACCESS.FORBIDDEN', 'people register their own keys');
      }
      let der: string;
      try {
        const key = createPublicKey(
          input.publicKey.includes('BEGIN')
            ? input.publicKey
            : { key: Buffer.from(input.publicKey, 'base64'), format: 'der', type: 'spki' },
        );
        if (key.asymmetricKeyType !== 'ed25519') throw new Error(String(key.asymmetricKeyType));
        der = key.export({ type: 'spki', format: 'der' }).toString('base64');
      } catch {
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          'publicKey: not an Ed25519 public key (PEM, or SPKI DER in base64)',
        );
      }
      const keyId = publicKeyId(der);
      await db.transaction().execute(async (trx) => {
        if (await repo.findKey(trx, keyId)) {
          throw new AppError('VALIDATION.INVALID_INPUT', `the key ${keyId} is registered already`);
        }
        await repo.insertKey(trx, {
          keyId,
          mechanismId: mechanism.id,
          userId: input.userId,
          publicKey: der,
          registeredBy: actor.id,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'exchange.key.register', {
            mechanismId: mechanism.id,
            objectIds: [keyId, input.userId],
          }),
        );
      });
      return { keyId };
    },

    /** The keys registered in a mechanism: public, for anyone who verifies a manifest. */
    async keys(actor: Actor, mechanismRef: string) {
      const mechanism = await mechanisms.get(actor, mechanismRef);
      return (await repo.findKeys(db, mechanism.id)).map((k) => ({
        keyId: k.key_id,
        username: k.username,
        publicKey: k.public_key,
        registeredAt: k.registered_at,
        registeredBy: k.registered_by,
        revokedAt: k.revoked_at,
      }));
    },

    /**
     * Puts on the path every person an agreement makes eligible on each party's latest held
     * list: acknowledged when the latest reconciliation matched the line, else proposed.
     */
    async openPaths(actor: Actor, input: { mechanism: string; agreement: string }) {
      const { mechanism, agreement, version } = await agreements.version(
        actor,
        input.mechanism,
        input.agreement,
      );
      authorize(actor, 'exchange.manage', { mechanismId: mechanism.id });
      const persons: Parameters<typeof repo.insertPersons>[1][number][] = [];
      for (const party of mechanism.parties) {
        const receivingParty = mechanism.parties.find((p) => p !== party)!;
        const acknowledged = new Set<string>();
        for (let offset = 0; ; offset += PAGE) {
          const page = await reconciliation
            .outcomes(actor, mechanism.id, {
              party,
              kind: 'held',
              outcome: 'acknowledged',
              offset,
              limit: PAGE,
            })
            .catch((error: unknown) => {
              if (error instanceof AppError && error.code === 'RECONCILIATION.NOT_RUN') return null;
              throw error;
            });
          for (const o of page?.outcomes ?? []) acknowledged.add(o.record_id);
          if (!page || page.outcomes.length < PAGE) break;
        }
        for (let offset = 0; ; offset += PAGE) {
          const page = await eligibility.results(actor, {
            mechanism: mechanism.id,
            agreement: agreement.id,
            version: version.number,
            party,
            kind: 'held',
            outcome: 'eligible',
            offset,
            limit: PAGE,
          });
          if (!page.listVersion) break;
          const lines = await registry.records(
            actor,
            mechanism.id,
            page.results.map((r) => ({
              party,
              kind: 'held' as const,
              versionId: page.listVersion.id,
              recordId: r.recordId,
            })),
          );
          page.results.forEach((result, i) => {
            const line = lines[i];
            persons.push({
              mechanismId: mechanism.id,
              agreementId: agreement.id,
              party,
              receivingParty,
              listVersionId: page.listVersion.id,
              recordId: result.recordId,
              category: result.decidedBy ?? result.categories[0] ?? 'unknown',
              // Longest captivity first: the capture date; unknown dates go last.
              priority: line?.captureDate ?? '9999',
              rank: line?.rank ?? null,
              state: acknowledged.has(result.recordId) ? 'acknowledged' : 'proposed',
            });
          });
          if (page.results.length < PAGE) break;
        }
      }
      const added = await withScope(db, rowScope(actor), async (trx) => {
        const count = await repo.insertPersons(trx, persons);
        await audit.record(
          trx,
          auditEvent(actor, 'exchange.open', {
            mechanismId: mechanism.id,
            objectIds: [agreement.id, version.id],
            details: { eligible: persons.length, added: count },
          }),
        );
        return count;
      });
      return { eligible: persons.length, added };
    },

    /** The persons on an agreement's path, as the actor may see them. */
    async persons(
      actor: Actor,
      input: { mechanism: string; agreement: string; state?: string; party?: string },
    ) {
      const { mechanism, agreement } = await agreements.version(
        actor,
        input.mechanism,
        input.agreement,
      );
      authorize(actor, 'exchange.read', { mechanismId: mechanism.id });
      const rows = await withScope(db, rowScope(actor), (scoped) =>
        repo.findPersons(scoped, {
          agreementId: agreement.id,
          ...(input.state ? { state: input.state } : {}),
          ...(input.party ? { party: input.party.toUpperCase() } : {}),
        }),
      );
      await audit.record(
        null,
        auditEvent(actor, 'exchange.read', {
          mechanismId: mechanism.id,
          objectIds: rows.map((p) => `${p.list_version_id}/${p.record_id}`),
          details: { agreement: agreement.id, state: input.state ?? null },
        }),
      );
      return rows.map((p) => personView(actor, p));
    },

    /** Moves persons along their paths; each move is checked on its own and reported. */
    async move(actor: Actor, input: { mechanism: string; moves: readonly Move[] }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.move', { mechanismId: mechanism.id });
      const results = [];
      for (const move of input.moves) {
        results.push(
          await withScope(db, rowScope(actor), async (trx) => {
            const person = await repo.findPerson(trx, move.personId);
            if (!person || person.mechanism_id !== mechanism.id)
              return { personId: move.personId, ok: false as const, problem: 'no such person' };
            const stage = person.stage_id ? await repo.findStage(trx, person.stage_id) : null;
            const leavesStage =
              stage?.status === 'proposed' && (EXCEPTIONS as readonly string[]).includes(move.to);
            const moved = await moveOne(actor, trx, move, leavesStage ? null : undefined);
            if (moved.ok && stage && stage.status !== 'proposed')
              await followPersons(actor, trx, stage);
            if (!moved.ok || !leavesStage) return moved;
            const replacement = await refill(
              actor,
              trx,
              mechanism,
              person,
              stage,
              move.reason ?? '',
            );
            return { ...moved, replacement };
          }),
        );
      }
      return results;
    },

    /** Proposes a stage from the persons cleared to go (wish verified or approved), at parity. */
    async proposeStage(
      actor: Actor,
      input: { mechanism: string; agreement: string; place: string; date: string; size?: number },
    ) {
      const { mechanism, agreement, version } = await agreements.version(
        actor,
        input.mechanism,
        input.agreement,
      );
      authorize(actor, 'exchange.manage', { mechanismId: mechanism.id });
      return withScope(db, rowScope(actor), async (trx) => {
        const ready = (await repo.findPersons(trx, { agreementId: agreement.id })).filter(
          (p) => (p.state === 'wish_verified' || p.state === 'approved') && !p.stage_id,
        );
        const plan = planStage(ready.map(candidateOf), version.definition.formula, {
          sides: [mechanism.parties[0], mechanism.parties[1]],
          ...(input.size ? { size: input.size } : {}),
        });
        const number = await repo.nextStageNumber(trx, mechanism.id, version.id);
        const surplus = plan.surplus.map((s) => ({ personId: s.candidate.id, reason: s.reason }));
        const stageId = await repo.insertStage(trx, {
          mechanismId: mechanism.id,
          agreementId: agreement.id,
          agreementVersionId: version.id,
          formula: version.definition.formula,
          number,
          place: input.place,
          date: input.date,
          surplus,
          createdBy: actor.id,
        });
        await repo.setStage(
          trx,
          plan.selected.map((c) => c.id),
          stageId,
        );
        await audit.record(
          trx,
          auditEvent(actor, 'exchange.stage.propose', {
            mechanismId: mechanism.id,
            objectIds: [stageId, version.id],
            details: { number, selected: plan.selected.length, surplus: surplus.length },
          }),
        );
        return { stageId, number, selected: plan.selected.length, surplus, parity: plan.parity };
      });
    },

    /** A stage with its persons and parity, checked again as it stands. */
    async stage(actor: Actor, input: { mechanism: string; stageId: string }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.read', { mechanismId: mechanism.id });
      const state = await withScope(db, rowScope(actor), (trx) =>
        stageState(trx, mechanism, input.stageId),
      );
      if (seesInterview(actor, mechanism.id)) return state;
      return {
        ...state,
        persons: state.persons.map((p) => ({
          ...p,
          state: stateSeenByParty(p.state as PersonState),
        })),
      };
    },

    /**
     * Withdraws a person from a stage that is not yet approved, for a reason, and fills the
     * place with the next person at parity when there is one.
     */
    async withdraw(actor: Actor, input: { mechanism: string; personId: string; reason: string }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.manage', { mechanismId: mechanism.id });
      return withScope(db, rowScope(actor), async (trx) => {
        const person = await repo.findPerson(trx, input.personId);
        if (!person?.stage_id || person.mechanism_id !== mechanism.id)
          throw new AppError('EXCHANGE.NOT_FOUND', `no person ${input.personId} in a stage`);
        const stage = await repo.findStage(trx, person.stage_id);
        if (stage?.status !== 'proposed')
          throw new AppError(
            'EXCHANGE.STAGE_FROZEN',
            'the stage is approved: its manifest is frozen; correct it with a new manifest',
          );
        const moved = await moveOne(
          actor,
          trx,
          { personId: person.id, to: 'withdrawn', reason: input.reason },
          null,
        );
        if (!moved.ok) throw new AppError('EXCHANGE.MOVE_REFUSED', moved.problem);
        const replacement = await refill(actor, trx, mechanism, person, stage, input.reason);
        return { withdrawn: person.id, replacement };
      });
    },

    /**
     * Approves a stage at parity: its persons are assigned to it and its manifest is frozen for
     * each party officer and the mediator to sign.
     */
    async approveStage(actor: Actor, input: { mechanism: string; stageId: string }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.manage', { mechanismId: mechanism.id });
      // First what other modules know (each reads in its own transaction): the persons' lines
      // and the agreement; then one transaction checks the stage again and freezes it.
      const before = await withScope(db, rowScope(actor), (trx) =>
        stageState(trx, mechanism, input.stageId),
      );
      const going = readyToGo(before);
      const manifest = await stageManifest(actor, mechanism, before.stage, going, null);
      const hash = documentHash(manifest);
      return withScope(db, rowScope(actor), async (trx) => {
        const now = readyToGo(await stageState(trx, mechanism, input.stageId));
        if (now.map((p) => p.id).join() !== going.map((p) => p.id).join()) {
          throw new AppError(
            'EXCHANGE.STAGE_FROZEN',
            `stage ${before.stage.number} changed while it was being approved: approve it again`,
          );
        }
        for (const person of going) {
          const moved = await moveOne(
            actor,
            trx,
            { personId: person.id, to: 'assigned' },
            before.stage.id,
          );
          if (!moved.ok)
            throw new AppError('EXCHANGE.MOVE_REFUSED', `${person.record_id}: ${moved.problem}`);
        }
        const manifestId = await repo.insertManifest(trx, {
          mechanismId: mechanism.id,
          stageId: before.stage.id,
          kind: 'parley-manifest/1',
          document: canonicalize(manifest)!,
          hash,
          requiredSigners: [
            ...mechanism.parties.map((party) => ({ role: 'party_officer', party })),
            { role: 'mediator', party: null },
          ],
          supersedes: null,
          createdBy: actor.id,
        });
        await repo.setStageStatus(trx, before.stage.id, 'approved');
        await audit.record(
          trx,
          auditEvent(actor, 'exchange.stage.approve', {
            mechanismId: mechanism.id,
            objectIds: [before.stage.id, manifestId],
            details: { hash, persons: going.length },
          }),
        );
        return { manifestId, hash, persons: going.length };
      });
    },

    /**
     * Corrects an approved stage's manifest: a new manifest of the persons still on their way
     * (those moved to an exception since are left out), naming the one it replaces, to be signed
     * again. The old manifest and its signatures stay as they were.
     */
    async correctManifest(
      actor: Actor,
      input: { mechanism: string; manifestId: string; reason: string },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.manage', { mechanismId: mechanism.id });
      const old = await repo.findManifest(db, input.manifestId);
      if (!old || old.mechanism_id !== mechanism.id || old.kind !== 'parley-manifest/1')
        throw new AppError('EXCHANGE.NOT_FOUND', `no manifest ${input.manifestId}`);
      const latest = (await repo.findManifests(db, old.stage_id)).at(-1);
      if (latest?.id !== old.id)
        throw new AppError(
          'EXCHANGE.STAGE_FROZEN',
          `manifest ${old.id} was corrected already by ${latest?.id ?? '?'}: correct the latest`,
        );
      const state = await withScope(db, rowScope(actor), (trx) =>
        stageState(trx, mechanism, old.stage_id),
      );
      const going = state.persons.filter((p) => countsForStage(p.state as PersonState));
      const manifest = await stageManifest(actor, mechanism, state.stage, going, old.hash);
      const hash = documentHash(manifest);
      return db.transaction().execute(async (trx) => {
        const manifestId = await repo.insertManifest(trx, {
          mechanismId: mechanism.id,
          stageId: old.stage_id,
          kind: 'parley-manifest/1',
          document: canonicalize(manifest)!,
          hash,
          requiredSigners: old.required_signers,
          supersedes: old.id,
          createdBy: actor.id,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'exchange.manifest.correct', {
            mechanismId: mechanism.id,
            objectIds: [manifestId, old.id],
            reason: input.reason,
            details: { hash, supersedes: old.hash, persons: going.length },
          }),
        );
        return { manifestId, hash, supersedes: old.hash, persons: going.length };
      });
    },

    /** A manifest as a self-contained file: document, hash, required signers and signatures. */
    async manifestFile(
      actor: Actor,
      input: { mechanism: string; manifestId: string },
    ): Promise<SignedDocumentFile<unknown>> {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.read', { mechanismId: mechanism.id });
      const manifest = await repo.findManifest(db, input.manifestId);
      if (!manifest || manifest.mechanism_id !== mechanism.id)
        throw new AppError('EXCHANGE.NOT_FOUND', `no manifest ${input.manifestId}`);
      const signatures = await repo.findSignatures(db, manifest.id);
      await audit.record(
        null,
        auditEvent(actor, 'exchange.manifest.read', {
          mechanismId: mechanism.id,
          objectIds: [manifest.id],
        }),
      );
      return {
        kind: manifest.kind as DocumentKind,
        document: JSON.parse(manifest.document) as unknown,
        hash: manifest.hash,
        requiredSigners: manifest.required_signers.map((r) => ({
          role: r.role as SignerRole,
          party: r.party,
        })),
        signatures: signatures.map((s) => ({
          signer: s.signer,
          role: s.role as SignerRole,
          party: s.party_code || null,
          keyId: s.key_id,
          publicKey: s.public_key,
          signedAt: s.signed_at.toISOString(),
          signature: s.signature,
        })),
      };
    },

    /**
     * Adds a signature made with a key the signer registered. The server never sees a private
     * key: it checks the signature over the manifest's hash before keeping it.
     */
    async signManifest(
      actor: Actor,
      input: {
        mechanism: string;
        manifestId: string;
        keyId: string;
        signature: string;
        role: SignerRole;
        party?: string | null;
        /** The operator's command line records a signature for the key's owner. */
        onBehalfOf?: string;
      },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.sign', { mechanismId: mechanism.id });
      const party = input.role === 'party_officer' ? (input.party ?? '').toUpperCase() : null;
      const holds = actor.grants.some(
        (g) => g.mechanismId === mechanism.id && g.role === input.role && g.party === party,
      );
      const key = await repo.findKey(db, input.keyId);
      if (!key || key.mechanism_id !== mechanism.id || key.revoked_at)
        throw new AppError(
          'EXCHANGE.BAD_SIGNATURE',
          `the key ${input.keyId} is not registered in ${mechanism.name}`,
        );
      const signer = actor.isSystem && input.onBehalfOf ? `user:${input.onBehalfOf}` : actor.id;
      if (actor.isSystem && input.onBehalfOf) {
        const owner = (await repo.findKeys(db, mechanism.id)).find((k) => k.key_id === key.key_id);
        if (owner?.username !== input.onBehalfOf)
          throw new AppError(
            'EXCHANGE.BAD_SIGNATURE',
            `the key ${key.key_id} is not ${input.onBehalfOf}'s`,
          );
      }
      if (!actor.isSystem && (!holds || key.user_id !== actor.userId)) {
        throw new AppError(
          'ACCESS.FORBIDDEN',
          `you sign as ${input.role}${party ? ` for ${party}` : ''} only with that role and your own key`,
        );
      }
      const manifest = await repo.findManifest(db, input.manifestId);
      if (!manifest || manifest.mechanism_id !== mechanism.id)
        throw new AppError('EXCHANGE.NOT_FOUND', `no manifest ${input.manifestId}`);
      const isValid = (() => {
        try {
          return verify(
            null,
            signingMessage(manifest.kind as DocumentKind, manifest.hash),
            createPublicKey({
              key: Buffer.from(key.public_key, 'base64'),
              format: 'der',
              type: 'spki',
            }),
            Buffer.from(input.signature, 'base64'),
          );
        } catch {
          return false;
        }
      })();
      if (!isValid)
        throw new AppError(
          'EXCHANGE.BAD_SIGNATURE',
          `the signature does not verify over manifest ${manifest.hash}`,
        );
      await db.transaction().execute(async (trx) => {
        const existing = await repo.findSignatures(trx, manifest.id);
        if (existing.some((s) => s.role === input.role && (s.party_code || null) === party))
          throw new AppError(
            'EXCHANGE.BAD_SIGNATURE',
            `the manifest is signed as ${input.role}${party ? ` for ${party}` : ''} already`,
          );
        await repo.insertSignature(trx, {
          manifestId: manifest.id,
          signer,
          role: input.role,
          party,
          keyId: key.key_id,
          signature: input.signature,
          signedAt: clock(),
        });
        await audit.record(
          trx,
          auditEvent(actor, 'exchange.manifest.sign', {
            mechanismId: mechanism.id,
            objectIds: [manifest.id, key.key_id],
            details: { role: input.role, party, hash: manifest.hash },
          }),
        );
      });
      return { hash: manifest.hash };
    },

    /** Verifies a stored manifest against the mechanism's registered keys. */
    async verifyManifest(actor: Actor, input: { mechanism: string; manifestId: string }) {
      const file = await this.manifestFile(actor, input);
      const mechanism = await mechanisms.get(actor, input.mechanism);
      const trusted = new Set(
        (await repo.findKeys(db, mechanism.id)).filter((k) => !k.revoked_at).map((k) => k.key_id),
      );
      return verifySignedDocument(file, { trustedKeyIds: trusted });
    },

    /**
     * Issues the receipt of a person handed over: what the receiving party's officer and the
     * neutral verifier sign, before the receipt is confirmed.
     */
    async issueReceipt(actor: Actor, input: { mechanism: string; personId: string }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.move', { mechanismId: mechanism.id });
      const person = await withScope(db, rowScope(actor), (trx) =>
        repo.findPerson(trx, input.personId),
      );
      if (!person || person.mechanism_id !== mechanism.id || !person.stage_id)
        throw new AppError('EXCHANGE.NOT_FOUND', `no person ${input.personId} in a stage`);
      if (!pathActorsOf(actor, person).includes('neutral_verifier'))
        throw new AppError('ACCESS.FORBIDDEN', 'the neutral verifier issues handover receipts');
      if (person.state !== 'handed_over')
        throw new AppError(
          'EXCHANGE.MOVE_REFUSED',
          `a receipt is issued for a person handed over, not one who is ${person.state.replaceAll('_', ' ')}`,
        );
      const stage = (await repo.findStage(db, person.stage_id))!;
      const [manifest] = await repo.findManifests(db, stage.id);
      const [line] = await registry.records(actor, mechanism.id, [
        {
          party: person.party_code,
          kind: 'held',
          versionId: person.list_version_id as VersionId,
          recordId: person.record_id,
        },
      ]);
      const document = {
        format: 'parley-receipt/1',
        mechanism: { id: mechanism.id, name: mechanism.name },
        stage: { id: stage.id, number: stage.number, place: stage.place, date: stage.date },
        manifest: manifest?.hash ?? null,
        person: {
          recordId: person.record_id,
          from: person.party_code,
          to: person.receiving_party,
          surname: line?.surname ?? line?.surnameLatin ?? null,
          givenName: line?.givenName ?? line?.givenNameLatin ?? null,
          dateOfBirth: line?.dateOfBirth ?? null,
        },
        handedOverAt: person.updated_at.toISOString(),
      };
      const hash = documentHash(document);
      return withScope(db, rowScope(actor), async (trx) => {
        if (await repo.findReceipt(trx, person.id))
          throw new AppError('EXCHANGE.MOVE_REFUSED', `${person.record_id} has a receipt already`);
        const receiptId = await repo.insertManifest(trx, {
          mechanismId: mechanism.id,
          stageId: stage.id,
          kind: 'parley-receipt/1',
          document: canonicalize(document)!,
          hash,
          requiredSigners: [
            { role: 'party_officer', party: person.receiving_party },
            { role: 'neutral_verifier', party: null },
          ],
          supersedes: null,
          personId: person.id,
          createdBy: actor.id,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'exchange.receipt.issue', {
            mechanismId: mechanism.id,
            objectIds: [receiptId, person.id],
            details: { hash },
          }),
        );
        return { receiptId, hash };
      });
    },

    /**
     * The agreement's report: asked for and got, persons by category and state, stages and
     * their parity, disputes. Counts only, so they are counted past the row policies.
     */
    async report(actor: Actor, input: { mechanism: string; agreement: string }) {
      const { mechanism, agreement } = await agreements.version(
        actor,
        input.mechanism,
        input.agreement,
      );
      authorize(actor, 'exchange.read', { mechanismId: mechanism.id });
      const summary = await eligibility.summary(actor, {
        mechanism: mechanism.id,
        agreement: agreement.id,
      });
      const askedFor = Object.fromEntries(
        summary.lists.filter((l) => l.kind === 'sought').map((l) => [l.party, l.outcomes.eligible]),
      );
      const reconciled = await reconciliation.status(actor, mechanism.id).catch(() => null);
      const notAcknowledged = Object.fromEntries(
        (reconciled?.summary?.outcomes ?? [])
          .filter((row) => row.outcome === 'not_acknowledged')
          .map((row) => [row.party_code, row.n]),
      );
      const { persons, stages, batches } = await withScope(db, { system: 'on' }, async (trx) => ({
        persons: await repo.findPersons(trx, { agreementId: agreement.id }),
        stages: (await repo.findStages(trx, mechanism.id)).filter(
          (stage) => stage.agreement_id === agreement.id,
        ),
        batches: await findBatchesWithBags(trx, mechanism.id),
      }));
      const parties: [string, string] = [mechanism.parties[0], mechanism.parties[1]];
      return buildReport({
        parties,
        seesInterview: seesInterview(actor, mechanism.id),
        askedFor,
        notAcknowledged,
        persons: persons.map(reportPersonOf),
        stages: stages.map((stage) => reportStageOf(stage, persons, parties)),
        remains: batches.map((batch) => ({
          from: batch.from_party,
          to: batch.to_party,
          state: batch.state,
          bags: batch.bags.map((bag) => ({ bodies: bag.bodies, state: bag.state })),
        })),
      });
    },

    /**
     * One stage's report: its persons by category and state, parity, surplus, who was returned,
     * and disputes. Counts only, so they are counted past the row policies.
     */
    async stageReport(actor: Actor, input: { mechanism: string; stageId: string }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.read', { mechanismId: mechanism.id });
      const { stage, persons } = await withScope(db, { system: 'on' }, async (trx) => {
        const stage = await repo.findStage(trx, input.stageId);
        if (!stage || stage.mechanism_id !== mechanism.id)
          throw new AppError('EXCHANGE.NOT_FOUND', `no stage ${input.stageId}`);
        const left = stage.surplus.map((s) => s.personId);
        return {
          stage,
          persons: [
            ...(await repo.findPersons(trx, {
              agreementId: stage.agreement_id,
              stageId: stage.id,
            })),
            // The surplus, for the side each belongs to (they may be in a later stage by now).
            ...(left.length
              ? (
                  await repo.findPersons(trx, { agreementId: stage.agreement_id, ids: left })
                ).filter((p) => p.stage_id !== stage.id)
              : []),
          ],
        };
      });
      const parties: [string, string] = [mechanism.parties[0], mechanism.parties[1]];
      return {
        stage: { id: stage.id, number: stage.number, status: stage.status },
        rows: buildStageReport({
          parties,
          seesInterview: seesInterview(actor, mechanism.id),
          stage: reportStageOf(stage, persons, parties),
          persons: persons.map(reportPersonOf),
        }),
      };
    },

    /** A stage's manifest printed as PDF, with its signatures and whether it verifies. */
    async manifestPdf(actor: Actor, input: { mechanism: string; manifestId: string }) {
      const file = await this.manifestFile(actor, input);
      if (file.kind !== 'parley-manifest/1')
        throw new AppError(
          'EXCHANGE.NOT_FOUND',
          `${input.manifestId} is a receipt, not a manifest`,
        );
      return printManifest(
        file as SignedDocumentFile<StageManifest>,
        await this.verifyManifest(actor, input),
      );
    },

    async stages(actor: Actor, mechanismRef: string) {
      const mechanism = await mechanisms.get(actor, mechanismRef);
      authorize(actor, 'exchange.read', { mechanismId: mechanism.id });
      return repo.findStages(db, mechanism.id);
    },
  };

  /**
   * Moves an approved stage on from where its persons now are (executing, completed), in the
   * transaction that moved one of them, and audits the change.
   */
  async function followPersons(actor: Actor, trx: Database, stage: repo.StageRow) {
    const persons = await repo.findPersons(trx, {
      agreementId: stage.agreement_id,
      stageId: stage.id,
    });
    const status = stageStatusOf(
      stage.status,
      persons.map((p) => p.state as PersonState),
    );
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

  /** Why a person's receipt cannot be confirmed yet, or null when both have signed it. */
  async function unsignedReceipt(trx: Database, person: repo.PersonRow): Promise<string | null> {
    const receipt = await repo.findReceipt(trx, person.id);
    if (!receipt) return 'no receipt has been issued for this person yet';
    const signed = await repo.findSignatures(trx, receipt.id);
    const missing = receipt.required_signers.filter(
      (r) => !signed.some((s) => s.role === r.role && (s.party_code || null) === r.party),
    );
    return missing.length === 0
      ? null
      : `the receipt still needs the signature of ${missing.map((r) => `the ${r.role.replace('_', ' ')}${r.party ? ` for ${r.party}` : ''}`).join(' and ')}`;
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

  async function stageState(trx: Database, mechanism: Mechanism, stageId: string) {
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
}

/** The persons a proposed stage at parity hands over; refuses a stage that is not ready. */
function readyToGo(state: {
  stage: repo.StageRow;
  persons: repo.PersonRow[];
  parity: { isBalanced: boolean };
}): repo.PersonRow[] {
  if (state.stage.status !== 'proposed')
    throw new AppError(
      'EXCHANGE.STAGE_FROZEN',
      `stage ${state.stage.number} is ${state.stage.status} already`,
    );
  if (!state.parity.isBalanced)
    throw new AppError(
      'EXCHANGE.NOT_AT_PARITY',
      `stage ${state.stage.number} is not at parity`,
      state.parity,
    );
  const going = state.persons.filter((p) => countsForStage(p.state as PersonState));
  const notReady = going.filter((p) => p.state !== 'approved');
  if (going.length === 0) throw new AppError('EXCHANGE.MOVE_REFUSED', 'the stage has no one in it');
  if (notReady.length > 0)
    throw new AppError(
      'EXCHANGE.MOVE_REFUSED',
      `${notReady.length} person(s) of the stage are not approved by both sides yet (first: ${notReady[0]!.record_id})`,
    );
  return going;
}

function reportPersonOf(person: repo.PersonRow): ReportPerson {
  return {
    id: person.id,
    party: person.party_code,
    receivingParty: person.receiving_party,
    category: person.category,
    state: person.state as PersonState,
    stageId: person.stage_id,
  };
}

/** A stage as the report counts it: parity of those who still count for it, as it stands now. */
function reportStageOf(
  stage: repo.StageRow,
  persons: readonly repo.PersonRow[],
  sides: readonly [string, string],
) {
  const partyOf = new Map(persons.map((p) => [p.id, p.party_code]));
  return {
    id: stage.id,
    number: stage.number,
    status: stage.status,
    surplus: stage.surplus.map((s) => ({
      party: partyOf.get(s.personId) ?? '',
      reason: s.reason,
    })),
    parity: checkParity(
      persons
        .filter((p) => p.stage_id === stage.id && countsForStage(p.state as PersonState))
        .map(candidateOf),
      stage.formula,
      sides,
    ),
  };
}

function candidateOf(person: repo.PersonRow): Candidate {
  return {
    id: person.id,
    side: person.party_code,
    category: person.category,
    rank: person.rank,
    priority: person.priority,
  };
}

export type ExchangesService = ReturnType<typeof createExchangesService>;
