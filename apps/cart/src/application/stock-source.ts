/**
 * How many units of a SKU can still be sold, as inventory counts them (a SKU without a stock
 * record: 0); null when inventory cannot say now, and the cart change goes on without the check
 * (checkout's reservation still sells only what there is).
 */
export interface StockSource {
  available(sku: string): Promise<number | null>;
  /** The same for several SKUs in one read (a merge on login), by SKU; null when inventory cannot say. */
  availableOf(skus: readonly string[]): Promise<ReadonlyMap<string, number> | null>;
}
