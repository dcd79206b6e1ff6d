import { Option, type Command } from 'commander';
import { documentBody, roundBody, STANCES } from '../../modules/talks/index.ts';
import { wholeNumber } from '../arguments.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';
import { registerCeasefireCommands } from './talks-ceasefires.ts';
import { registerCorrectionCommands } from './talks-corrections.ts';
import { day, readJson, type Run } from './talks-input.ts';
import { registerTranslationCommands } from './talks-translations.ts';

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
  const run: Run = (work) => withContext(env, output(), work);

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
        const tabled = await services.documents.tableDocument(actor, {
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
        const documents = await services.documents.documents(actor, options.mechanism);
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
        const shown = await services.documents.document(actor, {
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
          const recorded = await services.documents.recordPosition(actor, {
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
        const gap = await services.documents.gap(actor, {
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
  registerCorrectionCommands(talks, run);
  registerTranslationCommands(talks, run);
}
