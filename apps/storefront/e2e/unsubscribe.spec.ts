import type { APIRequestContext } from '@playwright/test';
import { expect, screenshot, test, uniqueEmail } from './support/fixtures';
import { waitForMail } from './support/mail';
import { createFlashSale, inSeconds, registerCustomer, stockOf, stopFlashSale } from './support/platform-api';
import { rawRequest, sameOriginJson } from './support/raw-http';

/**
 * A sale reminder's unsubscribe link, against the real platform: a shopper asks to be reminded of
 * a sale, the sale opens and the notifications service writes the mail (an .eml in its MAIL_DIR);
 * the mail's link opens the shop's own unsubscribe page, which says what stops and for which
 * address (masked) and changes nothing until its button is pressed. Every marketing mail to the
 * address stops then; order mails go on.
 */

/**
 * A variant with stock from the end of the camping listing, for a sale of one unit: no other
 * journey buys or prices it (they take the first stocked variants of their categories).
 */
async function quietVariant(request: APIRequestContext, gatewayURL: string): Promise<{ sku: string; price: number }> {
  const page = (await (await request.get(`${gatewayURL}/api/products?category=camping&limit=50`)).json()) as {
    items: { variants: { sku: string; price: { amount: number } }[] }[];
  };
  for (const product of [...page.items].reverse()) {
    for (const variant of [...product.variants].reverse()) {
      if ((await stockOf(request, gatewayURL, variant.sku)).available > 0) return { sku: variant.sku, price: variant.price.amount };
    }
  }
  throw new Error('no camping variant has seeded stock');
}

interface AddressDetails {
  maskedEmail: string;
  unsubscribed: boolean;
}

async function addressDetails(request: APIRequestContext, gatewayURL: string, token: string): Promise<AddressDetails> {
  const response = await request.get(`${gatewayURL}/api/notifications/unsubscribe/address?token=${encodeURIComponent(token)}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as AddressDetails;
}

test('a sale reminder’s unsubscribe link opens the shop’s page, which asks first; its button unsubscribes the address', async ({ page, request, baseURL, gatewayURL }) => {
  const email = uniqueEmail('unsubscribe');
  const accessToken = await registerCustomer(request, gatewayURL, email, 'correct horse battery staple');
  const variant = await quietVariant(request, gatewayURL);
  const sale = await createFlashSale(request, gatewayURL, {
    sku: variant.sku,
    salePrice: { amount: Math.round(variant.price * 0.7), currency: 'EUR' },
    units: 1,
    perCustomerLimit: 1,
    startsAt: inSeconds(3),
    endsAt: inSeconds(600),
  });
  try {
    const reminded = await request.post(`${gatewayURL}/api/notifications/flash-sale-reminders`, { data: { flashSaleId: sale.id }, headers: { authorization: `Bearer ${accessToken}` } });
    expect(reminded.status()).toBe(200);

    // The sale opens: the reminder mail links to the shop's page; mail clients POST to the API (RFC 8058).
    const mail = await waitForMail(email, { since: Date.now() - 1_000, subject: /The sale is live/ });
    const stopLink = /Unsubscribe from these emails: (\S+)/.exec(mail.text)?.[1];
    expect(stopLink, `the unsubscribe link in ${mail.file}`).toBeDefined();
    const stopUrl = new URL(stopLink!);
    expect(stopUrl.origin + stopUrl.pathname).toBe(new URL('/unsubscribe', baseURL).href);
    const token = stopUrl.searchParams.get('token')!;
    const oneClick = /^<(\S+)>$/.exec(mail.headers['list-unsubscribe'] ?? '')?.[1];
    expect(oneClick).toBe(`${gatewayURL}/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    // Opening the links (as a mail scanner would) changes nothing: the API's sends the browser to the shop's page.
    const landing = await page.goto(oneClick!);
    await expect(page).toHaveURL(stopLink!);
    expect((await landing!.allHeaders())['referrer-policy']).toBe('no-referrer');
    await expect(page).toHaveTitle('Unsubscribe · FlashShop');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Unsubscribe');
    await expect(page.getByTestId('unsubscribe-about')).toHaveText('Stop sale reminders and back-in-stock emails to u***@example.com? Emails about your orders are still sent.');
    // The address is masked: the page is seen over shoulders and in screenshots.
    await expect(page.getByRole('main')).not.toContainText(email);
    await screenshot(page, '53-unsubscribe-address');
    expect(await addressDetails(request, gatewayURL, token)).toEqual({ maskedEmail: 'u***@example.com', unsubscribed: false });

    // The button's route takes the shop's own same-origin JSON only (CSRF), and a token the platform did not sign is 400 naming it.
    const crossSite = await rawRequest(baseURL!, '/api/unsubscribe', { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }, body: JSON.stringify({ token }) });
    expect(crossSite.status).toBe(403);
    const altered = await rawRequest(baseURL!, '/api/unsubscribe', { method: 'POST', headers: sameOriginJson(baseURL!), body: JSON.stringify({ token: token.slice(0, -4) }) });
    expect(altered.status).toBe(400);
    expect((JSON.parse(altered.body) as { error: { details: { field: string }[] } }).error.details).toEqual([expect.objectContaining({ field: 'token' })]);
    expect(await addressDetails(request, gatewayURL, token)).toEqual({ maskedEmail: 'u***@example.com', unsubscribed: false });

    // The button unsubscribes, and says so.
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(page.getByTestId('unsubscribed')).toHaveText(
      "Done. We won't send sale reminders or back-in-stock emails to u***@example.com any more. Emails about your orders are still sent.",
    );
    await screenshot(page, '54-unsubscribed-address');
    expect(await addressDetails(request, gatewayURL, token)).toEqual({ maskedEmail: 'u***@example.com', unsubscribed: true });
    await page.reload();
    await expect(page.getByTestId('unsubscribed')).toHaveText(
      "You're already unsubscribed: we don't send sale reminders or back-in-stock emails to u***@example.com. Emails about your orders are still sent.",
    );
    await expect(page.getByRole('button', { name: 'Unsubscribe' })).toHaveCount(0);

    // A mail client's one-click still works (and changes nothing more).
    const oneClickPost = await request.post(oneClick!, { form: { 'List-Unsubscribe': 'One-Click' } });
    expect(oneClickPost.status()).toBe(200);
    expect(await oneClickPost.json()).toEqual({ scope: 'marketing' });

    // A link cut short or altered does not work, says what to do, and the API names the token.
    for (const broken of [stopLink!.slice(0, -4), stopLink!.replace(/token=./, 'token=x')]) {
      await page.goto(broken);
      await expect(page.getByTestId('invalid-unsubscribe-link')).toHaveText("This unsubscribe link doesn't work. Open it again from the email, making sure you use the whole link.");
      await expect(page.getByRole('button', { name: 'Unsubscribe' })).toHaveCount(0);
    }
    const refused = await request.get(`${gatewayURL}/api/notifications/unsubscribe/address?token=${encodeURIComponent(token.slice(0, -4))}`);
    expect(refused.status()).toBe(400);
    expect(((await refused.json()) as { error: { details: { field: string }[] } }).error.details).toEqual([expect.objectContaining({ field: 'token' })]);
  } finally {
    // Later journeys price this SKU at its list price again. A sale that never opened (the journey
    // failed before) cannot be stopped (409); that must not hide the failure.
    await stopFlashSale(request, gatewayURL, sale.id).catch(() => undefined);
  }
});
