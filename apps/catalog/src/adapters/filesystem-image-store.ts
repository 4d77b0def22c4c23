import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { ImageStore, StoredFile } from '../application/image-store.js';

// Keys are made by the catalog (an id and an extension); this is the last line of defence.
const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9]+)?$/;

/** Uploaded images as files in one folder (CATALOG_IMAGE_DIR). Fine for one catalog host or a shared volume. */
export class FilesystemImageStore implements ImageStore {
  private readonly root: string;

  constructor(directory: string) {
    this.root = resolve(directory);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(this.root, { recursive: true });
    // Written aside and renamed into place: a reader sees the whole file or none.
    const partial = join(this.root, `.${randomUUID()}.partial`);
    try {
      await writeFile(partial, bytes, { mode: 0o644, flag: 'wx' });
      await rename(partial, target);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  }

  async open(key: string): Promise<StoredFile | null> {
    const path = this.pathOf(key);
    try {
      const info = await stat(path);
      if (!info.isFile()) return null;
      return { body: createReadStream(path), size: info.size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    const path = resolve(this.root, key);
    if (!SAFE_KEY.test(key) || !path.startsWith(this.root + sep)) throw new Error(`not an image key: ${JSON.stringify(key)}`);
    return path;
  }
}
