import { Prisma } from '../generated/prisma/client.js';
import type { Site } from '../generated/prisma/client.js';
import type { Database } from '../client.js';
import { type RowOf, rowShape } from './row-shape.js';

export const siteRow = rowShape<Site>()({
  title: 'title',
  description: 'description',
  url: 'url',
  language: 'language',
  timeZone: 'time_zone',
  logoImageId: 'logo_image_id',
  socialLinks: 'social_links',
  updatedAt: 'updated_at',
});
export type SiteRow = RowOf<Site, typeof siteRow>;

/**
 * The settings the site row starts with (migration 20261129000000_content_model): a site still at
 * these was never set up, so the seed or an imported site's config may fill it in.
 */
export const SITE_DEFAULTS = { title: 'Folio', description: '', url: null, language: 'en', timeZone: 'UTC' } as const;

/** The site's settings: one row, there since the content_model migration. */
export async function siteSettings(db: Database): Promise<SiteRow> {
  const [row] = await db.rows<SiteRow>(Prisma.sql`SELECT ${siteRow.columns('s')} FROM site s`);
  if (!row) throw new Error('The site row is missing: run the migrations');
  return row;
}
