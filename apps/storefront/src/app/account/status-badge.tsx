import type { OrderStatus } from '@shop/contracts';
import { STATUS_LABEL, STATUS_TONE } from '../../lib/order-status';

export function StatusBadge({ status }: { status: OrderStatus }) {
  const tone = STATUS_TONE[status];
  const cls = tone === 'good' ? 'badge-good' : tone === 'bad' ? 'badge-bad' : tone === 'waiting' ? 'badge-waiting' : '';
  return (
    <span className={`badge ${cls}`} data-testid="order-status">
      {STATUS_LABEL[status]}
    </span>
  );
}
