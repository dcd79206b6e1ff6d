// The tables rule (docs/architecture.md): every table of platform/db/schema.ts belongs to one
// module. Only that module writes it. Another module reads it only where READS below declares
// the read, with why; it never writes it, and reaches data it may not read through the owning
// module's index.ts (as retention deletes health data through the registry's own functions).
// Part of `npm run deps`; exits non-zero naming each file, line and table that breaks it.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const modulesDir = path.join(root, 'packages/app/src/modules');
const schemaFile = path.join(root, 'packages/app/src/platform/db/schema.ts');

/** Each module's tables. */
const OWNERS = {
  mechanisms: ['party', 'mechanism', 'mechanism_party'],
  registry: ['person_list', 'list_version', 'list_line', 'list_line_health'],
  audit: ['audit_entry', 'audit_checkpoint', 'audit_tree_head', 'audit_tree_node'],
  access: ['app_user', 'role_grant', 'user_session', 'api_token', 'break_glass'],
  retention: ['retention_policy'],
  agreements: ['agreement', 'agreement_version', 'eligibility_evaluation', 'eligibility_result'],
  reconciliation: [
    'reconciliation_run',
    'reconciliation_pair',
    'line_outcome',
    'review_decision',
    'outcome_release',
  ],
  exchanges: [
    'signing_key',
    'stage',
    'exchange_person',
    'person_transition',
    'manifest',
    'manifest_signature',
    'offline_record',
    'offline_action',
    'remains_batch',
    'remains_bag',
  ],
  // Not a module's: platform/jobs claims jobs through it, platform/http counts shared rate limits.
  platform: ['background_job', 'rate_limit_window'],
  talks: [
    'talks_round',
    'talks_outcome',
    'talks_document',
    'talks_document_version',
    'talks_point',
    'talks_position',
    'talks_ceasefire',
    'talks_ceasefire_precondition',
    'talks_ceasefire_event',
    'talks_violation',
    'talks_note',
    'talks_translation',
  ],
  inquiries: [
    'inquiry',
    'inquiry_inquirer',
    'inquiry_status_event',
    'inquiry_match',
    'inquiry_same_person',
    'inquiry_family_code',
    'inquiry_erasure',
  ],
};

/** The declared read models: the other modules' tables a module reads (never writes), and why. */
const READS = {
  access: {
    mechanism: "the mechanism's name in the admin's break-glass report",
    audit_entry: 'the number of actions taken under each break-glass access, in that report',
  },
  dashboard: { audit_entry: "recent activity, and when each agreement's paths were opened" },
  // The inbox counts what waits for each role, in the reader's row scope; it writes nothing.
  inbox: {
    stage: 'the stage each manifest, receipt or proposal belongs to',
    manifest: 'manifests, receipts and batches that wait for a signature',
    manifest_signature: 'who has signed them',
    exchange_person: 'persons waiting for a step, a receipt or its confirmation',
    reconciliation_run: 'the latest finished run',
    reconciliation_pair: 'its pairs that wait for a decision',
    inquiry: 'whether an inquiry is shared with the mediator, and open',
    inquiry_match: "matches that wait for a decision, or for the party's bureau",
    talks_document: 'the title of a document whose point waits for an answer',
    talks_document_version: "each document's latest version",
    talks_point: 'its points',
    talks_position: 'the positions stated on them, by whom',
    outcome_release: 'the outcome lists released to a party',
  },
  exchanges: { app_user: 'the user name beside each signing key' },
  inquiries: { mechanism: "its row, locked while an inquiry's number is chosen" },
  talks: {
    mechanism: "its row, locked while a round's number is chosen",
    agreement: "the names of the agreements that rounds produced and that regimes' stages follow",
    agreement_version: "the day each agreement's latest terms name, on the timeline",
    stage: "the stages on the timeline, with their agreement's name",
  },
};

const BUILDER =
  /\.(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|mergeInto)\(\s*['"]([a-z_]+)(?:\s+as\s+\w+)?['"]/g;
const WRITES = new Set(['insertInto', 'updateTable', 'deleteFrom', 'mergeInto']);
const RAW_SQL = /\bsql(?:<[^`]*?>)?`([\s\S]*?)`/g;
const RAW_TABLE = /\b(delete\s+from|insert\s+into|update|from|join)\s+([a-z_]+)/gi;

function* sourceFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) yield full;
  }
}

/** Every table a file names, with the line and whether it writes it. */
function* tablesNamed(text) {
  const lineOf = (index) => text.slice(0, index).split('\n').length;
  for (const match of text.matchAll(BUILDER)) {
    yield { table: match[2], line: lineOf(match.index), writes: WRITES.has(match[1]) };
  }
  for (const query of text.matchAll(RAW_SQL)) {
    for (const match of query[1].matchAll(RAW_TABLE)) {
      const verb = match[1].toLowerCase().replace(/\s+/g, ' ');
      yield {
        table: match[2],
        line: lineOf(query.index + query[0].indexOf(query[1]) + match.index),
        writes: verb !== 'from' && verb !== 'join',
      };
    }
  }
}

const ownerOf = new Map(
  Object.entries(OWNERS).flatMap(([module, tables]) => tables.map((t) => [t, module])),
);
const problems = [];

const schemaTables = [
  ...fs
    .readFileSync(schemaFile, 'utf8')
    .match(/export interface DB \{([\s\S]*?)\n\}/)[1]
    .matchAll(/^\s+([a-z_]+):/gm),
].map((m) => m[1]);
for (const table of schemaTables) {
  if (!ownerOf.has(table))
    problems.push(
      `platform/db/schema.ts: table ${table} has no owner in ${path.basename(import.meta.filename)}`,
    );
}
for (const table of ownerOf.keys()) {
  if (!schemaTables.includes(table))
    problems.push(
      `${path.basename(import.meta.filename)}: ${table} is not a table of platform/db/schema.ts`,
    );
}

let references = 0;
for (const module of fs.readdirSync(modulesDir)) {
  const dir = path.join(modulesDir, module);
  if (!fs.statSync(dir).isDirectory()) continue;
  for (const file of sourceFiles(dir)) {
    const where = path.relative(root, file);
    for (const { table, line, writes } of tablesNamed(fs.readFileSync(file, 'utf8'))) {
      const owner = ownerOf.get(table);
      if (!owner) continue; // a CTE, an alias or a function, not a table
      references++;
      if (owner === module) continue;
      if (writes)
        problems.push(`${where}:${line}: writes ${table}, which is the ${owner} module's`);
      else if (!READS[module]?.[table])
        problems.push(
          `${where}:${line}: reads ${table}, which is the ${owner} module's, and no read model declares it`,
        );
    }
  }
}

if (problems.length > 0) {
  console.error(`tables rule: ${problems.length} violation(s)`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(
  `tables rule: ${references} table references in the modules, each by its owner or a declared read model`,
);
