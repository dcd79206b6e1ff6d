import { Option, type Command } from 'commander';
import { assessmentCorrectionBody, roundCorrectionBody } from '../../modules/talks/index.ts';
import { day, readJson, type Run } from './talks-input.ts';

/** `parley talks round correct`, `talks document revise` and `talks violation assess`. */
export function registerCorrectionCommands(talks: Command, run: Run): void {
  const group = (name: string) => {
    const found = talks.commands.find((c) => c.name() === name);
    if (!found) throw new Error(`parley talks ${name} is not registered yet`);
    return found;
  };
  const mechanismOption = () =>
    new Option('--mechanism <name>', 'the mechanism, by name or id').makeOptionMandatory();

  group('round')
    .command('correct')
    .description(
      "correct a round's details from a JSON file shaped as PATCH .../talks/rounds/R (only the fields to change, and a reason)",
    )
    .addOption(mechanismOption())
    .requiredOption('--file <correction.json>', 'e.g. {"durationMinutes": 45, "reason": "minutes"}')
    .argument('<round>', 'the round id (talks round list --json)')
    .action(async (round: string, options: { mechanism: string; file: string }) => {
      const body = await readJson(options.file, roundCorrectionBody);
      await run(async ({ services, actor, out }) => {
        const corrected = await services.talks.correctRound(actor, {
          ...body,
          mechanism: options.mechanism,
          round,
        });
        out.result(corrected, (r) =>
          out.line(`round ${r.number}: corrected ${r.corrected.join(', ')}`),
        );
      });
    });

  group('document')
    .command('revise')
    .description("correct a point's text as the document's next version")
    .addOption(mechanismOption())
    .requiredOption('--point <label>', 'the point, by its label')
    .requiredOption('--text <text>', 'its corrected text')
    .requiredOption('--tabled-on <day>', 'the day of the new version', day)
    .option('--note <text>', 'what the new version changes')
    .argument('<document>', 'the document, by title or id')
    .action(
      async (
        document: string,
        options: {
          mechanism: string;
          point: string;
          text: string;
          tabledOn: string;
          note?: string;
        },
      ) => {
        await run(async ({ services, actor, out }) => {
          const revised = await services.documents.revisePoint(actor, {
            mechanism: options.mechanism,
            document,
            label: options.point,
            text: options.text,
            tabledOn: options.tabledOn,
            ...(options.note ? { note: options.note } : {}),
          });
          out.result(revised, (r) => out.line(`${document}: version ${r.version}`));
        });
      },
    );

  group('violation')
    .command('assess')
    .description(
      "correct a report's assessment from a JSON file shaped as PATCH .../violations/V/assessment; the observation stays",
    )
    .addOption(mechanismOption())
    .requiredOption(
      '--file <assessment.json>',
      'e.g. {"assessment": {"weapon": "artillery", "confidence": "medium"}, "reason": "..."}',
    )
    .argument('<report>', 'the report id')
    .action(async (report: string, options: { mechanism: string; file: string }) => {
      const body = await readJson(options.file, assessmentCorrectionBody);
      await run(async ({ services, actor, out }) => {
        const assessed = await services.ceasefires.assess(actor, {
          mechanism: options.mechanism,
          violationId: report,
          assessment: body.assessment,
          reason: body.reason ?? null,
        });
        out.result(assessed, (v) =>
          out.line(
            `report ${v.id}: ${Object.entries(v.assessment)
              .filter(([, value]) => value !== null)
              .map(([key, value]) => `${key} ${String(value)}`)
              .join(', ')}`,
          ),
        );
      });
    });
}
