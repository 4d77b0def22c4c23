'use client';

import { fieldErrorsOf } from '@shop/api-client';
import type { Image, Product } from '@shop/contracts';
import { Button, ConfirmDialog, TextField, toast } from '@shop/ui';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import styles from './products.module.css';

type Answer = { ok: true } | { ok: false; message: string; fields: Record<string, string> };

/** Sends one image change to the console's route handlers and reads the API's answer. */
async function send(path: string, init: RequestInit): Promise<Answer> {
  try {
    const response = await fetch(path, init);
    if (response.ok) return { ok: true };
    const error = ((await response.json().catch(() => null)) as { error?: { message?: string; details?: unknown } } | null)?.error;
    return { ok: false, message: error?.message ?? `refused (${response.status})`, fields: fieldErrorsOf(error?.details) };
  } catch {
    return { ok: false, message: 'the console cannot be reached', fields: {} };
  }
}

/**
 * A product's pictures: upload one file at a time (JPEG, PNG or WebP, with its alt text), change
 * the order and the alt texts (saved together), remove one (asks first). The first image is the
 * one listings and search show. Each change is saved at once and the page reloads its data.
 */
export function ProductImages({ product }: { product: Pick<Product, 'id' | 'title' | 'status' | 'images'> }) {
  const router = useRouter();
  const readOnly = product.status === 'archived';
  const fileInput = useRef<HTMLInputElement>(null);
  const [newAlt, setNewAlt] = useState('');
  const [uploadErrors, setUploadErrors] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState(false);
  const [images, setImages] = useState<Image[]>(product.images);
  const [arrangeErrors, setArrangeErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [removing, setRemoving] = useState<Image | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const base = `/api/products/${product.id}/images`;
  const arranged = images.some((image, i) => image.id !== product.images[i]?.id || image.alt !== product.images[i]?.alt);

  async function upload() {
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setUploadErrors({ file: 'choose an image file first' });
      return;
    }
    const form = new FormData();
    form.append('alt', newAlt.trim());
    form.append('file', file, file.name);
    setUploading(true);
    const answer = await send(base, { method: 'POST', body: form });
    setUploading(false);
    if (!answer.ok) {
      setUploadErrors(Object.keys(answer.fields).length > 0 ? answer.fields : { file: answer.message });
      toast.error(`Not uploaded: ${answer.fields.file ?? answer.message}`);
      return;
    }
    setUploadErrors({});
    toast.success(`Uploaded ${file.name}`);
    router.refresh();
  }

  async function saveArrangement() {
    setSaving(true);
    const body = { images: images.map((image) => ({ id: image.id!, alt: image.alt })) };
    const answer = await send(base, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    setSaving(false);
    if (!answer.ok) {
      setArrangeErrors(answer.fields);
      toast.error(`Not saved: ${answer.message}`);
      return;
    }
    setArrangeErrors({});
    toast.success('Saved the images’ order and descriptions');
    router.refresh();
  }

  async function remove(image: Image) {
    setRemoveBusy(true);
    const answer = await send(`${base}/${image.id}`, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: '{}' });
    setRemoveBusy(false);
    if (!answer.ok) {
      toast.error(`Not removed: ${answer.message}`);
      return;
    }
    setRemoving(null);
    toast.success('Removed the image');
    router.refresh();
  }

  const move = (from: number, to: number) =>
    setImages((list) => {
      const next = [...list];
      const [moved] = next.splice(from, 1);
      next.splice(to, 0, moved!);
      return next;
    });

  return (
    <section className={`card ${styles.images}`} aria-labelledby="product-images-heading">
      <h2 id="product-images-heading">Images</h2>
      {images.length === 0 ? (
        <p className="muted">No images yet: the shop shows a plain placeholder.</p>
      ) : (
        <ol className={styles.imageList} aria-label="Product images">
          {images.map((image, i) => (
            <li key={image.id ?? image.url} className={styles.imageItem}>
              <img src={image.url} alt={image.alt || `Image ${i + 1} of ${product.title}`} className={styles.thumbnail} width={96} height={96} />
              <div className={styles.imageFields}>
                <TextField
                  name={`images.${i}.alt`}
                  id={`image-alt-${i}`}
                  label={`Description of image ${i + 1} for screen readers`}
                  value={image.alt}
                  onChange={(alt) => setImages((list) => list.map((it, j) => (j === i ? { ...it, alt } : it)))}
                  error={arrangeErrors[`images.${i}.alt`]}
                />
                <p className="muted">
                  {i === 0 ? 'Shown in listings · ' : ''}
                  {image.width && image.height ? `${image.width} × ${image.height} px` : 'size unknown'}
                </p>
              </div>
              {!readOnly && (
                <div className={styles.imageActions}>
                  <Button variant="secondary" small disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={`Move image ${i + 1} up`}>
                    Up
                  </Button>
                  <Button variant="secondary" small disabled={i === images.length - 1} onClick={() => move(i, i + 1)} aria-label={`Move image ${i + 1} down`}>
                    Down
                  </Button>
                  <Button variant="danger" small onClick={() => setRemoving(image)} aria-label={`Remove image ${i + 1}`}>
                    Remove
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {arrangeErrors.images && (
        <p className="field-error" role="alert">
          {arrangeErrors.images}
        </p>
      )}
      {!readOnly && images.length > 0 && (
        <Button variant="secondary" disabled={!arranged} busy={saving} onClick={() => void saveArrangement()}>
          Save order and descriptions
        </Button>
      )}

      {!readOnly && (
        <div className={styles.upload} role="group" aria-label="Upload an image">
          <div className="field">
            <label htmlFor="image-file">Image file (JPEG, PNG or WebP)</label>
            <input
              id="image-file"
              name="file"
              type="file"
              ref={fileInput}
              accept="image/jpeg,image/png,image/webp"
              aria-invalid={uploadErrors.file ? true : undefined}
              aria-describedby={uploadErrors.file ? 'image-file-error' : undefined}
              onChange={() => setUploadErrors({})}
            />
            {uploadErrors.file && (
              <p className="field-error" id="image-file-error">
                {uploadErrors.file}
              </p>
            )}
          </div>
          <TextField name="alt" id="image-new-alt" label="Description for screen readers" value={newAlt} onChange={setNewAlt} error={uploadErrors.alt} />
          <Button onClick={() => void upload()} busy={uploading}>
            Upload image
          </Button>
        </div>
      )}

      <ConfirmDialog
        open={removing !== null}
        title="Remove this image?"
        confirmLabel="Remove image"
        destructive
        busy={removeBusy}
        onConfirm={() => removing && void remove(removing)}
        onCancel={() => setRemoving(null)}
      >
        <p>It disappears from the shop at once; an uploaded file is deleted.</p>
      </ConfirmDialog>
    </section>
  );
}
