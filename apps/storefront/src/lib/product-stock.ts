import type { StockAvailability } from '@shop/contracts';

/**
 * What a product page says about a variant's stock for this shopper: the public level (the count
 * only when low) less what their cart already holds of it. The cart service refuses a quantity
 * above the units left (409 OUT_OF_STOCK with `inCart`), so the page offers only what can still
 * be added, and says why. Pure: the panel fetches, this decides.
 */
export interface ShopperStockView {
  level: StockAvailability;
  /** Units left, when the level is low and names them; null otherwise. */
  available: number | null;
  /** Units of this SKU in the shopper's cart; null when the cart could not be read. */
  inCart: number | null;
}

export interface AddableStock {
  /** The most the quantity list offers (undefined: nothing known caps it); 0 when nothing more can be added. */
  cap: number | undefined;
  /** The stock line: "In stock", "Only 3 left", "Only 3 left — 2 are in your cart", "Out of stock". */
  text: string;
  /** Why nothing more can be added, when every unit left is already in the cart. */
  allInCart: string | null;
}

const units = (n: number) => (n === 1 ? '1 is' : `${n} are`);

export function addableStock({ level, available, inCart }: ShopperStockView): AddableStock {
  const mine = inCart ?? 0;
  if (level === 'sold_out') return { cap: 0, text: 'Out of stock', allInCart: null };
  if (level === 'low' && available !== null) {
    const left = `Only ${available} left`;
    if (mine === 0) return { cap: available, text: left, allInCart: null };
    const cap = Math.max(0, available - mine);
    return {
      cap,
      text: `${left} — ${units(Math.min(mine, available))} in your cart`,
      allInCart: cap === 0 ? (available === 1 ? 'The last one is already in your cart.' : `All ${available} left are already in your cart.`) : null,
    };
  }
  const base = level === 'low' ? 'Only a few left' : 'In stock';
  return { cap: undefined, text: mine > 0 ? `${base} — ${units(mine)} in your cart` : base, allInCart: null };
}
