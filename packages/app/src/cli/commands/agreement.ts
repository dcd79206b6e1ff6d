import fs from 'node:fs/promises';
import { Option, type Command } from 'commander';
import {
  AGREEMENT_STATUSES,
  definitionSchema,
  type Agreement,
  type AgreementDefinition,
  type AgreementVersion,
} from '../../modules/agreements/index.ts';
import { AppError } from '../../platform/errors.ts';
import { wholeNumber } from '../arguments.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

/** Reads an agreement's terms from a JSON file, naming the field of the first mistake. */
export async function readTerms(file: string): Promise<AgreementDefinition> {
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AppError('VALIDATION.INVALID_INPUT', `${file}: not a readable JSON file (${reason})`);
  }
  const parsed = definitionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'the file';
    throw new AppError(
      'VALIDATION.INVALID_INPUT',
      `${file}: ${where}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

function printAgreement(out: Output, agreement: Agreement): void {
  const latest = agreement.versions.at(-1);
  out.line(
    `${agreement.name}\t${agreement.status}\tversion ${latest?.number ?? '-'}\t${agreement.id}`,
  );
}

function printVersion(out: Output, agreement: Agreement, version: AgreementVersion): void {
  const d = version.definition;
  out.line(
    `${d.name} (${agreement.status}), version ${version.number} of ${agreement.versions.length}: ${version.id}`,
  );
  out.line(`  agreed ${d.date} at ${d.venue || '-'}; mediators ${d.mediators.join(', ') || '-'}`);
  out.line(`  reference date ${d.referenceDate}; formula ${JSON.stringify(d.formula)}`);
  for (const c of d.categories)
    out.line(
      `  category ${c.id}: ${c.name}\n    ${c.rule.replace(/\n/g, '\n    ')}\n    (${c.clause})`,
    );
  for (const x of d.exclusions)
    out.line(`  ${x.kind} ${x.id}: ${x.name}\n    ${x.rule}\n    (${x.clause})`);
}

export function registerAgreementCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  const agreement = program
    .command('agreement')
    .description("a mechanism's agreements: categories as CEL rules, versioned");

  agreement
    .command('templates')
    .description('the agreements Parley ships')
    .action(async () => {
      const out = output();
      await withContext(env, out, async ({ services }) => {
        const templates = services.agreements.templates();
        out.result(templates, (items) => {
          for (const t of items) out.line(`${t.id}\t${t.description}`);
        });
      });
    });

  agreement
    .command('create')
    .description('create an agreement from a template or from terms in a JSON file')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .option('--template <id>', 'a template, e.g. istanbul-2025-06-02 (see agreement templates)')
    .option(
      '--file <terms.json>',
      'the terms, as GET .../agreements/:agreement shows a version definition',
    )
    .option('--name <name>', "the agreement's name (default: the template's)")
    .addOption(new Option('--status <status>', 'its state').choices(AGREEMENT_STATUSES))
    .action(
      async (options: {
        mechanism: string;
        template?: string;
        file?: string;
        name?: string;
        status?: Agreement['status'];
      }) => {
        const out = output();
        if (Boolean(options.template) === Boolean(options.file))
          throw new AppError('VALIDATION.INVALID_INPUT', 'give either --template or --file');
        const definition = options.file ? await readTerms(options.file) : null;
        await withContext(env, out, async ({ services, actor }) => {
          const status = options.status ? { status: options.status } : {};
          const created = await services.agreements.create(
            actor,
            options.mechanism,
            definition
              ? { definition, ...status }
              : {
                  template: options.template ?? '',
                  ...(options.name ? { name: options.name } : {}),
                  ...status,
                },
          );
          out.result(created, (a) =>
            out.line(`created agreement "${a.name}" (${a.status}), version 1: ${a.id}`),
          );
        });
      },
    );

  agreement
    .command('list')
    .description("the mechanism's agreements")
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .action(async (options: { mechanism: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const all = await services.agreements.list(actor, options.mechanism);
        out.result(all, (items) => {
          if (items.length === 0)
            out.line('no agreements yet: create one with parley agreement create');
          for (const a of items) printAgreement(out, a);
        });
      });
    });

  agreement
    .command('show')
    .description("an agreement's terms: categories, rules, holds and blocks")
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--agreement <name>', 'the agreement, by name or id')
    .option('--version <n>', 'the version number (default: the latest)', wholeNumber(1))
    .action(async (options: { mechanism: string; agreement: string; version?: number }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const found = await services.agreements.version(
          actor,
          options.mechanism,
          options.agreement,
          options.version,
        );
        out.result({ ...found.agreement, version: found.version }, () =>
          printVersion(out, found.agreement, found.version),
        );
      });
    });

  agreement
    .command('revise')
    .description('write changed terms as the next version (earlier versions never change)')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--agreement <name>', 'the agreement, by name or id')
    .requiredOption('--file <terms.json>', 'the new terms')
    .action(async (options: { mechanism: string; agreement: string; file: string }) => {
      const out = output();
      const definition = await readTerms(options.file);
      await withContext(env, out, async ({ services, actor }) => {
        const version = await services.agreements.revise(
          actor,
          options.mechanism,
          options.agreement,
          definition,
        );
        out.result(version, (v) => out.line(`wrote version ${v.number}: ${v.id}`));
      });
    });

  agreement
    .command('status')
    .description('move an agreement to another state')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--agreement <name>', 'the agreement, by name or id')
    .addOption(
      new Option('--to <status>', 'the new state')
        .choices(AGREEMENT_STATUSES)
        .makeOptionMandatory(),
    )
    .action(async (options: { mechanism: string; agreement: string; to: Agreement['status'] }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const changed = await services.agreements.setStatus(
          actor,
          options.mechanism,
          options.agreement,
          options.to,
        );
        out.result(changed, (a) => out.line(`${a.name} is now ${a.status}`));
      });
    });
}
