import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './domain/actor.ts';
import { mayHoldPermission, type Permission } from './domain/permissions.ts';

/** What a route requires: nothing, any signed-in user, or a permission of the table (checked again by the service). */
export type RouteRule = 'public' | 'signed-in' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    rule?: RouteRule;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The session behind a cookie-authenticated request, for GET /session to hand back. */
    cookieSession: {
      csrfToken: string;
      mustChangePassword: boolean;
      mustEnrolSecondFactor: boolean;
    } | null;
  }
  interface FastifyInstance {
    /** Every route with its access rule, for the permission matrix test. */
    routeRules: Array<{ method: string; url: string; rule: RouteRule }>;
  }
}

export const SESSION_COOKIE = 'parley_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Reached while a password must still be changed.
const PASSWORD_CHANGE_ROUTES = new Set(['/api/v1/session', '/api/v1/session/password']);
// Reached while an account has no authenticator yet: every account has a second factor.
const ENROLMENT_ROUTES = new Set([
  ...PASSWORD_CHANGE_ROUTES,
  '/api/v1/session/second-factor',
  '/api/v1/session/second-factor/confirmation',
]);

/**
 * Resolves each request's actor from a bearer token or the session cookie, refuses routes that
 * need one without it, checks CSRF on cookie-authenticated writes, and refuses to register any
 * route that has no rule.
 */
export function installAuthentication(app: FastifyInstance, access: AccessService): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('cookieSession', null);
  const rules: FastifyInstance['routeRules'] = [];
  app.decorate('routeRules', rules);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs') || route.url === '/') return;
    const rule = route.config?.rule;
    if (rule === undefined) {
      throw new Error(
        `route ${String(route.method)} ${route.url} has no access rule (config.rule)`,
      );
    }
    for (const method of [route.method].flat())
      if (method !== 'HEAD') rules.push({ method, url: route.url, rule });
  });
  // Before the body is read or parsed (and after the rate limit): a caller without credentials or
  // the right is refused first, and learns nothing from parsing or validation errors.
  app.addHook('preParsing', async (request) => {
    const rule = request.routeOptions.config.rule;
    if (rule === undefined || rule === 'public') return;
    const bearer = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      request.actor = await access.actorOfToken(bearer, request.id);
      if (!request.actor)
        throw new AppError('AUTH.REQUIRED', 'the API token is unknown, expired or revoked');
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    const session = cookie ? await access.actorOfSession(cookie, request.id) : null;
    if (!session)
      throw new AppError(
        'AUTH.REQUIRED',
        'sign in first (POST /api/v1/session), or send an API token',
      );
    if (
      !SAFE_METHODS.has(request.method) &&
      request.headers['x-csrf-token'] !== session.csrfToken
    ) {
      throw new AppError(
        'AUTH.CSRF',
        'a write with a session cookie needs its x-csrf-token header',
      );
    }
    if (session.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(request.routeOptions.url ?? '')) {
      throw new AppError(
        'AUTH.PASSWORD_CHANGE_REQUIRED',
        'change the one-time password first (POST /api/v1/session/password)',
      );
    }
    if (session.mustEnrolSecondFactor && !ENROLMENT_ROUTES.has(request.routeOptions.url ?? '')) {
      throw new AppError(
        'AUTH.SECOND_FACTOR_ENROLMENT_REQUIRED',
        'add an authenticator to your account first (POST /api/v1/session/second-factor)',
      );
    }
    request.actor = session.actor;
    request.cookieSession = {
      csrfToken: session.csrfToken,
      mustChangePassword: session.mustChangePassword,
      mustEnrolSecondFactor: session.mustEnrolSecondFactor,
    };
  });
  app.addHook('preParsing', async (request) => {
    const rule = request.routeOptions.config.rule;
    if (rule === undefined || rule === 'public' || rule === 'signed-in') return;
    if (request.actor && !mayHoldPermission(request.actor, rule)) {
      throw new AppError('ACCESS.FORBIDDEN', `your roles do not allow ${rule}`);
    }
  });
}
