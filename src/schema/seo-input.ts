import type { InputFieldBuilder, SchemaTypes } from '@pothos/core';
import type { SeoInput } from '../editing/seo.js';
import { badUserInput } from '../request/errors.js';
import { rowId } from './ids.js';

// The SEO fields of createPost's and updatePost's inputs: the same on both.

export function seoInputFields<Types extends SchemaTypes>(t: InputFieldBuilder<Types, 'InputObject'>) {
  return {
    seoTitle: t.string({ description: 'The title for search engines and social cards; null or blank: the title.' }),
    seoDescription: t.string({ description: 'The meta description, at most 500 characters; null or blank: the excerpt.' }),
    canonicalUrl: t.string({ description: 'An absolute http(s) URL, for a post first published elsewhere; null: its address on this site.' }),
    socialImageId: t.globalID({ description: 'The id of an Image for social cards (og:image); null: the cover image.' }),
    noIndex: t.boolean({ description: 'True asks search engines not to index it.' }),
  };
}

interface SeoArguments {
  seoTitle?: string | null;
  seoDescription?: string | null;
  canonicalUrl?: string | null;
  socialImageId?: { typename: string; id: string } | null;
  noIndex?: boolean | null;
}

/** The SEO fields of an input in the write side's terms: absent stays absent, null stays null. */
export function seoChanges(input: SeoArguments): SeoInput & { socialImageId: number | null | undefined } {
  const { socialImageId, ...texts } = input;
  if (socialImageId == null) return { ...texts, socialImageId };
  if (socialImageId.typename !== 'Image') {
    throw badUserInput('socialImageId', `socialImageId must be the id of an Image (got the id of a ${socialImageId.typename})`);
  }
  return { ...texts, socialImageId: rowId(socialImageId.id) };
}
