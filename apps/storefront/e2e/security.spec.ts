import type { Page } from '@playwright/test';
import { rawRequest, sameOriginJson } from './support/raw-http';
import { expect, test, uniqueEmail } from './support/fixtures';

/**
 * The storefront's part of the security review (issue 8, findings 4 and 6 and part of 8), each
 * attack tried for real against the running shop: refused, and nothing changed.
 */

async function gatewayLogin(gatewayURL: string, email: string, password: string): Promise<number> {
  const res = await fetch(`${gatewayURL}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return res.status;
}

async function gatewayRegister(gatewayURL: string, email: string, password: string): Promise<void> {
  const res = await fetch(`${gatewayURL}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(res.status).toBe(201);
}

test.describe('login CSRF (finding 6)', () => {
  test('a cross-site form post to register is refused: 403, no session cookie, no account', async ({ baseURL, gatewayURL }) => {
    const email = uniqueEmail('csrf-register');
    const password = 'correct horse battery';
    // What <form enctype="text/plain" action=".../api/auth/register" method=post> on evil.example sends.
    const answer = await rawRequest(baseURL!, '/api/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ email, password }),
    });
    expect(answer.status).toBe(403);
    expect(Object.keys(answer.cookies)).toEqual([]);
    // Nothing changed: the address is still free.
    expect(await gatewayLogin(gatewayURL, email, password)).toBe(401);
  });

  test('a cross-site login (even as JSON, even without a browser’s Sec-Fetch-Site) sets no session', async ({ baseURL, gatewayURL }) => {
    const email = uniqueEmail('csrf-login');
    const password = 'correct horse battery';
    await gatewayRegister(gatewayURL, email, password);
    const body = JSON.stringify({ email, password });
    const attempts: Record<string, string>[] = [
      { 'content-type': 'text/plain', origin: 'https://evil.example' },
      { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      { 'content-type': 'application/json', origin: 'https://evil.example' },
      { 'content-type': 'application/json', origin: 'null' },
      { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      // No Origin and no Sec-Fetch-Site: proves nothing, so refused too.
      { 'content-type': 'application/json' },
      // Same origin, but a body a form can send.
      { 'content-type': 'text/plain', origin: new URL(baseURL!).origin },
    ];
    for (const headers of attempts) {
      const answer = await rawRequest(baseURL!, '/api/auth/login', { method: 'POST', headers, body });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.cookies, JSON.stringify(headers)).toEqual({});
    }
    // The shop's own request still works.
    const own = await rawRequest(baseURL!, '/api/auth/login', { method: 'POST', headers: sameOriginJson(baseURL!), body });
    expect(own.status).toBe(200);
    expect(own.cookies['sf_at']?.value).toBeTruthy();
  });

  test('every other change refuses a cross-site request too (cart, checkout, logout)', async ({ baseURL }) => {
    const evil = { 'content-type': 'text/plain', origin: 'https://evil.example' };
    for (const [method, path] of [
      ['POST', '/api/cart/items'],
      ['PATCH', '/api/cart/items/ANY-SKU'],
      ['DELETE', '/api/cart/items/ANY-SKU'],
      ['POST', '/api/checkout'],
      ['POST', '/api/auth/logout'],
    ] as const) {
      const body = method === 'DELETE' ? undefined : '{"sku":"X","quantity":1}';
      const answer = await rawRequest(baseURL!, path, { method, headers: evil, body });
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.cookies, `${method} ${path}`).toEqual({});
    }
  });
});

test.describe('lockout through the storefront (finding 4)', () => {
  test('two shoppers on different addresses have separate failed-login budgets; a spoofed X-Forwarded-For buys nothing', async ({ baseURL, gatewayURL }) => {
    const email = uniqueEmail('lockout');
    const password = 'correct horse battery';
    await gatewayRegister(gatewayURL, email, password);
    const attacker = '127.0.0.2';
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const answer = await rawRequest(baseURL!, '/api/auth/login', {
        method: 'POST',
        // A fresh made-up address each time: the storefront must not pass it on.
        headers: { ...sameOriginJson(baseURL!), 'x-forwarded-for': `203.0.113.${i}`, 'x-real-ip': `203.0.113.${i}` },
        body: JSON.stringify({ email, password: `guess-${i}` }),
        from: attacker,
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // The attacker is refused even with the right password ...
    const blocked = await rawRequest(baseURL!, '/api/auth/login', { method: 'POST', headers: sameOriginJson(baseURL!), body: JSON.stringify({ email, password }), from: attacker });
    expect(blocked.status).toBe(429);
    expect(blocked.cookies).toEqual({});
    // ... and the owner, typing into the same shop from their own machine, signs in.
    const owner = await rawRequest(baseURL!, '/api/auth/login', { method: 'POST', headers: sameOriginJson(baseURL!), body: JSON.stringify({ email, password }), from: '127.0.0.3' });
    expect(owner.status).toBe(200);
    expect(owner.cookies['sf_at']?.value).toBeTruthy();
  });
});

test.describe('hardening (finding 8)', () => {
  test('session cookies are Secure, HttpOnly and SameSite=Lax under NODE_ENV=production', async ({ baseURL, gatewayURL }) => {
    const email = uniqueEmail('cookies');
    const password = 'correct horse battery';
    await gatewayRegister(gatewayURL, email, password);
    const answer = await rawRequest(baseURL!, '/api/auth/login', { method: 'POST', headers: sameOriginJson(baseURL!), body: JSON.stringify({ email, password }), from: '127.0.0.6' });
    expect(answer.status).toBe(200);
    for (const name of ['sf_at', 'sf_rt', 'sf_email']) {
      const attributes = answer.cookies[name]?.attributes.toLowerCase() ?? '';
      expect(attributes, name).toContain('secure');
      expect(attributes, name).toContain('httponly');
      expect(attributes, name).toContain('samesite=lax');
    }
  });

  test('pages carry a CSP with frame-ancestors none and a fresh nonce, and still work under it', async ({ page, baseURL }) => {
    const first = await rawRequest(baseURL!, '/');
    const second = await rawRequest(baseURL!, '/');
    const csp = String(first.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toContain('unsafe-eval');
    expect(second.headers['content-security-policy']).not.toBe(csp);
    expect(first.headers['x-frame-options']).toBe('DENY');
    // Next.js put the nonce on its scripts.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(first.body).toContain(`nonce="${nonce}"`);

    const violations = watchCspViolations(page);
    await page.goto('/account/login');
    await page.getByLabel('Email').fill('nobody@example.com');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Only a hydrated form answers in place (an inert one would navigate).
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('That email and password do not match an account.');
    await page.goto('/c/footwear');
    await expect(page.getByRole('main').getByTestId('product-card').first()).toBeVisible();
    expect(violations).toEqual([]);
  });

  for (const next of ['//evil.example/', '/\\evil.example/', '/%5Cevil.example/', '/%09/evil.example/', 'https://evil.example/']) {
    test(`after sign-in, next=${next} stays on the shop`, async ({ page, baseURL, gatewayURL }) => {
      const email = uniqueEmail('next');
      const password = 'correct horse battery';
      await gatewayRegister(gatewayURL, email, password);
      await page.goto(`/account/login?next=${encodeURIComponent(next)}`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL(`${baseURL}/account`);
      await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
    });
  }

  test('a replayed refresh token does not get the fresh session the shopper just got', async ({ baseURL, gatewayURL }) => {
    const email = uniqueEmail('replay');
    const password = 'correct horse battery';
    await gatewayRegister(gatewayURL, email, password);
    const shopper = { from: '127.0.0.4', ua: 'ShopperBrowser/1.0' };
    const login = await rawRequest(baseURL!, '/api/auth/login', {
      method: 'POST',
      headers: { ...sameOriginJson(baseURL!), 'user-agent': shopper.ua },
      body: JSON.stringify({ email, password }),
      from: shopper.from,
    });
    const stolen = login.cookies['sf_rt']!.value;
    // The access token cookie has gone: the shopper's next page swaps the refresh token.
    const refreshed = await rawRequest(baseURL!, '/account', { headers: { cookie: `sf_rt=${stolen}`, 'user-agent': shopper.ua }, from: shopper.from });
    expect(refreshed.status).toBe(200);
    expect(refreshed.cookies['sf_at']?.value).toBeTruthy();
    expect(refreshed.cookies['sf_rt']?.value).toBeTruthy();
    expect(refreshed.cookies['sf_rt']?.value).not.toBe(stolen);

    // Someone else presents the spent token a moment later.
    const replay = await rawRequest(baseURL!, '/account', { headers: { cookie: `sf_rt=${stolen}`, 'user-agent': 'Attacker/1.0' }, from: '127.0.0.5' });
    expect(replay.cookies['sf_at']?.value ?? '').toBe('');
    expect(replay.cookies['sf_rt']?.value ?? '').toBe('');
    // Not signed in: the account page sends them to the login.
    expect(replay.status).toBe(307);
    expect(String(replay.headers['location'])).toContain('/account/login');
  });
});

/** CSP violations the page reports (Chromium logs each one as a console error). */
function watchCspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}
