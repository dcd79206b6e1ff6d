import type { FastifyRequest } from 'fastify';
import type { Actor } from '../actor.ts';

/**
 * The actor of an HTTP request. Accounts and sessions arrive with the access-control work;
 * until then every request acts as the local operator, which is why the server binds to loopback.
 */
export function actorOf(request: FastifyRequest): Actor {
  return { id: 'http:local-operator', requestId: request.id };
}
