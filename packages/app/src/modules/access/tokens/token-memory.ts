/** How long a token's actor is trusted without asking the database again. */
const TRUSTED_MS = 1_000;
/** Tokens kept at most; past that the memory starts again. */
const MOST_KEPT = 10_000;

/**
 * The actors of API tokens checked in the last second, by the token's hash: a client with a
 * token sends one request after another, and looking the token up was a statement of every
 * read (issue 17). Revoking in this process forgets them all at once; a revocation by another
 * process (a second instance, the CLI) is heeded within TRUSTED_MS, as is the token's expiry.
 */
export function createTokenMemory<Actor>(clock: () => number = () => Date.now()) {
  const known = new Map<string, { actor: Actor; until: number }>();
  return {
    get(hash: string): Actor | undefined {
      const entry = known.get(hash);
      if (!entry) return undefined;
      if (entry.until > clock()) return entry.actor;
      known.delete(hash);
      return undefined;
    },
    /** Keeps an actor until its token expires or TRUSTED_MS pass, whichever is first. */
    remember(hash: string, actor: Actor, expiresAt: Date): void {
      if (known.size >= MOST_KEPT) known.clear();
      known.set(hash, { actor, until: Math.min(clock() + TRUSTED_MS, expiresAt.getTime()) });
    },
    forgetAll(): void {
      known.clear();
    },
  };
}

export type TokenMemory<Actor> = ReturnType<typeof createTokenMemory<Actor>>;
