import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name))).sort();
}

describe('the generated Prisma client', () => {
  it('is what `npm run db:generate` makes from prisma/schema.prisma', async () => {
    // Generate from a copy of the schema inside the project (so the generators resolve from
    // its node_modules), leaving the committed files untouched.
    await mkdir(path.join(root, '.data'), { recursive: true });
    const work = await mkdtemp(path.join(root, '.data', 'generate-'));
    try {
      await cp(path.join(root, 'prisma/schema.prisma'), path.join(work, 'prisma/schema.prisma'));
      await run(path.join(root, 'node_modules/.bin/prisma'), ['generate', '--schema', 'prisma/schema.prisma'], {
        cwd: work,
        env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      });
      const committed = path.join(root, 'src/db/generated');
      const fresh = path.join(work, 'src/db/generated');
      const files = await filesUnder(committed);
      expect(await filesUnder(fresh)).toEqual(files);
      for (const file of files) {
        const [a, b] = await Promise.all([readFile(path.join(committed, file), 'utf8'), readFile(path.join(fresh, file), 'utf8')]);
        expect(a, `${file} is stale: run npm run db:generate`).toBe(b);
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
