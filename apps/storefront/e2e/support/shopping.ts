import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Adds `quantity` of a SKU from its product page, as a shopper does, and waits for the confirmation. */
export async function addToCart(page: Page, slug: string, sku: string, quantity: number): Promise<void> {
  await page.goto(`/p/${slug}?sku=${sku}`);
  await expect(page.getByTestId('selected-sku')).toHaveText(sku);
  if (quantity > 1) await page.getByLabel('Quantity', { exact: true }).selectOption(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText(`Added ${quantity} ×`);
}
