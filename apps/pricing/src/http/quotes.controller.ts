import { Controller, Get, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { QuoteRequest, SkuPricesQuery, type Quote, type SkuPrices } from '@shop/contracts';
import { optionalCallerFrom, ZodBody, ZodQuery } from '@shop/service-kit';
import { QuoteService } from '../application/quote-service.js';

/**
 * Public pricing (through the gateway): quotes for anyone, signed in or not, and prices for
 * product and list pages. A signed-in customer's id counts against a coupon's per-customer limit;
 * customers have no group yet, so public quotes use the public price lists.
 */
@Controller('api/pricing')
export class QuotesController {
  constructor(@Inject(QuoteService) private readonly quotes: QuoteService) {}

  @Post('quote')
  @HttpCode(200)
  quote(@ZodBody(QuoteRequest) body: QuoteRequest, @Headers() headers: Record<string, string | string[] | undefined>): Promise<Quote> {
    const caller = optionalCallerFrom(headers);
    return this.quotes.quote(body, { customerId: caller?.userId ?? null, customerGroup: null });
  }

  /** `?skus=A-1,B-2` (at most 100): list price and the price now of each known SKU. */
  @Get('prices')
  prices(@ZodQuery(SkuPricesQuery) query: SkuPricesQuery): Promise<SkuPrices> {
    return this.quotes.prices(query.skus);
  }
}
