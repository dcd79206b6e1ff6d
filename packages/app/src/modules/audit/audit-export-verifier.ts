import { createPublicKey, verify } from 'node:crypto';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { AppError } from '../../platform/errors.ts';
import { toStoredEntry, type AuditEntry, type StoredEntry } from './domain/audit-entry.ts';
import {
  checkpointMessage,
  verifyChain,
  type AuditCheckpoint,
  type ChainVerdict,
} from './domain/chain-verifier.ts';
import { AUDIT_EXPORT_FORMAT } from './audit.service.ts';

interface Header {
  type: 'header';
  format: string;
  publicKeys: Array<{ keyId: string; pem: string }>;
}

/**
 * Verifies an exported audit log offline, with only the public keys it carries. The checkpoints
 * come last in the file, so the entries are read once to collect them and once to verify.
 */
export async function verifyAuditExport(open: () => Readable, name: string): Promise<ChainVerdict> {
  let header: Header | undefined;
  const checkpoints: AuditCheckpoint[] = [];
  for await (const record of records(open(), name)) {
    if (record.type === 'header') header = record as unknown as Header;
    else if (record.type === 'checkpoint') {
      const { type: _type, ...checkpoint } = record;
      checkpoints.push(checkpoint as unknown as AuditCheckpoint);
    }
  }
  if (header?.format !== AUDIT_EXPORT_FORMAT) {
    throw new AppError(
      'AUDIT.BAD_EXPORT',
      `${name} is not a Parley audit export (${AUDIT_EXPORT_FORMAT})`,
    );
  }
  const keys = new Map(header.publicKeys.map((k) => [k.keyId, createPublicKey(k.pem)]));
  const isValidSignature = (c: AuditCheckpoint) => {
    const key = keys.get(c.keyId);
    return (
      key !== undefined &&
      verify(null, Buffer.from(checkpointMessage(c)), key, Buffer.from(c.signature, 'base64'))
    );
  };
  async function* pages(): AsyncGenerator<StoredEntry[]> {
    let page: StoredEntry[] = [];
    for await (const record of records(open(), name)) {
      if (record.type !== 'entry') continue;
      const { type: _type, ...entry } = record;
      page.push(toStoredEntry(entry as unknown as AuditEntry));
      if (page.length === 1_000) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }
  return verifyChain(pages(), checkpoints, isValidSignature);
}

async function* records(stream: Readable, name: string): AsyncGenerator<Record<string, unknown>> {
  let line = 0;
  for await (const text of readline.createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new AppError('AUDIT.BAD_EXPORT', `${name}, line ${line}: not JSON`);
    }
  }
}
