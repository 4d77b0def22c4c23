import type { Page } from '@playwright/test';
import { login } from '@shop/e2e-platform';
import { stockedProduct } from './support/platform-api';
import { expect, screenshot, test, uniqueEmail } from './support/fixtures';

/**
 * A shopper's name and address book on the real platform (the gateway's identity, the checkout
 * saga): registered with a name, an address saved on the account page (a wrong postal code is
 * said next to its field), deleted only once confirmed, checkout filled in with the default
 * address, an address typed at checkout saved to the account with "Save this address to my
 * account", and the order page saying so when it could not be saved (the book filled up meanwhile).
 */

const PASSWORD = 'correct horse battery staple';

async function registerNamed(page: Page, name: string, label: string): Promise<string> {
  const email = uniqueEmail(label);
  await page.goto('/account/register');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  return email;
}

async function addToCartFrom(page: Page, slug: string, sku: string): Promise<void> {
  await page.goto(`/p/${slug}?sku=${sku}`);
  await expect(page.getByTestId('selected-sku')).toHaveText(sku);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText('Added 1 ×');
}

test('registers with a name, saves an address, and checks out with it filled in', async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'footwear');
  await registerNamed(page, 'Ada Lovelace', 'named');
  await expect(page.getByTestId('account-greeting')).toHaveText('Hello, Ada Lovelace');
  await expect(page.getByRole('textbox', { name: /^Your name/ })).toHaveValue('Ada Lovelace');

  // The address book: a postal code of another country is refused next to its field, in a shopper's words.
  const book = page.getByTestId('address-book');
  await book.getByRole('button', { name: 'Add an address' }).click();
  const form = book.getByTestId('address-form');
  await form.getByLabel('Full name').fill('Ada Lovelace');
  await form.getByLabel('Address', { exact: true }).fill('1 Grand Canal Quay');
  await form.getByLabel('City').fill('Dublin');
  await form.getByLabel('Postal code').fill('10115');
  await form.getByLabel('Country').selectOption('IE');
  await form.getByRole('button', { name: 'Save address' }).click();
  await expect(form.locator('[id$="postalCode-error"]')).toHaveText('Must be a postal code of IE, such as D02 X285.');
  await form.getByLabel('Postal code').fill('D02 X285');
  await form.getByRole('button', { name: 'Save address' }).click();
  await expect(page.getByTestId('address-notice')).toHaveText('Address saved.');
  const saved = book.getByTestId('saved-address');
  await expect(saved).toHaveCount(1);
  await expect(saved.first()).toContainText('1 Grand Canal Quay, Dublin D02 X285, IE');
  await expect(saved.first().getByTestId('default-address')).toBeVisible();

  // A second address, made the default, then deleted: the first is the default again.
  await book.getByRole('button', { name: 'Add an address' }).click();
  await form.getByLabel('Full name').fill('Ada Lovelace');
  await form.getByLabel('Address', { exact: true }).fill('10 Downing Street');
  await form.getByLabel('City').fill('London');
  await form.getByLabel('Postal code').fill('SW1A 2AA');
  await form.getByLabel('Country').selectOption('GB');
  await form.getByRole('button', { name: 'Save address' }).click();
  await expect(saved).toHaveCount(2);
  const london = saved.filter({ hasText: 'London' });
  await london.getByRole('button', { name: 'Make default' }).click();
  await expect(london.getByTestId('default-address')).toBeVisible();
  await expect(saved.first()).toContainText('London');
  await screenshot(page, '30-address-book');
  // Deleting asks first, naming the address and the default that takes its place; "Keep it" keeps it.
  await london.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this address?' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByTestId('delete-address-summary')).toHaveText('Ada Lovelace, 10 Downing Street, London SW1A 2AA, GB');
  await expect(confirm).toContainText('It is your default address: Ada Lovelace, 1 Grand Canal Quay, Dublin D02 X285, IE becomes your default instead.');
  // The safe choice has the focus.
  await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await screenshot(page, '30b-address-delete-confirm');
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(confirm).toBeHidden();
  await expect(saved).toHaveCount(2);
  // Escape keeps it too.
  await london.getByRole('button', { name: 'Delete' }).click();
  await expect(confirm).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(saved).toHaveCount(2);
  await london.getByRole('button', { name: 'Delete' }).click();
  await confirm.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('address-notice')).toHaveText('Address deleted.');
  await expect(saved).toHaveCount(1);
  await expect(saved.first().getByTestId('default-address')).toBeVisible();

  // Checkout fills in the default address.
  await addToCartFrom(page, product.slug, product.sku);
  await page.goto('/checkout');
  await expect(page.getByTestId('saved-address-picker')).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.getByLabel('Full name')).toHaveValue('Ada Lovelace');
  await expect(page.getByLabel('Address', { exact: true })).toHaveValue('1 Grand Canal Quay');
  await expect(page.getByLabel('City')).toHaveValue('Dublin');
  await expect(page.getByLabel('Postal code')).toHaveValue('D02 X285');
  await expect(page.getByLabel('Country')).toHaveValue('IE');
  // A saved address is not offered to be saved again.
  await expect(page.getByTestId('save-address')).toHaveCount(0);
  await screenshot(page, '31-checkout-saved-address');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}/);
  await expect(page.getByText('1 Grand Canal Quay').first()).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Confirmed', { timeout: 60_000 });
});

test('an address typed at checkout is saved to the account when asked, once the order is placed', async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'home');
  await registerNamed(page, 'Grace Hopper', 'save-at-checkout');
  await expect(page.getByTestId('address-book')).toContainText('No saved addresses yet');

  await addToCartFrom(page, product.slug, product.sku);
  await page.goto('/checkout');
  // No saved address yet: the account's name is the first guess at the recipient.
  await expect(page.getByTestId('saved-address-picker')).toHaveCount(0);
  await expect(page.getByLabel('Full name')).toHaveValue('Grace Hopper');
  await page.getByLabel('Address', { exact: true }).fill('5 Harbour Road');
  await page.getByLabel('City').fill('Cork');
  await page.getByLabel('Postal code').fill('T12 X70A');
  await page.getByLabel('Country').selectOption('IE');
  await page.getByLabel('Save this address to my account').check();
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}/);

  await page.goto('/account');
  const saved = page.getByTestId('saved-address');
  await expect(saved).toHaveCount(1);
  await expect(saved.first()).toContainText('Grace Hopper, 5 Harbour Road, Cork T12 X70A, IE');
  await expect(saved.first().getByTestId('default-address')).toBeVisible();
});

test('an address checkout cannot save (the book filled up in another window) is said on the order page, and the order stands', async ({ page, request, gatewayURL }) => {
  const product = await stockedProduct(request, gatewayURL, 'home');
  const email = await registerNamed(page, 'Grace Hopper', 'book-full');

  await addToCartFrom(page, product.slug, product.sku);
  await page.goto('/checkout');
  await page.getByLabel('Address', { exact: true }).fill('5 Harbour Road');
  await page.getByLabel('City').fill('Cork');
  await page.getByLabel('Postal code').fill('T12 X70A');
  await page.getByLabel('Country').selectOption('IE');
  await page.getByLabel('Save this address to my account').check();

  // Meanwhile the book is filled to its most (20) from elsewhere: the address cannot be added any more.
  const { accessToken } = await login(request, gatewayURL, { email, password: PASSWORD });
  for (let i = 1; i <= 20; i++) {
    const response = await request.post(`${gatewayURL}/api/me/addresses`, {
      headers: { authorization: `Bearer ${accessToken}` },
      data: { address: { name: 'Grace Hopper', line1: `${i} Quay Street`, city: 'Dublin', postalCode: 'D02 X285', country: 'IE' } },
    });
    expect(response.status(), await response.text()).toBe(201);
  }

  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}\?placed=1&address=full$/);
  await expect(page.getByTestId('address-not-saved')).toHaveText(
    'Your order is placed, but we could not save the address to your account: your address book is full. Delete an address you no longer use, then add this one. Your address book →',
  );
  await screenshot(page, '31b-order-address-not-saved');
  // The order is not held up by it: it confirms as any other, shipping to the address typed.
  await expect(page.getByTestId('order-status')).toHaveText('Confirmed', { timeout: 60_000 });
  await expect(page.getByTestId('shipping-address')).toContainText('5 Harbour Road');
  await expect(page.getByTestId('address-not-saved')).toBeVisible();

  await page.getByRole('link', { name: 'Your address book →' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('saved-address')).toHaveCount(20);
  await expect(page.getByTestId('address-book')).not.toContainText('5 Harbour Road');
});
