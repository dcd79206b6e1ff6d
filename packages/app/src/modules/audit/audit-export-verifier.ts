import { createPublicKey } from 'node:crypto';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { AppError } from '../../platform/errors.ts';
import { ed25519Verifies } from '../../platform/crypto/ed25519.ts';
import { toStoredEntry, type AuditEntry, type StoredEntry } from './domain/audit-entry.ts';
import {
  checkpointMessage,
  type AuditCheckpoint,
  type ChainVerdict,
  type WitnessedHead,
} from './domain/log-verdict.ts';
import { headSignatureChecker, treeHeadSchema, type TreeHead } from './domain/tree-head.ts';
import { PAGE_SIZE, verifyLog, type VerifyOptions } from './log-verifier.ts';

/** The formats read: 1 has checkpoints only (before the log was a tree), 2 adds the tree heads. */
const FORMATS = ['parley-audit-export/1', 'parley-audit-export/2'];

interface Header {
  type: 'header';
  format: string;
  publicKeys: Array<{ keyId: string; pem: string }>;
}

/**
 * Verifies an exported audit log offline, with only the public keys it carries, and against
 * the heads witnesses kept. The checkpoints and heads come after the entries, so the file is
 * read once to collect them and once to verify.
 */
export async function verifyAuditExport(
  open: () => Readable,
  name: string,
  witnessed: readonly WitnessedHead[] = [],
  options: VerifyOptions = {},
): Promise<ChainVerdict> {
  let header: Header | undefined;
  const checkpoints: AuditCheckpoint[] = [];
  const heads: TreeHead[] = [];
  let lastSeq = 0;
  for await (const { record, line } of records(open(), name)) {
    if (record.type === 'header') header = record as unknown as Header;
    else if (record.type === 'entry') lastSeq = Math.max(lastSeq, Number(record.seq) || 0);
    else if (record.type === 'checkpoint') {
      const { type: _type, ...checkpoint } = record;
      checkpoints.push(checkpoint as unknown as AuditCheckpoint);
    } else if (record.type === 'head') {
      const { type: _type, ...head } = record;
      const parsed = treeHeadSchema.safeParse(head);
      if (!parsed.success)
        throw new AppError('AUDIT.BAD_EXPORT', `${name}, line ${line}: not a tree head`);
      heads.push(parsed.data);
    }
  }
  if (!header || !FORMATS.includes(header.format)) {
    throw new AppError(
      'AUDIT.BAD_EXPORT',
      `${name} is not a Parley audit export (${FORMATS.join(' or ')})`,
    );
  }
  const keys = new Map(header.publicKeys.map((k) => [k.keyId, createPublicKey(k.pem)]));
  const signatures = {
    checkpoint: (c: AuditCheckpoint) => {
      const key = keys.get(c.keyId);
      return key !== undefined && ed25519Verifies(key, checkpointMessage(c), c.signature);
    },
    head: headSignatureChecker(header.publicKeys),
  };
  const source = { lastSeq, page: sequentialPages(entriesOf(open(), name)) };
  return verifyLog(source, { checkpoints, heads, witnessed }, signatures, options);
}

async function* entriesOf(stream: Readable, name: string): AsyncGenerator<StoredEntry> {
  for await (const { record } of records(stream, name)) {
    if (record.type !== 'entry') continue;
    const { type: _type, ...entry } = record;
    yield toStoredEntry(entry as unknown as AuditEntry);
  }
}

/**
 * Pages of a file read once, in order: each call takes the entries up to the end of its page.
 * Calls may overlap (the verifier reads ahead), so each waits for the one before.
 */
function sequentialPages(entries: AsyncIterator<StoredEntry, undefined>) {
  let held: StoredEntry | null = null;
  let previous: Promise<unknown> = Promise.resolve();
  return (start: number): Promise<StoredEntry[]> => {
    const page = previous.then(async () => {
      const end = start + PAGE_SIZE;
      const taken: StoredEntry[] = [];
      for (;;) {
        const entry: StoredEntry | undefined = held ?? (await entries.next()).value ?? undefined;
        held = null;
        if (!entry) return taken;
        if (entry.seq > end) {
          held = entry;
          return taken;
        }
        taken.push(entry);
      }
    });
    previous = page.catch(() => {});
    return page;
  };
}

async function* records(
  stream: Readable,
  name: string,
): AsyncGenerator<{ record: Record<string, unknown>; line: number }> {
  let line = 0;
  for await (const text of readline.createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { record: JSON.parse(text) as Record<string, unknown>, line };
    } catch {
      throw new AppError('AUDIT.BAD_EXPORT', `${name}, line ${line}: not JSON`);
    }
  }
}
