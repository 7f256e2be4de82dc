import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type PothosOutputFieldType, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver, GraphQLTypeResolver } from 'graphql';
import { type KeyedKind, LIST_KEYS, rowKey } from '../delivery/cache-keys.js';
import type { RequestContext } from '../request/context.js';

// Records in the request's `answerKeys` the cache keys of what an answer holds (see
// delivery/cache-keys.ts), as its fields resolve: the key of each Post, Page, Tag, Author or Image
// row a field returns, and a list key for each field whose answer depends on which rows exist.
// Which fields record what is decided once, when the schema is built; a field that records
// nothing is left unwrapped and costs nothing.

const KIND_OF_TYPE: Record<string, KeyedKind> = { Post: 'post', Page: 'page', Tag: 'tag', Author: 'author', Image: 'image' };

const LIST_KEY_OF_TYPE: Record<string, string> = {
  PostConnection: LIST_KEYS.posts,
  PageConnection: LIST_KEYS.pages,
  TagConnection: LIST_KEYS.tags,
  AuthorConnection: LIST_KEYS.authors,
  // The archive counts posts per month.
  ArchiveYear: LIST_KEYS.posts,
  Site: LIST_KEYS.site,
};

// A lookup that found nothing changes when a row of its kind is added: it answers with that list's key.
const LIST_KEY_OF_KIND: Partial<Record<KeyedKind, string>> = { post: LIST_KEYS.posts, page: LIST_KEYS.pages, tag: LIST_KEYS.tags, author: LIST_KEYS.authors };

// Counts of posts, wherever they are asked for.
const LIST_KEY_OF_FIELD: Record<string, string> = { postCount: LIST_KEYS.posts };

type Resolver = GraphQLFieldResolver<unknown, RequestContext, object>;

export class AnswerKeysPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(resolver: GraphQLFieldResolver<unknown, Types['Context'], object>, fieldConfig: PothosOutputFieldConfig<Types>): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const typeName = this.namedType(fieldConfig.type);
    const kind = KIND_OF_TYPE[typeName];
    // A post's neighbours and related posts change whenever posts come and go.
    const listKey = LIST_KEY_OF_TYPE[typeName] ?? LIST_KEY_OF_FIELD[fieldConfig.name] ?? (kind === 'post' && fieldConfig.parentType === 'Post' ? LIST_KEYS.posts : undefined);
    if (!kind && !listKey) return resolver;
    const wrapped: Resolver = (parent, args, context, info) => {
      if (listKey) context.answerKeys.add(listKey);
      const result = (resolver as Resolver)(parent, args, context, info);
      if (!kind) return result;
      if (result instanceof Promise) return result.then((value: unknown) => recordRows(context.answerKeys, kind, value));
      return recordRows(context.answerKeys, kind, result);
    };
    return wrapped as GraphQLFieldResolver<unknown, Types['Context'], object>;
  }

  // Node and ContentNode fields learn the row's type only here.
  override wrapResolveType(resolveType: GraphQLTypeResolver<unknown, Types['Context']>): GraphQLTypeResolver<unknown, Types['Context']> {
    return (value, context, info, abstractType) => {
      const resolved = resolveType(value, context, info, abstractType);
      const record = (typeName: string | undefined) => {
        const kind = typeName === undefined ? undefined : KIND_OF_TYPE[typeName];
        if (kind) recordRows((context as RequestContext).answerKeys, kind, value);
        return typeName;
      };
      return resolved instanceof Promise ? resolved.then(record) : record(resolved);
    };
  }

  private namedType(type: PothosOutputFieldType<Types>): string {
    return type.kind === 'List' ? this.namedType(type.type) : this.buildCache.getTypeConfig(type.ref).name;
  }
}

function recordRows<T>(keys: Set<string>, kind: KeyedKind, value: T): T {
  if (Array.isArray(value)) for (const row of value) recordRow(keys, kind, row);
  else if (value == null) {
    const listKey = LIST_KEY_OF_KIND[kind];
    if (listKey) keys.add(listKey);
  } else recordRow(keys, kind, value);
  return value;
}

function recordRow(keys: Set<string>, kind: KeyedKind, row: unknown): void {
  const id = (row as { id?: unknown } | null | undefined)?.id;
  if (typeof id === 'number') keys.add(rowKey(kind, id));
}

declare global {
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      answerKeys: AnswerKeysPlugin<Types>;
    }
  }
}

const pluginName = 'answerKeys';
SchemaBuilder.registerPlugin(pluginName, AnswerKeysPlugin);

export default pluginName;
