import { createHash, randomBytes } from 'node:crypto';
import { LANGUAGES, type FamilyStatusView, type Language } from '@parley/kernel/inquiry';
import type { Database } from '../../../platform/db/kysely.ts';
import { withScope } from '../../../platform/db/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { authorize, rowScope, type Actor } from '../../access/index.ts';
import { auditEvent, type AuditLog } from '../../audit/index.ts';
import type { MechanismsService } from '../../mechanisms/index.ts';
import { findInquirer, findInquiry } from '../inquiries.repository.ts';
import { canonicalFamilyCode, familyCodeOf } from './domain/family-code.ts';
import { letterOf, type LetterKind } from './domain/family-letter.ts';
import { familyViewOf, type FamilyView } from './domain/family-view.ts';
import { letterPdf } from './letter-pdf.ts';
import * as repo from './family-status.repository.ts';

export interface FamilyStatusDeps {
  db: Database;
  mechanisms: MechanismsService;
  audit: AuditLog;
  clock: () => Date;
  /** Random bytes for new codes (tests may fix them). */
  random?: (size: number) => Uint8Array;
}

/** How long a code holds unless the bureau says otherwise, and at most. */
export const FAMILY_CODE_DAYS = { default: 180, max: 730 } as const;
const DAY_MS = 86_400_000;

const hashOf = (canonical: string) => createHash('sha256').update(canonical).digest('hex');
const isoDay = (at: Date) => new Date(at).toISOString().slice(0, 10);
const iso = (at: Date | null) => (at ? new Date(at).toISOString() : null);

type Facts = NonNullable<Awaited<ReturnType<typeof repo.findInquiryFacts>>>;

/** The status a family may be told, from what the bureau knows of its inquiry. */
const viewOf = ({ inquiry, onDate, reason, hasReleasedMatch }: Facts): FamilyView =>
  familyViewOf({
    status: inquiry.status,
    statusOn: isoDay(inquiry.status_at),
    receivedOn: inquiry.received_on,
    handedOverOn: inquiry.status === 'handed_over' ? onDate : null,
    closeReason: inquiry.status === 'closed' ? reason : null,
    hasReleasedMatch,
  });

/** One answer for every code that does not open a page: the family learns nothing of why. */
const notValid = () =>
  new AppError(
    'INQUIRY.FAMILY_CODE_NOT_VALID',
    'this code does not open an inquiry: it is mistyped, expired or revoked',
  );

/**
 * The family's status page: the bureau issues a code for one inquiry (shown once, kept as its
 * hash), lists and revokes its codes; anyone with a code that holds sees that inquiry's status as
 * the family may be told it, and nothing else. Every issue, revocation and view is audited.
 */
export function createFamilyStatusService({
  db,
  mechanisms,
  audit,
  clock,
  random = (size) => randomBytes(size),
}: FamilyStatusDeps) {
  async function bureauInquiry(actor: Actor, mechanismRef: string, inquiryId: string) {
    const mechanism = await mechanisms.get(actor, mechanismRef);
    const inquiry = await withScope(db, rowScope(actor), (s) =>
      findInquiry(s, mechanism.id, inquiryId),
    );
    if (!inquiry) throw new AppError('INQUIRY.NOT_FOUND', `no inquiry ${inquiryId}`);
    authorize(actor, 'inquiry.register', { mechanismId: mechanism.id, party: inquiry.party_code });
    return { mechanism, inquiry };
  }

  const presentCode = (row: Awaited<ReturnType<typeof repo.findFamilyCodes>>[number]) => ({
    id: row.id,
    inquiryId: row.inquiry_id,
    issuedAt: iso(row.issued_at)!,
    expiresAt: iso(row.expires_at)!,
    revokedAt: iso(row.revoked_at),
    lastViewedAt: iso(row.last_viewed_at),
    views: row.views,
  });

  return {
    /** Issues a code for one inquiry: the answer is the only time the code is shown. */
    async issue(
      actor: Actor,
      input: { mechanism: string; inquiry: string; days?: number | undefined },
    ) {
      const { mechanism, inquiry } = await bureauInquiry(actor, input.mechanism, input.inquiry);
      if (inquiry.status === 'closed')
        throw new AppError('INQUIRY.CLOSED', `inquiry ${inquiry.number} is closed`);
      const days = input.days ?? FAMILY_CODE_DAYS.default;
      if (!Number.isInteger(days) || days < 1 || days > FAMILY_CODE_DAYS.max)
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          `days: from 1 to ${FAMILY_CODE_DAYS.max} (${String(days)})`,
        );
      const code = familyCodeOf(random(10));
      const issuedAt = clock();
      const expiresAt = new Date(issuedAt.getTime() + days * DAY_MS);
      const id = await withScope(db, rowScope(actor), async (trx) => {
        const created = await repo.insertFamilyCode(trx, {
          mechanismId: mechanism.id,
          party: inquiry.party_code,
          inquiryId: inquiry.id,
          codeHash: hashOf(canonicalFamilyCode(code)!),
          issuedBy: actor.id,
          issuedAt,
          expiresAt,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'inquiry.family-code.issue', {
            mechanismId: mechanism.id,
            objectIds: [inquiry.id, created],
            details: { party: inquiry.party_code, number: inquiry.number, days },
          }),
        );
        return created;
      });
      return { id, inquiryId: inquiry.id, code, expiresAt: expiresAt.toISOString() };
    },

    /** An inquiry's codes as the bureau sees them: when issued, until when, how often used. */
    async list(actor: Actor, mechanismRef: string, inquiryId: string) {
      const { inquiry } = await bureauInquiry(actor, mechanismRef, inquiryId);
      const rows = await withScope(db, rowScope(actor), (s) => repo.findFamilyCodes(s, inquiry.id));
      return rows.map(presentCode);
    },

    /** Revokes a code: the family's page no longer opens with it. */
    async revoke(actor: Actor, input: { mechanism: string; code: string }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      const found = await withScope(db, rowScope(actor), (s) =>
        repo.findFamilyCode(s, mechanism.id, input.code),
      );
      if (!found) throw new AppError('INQUIRY.NOT_FOUND', `no family code ${input.code}`);
      authorize(actor, 'inquiry.register', { mechanismId: mechanism.id, party: found.party_code });
      const at = clock();
      await withScope(db, rowScope(actor), async (trx) => {
        await repo.revokeFamilyCode(trx, found.id, actor.id, at);
        await audit.record(
          trx,
          auditEvent(actor, 'inquiry.family-code.revoke', {
            mechanismId: mechanism.id,
            objectIds: [found.inquiry_id, found.id],
            details: { party: found.party_code },
          }),
        );
      });
      return { ...presentCode(found), revokedAt: iso(found.revoked_at) ?? at.toISOString() };
    },

    /**
     * A letter to the inquirer from the templates, as a PDF: that the inquiry was received, or
     * where it stands as the family may be told it; in the inquirer's language unless another is
     * asked for. The inquiry's bureau alone writes it (it reads the inquirer's name); each letter
     * is audited with the SHA-256 of the PDF given out.
     */
    async letter(
      actor: Actor,
      input: { mechanism: string; inquiry: string; kind: LetterKind; language?: Language },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      const found = await withScope(db, rowScope(actor), async (s) => {
        const inquiry = await findInquiry(s, mechanism.id, input.inquiry);
        if (!inquiry) return null;
        authorize(actor, 'inquiry.inquirer', {
          mechanismId: mechanism.id,
          party: inquiry.party_code,
        });
        return {
          inquirer: await findInquirer(s, inquiry.id),
          facts: await repo.findInquiryFacts(s, inquiry.id),
        };
      });
      if (!found?.facts) throw new AppError('INQUIRY.NOT_FOUND', `no inquiry ${input.inquiry}`);
      if (!found.inquirer)
        throw new AppError(
          'INQUIRY.INQUIRER_ERASED',
          `the inquirer's data of inquiry ${input.inquiry} were erased at their request: there is no one to write to`,
        );
      const { facts, inquirer } = found;
      const known = LANGUAGES.find((l) => l === inquirer.language);
      const language = input.language ?? known ?? 'uk';
      const number = `${facts.inquiry.party_code}-${facts.inquiry.number}`;
      const letter = letterOf({
        kind: input.kind,
        language,
        inquirerName: inquirer.name,
        inquiry: number,
        receivedOn: facts.inquiry.received_on,
        view: viewOf(facts),
        writtenOn: isoDay(clock()),
      });
      const pdf = await letterPdf(letter, language);
      await audit.record(
        null,
        auditEvent(actor, 'inquiry.letter', {
          mechanismId: mechanism.id,
          objectIds: [facts.inquiry.id],
          details: {
            party: facts.inquiry.party_code,
            number: facts.inquiry.number,
            kind: input.kind,
            language,
            sha256: createHash('sha256').update(pdf).digest('hex'),
          },
        }),
      );
      return { pdf, fileName: `${number}-${input.kind}-${language}.pdf` };
    },

    /**
     * The public page: the status of the one inquiry the code opens, as its family may be told
     * it, in the inquirer's language. Audited as a read by the code (its id, never the code).
     */
    async view(typed: string, request: { requestId: string }): Promise<FamilyStatusView> {
      const canonical = canonicalFamilyCode(typed);
      if (!canonical) throw notValid();
      const at = clock();
      // A refusal is audited too, so the transaction ends before the refusal is thrown.
      const shown = await withScope(db, { system: 'on' }, async (trx) => {
        const code = await repo.findFamilyCodeByHash(trx, hashOf(canonical));
        if (!code) return null;
        const reader = { id: `family-code:${code.id}`, requestId: request.requestId };
        if (code.revoked_at || new Date(code.expires_at) <= at) {
          await audit.record(
            trx,
            auditEvent(reader, 'inquiry.family-status.refused', {
              mechanismId: code.mechanism_id,
              objectIds: [code.inquiry_id, code.id],
              details: { party: code.party_code, why: code.revoked_at ? 'revoked' : 'expired' },
            }),
          );
          return null;
        }
        const facts = await repo.findInquiryFacts(trx, code.inquiry_id);
        if (!facts) return null;
        const { inquiry } = facts;
        const view = viewOf(facts);
        await repo.countFamilyView(trx, code.id, at);
        await audit.record(
          trx,
          auditEvent(reader, 'inquiry.family-status.read', {
            mechanismId: code.mechanism_id,
            objectIds: [inquiry.id, code.id],
            details: { party: inquiry.party_code, number: inquiry.number, shown: view.status },
          }),
        );
        return {
          inquiry: `${inquiry.party_code}-${inquiry.number}`,
          receivedOn: inquiry.received_on,
          ...view,
          language: facts.language ?? 'uk',
        };
      });
      if (!shown) throw notValid();
      return shown;
    },
  };
}

export type FamilyStatusService = ReturnType<typeof createFamilyStatusService>;
