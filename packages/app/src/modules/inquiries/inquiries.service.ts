import type { Database } from '../../platform/db/kysely.ts';
import { withScope } from '../../platform/db/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import { authorize, rowScope, type Actor } from '../access/index.ts';
import { ownParty, partyOf, readerAs } from './bureau.ts';
import type { MechanismsService } from '../mechanisms/index.ts';
import type { CloseReason, InquiryStatus } from './domain/inquiry-status.ts';
import type { Channel } from '@parley/kernel/inquiry';
import { checkSoughtPerson, type FieldProblem, type SoughtPerson } from './domain/sought-person.ts';
import type { InquiryMatching } from './inquiry-matching.ts';
import * as repo from './inquiries.repository.ts';
import type { ListFileInput, RegistryService } from '../registry/index.ts';
import { soughtListOf } from './domain/sought-list.ts';
import { readInquiryFile } from './inquiry-file.ts';
import { presentInquiry, presentMatch } from './inquiries.present.ts';

export interface InquiriesDeps {
  db: Database;
  mechanisms: MechanismsService;
  registry: RegistryService;
  audit: AuditLog;
  matching: InquiryMatching;
  clock: () => Date;
  /** Told when matching a new inquiry failed; the inquiry is kept, and the next run matches it. */
  onMatchingError?: (error: unknown) => void;
}

/** One inquiry as the bureau takes it down. */
export interface InquiryInput {
  channel: Channel;
  receivedOn: string;
  inquirer: repo.NewInquirer;
  sought: SoughtPerson;
  consent: { tracing: boolean; sharing: { mediator: boolean; icrc: boolean; otherParty: boolean } };
}

const problemsText = (problems: readonly FieldProblem[]) =>
  problems.map((p) => `${p.field}: ${p.message}${p.value ? ` (${JSON.stringify(p.value)})` : ''}`);

/**
 * Families' inquiries: the party's bureau registers them, reads them and the inquirer's contact
 * (a compartment of its own, each read audited), closes them; the mediator reviews doubtful
 * matches; matching moves each inquiry's status, with its history.
 */
export function createInquiriesService({
  db,
  mechanisms,
  registry,
  audit,
  matching,
  clock,
  onMatchingError = () => {},
}: InquiriesDeps) {
  /** The mechanism and the party whose bureau acts, once the actor may do `permission` for it. */
  async function bureauOf(actor: Actor, ref: string, party: string | undefined) {
    const mechanism = await mechanisms.get(actor, ref);
    const code = party ?? ownParty(actor, mechanism);
    if (!code) throw new AppError('VALIDATION.INVALID_INPUT', "party: say which party's bureau");
    const resolved = partyOf(mechanism, code);
    authorize(actor, 'inquiry.register', { mechanismId: mechanism.id, party: resolved });
    return { mechanism, party: resolved };
  }

  /** Checks each inquiry; the problems of all of them, each named by its place in the request. */
  function checked(inputs: readonly InquiryInput[], where: (index: number) => string) {
    const problems: string[] = [];
    const people = inputs.map((input, i) => {
      const check = checkSoughtPerson(input.sought);
      if (check.ok) return check.value;
      problems.push(...problemsText(check.problems).map((p) => `${where(i)}${p}`));
      return input.sought;
    });
    if (problems.length > 0)
      throw new AppError('INQUIRY.INVALID', problems.join('; '), { problems });
    return people;
  }

  async function load(actor: Actor, mechanismRef: string, inquiryId: string) {
    const mechanism = await mechanisms.get(actor, mechanismRef);
    const found = await withScope(db, rowScope(actor), (scoped) =>
      repo.findInquiry(scoped, mechanism.id, inquiryId),
    );
    if (!found) throw new AppError('INQUIRY.NOT_FOUND', `no inquiry ${inquiryId}`);
    authorize(actor, 'inquiry.read', { mechanismId: mechanism.id, party: found.party_code });
    return { mechanism, inquiry: found };
  }

  /** The party's next sought list from its open inquiries, and what it would change. */
  async function soughtList(actor: Actor, ref: { mechanism: string; party?: string }) {
    const { mechanism, party } = await bureauOf(actor, ref.mechanism, ref.party);
    const { inquiries, pairs } = await withScope(db, rowScope(actor), async (s) => ({
      inquiries: await repo.findOpen(s, mechanism.id, party),
      pairs: await repo.findJoinedPairs(s, mechanism.id, party),
    }));
    const lines = soughtListOf(
      inquiries.map((i) => ({
        id: i.id,
        number: i.number,
        status: i.status as InquiryStatus,
        person: repo.personOf(i),
        mayGoToOtherParty: i.consent_tracing && i.share_other_party,
      })),
      pairs,
    );
    const listRef = { mechanism: mechanism.id, party, kind: 'sought' as const };
    const { from, diff } = await registry.diffWithLatest(actor, listRef, lines);
    return { mechanism, party, listRef, lines, from, diff };
  }

  const service = {
    /**
     * What the party's next sought list, built from its open inquiries, would change against its
     * latest version: the lines added, removed and changed, before anything is kept.
     */
    async previewSoughtList(actor: Actor, ref: { mechanism: string; party?: string }) {
      const { party, lines, from, diff } = await soughtList(actor, ref);
      return {
        party,
        lines: lines.length,
        from: from ? { number: from.number, lineCount: from.lineCount } : null,
        added: diff.added.map((l) => l.recordId),
        removed: diff.removed.map((l) => l.recordId),
        changed: diff.changed.map((c) => ({ recordId: c.recordId, changes: c.changes })),
        unchanged: diff.unchangedCount,
      };
    },

    /** Keeps the party's sought list built from its open inquiries as the list's next version. */
    async keepSoughtList(actor: Actor, ref: { mechanism: string; party?: string }) {
      const { listRef, lines, mechanism } = await soughtList(actor, ref);
      if (lines.length === 0)
        throw new AppError('INQUIRY.INVALID', 'no open inquiry may go on the sought list');
      const name = `sought-list-from-inquiries-${clock().toISOString().slice(0, 10)}.csv`;
      const { version } = await registry.keepLines(actor, listRef, name, lines);
      return { mechanism: mechanism.id, party: listRef.party, version };
    },

    /** Registers inquiries of one party (one from a form, many from a file), all or none, and matches them. */
    async register(
      actor: Actor,
      ref: { mechanism: string; party?: string },
      inputs: readonly InquiryInput[],
      where: (index: number) => string = () => '',
    ) {
      const { mechanism, party } = await bureauOf(actor, ref.mechanism, ref.party);
      const people = checked(inputs, where);
      const at = clock();
      const created = await withScope(db, rowScope(actor), async (trx) => {
        const rows = await repo.insertInquiries(
          trx,
          inputs.map((input, i) => ({
            inquiry: {
              mechanismId: mechanism.id,
              party,
              channel: input.channel,
              receivedOn: input.receivedOn,
              person: people[i]!,
              consentTracing: input.consent.tracing,
              sharing: input.consent.sharing,
              createdBy: actor.id,
              at,
            },
            inquirer: input.inquirer,
          })),
        );
        await audit.record(
          trx,
          auditEvent(actor, 'inquiry.register', {
            mechanismId: mechanism.id,
            objectIds: rows.length <= 100 ? rows.map((r) => r.id) : [],
            details: { party, count: rows.length, numbers: [rows[0]?.number, rows.at(-1)?.number] },
          }),
        );
        return rows;
      });
      const ids = created.map((c) => c.id);
      try {
        await matching.matchNew(mechanism.id, party, ids);
      } catch (error) {
        onMatchingError(error);
      }
      try {
        // A few new inquiries are searched for others about the same person at once, against
        // the party's inquiries prepared before; a bulk registration is searched in the background.
        await matching.findSamePersonsOfNew(mechanism.id, party, ids);
      } catch (error) {
        onMatchingError(error);
      }
      const stored = await withScope(db, rowScope(actor), (scoped) =>
        repo.findInquiriesByIds(scoped, mechanism.id, ids),
      );
      return stored.map(presentInquiry);
    },

    /**
     * Registers the inquiries of a CSV or XLSX file, all or none: any error refuses the whole
     * file, every error listed by line and column. The officer's right is checked before reading.
     */
    async importFile(
      actor: Actor,
      ref: { mechanism: string; party?: string },
      file: ListFileInput,
    ) {
      await bureauOf(actor, ref.mechanism, ref.party);
      const rows = await readInquiryFile(file);
      const created = await service.register(
        actor,
        ref,
        rows.map((r) => r.inquiry),
        (i) => `line ${rows[i]?.line ?? '?'}: `,
      );
      const count = (status: string) => created.filter((c) => c.status === status).length;
      return {
        imported: created.length,
        numbers: created.length > 0 ? [created[0]!.number, created.at(-1)!.number] : [],
        answered: created.length - count('no_information') - count('under_review'),
        underReview: count('under_review'),
      };
    },

    /** A page of inquiries, by status; the mediator and the ICRC see only those shared with them. Audited. */
    async list(
      actor: Actor,
      query: {
        mechanism: string;
        party?: string;
        status?: InquiryStatus;
        limit: number;
        offset: number;
      },
    ) {
      const mechanism = await mechanisms.get(actor, query.mechanism);
      const named = query.party ? partyOf(mechanism, query.party) : ownParty(actor, mechanism);
      authorize(actor, 'inquiry.read', {
        mechanismId: mechanism.id,
        ...(named ? { party: named } : {}),
      });
      const as = named ? readerAs(actor, mechanism.id, named) : readerAs(actor, mechanism.id, '');
      const page = await withScope(db, rowScope(actor), (scoped) =>
        repo.findInquiries(scoped, {
          mechanismId: mechanism.id,
          party: named,
          status: query.status ?? null,
          sharedWith: as === 'bureau' ? null : as,
          limit: query.limit,
          offset: query.offset,
        }),
      );
      await audit.record(
        null,
        auditEvent(actor, 'inquiry.read', {
          mechanismId: mechanism.id,
          objectIds: page.rows.map((r) => r.id),
          details: { party: named, status: query.status ?? null, offset: query.offset },
        }),
      );
      return { total: page.total, inquiries: page.rows.map(presentInquiry) };
    },

    /**
     * One inquiry with its status history and matches; for the party's bureau, the inquirer too
     * (the read of the inquirer's compartment is audited as such).
     */
    async get(actor: Actor, mechanismRef: string, inquiryId: string) {
      const { mechanism, inquiry } = await load(actor, mechanismRef, inquiryId);
      const as = readerAs(actor, mechanism.id, inquiry.party_code);
      if ((as === 'mediator' && !inquiry.share_mediator) || (as === 'icrc' && !inquiry.share_icrc))
        throw new AppError('INQUIRY.NOT_FOUND', `no inquiry ${inquiryId}`);
      const { history, matches, inquirer, samePerson, erasures } = await withScope(
        db,
        rowScope(actor),
        async (s) => ({
          history: await repo.findHistory(s, inquiry.id),
          matches: await repo.findMatches(s, [inquiry.id]),
          inquirer: as === 'bureau' ? await repo.findInquirer(s, inquiry.id) : undefined,
          samePerson: as === 'bureau' ? await repo.findSamePersonsOf(s, inquiry.id) : [],
          erasures: as === 'bureau' ? await repo.findErasuresOf(s, inquiry.id) : [],
        }),
      );
      await audit.record(
        null,
        auditEvent(actor, inquirer ? 'inquiry.inquirer.read' : 'inquiry.read', {
          mechanismId: mechanism.id,
          objectIds: [inquiry.id],
          details: { party: inquiry.party_code, number: inquiry.number },
        }),
      );
      return {
        ...presentInquiry(inquiry),
        inquirer: inquirer
          ? {
              name: inquirer.name,
              relation: inquirer.relation,
              contact: inquirer.contact,
              language: inquirer.language,
            }
          : null,
        history: history.map((h) => ({
          from: h.from_status,
          to: h.to_status,
          reason: h.reason,
          onDate: h.on_date,
          actor: h.actor,
          at: new Date(h.at).toISOString(),
        })),
        matches: matches.map(presentMatch),
        samePerson: samePerson.filter((p) => p.status !== 'rejected'),
        // The bureau's business: why the inquiry is held, what was asked of its data.
        legalHold:
          as === 'bureau' && inquiry.legal_hold
            ? {
                reason: inquiry.legal_hold,
                by: inquiry.legal_hold_by,
                at: inquiry.legal_hold_at ? new Date(inquiry.legal_hold_at).toISOString() : null,
              }
            : null,
        erasures: erasures.map((e) => ({
          id: e.id,
          scope: e.scope,
          requester: e.requester,
          requestedOn: e.requested_on,
          basis: e.basis,
          outcome: e.outcome,
          refusal: e.refusal,
          recordedAt: new Date(e.recorded_at).toISOString(),
        })),
      };
    },

    /** Closes an inquiry with the reason; matching no longer moves it. */
    async close(
      actor: Actor,
      input: { mechanism: string; inquiry: string; reason: CloseReason; note: string | null },
    ) {
      const { mechanism, inquiry } = await load(actor, input.mechanism, input.inquiry);
      authorize(actor, 'inquiry.register', {
        mechanismId: mechanism.id,
        party: inquiry.party_code,
      });
      if (inquiry.status === 'closed')
        throw new AppError('INQUIRY.CLOSED', `inquiry ${inquiry.number} is closed already`);
      const at = clock();
      await withScope(db, rowScope(actor), async (trx) => {
        await repo.insertStatusChanges(trx, [
          {
            inquiryId: inquiry.id,
            mechanismId: mechanism.id,
            party: inquiry.party_code,
            from: inquiry.status as InquiryStatus,
            to: 'closed',
            reason: input.note ? `${input.reason}: ${input.note}` : input.reason,
            onDate: null,
            actor: actor.id,
            at,
          },
        ]);
        await audit.record(
          trx,
          auditEvent(actor, 'inquiry.close', {
            mechanismId: mechanism.id,
            objectIds: [inquiry.id],
            details: { party: inquiry.party_code, number: inquiry.number, reason: input.reason },
          }),
        );
      });
      return { id: inquiry.id, status: 'closed' as const };
    },

    /** The doubtful matches waiting for the mediator, oldest first. */
    async reviewQueue(actor: Actor, mechanismRef: string) {
      const mechanism = await mechanisms.get(actor, mechanismRef);
      authorize(actor, 'inquiry.review', { mechanismId: mechanism.id });
      const rows = await withScope(db, rowScope(actor), (s) =>
        repo.findProposedMatches(s, mechanism.id, 200),
      );
      return rows.map(presentMatch);
    },

    /** The mediator confirms or rejects a match; the inquiry's status follows at once. */
    async decide(
      actor: Actor,
      input: { mechanism: string; match: string; decision: 'confirmed' | 'rejected' },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'inquiry.review', { mechanismId: mechanism.id });
      const match = await withScope(db, rowScope(actor), (s) =>
        repo.findMatch(s, mechanism.id, input.match),
      );
      if (!match) throw new AppError('INQUIRY.MATCH_NOT_FOUND', `no match ${input.match}`);
      await withScope(db, { system: 'on' }, async (trx) => {
        await repo.decideMatch(trx, match.id, {
          status: input.decision,
          by: actor.id,
          at: clock(),
        });
        await audit.record(
          trx,
          auditEvent(actor, 'inquiry.match.decide', {
            mechanismId: mechanism.id,
            objectIds: [match.inquiry_id, match.id],
            details: { decision: input.decision, party: match.party_code },
          }),
        );
      });
      await matching.restate(mechanism.id, match.party_code, [match.inquiry_id]);
      return { id: match.id, status: input.decision };
    },
  };
  return service;
}

export type InquiriesService = ReturnType<typeof createInquiriesService>;
