import { AdminCustomersApi } from '@shop/api-client';
import { PageHeader } from '@shop/ui';
import { requireAdmin } from '../../../lib/admin-session';
import { problemOf } from '../../../lib/problem';
import { param, type SearchParams } from '../../../lib/search-params';
import { CustomersTable } from './customers-table';

export const metadata = { title: 'Customers' };
export const dynamic = 'force-dynamic';


/** Every customer account, newest first, searchable by email (the gateway's identity pages them). */
export default async function CustomersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { api } = await requireAdmin();
  const search = await searchParams;
  const status = param(search.status);
  let page;
  let problem: string | null = null;
  try {
    page = await new AdminCustomersApi(api).list({
      q: param(search.q),
      role: 'customer',
      status: status === 'active' || status === 'disabled' ? status : undefined,
      cursor: param(search.cursor),
      limit: 25,
    });
  } catch (err) {
    problem = problemOf(err);
  }
  return (
    <>
      <PageHeader title="Customers" description="Customer accounts; open one to see its orders or disable it." />
      {problem ? (
        <p role="alert" className="field-error">
          {problem}
        </p>
      ) : null}
      <CustomersTable items={page?.items ?? []} nextCursor={page?.nextCursor ?? null} />
    </>
  );
}
