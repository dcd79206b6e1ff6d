import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from '../i18n/resources.ts';
import { auditActionText } from './audit-action-text.ts';

describe('audit actions in the user’s language', () => {
  it.each([
    ['en', 'list.import', 'list imported'],
    ['uk', 'exchange.manifest.sign', 'маніфест підписано'],
    ['ru', 'auth.second-factor.enrol', 'аутентификатор подключён'],
  ] as const)('says %s: %s', async (language, action, text) => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: language,
      resources: { [language]: { translation: resources[language] } },
    });
    expect(auditActionText(i18n.t, action)).toBe(text);
    expect(auditActionText(i18n.t, 'a.future.action')).toBeNull();
  });
});
