import { z } from 'zod';
import type { Database } from '../../platform/db/kysely.ts';
import { accountRecords } from './accounts/index.ts';
import { tokenRecords } from './tokens/index.ts';

const isUuid = (text: string) => z.uuid().safeParse(text).success;

/**
 * The names of actors as the audit log writes them: an account's display name for `user:NAME`,
 * the token's name and its owner's for `token:ID`; others are left out. The caller has
 * authorized reading the entries that name them.
 */
export async function actorNames(
  db: Database,
  actorIds: readonly string[],
): Promise<Map<string, string>> {
  const idsAfter = (prefix: string) =>
    [...new Set(actorIds)]
      .filter((id) => id.startsWith(prefix))
      .map((id) => id.slice(prefix.length));
  const [people, tokens] = await Promise.all([
    accountRecords.displayNamesByUsername(db, idsAfter('user:')),
    tokenRecords.tokenLabels(db, idsAfter('token:').filter(isUuid)),
  ]);
  const names = new Map<string, string>();
  for (const [username, name] of people) names.set(`user:${username}`, name);
  for (const [id, label] of tokens) names.set(`token:${id}`, `${label.owner} · ${label.token}`);
  return names;
}
