import fs from 'node:fs/promises';
import type { Command } from 'commander';
import {
  addWitnessedHead,
  headSignatureChecker,
  newWitnessFile,
  parseWitnessFile,
  type PublicKeyPem,
  type TreeHead,
  type WitnessFile,
} from '../../modules/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

/** Reads a JSON file, naming the file when it cannot be read or is not JSON. */
export async function readJsonFile(file: string): Promise<unknown> {
  const text = await fs.readFile(file, 'utf8').catch(() => {
    throw new AppError('VALIDATION.INVALID_INPUT', `cannot read ${file}`);
  });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError(
      'VALIDATION.INVALID_INPUT',
      `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** What a witness asks of a log: its newest head, its keys, and proofs from what it saw. */
interface LogView {
  readonly name: string;
  latestHead(): Promise<TreeHead | null>;
  publicKeys(): Promise<PublicKeyPem[]>;
  consistency(from: number, to: number): Promise<string[]>;
}

/** A log seen through a running server's API, with an API token: how a party's officer witnesses. */
function serverView(server: string, token: string): LogView {
  const base = new URL('/api/v1/', server);
  const get = async <T>(path: string): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(new URL(path, base), {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      });
    } catch (error) {
      throw new AppError(
        'AUDIT.BAD_WITNESS',
        `cannot reach ${server}: ${(error as Error).message}`,
      );
    }
    const body = (await response.json().catch(() => ({}))) as {
      error?: { message?: string };
    } & T;
    if (!response.ok)
      throw new AppError(
        'AUDIT.BAD_WITNESS',
        `${server} answered ${response.status}: ${body.error?.message ?? response.statusText}`,
      );
    return body;
  };
  return {
    name: server,
    latestHead: async () => (await get<{ head: TreeHead | null }>('audit/head')).head,
    publicKeys: async () => (await get<{ items: PublicKeyPem[] }>('audit/keys')).items,
    consistency: async (from, to) =>
      (await get<{ path: string[] }>(`audit/proofs/consistency?from=${from}&to=${to}`)).path,
  };
}

async function readWitness(file: string, log: string): Promise<WitnessFile> {
  const exists = await fs.stat(file).then(
    () => true,
    () => false,
  );
  if (!exists) return newWitnessFile(log);
  try {
    return parseWitnessFile(await readJsonFile(file), file);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('AUDIT.BAD_WITNESS', (error as Error).message);
  }
}

/**
 * Adds the log's newest head to a witness file after proving it consistent with the last head
 * the file kept; refuses, and leaves the file as it was, when the log was cut or rewritten.
 */
async function witness(view: LogView, file: string, out: Output): Promise<void> {
  const kept = await readWitness(file, view.name);
  const head = await view.latestHead();
  if (!head) throw new AppError('AUDIT.NO_SUCH_HEAD', `${view.name} has signed no tree head yet`);
  const keys = [...kept.publicKeys];
  for (const key of await view.publicKeys())
    if (!keys.some((k) => k.keyId === key.keyId)) keys.push(key);
  const last = kept.heads.at(-1);
  const proof =
    last && last.treeSize < head.treeSize
      ? await view.consistency(last.treeSize, head.treeSize)
      : [];
  let added: ReturnType<typeof addWitnessedHead>;
  try {
    added = addWitnessedHead(
      { ...kept, publicKeys: keys },
      head,
      proof,
      headSignatureChecker(keys),
    );
  } catch (error) {
    throw new AppError('AUDIT.CHAIN_BROKEN', `${file}: ${(error as Error).message}`);
  }
  const partial = `${file}.partial`;
  await fs.writeFile(partial, `${JSON.stringify(added.file, null, 2)}\n`);
  await fs.rename(partial, file);
  out.result({ file, head, heads: added.file.heads.length, isNew: added.isNew }, (r) =>
    out.line(
      `${r.file}: ${r.isNew ? 'kept' : 'already holds'} the head of ${r.head.treeSize} entries (root ${r.head.rootHash}), signed ${r.head.signedAt}` +
        (last
          ? `; consistent with the head of ${last.treeSize} entries it saw on ${last.signedAt}`
          : ''),
    ),
  );
}

/** `parley audit head`, `audit prove` and `audit witness`. */
export function registerAuditProofCommands(
  audit: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  audit
    .command('head')
    .description('print the newest signed tree head as JSON; --sign signs one over the log now')
    .option('--sign', 'sign a head now (after proving it consistent with the previous head)')
    .action(async (options: { sign?: boolean }) => {
      const out = output();
      const head = await withContext(env, out, ({ services }) =>
        options.sign ? services.audit.signHead() : services.audit.latestHead(),
      );
      out.result({ head }, (r) => out.line(JSON.stringify(r.head, null, 2)));
    });
  audit
    .command('prove')
    .description(
      'print an RFC 9162 proof as JSON: --entry N (inclusion of entry N) or --from N (consistency of a later head with the tree of N entries)',
    )
    .option('--entry <seq>', 'the entry to prove included', toCount)
    .option('--from <size>', 'the earlier tree size of a consistency proof', toCount)
    .option('--size <size>', 'the signed head to prove against (the newest by default)', toCount)
    .action(async (options: { entry?: number; from?: number; size?: number }) => {
      const out = output();
      if ((options.entry === undefined) === (options.from === undefined))
        throw new AppError('VALIDATION.INVALID_INPUT', 'give either --entry or --from');
      const proof: object = await withContext(env, out, ({ services }): Promise<object> =>
        options.entry !== undefined
          ? services.audit.inclusionProof(options.entry, options.size)
          : services.audit.consistencyProof(options.from!, options.size),
      );
      out.result(proof, (p) => out.line(JSON.stringify(p, null, 2)));
    });
  audit
    .command('witness')
    .description(
      "keep the log's newest signed head in a file, after proving that the log only grew since the last head kept there",
    )
    .requiredOption('--out <file>', 'the witness file (created on first use, added to after)')
    .option('--server <url>', "a running server's address (with --token-file); else this database")
    .option('--token-file <file>', 'a file holding an API token (prl_…) for --server')
    .action(async (options: { out: string; server?: string; tokenFile?: string }) => {
      const out = output();
      if (options.server) {
        if (!options.tokenFile)
          throw new AppError('VALIDATION.INVALID_INPUT', '--server needs --token-file');
        const token = (
          await fs.readFile(options.tokenFile, 'utf8').catch(() => {
            throw new AppError('VALIDATION.INVALID_INPUT', `cannot read ${options.tokenFile}`);
          })
        ).trim();
        await witness(serverView(options.server, token), options.out, out);
        return;
      }
      await withContext(env, out, ({ services, config }) =>
        witness(
          {
            name: config.database.kind === 'postgres' ? 'PostgreSQL' : config.dataDir,
            latestHead: () => services.audit.latestHead(),
            publicKeys: async () => services.audit.publicKeys(),
            consistency: async (from, to) => (await services.audit.consistencyProof(from, to)).path,
          },
          options.out,
          out,
        ),
      );
    });
}

function toCount(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new AppError('VALIDATION.INVALID_INPUT', `${value} is not a whole number of 1 or more`);
  return n;
}
