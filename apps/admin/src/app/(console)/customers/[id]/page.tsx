import { AdminCustomersApi, AdminOrdersApi } from '@shop/api-client';
import type { AdminUser } from '@shop/contracts';
import { EmptyState, PageHeader } from '@shop/ui';
import Link from 'next/link';
import { ConfirmedAction } from '../../../../components/confirmed-action';
import { requireAdmin } from '../../../../lib/admin-session';
import { problemOf } from '../../../../lib/problem';
import { param, type SearchParams } from '../../../../lib/search-params';
import { OrdersTable } from '../../orders/orders-table';
import { formatDate, formatDateTime } from '../../../../lib/format-time';

export const metadata = { title: 'Customer' };
export const dynamic = 'force-dynamic';

/** One account: who it is, its orders (the admin order list filtered by customer), send it a password reset link, disable or enable it. */
export default async function CustomerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { api } = await requireAdmin();
  const { id } = await params;
  const { cursor } = await searchParams;
  let user: AdminUser;
  try {
    user = await new AdminCustomersApi(api).get(id);
  } catch (err) {
    return (
      <>
        <PageHeader title="Customer" />
        <EmptyState title="This account cannot be shown">{problemOf(err)}</EmptyState>
        <Link href="/customers">Back to the customers</Link>
      </>
    );
  }
  let orders;
  let ordersProblem: string | null = null;
  try {
    orders = await new AdminOrdersApi(api).list({ customerId: user.id, cursor: param(cursor), limit: 25 });
  } catch (err) {
    ordersProblem = problemOf(err);
  }
  const disabled = user.disabledAt !== null;
  return (
    <>
      <PageHeader
        title={user.email}
        description={
          <span data-testid="account-status">
            {user.role} account since {formatDate(user.createdAt)} —{' '}
            {disabled ? `disabled since ${formatDateTime(user.disabledAt)}` : 'active'}
          </span>
        }
        actions={
          disabled ? (
            <ConfirmedAction label="Enable account" title={`Enable ${user.email}?`} confirmLabel="Enable" endpoint={`/api/customers/${user.id}/enable`} variant="primary" done={`${user.email} can log in again`}>
              <p>The customer can log in again.</p>
            </ConfirmedAction>
          ) : (
            <>
              <ConfirmedAction label="Send password reset link" title={`Send ${user.email} a password reset link?`} confirmLabel="Send link" endpoint={`/api/customers/${user.id}/password-reset`} done={`Reset link sent to ${user.email}`}>
                <p>The customer gets an email with a one-use link to choose a new password. You never see the link, and their password and sessions stay as they are until they use it.</p>
              </ConfirmedAction>
              <ConfirmedAction label="Disable account" title={`Disable ${user.email}?`} confirmLabel="Disable" endpoint={`/api/customers/${user.id}/disable`} destructive done={`${user.email} is disabled`}>
                <p>The customer is signed out everywhere at once and cannot log in until the account is enabled again. Their orders are kept.</p>
              </ConfirmedAction>
            </>
          )
        }
      />
      <h2>Orders</h2>
      {ordersProblem ? (
        <p role="alert" className="field-error">
          {ordersProblem}
        </p>
      ) : null}
      <OrdersTable items={orders?.items ?? []} nextCursor={orders?.nextCursor ?? null} showFilters={false} caption={`Orders of ${user.email}`} />
    </>
  );
}
