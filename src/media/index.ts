import type { Config } from '../config.js';
import { FilesystemStore } from './filesystem-store.js';
import { MediaLibrary } from './library.js';

export { MediaLibrary } from './library.js';
export { markdownImagesFor } from './markdown-images.js';

/** The media library the configuration describes: files in MEDIA_DIR, URLs under MEDIA_BASE_URL (else paths). */
export function mediaLibraryFor(config: Pick<Config, 'mediaDir' | 'maxUploadBytes' | 'maxImagePixels' | 'mediaBaseUrl'>): MediaLibrary {
  return new MediaLibrary({
    store: new FilesystemStore(config.mediaDir),
    maxUploadBytes: config.maxUploadBytes,
    maxImagePixels: config.maxImagePixels,
    publicBaseUrl: config.mediaBaseUrl ?? '',
  });
}
