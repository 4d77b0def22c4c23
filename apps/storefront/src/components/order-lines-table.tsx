import { discountRowsOf, type Order } from '@shop/contracts';
import { formatMinorUnits } from '@shop/ui';
import styles from './order-lines-table.module.css';

const dateFormat = new Intl.DateTimeFormat('en-IE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function nameOf(order: Order, sku: string): string {
  return order.lines.find((l) => l.sku === sku)?.name ?? sku;
}

/** An order's receipt: its lines, subtotal, discounts, shipping, total and any refunds (the account's order page, the guest lookup and confirmation). */
export function OrderLinesTable({ order }: { order: Order }) {
  const money = (amount: number) => formatMinorUnits(amount, order.currency);
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Qty</th>
          <th scope="col">Price</th>
          <th scope="col">Total</th>
        </tr>
      </thead>
      <tbody>
        {order.lines.map((l) => (
          <tr key={l.sku}>
            <td>
              {l.name}
              <br />
              <span className="muted">{l.sku}</span>
            </td>
            <td>{l.quantity}</td>
            <td>{money(l.unitPrice)}</td>
            <td>{money(l.lineTotal)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3}>
            Subtotal
          </th>
          <td data-testid="order-subtotal">{money(order.subtotal)}</td>
        </tr>
        {discountRowsOf(order.discounts).map((d) => (
          <tr key={`${d.source}:${d.sourceId}`} data-testid="order-discount">
            {/* The label only: a recorded reason describes one line's share ("… (this line's share)"), not the sum. */}
            <th scope="row" colSpan={3}>
              {d.label}
            </th>
            <td>−{money(d.amount)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row" colSpan={3}>
            Shipping
          </th>
          <td data-testid="order-shipping">{order.shipping === 0 ? 'Free' : money(order.shipping)}</td>
        </tr>
        <tr className={styles.grandRow}>
          <th scope="row" colSpan={3}>
            Total
          </th>
          <td data-testid="order-total">{money(order.total)}</td>
        </tr>
        {order.refunds.map((refund) => (
          <tr key={refund.id} data-testid="order-refund">
            <th scope="row" colSpan={3}>
              Refunded {dateFormat.format(new Date(refund.at))}
              {refund.lines.length > 0 && <span className="muted"> · {refund.lines.map((l) => `${l.quantity} × ${nameOf(order, l.sku)}`).join(', ')}</span>}
            </th>
            <td>−{money(refund.amount)}</td>
          </tr>
        ))}
        {order.refunds.length > 0 && (
          // What the shopper paid in the end, as the refund mail says it.
          <tr className={styles.grandRow}>
            <th scope="row" colSpan={3}>
              Paid after refunds
            </th>
            <td data-testid="order-paid-after-refunds">{money(order.total - order.refunds.reduce((sum, r) => sum + r.amount, 0))}</td>
          </tr>
        )}
      </tfoot>
    </table>
  );
}
