import { randomBytes } from 'node:crypto';
import { Secret, TOTP, URI } from 'otpauth';
import type { Page } from 'playwright-core';

const STEP_MS = 30_000;
// The last time step whose code each authenticator used: the server takes a code once (RFC 6238).
const lastStep = new Map<string, number>();
// Authenticators enrolled in the browser during a run (the first admin's), by user name.
const enrolled = new Map<string, string>();

/**
 * The code an authenticator shows for a sign-in: the current step's, or the next one's (the
 * server allows one step of drift) when this run used the current one already; waits for the
 * step after that only when both were used.
 */
async function codeOf(page: Page, key: string, totp: TOTP): Promise<string> {
  const now = Date.now();
  const step = Math.max(Math.floor(now / STEP_MS), (lastStep.get(key) ?? -1) + 1);
  const waitMs = (step - 1) * STEP_MS - now;
  if (waitMs > 0) await page.waitForTimeout(waitMs + 500);
  lastStep.set(key, step);
  return totp.generate({ timestamp: step * STEP_MS });
}

async function enterCode(page: Page, username: string, uri: string): Promise<void> {
  const code = page.getByLabel('Authenticator code');
  await code.waitFor();
  await code.fill(await codeOf(page, username, URI.parse(uri) as TOTP));
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Adds an authenticator where the page asks for one (an account without): reads its key off the page. */
async function enrolAuthenticator(page: Page, username: string): Promise<void> {
  await page.getByRole('heading', { name: 'Add an authenticator' }).waitFor();
  const secret = (await page.locator('[data-secret="authenticator-secret"]').textContent()) ?? '';
  const totp = new TOTP({ issuer: 'Parley', label: username, secret: Secret.fromBase32(secret) });
  enrolled.set(username, totp.toString());
  await page.getByLabel(/^Code from the app/).fill(await codeOf(page, username, totp));
  await page.getByRole('button', { name: 'Confirm the authenticator' }).click();
  // Done when the page moves on: a caller that goes elsewhere at once would cancel the request.
  await page.getByRole('heading', { name: 'Add an authenticator' }).waitFor({ state: 'hidden' });
}

/** A password that meets the server's policy, different on every run. */
export const newPassword = () => `Lantern-${randomBytes(8).toString('hex')}`;

/**
 * Signs in through the page as a newcomer does: user name and one-time password, the
 * authenticator code when asked, then a password of one's own.
 */
export async function signInFirstTime(
  page: Page,
  url: string,
  account: { username: string; password: string; totpUri?: string },
): Promise<string> {
  await page.goto(url);
  await page.getByLabel('User name').fill(account.username);
  await page.getByLabel(/^Password/).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (account.totpUri) await enterCode(page, account.username, account.totpUri);
  const chosen = newPassword();
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await page.getByLabel(/^Current \(one-time\) password/).fill(account.password);
  await page.getByLabel(/^New password( \*)?$/).fill(chosen);
  await page.getByLabel(/^New password again/).fill(chosen);
  await page.getByRole('button', { name: 'Change the password' }).click();
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor({ state: 'hidden' });
  // Every account has a second factor: one created without (the first admin) enrols it now.
  if (!account.totpUri) await enrolAuthenticator(page, account.username);
  return chosen;
}

/** Signs in again with the password chosen at the first sign-in. */
export async function signIn(
  page: Page,
  url: string,
  account: { username: string; password: string; totpUri?: string },
): Promise<void> {
  await page.goto(url);
  await page.getByLabel('User name').fill(account.username);
  await page.getByLabel(/^Password/).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const uri = account.totpUri ?? enrolled.get(account.username);
  if (uri) await enterCode(page, account.username, uri);
}
