import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

// A UTF-16 surrogate without its other half: not text that PostgreSQL, JSON canonicalisation or
// a person can hold; nor is a NUL.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MAX_DEPTH = 64;

/** What is wrong with a text, or null when it is fine. */
export function badCharacterIn(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which no text may hold';
  const found = LONE_SURROGATE.exec(text);
  if (!found) return null;
  const code = found[0].charCodeAt(0).toString(16).toUpperCase();
  return `contains a lone surrogate (U+${code}), which is not valid Unicode text`;
}

/** Refuses a text (a multipart field, a file name) that holds a NUL or a lone surrogate, naming where it is. */
export function refuseBadText(text: string, where: string): void {
  const problem = badCharacterIn(text);
  if (problem) throw new AppError('VALIDATION.INVALID_INPUT', `${where}: ${problem}`);
}

/** The first string (key or value) in a parsed value that holds a bad character, by its path. */
function findBad(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') {
    const problem = badCharacterIn(value);
    return problem ? `${path}: ${problem}` : null;
  }
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return null;
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = badCharacterIn(key);
    if (keyProblem) return `${path}: a field name ${keyProblem}`;
    const found = findBad(
      item,
      Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`,
      depth + 1,
    );
    if (found) return found;
  }
  return null;
}

/**
 * Refuses, with 400 and where it is, a request whose body, path parameters or query hold a NUL
 * or a lone surrogate, before any of it reaches validation, a service, the database or the audit
 * log; it runs after authentication, so a stranger learns nothing from it.
 */
export function installInputHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found =
      findBad(request.params, 'params') ??
      findBad(request.query, 'querystring') ??
      findBad(request.body, 'body');
    if (found) throw new AppError('VALIDATION.INVALID_INPUT', found);
  });
}
