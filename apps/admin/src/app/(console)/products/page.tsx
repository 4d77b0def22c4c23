import { AdminProductsApi, isApiError } from '@shop/api-client';
import type { ProductPage } from '@shop/contracts';
import { PageHeader } from '@shop/ui';
import Link from 'next/link';
import { requireAdmin } from '../../../lib/admin-session';
import { categoryOptionsOf } from '../../../lib/products/category-options';
import { productsQueryOf, tableSortOf } from '../../../lib/products/product-query';
import { ProductsTable } from './products-table';
import { ProductsToolbar } from './products-toolbar';

export const metadata = { title: 'Products' };

/**
 * Every product in any status, one server page at a time (the catalog's admin listing with its
 * cursor): search, status and category filters and the sort live in the URL.
 */
export default async function ProductsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { api } = await requireAdmin();
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(await searchParams)) if (typeof value === 'string') params.set(name, value);
  const query = productsQueryOf(params);
  const products = new AdminProductsApi(api);
  const [page, tree] = await Promise.all([
    products.list(query).catch((err: unknown) => err),
    products.categories().catch(() => []),
  ]);
  const categories = categoryOptionsOf(tree);

  return (
    <>
      <PageHeader
        title="Products"
        description="The catalog, drafts and archived products included."
        actions={
          <Link className="btn btn-primary" href="/products/new">
            New product
          </Link>
        }
      />
      <ProductsToolbar categories={categories.map(({ slug, label }) => ({ value: slug, label }))} />
      {isProductPage(page) ? (
        <ProductsTable page={page} sorting={tableSortOf(query.sort ?? 'newest')} />
      ) : (
        <p className="notice notice-error" role="alert">
          {isApiError(page) && page.status === 400 ? `The list cannot be shown: ${page.message}` : 'The catalog cannot be reached right now; try again in a moment.'}
        </p>
      )}
    </>
  );
}

function isProductPage(value: unknown): value is ProductPage {
  return typeof value === 'object' && value !== null && 'items' in value;
}
