import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { wholeNumber } from '../arguments.ts';
import { AppError } from '../../platform/errors.ts';
import {
  formatProblem,
  LIST_KINDS,
  type ListFileFormat,
  type ListKind,
  type PersonLine,
} from '../../modules/registry/index.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

interface ListOptions {
  mechanism: string;
  party: string;
  kind: ListKind;
  version?: number;
}

/** The options that name a list, shared by every list command. */
function listCommand(
  parent: Command,
  name: string,
  description: string,
  withVersion = true,
): Command {
  const command = parent
    .command(name)
    .description(description)
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--party <code>', 'the party whose list it is, e.g. UA')
    .addOption(
      new Option('--kind <kind>', 'held (persons it holds) or sought (its people it seeks)')
        .choices(LIST_KINDS)
        .makeOptionMandatory(),
    );
  if (withVersion)
    command.option('--version <n>', 'the version number (default: the latest)', wholeNumber(1));
  return command;
}

export function registerListCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  const list = program
    .command('list')
    .description("a party's held and sought lists, their versions and lines");

  listCommand(
    list,
    'import',
    'import a CSV or XLSX file as a new version of the list (all or nothing)',
    false,
  )
    .argument('<file>', 'the list file (spec/list-format.md)')
    .addOption(
      new Option('--encoding <encoding>', 'the CSV text encoding')
        .choices(['utf-8', 'cp1251'])
        .default('utf-8'),
    )
    .option(
      '--accept-invalid',
      'import invalid values as missing, keeping their raw text and flagging the line',
    )
    .action(
      async (
        file: string,
        options: ListOptions & { encoding: 'utf-8' | 'cp1251'; acceptInvalid?: boolean },
      ) => {
        const out = output();
        const size = await fileSize(file);
        await withContext(env, out, async ({ services, actor }) => {
          const progress = out.progress(`reading ${path.basename(file)}`, size);
          let read = 0;
          const content = (async function* () {
            for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
              read += (chunk as Buffer).length;
              progress.update(read);
              yield chunk as Buffer;
            }
          })();
          try {
            const result = await services.registry.importList(actor, {
              mechanism: options.mechanism,
              party: options.party,
              kind: options.kind,
              acceptInvalid: Boolean(options.acceptInvalid),
              file: {
                name: path.basename(file),
                content,
                encoding: options.encoding,
                maxBytes: env.config.maxUploadBytes,
                limits: env.config.listFileLimits,
              },
            });
            progress.stop();
            out.result(result, ({ version, warnings }) => {
              for (const warning of warnings) out.note(`warning: ${formatProblem(warning)}`);
              out.line(
                `imported ${version.lineCount} lines as version ${version.number} of the ${options.party.toUpperCase()} ${options.kind} list` +
                  (version.flaggedLineCount
                    ? ` (${version.flaggedLineCount} flagged with invalid values)`
                    : ''),
              );
            });
          } catch (error) {
            progress.stop();
            throw error;
          }
        });
      },
    );

  listCommand(list, 'versions', 'list the versions of a list', false).action(
    async (options: ListOptions) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const versions = await services.registry.versions(actor, options);
        out.result(versions, (items) => {
          if (items.length === 0) out.line('no versions yet');
          for (const v of items) {
            out.line(
              `v${v.number}\t${v.createdAt.toISOString()}\t${v.lineCount} lines\t${v.flaggedLineCount} flagged\t${v.sourceName}\tby ${v.createdBy}\tsha256 ${v.sourceSha256.slice(0, 12)}`,
            );
          }
        });
      });
    },
  );

  listCommand(list, 'show', 'show the lines of a version')
    .option('--search <text>', 'only lines whose names or record_id contain the text')
    .option('--flagged', 'only lines with invalid values')
    .option('--offset <n>', 'skip this many lines', wholeNumber(0), 0)
    .option('--limit <n>', 'show at most this many lines', wholeNumber(1, 10_000), 50)
    .action(
      async (
        options: ListOptions & {
          search?: string;
          flagged?: boolean;
          offset: number;
          limit: number;
        },
      ) => {
        const out = output();
        await withContext(env, out, async ({ services, actor }) => {
          const page = await services.registry.lines(actor, options, {
            offset: options.offset,
            limit: options.limit,
            ...(options.search ? { search: options.search } : {}),
            ...(options.flagged ? { isFlagged: true } : {}),
          });
          out.result(page, ({ version, total, lines }) => {
            out.line(
              `version ${version.number}: ${total} matching lines, showing ${lines.length} from ${options.offset + 1}`,
            );
            for (const line of lines) out.line(describeLine(line));
          });
        });
      },
    );

  listCommand(
    list,
    'diff',
    'show what a version added, removed and changed against the previous one (or --from)',
  )
    .option('--from <n>', 'the version to compare with', wholeNumber(1))
    .action(async (options: ListOptions & { from?: number }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const { from, to, diff } = await services.registry.diff(actor, options);
        out.result(
          {
            from: from?.number ?? null,
            to: to.number,
            added: diff.added,
            removed: diff.removed,
            changed: diff.changed.map(({ recordId, changes }) => ({ recordId, changes })),
            unchangedCount: diff.unchangedCount,
          },
          () => {
            out.line(
              `version ${from?.number ?? '(none)'} -> ${to.number}: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchangedCount} unchanged`,
            );
            for (const line of diff.added) out.line(`+ ${describeLine(line)}`);
            for (const line of diff.removed) out.line(`- ${describeLine(line)}`);
            for (const change of diff.changed) {
              out.line(
                `~ ${change.recordId}: ${change.changes.map((c) => `${c.column} ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`).join('; ')}`,
              );
            }
          },
        );
      });
    });

  listCommand(list, 'export', 'write a version as a list file')
    .requiredOption('--out <file>', 'the file to write; .xlsx writes XLSX, anything else CSV')
    .addOption(
      new Option('--format <format>', 'csv or xlsx (default: from the file name)').choices([
        'csv',
        'xlsx',
      ]),
    )
    .action(async (options: ListOptions & { out: string; format?: ListFileFormat }) => {
      const out = output();
      const format = options.format ?? (/\.xlsx$/i.test(options.out) ? 'xlsx' : 'csv');
      await withContext(env, out, async ({ services, actor }) => {
        const version = await services.registry.version(actor, options);
        const partial = `${options.out}.partial`;
        const file = createWriteStream(partial);
        try {
          await services.registry.exportList(
            actor,
            { ...options, version: version.number },
            format,
            file,
          );
          await finished(file);
          await fs.rename(partial, options.out);
        } catch (error) {
          file.destroy();
          await fs.rm(partial, { force: true });
          throw error;
        }
        out.result(
          { version: version.number, lines: version.lineCount, file: options.out, format },
          (r) => out.line(`wrote version ${r.version} (${r.lines} lines) to ${r.file}`),
        );
      });
    });
}

function describeLine(line: PersonLine): string {
  const name = [line.surname, line.givenName, line.patronymic].filter(Boolean).join(' ');
  const latin = [line.surnameLatin, line.givenNameLatin].filter(Boolean).join(' ');
  const flags = Object.keys(line.invalid).length
    ? `  [invalid: ${Object.entries(line.invalid)
        .map(([c, v]) => `${c}=${JSON.stringify(v)}`)
        .join(', ')}]`
    : '';
  return `${line.recordId}\t${name}${latin ? ` (${latin})` : ''}\t${line.dateOfBirth ?? '-'}\t${line.serviceNumber ?? '-'}${flags}`;
}

async function fileSize(file: string): Promise<number> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new AppError('REGISTRY.UNSUPPORTED_FILE', `${file} is not a file`);
    return stat.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'REGISTRY.UNSUPPORTED_FILE',
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
}
