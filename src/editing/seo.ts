import type { Database } from '../db/client.js';
import { invalid } from './errors.js';
import { LIMITS } from './limits.js';
import { checkAbsoluteUrl } from './urls.js';

// Search engines show about 60 characters of a title and 160 of a description; these limits
// only keep out what no page would use.
const SEO_DESCRIPTION_LENGTH = 500;

/** The SEO fields as an author sends them: absent keeps, null removes the override. */
export interface SeoInput {
  seoTitle?: string | null;
  seoDescription?: string | null;
  canonicalUrl?: string | null;
  socialImageId?: number | null;
  noIndex?: boolean | null;
}

export type SeoFields = {
  seoTitle?: string | null;
  seoDescription?: string | null;
  canonicalUrl?: string | null;
  socialImageId?: number | null;
  noIndex?: boolean;
};

/** Checks the SEO fields; a blank text removes its override, as null does. */
export async function checkSeo(db: Database, input: SeoInput): Promise<SeoFields> {
  const fields: SeoFields = {};
  if (input.seoTitle !== undefined) fields.seoTitle = optionalText(input.seoTitle, 'seoTitle', LIMITS.titleLength);
  if (input.seoDescription !== undefined) {
    fields.seoDescription = optionalText(input.seoDescription, 'seoDescription', SEO_DESCRIPTION_LENGTH);
  }
  if (input.canonicalUrl !== undefined) {
    fields.canonicalUrl = input.canonicalUrl?.trim() ? checkAbsoluteUrl(input.canonicalUrl, 'canonicalUrl') : null;
  }
  if (input.socialImageId !== undefined) fields.socialImageId = await checkImage(db, input.socialImageId, 'socialImageId');
  if (input.noIndex != null) fields.noIndex = input.noIndex;
  return fields;
}

function optionalText(text: string | null, field: string, limit: number): string | null {
  const trimmed = text?.trim();
  if (!trimmed) return null;
  if ([...trimmed].length > limit) throw invalid(field, `${field} must be at most ${limit} characters (got ${[...trimmed].length})`);
  return trimmed;
}

async function checkImage(db: Database, id: number | null, field: string): Promise<number | null> {
  if (id === null) return null;
  const image = await db.prisma.image.findUnique({ where: { id }, select: { id: true } });
  if (!image) throw invalid(field, `${field}: there is no image with this id; upload it first (uploadImage) and pass the id it answers with`);
  return id;
}
