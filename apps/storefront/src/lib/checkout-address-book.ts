import { isApiError, type GatewayClient } from '@shop/api-client';
import type { ShippingAddress } from '@shop/contracts';
import { FailureCode } from '@shop/contracts/failure';
import { shopperApi, type ShopperSession } from './gateway';
import { sameAddress, type AddressSaveProblem, type CheckoutAddressBook } from './saved-addresses';

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
 * has it already. Null once it is there; otherwise why it could not be saved: `full` (the book
 * holds its most, perhaps filled from another window since checkout opened: the gateway's 409) or
 * `unavailable` (the gateway did not answer, or refused otherwise). The order is placed either way.
 */
export async function saveCheckoutAddress(api: GatewayClient, address: ShippingAddress): Promise<AddressSaveProblem | null> {
  try {
    const book = await api.savedAddresses();
    if (book.items.some((saved) => sameAddress(saved.address, address))) return null;
    if (book.items.length >= book.max) return 'full';
    await api.saveAddress({ address });
    return null;
  } catch (err) {
    return isApiError(err) && err.status === 409 && err.code === FailureCode.CONFLICT ? 'full' : 'unavailable';
  }
}
