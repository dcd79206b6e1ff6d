import type { Database } from '../../../platform/db/kysely.ts';
import { AppError } from '../../../platform/errors.ts';
import { auditEvent, type AuditLog } from '../../audit/index.ts';
import type { MechanismsService } from '../../mechanisms/index.ts';
import { accountRecords, isSignedInPerson } from '../accounts/index.ts';
import { authorize } from '../domain/authorize.ts';
import { SYSTEM_ACTOR, type Actor } from '../domain/actor.ts';
import * as repo from './break-glass.repository.ts';

export interface BreakGlassDeps {
  db: Database;
  audit: AuditLog;
  mechanisms: MechanismsService;
  clock?: () => Date;
}

/** Emergency access to a mechanism's lists: the only way an admin reads personal data. */
export function createBreakGlassService({
  db,
  audit,
  mechanisms,
  clock = () => new Date(),
}: BreakGlassDeps) {
  return {
    /**
     * Opens emergency access to a mechanism's lists for a signed-in person with a second factor,
     * for a stated reason and at most an hour; it is logged and flagged, and every read under it
     * carries the reason.
     */
    async breakGlass(actor: Actor, input: { mechanism: string; reason: string; minutes: number }) {
      if (!isSignedInPerson(actor)) {
        throw new AppError(
          'ACCESS.FORBIDDEN',
          'break-glass access is for a signed-in person, not a token',
        );
      }
      const user = await accountRecords.findUserById(db, actor.userId);
      if (!user?.totp_secret) {
        throw new AppError(
          'ACCESS.FORBIDDEN',
          'break-glass access needs a second factor: add an authenticator to your account first',
        );
      }
      const [mechanism] = (await mechanisms.list(SYSTEM_ACTOR)).filter(
        (m) => m.id === input.mechanism || m.name === input.mechanism,
      );
      if (!mechanism)
        throw new AppError('MECHANISM.NOT_FOUND', `no mechanism "${input.mechanism}"`);
      // Never for a party's own officers: it would open the other side's lists to them.
      const isNeutral = actor.grants.some(
        (g) =>
          g.mechanismId === mechanism.id &&
          (g.role === 'mediator' || g.role === 'neutral_verifier'),
      );
      if (!actor.isAdmin && !isNeutral) {
        throw new AppError(
          'ACCESS.FORBIDDEN',
          "break-glass access is for admins and for the mechanism's mediators and neutral verifiers",
        );
      }
      const reason = input.reason.trim();
      if (reason.length < 20)
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          'state the reason for emergency access in at least 20 characters',
        );
      const expiresAt = new Date(clock().getTime() + Math.min(input.minutes, 60) * 60_000);
      const id = await db.transaction().execute(async (trx) => {
        const opened = await repo.insertBreakGlass(trx, {
          userId: actor.userId,
          mechanismId: mechanism.id,
          reason,
          expiresAt,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'access.break-glass', {
            mechanismId: mechanism.id,
            objectIds: [opened],
            reason,
            details: { flag: 'break-glass', expiresAt: expiresAt.toISOString() },
          }),
        );
        return opened;
      });
      return { id, mechanismId: mechanism.id, expiresAt };
    },

    /** Every break-glass access, with how many audited actions were taken under it: the report for oversight. */
    async breakGlassReport(actor: Actor) {
      authorize(actor, 'audit.verify');
      return repo.breakGlassReport(db);
    },
  };
}

export type BreakGlassService = ReturnType<typeof createBreakGlassService>;
