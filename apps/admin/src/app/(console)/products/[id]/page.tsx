import { AdminProductsApi, isApiError } from '@shop/api-client';
import { Id, type Product } from '@shop/contracts';
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
    </>
  );
}
