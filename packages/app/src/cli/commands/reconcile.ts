import { InvalidArgumentError, Option, type Command } from 'commander';
import { wholeNumber } from '../arguments.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

function probability(value: string): number {
  const number = Number(value);
  if (!(number > 0 && number < 1))
    throw new InvalidArgumentError('must be a probability between 0 and 1');
  return number;
}

const PAIR_STATUSES = ['open', 'matched', 'confirmed', 'rejected'] as const;

/** Why a pair is where it is, in bits: each field's part for and against, the prior, the rivals. */
function evidenceOf(pair: {
  contributions: readonly unknown[];
  prior: number | null;
  rivals: number | null;
}): string {
  const bits = (weight: number) => `${weight > 0 ? '+' : ''}${weight.toFixed(1)}`;
  const fields = (pair.contributions as { field: string; label: string; weight: number }[])
    .filter((c) => c.weight !== 0)
    .map((c) => `${c.field} ${c.label} ${bits(c.weight)}`);
  if (pair.prior !== null) fields.push(`prior ${bits(pair.prior)}`);
  if (pair.rivals) fields.push(`rivals ${bits(pair.rivals)}`);
  return fields.join(', ');
}

/** `parley reconcile` and `parley review`: the mechanism's reconciliation and its review queue. */
export function registerReconcileCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  program
    .command('reconcile')
    .description(
      "reconcile the latest versions of a mechanism's lists: each party's sought list with the other's held list, and duplicates within each",
    )
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .option('--match <p>', 'the probability from which a pair is a match', probability)
    .option('--review <p>', 'the probability from which a pair goes to review', probability)
    .option('--seed <n>', 'the random seed of training', wholeNumber(0))
    .action(
      async (options: { mechanism: string; match?: number; review?: number; seed?: number }) => {
        const out = output();
        await withContext(env, out, async ({ services, actor }) => {
          const progress = out.progress('reconciling', 100);
          const { mechanism, ...settings } = options;
          try {
            await services.reconciliation.runNow(actor, mechanism, settings, (_phase, share) =>
              progress.update(Math.round(share * 100)),
            );
          } finally {
            progress.stop();
          }
          const status = await services.reconciliation.status(actor, mechanism);
          out.result(status.done, (run) => {
            const c = run?.counts ?? {};
            out.line(
              `${status.mechanism.name}: ${c.acknowledged ?? 0} lines acknowledged, ${c.possible ?? 0} possible, ` +
                `${c.not_acknowledged ?? 0} not acknowledged, ${c.unrequested ?? 0} unrequested ` +
                `(${c.pairs ?? 0} pairs; run ${run?.id ?? '?'})`,
            );
          });
        });
      },
    );

  const review = program
    .command('review')
    .description('the review queue of the latest reconciliation');
  review
    .command('list')
    .description('pairs awaiting review (or in another state), both records side by side')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .addOption(
      new Option('--status <status>', 'which pairs').choices(PAIR_STATUSES).default('open'),
    )
    .option('--limit <n>', 'how many', wholeNumber(1, 200), 20)
    .action(
      async (options: {
        mechanism: string;
        status: (typeof PAIR_STATUSES)[number];
        limit: number;
      }) => {
        const out = output();
        await withContext(env, out, async ({ services, actor }) => {
          const page = await services.reconciliation.pairs(actor, options.mechanism, {
            statuses: [options.status],
            offset: 0,
            limit: options.limit,
          });
          out.result(page, (p) => {
            out.line(`${p.total} ${options.status} pairs; the first ${p.items.length}:`);
            for (const item of p.items) {
              const name = (side: typeof item.left) =>
                side.line
                  ? [
                      side.line.surname ?? side.line.surnameLatin,
                      side.line.givenName,
                      side.line.dateOfBirth,
                    ]
                      .filter(Boolean)
                      .join(' ')
                  : '(line no longer readable)';
              out.line(
                `${item.id}  p=${item.probability.toFixed(3)}${item.reopened ? '  REOPENED' : ''}\n` +
                  `  ${item.left.party} ${item.left.kind} ${item.leftRecordId}: ${name(item.left)}\n` +
                  `  ${item.right.party} ${item.right.kind} ${item.rightRecordId}: ${name(item.right)}\n` +
                  `  ${evidenceOf(item)}`,
              );
            }
          });
        });
      },
    );
  for (const [verb, decision] of [
    ['confirm', 'confirmed'],
    ['reject', 'rejected'],
  ] as const) {
    review
      .command(verb)
      .description(`${verb} a pair; the decision is kept and carries over to unchanged lines`)
      .argument('<pair>', 'the pair id that `review list` shows')
      .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
      .option('--reason <text>', 'why, for the record')
      .action(async (pairId: string, options: { mechanism: string; reason?: string }) => {
        const out = output();
        await withContext(env, out, async ({ services, actor }) => {
          const decided = await services.reconciliation.decide(actor, options.mechanism, {
            pairId,
            decision,
            ...(options.reason ? { reason: options.reason } : {}),
          });
          out.result(decided, (d) =>
            out.line(`${d.leftRecordId} – ${d.rightRecordId}: ${d.status}`),
          );
        });
      });
  }
}
