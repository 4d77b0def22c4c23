import { Category, CategoryNode, ProductPage, type Product } from '@shop/contracts';
import { ServiceClient, UpstreamUnavailableError, type ServiceClientOptions } from '@shop/service-kit';
import { z } from 'zod';

const CategoryTreeBody = z.object({ items: z.array(CategoryNode) });

/** The catalog's listing allows at most 100 products a page. */
const PAGE_SIZE = 100;

/**
 * The catalog's public reads that services following the catalog need: the category tree and the
 * product listing (active products, newest first, keyset pages of 100), e.g. for a start-up
 * backfill or a full reindex that holds one page in memory at a time. Any answer but a valid 200
 * is `UpstreamUnavailableError` (service "catalog").
 */
export class CatalogReadsClient {
  private readonly http: ServiceClient;

  constructor(options: Omit<ServiceClientOptions, 'service'>) {
    this.http = new ServiceClient({ ...options, service: 'catalog' });
  }

  /** Every category, flattened from the tree (parents before their children). */
  async categories(): Promise<Category[]> {
    const res = await this.http.request('GET', '/api/categories');
    const tree = res.status === 200 ? CategoryTreeBody.safeParse(res.body) : null;
    if (!tree?.success) throw new UpstreamUnavailableError(this.http.service, `answered ${res.status} to the category tree`);
    const flat: Category[] = [];
    const visit = (nodes: readonly CategoryNode[]) => {
      for (const { children, ...category } of nodes) {
        flat.push(Category.parse(category));
        visit(children);
      }
    };
    visit(tree.data.items);
    return flat;
  }

  /** The category tree as child → parent. */
  async parents(): Promise<Map<string, string | null>> {
    return new Map((await this.categories()).map((c) => [c.id, c.parentId]));
  }

  async page(cursor: string | null): Promise<{ items: Product[]; nextCursor: string | null }> {
    const query = cursor ? `?limit=${PAGE_SIZE}&cursor=${encodeURIComponent(cursor)}` : `?limit=${PAGE_SIZE}`;
    const res = await this.http.request('GET', `/api/products${query}`);
    const page = res.status === 200 ? ProductPage.safeParse(res.body) : null;
    if (!page?.success) throw new UpstreamUnavailableError(this.http.service, `answered ${res.status} to a product page`);
    return page.data;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
