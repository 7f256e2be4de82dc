import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Database } from '../db/client.js';
import { Prisma } from '../db/generated/prisma/client.js';
import { imageByHash } from '../db/queries/images.js';
import type { VariantFormat } from './formats.js';
import { encodeVariant, inspectImage, placeholderOf } from './processing.js';
import type { MediaStore } from './storage.js';
import { readUpload } from './upload.js';
import { type ImageFacts, isVariantWidth, originalKey, variantKey } from './variants.js';
import { workLimit } from './work-limit.js';

export interface MediaLimits {
  /** The most bytes an uploaded file may have (MAX_UPLOAD_BYTES). */
  maxUploadBytes: number;
  /** The most pixels an image may have (MAX_IMAGE_PIXELS): more is taken for a decompression bomb. */
  maxImagePixels: number;
}

export interface MediaLibraryOptions extends MediaLimits {
  store: MediaStore;
  /** Put before /media/... in the URLs handed out: the site's address, or '' for relative URLs. */
  publicBaseUrl?: string;
}

export interface NewImage {
  bytes: Buffer;
  alt?: string | null;
  filename?: string | null;
}

/**
 * Images in and out of the store: taking uploads (content-addressed, so the same bytes are one
 * image) and making each variant once, on its first request, then keeping it.
 */
export class MediaLibrary {
  readonly store: MediaStore;
  readonly limits: MediaLimits;
  readonly publicBaseUrl: string;
  // Decoding is heavy on memory and both cores are shared with requests: a few at a time.
  private readonly heavyWork = workLimit(Math.max(1, Math.min(availableParallelism(), 4)));
  // The variants being made now, by key: a second request for one waits for the first.
  private readonly inProgress = new Map<string, Promise<void>>();

  constructor({ store, publicBaseUrl = '', ...limits }: MediaLibraryOptions) {
    this.store = store;
    this.limits = limits;
    this.publicBaseUrl = publicBaseUrl.replace(/\/+$/, '');
  }

  /** Reads an uploaded file within MAX_UPLOAD_BYTES and adds it; answers the image's id. */
  async upload(db: Database, file: File, alt?: string | null): Promise<number> {
    const bytes = await readUpload(file, this.limits.maxUploadBytes);
    return this.add(db, { bytes, alt, filename: file.name || null });
  }

  /** Adds an image, or answers the one that has exactly these bytes already. */
  async add(db: Database, { bytes, alt = null, filename = null }: NewImage): Promise<number> {
    const hash = createHash('sha256').update(bytes).digest('hex');
    const existing = await imageByHash(db, hash);
    if (existing) return existing.id;
    const { inspected, placeholder } = await this.heavyWork(async () => {
      const inspected = await inspectImage(bytes, this.limits.maxImagePixels);
      return { inspected, placeholder: await placeholderOf(bytes, this.limits.maxImagePixels) };
    });
    if (!(await this.store.exists(originalKey(hash)))) await this.store.put(originalKey(hash), bytes);
    try {
      const created = await db.prisma.image.create({
        data: { hash, ...inspected, byteSize: bytes.length, filename, alt, placeholder },
        select: { id: true },
      });
      return created.id;
    } catch (error) {
      // The same bytes uploaded at the same moment: the other upload made the image.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const made = await imageByHash(db, hash);
        if (made) return made.id;
      }
      throw error;
    }
  }

  /**
   * The store key of the variant, made now if this is its first request. Concurrent first
   * requests share one encoding; the store's put makes the file appear whole or not at all.
   */
  async variant(image: ImageFacts, width: number, format: VariantFormat): Promise<string | null> {
    if (!isVariantWidth(image, width)) return null;
    const key = variantKey(image.hash, width, format);
    if (await this.store.exists(key)) return key;
    let making = this.inProgress.get(key);
    if (!making) {
      making = this.makeVariant(image.hash, key, width, format).finally(() => this.inProgress.delete(key));
      this.inProgress.set(key, making);
    }
    await making;
    return key;
  }

  /** Removes every file of an image from the store. */
  async removeFiles(hash: string): Promise<void> {
    await this.store.deleteAll(hash);
  }

  private async makeVariant(hash: string, key: string, width: number, format: VariantFormat): Promise<void> {
    const original = await this.store.get(originalKey(hash));
    if (!original) throw new Error(`The original of image ${hash} is missing from the media store`);
    const encoded = await this.heavyWork(() => encodeVariant(original, width, format, this.limits.maxImagePixels));
    await this.store.put(key, encoded);
  }
}
