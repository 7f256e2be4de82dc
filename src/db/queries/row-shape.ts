import { Prisma } from '../generated/prisma/client.js';

/**
 * The one definition of a row that statements load: each field of a Prisma model it carries,
 * and the column that holds it. The SQL select list, the JSON object, the Prisma `select` and
 * (through `RowOf`) the TypeScript type all come from it, so none can name a field the others lack.
 */
export interface RowShape<Field extends string> {
  readonly fields: Readonly<Record<Field, string>>;
  /** The select list for a table aliased `alias`, each column named as the model names it. */
  columns(alias: string): Prisma.Sql;
  /** The row as a JSON object, for rows nested in another row (json renders dates as strings). */
  json(alias: string): Prisma.Sql;
  /** The Prisma `select` for the same fields: what test/db/row-shapes.test.ts holds the SQL to. */
  readonly select: Readonly<Record<Field, true>>;
}

/** The TypeScript type of a row of `shape`, as the model types each field. */
export type RowOf<Model, Shape extends RowShape<string>> = Pick<Model, Extract<keyof Shape['fields'], keyof Model>>;

/** A row of `Model`: `rowShape<Post>()({ wordCount: 'word_count', ... })`. */
export function rowShape<Model>() {
  return <const Field extends keyof Model & string>(fields: Record<Field, string>): RowShape<Field> => {
    const entries = Object.entries<string>(fields);
    return {
      fields,
      columns: (alias) =>
        Prisma.raw(entries.map(([field, column]) => (field === column ? `${alias}.${column}` : `${alias}.${column} AS "${field}"`)).join(', ')),
      json: (alias) => Prisma.raw(`json_build_object(${entries.map(([field, column]) => `'${field}', ${alias}.${column}`).join(', ')})`),
      select: Object.fromEntries(entries.map(([field]) => [field, true])) as Record<Field, true>,
    };
  };
}
