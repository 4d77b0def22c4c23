import type { Page, Request } from '@playwright/test';
import { login } from '@shop/e2e-platform';
import { expect, screenshot, test, uniqueEmail } from './support/fixtures';
import { mailsTo, waitForMail } from './support/mail';

/**
 * Forgotten and changed passwords, against the real platform: the reset link comes from the mail
 * the notifications service wrote (an .eml in its MAIL_DIR), as a shopper would open it.
 */

const RESET_LINK_SENT = "If an account exists for that address, we've sent a link to reset the password. The link works for one hour.";
const WRONG_CREDENTIALS = 'That email and password do not match an account.';

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/account/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Asks for a reset link on the forgot-password page; answers the confirmation the page showed. */
async function askForResetLink(page: Page, email: string): Promise<string> {
  await page.goto('/account/forgot-password');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  const sent = page.getByTestId('reset-link-sent');
  await expect(sent).toHaveText(RESET_LINK_SENT);
  return (await sent.textContent()) ?? '';
}

/** Every request the page makes from now on, with its Referer (allHeaders: the one the browser really sent). */
function recordRequests(page: Page): { stop: () => Promise<{ url: string; referer: string }[]> } {
  const seen: Promise<{ url: string; referer: string }>[] = [];
  const listener = (request: Request) => {
    seen.push(request.allHeaders().then((headers) => ({ url: request.url(), referer: headers['referer'] ?? '' })));
  };
  page.on('request', listener);
  return {
    stop: async () => {
      page.off('request', listener);
      return Promise.all(seen);
    },
  };
}

test('a forgotten password is reset from the mailed link once, and changed on the account page', async ({ page, context, request, baseURL, gatewayURL }) => {
  const email = uniqueEmail('pwreset');
  const original = 'correct horse battery staple';
  const reset = 'tr0ub4dor and three';
  const changed = 'a brand new passphrase';

  await page.goto('/account/register');
  await page.getByLabel('Email').fill(email);
  // A short password is refused in a shopper's words, not the validator's ("must be at least 8 characters long").
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#password-error')).toHaveText('Use at least 8 characters.');
  await page.getByLabel('Password', { exact: true }).fill(original);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);

  // "Forgot your password?" on the sign-in page.
  await page.goto('/account/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page).toHaveURL(/\/account\/forgot-password$/);
  await expect(page).toHaveTitle('Forgot your password? · FlashShop');
  // A malformed address is refused (by the contract, before the gateway) in a shopper's words.
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.locator('#email-error')).toHaveText('Enter an email address like name@example.com.');

  const since = Date.now();
  const known = await askForResetLink(page, email);
  await screenshot(page, '30-forgot-password-sent');
  // An address with no account gets exactly the same words.
  const nobody = uniqueEmail('pwreset-nobody');
  const unknown = await askForResetLink(page, nobody);
  expect(unknown).toBe(known);

  const mail = await waitForMail(email, { since, subject: /reset/i });
  const link = /https?:\/\/\S+\/account\/reset-password\?token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  expect(link, `a reset link in ${mail.file}`).toBeTruthy();
  const resetUrl = new URL(link!);
  expect(resetUrl.origin).toBe(new URL(baseURL!).origin);
  const token = resetUrl.searchParams.get('token')!;
  expect(await mailsTo(nobody, since)).toEqual([]);

  // The link: the page sends no Referer anywhere, and the token goes into no other URL.
  const recorder = recordRequests(page);
  const landing = await page.goto(link!);
  expect((await landing!.allHeaders())['referrer-policy']).toBe('no-referrer');
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'no-referrer');
  await expect(page).toHaveTitle('Reset your password · FlashShop');
  // The confirmation is checked before anything is sent.
  await page.getByLabel('New password', { exact: true }).fill(reset);
  await page.getByLabel('Confirm new password').fill(`${reset}!`);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.locator('#confirmPassword-error')).toHaveText('The two passwords do not match.');
  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByLabel('Confirm new password').fill('short');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.locator('#password-error')).toHaveText('Use at least 8 characters.');
  await page.getByLabel('New password', { exact: true }).fill(reset);
  await page.getByLabel('Confirm new password').fill(reset);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByTestId('password-reset-done')).toHaveText('Your password is changed; sign in with it.');
  await screenshot(page, '31-password-reset-done');
  const requests = await recorder.stop();
  expect(requests.length).toBeGreaterThan(1);
  for (const sent of requests) {
    expect(sent.referer, `Referer of ${sent.url}`).toBe('');
    if (sent.url.includes(token)) expect(sent.url, 'the only URL with the token is the link itself').toBe(link);
  }

  // Sign in from there: nothing is filled in for the shopper.
  await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account\/login$/);
  await expect(page.getByLabel('Email')).toHaveValue('');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  // The old password no longer signs in; the new one does.
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(original);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(WRONG_CREDENTIALS);
  await signIn(page, email, reset);
  await expect(page).toHaveURL(/\/account$/);

  // The same link again in the browser that used it: the dead link at once, no form to fill first.
  await page.goto(link!);
  await expect(page.getByTestId('invalid-reset-link')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Set new password' })).toHaveCount(0);
  // Elsewhere (nothing remembered), the gateway refuses it on submit: the whole form gives way to the dead link.
  await page.evaluate(() => window.localStorage.clear());
  await page.goto(link!);
  await page.getByLabel('New password', { exact: true }).fill(changed);
  await page.getByLabel('Confirm new password').fill(changed);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByTestId('invalid-reset-link')).toHaveText('This link to reset your password is invalid, expired or already used.');
  await expect(page.getByRole('link', { name: 'Send me a new link' })).toHaveAttribute('href', '/account/forgot-password');
  await expect(page.getByText('Choose a new password for your account.')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Set new password' })).toHaveCount(0);
  await screenshot(page, '32-reset-link-used');
  // A link cut short is the same dead link, without asking anything.
  await page.goto('/account/reset-password?token=short');
  await expect(page.getByTestId('invalid-reset-link')).toBeVisible();

  // Change the password on the account page (still signed in: a refused link ends no session).
  await page.goto('/account');
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  const elsewhere = await login(request, gatewayURL, { email, password: reset });
  const before = (await context.cookies()).find((c) => c.name === 'sf_rt')?.value;
  expect(before).toBeTruthy();
  const form = page.getByRole('region', { name: 'Change password' });
  await form.getByLabel('Current password').fill('not my password');
  await form.getByLabel('New password', { exact: true }).fill(changed);
  await form.getByLabel('Confirm new password').fill(changed);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('#currentPassword-error')).toHaveText('That is not your current password.');
  await expect(form.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Current password').fill(reset);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByTestId('password-changed')).toHaveText("Password changed. You've been signed out everywhere else.");
  await screenshot(page, '33-password-changed');
  const after = (await context.cookies()).find((c) => c.name === 'sf_rt')?.value;
  expect(after).toBeTruthy();
  expect(after).not.toBe(before);

  // The new session is kept as a sign-in keeps it: without the access token's cookie, the proxy refreshes with the new refresh token.
  await context.clearCookies({ name: 'sf_at' });
  await page.reload();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  // Every other session has ended: the other device's refresh token and this browser's old one.
  for (const refreshToken of [elsewhere.refreshToken, before!]) {
    const refreshed = await request.post(`${gatewayURL}/api/auth/refresh`, { data: { refreshToken }, failOnStatusCode: false });
    expect(refreshed.status()).toBe(401);
  }

  // Sign out; the newest password signs in, the one before it no longer does.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);
  await signIn(page, email, reset);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(WRONG_CREDENTIALS);
  await signIn(page, email, changed);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
});
