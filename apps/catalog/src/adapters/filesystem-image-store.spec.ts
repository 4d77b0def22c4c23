import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FilesystemImageStore } from './filesystem-image-store.js';

let dir: string;
let store: FilesystemImageStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'image-store-'));
  store = new FilesystemImageStore(join(dir, 'images'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FilesystemImageStore', () => {
  it('stores, opens and deletes a file by key; a missing one is null, deleting it again is fine', async () => {
    await store.put('a1b2.png', Buffer.from('bytes'));
    const file = await store.open('a1b2.png');
    expect(file?.size).toBe(5);
    expect(await text(file!.body)).toBe('bytes');
    expect(await readdir(join(dir, 'images'))).toEqual(['a1b2.png']); // no partial file left behind
    await store.delete('a1b2.png');
    expect(await store.open('a1b2.png')).toBeNull();
    await expect(store.delete('a1b2.png')).resolves.toBeUndefined();
  });

  it('refuses any key that could name a path outside its folder', async () => {
    for (const key of ['../outside.png', 'a/../../b.png', '/etc/passwd', '.hidden', 'a/b.png', '..', '']) {
      await expect(store.put(key, Buffer.from('x')), key).rejects.toThrow(/not an image key/);
      await expect(store.open(key), key).rejects.toThrow(/not an image key/);
    }
    expect(await readdir(dir)).toEqual([]);
  });
});
