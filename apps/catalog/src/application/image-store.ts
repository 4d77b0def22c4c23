import type { Readable } from 'node:stream';

/** A stored file, opened for reading. */
export interface StoredFile {
  body: Readable;
  /** Bytes. */
  size: number;
}

/**
 * Where uploaded product images live, by key (`<image id>.<ext>`, made by the catalog, never by a
 * client). Default adapter: a folder on disk (filesystem-image-store.ts); the documented next one
 * is an S3-compatible bucket behind the same three methods.
 */
export interface ImageStore {
  /** Stores the bytes under `key` whole or not at all (a reader never sees half a file). */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The file, or null when there is none. */
  open(key: string): Promise<StoredFile | null>;
  /** Removes the file; a missing one is not an error. */
  delete(key: string): Promise<void>;
}

/** Reads an image's size in pixels; undefined when the bytes cannot be decoded as an image. */
export type ImageProbe = (bytes: Buffer) => Promise<{ width: number; height: number } | undefined>;
