/**
 * Who performs a use case. Every service takes one, so that access control can judge it
 * without reshaping the services; until accounts exist it only names the caller.
 */
export interface Actor {
  /** Stable id written to the records the actor creates, e.g. `cli:alice` or `system`. */
  readonly id: string;
  /** The request that acts, written to the audit log so that an entry leads to the request's log lines. */
  readonly requestId?: string;
}

/** The actor of work the deployment does by itself (migrations, the demo). */
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system' });
