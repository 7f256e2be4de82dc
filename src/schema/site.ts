import { siteSettings, type SiteRow } from '../db/queries/site.js';
import { updateSite } from '../editing/site.js';
import { requireRole } from './authoring.js';
import { builder } from './builder.js';
import { rowId } from './ids.js';
import { Image } from './image.js';
import { RECORD_COST } from './cost.js';
import { perRequest } from './per-request.js';
import { SocialLink, SocialLinkInput, type SocialLinkShape } from './social-link.js';

/** The site's settings, read once per request: the archive, SEO fallbacks and `site` share them. */
export const siteOf = perRequest((context) => siteSettings(context.db));

export const Site = builder.objectRef<SiteRow>('Site').implement({
  description: 'The site’s own settings, for a frontend’s layout, meta tags and feeds.',
  fields: (t) => ({
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    url: t.string({
      nullable: true,
      description: 'The public address of the site’s frontend, without a trailing slash; null until set.',
      resolve: (site) => site.url,
    }),
    language: t.exposeString('language', { description: 'A BCP 47 language tag, e.g. "zh-CN": for <html lang>.' }),
    timeZone: t.exposeString('timeZone', {
      description: 'An IANA time zone, e.g. "Asia/Shanghai": the archive’s years and months, and filter.year/month, are calendar dates there.',
    }),
    socialLinks: t.field({
      type: [SocialLink],
      description: 'In the order the site lists them.',
      resolve: (site) => site.socialLinks as unknown as SocialLinkShape[],
    }),
    updatedAt: t.field({ type: 'DateTime', resolve: (site) => site.updatedAt }),
  }),
});

const SiteInput = builder.inputType('SiteInput', {
  description: 'Fields left out keep their value; url: null forgets the address.',
  fields: (t) => ({
    title: t.string(),
    description: t.string(),
    url: t.string({ description: 'An absolute http(s) URL.' }),
    language: t.string({ description: 'A BCP 47 language tag, e.g. "en" or "zh-CN".' }),
    timeZone: t.string({ description: 'An IANA time zone, e.g. "UTC" or "Asia/Shanghai".' }),
    socialLinks: t.field({ type: [SocialLinkInput], description: 'Replaces the site’s links.' }),
    logoId: t.globalID({ for: Image, description: 'An uploaded Image for the site’s logo; null removes it.' }),
  }),
});

builder.queryField('site', (t) =>
  t.field({ type: Site, complexity: RECORD_COST, resolve: (_root, _args, context) => siteOf(context) }),
);

builder.mutationField('updateSite', (t) =>
  t.field({
    type: Site,
    description: 'Changes the site’s settings.',
    args: { input: t.arg({ type: SiteInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      requireRole(context, 'ADMIN', 'Changing the site settings');
      const { logoId, ...changes } = input;
      await updateSite(context.db, { ...changes, logoImageId: logoId && rowId(logoId.id) });
      await context.contentChanged();
      return siteSettings(context.db);
    },
  }),
);
