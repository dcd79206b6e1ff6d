import { Option, type Command } from 'commander';
import { translationBody } from '../../modules/talks/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { Run } from './talks-input.ts';

const LANGUAGES = ['en', 'uk', 'ru'] as const;

/** `parley talks translate` and `parley talks translations`: the talks' translation memory. */
export function registerTranslationCommands(talks: Command, run: Run): void {
  const mechanismOption = () =>
    new Option('--mechanism <name>', 'the mechanism, by name or id').makeOptionMandatory();

  talks
    .command('translate')
    .description(
      'say which language a text of the talks is written in and give its translations (an empty one removes it)',
    )
    .addOption(mechanismOption())
    .addOption(
      new Option('--language <code>', 'the language the text is written in')
        .choices(LANGUAGES)
        .makeOptionMandatory(),
    )
    .option('--en <text>', 'its English')
    .option('--uk <text>', 'its Ukrainian')
    .option('--ru <text>', 'its Russian')
    .argument('<text>', 'the text exactly as the talks record it (a point, an outcome, a place...)')
    .action(
      async (
        source: string,
        options: { mechanism: string; language: string } & Partial<Record<string, string>>,
      ) => {
        const change = Object.fromEntries(
          LANGUAGES.flatMap((lang) =>
            options[lang] === undefined ? [] : [[lang, options[lang]?.trim() || null]],
          ),
        );
        const parsed = translationBody.safeParse({
          source,
          language: options.language,
          translations: change,
        });
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new AppError(
            'VALIDATION.INVALID_INPUT',
            `${issue?.path.join('.') || 'the text'}: ${issue?.message ?? 'invalid'}`,
          );
        }
        await run(async ({ services, actor, out }) => {
          const saved = await services.talks.translate(actor, {
            mechanism: options.mechanism,
            ...parsed.data,
          });
          out.result(saved, (t) => {
            const given = Object.entries(t.translations).map(([lang, text]) => `${lang}: ${text}`);
            out.line(
              `written in ${t.language}; ${given.length ? given.join('; ') : 'no translation'}`,
            );
          });
        });
      },
    );

  talks
    .command('translations')
    .description('every translated text of the talks, with its language and translations')
    .addOption(mechanismOption())
    .action(async (options: { mechanism: string }) => {
      await run(async ({ services, actor, out }) => {
        const list = await services.talks.translations(actor, options.mechanism);
        out.result(list, (entries) => {
          for (const e of entries) {
            out.line(`[${e.language}] ${e.source}`);
            for (const [lang, text] of Object.entries(e.translations))
              out.line(`  ${lang}: ${text}`);
          }
        });
      });
    });
}
