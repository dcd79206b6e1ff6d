import type { Database } from '../../platform/db/kysely.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../access/index.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import type { MechanismsService } from '../mechanisms/index.ts';
import {
  mergedTranslations,
  type TextLanguage,
  type TranslatedText,
} from './domain/translation.ts';
import { mechanismFor } from './talks.guards.ts';
import * as repo from './translations.repository.ts';

export interface TranslationChange {
  mechanism: string;
  /** The text exactly as the record holds it. */
  source: string;
  /** The language it is written in. */
  language: TextLanguage;
  /** A language's translation; null removes it; a language left out keeps what it had. */
  translations: Partial<Record<TextLanguage, string | null>>;
}

/**
 * The talks' translation memory: each text of the talks as entered, the language it was written
 * in and its translations. A translation belongs to the exact words it translates, so a corrected
 * point shows its new words as written until someone translates them, and a point kept word for
 * word in a new version keeps its translations.
 */
export function translationUseCases(deps: {
  db: Database;
  mechanisms: MechanismsService;
  audit: AuditLog;
  clock?: () => Date;
}) {
  const { db, mechanisms, audit, clock = () => new Date() } = deps;
  return {
    /** Every translated text of the mechanism's talks. */
    async translations(actor: Actor, mechanismRef: string) {
      const mechanism = await mechanismFor(mechanisms, actor, mechanismRef, 'talks.read');
      const rows = await repo.listTranslations(db, mechanism.id);
      return rows.map((r) => ({
        source: r.source,
        language: r.language,
        translations: r.translations,
        updatedBy: r.updated_by,
        updatedAt: r.updated_at.toISOString(),
      }));
    },

    /** Says which language a text is written in and adds, changes or removes its translations. */
    async translate(actor: Actor, input: TranslationChange): Promise<TranslatedText> {
      const mechanism = await mechanismFor(mechanisms, actor, input.mechanism, 'talks.manage');
      if (input.translations[input.language] != null)
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          `translations.${input.language}: the text is written in ${input.language} already; give the other languages`,
        );
      return db.transaction().execute(async (trx) => {
        const before = await repo.findTranslation(trx, mechanism.id, input.source);
        const translations = mergedTranslations(
          input.language,
          // A text said to be in another language than before keeps no translation into that one.
          before?.translations ?? {},
          input.translations,
        );
        const id = await repo.saveTranslation(trx, {
          mechanismId: mechanism.id,
          source: input.source,
          language: input.language,
          translations,
          updatedBy: actor.id,
          at: clock(),
        });
        await audit.record(
          trx,
          auditEvent(actor, 'talks.translation', {
            mechanismId: mechanism.id,
            objectIds: [id],
            details: {
              language: input.language,
              changed: Object.keys(input.translations),
              ...(before && before.language !== input.language ? { was: before.language } : {}),
            },
          }),
        );
        return { source: input.source, language: input.language, translations };
      });
    },
  };
}
