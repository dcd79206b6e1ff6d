import { Option, type Command } from 'commander';
import {
  ERASURE_BASES,
  ERASURE_REQUESTERS,
  ERASURE_SCOPES,
  erasureBody,
} from '@parley/kernel/inquiry';
import { AppError } from '../../platform/errors.ts';
import { wholeNumber } from '../arguments.ts';
import { nameOf } from './inquiry-words.ts';
import type { Run } from './talks-input.ts';

const nameless = { surname: null, givenName: null, patronymic: null };

/**
 * `parley inquiry hold|erase|erasures|same-person`: the bureau's legal holds, erasure on the
 * inquirer's request, and its review of possible same-person pairs.
 */
export function registerInquiryReviewCommands(
  inquiry: Command,
  mechanismOption: () => Option,
  run: Run,
): void {
  inquiry
    .command('hold')
    .description('put an inquiry under a legal hold (kept from retention and erasure), or lift it')
    .addOption(mechanismOption())
    .requiredOption('--id <inquiry>', 'the inquiry id')
    .option('--reason <text>', 'why it must be kept (a court case, a prosecutor’s request...)')
    .option('--lift', 'lift the hold')
    .action(async (options: { mechanism: string; id: string; reason?: string; lift?: boolean }) => {
      if (!options.lift && !options.reason?.trim())
        throw new AppError('VALIDATION.INVALID_INPUT', '--reason: say why, or --lift the hold');
      await run(async ({ services, actor, out }) => {
        const held = await services.inquiryDataProtection.hold(actor, {
          mechanism: options.mechanism,
          inquiry: options.id,
          reason: options.lift ? null : options.reason!.trim(),
        });
        out.result(held, (h) =>
          out.line(`inquiry ${h.id}: ${h.legalHold ? `held (${h.legalHold.reason})` : 'not held'}`),
        );
      });
    });

  inquiry
    .command('erase')
    .description(
      "erase the inquirer's data at their request, where the law allows (recorded; refused under a legal hold or while a match or same-person pair waits)",
    )
    .addOption(mechanismOption())
    .requiredOption('--id <inquiry>', 'the inquiry id')
    .addOption(
      new Option('--scope <scope>', "the inquirer's compartment, or the whole inquiry")
        .choices(ERASURE_SCOPES)
        .default('inquirer'),
    )
    .addOption(
      new Option('--requester <who>', 'who asked')
        .choices(ERASURE_REQUESTERS)
        .makeOptionMandatory(),
    )
    .requiredOption('--requested-on <date>', 'the day of the request, YYYY-MM-DD')
    .addOption(
      new Option('--basis <basis>', 'the legal basis that allows it')
        .choices(ERASURE_BASES)
        .makeOptionMandatory(),
    )
    .option('--basis-note <text>', 'the article or decision relied on (no personal data)')
    .action(
      async (options: {
        mechanism: string;
        id: string;
        scope: (typeof ERASURE_SCOPES)[number];
        requester: (typeof ERASURE_REQUESTERS)[number];
        requestedOn: string;
        basis: (typeof ERASURE_BASES)[number];
        basisNote?: string;
      }) => {
        const checked = erasureBody.safeParse({
          scope: options.scope,
          requester: options.requester,
          requestedOn: options.requestedOn,
          basis: options.basis,
          basisNote: options.basisNote,
        });
        if (!checked.success)
          throw new AppError(
            'VALIDATION.INVALID_INPUT',
            checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          );
        await run(async ({ services, actor, out }) => {
          const erased = await services.inquiryDataProtection.erase(actor, {
            mechanism: options.mechanism,
            inquiry: options.id,
            ...checked.data,
          });
          out.result(erased, (e) =>
            out.line(
              e.outcome === 'erased'
                ? `inquiry ${e.number}: ${options.scope === 'inquiry' ? 'erased whole' : "the inquirer's data erased"} (record ${e.id})`
                : `inquiry ${e.number}: erasure refused: ${e.message} (record ${e.id})`,
            ),
          );
        });
      },
    );

  inquiry
    .command('erasures')
    .description("the party's requests to erase inquirers' data and what came of each")
    .addOption(mechanismOption())
    .requiredOption('--party <code>', 'the party')
    .action(async (options: { mechanism: string; party: string }) => {
      await run(async ({ services, actor, out }) => {
        const { erasures } = await services.inquiryDataProtection.erasures(actor, {
          mechanism: options.mechanism,
          party: options.party,
          limit: 500,
        });
        out.result(erasures, (list) => {
          for (const e of list)
            out.line(
              `${e.recordedAt}\t${e.number}\t${e.scope}\tasked by ${e.requester} on ${e.requestedOn}\t${e.basis}\t${e.outcome}${e.refusal ? ` (${e.refusal})` : ''}`,
            );
        });
      });
    });

  const same = inquiry
    .command('same-person')
    .description(
      'pairs of inquiries the engine was unsure are about one person: list, show, decide',
    );

  same
    .command('list')
    .description("the party's pairs waiting for the bureau, oldest first (or those decided)")
    .addOption(mechanismOption())
    .requiredOption('--party <code>', 'the party whose bureau reviews them')
    .option('--decided', 'the pairs decided, latest first')
    .option('--limit <n>', 'how many', wholeNumber(1, 200), 50)
    .action(
      async (options: { mechanism: string; party: string; decided?: boolean; limit: number }) => {
        await run(async ({ services, actor, out }) => {
          const page = await services.samePersonReview.queue(actor, {
            mechanism: options.mechanism,
            party: options.party,
            state: options.decided ? 'decided' : 'waiting',
            limit: options.limit,
            offset: 0,
          });
          out.result(page, (p) => {
            out.line(`${p.total} pairs ${options.decided ? 'decided' : 'waiting'}`);
            for (const pair of p.pairs)
              out.line(
                `${pair.id}\t${pair.inquiry.number} ${nameOf(pair.inquiry.sought ?? nameless)}\t${pair.other.number} ${nameOf(pair.other.sought ?? nameless)}\t${pair.probability.toFixed(3)}\t${pair.status}${pair.reason ? ` (${pair.reason})` : ''}`,
              );
          });
        });
      },
    );

  same
    .command('show')
    .description(
      "one pair side by side with the engine's explanation; the inquirers for the bureau (audited)",
    )
    .addOption(mechanismOption())
    .requiredOption('--pair <id>', 'the pair id')
    .action(async (options: { mechanism: string; pair: string }) => {
      await run(async ({ services, actor, out }) => {
        const shown = await services.samePersonReview.show(actor, options.mechanism, options.pair);
        out.result(shown, (p) => {
          out.line(
            `${p.inquiry.number} and ${p.other.number}: ${p.status}, ${p.probability.toFixed(3)}`,
          );
          for (const [side, inquirer] of [
            [p.inquiry, p.inquirers.inquiry],
            [p.other, p.inquirers.other],
          ] as const)
            out.line(
              `  ${side.number}: ${nameOf(side.sought ?? nameless)}, born ${side.sought?.dateOfBirth ?? '?'}${inquirer ? `; asked by ${inquirer.name} (${inquirer.relation})` : ''}`,
            );
          for (const c of p.explanation)
            out.line(`  ${c.field}\t${c.label}\t${c.weight > 0 ? '+' : ''}${c.weight}`);
        });
      });
    });

  same
    .command('decide')
    .description('merge the two inquiries (same) or keep them apart (different, with --reason)')
    .addOption(mechanismOption())
    .requiredOption('--pair <id>', 'the pair id')
    .addOption(
      new Option('--decision <decision>', 'same or different')
        .choices(['same', 'different'])
        .makeOptionMandatory(),
    )
    .option('--reason <text>', 'why (required for different)')
    .action(
      async (options: {
        mechanism: string;
        pair: string;
        decision: 'same' | 'different';
        reason?: string;
      }) => {
        await run(async ({ services, actor, out }) => {
          const decided = await services.samePersonReview.decide(actor, {
            mechanism: options.mechanism,
            pair: options.pair,
            decision: options.decision === 'same' ? 'confirmed' : 'rejected',
            reason: options.reason?.trim() || null,
          });
          out.result(decided, (d) => out.line(`pair ${d.id}: ${d.status}`));
        });
      },
    );
}
