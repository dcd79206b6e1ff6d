import { AppError } from '../../platform/errors.ts';
import type { Actor } from './domain/actor.ts';
import { isAllowed, type Permission, type Target } from './domain/permissions.ts';

/** Throws ACCESS.FORBIDDEN unless the actor holds the permission for the target. */
export function authorize(actor: Actor, permission: Permission, target: Target = {}): void {
  if (isAllowed(actor, permission, target)) return;
  const party = target.party ? ` for party ${target.party}` : '';
  throw new AppError(
    'ACCESS.FORBIDDEN',
    `${actor.id} may not ${permission.replace('.', ' ')}${party} here`,
  );
}
