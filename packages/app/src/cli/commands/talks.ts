import fs from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { Option, type Command } from 'commander';
import type { z } from 'zod';
import {
  ceasefireBody,
  CEASEFIRE_STATUSES,
  documentBody,
  roundBody,
  STANCES,
  VERIFICATIONS,
  type Reporter,
} from '../../modules/talks/index.ts';
import { AppError } from '../../platform/errors.ts';
import { wholeNumber } from '../arguments.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads a JSON file shaped as the API's body, naming the field of the first mistake. */
async function readJson<S extends z.ZodType>(file: string, schema: S): Promise<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AppError('VALIDATION.INVALID_INPUT', `${file}: not a readable JSON file (${reason})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'VALIDATION.INVALID_INPUT',
      `${file}: ${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/** A violations file as text: UTF-8 only, refused rather than misread. */
async function readUtf8(file: string): Promise<string> {
  const bytes = await fs.readFile(file).catch(() => {
    throw new AppError('VALIDATION.INVALID_INPUT', `cannot read ${file}`);
  });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError(
      'VALIDATION.INVALID_INPUT',
      `${file} is not UTF-8 text; save it as UTF-8 CSV`,
    );
  }
}

const day = (value: string) => {
  if (!DAY.test(value))
    throw new AppError('VALIDATION.INVALID_INPUT', `"${value}" is not a day such as 2025-06-02`);
  return value;
};

/** `parley talks`: rounds, documents and positions, the gap view, notes, ceasefires, violations, the timeline. */
export function registerTalksCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  const talks = program
    .command('talks')
    .description('the record of the talks: rounds, memoranda, positions, ceasefires');
  const mechanismOption = () =>
    new Option('--mechanism <name>', 'the mechanism, by name or id').makeOptionMandatory();
  const run = <T>(work: (c: Parameters<Parameters<typeof withContext>[2]>[0]) => Promise<T>) =>
    withContext(env, output(), work);

  const round = talks.command('round').description('rounds of talks');
  round
    .command('add')
    .description('record a round from a JSON file shaped as POST .../talks/rounds')
    .addOption(mechanismOption())
    .requiredOption(
      '--file <round.json>',
      'date, venue, mediators, delegations, durationMinutes, outcomes',
    )
    .action(async (options: { mechanism: string; file: string }) => {
      const body = await readJson(options.file, roundBody);
      await run(async ({ services, actor, out }) => {
        const added = await services.talks.addRound(actor, {
          mechanism: options.mechanism,
          ...body,
        });
        out.result(added, (r) => out.line(`round ${r.number}: ${r.id}`));
      });
    });
  round
    .command('list')
    .description('every round with its outcomes')
    .addOption(mechanismOption())
    .action(async (options: { mechanism: string }) => {
      await run(async ({ services, actor, out }) => {
        const rounds = await services.talks.rounds(actor, options.mechanism);
        out.result(rounds, (list) => {
          for (const r of list) {
            const heads = r.delegations.map((d) => `${d.party}: ${d.head ?? '-'}`).join(', ');
            out.line(
              `${r.number}\t${r.date}\t${r.venue}\t${r.durationMinutes ?? '?'} min\t${heads}`,
            );
            for (const o of r.outcomes)
              out.line(
                `  ${o.number}. ${o.text}${o.agreement ? ` [agreement: ${o.agreement.name}]` : ''}`,
              );
          }
        });
      });
    });

  const document = talks.command('document').description('memoranda and plans as numbered points');
  document
    .command('table')
    .description(
      'table a document, or a new version of one, from a JSON file shaped as POST .../talks/documents',
    )
    .addOption(mechanismOption())
    .requiredOption(
      '--file <document.json>',
      'title, author, kind, tabledOn, points [{label, kind, text}]',
    )
    .action(async (options: { mechanism: string; file: string }) => {
      const body = await readJson(options.file, documentBody);
      await run(async ({ services, actor, out }) => {
        const tabled = await services.talks.tableDocument(actor, {
          mechanism: options.mechanism,
          ...body,
        });
        out.result(tabled, (t) =>
          out.line(`${body.title}: version ${t.version}, ${t.points} points (${t.id})`),
        );
      });
    });
  document
    .command('list')
    .description('every document with its latest version')
    .addOption(mechanismOption())
    .action(async (options: { mechanism: string }) => {
      await run(async ({ services, actor, out }) => {
        const documents = await services.talks.documents(actor, options.mechanism);
        out.result(documents, (list) => {
          for (const d of list)
            out.line(`${d.id}\t${d.author}\t${d.kind}\tv${d.latestVersion}\t${d.title}`);
        });
      });
    });
  document
    .command('show')
    .description("a document's points with each party's position")
    .addOption(mechanismOption())
    .option('--version <n>', 'the version; the latest by default', wholeNumber(1))
    .argument('<document>', 'the document, by id or title')
    .action(async (ref: string, options: { mechanism: string; version?: number }) => {
      await run(async ({ services, actor, out }) => {
        const shown = await services.talks.document(actor, {
          mechanism: options.mechanism,
          document: ref,
          ...(options.version ? { version: options.version } : {}),
        });
        out.result(shown, (d) => {
          out.line(`${d.title} (${d.author}, version ${d.version}, tabled ${d.tabledOn})`);
          for (const p of d.points) {
            const stances = p.positions
              .map((x) => `${x.party} ${x.stance}${x.conditions ? ` (${x.conditions})` : ''}`)
              .join('; ');
            out.line(
              `${p.isGap ? '≠' : '='} ${p.label}\t[${p.kind}] ${p.text}\n    ${stances}\n    point ${p.id}`,
            );
          }
        });
      });
    });

  talks
    .command('position')
    .description("record a party's position on a point")
    .addOption(mechanismOption())
    .requiredOption('--point <id>', 'the point')
    .requiredOption('--party <code>', 'the party whose position it is')
    .addOption(
      new Option('--stance <stance>', 'the position').choices(STANCES).makeOptionMandatory(),
    )
    .option('--conditions <text>', 'the conditions, when it accepts with conditions')
    .requiredOption('--date <day>', 'when the party took it (YYYY-MM-DD)', day)
    .requiredOption('--source <text>', 'where it is said: a document, a round, a statement')
    .action(
      async (options: {
        mechanism: string;
        point: string;
        party: string;
        stance: (typeof STANCES)[number];
        conditions?: string;
        date: string;
        source: string;
      }) => {
        await run(async ({ services, actor, out }) => {
          const recorded = await services.talks.recordPosition(actor, {
            mechanism: options.mechanism,
            pointId: options.point,
            party: options.party,
            stance: options.stance,
            conditions: options.conditions ?? null,
            statedOn: options.date,
            source: options.source,
          });
          out.result(recorded, (p) =>
            out.line(`${p.party} ${p.stance} point ${p.pointId} (${p.statedOn})`),
          );
        });
      },
    );

  talks
    .command('gap')
    .description('the points where the parties differ, in the latest version of each document')
    .addOption(mechanismOption())
    .option('--document <document>', 'one document, by id or title')
    .action(async (options: { mechanism: string; document?: string }) => {
      await run(async ({ services, actor, out }) => {
        const gap = await services.talks.gap(actor, {
          mechanism: options.mechanism,
          ...(options.document ? { document: options.document } : {}),
        });
        out.result(gap, (g) => {
          for (const d of g.documents) {
            out.line(`${d.title} (version ${d.version}): ${d.points.length} points apart`);
            for (const p of d.points)
              out.line(
                `  ${p.label}\t[${p.kind}] ${p.text}\n      ${p.positions.map((x) => `${x.party} ${x.stance}`).join(' / ')}`,
              );
          }
        });
      });
    });

  const note = talks.command('note').description("a party's private notes");
  note
    .command('add')
    .addOption(mechanismOption())
    .requiredOption('--party <code>', 'whose note')
    .requiredOption('--text <text>', 'the note')
    .option('--subject <text>', 'what it is about, e.g. a point')
    .action(
      async (options: { mechanism: string; party: string; text: string; subject?: string }) => {
        await run(async ({ services, actor, out }) => {
          const added = await services.talks.addNote(actor, options);
          out.result(added, (n) => out.line(`note ${n.id}`));
        });
      },
    );
  note
    .command('list')
    .addOption(mechanismOption())
    .requiredOption('--party <code>', 'whose notes')
    .action(async (options: { mechanism: string; party: string }) => {
      await run(async ({ services, actor, out }) => {
        const notes = await services.talks.notes(actor, options);
        out.result(notes, (list) => {
          for (const n of list) out.line(`${n.createdAt}\t${n.subject ?? ''}\t${n.text}`);
        });
      });
    });

  talks
    .command('timeline')
    .description('rounds, agreements, stages, ceasefire regimes and violations per day, in order')
    .addOption(mechanismOption())
    .option('--from <day>', 'from this day', day)
    .option('--to <day>', 'to this day', day)
    .action(async (options: { mechanism: string; from?: string; to?: string }) => {
      await run(async ({ services, actor, out }) => {
        const entries = await services.talks.timeline(actor, options);
        out.result(entries, (list) => {
          for (const e of list)
            out.line(`${e.at.slice(0, 16)}\t${e.kind}\t${e.title}\t${e.detail}`);
        });
      });
    });

  registerCeasefireCommands(talks, run);
}

type Run = <T>(
  work: (c: Parameters<Parameters<typeof withContext>[2]>[0]) => Promise<T>,
) => Promise<T>;

function registerCeasefireCommands(talks: Command, run: Run): void {
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
