import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/client.js';
import { imageByHash, imagesByIds, type ImageRow } from '../db/queries/images.js';
import type { MediaLibrary } from '../media/library.js';
import { inspectImage } from '../media/processing.js';
import { imageUrl } from '../media/urls.js';

/** An image of the site as the media store holds it. */
export interface StoredImage {
  id: number;
  /** The path Markdown uses for it: its original's `/media/...`, which holds whatever MEDIA_BASE_URL becomes. */
  url: string;
}

/**
 * Brings a site's image files into the media store, each file once per import (a cover used by
 * three posts is read and stored once). The store is content-addressed, so importing again
 * finds the same images. In a dry run nothing is stored: an image not there yet answers null.
 */
export class SiteImages {
  private readonly stored = new Map<string, Promise<StoredImage | null>>();
  /** How many images this import added to the library. */
  added = 0;

  constructor(
    private readonly db: Database,
    private readonly media: MediaLibrary,
    private readonly root: string,
    private readonly dryRun: boolean,
  ) {}

  /** `file` is relative to the site's root; `alt` is kept only by an image new to the library. */
  store(file: string, alt: string | null = null): Promise<StoredImage | null> {
    let image = this.stored.get(file);
    if (!image) {
      image = this.read(file, alt);
      this.stored.set(file, image);
    }
    return image;
  }

  private async read(file: string, alt: string | null): Promise<StoredImage | null> {
    const bytes = await readFile(path.join(this.root, file));
    const existing = await imageByHash(this.db, createHash('sha256').update(bytes).digest('hex'));
    if (existing) return this.describe(existing);
    if (this.dryRun) {
      // Refused as the library would refuse it, without storing it.
      await inspectImage(bytes, this.media.limits.maxImagePixels);
      return null;
    }
    const id = await this.media.add(this.db, { bytes, alt, filename: path.posix.basename(file) });
    this.added += 1;
    const [row] = await imagesByIds(this.db, [id]);
    return this.describe(row!);
  }

  private describe(row: ImageRow): StoredImage {
    return { id: row.id, url: imageUrl('', row, null, null) };
  }
}
