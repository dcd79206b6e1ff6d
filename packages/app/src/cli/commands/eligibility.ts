import { Option, type Command } from 'commander';
import type { ListCounts } from '../../modules/agreements/index.ts';
import { LIST_KINDS, type ListKind } from '../../modules/registry/index.ts';
import { AppError } from '../../platform/errors.ts';
import { wholeNumber } from '../arguments.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';
import { readTerms } from './agreement.ts';

const OUTCOMES = ['eligible', 'not_eligible', 'undetermined'] as const;
type OutcomeOption = (typeof OUTCOMES)[number];

function printCounts(out: Output, lists: readonly ListCounts[]): void {
  if (lists.length === 0) out.line('no lists to evaluate yet');
  for (const l of lists) {
    const { eligible, not_eligible: not, undetermined } = l.outcomes;
    const by = Object.entries(l.decidedBy)
      .map(([rule, n]) => `${rule} ${n}`)
      .join(', ');
    out.line(
      `${l.party} ${l.kind} v${l.listVersion}: ${l.lines} lines: eligible ${eligible}, not eligible ${not}, undetermined ${undetermined} (${by})`,
    );
  }
}

export function registerEligibilityCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  const eligibility = program
    .command('eligibility')
    .description(
      "every line's eligibility under an agreement: eligible, not eligible or undetermined",
    );

  eligibility
    .command('preview')
    .description(
      'evaluate an agreement (or terms in a file) against the latest lists without keeping anything',
    )
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .option('--agreement <name>', 'the agreement, by name or id')
    .option('--version <n>', 'its version (default: the latest)', wholeNumber(1))
    .option('--file <terms.json>', 'draft terms instead of a saved agreement')
    .addOption(
      new Option('--outcome <outcome>', 'show sample lines of this outcome').choices(OUTCOMES),
    )
    .option('--sample <n>', 'how many lines to show', wholeNumber(0, 1000), 20)
    .action(
      async (options: {
        mechanism: string;
        agreement?: string;
        version?: number;
        file?: string;
        outcome?: OutcomeOption;
        sample: number;
      }) => {
        const out = output();
        if (Boolean(options.agreement) === Boolean(options.file))
          throw new AppError('VALIDATION.INVALID_INPUT', 'give either --agreement or --file');
        const draft = options.file ? await readTerms(options.file) : null;
        await withContext(env, out, async ({ services, actor }) => {
          const definition =
            draft ??
            (
              await services.agreements.version(
                actor,
                options.mechanism,
                options.agreement ?? '',
                options.version,
              )
            ).version.definition;
          const preview = await services.eligibility.preview(actor, {
            mechanism: options.mechanism,
            definition,
            sampleSize: options.sample,
            ...(options.outcome ? { outcome: options.outcome } : {}),
          });
          out.result(preview, (p) => {
            printCounts(out, p.lists);
            for (const s of p.sample)
              out.line(
                `  ${s.party} ${s.kind} ${s.recordId}: ${s.outcome}${s.decidedBy ? ` by ${s.decidedBy}` : ''}${s.missing.length ? `; missing ${s.missing.join(', ')}` : ''}${s.errors.length ? `; ${s.errors.join('; ')}` : ''}`,
              );
          });
        });
      },
    );

  eligibility
    .command('evaluate')
    .description(
      'decide every line of the latest lists under an agreement version, and keep the results',
    )
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--agreement <name>', 'the agreement, by name or id')
    .option('--version <n>', 'its version (default: the latest)', wholeNumber(1))
    .action(async (options: { mechanism: string; agreement: string; version?: number }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const result = await services.eligibility.evaluate(actor, {
          mechanism: options.mechanism,
          agreement: options.agreement,
          ...(options.version === undefined ? {} : { version: options.version }),
        });
        out.result(result, (r) => {
          out.line(`evaluated version ${r.version.number} (${r.version.id}):`);
          printCounts(out, r.lists);
        });
      });
    });

  eligibility
    .command('show')
    .description('the kept results of one list, in line order')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--agreement <name>', 'the agreement, by name or id')
    .option('--version <n>', 'its version (default: the latest)', wholeNumber(1))
    .requiredOption('--party <code>', 'the party whose list it is, e.g. UA')
    .addOption(
      new Option('--kind <kind>', 'held or sought').choices(LIST_KINDS).makeOptionMandatory(),
    )
    .addOption(new Option('--outcome <outcome>', 'only this outcome').choices(OUTCOMES))
    .option('--offset <n>', 'skip this many', wholeNumber(0), 0)
    .option('--limit <n>', 'at most this many', wholeNumber(1, 1000), 50)
    .action(
      async (options: {
        mechanism: string;
        agreement: string;
        version?: number;
        party: string;
        kind: ListKind;
        outcome?: OutcomeOption;
        offset: number;
        limit: number;
      }) => {
        const out = output();
        await withContext(env, out, async ({ services, actor }) => {
          const { version, outcome, ...rest } = options;
          const page = await services.eligibility.results(actor, {
            ...rest,
            ...(version === undefined ? {} : { version }),
            ...(outcome === undefined ? {} : { outcome }),
          });
          out.result(page, (p) => {
            if (!p.listVersion) out.line('the list has no versions yet');
            else if (p.total === 0)
              out.line(
                outcome
                  ? `no ${outcome.replace('_', ' ')} lines`
                  : 'no results: run parley eligibility evaluate first',
              );
            for (const r of p.results)
              out.line(
                `${r.lineNumber}\t${r.recordId}\t${r.outcome}\t${r.decidedBy ?? '-'}\t${r.missing.join(',') || '-'}`,
              );
          });
        });
      },
    );
}
