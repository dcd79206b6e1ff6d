import { randomBytes } from 'node:crypto';
import { URI } from 'otpauth';
import type { Page } from 'playwright-core';

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
  if (account.totpUri) {
    const code = page.getByLabel('Authenticator code');
    await code.waitFor();
    await code.fill(URI.parse(account.totpUri).generate());
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  const chosen = newPassword();
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await page.getByLabel(/^Current \(one-time\) password/).fill(account.password);
  await page.getByLabel(/^New password( \*)?$/).fill(chosen);
  await page.getByLabel(/^New password again/).fill(chosen);
  await page.getByRole('button', { name: 'Change the password' }).click();
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
  if (account.totpUri) {
    const code = page.getByLabel('Authenticator code');
    await code.waitFor();
    await code.fill(URI.parse(account.totpUri).generate());
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
}
