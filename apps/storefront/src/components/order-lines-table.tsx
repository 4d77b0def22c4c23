import type { Order } from '@shop/contracts';
import { formatMinorUnits } from '@shop/ui';
import styles from './order-lines-table.module.css';

const dateFormat = new Intl.DateTimeFormat('en-IE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function nameOf(order: Order, sku: string): string {
  return order.lines.find((l) => l.sku === sku)?.name ?? sku;
}

/** An order's receipt: its lines, subtotal, shipping, total and any refunds (the account's order page and the guest lookup). */
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
          <td>{money(order.subtotal)}</td>
        </tr>
        <tr>
          <th scope="row" colSpan={3}>
            Shipping
          </th>
          <td>{order.shipping === 0 ? 'Free' : money(order.shipping)}</td>
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
      </tfoot>
    </table>
  );
}
