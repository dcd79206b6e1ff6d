import type { TFunction } from 'i18next';

/**
 * What an audit entry's action means in the user's language, or null for an action the web does
 * not know (a newer server's): then its code is all there is.
 */
export function auditActionText(t: TFunction, action: string): string | null {
  const text = t(`auditAction.${action.replaceAll('.', '_')}`, { defaultValue: '' });
  return text === '' ? null : text;
}
