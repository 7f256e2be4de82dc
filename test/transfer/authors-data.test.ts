import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ContentFormatError } from '../../src/content/format-error.js';
import {
  authorFilePath,
  formatAuthorFile,
  parseAuthorFile,
  parseAuthorsMap,
  readAuthorsData,
  type AuthorData,
} from '../../src/transfer/authors-data.js';

const hugoSite = fileURLToPath(new URL('../fixtures/hugo-site/', import.meta.url));

describe('parseAuthorFile', () => {
  it("reads Hugo's one file per author, the slug from the file name, handles made URLs", () => {
    const warnings: string[] = [];
    const text = 'name: 李雷\nbio: 工程师\navatar: /images/li.jpg\nwebsite: https://li.example\nsocial:\n  github: lilei\n  twitter: "@lilei_dev"\n';
    expect(parseAuthorFile(text, 'data/authors/li-lei.yaml', warnings)).toEqual({
      slug: 'li-lei',
      name: '李雷',
      bio: '工程师',
      avatarPath: '/images/li.jpg',
      website: 'https://li.example',
      socialLinks: [
        { kind: 'github', url: 'https://github.com/lilei' },
        { kind: 'twitter', url: 'https://x.com/lilei_dev' },
      ],
    });
    expect(warnings).toEqual([]);
  });

  it('reads TOML and the other names themes use, and falls back to the slug for a name', () => {
    const text = 'description = "Bio"\nimage = "me.png"\nurl = "https://me.example"\n';
    expect(parseAuthorFile(text, 'data/authors/me.toml')).toEqual({
      slug: 'me',
      name: 'me',
      bio: 'Bio',
      avatarPath: 'me.png',
      website: 'https://me.example',
      socialLinks: [],
    });
  });

  it('leaves out, with a warning, a handle whose kind has no known profile address', () => {
    const warnings: string[] = [];
    const author = parseAuthorFile('name: A\nsocial:\n  mastodon: "@a@hachyderm.io"\n  github: a\n', 'data/authors/a.yaml', warnings);
    expect(author.socialLinks).toEqual([{ kind: 'github', url: 'https://github.com/a' }]);
    expect(warnings).toEqual(['data/authors/a.yaml: social.mastodon "@a@hachyderm.io" ignored: give the full URL']);
  });

  it('refuses a file whose name is no slug, and a name that is not text', () => {
    expect(() => parseAuthorFile('name: A', 'data/authors/Jane Doe.yaml')).toThrow(/the file name must be the author's slug/);
    expect(() => parseAuthorFile('name: [A]', 'data/authors/a.yaml')).toThrow(ContentFormatError);
    expect(() => parseAuthorFile('name: A\nsocial: github', 'data/authors/a.yaml')).toThrow(
      /social must be a mapping of kind to URL, or a list of \{ kind, url \}/,
    );
  });
});

describe('parseAuthorsMap', () => {
  it("reads Jekyll's _data/authors.yml, slugifying keys that are names", () => {
    const text = 'jane:\n  name: Jane\n  picture: /a/jane.png\nZhang San:\n  name: 张三\n';
    expect(parseAuthorsMap(text, '_data/authors.yml').map((author) => [author.slug, author.name, author.avatarPath])).toEqual([
      ['jane', 'Jane', '/a/jane.png'],
      ['zhang-san', '张三', null],
    ]);
  });

  it('refuses an entry that is not a mapping', () => {
    expect(() => parseAuthorsMap('jane: Jane\n', '_data/authors.yml')).toThrow(/_data\/authors.yml: jane must be a mapping/);
  });
});

describe('formatAuthorFile', () => {
  const author: AuthorData = {
    slug: 'jane-doe',
    name: 'Jane Doe',
    bio: 'Line one.\nLine two: yes.',
    avatarPath: '/images/authors/jane-doe.jpg',
    website: 'https://jane.example.com',
    socialLinks: [
      { kind: 'mastodon', url: 'https://hachyderm.io/@jane' },
      { kind: 'github', url: 'https://github.com/janedoe' },
    ],
  };

  it('writes what parseAuthorFile reads back, as the mapping themes read', () => {
    const text = formatAuthorFile(author);
    expect(text).toBe(
      [
        'name: Jane Doe',
        'bio: |-',
        '  Line one.',
        '  Line two: yes.',
        'avatar: /images/authors/jane-doe.jpg',
        'website: https://jane.example.com',
        'social:',
        '  mastodon: https://hachyderm.io/@jane',
        '  github: https://github.com/janedoe',
        '',
      ].join('\n'),
    );
    expect(parseAuthorFile(text, authorFilePath('jane-doe'))).toEqual(author);
  });

  it('writes a list when a kind repeats, and leaves out what is unset', () => {
    const twice: AuthorData = {
      ...author,
      bio: null,
      avatarPath: null,
      website: null,
      socialLinks: [
        { kind: 'github', url: 'https://github.com/a' },
        { kind: 'github', url: 'https://github.com/b' },
      ],
    };
    const text = formatAuthorFile(twice);
    expect(text).toBe('name: Jane Doe\nsocial:\n  - kind: github\n    url: https://github.com/a\n  - kind: github\n    url: https://github.com/b\n');
    expect(parseAuthorFile(text, authorFilePath('jane-doe'))).toEqual(twice);
  });
});

describe('readAuthorsData', () => {
  it("reads the fixture site's data/authors folder in slug order, and formats each back to a file that reads the same", async () => {
    const { authors, files, warnings } = await readAuthorsData(hugoSite);
    expect(files).toEqual(['data/authors/jane-doe.yaml', 'data/authors/li-lei.yaml']);
    expect(warnings).toEqual([]);
    expect(authors.map((author) => [author.slug, author.name, author.avatarPath])).toEqual([
      ['jane-doe', 'Jane Doe', '/images/authors/jane-doe.jpg'],
      ['li-lei', '李雷', '/images/authors/li-lei.jpg'],
    ]);
    expect(authors[1]!.socialLinks).toEqual([
      { kind: 'github', url: 'https://github.com/lilei' },
      { kind: 'twitter', url: 'https://x.com/lilei_dev' },
    ]);
    for (const author of authors) {
      const again = formatAuthorFile(parseAuthorFile(formatAuthorFile(author), authorFilePath(author.slug)));
      expect(again).toBe(formatAuthorFile(author));
    }
  });

  it('finds no authors in a folder without data files', async () => {
    expect(await readAuthorsData(path.join(hugoSite, 'content'))).toEqual({ authors: [], files: [], warnings: [] });
  });
});
