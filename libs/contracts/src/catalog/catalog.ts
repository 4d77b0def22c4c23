import { z } from 'zod';
import { Money } from '../common/money.js';
import { Cursor, Limit, pageOf } from '../common/pagination.js';

export const Slug = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens');
export const Sku = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Z0-9][A-Z0-9-]*$/, 'must be upper-case letters, digits and hyphens');
export const Id = z.string().uuid('must be a UUID');

export const ProductStatus = z.enum(['draft', 'active', 'archived']);
export type ProductStatus = z.infer<typeof ProductStatus>;

export const MAX_IMAGES_PER_PRODUCT = 20;

/**
 * A product picture. `url` is a gateway path the catalog serves (`/media/uploads/<key>` for an
 * uploaded file, `/media/placeholder/...` for the demo's) or an https URL. The catalog gives every
 * image of a product an `id` (the image routes name it); `width`/`height` in pixels are known for
 * uploaded files. Older events and images set by address may lack them.
 */
export const Image = z.object({
  id: Id.optional(),
  url: z.string().min(1).max(2048),
  alt: z.string().max(300).default(''),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});
export type Image = z.infer<typeof Image>;

/** The image formats an upload may be: the only ones every browser shows. Checked by the file's first bytes. */
export const UploadableImageType = z.enum(['image/jpeg', 'image/png', 'image/webp']);
export type UploadableImageType = z.infer<typeof UploadableImageType>;

/** `alt` of an uploaded image, sent as a form field before the file (`POST /api/admin/products/:id/images`). */
export const ImageUploadFields = z.object({ alt: z.string().trim().max(300).default('') }).strict();
export type ImageUploadFields = z.infer<typeof ImageUploadFields>;

/**
 * `PATCH /api/admin/products/:id/images`: the product's images in their new order, each by id,
 * with its alt text when it changes. Every image of the product is listed exactly once.
 */
export const ArrangeImagesBody = z
  .object({
    images: z
      .array(z.object({ id: Id, alt: z.string().trim().max(300).optional() }).strict())
      .max(MAX_IMAGES_PER_PRODUCT)
      .refine((list) => new Set(list.map((i) => i.id)).size === list.length, 'must name each image once'),
  })
  .strict();
export type ArrangeImagesBody = z.infer<typeof ArrangeImagesBody>;

/** Variant attributes such as { size: "M", colour: "Navy" }. */
export const Attributes = z.record(z.string().min(1).max(40), z.string().min(1).max(80));

export const Variant = z.object({
  id: Id,
  sku: Sku,
  title: z.string(),
  attributes: Attributes,
  price: Money,
});
export type Variant = z.infer<typeof Variant>;

export const Product = z.object({
  id: Id,
  slug: Slug,
  title: z.string(),
  description: z.string(),
  status: ProductStatus,
  categoryIds: z.array(Id),
  images: z.array(Image),
  variants: z.array(Variant),
  version: z.number().int(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
});
export type Product = z.infer<typeof Product>;

export const VariantInput = z
  .object({
    sku: Sku,
    title: z.string().min(1).max(200).optional(),
    attributes: Attributes.default({}),
    price: Money,
  })
  .strict();
export type VariantInput = z.infer<typeof VariantInput>;

const uniqueSkus = (variants: VariantInput[]) => new Set(variants.map((v) => v.sku)).size === variants.length;

export const CreateProductBody = z
  .object({
    slug: Slug.optional(),
    title: z.string().trim().min(1).max(200),
    description: z.string().max(10_000).default(''),
    status: ProductStatus.exclude(['archived']).default('draft'),
    categoryIds: z.array(Id).max(20).default([]),
    images: z.array(Image).max(MAX_IMAGES_PER_PRODUCT).default([]),
    variants: z.array(VariantInput).min(1, 'a product needs at least one variant').max(100).refine(uniqueSkus, 'SKUs must be unique'),
  })
  .strict();
export type CreateProductBody = z.infer<typeof CreateProductBody>;

export const UpdateProductBody = z
  .object({
    slug: Slug.optional(),
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(10_000).optional(),
    status: ProductStatus.optional(),
    categoryIds: z.array(Id).max(20).optional(),
    images: z.array(Image).max(MAX_IMAGES_PER_PRODUCT).optional(),
    variants: z.array(VariantInput).min(1).max(100).refine(uniqueSkus, 'SKUs must be unique').optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'the update is empty');
export type UpdateProductBody = z.infer<typeof UpdateProductBody>;

export const ProductSort = z.enum(['newest', 'title', 'price_asc', 'price_desc']);
export type ProductSort = z.infer<typeof ProductSort>;

export const ListProductsQuery = z
  .object({
    limit: Limit,
    cursor: Cursor.optional(),
    category: Slug.optional(),
    sort: ProductSort.default('newest'),
  })
  .strict();
export type ListProductsQuery = z.infer<typeof ListProductsQuery>;

/**
 * Admin listing may include drafts and archived products, and find them by words: `q` matches
 * the title or slug (any case) or a variant's SKU, anywhere in them.
 */
export const AdminListProductsQuery = ListProductsQuery.extend({
  status: ProductStatus.optional(),
  q: z.string().trim().min(1, 'must not be empty').max(100).optional(),
}).strict();
export type AdminListProductsQuery = z.infer<typeof AdminListProductsQuery>;

export const ProductPage = pageOf(Product);
export type ProductPage = z.infer<typeof ProductPage>;

export const ProductIdOrSlug = z.union([Id, Slug]);

export const Category = z.object({
  id: Id,
  slug: Slug,
  name: z.string(),
  parentId: Id.nullable(),
  position: z.number().int(),
});
export type Category = z.infer<typeof Category>;

export type CategoryNode = Category & { children: CategoryNode[] };
export const CategoryNode: z.ZodType<CategoryNode> = Category.extend({
  children: z.lazy(() => z.array(CategoryNode)),
});

export const CreateCategoryBody = z
  .object({
    slug: Slug,
    name: z.string().trim().min(1).max(100),
    parentId: Id.nullable().default(null),
    position: z.number().int().min(0).default(0),
  })
  .strict();
export type CreateCategoryBody = z.infer<typeof CreateCategoryBody>;

/**
 * One SKU as other services see it (the cart, later pricing): drafts and archived products are
 * included with their status, so a caller can say "no longer available" instead of "unknown".
 */
export const VariantView = z.object({
  sku: Sku,
  productId: Id,
  productSlug: Slug,
  productTitle: z.string(),
  title: z.string(),
  attributes: Attributes,
  price: Money,
  status: ProductStatus,
  image: Image.optional(),
});
export type VariantView = z.infer<typeof VariantView>;

export const MAX_SKUS_PER_LOOKUP = 100;

/** A query-string list of distinct SKUs, comma-separated (`A-1,B-2`): at least one, at most `max`. */
export const SkuList = (max: number) =>
  z
    .string()
    .transform((s) => [...new Set(s.split(',').map((t) => t.trim()).filter((t) => t.length > 0))])
    .pipe(z.array(Sku).min(1, 'must name at least one SKU').max(max, `must name at most ${max} SKUs`));

/** `?skus=A-1,B-2`: up to 100 distinct SKUs, comma-separated. */
export const VariantsQuery = z.object({ skus: SkuList(MAX_SKUS_PER_LOOKUP) }).strict();
export type VariantsQuery = z.infer<typeof VariantsQuery>;

/** The answer to `GET /api/variants?skus=...`: the known SKUs in the order asked; unknown ones are left out. */
export const VariantList = z.object({ items: z.array(VariantView) });
export type VariantList = z.infer<typeof VariantList>;
