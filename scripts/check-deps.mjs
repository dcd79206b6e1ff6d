// The dependency rule (DESIGN.md): module domain/ folders and the engine are pure, so they
// import no database, HTTP or file system, and reach no code outside pure folders.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const FORBIDDEN = [
  /^(node:)?(fs|fs\/promises|net|http|https|http2|child_process|worker_threads|dgram|dns|tls|cluster)$/,
  /^(kysely|pg|@electric-sql\/pglite|kysely-pglite-dialect|fastify|@fastify\/.*|exceljs|csv-parse|csv-stringify|pino)(\/.*)?$/,
];
const IMPORT =
  /(?:^|\n|;)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function* tsFiles(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(full);
    else if (/\.tsx?$/.test(entry.name)) yield full;
  }
}

const isPure = (file) =>
  file.startsWith(path.join(root, 'packages/engine/src')) ||
  file.split(path.sep).includes('domain');

const pureFiles = [
  ...tsFiles(path.join(root, 'packages/engine/src')),
  ...fs
    .readdirSync(path.join(root, 'packages/app/src/modules'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => [
      ...tsFiles(path.join(root, 'packages/app/src/modules', entry.name, 'domain')),
    ]),
];

const violations = [];
for (const file of pureFiles) {
  if (/\.test\.tsx?$/.test(file)) continue;
  const text = fs.readFileSync(file, 'utf8');
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2];
    const where = path.relative(root, file);
    if (FORBIDDEN.some((pattern) => pattern.test(specifier))) {
      violations.push(`${where}: imports ${specifier}, which pure code may not`);
    } else if (specifier.startsWith('.') && !isPure(path.resolve(path.dirname(file), specifier))) {
      violations.push(`${where}: imports ${specifier}, which is outside a pure folder`);
    }
  }
}

if (violations.length > 0) {
  console.error(`dependency rule: ${violations.length} violation(s)`);
  for (const line of violations) console.error(`  ${line}`);
  process.exit(1);
}
console.log(`dependency rule: ${pureFiles.length} pure files import no I/O`);
