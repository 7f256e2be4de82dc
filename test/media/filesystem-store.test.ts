import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FilesystemStore } from '../../src/media/filesystem-store.js';
import { makeScratchDir } from '../support/test-server.js';

const HASH = 'a'.repeat(64);

describe('FilesystemStore', () => {
  it('puts, reads, sizes, streams and deletes by key', async () => {
    const store = new FilesystemStore(await makeScratchDir('folio-store-'));
    expect(await store.get(`${HASH}/original`)).toBeNull();
    expect(await store.stream(`${HASH}/original`)).toBeNull();
    await store.put(`${HASH}/original`, Buffer.from('bytes'));
    await store.put(`${HASH}/320.webp`, Buffer.from('small'));
    expect(await store.get(`${HASH}/original`)).toEqual(Buffer.from('bytes'));
    expect(await store.size(`${HASH}/320.webp`)).toBe(5);
    const chunks: Buffer[] = [];
    for await (const chunk of (await store.stream(`${HASH}/original`))!) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('bytes');
    await store.deleteAll(HASH);
    expect(await store.exists(`${HASH}/original`)).toBe(false);
    expect(await store.exists(`${HASH}/320.webp`)).toBe(false);
  });

  it('leaves no temporary file behind', async () => {
    const root = await makeScratchDir('folio-store-');
    const store = new FilesystemStore(root);
    await Promise.all([store.put(`${HASH}/original`, Buffer.from('one')), store.put(`${HASH}/original`, Buffer.from('two'))]);
    expect(await readdir(`${root}/${HASH}`)).toEqual(['original']);
    expect(['one', 'two']).toContain((await store.get(`${HASH}/original`))!.toString());
  });

  it('refuses keys that could reach outside its folder', async () => {
    const store = new FilesystemStore(await makeScratchDir('folio-store-'));
    for (const key of ['../etc/passwd', `${HASH}/../../x`, '/etc/passwd', `${HASH}/a/b`, 'short/original']) {
      await expect(store.get(key)).rejects.toThrow('Not a media key');
    }
  });
});
