import { AdminProductsApi } from '@shop/api-client';
import { PageHeader } from '@shop/ui';
import { requireAdmin } from '../../../../lib/admin-session';
import { categoryOptionsOf } from '../../../../lib/products/category-options';
import { ProductEditor } from '../product-editor';

export const metadata = { title: 'New product' };

export default async function NewProductPage() {
  const { api } = await requireAdmin();
  const tree = await new AdminProductsApi(api).categories().catch(() => []);
  return (
    <>
      <PageHeader title="New product" description="Drafts stay out of the shop until you make them active." />
      <ProductEditor categories={categoryOptionsOf(tree)} />
    </>
  );
}
