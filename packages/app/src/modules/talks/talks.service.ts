import type { Database } from '../../platform/db/kysely.ts';
import { withScope } from '../../platform/db/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import { rowScope, authorize, type Actor, type Permission } from '../access/index.ts';
import type { Mechanism, MechanismsService } from '../mechanisms/index.ts';
import { mergeTimeline } from './domain/timeline.ts';
import { timelineEntries } from './talks-timeline.ts';
import { mechanismFor as allowedMechanism, ownParty, partyOf } from './talks.guards.ts';
import * as repo from './talks.repository.ts';
import { translationUseCases } from './translations.service.ts';

export interface TalksDeps {
  db: Database;
  mechanisms: MechanismsService;
  audit: AuditLog;
  clock?: () => Date;
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

export type RoundCorrection = Partial<Omit<NewRound, 'mechanism'>> & {
  mechanism: string;
  round: string;
  reason?: string | null;
};

/** Rounds of talks and their outcomes, each party's private notes, and the timeline. */
export function createTalksService(deps: TalksDeps) {
  const { db, mechanisms, audit } = deps;
  const mechanismFor = (actor: Actor, ref: string, permission: Permission, party?: string) =>
    allowedMechanism(mechanisms, actor, ref, permission, party);

  const delegationsOf = (mechanism: Mechanism, delegations: NewRound['delegations']) =>
    delegations.map((d) => ({
      party: partyOf(mechanism, d.party),
      head: d.head,
      members: [...d.members],
    }));

  /** The agreements the outcomes link to, each checked to be the mechanism's. */
  async function linkedAgreements(mechanism: Mechanism, outcomes: NewRound['outcomes']) {
    const linked = [...new Set(outcomes.flatMap((o) => (o.agreementId ? [o.agreementId] : [])))];
    const found = await repo.agreementsOf(db, mechanism.id, linked);
    const missing = linked.find((id) => !found.some((a) => a.id === id));
    if (missing)
      throw new AppError('TALKS.NOT_FOUND', `no agreement ${missing} in ${mechanism.name}`);
    return linked;
  }

  return {
    ...translationUseCases(deps),

    /** Records a round: when and where, who mediated, each delegation, and what came of it. */
    async addRound(actor: Actor, input: NewRound) {
      const mechanism = await mechanismFor(actor, input.mechanism, 'talks.manage');
      const delegations = delegationsOf(mechanism, input.delegations);
      const linked = await linkedAgreements(mechanism, input.outcomes);
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

    /** Corrects a round's details; the audit log keeps what each changed field was before. */
    async correctRound(actor: Actor, input: RoundCorrection) {
      const mechanism = await mechanismFor(actor, input.mechanism, 'talks.manage');
      const { mechanism: _m, round: roundId, reason, outcomes: _o, ...fields } = input;
      const correction: repo.RoundCorrection = {
        ...fields,
        ...(fields.mediators ? { mediators: fields.mediators.map((m) => m.toUpperCase()) } : {}),
        ...(fields.delegations
          ? { delegations: delegationsOf(mechanism, fields.delegations) }
          : {}),
        ...(input.outcomes
          ? {
              outcomes: input.outcomes.map((o) => ({
                text: o.text,
                agreementId: o.agreementId ?? null,
              })),
            }
          : {}),
      };
      const changed = Object.keys(correction).filter(
        (k) => correction[k as keyof repo.RoundCorrection] !== undefined,
      );
      if (changed.length === 0)
        throw new AppError('VALIDATION.INVALID_INPUT', 'a correction names at least one field');
      const linked = await linkedAgreements(mechanism, input.outcomes ?? []);
      return db.transaction().execute(async (trx) => {
        const round = await repo.findRound(trx, mechanism.id, roundId);
        if (!round)
          throw new AppError('TALKS.NOT_FOUND', `no round ${roundId} in ${mechanism.name}`);
        const before: Record<string, unknown> = {
          date: round.date,
          venue: round.venue,
          mediators: round.mediators,
          delegations: round.delegations,
          durationMinutes: round.duration_minutes,
          summary: round.summary,
          outcomes: correction.outcomes ? await repo.outcomesOf(trx, round.id) : undefined,
        };
        await repo.updateRound(trx, mechanism.id, round.id, correction);
        await audit.record(
          trx,
          auditEvent(actor, 'talks.round.correct', {
            mechanismId: mechanism.id,
            objectIds: [round.id, ...linked],
            details: {
              number: round.number,
              before: Object.fromEntries(changed.map((k) => [k, before[k]])),
              after: Object.fromEntries(
                changed.map((k) => [k, correction[k as keyof repo.RoundCorrection]]),
              ),
            },
            ...(reason ? { reason } : {}),
          }),
        );
        return { id: round.id, number: round.number, corrected: changed };
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
      // A party's notes are its private record: each read names the notes it returned.
      await audit.record(
        null,
        auditEvent(actor, 'talks.note.read', {
          mechanismId: mechanism.id,
          objectIds: rows.map((n) => n.id),
          details: { party, notes: rows.length },
        }),
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
      // Stages have row policies: the timeline reads them in the actor's scope.
      const entries = await withScope(db, rowScope(actor), (scoped) =>
        timelineEntries(scoped, mechanism.id),
      );
      return mergeTimeline(entries, input);
    },
  };
}

export type TalksService = ReturnType<typeof createTalksService>;
