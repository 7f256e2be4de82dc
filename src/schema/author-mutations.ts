import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { authorProfileRefusal } from '../auth/roles.js';
import { authorIdsBySlug } from '../db/queries/authors.js';
import { deleteAuthor, upsertAuthor } from '../editing/authors.js';
import { badUserInput } from '../request/errors.js';
import { Author } from './author.js';
import { changedRecord, forbidden, requireRole, requireToken } from './authoring.js';
import { builder } from './builder.js';
import { rowId } from './ids.js';
import { SocialLinkInput } from './social-link.js';

const AuthorInput = builder.inputType('AuthorInput', {
  description: 'Fields left out keep their value; null removes bio, website or avatar.',
  fields: (t) => ({
    slug: t.string({ required: true, description: 'Lowercase letters, digits and hyphens: which author.' }),
    name: t.string({ description: 'Required for a new author.' }),
    bio: t.string(),
    website: t.string({ description: 'An absolute http(s) URL.' }),
    socialLinks: t.field({ type: [SocialLinkInput], description: 'Replaces the links, in this order.' }),
    avatarId: t.id({ description: 'The id of an uploaded image.' }),
  }),
});

builder.mutationFields((t) => ({
  upsertAuthor: t.field({
    type: Author,
    description: 'Creates the author with this slug, or updates it. EDITOR for any author; every role for its own.',
    args: { input: t.arg({ type: AuthorInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const holder = requireToken(context);
      const existingId = (await authorIdsBySlug(context.db, [input.slug])).get(input.slug) ?? null;
      const refusal = authorProfileRefusal(holder, existingId);
      if (refusal) throw forbidden(refusal);
      const id = await upsertAuthor(context.db, { ...input, avatarImageId: avatarImageId(input.avatarId) });
      await context.contentChanged();
      return changedRecord(context.loaders.author, id, 'author');
    },
  }),
  deleteAuthor: t.id({
    description: 'Deletes an author without posts or tokens (CONFLICT otherwise) and returns its id. Takes EDITOR.',
    args: { id: t.arg.globalID({ required: true, for: Author }) },
    resolve: async (_root, { id }, context) => {
      requireRole(context, 'EDITOR', 'Deleting an author');
      await deleteAuthor(context.db, rowId(id.id));
      await context.contentChanged();
      return encodeGlobalID('Author', rowId(id.id));
    },
  }),
}));

// The Image type comes with uploads; until it is in this schema the avatar is taken as a plain ID
// and decoded here. Absent keeps the avatar, null removes it.
function avatarImageId(id: string | number | null | undefined): number | null | undefined {
  if (id == null) return id as null | undefined;
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(String(id));
  } catch {
    throw badUserInput('input.avatarId', 'avatarId must be the id of an Image, as uploadImage answers it');
  }
  if (decoded.typename !== 'Image') throw badUserInput('input.avatarId', `avatarId must be the id of an Image, not of a ${decoded.typename}`);
  return rowId(decoded.id);
}
