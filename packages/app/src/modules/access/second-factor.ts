import { Secret, TOTP } from 'otpauth';

/** RFC 6238's time step, in seconds: a code changes every 30 s. */
const STEP_SECONDS = 30;

/** A new TOTP secret for a user, and the otpauth:// URI an authenticator app reads. */
export function newSecondFactor(username: string): { secret: string; uri: string } {
  const secret = new Secret({ size: 20 });
  return {
    secret: secret.base32,
    uri: new TOTP({ issuer: 'Parley', label: username, secret }).toString(),
  };
}

/**
 * The time step of a code that is right at `at` (one step of clock drift allowed either way), or
 * null when it is wrong. The caller then takes the step as used, so that a code is good once.
 */
export function stepOfCode(secret: string, code: string, at: Date): number | null {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), period: STEP_SECONDS });
  const delta = totp.validate({ token: code, timestamp: at.getTime(), window: 1 });
  return delta === null ? null : Math.floor(at.getTime() / 1000 / STEP_SECONDS) + delta;
}
