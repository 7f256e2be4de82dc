import { encodeGlobalID } from '@pothos/plugin-relay';
import { countImages, imagesByIds, imageSortKey, type ImageRow, listImages } from '../db/queries/images.js';
import { deleteImage, updateImageAlt } from '../editing/images.js';
import { imageSrcSet, imageUrl } from '../media/urls.js';
import { VARIANT_WIDTHS } from '../media/variants.js';
import type { RequestContext } from '../request/context.js';
import { ClientError, unauthenticated } from '../request/errors.js';
import { requireRole, requireToken } from './authoring.js';
import { builder } from './builder.js';
import { pageCost } from './cost.js';
import { tupleCursor } from './cursor.js';
import { rowId } from './ids.js';
import { type ConnectionArgs, type CountedConnection, keysetConnection } from './pagination.js';

export const ImageFormatEnum = builder.enumType('ImageFormat', {
  values: {
    ORIGINAL: { description: 'The uploaded file; with a width, a resized copy in the uploaded format (PNG for a GIF).' },
    WEBP: {},
    AVIF: {},
    JPEG: {},
    PNG: {},
  } as const,
});

const WIDTH_ARG = `One of ${VARIANT_WIDTHS.join(', ')}; wider than the image gives it at its full width.`;

export const Image = builder.node(builder.objectRef<ImageRow>('Image'), {
  description: 'An uploaded image. Its files are served under /media/ and never change, so they are cached for good.',
  id: { resolve: (image) => image.id },
  loadMany: async (ids, context) => {
    if (context.viewer.kind !== 'token') return ids.map(() => null);
    const found = new Map((await imagesByIds(context.db, ids.map(rowId))).map((image) => [image.id, image]));
    return ids.map((id) => found.get(rowId(id)) ?? null);
  },
  fields: (t) => ({
    url: t.string({
      description: 'Without arguments, the uploaded file.',
      args: { width: t.arg.int({ description: WIDTH_ARG }), format: t.arg({ type: ImageFormatEnum }) },
      resolve: (image, args, context) => imageUrl(context.media.publicBaseUrl, image, args.width, args.format),
    }),
    width: t.int({ description: 'Of the image as shown (upright), so that layouts can reserve its space.', resolve: (image) => image.width }),
    height: t.int({ resolve: (image) => image.height }),
    alt: t.string({ nullable: true, description: 'The text that describes the image to those who cannot see it.', resolve: (image) => image.alt }),
    srcSet: t.string({
      description: 'For <img srcset>: every width the image comes in, up to its own. Format: the uploaded one by default (PNG for a GIF).',
      args: { format: t.arg({ type: ImageFormatEnum }) },
      resolve: (image, args, context) => imageSrcSet(context.media.publicBaseUrl, image, args.format),
    }),
    placeholder: t.string({ nullable: true, description: 'A tiny blurred data: URL to show while the image loads.', resolve: (image) => image.placeholder }),
    createdAt: t.field({ type: 'DateTime', resolve: (image) => image.createdAt }),
  }),
});

const imageCursor = tupleCursor('NEWEST', ['date', 'int'], 'field');

export const ImageConnection = builder.connectionObject(
  {
    type: Image,
    name: 'ImageConnection',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many images there are, across all pages.',
        resolve: (connection) => (connection as unknown as CountedConnection<ImageRow>).countAll(),
      }),
    }),
  },
  { name: 'ImageEdge' },
);

function resolveImageConnection({ db }: RequestContext, args: ConnectionArgs): Promise<CountedConnection<ImageRow>> {
  return keysetConnection(
    args,
    imageCursor,
    async (window, limit) => ({ rows: await listImages(db, { window, limit }), total: null }),
    imageSortKey,
    () => countImages(db),
  );
}

const MAX_ALT_LENGTH = 1000;

function checkAlt(alt: string | null | undefined): string | null {
  if (alt == null) return null;
  if (alt.length > MAX_ALT_LENGTH) {
    throw new ClientError('BAD_USER_INPUT', `alt may be at most ${MAX_ALT_LENGTH} characters (got ${alt.length}); describe the image briefly`, { argument: 'alt' });
  }
  return alt;
}

async function imageById(context: RequestContext, id: number): Promise<ImageRow> {
  const [image] = await imagesByIds(context.db, [id]);
  if (!image) throw new ClientError('NOT_FOUND', 'There is no image with this id (it may have been deleted)', { argument: 'id' });
  return image;
}

builder.queryFields((t) => ({
  images: t.connection(
    {
      type: Image,
      description: 'Every uploaded image, newest first; pages of 20, at most 100. Needs a token: the media library is an editor’s tool.',
      complexity: pageCost,
      resolve: (_root, args, context) => {
        if (context.viewer.kind !== 'token') {
          throw unauthenticated('Listing the media library takes an API token: send the header `Authorization: Bearer <token>`');
        }
        return resolveImageConnection(context, args);
      },
    },
    ImageConnection,
  ),
}));

builder.mutationFields((t) => ({
  uploadImage: t.field({
    type: Image,
    description:
      'Adds an image, sent by the GraphQL multipart request spec: JPEG, PNG, WebP, AVIF or GIF, within MAX_UPLOAD_BYTES and ' +
      'MAX_IMAGE_PIXELS. The same bytes uploaded again answer the image they already are.',
    args: { file: t.arg({ type: 'File', required: true }), alt: t.arg.string() },
    resolve: async (_root, { file, alt }, context) => {
      requireToken(context);
      const id = await context.media.upload(context.db, file, checkAlt(alt));
      return imageById(context, id);
    },
  }),
  updateImage: t.field({
    type: Image,
    description: 'Changes an image’s alt text; null removes it.',
    args: { id: t.arg.globalID({ required: true, for: Image }), alt: t.arg.string() },
    resolve: async (_root, { id, alt }, context) => {
      requireRole(context, 'EDITOR', 'Changing an image in the media library, which posts of other authors may show');
      await updateImageAlt(context.db, rowId(id.id), checkAlt(alt));
      await context.contentChanged();
      return imageById(context, rowId(id.id));
    },
  }),
  deleteImage: t.id({
    description: 'Deletes an image and its files, and returns its id. An image in use (a cover, an avatar, the logo) is refused with CONFLICT.',
    args: { id: t.arg.globalID({ required: true, for: Image }) },
    resolve: async (_root, { id }, context) => {
      requireRole(context, 'EDITOR', 'Deleting an image from the media library');
      const hash = await deleteImage(context.db, rowId(id.id));
      await context.media.removeFiles(hash);
      await context.contentChanged();
      return encodeGlobalID('Image', rowId(id.id));
    },
  }),
}));
