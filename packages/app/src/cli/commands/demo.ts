import type { Command } from 'commander';
import { wholeNumber } from '../arguments.ts';
import type { Mechanism } from '../../modules/mechanisms/index.ts';
import { loadDemo, playDemoStory, type DemoResult } from '../../modules/demo/index.ts';
import { loadTalksDemo } from '../../modules/talks/index.ts';
import { withContext, type CliEnvironment, type CommandContext } from '../context.ts';
import type { Output } from '../output.ts';
import { registerDemoCodeCommand } from './demo-accounts.ts';

export function registerDemoCommand(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  program
    .command('demo')
    .description(
      'load the demo mechanism with seeded synthetic UA and RU lists (does nothing if it exists)',
    )
    .option('--size <n>', 'lines in the sought list', wholeNumber(1), 500)
    .option(
      '--seed <n>',
      'the random seed; the same seed gives the same lists',
      wholeNumber(1),
      2025,
    )
    .action(async (options: { size: number; seed: number }) => {
      const out = output();
      await withContext(env, out, (context) => loadDemoAndReport(context, options));
    });
  registerDemoCodeCommand(program, env, output);
}

/** Loads the demo and says what it did; `serve --demo` uses it too. */
export async function loadDemoAndReport(
  context: CommandContext,
  options: { size: number; seed: number; bothDirections?: boolean },
): Promise<DemoResult> {
  const result = await loadDemo(context.services, context.actor, options);
  // The record of the talks is loaded apart, so that a demo loaded before it gets it too.
  const talks = await loadTalksDemo(context.services, context.actor, result.mechanism.id);
  const talksLine = () => {
    if (talks.created)
      context.out.line(
        `  the talks of 2025: ${talks.rounds} rounds, ${talks.documents} memoranda (${talks.points} points), ${talks.ceasefires} ceasefire regimes`,
      );
  };
  context.out.result({ ...result, talks }, (r) => {
    if (!r.created) {
      context.out.line(`the demo mechanism "${r.mechanism.name}" is already loaded`);
      talksLine();
      return;
    }
    context.out.line(`created the demo mechanism "${r.mechanism.name}"`);
    for (const list of r.lists) {
      context.out.line(
        `  ${list.party} ${list.kind}: version ${list.version.number}, ${list.version.lineCount} lines (${list.version.flaggedLineCount} flagged)`,
      );
    }
    talksLine();
  });
  return result;
}

/**
 * Plays the demo's story of the exchange under way (`serve --demo`), as its accounts would, and
 * says what it left; a failure is told and the server starts all the same, with the demo as far
 * as the story got.
 */
export async function playDemoStoryAndReport(
  context: CommandContext,
  mechanism: Mechanism,
): Promise<void> {
  const started = performance.now();
  try {
    const story = await playDemoStory(context.services, context.actor, mechanism);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    context.out.note(
      [
        `The demo is in the middle of the exchange of June 2025 (played in ${seconds} s, as the demo accounts):`,
        `  both directions reconciled, eligibility decided, ${story.onPath} persons on the path, ${story.refusals} refusals to return`,
        `  stage ${story.completedStage.number}: ${story.completedStage.persons} persons handed over, manifest and receipts signed by every side`,
        `  stage ${story.executingStage.number}: under way, ${story.executingStage.handedOver} of ${story.executingStage.persons} handed over`,
        `  remains: a batch of ${story.remains.bags} bags received, ${story.remains.identified} identified`,
        `  families' inquiries: ${Object.entries(story.inquiries)
          .map(([party, n]) => `${n} to ${party}'s bureau`)
          .join(', ')}`,
      ].join('\n'),
    );
  } catch (error) {
    context.out.note(
      `The demo's story of the exchange stopped part-way (${error instanceof Error ? error.message : String(error)}); the server starts with the demo as far as it got.`,
    );
  }
}
