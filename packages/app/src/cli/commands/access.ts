import { Option, type Command } from 'commander';
import { wholeNumber } from '../arguments.ts';
import { ROLES } from '../../modules/access/index.ts';
import { AppError } from '../../platform/errors.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

const roleOption = () =>
  new Option('--role <role>', 'the role').choices(ROLES).makeOptionMandatory();

export function registerAccessCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  const user = program.command('user').description('accounts and their roles');
  user
    .command('add')
    .description(
      'add a person with a one-time password and an authenticator (TOTP) secret, both shown once; or a service account',
    )
    .requiredOption('--username <name>', 'the sign-in name (a-z, 0-9, . _ -)')
    .option('--name <display name>', 'the name shown to others')
    .option('--admin', 'a deployment admin: users, roles, keys; personal data only by break-glass')
    .option('--no-totp', 'no authenticator now: the person enrols one at the first sign-in')
    .option(
      '--service',
      'a service account for a script: no password, only the tokens you make for it',
    )
    .action(
      async (options: {
        username: string;
        name?: string;
        admin?: boolean;
        totp: boolean;
        service?: boolean;
      }) => {
        const out = output();
        await withContext(env, out, async ({ services, actor }) => {
          const identity = {
            username: options.username,
            ...(options.name ? { displayName: options.name } : {}),
          };
          if (options.service) {
            if (options.admin) {
              throw new AppError(
                'VALIDATION.INVALID_INPUT',
                'a service account cannot be an admin',
              );
            }
            const account = await services.access.addServiceAccount(actor, identity);
            out.result(account, (a) =>
              out.line(
                `added the service account ${a.username}; grant it roles, then make its tokens (parley token create)`,
              ),
            );
            return;
          }
          const created = await services.access.addUser(actor, {
            ...identity,
            isAdmin: Boolean(options.admin),
            withTotp: options.totp,
          });
          out.result(created, (c) => {
            out.line(
              `added ${c.username}; one-time password (shown once, changed at first sign-in): ${c.password}`,
            );
            if (c.totpUri) out.line(`authenticator app (scan or paste, shown once): ${c.totpUri}`);
            else out.line('no authenticator yet: the person enrols one at the first sign-in');
          });
        });
      },
    );
  user
    .command('enrol')
    .description(
      'enrol an authenticator for a person who has none (the first admin): first its secret, then --code to confirm',
    )
    .argument('<username>', 'the person')
    .option('--code <digits>', 'the code the new authenticator shows, to confirm it')
    .action(async (username: string, options: { code?: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        if (options.code === undefined) {
          const started = await services.access.startEnrolment(actor, username);
          out.result(started, (s) => {
            out.line(`authenticator for ${s.username} (scan or paste, shown once): ${s.totpUri}`);
            out.line(`then confirm: parley user enrol ${s.username} --code <the code it shows>`);
          });
          return;
        }
        const done = await services.access.confirmEnrolment(actor, {
          username,
          code: options.code,
        });
        out.result(done, (d) =>
          out.line(`${d.username} has an authenticator now: every sign-in needs its code`),
        );
      });
    });
  user
    .command('grant')
    .description('give a user a role in a mechanism')
    .requiredOption('--username <name>', 'the user')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .addOption(roleOption())
    .option('--party <code>', 'for party roles: the party the user acts for')
    .action(
      async (options: { username: string; mechanism: string; role: string; party?: string }) => {
        const out = output();
        await withContext(env, out, async ({ services, actor }) => {
          const grant = await services.access.grant(actor, options);
          out.result(grant, (g) =>
            out.line(
              `${options.username} is now ${g.role}${g.party ? ` for ${g.party}` : ''} in ${options.mechanism}`,
            ),
          );
        });
      },
    );
  user
    .command('revoke')
    .description('take a role away; the tokens made for it are revoked with it')
    .requiredOption('--username <name>', 'the user')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .addOption(roleOption())
    .option('--party <code>', 'for party roles: the party')
    .action(
      async (options: { username: string; mechanism: string; role: string; party?: string }) => {
        const out = output();
        await withContext(env, out, async ({ services, actor }) => {
          const grant = await services.access.revokeGrant(actor, options);
          out.result(grant, (g) =>
            out.line(
              `${options.username} is no longer ${g.role}${g.party ? ` for ${g.party}` : ''} in ${options.mechanism}`,
            ),
          );
        });
      },
    );
  user
    .command('list')
    .description('every user, with roles, second factor, and whether locked or disabled')
    .action(async () => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const users = await services.access.listUsers(actor);
        out.result(users, (list) => {
          for (const u of list) {
            const flags = [
              u.isAdmin ? 'admin' : null,
              u.isService ? 'service account' : u.hasSecondFactor ? 'TOTP' : 'no second factor',
              u.disabledAt ? `disabled ${u.disabledAt.toISOString()}` : null,
              u.lockedUntil && u.lockedUntil > new Date() ? 'locked' : null,
            ].filter(Boolean);
            const roles = u.grants.map(
              (g) => `${g.role}${g.party ? `:${g.party}` : ''}@${g.mechanismId}`,
            );
            out.line(`${u.username}\t${flags.join(', ')}\t${roles.join(' ') || '(no roles)'}`);
          }
        });
      });
    });
  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(name)
      .description(
        disabled
          ? 'disable a user at once: sessions end and tokens are revoked'
          : 'let a disabled user sign in again',
      )
      .argument('<username>', 'the user')
      .action(async (username: string) => {
        const out = output();
        await withContext(env, out, async ({ services, actor }) => {
          const done = await services.access.setUserDisabled(actor, { username, disabled });
          out.result(done, (d) =>
            out.line(`${d.username} is ${d.disabled ? 'disabled' : 'enabled'}`),
          );
        });
      });
  }
  user
    .command('reset')
    .description(
      'give a user a new one-time password (all sessions end); with --totp also a new authenticator secret',
    )
    .argument('<username>', 'the user')
    .option('--totp', 'also a new second factor, for a lost authenticator')
    .action(async (username: string, options: { totp?: boolean }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const reset = await services.access.resetUser(actor, {
          username,
          newSecondFactor: Boolean(options.totp),
        });
        out.result(reset, (r) => {
          out.line(`one-time password for ${r.username} (shown once): ${r.password}`);
          if (r.totpUri) out.line(`authenticator app (shown once): ${r.totpUri}`);
        });
      });
    });

  const token = program.command('token').description('API tokens for scripts and integrations');
  token
    .command('create')
    .description(
      "create a token for one of a service account's roles; shown once, stored only as a hash (a person makes their own tokens, signed in)",
    )
    .requiredOption('--username <name>', 'the service account the token acts for')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .addOption(roleOption())
    .option('--party <code>', 'for party roles: the party')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--days <n>', 'days until it expires', wholeNumber(1, 366), 30)
    .action(
      async (options: {
        username: string;
        mechanism: string;
        role: string;
        party?: string;
        name: string;
        days: number;
      }) => {
        const out = output();
        await withContext(env, out, async ({ services, actor }) => {
          const created = await services.access.createToken(actor, options);
          out.result(created, (c) =>
            out.line(
              `token ${c.id} (expires ${c.expiresAt.toISOString()}), shown once:\n${c.token}`,
            ),
          );
        });
      },
    );
  token
    .command('list')
    .description('API tokens, newest first (never the tokens themselves)')
    .option('--username <name>', "only this user's tokens")
    .action(async (options: { username?: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const tokens = await services.access.listTokens(actor, options.username);
        out.result(tokens, (list) => {
          for (const t of list) {
            const state = t.isActive
              ? `expires ${t.expiresAt.toISOString()}`
              : t.revokedAt
                ? 'revoked'
                : 'expired';
            out.line(
              `${t.id}\t${t.username}\t${t.role}${t.party ? `:${t.party}` : ''}\t${t.name}\t${state}`,
            );
          }
        });
      });
    });
  token
    .command('revoke')
    .description('revoke a token at once')
    .argument('<id>', 'the token id that create printed')
    .action(async (id: string) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        await services.access.revokeToken(actor, id);
        out.result({ revoked: id }, () => out.line(`revoked token ${id}`));
      });
    });
}
