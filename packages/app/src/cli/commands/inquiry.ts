import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../platform/errors.ts';
import { Option, type Command } from 'commander';
import {
  CLOSE_REASONS,
  FAMILY_CODE_DAYS,
  inquiryBody,
  LANGUAGES,
  LETTER_KINDS,
  INQUIRY_STATUSES,
} from '../../modules/inquiries/index.ts';
import { wholeNumber } from '../arguments.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';
import { registerInquiryReviewCommands } from './inquiry-review.ts';
import { nameOf } from './inquiry-words.ts';
import { readJson, type Run } from './talks-input.ts';

/** `parley inquiry`: families' inquiries, registered, listed, shown with their history, closed. */
export function registerInquiryCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  const inquiry = program
    .command('inquiry')
    .description("families' inquiries: register, list, show with the status history, close");
  const mechanismOption = () =>
    new Option('--mechanism <name>', 'the mechanism, by name or id').makeOptionMandatory();
  const run: Run = (work) => withContext(env, output(), work);

  inquiry
    .command('register')
    .description(
      'register one inquiry from a JSON file shaped as POST .../inquiries; it is matched at once',
    )
    .addOption(mechanismOption())
    .requiredOption('--party <code>', 'the party whose bureau registers it')
    .requiredOption('--file <inquiry.json>', 'channel, receivedOn, inquirer, sought, consent')
    .action(async (options: { mechanism: string; party: string; file: string }) => {
      const { party: _party, ...body } = await readJson(options.file, inquiryBody);
      await run(async ({ services, actor, out }) => {
        const [created] = await services.inquiries.register(
          actor,
          { mechanism: options.mechanism, party: options.party },
          [body],
        );
        out.result(created, (c) =>
          out.line(`inquiry ${c?.party}-${c?.number}: ${c?.id} (${c?.status})`),
        );
      });
    });

  inquiry
    .command('import')
    .description(
      'register the inquiries of a CSV or XLSX file, all or none; every error by line and column',
    )
    .argument(
      '<file>',
      'the list columns of the sought person, and inquirer_name, relation, contact, language, received_on, consent_tracing, share_mediator, share_icrc, share_other_party, ...',
    )
    .addOption(mechanismOption())
    .requiredOption('--party <code>', 'the party whose bureau registers them')
    .addOption(
      new Option('--encoding <encoding>', 'the CSV text encoding')
        .choices(['utf-8', 'cp1251'])
        .default('utf-8'),
    )
    .action(
      async (
        file: string,
        options: { mechanism: string; party: string; encoding: 'utf-8' | 'cp1251' },
      ) => {
        await run(async ({ services, actor, out }) => {
          const stat = await fs.stat(file).catch(() => null);
          if (!stat?.isFile())
            throw new AppError('VALIDATION.INVALID_INPUT', `cannot read ${file}: no such file`);
          const imported = await services.inquiries.importFile(
            actor,
            { mechanism: options.mechanism, party: options.party },
            {
              name: path.basename(file),
              content: createReadStream(file),
              encoding: options.encoding,
              maxBytes: env.config.maxUploadBytes,
              limits: env.config.listFileLimits,
            },
          );
          out.result(imported, (r) =>
            out.line(
              `imported ${r.imported} inquiries (${r.numbers.join('–')}); ${r.answered} found on the other side's lists, ${r.underReview} under review`,
            ),
          );
        });
      },
    );

  inquiry
    .command('list')
    .description("a party's inquiries, newest first, with their status")
    .addOption(mechanismOption())
    .requiredOption('--party <code>', 'the party')
    .addOption(new Option('--status <status>', 'only this status').choices(INQUIRY_STATUSES))
    .option('--limit <n>', 'how many', wholeNumber(1, 500), 50)
    .action(
      async (options: {
        mechanism: string;
        party: string;
        status?: (typeof INQUIRY_STATUSES)[number];
        limit: number;
      }) => {
        await run(async ({ services, actor, out }) => {
          const page = await services.inquiries.list(actor, {
            mechanism: options.mechanism,
            party: options.party,
            ...(options.status ? { status: options.status } : {}),
            limit: options.limit,
            offset: 0,
          });
          out.result(page, (p) => {
            out.line(`${p.total} inquiries`);
            for (const i of p.inquiries)
              out.line(`${i.party}-${i.number}\t${i.status}\t${nameOf(i.sought)}\t${i.id}`);
          });
        });
      },
    );

  inquiry
    .command('show')
    .description('one inquiry with its status history and matches (the inquirer for the bureau)')
    .addOption(mechanismOption())
    .requiredOption('--id <inquiry>', 'the inquiry id')
    .action(async (options: { mechanism: string; id: string }) => {
      await run(async ({ services, actor, out }) => {
        const shown = await services.inquiries.get(actor, options.mechanism, options.id);
        out.result(shown, (i) => {
          out.line(`${i.party}-${i.number}: ${nameOf(i.sought)} — ${i.status}`);
          if (i.inquirer)
            out.line(
              `inquirer: ${i.inquirer.name} (${i.inquirer.relation}), ${i.inquirer.contact}`,
            );
          for (const h of i.history)
            out.line(
              `  ${h.at}\t${h.from ?? '-'} → ${h.to}${h.onDate ? ` on ${h.onDate}` : ''}${h.reason ? ` (${h.reason})` : ''}`,
            );
          for (const m of i.matches)
            out.line(
              `  match ${m.target.party} ${m.target.recordId}\t${m.status}\t${m.probability.toFixed(3)}`,
            );
        });
      });
    });

  inquiry
    .command('close')
    .description('close an inquiry with the reason')
    .addOption(mechanismOption())
    .requiredOption('--id <inquiry>', 'the inquiry id')
    .addOption(new Option('--reason <reason>', 'why').choices(CLOSE_REASONS).makeOptionMandatory())
    .option('--note <text>', 'a few words more')
    .action(
      async (options: {
        mechanism: string;
        id: string;
        reason: (typeof CLOSE_REASONS)[number];
        note?: string;
      }) => {
        await run(async ({ services, actor, out }) => {
          const closed = await services.inquiries.close(actor, {
            mechanism: options.mechanism,
            inquiry: options.id,
            reason: options.reason,
            note: options.note ?? null,
          });
          out.result(closed, (c) => out.line(`inquiry ${c.id}: closed`));
        });
      },
    );

  registerInquiryReviewCommands(inquiry, mechanismOption, run);

  const code = inquiry
    .command('family-code')
    .description(
      'codes with which a family follows its inquiry on the public status page (/family)',
    );

  code
    .command('issue')
    .description('issue a code for one inquiry; it is printed this once, to be given to the family')
    .addOption(mechanismOption())
    .requiredOption('--id <inquiry>', 'the inquiry id')
    .option(
      '--days <n>',
      `how long it holds (${FAMILY_CODE_DAYS.default} by default)`,
      wholeNumber(1, FAMILY_CODE_DAYS.max),
    )
    .action(async (options: { mechanism: string; id: string; days?: number }) => {
      await run(async ({ services, actor, out }) => {
        const issued = await services.familyStatus.issue(actor, {
          mechanism: options.mechanism,
          inquiry: options.id,
          days: options.days,
        });
        out.result(issued, (c) =>
          out.line(
            `${c.code}\t(code ${c.id}, valid until ${c.expiresAt.slice(0, 10)}; shown once)`,
          ),
        );
      });
    });

  code
    .command('list')
    .description("an inquiry's codes: issued, valid until, times used, revoked (never the codes)")
    .addOption(mechanismOption())
    .requiredOption('--id <inquiry>', 'the inquiry id')
    .action(async (options: { mechanism: string; id: string }) => {
      await run(async ({ services, actor, out }) => {
        const codes = await services.familyStatus.list(actor, options.mechanism, options.id);
        out.result(codes, (list) => {
          for (const c of list)
            out.line(
              `${c.id}\tissued ${c.issuedAt}\tuntil ${c.expiresAt.slice(0, 10)}\tused ${c.views}\t${c.revokedAt ? `revoked ${c.revokedAt}` : 'valid'}`,
            );
        });
      });
    });

  code
    .command('revoke')
    .description('revoke a code: the status page no longer opens with it')
    .addOption(mechanismOption())
    .requiredOption('--code <id>', 'the code id (from issue or list), not the code itself')
    .action(async (options: { mechanism: string; code: string }) => {
      await run(async ({ services, actor, out }) => {
        const revoked = await services.familyStatus.revoke(actor, {
          mechanism: options.mechanism,
          code: options.code,
        });
        out.result(revoked, (c) => out.line(`code ${c.id}: revoked`));
      });
    });

  inquiry
    .command('letter')
    .description(
      "write the inquirer a letter as PDF from the templates (audited): 'received', or 'status' as the family may be told it",
    )
    .addOption(mechanismOption())
    .requiredOption('--id <inquiry>', 'the inquiry id')
    .addOption(
      new Option('--kind <kind>', 'which letter').choices(LETTER_KINDS).makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--language <language>',
        "the letter's language; the inquirer's by default",
      ).choices(LANGUAGES),
    )
    .requiredOption('--out <file.pdf>', 'where to write the PDF')
    .action(
      async (options: {
        mechanism: string;
        id: string;
        kind: (typeof LETTER_KINDS)[number];
        language?: (typeof LANGUAGES)[number];
        out: string;
      }) => {
        await run(async ({ services, actor, out }) => {
          const { pdf, fileName } = await services.familyStatus.letter(actor, {
            mechanism: options.mechanism,
            inquiry: options.id,
            kind: options.kind,
            ...(options.language ? { language: options.language } : {}),
          });
          await fs.writeFile(options.out, pdf);
          out.result({ file: options.out, name: fileName, bytes: pdf.length }, (r) =>
            out.line(`${r.name}: ${r.bytes} bytes written to ${r.file}`),
          );
        });
      },
    );
}
