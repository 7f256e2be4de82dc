import { builder } from './builder.js';

/** A link to a profile elsewhere, as the site and authors list them. */
export interface SocialLinkShape {
  kind: string;
  url: string;
}

export const SocialLink = builder.objectRef<SocialLinkShape>('SocialLink').implement({
  description: 'A profile elsewhere: a site’s or an author’s.',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'What the link is, in lowercase: "github", "mastodon", "weibo", ...' }),
    url: t.exposeString('url', { description: 'An absolute http(s) URL.' }),
  }),
});

export const SocialLinkInput = builder.inputType('SocialLinkInput', {
  fields: (t) => ({
    kind: t.string({ required: true, description: 'Lowercase letters, digits and hyphens, e.g. "github".' }),
    url: t.string({ required: true, description: 'An absolute http(s) URL.' }),
  }),
});
