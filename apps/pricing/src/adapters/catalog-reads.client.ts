import { CategoryNode, ProductPage, type Product } from '@shop/contracts';
import { ServiceClient, UpstreamUnavailableError, type ServiceClientOptions } from '@shop/service-kit';
import { z } from 'zod';
import type { CatalogProductPages, CategoryTreeSource } from '../application/product-projection.js';

const CategoryTree = z.object({ items: z.array(CategoryNode) });

/**
 * The catalog's public reads pricing needs: the category tree (for ancestors) and the product
 * listing (for the start-up backfill), 100 products a page.
 */
export class CatalogReadsClient implements CategoryTreeSource, CatalogProductPages {
  private readonly http: ServiceClient;

  constructor(options: Omit<ServiceClientOptions, 'service'>) {
    this.http = new ServiceClient({ ...options, service: 'catalog' });
  }

  async parents(): Promise<Map<string, string | null>> {
    const res = await this.http.request('GET', '/api/categories');
    const tree = res.status === 200 ? CategoryTree.safeParse(res.body) : null;
    if (!tree?.success) throw new UpstreamUnavailableError(this.http.service, `answered ${res.status} to the category tree`);
    const parents = new Map<string, string | null>();
    const visit = (nodes: readonly CategoryNode[]) => {
      for (const node of nodes) {
        parents.set(node.id, node.parentId);
        visit(node.children);
      }
    };
    visit(tree.data.items);
    return parents;
  }

  async page(cursor: string | null): Promise<{ items: Product[]; nextCursor: string | null }> {
    const query = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100';
    const res = await this.http.request('GET', `/api/products${query}`);
    const page = res.status === 200 ? ProductPage.safeParse(res.body) : null;
    if (!page?.success) throw new UpstreamUnavailableError(this.http.service, `answered ${res.status} to a product page`);
    return page.data;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
