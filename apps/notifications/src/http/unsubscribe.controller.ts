import { Controller, Get, Header, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { type AddressUnsubscribeDetails, type BackInStockAlertDetails, type UnsubscribeOutcome, UnsubscribeQuery } from '@shop/contracts';
import { ZodQuery } from '@shop/service-kit';
import type { FastifyReply } from 'fastify';
import { Unsubscriptions } from '../application/unsubscriptions.js';
import { unsubscribeLinks } from '../domain/unsubscribe-links.js';

export const PUBLIC_URLS = Symbol('PUBLIC_URLS');

/** The gateway's and the storefront's public addresses (the links a browser follows). */
export interface PublicUrls {
  publicApiUrl: string;
  storefrontUrl: string;
}

/** The path of every unsubscribe link; also the one-click POST target (`List-Unsubscribe`). */
export const UNSUBSCRIBE_PATH = 'api/notifications/unsubscribe';

/**
 * The links in marketing mails (public: the signed token is the proof). Mail scanners and link
 * previews follow GET links, so a GET never changes anything: it leads to the storefront's page
 * that says what stops (read from the details routes here) and asks for a POST. A POST (that
 * page's button, or a mail client's RFC 8058 one-click) unsubscribes. A back-in-stock link stops
 * that one request; a sale reminder's link stops every marketing mail to the address (order
 * mails, transactional, are still sent).
 */
@Controller(UNSUBSCRIBE_PATH)
export class UnsubscribeController {
  constructor(
    @Inject(Unsubscriptions) private readonly unsubscriptions: Unsubscriptions,
    @Inject(PUBLIC_URLS) private readonly urls: PublicUrls,
  ) {}

  /**
   * A browser following the API's address (the List-Unsubscribe header's, or the body link of a
   * mail sent before the storefront pages): 303 to the storefront page of the token's kind.
   */
  @Get()
  @Header('cache-control', 'no-store')
  page(@ZodQuery(UnsubscribeQuery) query: UnsubscribeQuery, @Res({ passthrough: true }) reply: FastifyReply): string {
    const scope = this.unsubscriptions.scopeOf(query.token);
    reply.code(303).header('location', unsubscribeLinks(scope.kind, query.token, this.urls).page);
    return '';
  }

  /** What a back-in-stock link is about (the storefront's page shows it before the shopper confirms). */
  @Get('back-in-stock')
  @Header('cache-control', 'no-store')
  alert(@ZodQuery(UnsubscribeQuery) query: UnsubscribeQuery): Promise<BackInStockAlertDetails> {
    return this.unsubscriptions.alertDetails(query.token);
  }

  /** Which address a sale reminder's link is for (masked) and whether it already unsubscribed, for the storefront's page. */
  @Get('address')
  @Header('cache-control', 'no-store')
  address(@ZodQuery(UnsubscribeQuery) query: UnsubscribeQuery): Promise<AddressUnsubscribeDetails> {
    return this.unsubscriptions.addressDetails(query.token);
  }

  /**
   * Unsubscribes: the token is in the address (RFC 8058: a mail client POSTs
   * `List-Unsubscribe=One-Click` there, with no cookie or credential); any body is ignored.
   */
  @Post()
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  unsubscribe(@ZodQuery(UnsubscribeQuery) query: UnsubscribeQuery): Promise<UnsubscribeOutcome> {
    return this.unsubscriptions.unsubscribe(query.token);
  }
}
