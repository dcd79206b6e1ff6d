import { Option, type Command } from 'commander';
import {
  ceasefireBody,
  CEASEFIRE_STATUSES,
  VERIFICATIONS,
  type Reporter,
} from '../../modules/talks/index.ts';
import { AppError } from '../../platform/errors.ts';
import { wholeNumber } from '../arguments.ts';
import { day, readJson, readUtf8, type Run } from './talks-input.ts';

/** `parley talks ceasefire` and `parley talks violation`. */
export function registerCeasefireCommands(talks: Command, run: Run): void {
  const mechanismOption = () =>
    new Option('--mechanism <name>', 'the mechanism, by name or id').makeOptionMandatory();
  const ceasefire = talks.command('ceasefire').description('ceasefire regimes and local truces');
  ceasefire
    .command('add')
    .description('record a proposed regime from a JSON file shaped as POST .../talks/ceasefires')
    .addOption(mechanismOption())
    .requiredOption(
      '--file <regime.json>',
      'name, kind, scope, geography, startsAt, durationDays, preconditions, ...',
    )
    .action(async (options: { mechanism: string; file: string }) => {
      const { startsAt, proposedAt, ...body } = await readJson(options.file, ceasefireBody);
      await run(async ({ services, actor, out }) => {
        const added = await services.ceasefires.propose(actor, {
          mechanism: options.mechanism,
          ...body,
          startsAt: startsAt ? new Date(startsAt) : null,
          ...(proposedAt ? { proposedAt: new Date(proposedAt) } : {}),
        });
        out.result(added, (r) => out.line(`${body.name}: ${r.status} (${r.id})`));
      });
    });
  ceasefire
    .command('list')
    .addOption(mechanismOption())
    .action(async (options: { mechanism: string }) => {
      await run(async ({ services, actor, out }) => {
        const regimes = await services.ceasefires.list(actor, options.mechanism);
        out.result(regimes, (list) => {
          for (const r of list)
            out.line(
              `${r.id}\t${r.status}\t${r.kind}\t${r.scope.join('/')}\t${r.durationDays ?? '?'} days\t${r.name}${r.preconditions.length ? `\t${r.preconditions.length} preconditions` : ''}`,
            );
        });
      });
    });
  ceasefire
    .command('status')
    .description('move a regime: proposed → agreed → in_force → expired or broken')
    .addOption(mechanismOption())
    .addOption(
      new Option('--to <status>', 'the new status')
        .choices(CEASEFIRE_STATUSES)
        .makeOptionMandatory(),
    )
    .option('--at <time>', 'when (ISO 8601); now by default')
    .option('--reason <text>', 'for the record')
    .argument('<regime>', 'the regime, by id or name')
    .action(
      async (
        regime: string,
        options: {
          mechanism: string;
          to: (typeof CEASEFIRE_STATUSES)[number];
          at?: string;
          reason?: string;
        },
      ) => {
        const at = options.at ? new Date(options.at) : undefined;
        if (at && Number.isNaN(at.getTime()))
          throw new AppError('VALIDATION.INVALID_INPUT', `--at: "${options.at}" is not a time`);
        await run(async ({ services, actor, out }) => {
          const moved = await services.ceasefires.changeStatus(actor, {
            mechanism: options.mechanism,
            ceasefire: regime,
            to: options.to,
            ...(at ? { at } : {}),
            reason: options.reason ?? null,
          });
          out.result(moved, (m) => out.line(`${regime} is ${m.status}`));
        });
      },
    );

  const violation = talks.command('violation').description('violation reports');
  violation
    .command('import')
    .description('import a CSV of reports (README, "Violation reports"); all or nothing')
    .addOption(mechanismOption())
    .option('--party <code>', 'reported by this party')
    .option('--monitor <name>', 'reported by this monitor')
    .option('--ceasefire <regime>', 'the regime they violate, by id or name')
    .argument('<file>', 'the CSV file (UTF-8)')
    .action(
      async (
        file: string,
        options: { mechanism: string; party?: string; monitor?: string; ceasefire?: string },
      ) => {
        if (Boolean(options.party) === Boolean(options.monitor))
          throw new AppError('VALIDATION.INVALID_INPUT', 'give either --party or --monitor');
        const reporter: Reporter = options.party
          ? { party: options.party }
          : { monitor: options.monitor! };
        const text = await readUtf8(file);
        await run(async ({ services, actor, out }) => {
          const imported = await services.ceasefires.importFile(actor, {
            mechanism: options.mechanism,
            reporter,
            ceasefire: options.ceasefire ?? null,
            fileName: file,
            text,
          });
          out.result(imported, (r) =>
            out.line(`imported ${r.reports} reports from ${file} (import ${r.importId})`),
          );
        });
      },
    );
  violation
    .command('list')
    .addOption(mechanismOption())
    .option('--sector <name>', 'one sector')
    .option('--from <day>', 'from this day', day)
    .option('--to <day>', 'to this day', day)
    .option('--limit <n>', 'at most this many', wholeNumber(1, 1000), 100)
    .action(
      async (options: {
        mechanism: string;
        sector?: string;
        from?: string;
        to?: string;
        limit: number;
      }) => {
        await run(async ({ services, actor, out }) => {
          const page = await services.ceasefires.violations(actor, { ...options, offset: 0 });
          out.result(page, (p) => {
            for (const v of p.items)
              out.line(
                `${v.observation.windowStart.slice(0, 16)}\t${v.sector}\t${v.observation.eventType} ×${v.observation.count}\t${v.observation.perceived}\t${v.reporter.name}\t${v.verification}\t${v.id}`,
              );
            out.line(`${p.items.length} of ${p.total}`);
          });
        });
      },
    );
  violation
    .command('counts')
    .description('reports and events per day and per sector')
    .addOption(mechanismOption())
    .option('--from <day>', 'from this day', day)
    .option('--to <day>', 'to this day', day)
    .action(async (options: { mechanism: string; from?: string; to?: string }) => {
      await run(async ({ services, actor, out }) => {
        const counts = await services.ceasefires.counts(actor, options);
        out.result(counts, (c) => {
          for (const d of c.perDay) out.line(`${d.day}\t${d.reports} reports\t${d.events} events`);
          for (const s of c.perSector)
            out.line(`${s.sector}\t${s.reports} reports\t${s.events} events`);
        });
      });
    });
  violation
    .command('verify')
    .addOption(mechanismOption())
    .addOption(
      new Option('--as <verification>', 'the verdict').choices(VERIFICATIONS).makeOptionMandatory(),
    )
    .option('--reason <text>', 'for the record')
    .argument('<report>', 'the report id')
    .action(
      async (
        id: string,
        options: { mechanism: string; as: (typeof VERIFICATIONS)[number]; reason?: string },
      ) => {
        await run(async ({ services, actor, out }) => {
          const verified = await services.ceasefires.verify(actor, {
            mechanism: options.mechanism,
            violationId: id,
            verification: options.as,
            reason: options.reason ?? null,
          });
          out.result(verified, (v) => out.line(`report ${v.id} is ${v.verification}`));
        });
      },
    );
}
