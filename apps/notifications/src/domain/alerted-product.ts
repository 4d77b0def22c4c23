/** What the catalog says about the SKU of a back-in-stock request (its VariantView, in part). */
export interface AlertedVariant {
  sku: string;
  productSlug: string;
  productTitle: string;
  /** The variant's title: the merchant's, else its options ("Navy / M"), else its SKU. */
  title: string;
  attributes: Record<string, string>;
  status: 'draft' | 'active' | 'archived';
}

/**
 * How a back-in-stock mail and its unsubscribe page name the SKU: the product, then the variant's
 * options when they add something ("Trail Runner — EU 42"); a variant titled only by its SKU or
 * by the product's own title adds nothing ("Mug").
 */
export function alertedProductName(variant: AlertedVariant): string {
  const own = variant.title.trim();
  const options = own !== '' && own !== variant.sku && own !== variant.productTitle ? own : Object.values(variant.attributes).join(' / ');
  return options === '' ? variant.productTitle : `${variant.productTitle} — ${options}`;
}

/** The storefront path of the product page with this variant chosen (the page reads `?sku=`). */
export function productPagePath(variant: Pick<AlertedVariant, 'productSlug' | 'sku'>): string {
  return `/p/${encodeURIComponent(variant.productSlug)}?sku=${encodeURIComponent(variant.sku)}`;
}

/** Only a product on sale is worth a mail or a link: a draft or archived one has no page to land on. */
export function isForSale(variant: Pick<AlertedVariant, 'status'>): boolean {
  return variant.status === 'active';
}
