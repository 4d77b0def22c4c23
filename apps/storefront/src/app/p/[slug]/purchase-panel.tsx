'use client';

import type { ItemPromotion, Money, StockAvailability } from '@shop/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { cartErrorMessage, type ErrorAnswer } from '../../../lib/cart-errors';
import { isSignedOut, signInAgainHref } from '../../../lib/session-ended';
import { quantityCap } from '../../../lib/cart-stock';
import { addableStock } from '../../../lib/product-stock';
import { NotifyMeButton } from '../../../components/notify-me-button';
import { PriceTag } from '../../../components/price-tag';
import { attributeAxes, isCombinable, pick, variantFor } from '../../../lib/variant-selection';
import styles from './product.module.css';

export interface PanelVariant {
  sku: string;
  title: string;
  attributes: Record<string, string>;
  /** The price now (a sale price during its window). */
  price: Money;
  /** The list price, struck through, when `price` is a sale price. */
  listPrice: Money | null;
  /** The live flash sale pricing this SKU, when one does: its page holds a unit at once. */
  flashSaleId: string | null;
  /** Promotions the cart takes off this SKU (pricing's words), announced here before the cart applies them. */
  promotions: readonly ItemPromotion[];
}

/**
 * The public stock view: a level, and the count only when it is low (the inventory decides what
 * "low" is), with the units of it already in this shopper's cart (null: the cart could not be read).
 */
type Stock = { state: 'loading' } | { state: 'hidden' } | { state: 'known'; level: StockAvailability; available: number | null; inCart: number | null };
type AddState = { state: 'idle' } | { state: 'adding' } | { state: 'added'; quantity: number } | { state: 'error'; message: string; signIn?: boolean };

function label(axis: string): string {
  return axis === 'colour' || axis === 'color' ? 'Colour' : axis.charAt(0).toUpperCase() + axis.slice(1);
}

export function PurchasePanel({
  slug,
  variants,
  initialSku,
  signedIn,
  alertSkus = [],
}: {
  slug: string;
  variants: PanelVariant[];
  initialSku?: string;
  signedIn: boolean;
  /** The SKUs the shopper already asked a back-in-stock email for. */
  alertSkus?: readonly string[];
}) {
  const router = useRouter();
  const axes = useMemo(() => attributeAxes(variants), [variants]);
  const [selected, setSelected] = useState<PanelVariant>(() => variants.find((v) => v.sku === initialSku) ?? variants[0]!);
  const [quantity, setQuantity] = useState(1);
  const [stock, setStock] = useState<Stock>({ state: 'loading' });
  const [add, setAdd] = useState<AddState>({ state: 'idle' });

  // Stock is live (never from the page cache): ask for the selected SKU each time it changes.
  useEffect(() => {
    const controller = new AbortController();
    setStock({ state: 'loading' });
    fetch(`/api/stock/${encodeURIComponent(selected.sku)}`, { signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) return setStock({ state: 'hidden' });
        const body = (await response.json()) as { level: StockAvailability | null; available: number | null; inCart?: number | null };
        setStock(body.level ? { state: 'known', level: body.level, available: body.available, inCart: body.inCart ?? null } : { state: 'hidden' });
      })
      .catch(() => {
        if (!controller.signal.aborted) setStock({ state: 'hidden' });
      });
    return () => controller.abort();
  }, [selected.sku]);

  const soldOut = stock.state === 'known' && stock.level === 'sold_out';
  const checking = stock.state === 'loading';
  const addable = stock.state === 'known' ? addableStock(stock) : null;
  // Every unit left is already in the cart: the cart would refuse another (409 OUT_OF_STOCK).
  const allInCart = addable?.allInCart ?? null;
  // No more than the units left less what the cart holds, when the public stock names them
  // ("Only 5 left"): the cart refuses more. A choice made on another variant shrinks to it.
  const maxQuantity = Math.max(1, quantityCap([addable?.cap]));
  const chosen = Math.min(quantity, maxQuantity);

  function choose(axis: string, value: string) {
    const next = pick(variants, selected.attributes, axis, value);
    if (!next) return;
    setSelected(next);
    setAdd({ state: 'idle' });
    // Shareable: the link names the variant.
    window.history.replaceState(null, '', `?sku=${encodeURIComponent(next.sku)}`);
  }

  async function addToCart() {
    setAdd({ state: 'adding' });
    try {
      const response = await fetch('/api/cart/items', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sku: selected.sku, quantity: chosen }),
      });
      if (!response.ok) {
        const signedOut = isSignedOut(response.status);
        setAdd({ state: 'error', message: cartErrorMessage(response.status, (await response.json().catch(() => null)) as ErrorAnswer | null), signIn: signedOut });
        // The session ended elsewhere: the header shows the shopper signed out.
        if (signedOut) router.refresh();
        return;
      }
      setAdd({ state: 'added', quantity: chosen });
      // The stock line and the list follow what the cart now holds.
      setStock((s) => (s.state === 'known' && s.inCart !== null ? { ...s, inCart: s.inCart + chosen } : s));
      router.refresh();
    } catch {
      setAdd({ state: 'error', message: 'The shop cannot be reached. Check your connection and try again.' });
    }
  }

  const exact = variantFor(variants, selected.attributes);

  return (
    <div className={styles.panel}>
      <p className={styles.price}>
        <PriceTag now={selected.price} was={selected.listPrice} showPercent testId="price" />
      </p>
      {selected.promotions.length > 0 && (
        <ul className={styles.promotions} data-testid="promotions">
          {selected.promotions.map((p) => (
            <li key={p.id}>
              <strong>{p.name}:</strong> {p.summary}, taken off in your cart.
            </li>
          ))}
        </ul>
      )}
      {selected.flashSaleId && (
        <p className="notice notice-info" data-testid="flash-sale-link">
          This is on flash sale right now, in limited units. <Link href={`/sales/${selected.flashSaleId}`}>Go to the sale →</Link>
        </p>
      )}

      {axes.map((axis) => (
        <fieldset key={axis.name} className={styles.axis}>
          <legend>
            {label(axis.name)}: <span className={styles.axisValue}>{selected.attributes[axis.name]}</span>
          </legend>
          <div className={styles.options}>
            {axis.values.map((value) => {
              const active = selected.attributes[axis.name] === value;
              const combinable = isCombinable(variants, selected.attributes, axis.name, value);
              return (
                <button
                  key={value}
                  type="button"
                  className={`${styles.option} ${active ? styles.optionActive : ''} ${combinable ? '' : styles.optionOther}`}
                  aria-pressed={active}
                  onClick={() => choose(axis.name, value)}
                  title={combinable ? undefined : `Not available with the current choice; picks another ${axis.name === 'size' ? 'colour' : 'option'}`}
                >
                  {value}
                </button>
              );
            })}
          </div>
        </fieldset>
      ))}

      <p className={styles.sku}>
        SKU <span data-testid="selected-sku">{exact?.sku ?? selected.sku}</span>
      </p>

      <p className={styles.stock} aria-live="polite" data-testid="stock">
        {stock.state === 'loading' && <span className="muted">Checking stock…</span>}
        {stock.state === 'known' && addable && (
          <span className={stock.level === 'sold_out' ? styles.stockOut : stock.level === 'low' ? styles.stockLow : styles.stockIn}>{addable.text}</span>
        )}
      </p>

      <div className={styles.buy}>
        <div className={styles.qty}>
          <label htmlFor="quantity" className="visually-hidden">
            Quantity
          </label>
          {/* While the stock is checked the list cannot know how many are left: nothing to choose from until it does. */}
          <select id="quantity" value={chosen} onChange={(e) => setQuantity(Number(e.target.value))} disabled={checking || allInCart !== null}>
            {Array.from({ length: maxQuantity }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void addToCart()}
          disabled={add.state === 'adding' || soldOut || checking || allInCart !== null}
          aria-describedby={allInCart ? 'all-in-cart' : undefined}
        >
          {add.state === 'adding' ? (
            <>
              <span className="spinner" aria-hidden="true" /> Adding…
            </>
          ) : soldOut ? (
            'Sold out'
          ) : (
            'Add to cart'
          )}
        </button>
      </div>

      {allInCart && (
        <p className="notice notice-info" id="all-in-cart" data-testid="all-in-cart">
          {allInCart} <Link href="/cart">View cart →</Link>
        </p>
      )}

      {soldOut && (
        <NotifyMeButton
          key={selected.sku}
          signedIn={signedIn}
          // The same on the server and in the browser: this product, with the variant chosen.
          returnTo={`/p/${slug}?sku=${encodeURIComponent(selected.sku)}`}
          signInReason="back-in-stock"
          guestText="to get an email when it's back in stock."
          endpoint="/api/back-in-stock"
          body={{ sku: selected.sku }}
          label="Notify me when back in stock"
          doneText="We will email you once when it is back in stock."
          done={alertSkus.includes(selected.sku)}
          testId="back-in-stock"
        />
      )}

      <div aria-live="polite">
        {add.state === 'added' && (
          <p className="notice notice-good" role="status">
            Added {add.quantity} × {selected.title} to your cart. <Link href="/cart">View cart →</Link>
          </p>
        )}
        {add.state === 'error' && (
          <p className="notice notice-error" role="alert">
            {add.message}
            {add.signIn && (
              <>
                {' '}
                <Link href={signInAgainHref(`${window.location.pathname}${window.location.search}`)}>Sign in →</Link>
              </>
            )}
          </p>
        )}
      </div>
    </div>
  );
}
