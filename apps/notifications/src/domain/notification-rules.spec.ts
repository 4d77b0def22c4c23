import { describe, expect, it } from 'vitest';
import { cancelReasonInWords, decideRecipient, isBackInStock, isLastAttempt, orderTemplateFor, type RecipientFacts, keepsBodyAfterSending } from './notification-rules.js';

const facts = (over: Partial<RecipientFacts>): RecipientFacts => ({
  template: 'order-confirmed',
  eventEmail: null,
  account: null,
  accountMissing: false,
  optedOut: () => false,
  ...over,
});

describe('orderTemplateFor', () => {
  it('mails confirmed, cancelled and fulfilled orders; nothing else by status', () => {
    expect(orderTemplateFor('CONFIRMED')).toBe('order-confirmed');
    expect(orderTemplateFor('CANCELLED')).toBe('order-cancelled');
    expect(orderTemplateFor('FULFILLED')).toBe('order-shipped');
    // A refund's mail comes from its own event (orders.order.refunded.v1), one per refund.
    expect(orderTemplateFor('REFUNDED')).toBeNull();
    expect(orderTemplateFor('PENDING')).toBeNull();
    expect(orderTemplateFor('AWAITING_PAYMENT')).toBeNull();
  });
});

describe('cancelReasonInWords', () => {
  it('translates the checkout’s codes and keeps an admin’s words', () => {
    expect(cancelReasonInWords('PAYMENT_DECLINED')).toBe('the payment was declined');
    expect(cancelReasonInWords('OUT_OF_STOCK')).toBe('some items ran out of stock before payment');
    expect(cancelReasonInWords('Customer called to cancel')).toBe('Customer called to cancel');
    expect(cancelReasonInWords(null)).toBe('no reason was given');
  });
});

describe('isBackInStock', () => {
  it('is true only when available goes from none to some', () => {
    expect(isBackInStock({ available: 5, delta: 5 })).toBe(true);
    expect(isBackInStock({ available: 5, delta: 7 })).toBe(true); // was −2 (oversold), now 5
    expect(isBackInStock({ available: 10, delta: 5 })).toBe(false); // was 5 already
    expect(isBackInStock({ available: 0, delta: 0 })).toBe(false);
    expect(isBackInStock({ available: 0, delta: -3 })).toBe(false);
  });
});

describe('decideRecipient', () => {
  it('prefers the event’s address, lower-cased, and else the account’s', () => {
    expect(decideRecipient(facts({ eventEmail: 'Guest@Example.com' }))).toEqual({ send: true, recipient: 'guest@example.com' });
    expect(decideRecipient(facts({ account: { email: 'ada@example.com', disabled: false } }))).toEqual({ send: true, recipient: 'ada@example.com' });
  });

  it('records why it skips: no address, a disabled account, an unsubscribed address', () => {
    expect(decideRecipient(facts({}))).toEqual({ send: false, recipient: '', reason: 'the event has no email address' });
    expect(decideRecipient(facts({ accountMissing: true }))).toMatchObject({ send: false, reason: 'the account no longer exists and the event has no email' });
    expect(decideRecipient(facts({ eventEmail: 'a@x.io', account: { email: 'a@x.io', disabled: true } }))).toEqual({ send: false, recipient: 'a@x.io', reason: 'the account is disabled' });
    expect(decideRecipient(facts({ template: 'back-in-stock', eventEmail: 'a@x.io', optedOut: (e) => e === 'a@x.io' }))).toMatchObject({ send: false, reason: 'the recipient unsubscribed from marketing emails' });
  });

  it('still sends transactional mails to an address that unsubscribed from marketing', () => {
    expect(decideRecipient(facts({ template: 'order-refunded', eventEmail: 'a@x.io', optedOut: () => true }))).toEqual({ send: true, recipient: 'a@x.io' });
  });
});

describe('isLastAttempt', () => {
  it('dead-letters on the configured attempt', () => {
    expect(isLastAttempt(2, 3)).toBe(false);
    expect(isLastAttempt(3, 3)).toBe(true);
  });
});

describe('keepsBodyAfterSending', () => {
  it('drops only the password reset mail’s body (its link opens the account)', () => {
    expect(keepsBodyAfterSending('password-reset')).toBe(false);
    for (const template of ['order-confirmed', 'order-cancelled', 'order-shipped', 'order-refunded', 'flash-sale-live', 'back-in-stock']) {
      expect(keepsBodyAfterSending(template)).toBe(true);
    }
  });
});
