import { adminCredentials, login, registerCustomerSession, uniqueEmail } from '@shop/e2e-platform';
import { expect, screenshot, signInAsAdmin, test, useSessionCookies } from './support/fixtures';

test.describe('who gets into the console', () => {
  test('an admin signs in and lands on the console, with every section in its navigation', async ({ page }) => {
    await page.goto('/products');
    // Signed out: every console page sends to the login page, remembering where it was going.
    await expect(page).toHaveURL(/\/login\?next=%2Fproducts$/);
    await screenshot(page, 'login');

    await signInAsAdmin(page);
    await expect(page).toHaveURL(/\/$/);
    const nav = page.getByRole('navigation', { name: 'Console' });
    for (const section of ['Dashboard', 'Products', 'Inventory', 'Orders', 'Pricing', 'Flash sales', 'Customers', 'Notifications', 'Operations']) {
      await expect(nav.getByRole('link', { name: section, exact: true })).toBeVisible();
    }
    await screenshot(page, 'console-home');

    // The session is HttpOnly (scripts cannot read it) and SameSite=Lax.
    const cookies = await page.context().cookies();
    const access = cookies.find((c) => c.name === 'adm_at');
    expect(access?.httpOnly).toBe(true);
    expect(access?.sameSite).toBe('Lax');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('a customer cannot sign in, and their valid session gets no console page, no console data, and 403 at the gateway', async ({ page, context, request, baseURL, gatewayURL }) => {
    const email = uniqueEmail('console-intruder');
    const password = 'correct horse battery staple';
    await registerCustomerSession(request, gatewayURL, email, password);

    // At the door: a clear refusal, no session kept.
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'not an admin account' })).toBeVisible();
    expect((await context.cookies()).filter((c) => c.name.startsWith('adm_'))).toEqual([]);
    await screenshot(page, 'login-refused-customer');

    // With the customer's valid tokens in the console's cookies: pages and route handlers refuse.
    const session = await login(request, gatewayURL, { email, password });
    await useSessionCookies(context, baseURL!, session);
    for (const path of ['/', '/products', '/orders']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole('alert').filter({ hasText: 'not an admin account' })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Console' })).toHaveCount(0);
    }
    const api = await page.request.get('/api/products');
    expect(api.status()).toBe(403);
    expect(await api.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    // A same-origin JSON change (past the CSRF guard) is refused for the role, and creates nothing.
    const change = await page.request.post('/api/products', {
      data: { title: 'Intruder Tee', status: 'active', variants: [{ sku: 'INTRUDER-1', price: { amount: 100, currency: 'EUR' } }] },
      headers: { origin: baseURL!, 'sec-fetch-site': 'same-origin' },
    });
    expect(change.status()).toBe(403);
    expect((await change.json()).error.message).toContain('not an admin account');
    const someProduct = '6f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f';
    for (const [method, path] of [['PATCH', `/api/products/${someProduct}`], ['POST', `/api/products/${someProduct}/archive`]] as const) {
      const refused = await page.request.fetch(path, { method, data: { title: 'Renamed' }, headers: { origin: baseURL!, 'sec-fetch-site': 'same-origin' } });
      expect(refused.status(), `${method} ${path}`).toBe(403);
    }
    expect((await request.get(`${gatewayURL}/api/products/intruder-tee`)).status()).toBe(404);

    // The gateway refuses the customer's token on the admin API too.
    const direct = await request.get(`${gatewayURL}/api/admin/products`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(direct.status()).toBe(403);

    // The admin still gets in with the same browser after signing in properly.
    const admin = await login(request, gatewayURL, adminCredentials());
    expect(admin.user.role).toBe('admin');
  });
});
