import { createHash } from 'node:crypto';

const names = new Map<string, string>();

/**
 * Names a statement by its text, so PostgreSQL parses and plans each distinct statement once per
 * connection and reuses the plan afterwards. The texts are bounded: filters pass their values as
 * parameters, so only the shape of a query changes its text; the names are remembered.
 */
export function preparedStatementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `folio_${createHash('sha1').update(sql).digest('base64url').slice(0, 20)}`;
    names.set(sql, name);
  }
  return name;
}
