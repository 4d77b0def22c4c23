import { PageHeader } from '@shop/ui';
import { requireAdmin } from '../../lib/admin-session';
import { LiveDashboard } from './dashboard/live-dashboard';

export const metadata = { title: 'Dashboard' };
export const dynamic = 'force-dynamic';

/** The live dashboard: the shop's figures, updated about every second from the analytics stream. */
export default async function DashboardPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Dashboard" description="Orders, revenue, reservations and the platform's health, live." />
      <LiveDashboard />
    </>
  );
}
