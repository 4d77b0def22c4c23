import type { Metadata } from 'next';
import Link from 'next/link';
import { CheckIcon } from '../../../components/icons';

export const metadata: Metadata = { title: 'Order placed' };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * A guest's confirmation: there is no account to read the order in, so the page names the order's
 * number and says how to look it up (number + the email given at checkout, never an id in a link).
 */
export default async function GuestConfirmationPage({ searchParams }: Props) {
  const raw = (await searchParams).number;
  const number = typeof raw === 'string' && /^SO-\d{6,10}$/.test(raw) ? raw : null;
  return (
    <div className="container page">
      <h1>Thank you for your order</h1>
      <p className="notice notice-good" role="status">
        <CheckIcon /> Your order is placed. We’re confirming your payment now.
      </p>
      {number ? (
        <p>
          Your order number is <strong data-testid="order-number">{number}</strong>. Keep it: to see your order and its status at any
          time, open <Link href={`/orders/lookup?number=${encodeURIComponent(number)}`}>Order lookup</Link> and enter this number with the
          email you gave at checkout.
        </p>
      ) : (
        <p>
          Use <Link href="/orders/lookup">Order lookup</Link> with your order number and the email you gave at checkout to see your order.
        </p>
      )}
      <p className="muted">
        Want your orders in one place next time? <Link href="/account/register">Create an account</Link>.
      </p>
    </div>
  );
}
