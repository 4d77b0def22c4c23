import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { QuoteRequest, type Quote } from '@shop/contracts';
import { ZodBody } from '@shop/service-kit';
import { NaiveQuoteService } from './naive-quote.service.js';

/**
 * `POST /api/pricing/naive/quote`: the benchmark's baseline, mounted only when
 * PRICING_NAIVE_BASELINE=true (npm run bench:pricing); never on in a shop.
 */
@Controller('api/pricing/naive')
export class NaiveQuoteController {
  constructor(@Inject(NaiveQuoteService) private readonly naive: NaiveQuoteService) {}

  @Post('quote')
  @HttpCode(200)
  quote(@ZodBody(QuoteRequest) body: QuoteRequest): Promise<Quote> {
    return this.naive.quote(body);
  }
}
