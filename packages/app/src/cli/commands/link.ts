import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  DEFAULT_RUN_SETTINGS,
  linkFiles,
  type LinkFilesResult,
} from '../../modules/reconciliation/index.ts';
import { wholeNumber } from '../arguments.ts';
import type { CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

function probability(value: string): number {
  const number = Number(value);
  if (!(number > 0 && number < 1))
    throw new InvalidArgumentError('must be a probability between 0 and 1');
  return number;
}

interface LinkOptions {
  out: string;
  explain?: string;
  match: number;
  review: number;
  seed: number;
  encoding: 'utf-8' | 'cp1251';
  threads?: number;
}

/** `parley link` and `parley dedupe`: files in, the spec's link results out; no database. */
export function registerLinkCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  const common = (command: Command) =>
    command
      .requiredOption(
        '--out <file>',
        'the result CSV: left_id,right_id,match_probability,match_weight,decision',
      )
      .option(
        '--match <p>',
        'the probability from which a pair is a match',
        probability,
        DEFAULT_RUN_SETTINGS.match,
      )
      .option(
        '--review <p>',
        'the probability from which a pair is shown for review (possible); probabilities are calibrated, so a pair at 0.01 is the same person about one time in a hundred',
        probability,
        DEFAULT_RUN_SETTINGS.review,
      )
      .option('--explain <file>', "also write each pair's field-by-field explanation (JSON lines)")
      .option(
        '--seed <n>',
        'the random seed of training; the same seed gives the same result',
        wholeNumber(0),
        1,
      )
      .addOption(
        new Option('--encoding <encoding>', 'the CSV text encoding')
          .choices(['utf-8', 'cp1251'])
          .default('utf-8'),
      )
      .option(
        '--threads <n>',
        'threads for reading and comparing (default: one per core for big files); the result is the same',
        wholeNumber(1, 64),
      );
  const report = (out: Output, result: LinkFilesResult, what: string, files: string[]) => {
    // Lines left out are told on stderr in both modes: the JSON result lists them too.
    [result.leftOut.left, result.leftOut.right].forEach((lines, i) => {
      if (lines.length === 0) return;
      out.note(`${path.basename(files[i]!)}: ${lines.length} lines left out of the linkage:`);
      for (const line of lines) out.note(`  ${line}`);
    });
    if (result.skipped.blocks > 0) {
      out.note(
        `${result.skipped.blocks} blocks were too big to compare even after splitting: ${result.skipped.pairs} pairs in them were not compared`,
      );
    }
    out.result(result, (r) =>
      out.line(
        `${what}: ${r.matches} matches, ${r.possible} possible (${r.candidatePairs} candidate pairs) in ${r.seconds.toFixed(1)} s`,
      ),
    );
  };

  common(
    program
      .command('link')
      .description(
        "link two list files (e.g. one side's sought list with the other's held list), one-to-one; lines without a name are left out, each named on stderr, and the rest linked",
      )
      .argument('<left>', 'a list file (CSV or XLSX)')
      .argument('<right>', 'the other list file'),
  ).action(async (left: string, right: string, options: LinkOptions) => {
    const out = output();
    const result = await linkFiles({
      ...options,
      left,
      right,
      maxBytes: env.config.maxUploadBytes,
      limits: env.config.listFileLimits,
    });
    report(out, result, `${result.left} × ${result.right} lines`, [left, right]);
  });

  common(
    program
      .command('dedupe')
      .description(
        'find the duplicates within one list file (connected components above --match); lines without a name are left out, each named',
      )
      .argument('<file>', 'a list file (CSV or XLSX)'),
  ).action(async (file: string, options: LinkOptions) => {
    const out = output();
    const result = await linkFiles({
      ...options,
      left: file,
      maxBytes: env.config.maxUploadBytes,
      limits: env.config.listFileLimits,
    });
    report(out, result, `${result.left} lines`, [file]);
  });
}
