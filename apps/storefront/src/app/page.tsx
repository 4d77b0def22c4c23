import type { CategoryNode, Product, SkuPrice } from '@shop/contracts';
import Link from 'next/link';
import { connection } from 'next/server';
import { BoltIcon } from '../components/icons';
import { ProductGrid } from '../components/product-card';
import { catalogApi } from '../lib/gateway';
import { pricesFor } from '../lib/pricing';
import { skusOf } from '../lib/sale-prices';
import { SalesShowcase } from '../components/sales-showcase';
import { openSales } from '../lib/flash-sales';
import styles from './home.module.css';

export const revalidate = 60;

const CATEGORY_BLURBS: Record<string, string> = {
  apparel: 'Tees, hoodies and jackets for every day.',
  footwear: 'Sneakers and boots that go the distance.',
  home: 'Kitchen and lighting to live with.',
  electronics: 'Audio and the accessories that matter.',
  outdoor: 'Camping kit and packs for the weekend.',
};

async function loadHome(): Promise<{ categories: CategoryNode[]; newest: Product[]; prices: SkuPrice[] | null } | null> {
  try {
    const api = catalogApi();
    const [categories, page] = await Promise.all([api.listCategories(), api.listProducts({ sort: 'newest', limit: 8 })]);
    return { categories, newest: page.items, prices: await pricesFor(skusOf(page.items)) };
  } catch {
    return null;
  }
}

export default async function HomePage() {
  // Rendered per request (the header is per shopper); the catalog answers come from the data cache.
  await connection();
  const [data, sales] = await Promise.all([loadHome(), openSales()]);
  const first = data?.categories[0];
  return (
    <>
      <section className={styles.hero}>
        <div className={`container ${styles.heroInner}`}>
          <div className={styles.heroText}>
            <p className={styles.eyebrow}>New season, same fair prices</p>
            <h1>Everyday things, made to last.</h1>
            <p className={styles.lead}>Organic tees, trail-ready boots, kitchen staples and gear for the weekend — shipped fast, even on sale day.</p>
            <div className={styles.ctas}>
              {first && (
                <Link href={`/c/${first.slug}`} className="btn btn-primary">
                  Shop {first.name.toLowerCase()}
                </Link>
              )}
              <a href="#new" className="btn btn-secondary">
                New arrivals
              </a>
            </div>
          </div>
          <div className={styles.heroArt} aria-hidden="true">
            <span className={styles.blobA} />
            <span className={styles.blobB} />
            <span className={styles.bolt}>
              <BoltIcon size={112} />
            </span>
          </div>
        </div>
      </section>

      <div className="container page">
        {sales && sales.items.length > 0 && <SalesShowcase sales={sales} />}
        {!data ? (
          <p className="notice notice-error" role="alert">
            The catalog cannot be reached right now. Please try again in a moment.
          </p>
        ) : (
          <>
            <section aria-labelledby="categories-heading" className={styles.section}>
              <h2 id="categories-heading">Shop by category</h2>
              <ul className={styles.categories}>
                {data.categories.map((c) => (
                  <li key={c.id} className={styles.category}>
                    <Link href={`/c/${c.slug}`} className={styles.categoryLink}>
                      <span className={styles.categoryName}>{c.name}</span>
                      <span className={styles.categoryBlurb}>{CATEGORY_BLURBS[c.slug] ?? c.children.map((x) => x.name).join(', ')}</span>
                    </Link>
                    {c.children.length > 0 && (
                      <ul className={styles.subcategories}>
                        {c.children.map((child) => (
                          <li key={child.id}>
                            <Link href={`/c/${child.slug}`}>{child.name}</Link>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            </section>

            <section aria-labelledby="new" className={styles.section}>
              <div className={styles.sectionHead}>
                <h2 id="new">New arrivals</h2>
                {first && <Link href={`/c/${first.slug}`}>Browse everything →</Link>}
              </div>
              <ProductGrid products={data.newest} prices={data.prices} label="New arrivals" />
            </section>
          </>
        )}
      </div>
    </>
  );
}
