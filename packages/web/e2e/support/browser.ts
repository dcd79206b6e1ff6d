/// <reference lib="dom" />
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';

/** Debian's Chromium (DESIGN.md): playwright-core drives it; the registry's browser download is not used. */
export const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);

export async function launchBrowser(): Promise<Browser> {
  if (!hasChromium)
    throw new Error(
      `${CHROMIUM} is missing: install it with apt-get install -y chromium (.ci/run does)`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    // Root (CI) cannot use Chromium's sandbox.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

let builtWebRoot: string | null = null;

/** Where this test process built the web application, for `startServer` to serve; null if not built. */
export const webRootOfThisRun = () => builtWebRoot;

const WEB_PACKAGE = fileURLToPath(new URL('../..', import.meta.url));
const VITE = path.join(
  path.dirname(createRequire(import.meta.url).resolve('vite/package.json')),
  'bin/vite.js',
);

/**
 * Builds packages/web into dist/, or into a directory of the test's own, which the servers it then
 * starts serve: with its own directory, other test runs building at the same time (several
 * engineers share a tree) cannot replace the files under a page that is loading them.
 *
 * The build runs in a process of its own with NODE_ENV=production, as `npm start` builds it.
 * Under vitest NODE_ENV is "test", and Vite then builds React's development bundle: what no user
 * runs, with every render done twice under StrictMode, which took most of the browsers' CPU.
 */
export async function buildWeb(outDir?: string): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [VITE, 'build', '--logLevel', 'warn', ...(outDir ? ['--outDir', outDir, '--emptyOutDir'] : [])],
    { cwd: WEB_PACKAGE, env: { ...process.env, NODE_ENV: 'production' } },
  );
  builtWebRoot = outDir ?? null;
}

const axeSource = fs.readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{
    html: string;
    failureSummary?: string;
    any?: Array<{ data?: { messageKey?: string } | null }>;
  }>;
}

/**
 * The page's serious and critical accessibility violations (WCAG 2.1 A and AA), by axe-core, and
 * text in the colour of its background: axe leaves a 1:1 contrast for a person to review (the
 * text might be hidden on purpose), but Parley hides nothing that way, so it is a failure here.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the browser's protocol, not added as an inline <script>: the pages' policy
  // allows no inline script, and the test must not need one. Once a document: a crawl moves
  // through the router, and parsing axe's half a megabyte again for each page cost CPU that the
  // suites running beside it wanted.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: AxeViolation[]; incomplete: AxeViolation[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return { violations: result.violations, incomplete: result.incomplete };
  });
  const invisible = result.incomplete
    .filter((v) => v.id === 'color-contrast')
    .flatMap((v) =>
      v.nodes
        .filter((n) => n.any?.some((check) => check.data?.messageKey === 'equalRatio'))
        .map((n) => `color-contrast (invisible: text the colour of its background): ${n.html}`),
    );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}): ${n.html} ${n.failureSummary ?? ''}`),
    )
    .concat(invisible);
}
