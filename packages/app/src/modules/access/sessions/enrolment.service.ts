import type { Database } from '../../../platform/db/kysely.ts';
import { AppError } from '../../../platform/errors.ts';
import { auditEvent, type AuditLog } from '../../audit/index.ts';
import { accountRecords, isSignedInPerson } from '../accounts/index.ts';
import type { Actor } from '../domain/actor.ts';
import { newSecondFactor, stepOfCode } from '../second-factor.ts';

export interface EnrolmentDeps {
  db: Database;
  audit: AuditLog;
  clock?: () => Date;
}

/**
 * Enrolment of an authenticator, for an account that has none (the first admin, or a person
 * added without one): a new secret is kept aside until a code from it confirms that the
 * person's app holds it. A person enrols their own, signed in; the operator's command line may
 * start and confirm it for any person (the first admin, on the server's machine).
 */
export function createEnrolmentService({ db, audit, clock = () => new Date() }: EnrolmentDeps) {
  async function accountToEnrol(actor: Actor, username: string | undefined) {
    let user;
    if (actor.isSystem) {
      if (!username) throw new AppError('VALIDATION.INVALID_INPUT', 'name the user to enrol');
      user = await accountRecords.findUserByName(db, username.trim().toLowerCase());
    } else if (isSignedInPerson(actor)) {
      user = await accountRecords.findUserById(db, actor.userId);
      if (username !== undefined && username.trim().toLowerCase() !== user?.username) {
        throw new AppError('ACCESS.FORBIDDEN', 'a person enrols their own authenticator only');
      }
    } else {
      throw new AppError(
        'ACCESS.FORBIDDEN',
        'an authenticator is enrolled by its person, signed in, not with a token',
      );
    }
    if (!user) throw new AppError('ACCESS.USER_NOT_FOUND', `no user "${username ?? ''}"`);
    if (user.is_service) {
      throw new AppError(
        'ACCESS.INVALID_GRANT',
        `${user.username} is a service account: it never signs in, so it has no authenticator`,
      );
    }
    if (user.totp_secret) {
      throw new AppError(
        'ACCESS.FORBIDDEN',
        `${user.username} has an authenticator already; an admin replaces a lost one (parley user reset --totp)`,
      );
    }
    return user;
  }

  return {
    /** A new authenticator secret for the account, kept aside until confirmed; shown once, as its otpauth:// URI too. */
    async startEnrolment(actor: Actor, username?: string) {
      const user = await accountToEnrol(actor, username);
      const totp = newSecondFactor(user.username);
      await accountRecords.setPendingSecondFactor(db, user.id, totp.secret);
      return { username: user.username, secret: totp.secret, totpUri: totp.uri };
    },

    /** Confirms the enrolment with a code from the new authenticator; from then on every sign-in needs a code. */
    async confirmEnrolment(actor: Actor, input: { code: string; username?: string }) {
      const user = await accountToEnrol(actor, input.username);
      const pending = user.totp_pending_secret;
      if (!pending) {
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          'no authenticator is being enrolled: start the enrolment first',
        );
      }
      const step = stepOfCode(pending, input.code, clock());
      if (step === null) {
        throw new AppError(
          'AUTH.SECOND_FACTOR_WRONG',
          "the code does not match the new authenticator: check the device's clock and enter the code it shows now",
        );
      }
      await db.transaction().execute(async (trx) => {
        if (!(await accountRecords.confirmSecondFactor(trx, user.id, pending, step))) {
          throw new AppError(
            'VALIDATION.INVALID_INPUT',
            'the enrolment changed meanwhile: start it again',
          );
        }
        await audit.record(
          trx,
          auditEvent(actor, 'auth.second-factor.enrol', {
            mechanismId: null,
            objectIds: [user.id],
            details: { username: user.username },
          }),
        );
      });
      return { username: user.username, hasSecondFactor: true };
    },
  };
}

export type EnrolmentService = ReturnType<typeof createEnrolmentService>;
