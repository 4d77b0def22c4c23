import { AdminProductsApi, createMerchAdminClient, isApiError } from '@shop/api-client';
import { Id, type Product, type StockLevel } from '@shop/contracts';
import Link from 'next/link';
import { PageHeader } from '@shop/ui';
import { notFound } from 'next/navigation';
import { requireAdmin } from '../../../../lib/admin-session';
import { categoryOptionsOf } from '../../../../lib/products/category-options';
import { ProductEditor } from '../product-editor';
import { ProductImages } from '../product-images';

export const metadata = { title: 'Product' };

export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  const { api } = await requireAdmin();
  const { id } = await params;
  if (!Id.safeParse(id).success) notFound();
  const products = new AdminProductsApi(api);
  const tree = products.categories().catch(() => []);
  let product: Product;
  try {
    product = await products.get(id);
  } catch (err) {
    if (isApiError(err) && err.status === 404) notFound();
    throw err;
  }
  return (
    <>
      <PageHeader title={product.title} description={<>Status: {product.status} · version {product.version}</>} />
      <ProductEditor key={`${product.id}:${product.version}:${product.status}`} product={product} categories={categoryOptionsOf(await tree)} />
      <ProductImages key={`images:${product.id}:${product.version}`} product={product} />
      <VariantStock product={product} stock={await stockOf(createMerchAdminClient(api), product)} />
    </>
  );
}

/** Each variant's stock record: the figures, null when none was ever set (404), undefined when the inventory cannot say. */
async function stockOf(merch: ReturnType<typeof createMerchAdminClient>, product: Product): Promise<Map<string, StockLevel | null | undefined>> {
  const levels = await Promise.all(
    product.variants.map((v) =>
      merch.getStockLevel(v.sku).then(
        (level): StockLevel | null | undefined => level,
        (err: unknown) => (isApiError(err) && err.status === 404 ? null : undefined),
      ),
    ),
  );
  return new Map(product.variants.map((v, i) => [v.sku, levels[i]]));
}

/** The variants' stock at a glance, each leading to its stock page (where a new SKU gets its opening count). */
function VariantStock({ product, stock }: { product: Product; stock: Map<string, StockLevel | null | undefined> }) {
  return (
    <section aria-labelledby="variant-stock" className="card" style={{ padding: 20, marginTop: 24 }}>
      <h2 id="variant-stock" style={{ marginTop: 0 }}>
        Stock
      </h2>
      <table className="data-table" data-testid="variant-stock">
        <caption className="visually-hidden">Stock of each variant</caption>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">SKU</th>
            <th scope="col" className="numeric">
              Available
            </th>
            <th scope="col">
              <span className="visually-hidden">Stock page</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {product.variants.map((v) => {
            const level = stock.get(v.sku);
            return (
              <tr key={v.sku}>
                <td>{v.title}</td>
                <td>
                  <code>{v.sku}</code>
                </td>
                <td className="numeric">{level ? level.available.toLocaleString('en-IE') : level === null ? <span className="muted">Not stocked yet</span> : <span className="muted">Unknown now</span>}</td>
                <td>
                  <Link href={`/inventory/${encodeURIComponent(v.sku)}?product=${product.id}`} aria-label={`${level === null ? 'Set the opening stock of' : 'Stock of'} ${v.sku}`}>
                    {level === null ? 'Set opening stock' : 'Change stock'}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
