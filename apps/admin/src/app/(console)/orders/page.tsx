import { AdminOrdersApi } from '@shop/api-client';
import { OrderStatus } from '@shop/contracts';
import { PageHeader } from '@shop/ui';
import { requireAdmin } from '../../../lib/admin-session';
import { problemOf } from '../../../lib/problem';
import { param, type SearchParams } from '../../../lib/search-params';
import { dayAfter } from '../../../lib/order-filters';
import { OrdersTable } from './orders-table';

export const metadata = { title: 'Orders' };
export const dynamic = 'force-dynamic';


/** The filter form's labels of the API's fields (orders-table.tsx), for a refusal's sentence. */
const FILTER_LABELS = { status: 'Status', number: 'Order number', customerId: 'Customer id', email: 'Email', from: 'Placed from', to: 'Placed on or before' };

/** Every order, newest first, filtered and paged by the orders service (keyset pages). */
export default async function OrdersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { api } = await requireAdmin();
  const search = await searchParams;
  const status = OrderStatus.safeParse(param(search.status));
  let page;
  let problem: string | null = null;
  try {
    page = await new AdminOrdersApi(api).list({
      status: status.success ? status.data : undefined,
      number: param(search.number),
      customerId: param(search.customerId),
      email: param(search.email),
      from: param(search.from),
      to: dayAfter(param(search.to)),
      cursor: param(search.cursor),
      limit: 25,
    });
  } catch (err) {
    problem = problemOf(err, FILTER_LABELS);
  }
  return (
    <>
      <PageHeader title="Orders" description="Filter by status, number, customer, email or date; open an order to see its history and checkout steps." />
      {problem ? (
        <p role="alert" className="field-error">
          {problem}
        </p>
      ) : null}
      <OrdersTable items={page?.items ?? []} nextCursor={page?.nextCursor ?? null} />
    </>
  );
}
