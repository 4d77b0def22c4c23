/** The inventory engine's sale limit of a SKU as it answers it (its own, live figures). */
export interface SaleLimitFigures {
  perCustomer: number;
  /** The sale's allocation (null: the whole stock). */
  units: number | null;
  unitsTaken: number;
  unitsRemaining: number;
  startsAt: Date | null;
  endsAt: Date | null;
}

export interface SaleLimitTerms {
  perCustomer: number;
  units: number;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The inventory engine as flash sales need it (admin routes, with pricing's service credential).
 * Every method throws `UpstreamUnavailableError` when inventory does not answer.
 */
export interface InventorySales {
  /** The SKU's available stock now; null when it has no stock record. */
  available(sku: string): Promise<number | null>;
  /** Sets the SKU's sale limit (replacing any): idempotent. */
  applyLimit(sku: string, terms: SaleLimitTerms): Promise<SaleLimitFigures>;
  /** Removes the SKU's sale limit; none there is fine. */
  removeLimit(sku: string): Promise<void>;
  /** The SKU's sale limit with live figures; null when it has none. */
  saleLimit(sku: string): Promise<SaleLimitFigures | null>;
}

/** A SKU's live sale-limit figures as the public view reads them. */
export interface LiveFigures {
  /** null: the engine holds no sale limit for the SKU. */
  figures: SaleLimitFigures | null;
  /** True when inventory did not answer and this is the last answer it gave. */
  stale: boolean;
}

export interface SaleFigures {
  /** Throws `UpstreamUnavailableError` when inventory does not answer and no earlier answer is known. */
  read(sku: string): Promise<LiveFigures>;
}
