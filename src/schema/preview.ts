import { signPreviewToken } from '../auth/preview-tokens.js';
import { readConfig } from '../config.js';
import { databaseIdentityOf } from '../db/queries/database-identity.js';
import type { PostRow } from '../db/queries/rows.js';
import { frontendPath } from '../delivery/frontend-paths.js';
import { badUserInput } from '../request/errors.js';
import { changedRecord, requirePostAccess } from './authoring.js';
import { builder } from './builder.js';
import { ContentNode } from './content-node.js';
import { CONTENT_NODES, contentRow } from './post-mutations.js';

const DEFAULT_EXPIRES_IN_SECONDS = 3600;
const MIN_EXPIRES_IN_SECONDS = 60;
const MAX_EXPIRES_IN_SECONDS = 7 * 24 * 3600;

interface PreviewShape {
  token: string;
  expiresAt: Date;
  post: PostRow;
}

export const Preview = builder.objectRef<PreviewShape>('Preview').implement({
  description:
    'A signed, expiring token that shows one post or page as it is now, drafts and scheduled ones included, to whoever holds it: ' +
    'send it as the header `X-Preview-Token` or the variable `previewToken`. It reads nothing else a reader cannot, and writes nothing.',
  fields: (t) => ({
    token: t.exposeString('token'),
    expiresAt: t.field({ type: 'DateTime', resolve: (preview) => preview.expiresAt }),
    post: t.field({ type: ContentNode, description: 'The post or page the token shows.', resolve: (preview) => preview.post }),
    url: t.string({
      nullable: true,
      description: 'Where the frontend shows it, with `?preview=<token>`: SITE_URL and the post’s or page’s path pattern; null without SITE_URL.',
      resolve: ({ token, post }) => previewUrl(token, post),
    }),
  }),
});

builder.mutationFields((t) => ({
  createPreview: t.field({
    type: Preview,
    description:
      `A preview of a post or page for people without a token, e.g. a draft to review. Takes the right to edit it. ` +
      `Expires after expiresIn seconds: ${MIN_EXPIRES_IN_SECONDS} to ${MAX_EXPIRES_IN_SECONDS} (7 days), by default ${DEFAULT_EXPIRES_IN_SECONDS}.`,
    args: { postId: t.arg.globalID({ required: true, for: CONTENT_NODES }), expiresIn: t.arg.int() },
    resolve: async (_root, { postId: id, expiresIn }, context) => {
      const { postId, kind } = contentRow(id);
      await requirePostAccess(context, postId, 'edit', kind);
      const seconds = expiresIn ?? DEFAULT_EXPIRES_IN_SECONDS;
      if (seconds < MIN_EXPIRES_IN_SECONDS || seconds > MAX_EXPIRES_IN_SECONDS) {
        throw badUserInput(
          'expiresIn',
          `expiresIn must be from ${MIN_EXPIRES_IN_SECONDS} to ${MAX_EXPIRES_IN_SECONDS} seconds (7 days); got ${seconds}`,
        );
      }
      // Whole seconds, as the token carries them, so that the answer says when it really expires.
      const expiresAt = new Date(Math.floor(context.visibility.now.getTime() / 1000 + seconds) * 1000);
      const { signingKey } = await databaseIdentityOf(context.db);
      const post = await changedRecord(context.loaders.post, postId, 'post');
      return { token: signPreviewToken({ postId, expiresAt }, signingKey), expiresAt, post };
    },
  }),
}));

function previewUrl(token: string, post: PostRow): string | null {
  const { siteUrl, urlPatterns } = readConfig();
  if (siteUrl === null) return null;
  return `${siteUrl}${frontendPath(urlPatterns, post.kind === 'PAGE' ? 'page' : 'post', post.slug)}?preview=${token}`;
}
