import type { OrderPage, SavedAddressList, User } from '@shop/contracts';
import { isApiError } from '@shop/api-client';
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { shopperApi, shopperSession } from '../../lib/gateway';
import { formatMinorUnits, SignOutButton } from '@shop/ui';
import { describeCancelReason } from '../../lib/order-status';
import { AddressBook } from './address-book';
import { ChangePasswordForm } from './change-password-form';
import { ProfileForm } from './profile-form';
import { StatusBadge } from './status-badge';
import styles from './account.module.css';

export const metadata: Metadata = { title: 'Your account' };

const dateFormat = new Intl.DateTimeFormat('en-IE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await shopperSession();
  if (!session.accessToken) redirect('/account/login?next=/account');
  const api = await shopperApi();
  const cursor = (await searchParams).cursor;

  let user: User | null = null;
  try {
    user = await api.me();
  } catch (err) {
    if (isApiError(err) && err.status === 401) redirect('/account/login?next=/account');
  }
  // The address book is read beside the orders; either may be unavailable on its own.
  const [ordersRead, bookRead] = await Promise.allSettled([api.listOrders({ limit: 20, cursor: typeof cursor === 'string' ? cursor : undefined }), api.savedAddresses()]);
  const orders: OrderPage | null = ordersRead.status === 'fulfilled' ? ordersRead.value : null;
  const ordersError = ordersRead.status === 'rejected';
  const addressBook: SavedAddressList | null = bookRead.status === 'fulfilled' ? bookRead.value : null;

  return (
    <div className="container page">
      <div className={styles.accountHead}>
        <div className={styles.accountWho}>
          <h1>Your account</h1>
          {user?.name && <p data-testid="account-greeting">Hello, {user.name}</p>}
          <p className="muted">Signed in as {user?.email ?? session.email ?? 'you'}</p>
        </div>
        <SignOutButton then="/" />
      </div>

      <section aria-labelledby="orders-heading">
        <h2 id="orders-heading">Orders</h2>
        {ordersError ? (
          <p className="notice notice-warn">Your order history is not available right now. Please check back soon.</p>
        ) : !orders || orders.items.length === 0 ? (
          <p className="notice">
            No orders yet. <Link href="/">Start shopping →</Link>
          </p>
        ) : (
          <>
            <ul className={styles.orders} aria-label="Your orders">
              {orders.items.map((o) => (
                <li key={o.id} className={styles.order} data-testid="order-row">
                  <Link href={`/account/orders/${o.id}`} className={styles.orderLink}>
                    <span className={styles.orderNumber}>{o.number}</span>
                    <span className={`muted ${styles.orderDate}`}>{dateFormat.format(new Date(o.createdAt))} UTC</span>
                    <span className={`muted ${styles.orderItems}`}>
                      {o.itemCount} {o.itemCount === 1 ? 'item' : 'items'}
                    </span>
                    <span className={styles.orderTotal}>{formatMinorUnits(o.total, o.currency)}</span>
                    <StatusBadge status={o.status} />
                  </Link>
                  {o.status === 'CANCELLED' && o.cancelReason && <p className={styles.orderReason}>{describeCancelReason(o.cancelReason)}</p>}
                </li>
              ))}
            </ul>
            {orders.nextCursor && (
              <p>
                <Link href={`/account?cursor=${encodeURIComponent(orders.nextCursor)}`} className="btn btn-secondary">
                  Older orders
                </Link>
              </p>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="addresses-heading" className={styles.settings}>
        <h2 id="addresses-heading">Saved addresses</h2>
        {addressBook ? (
          <AddressBook addresses={addressBook.items} max={addressBook.max} />
        ) : (
          <p className="notice notice-warn">Your saved addresses are not available right now. Please check back soon.</p>
        )}
      </section>

      <section aria-labelledby="profile-heading" className={styles.settings}>
        <h2 id="profile-heading">Your name</h2>
        <ProfileForm name={user?.name ?? null} />
      </section>

      <section aria-labelledby="password-heading" className={styles.settings}>
        <h2 id="password-heading">Change password</h2>
        <ChangePasswordForm />
      </section>
    </div>
  );
}
