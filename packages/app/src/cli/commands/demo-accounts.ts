import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { URI } from 'otpauth';
import { AppError } from '../../platform/errors.ts';
import {
  ensureDemoAccounts,
  type CreatedDemoAccount,
  type DemoResult,
} from '../../modules/demo/index.ts';
import type { CliEnvironment, CommandContext } from '../context.ts';
import type { Output } from '../output.ts';

export const DEMO_ACCOUNTS_FILE = 'demo-accounts.txt';

const roleOf = (account: CreatedDemoAccount) =>
  account.party ? `${account.role}:${account.party}` : account.role;

function fileText(accounts: readonly CreatedDemoAccount[], now: Date): string {
  const rows = accounts.map((a) => `${a.username} ${roleOf(a)} ${a.password} ${a.totpUri}`);
  return [
    `# Parley demo accounts, created ${now.toISOString()}. Keep this file private.`,
    '# user role one-time-password authenticator-uri',
    '# The one-time password is changed at first sign-in; the code comes from an authenticator',
    '# app given the URI, or from: npx parley demo-code USER',
    ...rows,
    '',
  ].join('\n');
}

/**
 * Gives the demo mechanism its accounts, prints the new ones' one-time passwords and
 * authenticator URIs once, and keeps them in `<data dir>/demo-accounts.txt` (mode 0600).
 */
export async function createDemoAccountsAndReport(
  context: CommandContext,
  demo: DemoResult,
): Promise<void> {
  const created = await ensureDemoAccounts(context.services.access, context.actor, demo.mechanism);
  const file = path.join(context.config.dataDir, DEMO_ACCOUNTS_FILE);
  if (created.length === 0) {
    context.out.note(`Demo accounts: see ${file} (written when they were created)`);
    return;
  }
  await fs.mkdir(context.config.dataDir, { recursive: true });
  await fs.appendFile(file, fileText(created, new Date()), { mode: 0o600 });
  await fs.chmod(file, 0o600);
  const lines = created.map(
    (a) => `  ${a.username.padEnd(16)} ${roleOf(a).padEnd(17)} ${a.password}`,
  );
  context.out.note(
    [
      `Demo accounts for "${demo.mechanism.name}" (user, role, one-time password), shown only now and kept in ${file}:`,
      ...lines,
      'Sign in with one of them; the second factor is the code of an authenticator app given the',
      `account's otpauth:// URI from that file, or, on this machine: npx parley demo-code demo-mediator`,
    ].join('\n'),
  );
}

/** The current authenticator code of a demo account, from the data directory's demo-accounts.txt. */
export function registerDemoCodeCommand(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  program
    .command('demo-code <user>')
    .description(
      `print the current authenticator code of a demo account (from <data dir>/${DEMO_ACCOUNTS_FILE})`,
    )
    .action(async (user: string) => {
      const file = path.join(env.config.dataDir, DEMO_ACCOUNTS_FILE);
      const text = await fs.readFile(file, 'utf8').catch(() => {
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          `${file} does not exist: start the demo first (npm start)`,
        );
      });
      const uri = text
        .split('\n')
        .filter((line) => !line.startsWith('#'))
        .map((line) => line.split(' '))
        .filter((fields) => fields[0] === user)
        .at(-1)?.[3];
      if (!uri) throw new AppError('VALIDATION.INVALID_INPUT', `${file} has no account "${user}"`);
      const out = output();
      out.result({ user, code: URI.parse(uri).generate() }, (r) => out.line(r.code));
    });
}
