import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The machine a benchmark ran on, as every result records it (DESIGN.md, "Performance budgets"). */
export interface Machine {
  cpu: string;
  cores: number;
  totalMemoryMiB: number;
  node: string;
  platform: string;
  arch: string;
  osRelease: string;
}

/** What a result says about the budgets: each budget as a person reads it, and whether all were met. */
export interface BudgetVerdict {
  budgets: Record<string, string>;
  /** null when the benchmark has no budget or could not measure what the budget is about. */
  withinBudget: boolean | null;
}

const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    totalMemoryMiB: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    platform: os.platform(),
    arch: os.arch(),
    osRelease: os.release(),
  };
}

export function formatMachine(machine: Machine = describeMachine()): string {
  const memory = `${(machine.totalMemoryMiB / 1024).toFixed(1)} GiB`;
  return `machine: ${machine.cpu}, ${machine.cores} cores, ${memory} RAM, Node ${machine.node} (${machine.platform} ${machine.arch})`;
}

/**
 * Writes one run's figures as bench/results/<name>-<ISO timestamp>.json, so that runs can be
 * compared, and prints the path.
 */
export async function writeResult(
  name: string,
  figures: unknown,
  verdict: BudgetVerdict = { budgets: {}, withinBudget: null },
): Promise<string> {
  const date = new Date().toISOString();
  await fs.mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}-${date.replace(/:/g, '-')}.json`);
  const result = {
    benchmark: name,
    machine: describeMachine(),
    date,
    figures,
    budgets: verdict.budgets,
    withinBudget: verdict.withinBudget,
  };
  await fs.writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`result written to ${path.relative(process.cwd(), file) || file}`);
  return file;
}
