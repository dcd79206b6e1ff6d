import { createHash } from 'node:crypto';
import type { Database } from '../../platform/db/kysely.ts';
import type { TextLanguage, TranslatedText } from './domain/translation.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A mechanism's translated texts, each with who changed it last and when. */
export async function listTranslations(db: Database, mechanismId: string) {
  return db
    .selectFrom('talks_translation')
    .select(['id', 'source', 'language', 'translations', 'updated_by', 'updated_at'])
    .where('mechanism_id', '=', mechanismId)
    .orderBy('source')
    .execute();
}

/** The entry of one text, locked for the transaction, when there is one. */
export async function findTranslation(db: Database, mechanismId: string, source: string) {
  return db
    .selectFrom('talks_translation')
    .select(['id', 'language', 'translations'])
    .where('mechanism_id', '=', mechanismId)
    .where('source_sha256', '=', sha256(source))
    .forUpdate()
    .executeTakeFirst();
}

/** Writes a text's language and translations, in place of what it had. */
export async function saveTranslation(
  db: Database,
  row: TranslatedText & { mechanismId: string; updatedBy: string; at: Date },
): Promise<string> {
  const translations = JSON.stringify(row.translations);
  const saved = await db
    .insertInto('talks_translation')
    .values({
      mechanism_id: row.mechanismId,
      source: row.source,
      source_sha256: sha256(row.source),
      language: row.language,
      translations,
      updated_by: row.updatedBy,
      updated_at: row.at,
    })
    .onConflict((oc) =>
      oc.constraint('talks_translation_source').doUpdateSet({
        language: row.language,
        translations,
        updated_by: row.updatedBy,
        updated_at: row.at,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return saved.id;
}

export type { TextLanguage };
