import type { VariantView } from '@shop/contracts';
import type { Offer } from '../src/domain/cart.js';

/** A catalog variant for unit tests. */
export function variant(sku: string, amount = 1000, overrides: Partial<VariantView> = {}): VariantView {
  return {
    sku,
    productId: '00000000-0000-4000-8000-000000000001',
    productSlug: `p-${sku.toLowerCase()}`,
    productTitle: `Product ${sku}`,
    title: `Variant ${sku}`,
    attributes: { size: 'M' },
    price: { amount, currency: 'EUR' },
    status: 'active',
    ...overrides,
  };
}

export function offer(sku: string, amount = 1000): Offer {
  const v = variant(sku, amount);
  return { variant: v, unitPrice: v.price };
}
