'use client';

import type { Product } from '@shop/contracts';
import { Button, ConfirmDialog, SelectField, TextAreaField, TextField, toast } from '@shop/ui';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { productSaveErrorsOf } from '../../../lib/products/api-errors';
import { savedMessage } from '../../../lib/products/saved-message';
import type { CategoryOption } from '../../../lib/products/category-options';
import { createBodyOf, draftOf, emptyDraft, emptyImage, emptyVariant, isFreePrice, updateBodyOf, type FieldErrors, type ProductDraft } from '../../../lib/products/product-form';
import styles from './products.module.css';

const STATUSES = [
  { value: 'draft', label: 'Draft (not in the shop)' },
  { value: 'active', label: 'Active (in the shop)' },
];

/**
 * Creates a product or edits one: title, slug, description, status, categories, variants (SKU,
 * attributes, price; a price of 0 only with "Sell for free" ticked), and a new product's images by address (an existing one's are managed by
 * ProductImages: uploads, order, alt texts). Problems found here or by the API are shown next to
 * their field; the result in a toast. Archiving asks first.
 */
export function ProductEditor({ product, categories }: { product?: Product; categories: CategoryOption[] }) {
  const router = useRouter();
  const [draft, setDraft] = useState<ProductDraft>(() => (product ? draftOf(product) : emptyDraft()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const archived = product?.status === 'archived';

  const change = (patch: Partial<ProductDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const changeVariant = (index: number, patch: Partial<ProductDraft['variants'][number]>) =>
    setDraft((d) => ({ ...d, variants: d.variants.map((v, i) => (i === index ? { ...v, ...patch } : v)) }));
  const changeImage = (index: number, patch: Partial<ProductDraft['images'][number]>) =>
    setDraft((d) => ({ ...d, images: d.images.map((image, i) => (i === index ? { ...image, ...patch } : image)) }));

  async function save(event: FormEvent) {
    event.preventDefault();
    const mapped = product ? updateBodyOf(draft) : createBodyOf(draft);
    if (!mapped.ok) {
      setErrors(mapped.errors);
      setFormError('Some fields need a fix; see the messages next to them.');
      return;
    }
    setSaving(true);
    setErrors({});
    setFormError(null);
    try {
      const response = await fetch(product ? `/api/products/${product.id}` : '/api/products', {
        method: product ? 'PATCH' : 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(mapped.body),
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        const shown = productSaveErrorsOf(response.status, body);
        setErrors(shown.fields);
        setFormError(shown.form);
        toast.error(`Not saved: ${shown.form ?? 'see the fields marked'}`);
        return;
      }
      const saved = body as Product;
      toast.success(savedMessage(saved, product ? 'Saved' : 'Created'));
      if (product) router.refresh();
      else router.push(`/products/${saved.id}`);
    } catch {
      setFormError('The console cannot be reached; nothing was saved.');
      toast.error('Not saved: the console cannot be reached.');
    } finally {
      setSaving(false);
    }
  }

  async function archive() {
    if (!product) return;
    setArchiving(true);
    try {
      const response = await fetch(`/api/products/${product.id}/archive`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      if (!response.ok) {
        const shown = productSaveErrorsOf(response.status, await response.json().catch(() => null));
        toast.error(`Not archived: ${shown.form ?? 'the catalog refused it'}`);
        return;
      }
      toast.success(`Archived “${product.title}”: it is gone from the shop.`);
      setConfirmArchive(false);
      router.refresh();
    } catch {
      toast.error('Not archived: the console cannot be reached.');
    } finally {
      setArchiving(false);
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} noValidate className={styles.editor}>
      {archived && (
        <p className="notice notice-warn" role="status">
          This product is archived: it is gone from the shop and can no longer be changed.
        </p>
      )}
      {formError && (
        <p className="notice notice-error" role="alert">
          {formError}
        </p>
      )}
      <fieldset className="card" disabled={archived}>
        <legend>Product</legend>
        <TextField name="title" label="Title" required value={draft.title} onChange={(title) => change({ title })} error={errors.title} />
        <TextField
          name="slug"
          label="Slug"
          value={draft.slug}
          onChange={(slug) => change({ slug })}
          error={errors.slug}
          hint="The product's address in the shop (/p/<slug>); made from the title when left empty."
        />
        <TextAreaField name="description" label="Description" value={draft.description} onChange={(description) => change({ description })} error={errors.description} />
        <SelectField name="status" label="Status" required value={draft.status} onChange={(status) => change({ status: status as ProductDraft['status'] })} options={STATUSES} error={errors.status} />
      </fieldset>

      <fieldset className="card" disabled={archived} aria-describedby={errors.categoryIds ? 'categoryIds-error' : undefined}>
        <legend>Categories</legend>
        <div className={styles.checkboxes}>
          {categories.map((category) => (
            <label key={category.id} className={styles.checkbox}>
              <input
                type="checkbox"
                checked={draft.categoryIds.includes(category.id)}
                onChange={(e) => change({ categoryIds: e.target.checked ? [...draft.categoryIds, category.id] : draft.categoryIds.filter((id) => id !== category.id) })}
              />
              {category.label}
            </label>
          ))}
        </div>
        {errors.categoryIds && (
          <p className="field-error" id="categoryIds-error">
            {errors.categoryIds}
          </p>
        )}
      </fieldset>

      <fieldset className="card" disabled={archived}>
        <legend>Variants</legend>
        {errors.variants && (
          <p className="field-error" role="alert">
            {errors.variants}
          </p>
        )}
        {draft.variants.map((variant, i) => (
          <div key={variant.key} className={styles.row} role="group" aria-label={`Variant ${i + 1}`}>
            <TextField name={`variants.${i}.sku`} label="SKU" required value={variant.sku} onChange={(sku) => changeVariant(i, { sku })} error={errors[`variants.${i}.sku`]} />
            <TextField name={`variants.${i}.title`} label="Variant title" value={variant.title} onChange={(title) => changeVariant(i, { title })} error={errors[`variants.${i}.title`]} />
            <TextField
              name={`variants.${i}.attributes`}
              label="Attributes"
              value={variant.attributes}
              onChange={(attributes) => changeVariant(i, { attributes })}
              placeholder="size=M, colour=Navy"
              error={errors[`variants.${i}.attributes`]}
            />
            <TextField
              name={`variants.${i}.price.amount`}
              label={`Price (${draft.currency})`}
              required
              inputMode="decimal"
              value={variant.price}
              // A confirmation of 0 holds for that 0 only: a price changed away and back asks again.
              onChange={(price) => changeVariant(i, isFreePrice(price, draft.currency) ? { price } : { price, sellForFree: false })}
              error={errors[`variants.${i}.price.amount`] ?? errors[`variants.${i}.price`]}
            />
            {isFreePrice(variant.price, draft.currency) && (
              <div className={styles.freePrice}>
                <p className="notice notice-warn" role="status" id={`variants.${i}.free`}>
                  A price of 0 makes this variant free in the shop: anyone can order it without paying.
                </p>
                <label className={styles.checkbox}>
                  <input
                    type="checkbox"
                    name={`variants.${i}.sellForFree`}
                    aria-describedby={`variants.${i}.free`}
                    checked={variant.sellForFree}
                    onChange={(e) => changeVariant(i, { sellForFree: e.target.checked })}
                  />
                  Sell for free
                </label>
              </div>
            )}
            <Button variant="link" disabled={draft.variants.length === 1} onClick={() => change({ variants: draft.variants.filter((_, j) => j !== i) })}>
              Remove variant {i + 1}
            </Button>
          </div>
        ))}
        <Button variant="secondary" small onClick={() => change({ variants: [...draft.variants, emptyVariant()] })}>
          Add a variant
        </Button>
      </fieldset>

      {!product && (
        <fieldset className="card">
          <legend>Images</legend>
          <p className="muted">By address (e.g. /media/placeholder/tee.svg or an https URL). To upload image files, create the product first: its page takes uploads.</p>
          {draft.images.map((image, i) => (
            <div key={image.key} className={styles.row} role="group" aria-label={`Image ${i + 1}`}>
              <TextField name={`images.${i}.url`} label="Image address" required value={image.url} onChange={(url) => changeImage(i, { url })} error={errors[`images.${i}.url`]} />
              <TextField name={`images.${i}.alt`} label="Description for screen readers" value={image.alt} onChange={(alt) => changeImage(i, { alt })} error={errors[`images.${i}.alt`]} />
              <Button variant="link" onClick={() => change({ images: draft.images.filter((_, j) => j !== i) })}>
                Remove image {i + 1}
              </Button>
            </div>
          ))}
          <Button variant="secondary" small onClick={() => change({ images: [...draft.images, emptyImage()] })}>
            Add an image
          </Button>
        </fieldset>
      )}

      {!archived && (
        <div className={styles.actions}>
          <Button type="submit" busy={saving}>
            {product ? 'Save changes' : 'Create product'}
          </Button>
          {product && (
            <Button variant="danger" onClick={() => setConfirmArchive(true)}>
              Archive
            </Button>
          )}
        </div>
      )}
      {product && (
        <ConfirmDialog
          open={confirmArchive}
          title={`Archive “${product.title}”?`}
          confirmLabel="Archive product"
          destructive
          busy={archiving}
          onConfirm={() => void archive()}
          onCancel={() => setConfirmArchive(false)}
        >
          <p>It disappears from the shop and from search, and can no longer be changed. Orders that contain it keep it.</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
