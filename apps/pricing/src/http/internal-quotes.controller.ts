import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { InternalQuoteRequest, VerifyQuoteBody, type Quote, type VerifyQuoteAnswer } from '@shop/contracts';
import { RequireService, ZodBody } from '@shop/service-kit';
import { QuoteService } from '../application/quote-service.js';

/** Quotes for the cart and the checkout saga, with the customer they are for; never routed by the gateway. */
@Controller('internal/pricing/quotes')
@RequireService('cart', 'payments')
export class InternalQuotesController {
  constructor(@Inject(QuoteService) private readonly quotes: QuoteService) {}

  @Post()
  @HttpCode(200)
  quote(@ZodBody(InternalQuoteRequest) body: InternalQuoteRequest): Promise<Quote> {
    const { customerId, ...request } = body;
    return this.quotes.quote(request, { customerId, customerGroup: null });
  }

  /** Whether a quote is ours, untampered and unexpired; checkout re-quotes when it is not. */
  @Post('verify')
  @HttpCode(200)
  verify(@ZodBody(VerifyQuoteBody) body: VerifyQuoteBody): VerifyQuoteAnswer {
    return this.quotes.verify(body.quote);
  }
}
