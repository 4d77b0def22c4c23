import type { CategoryNode, Product } from '@shop/contracts';
import { isApiError } from '@shop/api-client';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { catalogApi, shopperApi, shopperSession } from '../../../lib/gateway';
import { pricesFor } from '../../../lib/pricing';
import { priceIndex, variantTag } from '../../../lib/sale-prices';
import { findCategoryById } from '../../../lib/category-tree';
import { Gallery } from './gallery';
import { PurchasePanel } from './purchase-panel';
import styles from './product.module.css';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { PageNotice } from '../../../components/page-notice';

export const revalidate = 60;

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

type ProductLoad = { kind: 'found'; product: Product } | { kind: 'missing' } | { kind: 'down' };

const loadProduct = cache(async (slug: string): Promise<ProductLoad> => {
  try {
    // Not from the data cache: a revalidation answered 404 (archived) never replaces the cached
    // product there, so an archived product stayed on sale. The gateway caches product reads.
    return { kind: 'found', product: await catalogApi().getProduct(slug, { next: { revalidate: 0 } }) };
  } catch (err) {
    if (isApiError(err) && (err.status === 404 || err.status === 400)) return { kind: 'missing' };
    return { kind: 'down' };
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const result = await loadProduct((await params).slug);
  if (result.kind !== 'found') return { title: result.kind === 'missing' ? 'Product not found' : 'Product' };
  return { title: result.product.title, description: result.product.description.slice(0, 160) };
}

export default async function ProductPage({ params, searchParams }: Props) {
  await connection();
  const { slug } = await params;
  const result = await loadProduct(slug);
  if (result.kind === 'missing') notFound();
  if (result.kind === 'down') {
    return <PageNotice>This product cannot be loaded right now. Please try again in a moment.</PageNotice>;
  }
  const { product } = result;
  // The categories come from the data cache; the prices now (one call for every variant) never do.
  const [tree, prices, session] = await Promise.all([
    catalogApi()
      .listCategories()
      .catch((): CategoryNode[] => []),
    pricesFor(product.variants.map((v) => v.sku)).then(priceIndex),
    // A guest is told before pressing anything that the back-in-stock email needs an account.
    shopperSession(),
  ]);
  const crumb = findCategoryById(tree, product.categoryIds);
  const sku = (await searchParams).sku;
  const alertSkus = session.signedIn ? await backInStockAlertsOf(product.variants.map((v) => v.sku)) : [];

  return (
    <div className="container page">
      <Breadcrumbs
        trail={[
          { href: '/', label: 'Home' },
          crumb?.parent && { href: `/c/${crumb.parent.slug}`, label: crumb.parent.name },
          crumb && { href: `/c/${crumb.node.slug}`, label: crumb.node.name },
        ]}
        current={product.title}
      />
      <div className={styles.layout}>
        <Gallery images={product.images} title={product.title} />
        <div className={styles.info}>
          <h1 className={styles.title}>{product.title}</h1>
          <PurchasePanel
            slug={product.slug}
            signedIn={session.signedIn}
            variants={product.variants.map((v) => {
              const tag = variantTag(v, prices);
              return { sku: v.sku, title: v.title, attributes: v.attributes, price: tag.now, listPrice: tag.was, flashSaleId: prices.get(v.sku)?.flashSaleId ?? null, promotions: prices.get(v.sku)?.promotions ?? [] };
            })}
            initialSku={typeof sku === 'string' ? sku : undefined}
            alertSkus={alertSkus}
          />
          {/* A product without a description gets no empty "About" heading. */}
          {product.description.trim() && (
            <section className={styles.description} aria-labelledby="about">
              <h2 id="about">About this product</h2>
              {product.description.split(/\n{2,}/).map((paragraph, i) => (
                <p key={i}>{paragraph}</p>
              ))}
            </section>
          )}
        </div>
      </div>
    </div>
  );
}

/**
 * The SKUs of these that the signed-in shopper already asked a back-in-stock email for, so the
 * page says so instead of offering the button again; none when notifications cannot answer.
 */
async function backInStockAlertsOf(skus: readonly string[]): Promise<string[]> {
  try {
    const mine = await (await shopperApi()).mySubscriptions({ signal: AbortSignal.timeout(2_000) });
    return mine.backInStock.map((s) => s.sku).filter((s) => skus.includes(s));
  } catch {
    return [];
  }
}
