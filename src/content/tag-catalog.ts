import { isMap, isNode, isScalar, LineCounter, parseDocument, stringify } from 'yaml';
import { ContentFormatError } from './format-error.js';

export interface TagInfo {
  name: string;
  description: string | null;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ENTRY_KEYS = new Set(['name', 'description']);

/**
 * The tag catalog is a YAML mapping from tag slug to its display name and description:
 *
 *     raspberry-pi:
 *       name: Raspberry Pi
 *       description: Running Kubernetes on a Raspberry Pi.
 */
export function parseTagCatalog(text: string, fileName?: string): Map<string, TagInfo> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const fail = (message: string, line: number | undefined) => new ContentFormatError(message, fileName, line);

  const [yamlError] = doc.errors;
  if (yamlError) throw fail(`invalid YAML: ${yamlError.message}`, lineAt(yamlError.pos[0]));

  const catalog = new Map<string, TagInfo>();
  if (doc.contents === null) return catalog;
  if (!isMap(doc.contents)) throw fail('expected a mapping from tag slug to { name, description }', 1);

  for (const { key, value } of doc.contents.items) {
    const slug = isScalar(key) ? key.value : undefined;
    const line = isNode(key) && key.range ? lineAt(key.range[0]) : undefined;
    if (typeof slug !== 'string' || !SLUG.test(slug)) {
      throw fail(`${JSON.stringify(slug)} is not a tag slug; expected lowercase a-z, 0-9 and hyphens`, line);
    }
    catalog.set(slug, parseEntry(slug, isMap(value) ? value.toJS(doc) : undefined, (message) => fail(message, line)));
  }
  return catalog;
}

/** The catalog as parseTagCatalog reads it, in slug order; a tag without a description has none written. */
export function formatTagCatalog(catalog: Map<string, TagInfo>): string {
  const entries = [...catalog].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const document = Object.fromEntries(
    entries.map(([slug, { name, description }]) => [slug, description === null ? { name } : { name, description }]),
  );
  return entries.length === 0 ? '' : stringify(document, { lineWidth: 0, blockQuote: 'literal' });
}

function parseEntry(slug: string, entry: unknown, fail: (message: string) => ContentFormatError): TagInfo {
  if (typeof entry !== 'object' || entry === null) {
    throw fail(`tag ${slug} must be a mapping with a name and an optional description`);
  }
  const unknownKey = Object.keys(entry).find((key) => !ENTRY_KEYS.has(key));
  if (unknownKey !== undefined) {
    throw fail(`tag ${slug} has an unknown key ${JSON.stringify(unknownKey)}; expected name or description`);
  }
  const { name, description = null } = entry as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '') {
    throw fail(`tag ${slug} needs a name: the display name as text`);
  }
  if (description !== null && typeof description !== 'string') {
    throw fail(`the description of tag ${slug} must be text`);
  }
  return { name, description };
}
