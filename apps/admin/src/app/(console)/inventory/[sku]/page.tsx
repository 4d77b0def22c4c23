import { AdminProductsApi, createMerchAdminClient, isApiError, type GatewayClient } from '@shop/api-client';
import { Id, type StockLevel } from '@shop/contracts';
import { PageHeader } from '@shop/ui';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireAdmin } from '../../../../lib/admin-session';
import { SaleLimitPanel, StockChangeForm } from './stock-forms';
import { formatDateTime } from '../../../../lib/format-time';

export const dynamic = 'force-dynamic';

const count = (n: number) => n.toLocaleString('en-IE');

/** Named by its SKU, so several open stock pages tell apart in the tabs. */
export async function generateMetadata({ params }: { params: Promise<{ sku: string }> }) {
  return { title: `Stock ${decodeURIComponent((await params).sku)}` };
}

/**
 * Whether `sku` is a variant of a product (drafts included: the admin's product API), so its stock
 * page may open before any stock was recorded: of `productId` when the link names it (the product
 * page's), else of the product the admin search finds by that SKU. False for anything else.
 */
async function isVariant(api: GatewayClient, productId: string | undefined, sku: string): Promise<boolean> {
  const products = new AdminProductsApi(api);
  if (productId !== undefined) {
    if (!Id.safeParse(productId).success) return false;
    const product = await products.get(productId).catch(() => null);
    return product?.variants.some((v) => v.sku === sku) ?? false;
  }
  // The search matches part of a SKU: a few products at most, one of them holding exactly this one.
  const found = await products.list({ q: sku, limit: 20 }).catch(() => null);
  return found?.items.some((p) => p.variants.some((v) => v.sku === sku)) ?? false;
}

/**
 * One SKU: its figures, a change with its reason (or a new on-hand count), the ledger, the sale
 * limit. A new product's SKU has no stock record until someone sets one: the page opens at zero and
 * offers the opening count (reached from its product, `?product=<id>` says whose it is).
 */
export default async function SkuStockPage({ params, searchParams }: { params: Promise<{ sku: string }>; searchParams: Promise<{ product?: string }> }) {
  const { sku: raw } = await params;
  const sku = decodeURIComponent(raw);
  const { api } = await requireAdmin();
  const merch = createMerchAdminClient(api);
  const recorded = await merch.getStockLevel(sku).catch(async (err: unknown) => {
    if (isApiError(err) && err.status === 404 && (await isVariant(api, (await searchParams).product, sku))) return null;
    if (isApiError(err) && (err.status === 404 || err.status === 400)) notFound();
    throw err;
  });
  const level: StockLevel = recorded ?? { sku, onHand: 0, reserved: 0, committed: 0, available: 0 };
  // Which product this is (a draft's SKU, or the catalog away: the SKU alone says it).
  const [ledger, saleLimit, variant] = await Promise.all([
    recorded ? merch.stockLedger(sku) : [],
    recorded ? merch.getSaleLimit(sku) : null,
    merch.variant(sku).catch(() => null),
  ]);
  const figures: Array<[string, number]> = [
    ['On hand', level.onHand],
    ['Reserved', level.reserved],
    ['Committed', level.committed],
    ['Available', level.available],
  ];
  return (
    <>
      <p>
        <Link href="/inventory">← Inventory</Link>
      </p>
      <PageHeader
        title={variant ? `${variant.productTitle} — ${variant.title}` : sku}
        description={
          <>
            {variant && (
              <>
                SKU <code data-testid="stock-sku">{sku}</code> · <Link href={`/products/${variant.productId}`}>Edit the product</Link>
                <br />
              </>
            )}
            On hand = available + reserved (held by shoppers) + committed (sold, not shipped).
          </>
        }
      />
      {recorded ? null : (
        <p className="notice" role="status" data-testid="not-stocked">
          No stock is recorded for this SKU yet: shoppers see it as out of stock. Set its opening count below.
        </p>
      )}
      <section aria-labelledby="figures" className="card" style={{ padding: 20, marginBottom: 24 }}>
        <h2 id="figures" className="visually-hidden">
          Figures
        </h2>
        <dl style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 16, margin: 0 }}>
          {figures.map(([label, value]) => (
            <div key={label}>
              <dt className="muted">{label}</dt>
              <dd style={{ margin: 0, fontSize: 28, fontWeight: 700 }} data-testid={`stock-${label.toLowerCase().replace(' ', '-')}`}>
                {count(value)}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: 24, marginBottom: 24 }}>
        <StockChangeForm sku={sku} initialMode={recorded ? 'adjust' : 'set'} />
        {recorded ? <SaleLimitPanel sku={sku} saleLimit={saleLimit} /> : null}
      </div>
      <section aria-labelledby="ledger">
        <h2 id="ledger">Ledger</h2>
        {ledger.length === 0 ? (
          <p className="muted">No change recorded yet.</p>
        ) : (
          <div className="card">
            <div className="data-table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">The last 100 on-hand changes, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Kind</th>
                    <th scope="col" className="numeric">
                      Change
                    </th>
                    <th scope="col" className="numeric">
                      On hand after
                    </th>
                    <th scope="col">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {ledger.map((entry) => (
                    <tr key={entry.id}>
                      <td>
                        <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
                      </td>
                      <td>{entry.kind === 'set' ? 'Set' : 'Adjust'}</td>
                      <td className="numeric">{entry.delta > 0 ? `+${count(entry.delta)}` : count(entry.delta)}</td>
                      <td className="numeric">{count(entry.onHandAfter)}</td>
                      <td>{entry.reason ?? <span className="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </section>
    </>
  );
}
