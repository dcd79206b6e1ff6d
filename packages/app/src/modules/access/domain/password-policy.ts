/** The shortest password accepted; length is what makes a password hard to guess. */
export const MIN_PASSWORD_LENGTH = 12;

export type PasswordVerdict = { ok: true } | { ok: false; reason: string };

/** Checks a new password against the policy: long enough, not a common password, not the user's name. */
export function checkPassword(
  password: string,
  context: { username: string; isCommon: (lowerCased: string) => boolean },
): PasswordVerdict {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return { ok: false, reason: `a password needs at least ${MIN_PASSWORD_LENGTH} characters` };
  }
  const lower = password.toLowerCase();
  if (context.isCommon(lower) || context.isCommon(lower.replace(/[0-9!?.]+$/, ''))) {
    return { ok: false, reason: 'this password is on the list of common passwords' };
  }
  if (lower.includes(context.username.toLowerCase())) {
    return { ok: false, reason: 'a password must not contain the user name' };
  }
  if (new Set(password).size < 5)
    return { ok: false, reason: 'a password needs more different characters' };
  return { ok: true };
}
