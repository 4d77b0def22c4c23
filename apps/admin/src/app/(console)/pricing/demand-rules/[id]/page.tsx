import { createMerchAdminClient, isApiError } from '@shop/api-client';
import { PageHeader, formatMinorUnits } from '@shop/ui';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireAdmin } from '../../../../../lib/admin-session';
import { formatDateTime } from '../../../../../lib/format-time';

export const dynamic = 'force-dynamic';


/** A demand rule's change log: every price it set, when, and why. */
export default async function DemandRulePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { api } = await requireAdmin();
  const merch = createMerchAdminClient(api);
  const missing = (err: unknown) => {
    if (isApiError(err) && (err.status === 404 || err.status === 400)) notFound();
    throw err;
  };
  const [rules, changes] = await Promise.all([merch.listDemandRules(), merch.demandRuleChanges(id).catch(missing)]);
  const rule = rules.find((r) => r.id === id);
  if (!rule) notFound();
  // The rule's amounts are in its SKU's currency.
  const currency = (await api.getPrices([rule.sku]).catch(() => ({ items: [] }))).items[0]?.listPrice.currency ?? 'EUR';
  const amount = (minor: number) => formatMinorUnits(minor, currency);
  return (
    <>
      <p>
        <Link href="/pricing/demand-rules">← Demand pricing</Link>
      </p>
      <PageHeader title={`Demand pricing of ${rule.sku}`} description={`${rule.enabled ? 'On' : 'Off (kill switch)'}; between ${amount(rule.floor)} and ${amount(rule.ceiling)}, steps of ${rule.stepPercent}%.`} />
      <h2>Change log</h2>
      {changes.length === 0 ? (
        <p className="muted">The rule has not changed the price yet.</p>
      ) : (
        <div className="card">
          <div className="data-table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Price changes of the rule, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col" className="numeric">
                    From
                  </th>
                  <th scope="col" className="numeric">
                    To
                  </th>
                  <th scope="col" className="numeric">
                    Sold per hour
                  </th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((change) => (
                  <tr key={change.id}>
                    <td>
                      <time dateTime={change.at}>{formatDateTime(change.at)}</time>
                    </td>
                    <td className="numeric">{amount(change.from)}</td>
                    <td className="numeric">{amount(change.to)}</td>
                    <td className="numeric">{change.sellThroughPerHour}</td>
                    <td>{change.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </>
  );
}
