import { randomUUID } from 'node:crypto';
import type { AccountContact, Clock } from '@shop/contracts';
import type { ProcessedEvents } from '@shop/messaging';
import type { Logger } from '@shop/observability';
import type { Tx } from '@shop/persistence';
import type { Accounts } from '../adapters/accounts-client.js';
import type { NewNotification, NotificationRepository } from '../adapters/notification.repository.js';
import { type MailContent, renderMail } from '../domain/mail-templates.js';
import { decideRecipient, isMarketing } from '../domain/notification-rules.js';
import { unsubscribeLinks } from '../domain/unsubscribe-links.js';
import type { UnsubscribeTokens } from '../domain/unsubscribe-token.js';

/** One mail an event calls for, before its recipient is decided. */
export interface PlannedMail {
  content: MailContent;
  /** The address the event carries (an order's email), if any. */
  eventEmail: string | null;
  /** The account it is for, if any (its address when the event has none; disabled: no mail). */
  customerId: string | null;
  /**
   * What the unsubscribe link of a marketing mail stops: one back-in-stock request (its SKU, for
   * `customerId`); by default every marketing mail to the recipient's address.
   */
  unsubscribeAlert?: { sku: string };
}

/** Queues the send job of each notification id (jobId = the id, so queuing twice is harmless). */
export interface SendQueue {
  enqueue(ids: readonly string[]): Promise<void>;
}

export interface NotificationIntakeDeps {
  processed: ProcessedEvents;
  notifications: NotificationRepository;
  accounts: Accounts;
  queue: SendQueue;
  tokens: UnsubscribeTokens;
  clock: Clock;
  logger: Logger;
  shopName: string;
  /** The gateway's public address, for unsubscribe links. */
  publicApiUrl: string;
  /** The storefront's public address (a back-in-stock request is stopped on its page). */
  storefrontUrl: string;
}

/**
 * Turns the mails an event calls for into notification rows, exactly once per event and
 * recipient, and queues their sends. Recipients are decided first (accounts are asked once per
 * event); the rows, the processed-event record and any subscriptions used up commit together.
 */
export class NotificationIntake {
  constructor(private readonly deps: NotificationIntakeDeps) {}

  /**
   * `claim` (sale reminders, back-in-stock) uses up the subscriptions in the same transaction and
   * answers the customers it used: mails for the others are dropped (another delivery had them).
   */
  async accept(consumer: string, eventId: string, planned: readonly PlannedMail[], claim?: (tx: Tx) => Promise<Set<string>>): Promise<void> {
    if (planned.length === 0) return;
    const rows = await this.decide(eventId, planned);
    const outcome = await this.deps.processed.runOnce(consumer, eventId, async (tx) => {
      const claimed = claim ? await claim(tx) : null;
      const kept = claimed ? rows.filter((r) => r.customerId !== null && claimed.has(r.customerId)) : rows;
      return this.deps.notifications.insertNew(tx, kept, this.deps.clock.now());
    });
    if (outcome.status === 'duplicate' || outcome.result.length === 0) return;
    try {
      await this.deps.queue.enqueue(outcome.result);
    } catch (err) {
      // The rows are committed: the pending sweep queues them once Redis answers again.
      this.deps.logger.warn({ err: String(err), eventId }, 'notifications: send jobs not queued yet; the sweep will');
    }
  }

  private async decide(eventId: string, planned: readonly PlannedMail[]): Promise<NewNotification[]> {
    const ids = planned.flatMap((p) => (p.customerId ? [p.customerId] : []));
    const emails = planned.flatMap((p) => (p.eventEmail ? [p.eventEmail.trim().toLowerCase()] : []));
    const accounts = ids.length + emails.length > 0 ? await this.deps.accounts.lookup({ ids, emails }) : [];
    const byId = new Map<string, AccountContact>(accounts.map((a) => [a.id, a]));
    const byEmail = new Map<string, AccountContact>(accounts.map((a) => [a.email.toLowerCase(), a]));
    const marketingAddresses = planned
      .filter((p) => isMarketing(p.content.template))
      .flatMap((p) => [p.eventEmail, p.customerId ? byId.get(p.customerId)?.email : undefined])
      .filter((e): e is string => !!e)
      .map((e) => e.toLowerCase());
    const optedOut = await this.deps.notifications.optedOut(marketingAddresses);

    return planned.map((p) => {
      const email = p.eventEmail?.trim().toLowerCase() ?? null;
      const account = (p.customerId ? byId.get(p.customerId) : undefined) ?? (email ? byEmail.get(email) : undefined) ?? null;
      const decision = decideRecipient({
        template: p.content.template,
        eventEmail: email,
        account,
        accountMissing: p.customerId !== null && !byId.has(p.customerId),
        optedOut: (e) => optedOut.has(e),
      });
      const links = isMarketing(p.content.template) && decision.recipient ? this.unsubscribeLinksOf(p, decision.recipient) : undefined;
      const mail = renderMail(p.content, { shopName: this.deps.shopName, unsubscribeUrl: links?.page, unsubscribeLabel: links?.label });
      return {
        id: randomUUID(),
        eventId,
        recipient: decision.recipient,
        template: p.content.template,
        status: decision.send ? 'pending' : 'skipped',
        subject: mail.subject,
        textBody: mail.text,
        htmlBody: mail.html,
        customerId: p.customerId,
        skipReason: decision.send ? null : decision.reason,
        listUnsubscribeUrl: links?.oneClick ?? null,
      } satisfies NewNotification;
    });
  }

  /** A back-in-stock mail's link stops that request only; other marketing mails' stop every one to the address. */
  private unsubscribeLinksOf(planned: PlannedMail, recipient: string) {
    const urls = { publicApiUrl: this.deps.publicApiUrl, storefrontUrl: this.deps.storefrontUrl };
    if (planned.unsubscribeAlert && planned.customerId) {
      return unsubscribeLinks('back-in-stock', this.deps.tokens.signAlert(planned.customerId, planned.unsubscribeAlert.sku), urls);
    }
    return unsubscribeLinks('marketing', this.deps.tokens.sign(recipient), urls);
  }
}
