import { AdminCustomersApi, AdminOrdersApi } from '@shop/api-client';
import { discountRowsOf, isPaidStatus, lineDiscountOf, refundedOnCancel, type CheckoutView, type Order } from '@shop/contracts';
import { EmptyState, formatMinorUnits, PageHeader } from '@shop/ui';
import Link from 'next/link';
import { ConfirmedAction } from '../../../../components/confirmed-action';
import { requireAdmin } from '../../../../lib/admin-session';
import { actorLabel, adminIdsOf, orderActionsFor, statusLabel } from '../../../../lib/order-actions';
import { problemOf } from '../../../../lib/problem';
import { RefundForm, type RefundableLine } from './refund-form';
import { formatDateTime } from '../../../../lib/format-time';

/** Named by its number (or the id it was opened by), so several open orders tell apart in the tabs. */
export async function generateMetadata({ params }: { params: Promise<{ ref: string }> }) {
  return { title: `Order ${decodeURIComponent((await params).ref)}` };
}
export const dynamic = 'force-dynamic';


/**
 * One order: its lines and totals, its status history (who moved it, when, why), the checkout
 * saga that created it (each step with its attempts and last error), and the admin actions its
 * status allows, each confirmed first.
 */
export default async function OrderPage({ params }: { params: Promise<{ ref: string }> }) {
  const { api } = await requireAdmin();
  const { ref } = await params;
  let order: Order;
  try {
    order = await new AdminOrdersApi(api).get(decodeURIComponent(ref));
  } catch (err) {
    return (
      <>
        <PageHeader title={`Order ${decodeURIComponent(ref)}`} />
        <EmptyState title="This order cannot be shown">{problemOf(err)}</EmptyState>
        <Link href="/orders">Back to the orders</Link>
      </>
    );
  }
  // The order names the checkout that created it: the payments saga's id.
  let checkout: CheckoutView | null = null;
  let checkoutProblem: string | null = null;
  try {
    checkout = await new AdminOrdersApi(api).checkout(order.checkoutId);
  } catch (err) {
    checkoutProblem = problemOf(err);
  }
  // Refunds and status changes name the admin who acted by id: shown by their email.
  const adminEmails = new Map<string, string>();
  await Promise.all(
    adminIdsOf([...order.refunds.map((r) => r.actor), ...order.history.map((h) => h.actor)]).map(async (id) => {
      const user = await new AdminCustomersApi(api).get(id).catch(() => null);
      if (user) adminEmails.set(id, user.email);
    }),
  );
  const money = (amount: number) => formatMinorUnits(amount, order.currency);
  const endpoint = (action: string) => `/api/orders/${order.number}/${action}`;
  const refundedUnits = new Map<string, number>();
  for (const r of order.refunds) for (const l of r.lines) refundedUnits.set(l.sku, (refundedUnits.get(l.sku) ?? 0) + l.quantity);
  const refundable: RefundableLine[] = order.lines
    .map((l) => ({ sku: l.sku, name: l.name, left: l.quantity - (refundedUnits.get(l.sku) ?? 0) }))
    .filter((l) => l.left > 0);
  const paid = isPaidStatus(order.status);
  const refundedTotal = order.refunds.reduce((n, r) => n + r.amount, 0);
  const cancelRefund = refundedOnCancel(order);
  // A promotion or coupon spread over lines is one row of the totals; each line's share shows on its line (what a line refund gives back).
  const discountRows = discountRowsOf(order.discounts);
  const lineDiscounts = order.discounts.some((d) => d.sku !== undefined);

  return (
    <>
      <PageHeader
        title={`Order ${order.number}`}
        description={
          <>
            <span className="badge" data-testid="order-status" data-status={order.status}>
              {statusLabel(order.status)}
            </span>{' '}
            placed {formatDateTime(order.createdAt)} by {order.customerId === null ? <span data-guest="true">guest {order.email ?? ''}</span> : <Link href={`/customers/${order.customerId}`}>{order.email ?? order.customerId}</Link>}
            {order.paymentClaimedAt != null && (
              <span data-testid="payment-in-progress">
                {' '}
                · its payment is being completed (since {formatDateTime(order.paymentClaimedAt)}): it can be cancelled, and refunded, once confirmed
              </span>
            )}
          </>
        }
        actions={orderActionsFor(order.status, order.paymentClaimedAt != null).map((action) =>
          action === 'fulfil' ? (
            <ConfirmedAction key={action} label="Fulfil" title={`Fulfil ${order.number}?`} confirmLabel="Mark fulfilled" endpoint={endpoint('fulfil')} variant="primary" done={`${order.number} is fulfilled`}>
              <p>The order is marked as shipped to the customer.</p>
            </ConfirmedAction>
          ) : action === 'refund' ? (
            <ConfirmedAction
              key={action}
              label="Refund"
              title={`Refund ${order.number}?`}
              confirmLabel="Refund"
              endpoint={endpoint('refund')}
              destructive
              reason={{ label: 'Reason for the refund', hint: 'Shown to the customer: on their order page and in the refund email.' }}
              done={`${order.number} is refunded`}
            >
              <p>
                {refundedTotal > 0 ? `What is left of the payment, ${money(order.total - refundedTotal)},` : `The payment of ${money(order.total)}`} is refunded to the customer,
                and every unit not refunded yet goes back into stock. This cannot be undone.
              </p>
            </ConfirmedAction>
          ) : (
            <ConfirmedAction
              key={action}
              label="Cancel order"
              title={`Cancel ${order.number}?`}
              confirmLabel="Cancel order"
              cancelLabel="Keep order"
              endpoint={endpoint('cancel')}
              destructive
              reason={{ label: 'Reason for cancelling', hint: 'Shown to the customer: on their order page and in the cancellation email.' }}
              done={`${order.number} is cancelled`}
            >
              <p>
                The order is cancelled; a payment already taken is refunded{order.status === 'CONFIRMED' ? ', and its units go back into stock' : ''}. This cannot
                be undone.
              </p>
            </ConfirmedAction>
          ),
        )}
      />

      <section className="card" aria-labelledby="lines" style={{ padding: 16, marginBottom: 16 }}>
        <h2 id="lines">Items</h2>
        <table className="data-table">
          <caption className="visually-hidden">Items of {order.number}</caption>
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">Name</th>
              <th scope="col" className="numeric">Quantity</th>
              <th scope="col" className="numeric">Unit price</th>
              <th scope="col" className="numeric">Line total</th>
              {lineDiscounts ? (
                <>
                  <th scope="col" className="numeric">
                    Discounts
                  </th>
                  <th scope="col" className="numeric">
                    Paid
                  </th>
                </>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line) => (
              <tr key={line.sku}>
                <td>{line.sku}</td>
                <td>{line.name}</td>
                <td className="numeric">{line.quantity}</td>
                <td className="numeric">{money(line.unitPrice)}</td>
                <td className="numeric">{money(line.lineTotal)}</td>
                {lineDiscounts ? <LineDiscountCells lineTotal={line.lineTotal} {...lineDiscountOf(order.discounts, line.sku)} money={money} /> : null}
              </tr>
            ))}
          </tbody>
        </table>
        <dl style={{ display: 'grid', gridTemplateColumns: 'max-content max-content', gap: '4px 16px', justifyContent: 'end' }}>
          <dt>Subtotal</dt>
          <dd className="numeric">{money(order.subtotal)}</dd>
          {discountRows.flatMap((d) => [
            <dt key={`d:${d.source}:${d.sourceId}`} data-testid="order-discount">
              {d.label}
              {d.lines.length > 1 ? <span className="muted"> (on {d.lines.length} lines)</span> : null}
            </dt>,
            <dd key={`a:${d.source}:${d.sourceId}`} className="numeric">
              −{money(d.amount)}
            </dd>,
          ])}
          <dt>Shipping</dt>
          <dd className="numeric">{money(order.shipping)}</dd>
          <dt>
            <strong>Total</strong>
          </dt>
          <dd className="numeric">
            <strong>{money(order.total)}</strong>
          </dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="refunds" style={{ padding: 16, marginBottom: 16 }}>
        <h2 id="refunds">Refunds</h2>
        {cancelRefund !== null ? (
          <p data-testid="cancel-refund">
            {money(cancelRefund)} went back to the customer when the order was cancelled{order.refunds.length > 0 ? ', after the refunds below' : ''}.
          </p>
        ) : null}
        {order.refunds.length === 0 ? (
          cancelRefund === null ? <p className="muted">Nothing refunded yet.</p> : null
        ) : (
          <table className="data-table" data-testid="refunds">
            <caption className="visually-hidden">Refunds of {order.number}</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Items</th>
                <th scope="col" className="numeric">Amount</th>
                <th scope="col">Reason</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {order.refunds.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.at)}</td>
                  <td>{r.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ')}</td>
                  <td className="numeric">{money(r.amount)}</td>
                  <td>{r.reason}</td>
                  <td>{actorLabel(r.actor, adminEmails)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {paid && refundable.length > 0 ? <RefundForm orderNumber={order.number} lines={refundable} /> : null}
      </section>

      <section className="card" aria-labelledby="history" style={{ padding: 16, marginBottom: 16 }}>
        <h2 id="history">Status history</h2>
        <ol data-testid="status-history">
          {order.history.map((change, i) => (
            <li key={i}>
              {formatDateTime(change.at)}: {change.from ? `${statusLabel(change.from)} → ` : ''}
              <strong>{statusLabel(change.to)}</strong> by {actorLabel(change.actor, adminEmails)}
              {change.reason ? <> — “{change.reason}”</> : null}
            </li>
          ))}
        </ol>
      </section>

      <section className="card" aria-labelledby="saga" style={{ padding: 16 }}>
        <h2 id="saga">Checkout steps</h2>
        {checkout ? (
          <>
            <p>
              Checkout <code>{checkout.id}</code>: {statusLabel(checkout.state)}
              {checkout.failure ? (
                <>
                  {' '}
                  — failed with <strong>{checkout.failure.code}</strong>
                  {checkout.failure.reason ? `: ${checkout.failure.reason}` : ''}
                </>
              ) : null}
            </p>
            <table className="data-table" data-testid="saga-steps">
              <caption className="visually-hidden">Steps of the checkout saga</caption>
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="numeric">Attempts</th>
                  <th scope="col">Last error</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {checkout.steps.map((step) => (
                  <tr key={step.step}>
                    <td>{statusLabel(step.step)}</td>
                    <td>{couponStepWithoutCoupon(step.step, checkout) ? 'Not needed: no coupon' : statusLabel(step.status)}</td>
                    {/* Steps the saga settles together with the one before them record no attempt of their own. */}
                    <td className="numeric">{step.attempts > 0 ? step.attempts : '—'}</td>
                    <td>{step.lastError ?? '—'}</td>
                    <td>{formatDateTime(step.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p className="muted">The checkout saga cannot be shown: {checkoutProblem}</p>
        )}
      </section>
    </>
  );
}

/**
 * A line's share of the order's discounts, named by the promotions and coupons that gave it, and
 * what the line was paid after them (what refunding all its units gives back).
 */
function LineDiscountCells({ lineTotal, amount, labels, money }: { lineTotal: number; amount: number; labels: string[]; money: (amount: number) => string }) {
  return (
    <>
      {amount === 0 ? (
        <td className="numeric muted">—</td>
      ) : (
        <td className="numeric" data-testid="line-discount">
          −{money(amount)}
          <br />
          <span className="muted">{labels.join(', ')}</span>
        </td>
      )}
      <td className="numeric">{money(Math.max(0, lineTotal - amount))}</td>
    </>
  );
}

/** A coupon step of a checkout priced (its quote step done) without a coupon: it had nothing to hold or use. */
function couponStepWithoutCoupon(step: string, checkout: { couponCode: string | null; steps: readonly { step: string; status: string }[] }): boolean {
  const quoted = checkout.steps.some((s) => s.step === 'quote' && s.status === 'succeeded');
  return quoted && checkout.couponCode === null && step.endsWith('_coupon');
}
