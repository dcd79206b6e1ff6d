import { AppError } from '../../../platform/errors.ts';
import type { Actor } from './actor.ts';
import { isAllowed, type Permission, type Target } from './permissions.ts';

/** Throws ACCESS.FORBIDDEN unless the actor holds the permission for the target. */
export function authorize(actor: Actor, permission: Permission, target: Target = {}): void {
  if (isAllowed(actor, permission, target)) return;
  const party = target.party ? ` for party ${target.party}` : '';
  throw new AppError(
    'ACCESS.FORBIDDEN',
    `${actor.id} may not ${permission.replace('.', ' ')}${party} here`,
  );
}

/**
 * The actor of a request on a route that requires one: authentication (access.http.ts) puts it
 * on the request. Typed by that one field, so that routes need no more of this module.
 */
export function actorOf(request: { readonly actor: Actor | null }): Actor {
  if (!request.actor) throw new AppError('AUTH.REQUIRED', 'sign in first');
  return request.actor;
}
