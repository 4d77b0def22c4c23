import type { CategoryNode } from '@shop/contracts';
import Link from 'next/link';
import { Suspense } from 'react';
import { loadCart } from '../lib/cart-access';
import { categoryPagesByName } from '../lib/category-tree';
import { catalogApi, shopperSession } from '../lib/gateway';
import { BoltIcon, CartIcon, UserIcon } from './icons';
import { SearchBox, SearchBoxFallback } from './search/search-box';
import styles from './site-header.module.css';

async function topCategories(): Promise<CategoryNode[]> {
  try {
    return await catalogApi().listCategories();
  } catch {
    // The header still renders without them; the page says what is wrong.
    return [];
  }
}

export async function SiteHeader() {
  // The session (cookies) first: it makes every page dynamic before any fetch can run at build time.
  const session = await shopperSession();
  const [categories, cart] = await Promise.all([topCategories(), loadCart().catch(() => null)]);
  const itemCount = cart?.ok && cart.cart ? cart.cart.totals.itemCount : 0;
  return (
    <header className={styles.header}>
      <div className={`container ${styles.bar}`}>
        <Link href="/" className={styles.logo} aria-label="FlashShop home">
          <span className={styles.mark} aria-hidden="true">
            <BoltIcon />
          </span>
          FlashShop
        </Link>
        <nav aria-label="Categories" className={styles.nav}>
          <ul>
            {categories.map((c) => (
              <li key={c.id}>
                <Link href={`/c/${c.slug}`}>{c.name}</Link>
              </li>
            ))}
          </ul>
        </nav>
        {/* The box reads the URL's query (on /search): client-side only, so it renders in its own boundary. */}
        <Suspense fallback={<SearchBoxFallback />}>
          <SearchBox categoryPages={categoryPagesByName(categories)} />
        </Suspense>
        <div className={styles.actions}>
          {session.signedIn ? (
            <Link href="/account" className={styles.action} title={session.email ?? undefined}>
              <UserIcon /> <span className={styles.label}>Account</span>
            </Link>
          ) : (
            <Link href="/account/login" className={styles.action}>
              <UserIcon /> <span className={styles.label}>Sign in</span>
            </Link>
          )}
          <Link href="/cart" className={`${styles.action} ${styles.cart}`} data-testid="header-cart">
            <CartIcon /> <span className={styles.label}>Cart</span>
            <span className={styles.count} aria-label={`${itemCount} items in cart`}>
              {itemCount}
            </span>
          </Link>
        </div>
      </div>
    </header>
  );
}
