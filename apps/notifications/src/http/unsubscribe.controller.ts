import { Controller, Get, Header, Inject } from '@nestjs/common';
import { type Clock, UnsubscribeQuery } from '@shop/contracts';
import { validationFailed, ZodQuery } from '@shop/service-kit';
import { NotificationRepository } from '../adapters/notification.repository.js';
import { escapeHtml } from '../domain/mail-templates.js';
import { UnsubscribeTokens } from '../domain/unsubscribe-token.js';

export const CLOCK = Symbol('CLOCK');
export const SHOP_NAME = Symbol('SHOP_NAME');

/**
 * The link in every marketing mail (public: the signed token is the proof). Sale reminders and
 * back-in-stock mails stop for that address; order mails (transactional) are still sent.
 */
@Controller('api/notifications/unsubscribe')
export class UnsubscribeController {
  constructor(
    @Inject(UnsubscribeTokens) private readonly tokens: UnsubscribeTokens,
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SHOP_NAME) private readonly shopName: string,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async unsubscribe(@ZodQuery(UnsubscribeQuery) query: UnsubscribeQuery): Promise<string> {
    const email = this.tokens.verify(query.token);
    if (!email) throw validationFailed([{ field: 'token', reason: 'is not a valid unsubscribe token' }]);
    await this.notifications.optOut(email, this.clock.now());
    const shop = escapeHtml(this.shopName);
    return `<!doctype html><html><head><title>${shop}: unsubscribed</title></head><body><h1>You are unsubscribed</h1><p>${escapeHtml(email)} will get no more sale reminders or back-in-stock emails from ${shop}. Emails about your orders are still sent.</p></body></html>`;
  }
}
