import type {
  AdjustStockBody,
  AdminFlashSalePage,
  AdminStockPage,
  Coupon,
  CouponPage,
  CreateCouponBody,
  CreateDemandRuleBody,
  CreateFlashSaleBody,
  CreatePriceListBody,
  CreatePromotionBody,
  DemandPriceChange,
  DemandRule,
  FlashSale,
  PriceList,
  PriceListEntriesBody,
  PriceListEntriesWritten,
  PriceListEntryPage,
  PriceListPage,
  Promotion,
  SaleLimit,
  SaleLimitBody,
  SetStockBody,
  StockAvailability,
  StockLedgerEntry,
  StockLevel,
  UpdateCouponBody,
  UpdateFlashSaleBody,
  UpdatePriceListBody,
  UpdatePromotionBody,
  VariantView,
} from '@shop/contracts';
import type { CallOptions, GatewayClient } from './gateway-client.js';

export interface StockListParams {
  /** Part of a SKU (any case). */
  q?: string;
  availability?: StockAvailability;
  limit?: number;
  /** The previous page's `nextCursor`. */
  cursor?: string;
}

export interface PageParams {
  limit?: number;
  cursor?: string;
}

const enc = encodeURIComponent;

/**
 * The merchant's inventory and pricing routes of the gateway (admin token required), typed by the
 * contracts: stock, ledger and sale limits; price lists and entries, promotions, coupons, demand
 * rules and flash sales. Built on GatewayClient.request with the admin's token.
 */
export class MerchAdminClient {
  constructor(private readonly gateway: GatewayClient) {}

  // Inventory.

  listStock(params: StockListParams = {}, options?: CallOptions): Promise<AdminStockPage> {
    const { q, availability, limit, cursor } = params;
    return this.gateway.request('GET', '/api/admin/inventory', { query: { q, availability, limit, cursor }, options });
  }

  /** The product a SKU belongs to (`GET /api/variants/:sku`): a published product's only; 404 for a draft's or an unknown SKU. */
  variant(sku: string, options?: CallOptions): Promise<VariantView> {
    return this.gateway.request('GET', `/api/variants/${enc(sku)}`, { options });
  }

  getStockLevel(sku: string, options?: CallOptions): Promise<StockLevel> {
    return this.gateway.request('GET', `/api/admin/inventory/${enc(sku)}`, { options });
  }

  setStock(sku: string, body: SetStockBody, options?: CallOptions): Promise<StockLevel> {
    return this.gateway.request('PUT', `/api/admin/inventory/${enc(sku)}`, { body, options });
  }

  adjustStock(sku: string, body: AdjustStockBody, options?: CallOptions): Promise<StockLevel> {
    return this.gateway.request('POST', `/api/admin/inventory/${enc(sku)}/adjustments`, { body, options });
  }

  /** The last 100 on-hand changes, newest first. */
  stockLedger(sku: string, options?: CallOptions): Promise<StockLedgerEntry[]> {
    return this.gateway.request('GET', `/api/admin/inventory/${enc(sku)}/ledger`, { options });
  }

  /** The SKU's sale limit with its live figures; null when it has none. */
  async getSaleLimit(sku: string, options?: CallOptions): Promise<SaleLimit | null> {
    try {
      return await this.gateway.request<SaleLimit>('GET', `/api/admin/inventory/${enc(sku)}/sale-limit`, { options });
    } catch (err) {
      if ((err as { status?: number }).status === 404 && (err as { code?: string }).code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  setSaleLimit(sku: string, body: SaleLimitBody, options?: CallOptions): Promise<SaleLimit> {
    return this.gateway.request('PUT', `/api/admin/inventory/${enc(sku)}/sale-limit`, { body, options });
  }

  clearSaleLimit(sku: string, options?: CallOptions): Promise<{ sku: string; removed: true }> {
    return this.gateway.request('DELETE', `/api/admin/inventory/${enc(sku)}/sale-limit`, { options });
  }

  // Price lists.

  /** One page of the price lists, oldest first (`nextCursor` asks for the next). */
  listPriceLists(query: { limit?: number; cursor?: string } = {}, options?: CallOptions): Promise<PriceListPage> {
    return this.gateway.request('GET', '/api/admin/price-lists', { query: { limit: query.limit, cursor: query.cursor }, options });
  }

  getPriceList(id: string, options?: CallOptions): Promise<PriceList> {
    return this.gateway.request('GET', `/api/admin/price-lists/${enc(id)}`, { options });
  }

  createPriceList(body: CreatePriceListBody, options?: CallOptions): Promise<PriceList> {
    return this.gateway.request('POST', '/api/admin/price-lists', { body, options });
  }

  updatePriceList(id: string, body: UpdatePriceListBody, options?: CallOptions): Promise<PriceList> {
    return this.gateway.request('PATCH', `/api/admin/price-lists/${enc(id)}`, { body, options });
  }

  async deletePriceList(id: string, options?: CallOptions): Promise<void> {
    await this.gateway.request('DELETE', `/api/admin/price-lists/${enc(id)}`, { options });
  }

  priceListEntries(id: string, params: PageParams = {}, options?: CallOptions): Promise<PriceListEntryPage> {
    return this.gateway.request('GET', `/api/admin/price-lists/${enc(id)}/entries`, { query: { limit: params.limit, cursor: params.cursor }, options });
  }

  putPriceListEntries(id: string, body: PriceListEntriesBody, options?: CallOptions): Promise<PriceListEntriesWritten> {
    return this.gateway.request('PUT', `/api/admin/price-lists/${enc(id)}/entries`, { body, options });
  }

  async deletePriceListEntry(id: string, sku: string, options?: CallOptions): Promise<void> {
    await this.gateway.request('DELETE', `/api/admin/price-lists/${enc(id)}/entries/${enc(sku)}`, { options });
  }

  // Promotions.

  async listPromotions(options?: CallOptions): Promise<Promotion[]> {
    return (await this.gateway.request<{ items: Promotion[] }>('GET', '/api/admin/promotions', { options })).items;
  }

  createPromotion(body: CreatePromotionBody, options?: CallOptions): Promise<Promotion> {
    return this.gateway.request('POST', '/api/admin/promotions', { body, options });
  }

  updatePromotion(id: string, body: UpdatePromotionBody, options?: CallOptions): Promise<Promotion> {
    return this.gateway.request('PATCH', `/api/admin/promotions/${enc(id)}`, { body, options });
  }

  async deletePromotion(id: string, options?: CallOptions): Promise<void> {
    await this.gateway.request('DELETE', `/api/admin/promotions/${enc(id)}`, { options });
  }

  // Coupons (with their usage so far: used, held).

  listCoupons(params: PageParams = {}, options?: CallOptions): Promise<CouponPage> {
    return this.gateway.request('GET', '/api/admin/coupons', { query: { limit: params.limit, cursor: params.cursor }, options });
  }

  createCoupon(body: CreateCouponBody, options?: CallOptions): Promise<Coupon> {
    return this.gateway.request('POST', '/api/admin/coupons', { body, options });
  }

  updateCoupon(code: string, body: UpdateCouponBody, options?: CallOptions): Promise<Coupon> {
    return this.gateway.request('PATCH', `/api/admin/coupons/${enc(code)}`, { body, options });
  }

  // Demand pricing.

  async listDemandRules(options?: CallOptions): Promise<DemandRule[]> {
    return (await this.gateway.request<{ items: DemandRule[] }>('GET', '/api/admin/demand-rules', { options })).items;
  }

  createDemandRule(body: CreateDemandRuleBody, options?: CallOptions): Promise<DemandRule> {
    return this.gateway.request('POST', '/api/admin/demand-rules', { body, options });
  }

  /** `false` is the kill switch: the rule stops pricing at once. */
  setDemandRuleEnabled(id: string, enabled: boolean, options?: CallOptions): Promise<DemandRule> {
    return this.gateway.request('PATCH', `/api/admin/demand-rules/${enc(id)}`, { body: { enabled }, options });
  }

  async demandRuleChanges(id: string, options?: CallOptions): Promise<DemandPriceChange[]> {
    return (await this.gateway.request<{ items: DemandPriceChange[] }>('GET', `/api/admin/demand-rules/${enc(id)}/changes`, { options })).items;
  }

  // Flash sales.

  /** One page of every sale, latest start first (`nextCursor` asks for the next). */
  listFlashSales(query: { limit?: number; cursor?: string } = {}, options?: CallOptions): Promise<AdminFlashSalePage> {
    return this.gateway.request('GET', '/api/admin/flash-sales', { query: { limit: query.limit, cursor: query.cursor }, options });
  }

  getFlashSale(id: string, options?: CallOptions): Promise<FlashSale> {
    return this.gateway.request('GET', `/api/admin/flash-sales/${enc(id)}`, { options });
  }

  scheduleFlashSale(body: CreateFlashSaleBody, options?: CallOptions): Promise<FlashSale> {
    return this.gateway.request('POST', '/api/admin/flash-sales', { body, options });
  }

  updateFlashSale(id: string, body: UpdateFlashSaleBody, options?: CallOptions): Promise<FlashSale> {
    return this.gateway.request('PATCH', `/api/admin/flash-sales/${enc(id)}`, { body, options });
  }

  cancelFlashSale(id: string, options?: CallOptions): Promise<FlashSale> {
    return this.gateway.request('POST', `/api/admin/flash-sales/${enc(id)}/cancel`, { options });
  }
}

export function createMerchAdminClient(gateway: GatewayClient): MerchAdminClient {
  return new MerchAdminClient(gateway);
}
