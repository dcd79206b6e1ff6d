/**
 * The name of the unique constraint a failed statement broke, or null for any other error.
 * PostgreSQL (pg) and PGlite both raise SQLSTATE 23505 with the constraint's name.
 */
export function brokenUniqueConstraint(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && typeof constraint === 'string' ? constraint : null;
}
