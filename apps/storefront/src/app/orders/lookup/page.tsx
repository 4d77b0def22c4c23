import type { Metadata } from 'next';
import { OrderLookupForm } from './order-lookup-form';

export const metadata: Metadata = { title: 'Order lookup' };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Where a guest reads their order back: its number and the email given at checkout. */
export default async function OrderLookupPage({ searchParams }: Props) {
  const raw = (await searchParams).number;
  const number = typeof raw === 'string' && /^SO-\d{6,10}$/i.test(raw) ? raw.toUpperCase() : '';
  return (
    <div className="container page">
      <h1>Order lookup</h1>
      <p className="muted">Enter your order number (it looks like SO-000123) and the email you gave at checkout.</p>
      <OrderLookupForm number={number} />
    </div>
  );
}
