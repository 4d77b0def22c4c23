'use client';

import type { Image } from '@shop/contracts';
import { useState } from 'react';
import { ProductImage } from '../../../components/product-image';
import styles from './product.module.css';

export function Gallery({ images, title }: { images: Image[]; title: string }) {
  const [current, setCurrent] = useState(0);
  const shown = images[current] ?? images[0];
  return (
    <div className={styles.gallery}>
      <div className={styles.mainImage}>
        <ProductImage src={shown?.url} alt={shown?.alt || title} priority />
      </div>
      {images.length > 1 && (
        <ul className={styles.thumbs} aria-label="Pictures">
          {images.map((image, i) => (
            <li key={image.url}>
              <button
                type="button"
                className={i === current ? styles.thumbActive : styles.thumb}
                onClick={() => setCurrent(i)}
                aria-label={`Show picture ${i + 1}: ${image.alt || title}`}
                aria-pressed={i === current}
              >
                <ProductImage src={image.url} alt="" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
