import { z } from 'zod';
import {
  AdminListProductsQuery,
  AuthSession,
  Category,
  CategoryNode,
  CreateCategoryBody,
  CreateProductBody,
  ErrorBody,
  ListProductsQuery,
  LoginBody,
  LogoutBody,
  Product,
  ProductPage,
  RefreshBody,
  RegisterBody,
  UpdateProductBody,
  User,
} from '@shop/contracts';

export type OperationMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** One operation of the public API, described with the shared contracts. */
export interface Operation {
  method: OperationMethod;
  /** OpenAPI path template: `/api/products/{idOrSlug}`. */
  path: string;
  tag: string;
  summary: string;
  params?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  /** Name of a request schema in `requestSchemas`. */
  body?: keyof typeof requestSchemas;
  status: number;
  /** Name of a response schema in `responseSchemas`; none for 204. */
  response?: keyof typeof responseSchemas;
}

/** Request bodies, documented as clients send them (defaults optional). */
export const requestSchemas = {
  RegisterBody,
  LoginBody,
  RefreshBody,
  LogoutBody,
  CreateProductBody,
  UpdateProductBody,
  CreateCategoryBody,
};

/** Response bodies, documented as the API returns them. */
export const responseSchemas = {
  AuthSession,
  User,
  Product,
  ProductPage,
  Category,
  CategoryTree: z.object({ items: z.array(CategoryNode) }),
  CategoryNode,
  ErrorBody,
};

const Id = z.uuid();

/** Every operation the gateway exposes. A unit test checks each against the route table. */
export const operations: readonly Operation[] = [
  { method: 'post', path: '/api/auth/register', tag: 'Identity', summary: 'Create a customer account and start a session', body: 'RegisterBody', status: 201, response: 'AuthSession' },
  { method: 'post', path: '/api/auth/login', tag: 'Identity', summary: 'Log in with email and password', body: 'LoginBody', status: 200, response: 'AuthSession' },
  { method: 'post', path: '/api/auth/refresh', tag: 'Identity', summary: 'Exchange a refresh token for a new token pair (the old one is spent)', body: 'RefreshBody', status: 200, response: 'AuthSession' },
  { method: 'post', path: '/api/auth/logout', tag: 'Identity', summary: 'End the session of a refresh token', body: 'LogoutBody', status: 204 },
  { method: 'get', path: '/api/me', tag: 'Identity', summary: 'The current user', status: 200, response: 'User' },
  { method: 'get', path: '/api/products', tag: 'Catalog', summary: 'Active products, filtered, sorted and paginated by cursor', query: ListProductsQuery, status: 200, response: 'ProductPage' },
  { method: 'get', path: '/api/products/{idOrSlug}', tag: 'Catalog', summary: 'One active product by id or slug (ETag, cached)', params: { idOrSlug: z.string() }, status: 200, response: 'Product' },
  { method: 'get', path: '/api/categories', tag: 'Catalog', summary: 'The category tree', status: 200, response: 'CategoryTree' },
  { method: 'get', path: '/api/admin/products', tag: 'Catalog admin', summary: 'Products in any status', query: AdminListProductsQuery, status: 200, response: 'ProductPage' },
  { method: 'post', path: '/api/admin/products', tag: 'Catalog admin', summary: 'Create a product', body: 'CreateProductBody', status: 201, response: 'Product' },
  { method: 'get', path: '/api/admin/products/{id}', tag: 'Catalog admin', summary: 'One product in any status', params: { id: Id }, status: 200, response: 'Product' },
  { method: 'patch', path: '/api/admin/products/{id}', tag: 'Catalog admin', summary: 'Update a product', params: { id: Id }, body: 'UpdateProductBody', status: 200, response: 'Product' },
  { method: 'post', path: '/api/admin/products/{id}/archive', tag: 'Catalog admin', summary: 'Archive a product', params: { id: Id }, status: 200, response: 'Product' },
  { method: 'post', path: '/api/admin/categories', tag: 'Catalog admin', summary: 'Create a category', body: 'CreateCategoryBody', status: 201, response: 'Category' },
  { method: 'get', path: '/api/admin/users/{id}', tag: 'Identity admin', summary: 'One user', params: { id: Id }, status: 200, response: 'User' },
  { method: 'delete', path: '/api/admin/users/{id}', tag: 'Identity admin', summary: 'Delete a user: sessions end, access tokens stop working', params: { id: Id }, status: 204 },
];
