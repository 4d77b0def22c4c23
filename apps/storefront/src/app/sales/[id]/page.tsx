import type { FlashSaleAnswer } from '@shop/contracts';
import { isApiError } from '@shop/api-client';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { PageNotice } from '../../../components/page-notice';
import { checkoutHref } from '../../../lib/buy-now';
import { liveBuyNowHolds } from '../../../lib/buy-now-memory';
import { shopperApi, shopperSession } from '../../../lib/gateway';
import { SaleRoom } from './sale-room';

interface Props {
  params: Promise<{ id: string }>;
}

/** The sale now; `shed` when the platform sheds load (the page opens in the waiting room). */
type SaleLoad = { kind: 'found'; sale: FlashSaleAnswer } | { kind: 'missing' } | { kind: 'shed'; retryAfterSeconds: number | null } | { kind: 'down' };

const loadSale = cache(async (id: string): Promise<SaleLoad> => {
  try {
    return { kind: 'found', sale: await (await shopperApi()).getFlashSale(id, { signal: AbortSignal.timeout(3_000) }) };
  } catch (err) {
    if (isApiError(err) && (err.status === 404 || err.status === 400)) return { kind: 'missing' };
    if (isApiError(err) && err.isShedding) return { kind: 'shed', retryAfterSeconds: err.retryAfterSeconds };
    return { kind: 'down' };
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const result = await loadSale((await params).id);
  return { title: result.kind === 'found' ? `Flash sale: ${result.sale.title}` : 'Flash sale' };
}

export default async function SalePage({ params }: Props) {
  // Never cached: the status, the units left and the server's time are live.
  await connection();
  const { id } = await params;
  const result = await loadSale(id);
  if (result.kind === 'missing') notFound();
  if (result.kind === 'down') return <PageNotice title="Flash sale">This sale cannot be loaded right now. Please try again in a moment.</PageNotice>;
  const { signedIn } = await shopperSession();
  // The shopper's Buy now holds of this sale still live: the page offers their checkout rather than a second hold.
  const holds = signedIn && result.kind === 'found' ? await liveBuyNowHolds(result.sale.sku) : [];
  const held = holds[0]
    ? { units: holds.length, until: new Date(holds[0].until).toISOString(), checkoutHref: checkoutHref({ holdId: holds[0].holdId, until: new Date(holds[0].until).toISOString(), cartId: holds[0].cartId, saleId: id }) }
    : null;
  return (
    <div className="container page">
      <Breadcrumbs trail={[{ href: '/', label: 'Home' }]} current={result.kind === 'found' ? result.sale.title : 'Flash sale'} />
      <SaleRoom
        saleId={id}
        initial={result.kind === 'found' ? result.sale : null}
        initialRetryAfter={result.kind === 'shed' ? (result.retryAfterSeconds ?? 1) : null}
        signedIn={signedIn}
        held={held}
      />
    </div>
  );
}
