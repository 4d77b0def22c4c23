import { z } from 'zod';
import { defineEvent } from '../events/envelope.js';
import { Product } from './catalog.js';

/** Catalog events carry the product as it is after the change, so consumers need not call back. */
const ProductChanged = z.object({ product: Product });

export const ProductCreatedV1 = defineEvent('catalog.product.created.v1', ProductChanged);
export const ProductUpdatedV1 = defineEvent('catalog.product.updated.v1', ProductChanged);
export const ProductArchivedV1 = defineEvent('catalog.product.archived.v1', ProductChanged);

export const CatalogEvents = [ProductCreatedV1, ProductUpdatedV1, ProductArchivedV1] as const;
export type ProductChangedPayload = z.infer<typeof ProductChanged>;
