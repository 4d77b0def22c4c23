import { z } from 'zod';
import { Sku } from '../catalog/catalog.js';
import { Cursor, Limit, pageOf } from '../common/pagination.js';
import { Email } from '../identity/identity.js';

/**
 * The emails the notifications service sends. Order mails are transactional (always sent);
 * sale reminders and back-in-stock mails are marketing (an unsubscribe link stops them).
 */
export const NotificationTemplate = z.enum([
  'order-confirmed',
  'order-cancelled',
  'order-shipped',
  'order-refunded',
  'flash-sale-live',
  'back-in-stock',
  'password-reset',
]);
export type NotificationTemplate = z.infer<typeof NotificationTemplate>;

/** Templates a recipient can unsubscribe from. */
export const MARKETING_TEMPLATES: readonly NotificationTemplate[] = ['flash-sale-live', 'back-in-stock'];

/**
 * pending: waiting for (or between) send attempts; sent: the mail server accepted it;
 * failed: dead-lettered after the last attempt (an admin may retry it); skipped: not sent, for
 * the recorded reason (no address, disabled account, unsubscribed).
 */
export const NotificationStatus = z.enum(['pending', 'sent', 'failed', 'skipped']);
export type NotificationStatus = z.infer<typeof NotificationStatus>;

export const Notification = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  template: NotificationTemplate,
  /** The address it goes to; empty when there was none (then status is skipped). */
  recipient: z.string(),
  subject: z.string(),
  status: NotificationStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  skipReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationPage = pageOf(Notification);
export type NotificationPage = z.infer<typeof NotificationPage>;

/** `GET /api/admin/notifications`: newest first, filterable by status and template. */
export const AdminListNotificationsQuery = z
  .object({
    limit: Limit,
    cursor: Cursor.optional(),
    status: NotificationStatus.optional(),
    template: NotificationTemplate.optional(),
  })
  .strict();
export type AdminListNotificationsQuery = z.infer<typeof AdminListNotificationsQuery>;

/** `POST /api/notifications/flash-sale-reminders`: "remind me when this sale is live". */
export const FlashSaleReminderBody = z.object({ flashSaleId: z.uuid('must be a flash sale id (UUID)') }).strict();
export type FlashSaleReminderBody = z.infer<typeof FlashSaleReminderBody>;

export const FlashSaleReminder = z.object({ flashSaleId: z.uuid(), createdAt: z.iso.datetime() });
export type FlashSaleReminder = z.infer<typeof FlashSaleReminder>;

/** `POST /api/notifications/back-in-stock`: "tell me when this SKU is back". */
export const BackInStockBody = z.object({ sku: Sku }).strict();
export type BackInStockBody = z.infer<typeof BackInStockBody>;

export const BackInStockSubscription = z.object({ sku: z.string(), createdAt: z.iso.datetime() });
export type BackInStockSubscription = z.infer<typeof BackInStockSubscription>;

/** `GET /api/notifications/subscriptions`: the caller's pending reminders and subscriptions. */
export const MySubscriptions = z.object({
  flashSaleReminders: z.array(FlashSaleReminder),
  backInStock: z.array(BackInStockSubscription),
});
export type MySubscriptions = z.infer<typeof MySubscriptions>;

/**
 * `?token=` of the unsubscribe routes (`GET|POST /api/notifications/unsubscribe`,
 * `GET /api/notifications/unsubscribe/back-in-stock`, `GET /api/notifications/unsubscribe/address`):
 * the signed token of an email's unsubscribe link.
 */
export const UnsubscribeQuery = z.object({ token: z.string().min(10).max(1000) }).strict();
export type UnsubscribeQuery = z.infer<typeof UnsubscribeQuery>;

/**
 * `GET /api/notifications/unsubscribe/back-in-stock?token=`: what a back-in-stock mail's
 * unsubscribe link is about, for the storefront's page to say before the shopper confirms.
 * Reading it changes nothing.
 */
export const BackInStockAlertDetails = z.object({
  sku: Sku,
  /** The product and the variant's options ("Trail Runner — EU 42"); null when the catalog does not know the SKU. */
  productName: z.string().nullable(),
  /** The storefront path of the product with the variant chosen (`/p/<slug>?sku=<sku>`); null when it is not for sale. */
  productPath: z.string().nullable(),
  /** The request stands (it is stopped by the unsubscribe, and made again from the product page). */
  subscribed: z.boolean(),
});
export type BackInStockAlertDetails = z.infer<typeof BackInStockAlertDetails>;

/**
 * `GET /api/notifications/unsubscribe/address?token=`: what a sale reminder's unsubscribe link
 * (every marketing mail to one address) would stop, for the storefront's page to say before the
 * shopper confirms. Reading it changes nothing.
 */
export const AddressUnsubscribeDetails = z.object({
  /**
   * The address, masked (`a***@example.com`): enough for its owner to recognise it; the page can
   * be seen over a shoulder or in a screenshot, and the full address is not needed to decide.
   */
  maskedEmail: z.string(),
  /** The address already unsubscribed: no sale reminders or back-in-stock mails go to it. */
  unsubscribed: z.boolean(),
});
export type AddressUnsubscribeDetails = z.infer<typeof AddressUnsubscribeDetails>;

/**
 * `POST /api/notifications/unsubscribe?token=` (the mail's one-click List-Unsubscribe target and
 * the storefront's confirm button): what stopped. A back-in-stock link stops that one request;
 * a sale reminder's link stops every marketing mail to the address. Repeating it is harmless.
 */
export const UnsubscribeOutcome = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('back-in-stock'), sku: Sku }),
  z.object({ scope: z.literal('marketing') }),
]);
export type UnsubscribeOutcome = z.infer<typeof UnsubscribeOutcome>;

/**
 * `POST /internal/identity/accounts/lookup` (gateway, notifications only): which accounts the
 * ids or addresses belong to and whether they are disabled. Unknown and deleted ones are left out.
 */
export const AccountLookupBody = z
  .object({
    ids: z.array(z.uuid()).max(500).default([]),
    emails: z.array(Email).max(500).default([]),
  })
  .strict();
export type AccountLookupBody = z.infer<typeof AccountLookupBody>;

export const AccountContact = z.object({ id: z.uuid(), email: z.string(), disabled: z.boolean() });
export type AccountContact = z.infer<typeof AccountContact>;

export const AccountLookupResult = z.object({ accounts: z.array(AccountContact) });
export type AccountLookupResult = z.infer<typeof AccountLookupResult>;
