import { describe, expect, it } from 'vitest';
import { escapeHtml, formatMoney, renderMail, utcTime, type OrderMailData } from './mail-templates.js';

const order: OrderMailData = {
  number: 'SO-000042',
  currency: 'EUR',
  lines: [
    { name: 'Launch Tee <b>', sku: 'TEE-M', quantity: 2, unitPrice: 2500, lineTotal: 5000 },
    { name: 'Mug', sku: 'MUG-1', quantity: 1, unitPrice: 999, lineTotal: 999 },
  ],
  subtotal: 5999,
  discountTotal: 500,
  shipping: 490,
  total: 5989,
};

describe('formatMoney', () => {
  it('formats minor units by the currency’s digits', () => {
    expect(formatMoney(5989, 'EUR')).toBe('€59.89');
    expect(formatMoney(1200, 'JPY')).toBe('¥1,200');
    expect(formatMoney(5, 'USD')).toBe('$0.05');
  });
});

describe('renderMail', () => {
  it('shows the shop, the order number, every line and the totals in text and HTML', () => {
    const mail = renderMail({ template: 'order-confirmed', order }, { shopName: 'Tee & Co' });
    expect(mail.subject).toBe('Tee & Co: Order SO-000042 confirmed');
    for (const part of ['SO-000042', '2 × Launch Tee <b> (TEE-M)', '€50.00', '1 × Mug (MUG-1)', 'Subtotal: €59.99', 'Discounts: -€5.00', 'Shipping: €4.90', 'Total: €59.89', '— Tee & Co']) {
      expect(mail.text).toContain(part);
    }
    expect(mail.html).toContain('Launch Tee &lt;b&gt;');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('Tee &amp; Co');
    expect(mail.html).toContain('€59.89');
  });

  it('says why an order was cancelled and what a refund gave back', () => {
    const cancelled = renderMail({ template: 'order-cancelled', order, reason: 'the payment was declined', refund: null }, { shopName: 'S' });
    expect(cancelled.subject).toBe('S: Order SO-000042 cancelled');
    expect(cancelled.text).toContain('was cancelled: the payment was declined.');
    expect(cancelled.text).toContain('You have not been charged for it.');
    // Cancelled after payment: the mail says what goes back, never that nothing was charged.
    const paid = renderMail({ template: 'order-cancelled', order, reason: 'you asked us to', refund: 4739 }, { shopName: 'S' });
    expect(paid.text).toContain('The €47.39 you paid is being refunded to the card you paid with');
    expect(paid.text).not.toContain('not been charged');
    const refund = { amount: 1250, lines: [{ sku: order.lines[0]!.sku, name: order.lines[0]!.name, quantity: 1 }], final: false };
    const refunded = renderMail({ template: 'order-refunded', order, reason: 'damaged', refund }, { shopName: 'S' });
    expect(refunded.subject).toBe('S: Refund issued for order SO-000042');
    expect(refunded.text).toContain('We refunded €12.50 for order SO-000042 (damaged).');
    expect(refunded.text).toContain(`Refunded: 1 × ${order.lines[0]!.name}.`);
    expect(refunded.text).toContain('The rest of the order stays as it is.');
    const last = renderMail({ template: 'order-refunded', order, reason: null, refund: { amount: 4739, lines: [], final: true } }, { shopName: 'S' });
    expect(last.text).toContain('We refunded €47.39 for order SO-000042.');
    expect(last.text).toContain('The order is now refunded in full.');
    const shipped = renderMail({ template: 'order-shipped', order }, { shopName: 'S' });
    expect(shipped.subject).toBe('S: Order SO-000042 has shipped');
  });

  it('puts an unsubscribe link only where one is given (marketing mails), escaped in HTML', () => {
    const url = 'http://shop.test/api/notifications/unsubscribe?token=a.b&x=1';
    const live = renderMail(
      { template: 'flash-sale-live', sku: 'TEE-M', productName: 'Launch Tee — M', salePrice: { amount: 1250, currency: 'EUR' }, endsAt: '2026-12-05T13:00:00.000Z', saleUrl: 'http://shop.test/sales/1' },
      { shopName: 'S', unsubscribeUrl: url },
    );
    expect(live.subject).toBe('S: The sale is live: Launch Tee — M at €12.50');
    expect(live.text).toContain(`Unsubscribe from these emails: ${url}`);
    expect(live.html).toContain('href="http://shop.test/api/notifications/unsubscribe?token=a.b&amp;x=1"');
    expect(renderMail({ template: 'order-confirmed', order }, { shopName: 'S' }).text).not.toContain('Unsubscribe');
  });

  it('names the product of a back-in-stock mail and its options, links to its page, and offers to stop that alert', () => {
    const productUrl = 'http://shop.test/p/trail-runner?sku=TRAIL-42';
    const stopUrl = 'http://shop.test/back-in-stock/unsubscribe?token=bis.x&y';
    const mail = renderMail(
      { template: 'back-in-stock', sku: 'TRAIL-42', productName: 'Trail Runner <Pro> — EU 42', productUrl },
      { shopName: 'S', unsubscribeUrl: stopUrl, unsubscribeLabel: 'Unsubscribe from this alert' },
    );
    expect(mail.subject).toBe('S: Trail Runner <Pro> — EU 42 is back in stock');
    expect(mail.text).toContain('Good news: Trail Runner <Pro> — EU 42 is back in stock.');
    expect(mail.text).toContain(`See it in the shop: ${productUrl}`);
    expect(mail.text).toContain(`Unsubscribe from this alert: ${stopUrl}`);
    expect(mail.text).not.toContain('TRAIL-42 is back');
    expect(mail.html).toContain('Trail Runner &lt;Pro&gt; — EU 42');
    expect(mail.html).toContain(`href="${escapeHtml(productUrl)}"`);
    expect(mail.html).toContain('href="http://shop.test/back-in-stock/unsubscribe?token=bis.x&amp;y">Unsubscribe from this alert</a>');
  });

  it('names the product of a sale reminder, not its SKU, says in UTC words when the sale ends, and links to the sale page', () => {
    const saleUrl = 'http://shop.test/sales/8a0b5c1e-7d2f-4a3b-9c4d-5e6f7a8b9c0d';
    const mail = renderMail(
      {
        template: 'flash-sale-live',
        sku: 'TEE-POCKET-ORGANIC-COTTON-OLIVE-XXL',
        productName: 'Pocket Tee <Organic> — Olive / XXL',
        salePrice: { amount: 2150, currency: 'EUR' },
        endsAt: '2026-12-07T11:16:00.000Z',
        saleUrl,
      },
      { shopName: 'FlashShop' },
    );
    expect(mail.subject).toBe('FlashShop: The sale is live: Pocket Tee <Organic> — Olive / XXL at €21.50');
    expect(mail.text).toContain('The flash sale you asked about has started: Pocket Tee <Organic> — Olive / XXL at €21.50, while units last (until 7 Dec 2026, 11:16 UTC).');
    expect(mail.text).toContain(`Go to the sale: ${saleUrl}`);
    expect(mail.text).not.toContain('TEE-POCKET-ORGANIC-COTTON-OLIVE-XXL');
    expect(mail.text).not.toContain('2026-12-07T11:16');
    expect(mail.html).toContain('Pocket Tee &lt;Organic&gt; — Olive / XXL');
    expect(mail.html).toContain(`<a href="${saleUrl}">Go to the sale</a>`);
  });

  it('says what was refunded before, per line and in the totals, so a later mail adds up', () => {
    const refunded = { ...order, lines: [{ ...order.lines[0]!, refundedQuantity: 1 }, order.lines[1]!], refundedTotal: 2250 };
    const mail = renderMail({ template: 'order-shipped', order: refunded }, { shopName: 'S' });
    expect(mail.text).toContain('2 × Launch Tee <b> (TEE-M), 1 refunded');
    expect(mail.text).toContain('Refunded: -€22.50');
    expect(mail.text).toContain('Paid after refunds: €37.39');
    const plain = renderMail({ template: 'order-shipped', order }, { shopName: 'S' });
    expect(plain.text).not.toContain('refunded');
    expect(plain.text).not.toContain('Refunded');
  });

  it('gives the reset link, when it stops working (in UTC) and what to do if it was not asked for', () => {
    const url = 'https://shop.test/account/reset-password?token=abc_DEF-123&x=1';
    const mail = renderMail({ template: 'password-reset', resetUrl: url, expiresAt: '2026-12-07T10:30:00.000Z', requestedBy: 'customer' }, { shopName: 'S' });
    expect(mail.subject).toBe('S: Reset your password');
    expect(mail.text).toContain(url);
    expect(mail.text).toContain('until 7 Dec 2026, 10:30 UTC');
    expect(mail.text).toContain('Someone, hopefully you, asked to reset the password of your account.');
    expect(mail.text).toContain('If you did not ask, ignore this email');
    expect(mail.text).not.toContain('customer support');
    expect(mail.html).toContain(`href="${escapeHtml(url)}"`);
    expect(mail.text).not.toContain('Unsubscribe');
  });

  it('says so when the shop sent the reset link (an admin, for a customer who contacted it), not that someone asked', () => {
    const url = 'https://shop.test/account/reset-password?token=abc';
    const mail = renderMail({ template: 'password-reset', resetUrl: url, expiresAt: '2026-12-07T10:30:00.000Z', requestedBy: 'shop' }, { shopName: 'FlashShop' });
    expect(mail.subject).toBe('FlashShop: Reset your password');
    expect(mail.text).toContain("FlashShop's customer support sent you this link to choose a new password for your account.");
    expect(mail.text).toContain(`Choose a new password: ${url}`);
    expect(mail.text).toContain('until 7 Dec 2026, 10:30 UTC');
    expect(mail.text).toContain('If you did not contact us about your account, let us know: your password stays as it is until this link is used.');
    expect(mail.text).not.toContain('hopefully you');
    expect(mail.text).not.toContain('If you did not ask');
    expect(mail.html).toContain('FlashShop&#39;s customer support');
  });

  it('escapes every HTML-special character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('utcTime', () => {
  it('prints a moment as day, month and year, then the UTC time: the same words in every mail', () => {
    expect(utcTime('2026-12-07T11:16:00.000Z')).toBe('7 Dec 2026, 11:16 UTC');
    expect(utcTime('2026-12-07T23:05:59.999+00:00')).toBe('7 Dec 2026, 23:05 UTC');
    // Another zone's offset is read as the instant it is; September is "Sep" whatever the ICU version says.
    expect(utcTime('2027-09-01T01:30:00.000+02:00')).toBe('31 Aug 2027, 23:30 UTC');
    expect(utcTime('2027-09-30T00:00:00.000Z')).toBe('30 Sep 2027, 00:00 UTC');
  });
});
