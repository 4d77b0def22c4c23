import type { APIRequestContext } from '@playwright/test';
import { login } from '@shop/e2e-platform';
import { expect, screenshot, test, uniqueEmail } from './support/fixtures';
import { waitForMail } from './support/mail';
import { registerCustomer, setStock, stockOf, type StockLevel } from './support/platform-api';

/**
 * "Tell me when it's back", against the real platform: a guest is told what it takes, signs in on
 * the way and comes back to the same variant; the stock returns and the notifications service
 * writes the mail (an .eml in its MAIL_DIR), which names the product and links to its page; the
 * mail's unsubscribe link asks before it stops anything.
 */

interface SoldOutCandidate {
  slug: string;
  title: string;
  sku: string;
  variantTitle: string;
  stock: StockLevel;
}

/**
 * A boots product with several variants, and its second variant that has stock: the link in the
 * mail must choose that variant, not the page's default one.
 */
async function bootVariant(request: APIRequestContext, gatewayURL: string): Promise<SoldOutCandidate> {
  const page = (await (await request.get(`${gatewayURL}/api/products?category=boots&limit=20`)).json()) as {
    items: { slug: string; title: string; variants: { sku: string; title: string }[] }[];
  };
  for (const product of page.items.filter((p) => p.variants.length > 1)) {
    const variant = product.variants[1]!;
    const stock = await stockOf(request, gatewayURL, variant.sku);
    if (stock.available > 0 && variant.title.trim() !== '' && variant.title !== variant.sku) {
      return { slug: product.slug, title: product.title, sku: variant.sku, variantTitle: variant.title, stock };
    }
  }
  throw new Error('no boots product has a second variant with seeded stock');
}

async function backInStockRequests(request: APIRequestContext, gatewayURL: string, credentials: { email: string; password: string }): Promise<string[]> {
  const { accessToken } = await login(request, gatewayURL, credentials);
  const response = await request.get(`${gatewayURL}/api/notifications/subscriptions`, { headers: { authorization: `Bearer ${accessToken}` } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { backInStock: { sku: string }[] }).backInStock.map((w) => w.sku);
}

test('a guest asks to hear when a sold-out variant is back, signs in on the way, gets the mail naming it, and can stop the alert', async ({ page, request, baseURL, gatewayURL }) => {
  const product = await bootVariant(request, gatewayURL);
  const credentials = { email: uniqueEmail('back-in-stock'), password: 'correct horse battery staple' };
  const productPath = `/p/${product.slug}?sku=${product.sku}`;
  const soldOut = () => setStock(request, gatewayURL, product.sku, product.stock.reserved + product.stock.committed);
  await soldOut();
  try {
    // The guest is told before pressing anything that the email needs an account.
    await page.goto(productPath);
    await expect(page.getByTestId('stock')).toHaveText('Out of stock');
    const ask = page.getByTestId('back-in-stock');
    await expect(ask).toHaveText("Sign in to get an email when it's back in stock.");
    await expect(ask.getByRole('button')).toHaveCount(0);
    await screenshot(page, '50-back-in-stock-guest');

    // The sign-in page says why they are there; so does the register page it links to.
    await ask.getByRole('link', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/account\/login\?/);
    const reason = "Sign in, or create an account, to get an email when the product is back in stock. We'll take you straight back to it.";
    await expect(page.getByTestId('sign-in-reason')).toHaveText(reason);
    await screenshot(page, '51-sign-in-for-back-in-stock');
    const signInUrl = page.url();
    await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
    await expect(page).toHaveURL(/\/account\/register\?/);
    await expect(page.getByTestId('sign-in-reason')).toHaveText(reason);
    // A shopper who has an account signs in (the register form would come back the same way).
    await registerCustomer(request, gatewayURL, credentials.email, credentials.password);
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(signInUrl);
    await page.getByLabel('Email').fill(credentials.email);
    await page.getByLabel('Password', { exact: true }).fill(credentials.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Back on the same product, the same variant, and now the button.
    await expect(page).toHaveURL(new URL(productPath, baseURL).href);
    await expect(page.getByTestId('selected-sku')).toHaveText(product.sku);
    await page.getByRole('button', { name: 'Notify me when back in stock' }).click();
    await expect(page.getByTestId('back-in-stock')).toHaveText('We will email you once when it is back in stock.');
    expect(await backInStockRequests(request, gatewayURL, credentials)).toEqual([product.sku]);
    // A reload remembers it: no button offering what was already asked.
    await page.reload();
    await expect(page.getByTestId('back-in-stock')).toHaveText('We will email you once when it is back in stock.');
    await expect(page.getByRole('button', { name: 'Notify me when back in stock' })).toHaveCount(0);

    // The stock returns: one mail, naming the product and the variant, linking to that variant's page.
    const since = Date.now();
    await setStock(request, gatewayURL, product.sku, product.stock.onHand);
    const mail = await waitForMail(credentials.email, { since, subject: /is back in stock$/ });
    const name = `${product.title} — ${product.variantTitle}`;
    expect(mail.subject).toBe(`FlashShop: ${name} is back in stock`);
    expect(mail.subject).not.toContain(product.sku);
    expect(mail.text).toContain(`Good news: ${name} is back in stock.`);
    const productLink = new URL(productPath, baseURL).href;
    expect(mail.text).toContain(`See it in the shop: ${productLink}`);
    expect(mail.text).not.toContain('/search?q=');
    // One-click unsubscribe for mail clients: a POST to the API, never a GET.
    const oneClick = /^<(\S+)>$/.exec(mail.headers['list-unsubscribe'] ?? '')?.[1];
    expect(oneClick, `List-Unsubscribe in ${mail.file}`).toMatch(new RegExp(`^${gatewayURL}/api/notifications/unsubscribe\\?token=`));
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const stopLink = /Unsubscribe from this alert: (\S+)/.exec(mail.text)?.[1];
    expect(stopLink, `the alert link in ${mail.file}`).toBeDefined();
    expect(new URL(stopLink!).origin + new URL(stopLink!).pathname).toBe(new URL('/back-in-stock/unsubscribe', baseURL).href);

    // The mail's link opens the product with that variant chosen.
    await page.goto(productLink);
    await expect(page.getByTestId('selected-sku')).toHaveText(product.sku);
    await expect(page.getByTestId('stock')).not.toHaveText('Out of stock');

    // Sold out again, asked again: the request stands.
    await soldOut();
    await page.reload();
    await page.getByRole('button', { name: 'Notify me when back in stock' }).click();
    await expect(page.getByTestId('back-in-stock')).toHaveText('We will email you once when it is back in stock.');
    expect(await backInStockRequests(request, gatewayURL, credentials)).toEqual([product.sku]);

    // Opening the links (as a mail scanner would) changes nothing: the API's sends the browser to the shop's page.
    const landing = await page.goto(oneClick!);
    await expect(page).toHaveURL(stopLink!);
    expect((await landing!.allHeaders())['referrer-policy']).toBe('no-referrer');
    await page.goto(stopLink!);
    await expect(page).toHaveTitle('Back-in-stock alert · FlashShop');
    await expect(page.getByTestId('alert-about')).toHaveText(`You asked us to email you when ${name} is back in stock.`);
    await screenshot(page, '52-back-in-stock-unsubscribe');
    expect(await backInStockRequests(request, gatewayURL, credentials)).toEqual([product.sku]);

    // The button stops it, and says so.
    await page.getByRole('button', { name: 'Stop emails about it' }).click();
    await expect(page.getByTestId('alert-stopped')).toHaveText(`Done. We won't email you about ${name}.`);
    await expect(page.getByRole('link', { name: 'Go to the product →' })).toHaveAttribute('href', productPath);
    expect(await backInStockRequests(request, gatewayURL, credentials)).toEqual([]);
    await page.reload();
    await expect(page.getByTestId('alert-stopped')).toHaveText(`This alert is already off: we won't email you about ${name}.`);

    // A link cut short does not work, and says what to do.
    await page.goto(stopLink!.slice(0, -4));
    await expect(page.getByTestId('invalid-unsubscribe-link')).toHaveText("This unsubscribe link doesn't work. Open it again from the email, making sure you use the whole link.");
  } finally {
    await setStock(request, gatewayURL, product.sku, product.stock.onHand);
  }
});
