import type { Grant } from './permissions.ts';

/**
 * Who performs a use case. Every service takes one and asks the permission table about it.
 * The system actor is the operator's own command line on the deployment's machine.
 */
export interface Actor {
  /** Written to the audit log: `user:alice`, `token:<id>`, `cli:root`, `system`. */
  readonly id: string;
  /** The request that acts, so that an audit entry leads to the request's log lines. */
  readonly requestId?: string;
  readonly userId: string | null;
  readonly isSystem: boolean;
  readonly isAdmin: boolean;
  readonly grants: readonly Grant[];
  /** Break-glass accesses in force: each read under one is flagged with its reason. */
  readonly breakGlass?: readonly BreakGlass[];
}

export interface BreakGlass {
  id: string;
  mechanismId: string;
  reason: string;
}

/** The actor of work the deployment does by itself (migrations, the demo). */
export const SYSTEM_ACTOR: Actor = Object.freeze({
  id: 'system',
  userId: null,
  isSystem: true,
  isAdmin: true,
  grants: [],
});

/** The operator at the deployment's command line, who holds the database itself. */
export function cliActor(userName: string): Actor {
  return { ...SYSTEM_ACTOR, id: `cli:${userName}` };
}
