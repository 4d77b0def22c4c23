import type { GatewayClient } from '@shop/api-client';
import type { ShippingAddress } from '@shop/contracts';
import { shopperApi, type ShopperSession } from './gateway';
import { sameAddress, type CheckoutAddressBook } from './saved-addresses';

/**
 * A signed-in shopper's address book and name, for checkout to fill in; null for a guest or when
 * the book cannot be read (checkout then asks for the address as it always did).
 */
export async function checkoutAddressBook(session: ShopperSession): Promise<CheckoutAddressBook | null> {
  if (!session.accessToken) return null;
  const api = await shopperApi();
  const [book, me] = await Promise.allSettled([api.savedAddresses(), api.me()]);
  if (book.status === 'rejected') return null;
  return { addresses: book.value.items, max: book.value.max, accountName: me.status === 'fulfilled' ? me.value.name : null };
}

/**
 * Saves the address an order was just placed with to the shopper's address book, unless the book
 * has it already. False when it could not be saved (a full book, the gateway away): the order
 * is placed either way.
 */
export async function saveCheckoutAddress(api: GatewayClient, address: ShippingAddress): Promise<boolean> {
  try {
    const book = await api.savedAddresses();
    if (book.items.some((saved) => sameAddress(saved.address, address))) return true;
    await api.saveAddress({ address });
    return true;
  } catch {
    return false;
  }
}
