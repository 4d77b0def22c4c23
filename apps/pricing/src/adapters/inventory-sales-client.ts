import { z } from 'zod';
import { StockLevel } from '@shop/contracts';
import { errorOf, ServiceClient, UpstreamUnavailableError } from '@shop/service-kit';
import type { InventorySales, SaleLimitFigures, SaleLimitTerms } from '../application/inventory-sales.js';

/**
 * What pricing reads of inventory's SaleLimit answer (the engine's live allocation figures,
 * added to the contract by the inventory's flash-sale work). Parsed here so an inventory without
 * them is reported as such instead of being read as zeros.
 */
const SaleLimitAnswer = z.object({
  perCustomer: z.number().int(),
  units: z.number().int().nullable(),
  unitsTaken: z.number().int(),
  unitsRemaining: z.number().int(),
  startsAt: z.iso.datetime({ offset: true }).nullable(),
  endsAt: z.iso.datetime({ offset: true }).nullable(),
});

/**
 * The inventory's admin routes on pricing's service credential. Requests go to one instance,
 * which forwards an admin request to the partition owner of the SKU once (inventory's
 * dispatcher); routing here would only save that hop, and these calls are rare.
 */
export class InventorySalesClient implements InventorySales {
  constructor(private readonly http: ServiceClient) {}

  async available(sku: string): Promise<number | null> {
    const res = await this.http.request('GET', stockPath(sku));
    if (res.status === 404) return null;
    if (res.status !== 200) throw this.refused('a stock read', res.status, res.body);
    const level = StockLevel.safeParse(res.body);
    if (!level.success) throw new UpstreamUnavailableError(this.http.service, 'answered a stock read with an unexpected body');
    return level.data.available;
  }

  async applyLimit(sku: string, terms: SaleLimitTerms): Promise<SaleLimitFigures> {
    const res = await this.http.request('PUT', `${stockPath(sku)}/sale-limit`, {
      body: { perCustomer: terms.perCustomer, units: terms.units, startsAt: terms.startsAt.toISOString(), endsAt: terms.endsAt.toISOString() },
    });
    if (res.status !== 200) throw this.refused('a sale limit', res.status, res.body);
    return this.figures(res.body);
  }

  async removeLimit(sku: string): Promise<void> {
    const res = await this.http.request('DELETE', `${stockPath(sku)}/sale-limit`);
    if (res.status === 200 || res.status === 204 || res.status === 404) return;
    throw this.refused('a sale limit removal', res.status, res.body);
  }

  async saleLimit(sku: string): Promise<SaleLimitFigures | null> {
    const res = await this.http.request('GET', `${stockPath(sku)}/sale-limit`);
    if (res.status === 404) return null;
    if (res.status !== 200) throw this.refused('a sale limit read', res.status, res.body);
    return this.figures(res.body);
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private figures(body: unknown): SaleLimitFigures {
    const answer = SaleLimitAnswer.safeParse(body);
    if (!answer.success) throw new UpstreamUnavailableError(this.http.service, 'answered a sale limit without its live figures (units, unitsTaken, unitsRemaining)');
    const a = answer.data;
    return {
      perCustomer: a.perCustomer,
      units: a.units,
      unitsTaken: a.unitsTaken,
      unitsRemaining: Math.max(0, a.unitsRemaining),
      startsAt: a.startsAt ? new Date(a.startsAt) : null,
      endsAt: a.endsAt ? new Date(a.endsAt) : null,
    };
  }

  /** An answer pricing cannot act on (a refusal it did not expect): the sale cannot be checked or configured now. */
  private refused(what: string, status: number, body: unknown): UpstreamUnavailableError {
    const { code, message } = errorOf(body);
    return new UpstreamUnavailableError(this.http.service, `answered ${status}${code ? ` ${code}` : ''} to ${what}${message ? `: ${message}` : ''}`);
  }
}

function stockPath(sku: string): string {
  return `/api/admin/inventory/${encodeURIComponent(sku)}`;
}
