import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// The commands as a user runs them, in processes of their own, against a database of the test's.
const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');
let database: TestDatabase;
let work: string;

async function command(script: string, args: string[]) {
  try {
    const env = { ...process.env, DATABASE_URL: database.url, MEDIA_DIR: path.join(work, 'media') };
    const { stdout, stderr } = await run(tsx, [`src/cli/${script}.ts`, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  work = await mkdtemp(path.join(tmpdir(), 'folio-cli-'));
});

afterAll(async () => {
  await database?.drop();
  await rm(work, { recursive: true, force: true });
});

describe('npm run token', () => {
  it('creates a token for an author with a role, creating the author when asked', async () => {
    const missing = await command('token', ['create', '--name', 'ada laptop', '--author', 'ada', '--role', 'AUTHOR']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no author "ada"; create it with npm run author -- create/);
    const created = await command('token', ['create', '--name', 'ada laptop', '--author', 'ada', '--author-name', 'Ada L', '--role', 'author']);
    expect(created.stdout).toMatch(/Created AUTHOR token "ada laptop" for author "ada"/);
    expect((await command('token', ['list'])).stdout).toMatch(/ada laptop.*AUTHOR.*ada/);
    const badRole = await command('token', ['create', '--name', 'x', '--role', 'OWNER']);
    expect(badRole.stderr).toMatch(/--role must be one of CONTRIBUTOR, AUTHOR, EDITOR, ADMIN/);
  }, 120_000); // Each command is a fresh tsx process: slow on a busy machine.

  it('creates and lists authors', async () => {
    expect((await command('author', ['create', '--slug', 'grace', '--name', 'Grace Hopper'])).stdout).toMatch(/Saved author "grace"/);
    expect((await command('author', ['create', '--slug', 'nameless'])).stderr).toMatch(/needs a name/);
    expect((await command('author', ['list'])).stdout).toMatch(/grace.*Grace Hopper.*0.*0/);
  }, 120_000);

  it('creates, lists and revokes tokens', async () => {
    const created = await command('token', ['create', '--name', 'ci laptop']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Authorization: Bearer folio_[A-Za-z0-9_-]{43}/);
    const listed = await command('token', ['list']);
    expect(listed.stdout).toMatch(/ci laptop.*never.*no/);
    expect((await command('token', ['revoke', 'ci laptop'])).stdout).toMatch(/Revoked token "ci laptop"/);
    expect((await command('token', ['list'])).stdout).toMatch(/ci laptop.*never.*'\d{4}-\d\d-\d\dT[\d:.]+Z'/);
  }, 120_000);

  it('explains how to call it, and fails on a token that is not there', async () => {
    const usage = await command('token', ['create']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/create needs --name <name>/);
    expect(usage.stderr).not.toMatch(/at .*\.ts/);
    const unknownFlag = await command('token', ['list', '--bogus']);
    expect(unknownFlag.code).toBe(1);
    expect(unknownFlag.stderr).toMatch(/Unknown option '--bogus'[\s\S]*npm run token -- create --name/);
    expect(unknownFlag.stderr).not.toMatch(/at .*parse_args/);
    const missing = await command('token', ['revoke', 'nobody']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no active token named "nobody"/);
  }, 120_000);
});

describe('npm run import and export', () => {
  it('imports with progress and a summary, then exports what it imported', async () => {
    const folder = path.join(work, 'many');
    await mkdir(folder);
    for (let i = 0; i < 120; i++) {
      await writeFile(path.join(folder, `post-${i}.md`), `---\ntitle: Post ${i}\ndate: 2024-01-01\ntags: [bulk]\n---\n\nBody ${i}.\n`);
    }
    await writeFile(path.join(folder, 'broken.md'), 'no front matter here\n');

    const dryRun = await command('import', [folder, '--dry-run']);
    expect(dryRun.stdout).toMatch(/Dry run, nothing changed: 120 would be created, 0 would be updated, 0 unchanged, 1 failed/);

    const imported = await command('import', [folder]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/Importing: 13\/121 posts/);
    expect(imported.stderr).toMatch(/Importing: 121\/121 posts/);
    expect(imported.stdout).toMatch(/120 created, 0 updated, 0 unchanged, 1 failed/);
    expect(imported.stdout).toMatch(/failed {2}broken\.md: .*front matter/);

    expect((await command('import', [folder])).stdout).toMatch(/0 created, 0 updated, 120 unchanged, 1 failed/);

    const out = path.join(work, 'out');
    const exported = await command('export', [out]);
    // The authors the token tests made are exported too, when they ran first.
    expect(exported.stdout).toMatch(/Exported 120 posts and pages \(\d+ files\)/);
    expect((await readdir(path.join(out, 'content', 'posts'))).length).toBe(120);
    expect(await readdir(out)).toEqual(expect.arrayContaining(['content', 'hugo.toml', 'tags.yaml']));
  }, 120_000); // Four commands, each a fresh tsx process: slow on a busy machine.

  it('imports a Hugo site with its authors and images, and exports it with the images beside the posts', async () => {
    const imported = await command('import', [path.resolve('test/fixtures/hugo-site')]);
    expect(imported.stdout).toMatch(/6 created, 0 updated, 0 unchanged, 0 failed/);
    expect(imported.stdout).toMatch(/2 authors saved, 6 images added to the media library/);
    expect(imported.stdout).toMatch(/site settings taken from its config/);
    expect(imported.stdout).toMatch(/warning content\/posts\/my-post\/index.md: aliases: "\/\?p=42" ignored/);
    expect((await readdir(path.join(work, 'media'))).length).toBe(6);

    const out = path.join(work, 'site-out');
    expect((await command('export', [out])).code).toBe(0);
    expect((await readdir(path.join(out, 'content', 'posts', 'my-post'))).sort()).toEqual(['cover.jpg', 'diagram.png', 'index.md', 'network.png']);

    // Into the same folder again: refused, so an earlier export's files never mix with a new one.
    const again = await command('export', [out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/site-out: is not empty; export into a new or empty folder/);
    expect(again.stderr).not.toMatch(/\n\s+at /);
  }, 180_000);

  it('says what to do with a folder that is not there', async () => {
    const result = await command('import', [path.join(work, 'nowhere')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/does not exist; give a folder of Markdown files/);
  });
});
