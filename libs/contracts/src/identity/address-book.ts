import { z } from 'zod';
import { DeliverableAddress, ShippingAddress } from '../orders/shipping-address.js';

/** How many addresses one account may keep; one more answers 409 CONFLICT (details: `{ max }`). */
export const MAX_SAVED_ADDRESSES = 20;

/**
 * An address in a customer's address book (`/api/me/addresses`). `address` is the shipping
 * address exactly as checkout takes it; one of the book's addresses is the default (the one
 * checkout fills in first), unless the book is empty.
 */
export const SavedAddress = z.object({
  id: z.uuid(),
  address: ShippingAddress,
  isDefault: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type SavedAddress = z.infer<typeof SavedAddress>;

/** `GET /api/me/addresses`: the default first, then the newest; `max` is how many the book holds. */
export const SavedAddressList = z.object({ items: z.array(SavedAddress), max: z.number().int().positive() });
export type SavedAddressList = z.infer<typeof SavedAddressList>;

/**
 * `POST /api/me/addresses`: a new address, held to the same rules as an address given at
 * checkout. The account's first address becomes its default whatever `makeDefault` says.
 */
export const CreateSavedAddressBody = z.object({ address: DeliverableAddress, makeDefault: z.boolean().optional() }).strict();
export type CreateSavedAddressBody = z.infer<typeof CreateSavedAddressBody>;

/**
 * `PATCH /api/me/addresses/:id`: a new version of the address, and/or make it the default. There
 * is no "un-default": another address is made the default instead.
 */
export const UpdateSavedAddressBody = z
  .object({ address: DeliverableAddress.optional(), makeDefault: z.literal(true, 'must be true (make another address the default instead)').optional() })
  .strict()
  .refine((body) => body.address !== undefined || body.makeDefault !== undefined, { message: 'must change the address or make it the default', path: ['address'] });
export type UpdateSavedAddressBody = z.infer<typeof UpdateSavedAddressBody>;
