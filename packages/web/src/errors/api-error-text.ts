import type { TFunction } from 'i18next';

/**
 * The sentence that says a failed request's code in the user's language, or null for a code the
 * web does not know (a newer server's): then the server's own message is all there is.
 */
export function apiErrorText(t: TFunction, code: string): string | null {
  const key = `apiError.${code.replaceAll('.', '_')}`;
  const text = t(key, { defaultValue: '' });
  return text === '' ? null : text;
}
