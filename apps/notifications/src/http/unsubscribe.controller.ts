import { Controller, Get, Header, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { type BackInStockAlertDetails, type UnsubscribeOutcome, UnsubscribeQuery } from '@shop/contracts';
import { ZodQuery } from '@shop/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Unsubscriptions } from '../application/unsubscriptions.js';
import { escapeHtml } from '../domain/mail-templates.js';
import { unsubscribeLinks } from '../domain/unsubscribe-links.js';

export const SHOP_NAME = Symbol('SHOP_NAME');
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
 * previews follow GET links, so a GET never changes anything: it leads to a page that says what
 * stops and asks for a POST. A POST (the page's button, or a mail client's RFC 8058 one-click)
 * unsubscribes. A back-in-stock link stops that one request; a sale reminder's link stops every
 * marketing mail to the address (order mails, transactional, are still sent).
 */
@Controller(UNSUBSCRIBE_PATH)
export class UnsubscribeController {
  constructor(
    @Inject(Unsubscriptions) private readonly unsubscriptions: Unsubscriptions,
    @Inject(SHOP_NAME) private readonly shopName: string,
    @Inject(PUBLIC_URLS) private readonly urls: PublicUrls,
  ) {}

  /** A browser following a link: a back-in-stock one goes to the storefront's page; an address's gets a confirm page here. */
  @Get()
  @Header('cache-control', 'no-store')
  page(@ZodQuery(UnsubscribeQuery) query: UnsubscribeQuery, @Res({ passthrough: true }) reply: FastifyReply): string {
    const scope = this.unsubscriptions.scopeOf(query.token);
    if (scope.kind === 'back-in-stock') {
      reply.code(303).header('location', unsubscribeLinks('back-in-stock', query.token, this.urls).page);
      return '';
    }
    reply.header('content-type', 'text/html; charset=utf-8');
    // No action: the form posts to this very address, token included.
    return this.html(
      'Unsubscribe',
      `<h1>Stop sale reminders and back-in-stock emails?</h1><p>${escapeHtml(this.shopName)} will stop sending them to ${escapeHtml(scope.email)}. Emails about your orders are still sent.</p><form method="post"><button type="submit">Unsubscribe</button></form>`,
    );
  }

  /** What a back-in-stock link is about (the storefront's page shows it before the shopper confirms). */
  @Get('back-in-stock')
  @Header('cache-control', 'no-store')
  alert(@ZodQuery(UnsubscribeQuery) query: UnsubscribeQuery): Promise<BackInStockAlertDetails> {
    return this.unsubscriptions.alertDetails(query.token);
  }

  /**
   * Unsubscribes: the token is in the address (RFC 8058: a mail client POSTs
   * `List-Unsubscribe=One-Click` there, with no cookie or credential); any body is ignored.
   * A browser's form gets a page, anyone else the outcome as JSON.
   */
  @Post()
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  async unsubscribe(@ZodQuery(UnsubscribeQuery) query: UnsubscribeQuery, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<UnsubscribeOutcome | string> {
    const outcome = await this.unsubscriptions.unsubscribe(query.token);
    if (!(request.headers.accept ?? '').includes('text/html')) return outcome;
    reply.header('content-type', 'text/html; charset=utf-8');
    const what = outcome.scope === 'back-in-stock' ? 'this back-in-stock alert' : 'sale reminders and back-in-stock emails';
    return this.html('Unsubscribed', `<h1>You are unsubscribed</h1><p>You will get no more emails from ${escapeHtml(this.shopName)} about ${what}. Emails about your orders are still sent.</p>`);
  }

  private html(title: string, body: string): string {
    const shop = escapeHtml(this.shopName);
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${shop}: ${title}</title></head><body>${body}</body></html>`;
  }
}
