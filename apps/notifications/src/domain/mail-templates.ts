import { moneyText, type NotificationTemplate, type PasswordResetRequester } from '@shop/contracts';

/** A rendered email: the same words as plain text and as (escaped) HTML. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface MailLine {
  name: string;
  sku: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  /** Units of the line refunded so far (0 or absent: none). */
  refundedQuantity?: number;
}

/** One refund of an order (a partial refund names some lines; the last one says so). */
export interface RefundMailData {
  amount: number;
  lines: ReadonlyArray<{ sku: string; name: string; quantity: number }>;
  /** Nothing is left to refund on the order after this one. */
  final: boolean;
}

/** What an order mail shows: the order as the event carried it. Amounts in minor units. */
export interface OrderMailData {
  number: string;
  currency: string;
  lines: readonly MailLine[];
  subtotal: number;
  discountTotal: number;
  shipping: number;
  total: number;
  /** What was refunded so far (0 or absent: nothing): a later mail says it, so its figures add up. */
  refundedTotal?: number;
  /** Where it goes, one line per part of the address (absent on events without one). */
  shipTo?: readonly string[];
  /** Where the shopper follows the order: their account's order page, or the guests' lookup page. */
  orderUrl?: string;
}

/** The address and the way back to the order, under a confirmation or a shipping mail. */
function whereAndFollow(order: OrderMailData): Block[] {
  return [
    ...(order.shipTo && order.shipTo.length > 0 ? [{ kind: 'p' as const, text: `Shipping to: ${order.shipTo.join(', ')}` }] : []),
    ...(order.orderUrl ? [{ kind: 'link' as const, label: 'See your order', url: order.orderUrl }] : []),
  ];
}

export type MailContent =
  | { template: 'order-confirmed' | 'order-shipped'; order: OrderMailData }
  | {
      template: 'order-cancelled';
      order: OrderMailData;
      reason: string;
      /**
       * What the cancel gives back of a paid order (minor units); null when nothing was charged;
       * absent in mails queued before it was known.
       */
      refund?: number | null;
    }
  | { template: 'order-refunded'; order: OrderMailData; reason: string | null; refund: RefundMailData }
  | {
      template: 'flash-sale-live';
      sku: string;
      /** The product and variant as the catalog names them when the mail is written ("Pocket Tee — Olive / XXL"). */
      productName: string;
      salePrice: { amount: number; currency: string };
      endsAt: string;
      saleUrl: string;
    }
  | { template: 'back-in-stock'; sku: string; productName: string; productUrl: string }
  | { template: 'password-reset'; resetUrl: string; expiresAt: string; requestedBy: PasswordResetRequester };

export interface MailFrame {
  shopName: string;
  /** Marketing mails carry it; transactional ones do not. */
  unsubscribeUrl?: string;
  /** Its words; by default "Unsubscribe from these emails". */
  unsubscribeLabel?: string;
}

/** Integer minor units in words ("€12.50", "¥1,200"): the contracts' one formatter for server text. */
export const formatMoney = moneyText;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A paragraph of the body: plain words, or a link. */
type Block = { kind: 'p'; text: string } | { kind: 'link'; label: string; url: string } | { kind: 'lines'; order: OrderMailData };

function orderTable(order: OrderMailData): { text: string; html: string } {
  const money = (n: number) => formatMoney(n, order.currency);
  const rows = order.lines.map((l) => ({
    label: `${l.quantity} × ${l.name} (${l.sku})${l.refundedQuantity ? `, ${l.refundedQuantity} refunded` : ''}`,
    each: money(l.unitPrice),
    total: money(l.lineTotal),
  }));
  const totals: Array<[string, string]> = [['Subtotal', money(order.subtotal)]];
  if (order.discountTotal > 0) totals.push(['Discounts', `-${money(order.discountTotal)}`]);
  totals.push(['Shipping', money(order.shipping)], ['Total', money(order.total)]);
  if (order.refundedTotal) totals.push(['Refunded', `-${money(order.refundedTotal)}`], ['Paid after refunds', money(order.total - order.refundedTotal)]);
  const text = [
    ...rows.map((r) => `  ${r.label}  ${r.each} each  ${r.total}`),
    '',
    ...totals.map(([k, v]) => `  ${k}: ${v}`),
  ].join('\n');
  const html =
    '<table cellpadding="4" style="border-collapse:collapse">' +
    rows.map((r) => `<tr><td>${escapeHtml(r.label)}</td><td align="right">${escapeHtml(r.each)} each</td><td align="right">${escapeHtml(r.total)}</td></tr>`).join('') +
    totals.map(([k, v]) => `<tr><td colspan="2" align="right"><strong>${escapeHtml(k)}</strong></td><td align="right">${escapeHtml(v)}</td></tr>`).join('') +
    '</table>';
  return { text, html };
}

function content(mail: MailContent, shopName: string): { subject: string; blocks: Block[] } {
  switch (mail.template) {
    case 'order-confirmed':
      return {
        subject: `Order ${mail.order.number} confirmed`,
        blocks: [{ kind: 'p', text: `Thank you! Your order ${mail.order.number} is confirmed.` }, { kind: 'lines', order: mail.order }, ...whereAndFollow(mail.order)],
      };
    case 'order-shipped':
      return {
        subject: `Order ${mail.order.number} has shipped`,
        blocks: [{ kind: 'p', text: `Good news: your order ${mail.order.number} is on its way.` }, { kind: 'lines', order: mail.order }, ...whereAndFollow(mail.order)],
      };
    case 'order-cancelled':
      return {
        subject: `Order ${mail.order.number} cancelled`,
        blocks: [
          { kind: 'p', text: `Your order ${mail.order.number} was cancelled: ${mail.reason}.` },
          {
            kind: 'p',
            text:
              mail.refund === undefined
                ? 'Any payment taken for it is returned.'
                : mail.refund === null
                  ? 'You have not been charged for it.'
                  : `The ${formatMoney(mail.refund, mail.order.currency)} you paid is being refunded to the card you paid with; it usually shows within a few working days.`,
          },
          { kind: 'lines', order: mail.order },
        ],
      };
    case 'order-refunded':
      return {
        subject: `Refund issued for order ${mail.order.number}`,
        blocks: [
          {
            kind: 'p',
            text: `We refunded ${formatMoney(mail.refund.amount, mail.order.currency)} for order ${mail.order.number}${mail.reason ? ` (${mail.reason})` : ''}.`,
          },
          ...(mail.refund.lines.length > 0
            ? [{ kind: 'p' as const, text: `Refunded: ${mail.refund.lines.map((l) => `${l.quantity} × ${l.name}`).join(', ')}.` }]
            : []),
          { kind: 'p', text: mail.refund.final ? 'The order is now refunded in full.' : 'The rest of the order stays as it is.' },
          { kind: 'lines', order: mail.order },
        ],
      };
    case 'flash-sale-live': {
      const offer = `${mail.productName} at ${formatMoney(mail.salePrice.amount, mail.salePrice.currency)}`;
      return {
        subject: `The sale is live: ${offer}`,
        blocks: [
          { kind: 'p', text: `The flash sale you asked about has started: ${offer}, while units last (until ${utcTime(mail.endsAt)}).` },
          { kind: 'link', label: 'Go to the sale', url: mail.saleUrl },
        ],
      };
    }
    case 'back-in-stock':
      return {
        subject: `${mail.productName} is back in stock`,
        blocks: [
          { kind: 'p', text: `Good news: ${mail.productName} is back in stock.` },
          { kind: 'link', label: 'See it in the shop', url: mail.productUrl },
          { kind: 'p', text: 'We only email you once per request. To hear about it next time, ask again on the product page.' },
        ],
      };
    case 'password-reset': {
      // A link the shop sent (an admin, for a customer who contacted support) says so: "someone asked" would read like phishing.
      const byShop = mail.requestedBy === 'shop';
      return {
        subject: 'Reset your password',
        blocks: [
          {
            kind: 'p',
            text: byShop
              ? `${shopName}'s customer support sent you this link to choose a new password for your account.`
              : 'Someone, hopefully you, asked to reset the password of your account.',
          },
          { kind: 'link', label: 'Choose a new password', url: mail.resetUrl },
          { kind: 'p', text: `The link works once, until ${utcTime(mail.expiresAt)}. Setting a new password signs you out everywhere.` },
          {
            kind: 'p',
            text: byShop
              ? 'If you did not contact us about your account, let us know: your password stays as it is until this link is used.'
              : 'If you did not ask, ignore this email: your password stays as it is.',
          },
        ],
      };
    }
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * "7 Dec 2026, 10:30 UTC": the one way every mail prints a moment, the same for every reader
 * whatever their mail client's zone. Spelled out by hand: ICU's en-GB says "Sept" in some versions.
 */
export function utcTime(iso: string): string {
  const at = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}, ${two(at.getUTCHours())}:${two(at.getUTCMinutes())} UTC`;
}

/** Renders a mail in the shop's name; every value shown in the HTML is escaped. */
export function renderMail(mail: MailContent, frame: MailFrame): RenderedMail {
  const { subject, blocks } = content(mail, frame.shopName);
  const textParts: string[] = [];
  const htmlParts: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'p') {
      textParts.push(block.text);
      htmlParts.push(`<p>${escapeHtml(block.text)}</p>`);
    } else if (block.kind === 'link') {
      textParts.push(`${block.label}: ${block.url}`);
      htmlParts.push(`<p><a href="${escapeHtml(block.url)}">${escapeHtml(block.label)}</a></p>`);
    } else {
      const table = orderTable(block.order);
      textParts.push(table.text);
      htmlParts.push(table.html);
    }
  }
  textParts.push(`— ${frame.shopName}`);
  htmlParts.push(`<p>— ${escapeHtml(frame.shopName)}</p>`);
  if (frame.unsubscribeUrl) {
    const label = frame.unsubscribeLabel ?? 'Unsubscribe from these emails';
    textParts.push(`${label}: ${frame.unsubscribeUrl}`);
    htmlParts.push(`<p style="font-size:small"><a href="${escapeHtml(frame.unsubscribeUrl)}">${escapeHtml(label)}</a></p>`);
  }
  return {
    subject: `${frame.shopName}: ${subject}`,
    text: `${textParts.join('\n\n')}\n`,
    html: `<!doctype html><html><body>${htmlParts.join('')}</body></html>`,
  };
}

export function templateOf(mail: MailContent): NotificationTemplate {
  return mail.template;
}
