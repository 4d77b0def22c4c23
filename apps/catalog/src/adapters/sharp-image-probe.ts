import sharp from 'sharp';
import type { ImageProbe } from '../application/image-store.js';

/** Width and height from the image's header (sharp reads the header only; no pixels are decoded). */
export const sharpImageProbe: ImageProbe = async (bytes) => {
  try {
    const { width, height } = await sharp(bytes).metadata();
    return width && height ? { width, height } : undefined;
  } catch {
    return undefined;
  }
};
