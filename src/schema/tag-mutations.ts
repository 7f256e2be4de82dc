import { encodeGlobalID } from '@pothos/plugin-relay';
import { deleteTag, upsertTag } from '../editing/tags.js';
import { changedRecord, requireRole } from './authoring.js';
import { builder } from './builder.js';
import { rowId } from './ids.js';
import { Tag } from './tag.js';

const TagInput = builder.inputType('TagInput', {
  fields: (t) => ({
    slug: t.string({ required: true, description: 'Lowercase letters, digits and hyphens.' }),
    name: t.string({ description: 'Defaults to the slug for a new tag.' }),
    description: t.string({ description: 'Left out: kept; null: removed.' }),
  }),
});

builder.mutationFields((t) => ({
  upsertTag: t.field({
    type: Tag,
    description: 'Creates the tag with this slug, or updates its name and description.',
    args: { input: t.arg({ type: TagInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      requireRole(context, 'EDITOR', 'Creating or changing a tag directly (posts may still name new tags)');
      const id = await upsertTag(context.db, input);
      await context.contentChanged();
      return changedRecord(context.loaders.tag, id, 'tag');
    },
  }),
  deleteTag: t.id({
    description: 'Deletes a tag; its posts stay, without it. Returns the tag’s id.',
    args: { id: t.arg.globalID({ required: true, for: Tag }) },
    resolve: async (_root, { id }, context) => {
      requireRole(context, 'EDITOR', 'Deleting a tag');
      await deleteTag(context.db, rowId(id.id));
      await context.contentChanged();
      return encodeGlobalID('Tag', rowId(id.id));
    },
  }),
}));
