import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The rules ARCHITECTURE.md gives for where code lives, checked on the sources.
const src = new URL('../src/', import.meta.url).pathname;

const sources = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.(ts|mts|mjs)$/.test(file) && !file.startsWith(`db${path.sep}generated`))
  .map((file) => ({ file: file.split(path.sep).join('/'), text: readFileSync(path.join(src, file), 'utf8') }));

function filesWhere(test: (text: string) => boolean): string[] {
  return sources.filter(({ text }) => test(text)).map(({ file }) => file).sort();
}

describe('the layers', () => {
  it('keep the GraphQL schema free of the HTTP server', () => {
    const importsHttp = filesWhere((text) => /from '\.\.\/http\//.test(text));
    expect(importsHttp.filter((file) => file.startsWith('schema/') || file.startsWith('request/'))).toEqual([]);
  });

  it('keep SQL under src/db', () => {
    const sendsSql = (text: string) => /Prisma\.sql`|\$executeRaw|\$queryRaw|\.rows</.test(text);
    expect(filesWhere(sendsSql).filter((file) => !file.startsWith('db/'))).toEqual([]);
  });

  it('keep who may see a post in one module', () => {
    expect(filesWhere((text) => /published_at\s*<=|publishedAt: \{ lte/.test(text))).toEqual(['db/queries/visibility.ts']);
  });
});
