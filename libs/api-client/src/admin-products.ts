import type { ArrangeImagesBody, AdminListProductsQuery, CategoryNode, CreateProductBody, CreateCategoryBody, Category, Product, ProductPage, UpdateProductBody } from '@shop/contracts';
import type { CallOptions, GatewayClient } from './gateway-client.js';

/** `GET /api/admin/products`'s parameters (the contracts' AdminListProductsQuery, every one optional). */
export type AdminProductsParams = Partial<AdminListProductsQuery>;

/**
 * The catalog's merchant API through the gateway (`/api/admin/products`, `/api/admin/categories`):
 * every product whatever its status, create, change, archive. Needs an admin's token.
 */
export class AdminProductsApi {
  constructor(private readonly gateway: GatewayClient) {}

  list(params: AdminProductsParams = {}, options?: CallOptions): Promise<ProductPage> {
    const { limit, cursor, category, sort, status, q } = params;
    return this.gateway.request('GET', '/api/admin/products', { query: { limit, cursor, category, sort, status, q }, options });
  }

  get(id: string, options?: CallOptions): Promise<Product> {
    return this.gateway.request('GET', `/api/admin/products/${encodeURIComponent(id)}`, { options });
  }

  create(body: CreateProductBody, options?: CallOptions): Promise<Product> {
    return this.gateway.request('POST', '/api/admin/products', { body, options });
  }

  update(id: string, body: UpdateProductBody, options?: CallOptions): Promise<Product> {
    return this.gateway.request('PATCH', `/api/admin/products/${encodeURIComponent(id)}`, { body, options });
  }

  archive(id: string, options?: CallOptions): Promise<Product> {
    return this.gateway.request('POST', `/api/admin/products/${encodeURIComponent(id)}/archive`, { options });
  }

  /** Uploads one image: a form with `file` (and `alt` before it). Answers the product with it appended. */
  uploadImage(id: string, form: FormData, options?: CallOptions): Promise<Product> {
    return this.gateway.upload('POST', `/api/admin/products/${encodeURIComponent(id)}/images`, form, options);
  }

  /** Sets the images' order (each named once) and any new alt texts. */
  arrangeImages(id: string, body: ArrangeImagesBody, options?: CallOptions): Promise<Product> {
    return this.gateway.request('PATCH', `/api/admin/products/${encodeURIComponent(id)}/images`, { body, options });
  }

  removeImage(id: string, imageId: string, options?: CallOptions): Promise<Product> {
    return this.gateway.request('DELETE', `/api/admin/products/${encodeURIComponent(id)}/images/${encodeURIComponent(imageId)}`, { options });
  }

  /** The category tree (the public listing: the catalog has no hidden categories). */
  categories(options?: CallOptions): Promise<CategoryNode[]> {
    return this.gateway.listCategories({ ...options, cache: 'no-store' });
  }

  createCategory(body: CreateCategoryBody, options?: CallOptions): Promise<Category> {
    return this.gateway.request('POST', '/api/admin/categories', { body, options });
  }
}
