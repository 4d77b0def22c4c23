import { AdminNotificationsApi } from '@shop/api-client';
import { NotificationStatus, NotificationTemplate } from '@shop/contracts';
import { PageHeader } from '@shop/ui';
import { requireAdmin } from '../../../lib/admin-session';
import { problemOf } from '../../../lib/problem';
import { param, type SearchParams } from '../../../lib/search-params';
import { NotificationsTable } from './notifications-table';

export const metadata = { title: 'Notifications' };
export const dynamic = 'force-dynamic';

/** Every email the shop sent or owes, newest first, filterable by status and template. */
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { api } = await requireAdmin();
  const search = await searchParams;
  const status = NotificationStatus.safeParse(param(search.status));
  const template = NotificationTemplate.safeParse(param(search.template));
  let page;
  let problem: string | null = null;
  try {
    page = await new AdminNotificationsApi(api).list({
      status: status.success ? status.data : undefined,
      template: template.success ? template.data : undefined,
      cursor: param(search.cursor),
      limit: 25,
    });
  } catch (err) {
    problem = problemOf(err);
  }
  return (
    <>
      <PageHeader title="Notifications" description="Emails to shoppers: sent, pending, skipped (with the reason) and failed after every attempt." />
      {problem ? (
        <p role="alert" className="field-error">
          {problem}
        </p>
      ) : null}
      <NotificationsTable items={page?.items ?? []} nextCursor={page?.nextCursor ?? null} />
    </>
  );
}
