import { describe, expect, it } from 'vitest';
import { ContentFormatError } from '../../src/content/format-error.js';
import { formatPostFile, parsePostFile, type PostFileContent } from '../../src/content/front-matter.js';

const may12 = new Date('2024-05-12T00:00:00.000Z');

function parseError(text: string, fileName = 'post.md'): ContentFormatError {
  try {
    parsePostFile(text, fileName);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentFormatError);
    return error as ContentFormatError;
  }
  throw new Error('expected parsePostFile to fail');
}

const yamlPost = (frontMatter: string, body = 'Body.\n') => `---\n${frontMatter}\n---\n\n${body}`;

describe('parsePostFile', () => {
  it('reads YAML front matter and the markdown after it', () => {
    const text = yamlPost(
      [
        'title: "Rust中的迭代器iter"',
        'slug: rust-iterators',
        'date: 2023-11-16',
        'tags: [rust, iterators]',
        'draft: true',
        'summary: 迭代器模式允许你对一个序列的项进行某些处理。',
        'layout: post',
      ].join('\n'),
      '## 迭代器分类\n\ntext\n',
    );
    expect(parsePostFile(text, 'content/posts/ignored.md')).toEqual({
      title: 'Rust中的迭代器iter',
      slug: 'rust-iterators',
      date: new Date('2023-11-16T00:00:00.000Z'),
      updated: null,
      tags: ['rust', 'iterators'],
      draft: true,
      summary: '迭代器模式允许你对一个序列的项进行某些处理。',
      kind: 'POST',
      authors: [],
      coverImage: null,
      seo: {},
      formerSlugs: [],
      markdown: '## 迭代器分类\n\ntext\n',
      warnings: [],
    });
  });

  it('reads Hugo TOML front matter between +++ lines', () => {
    const text = [
      '+++',
      'title = "Raspberry Pi 安装Kubernetes"',
      'date = 2024-02-02T08:30:00+08:00',
      'lastmod = 2024-03-01',
      'tags = ["kubernetes", "raspberry-pi"]',
      'draft = false',
      'description = "arm64 架构"',
      '+++',
      '',
      'Body.',
    ].join('\n');
    expect(parsePostFile(text, 'content/posts/install-kubernetes-on-raspberry-pi.md')).toEqual({
      title: 'Raspberry Pi 安装Kubernetes',
      slug: 'install-kubernetes-on-raspberry-pi',
      date: new Date('2024-02-02T00:30:00.000Z'),
      updated: new Date('2024-03-01T00:00:00.000Z'),
      tags: ['kubernetes', 'raspberry-pi'],
      draft: false,
      summary: 'arm64 架构',
      kind: 'POST',
      authors: [],
      coverImage: null,
      seo: { description: 'arm64 架构' },
      formerSlugs: [],
      markdown: 'Body.',
      warnings: [],
    });
  });

  it('reads TOML local dates and date-times as UTC, and returns plain Dates', () => {
    const toml = (date: string) => `+++\ntitle = "t"\ndate = ${date}\n+++\n`;
    const dateOnly = parsePostFile(toml('2024-05-12'), 'a.md').date;
    expect(dateOnly).toEqual(may12);
    expect(dateOnly?.constructor).toBe(Date);
    expect(parsePostFile(toml('2024-05-12T10:00:00'), 'a.md').date).toEqual(new Date('2024-05-12T10:00:00Z'));
  });

  it('rejects a TOML time of day as a date', () => {
    expect(parseError('+++\ntitle = "t"\ndate = 10:00:00\n+++\n').message).toMatch(/date is a time of day without a date/);
  });

  describe('dates', () => {
    const dateOf = (value: string) => parsePostFile(yamlPost(`title: t\ndate: ${value}`), 'a.md').date?.toISOString();

    it.each([
      ['2024-05-12', '2024-05-12T00:00:00.000Z'],
      ['2024-05-12T00:00:00.000Z', '2024-05-12T00:00:00.000Z'],
      ['2024-05-12T08:30:00+08:00', '2024-05-12T00:30:00.000Z'],
      ['2024-05-12T08:30:00-0130', '2024-05-12T10:00:00.000Z'],
      ['2024-05-12 10:00:00 +0800', '2024-05-12T02:00:00.000Z'],
      ['2024-05-12T10:00', '2024-05-12T10:00:00.000Z'],
      ['"2024-05-12T10:00:00.1234"', '2024-05-12T10:00:00.123Z'],
    ])('reads %s as %s', (value, expected) => {
      expect(dateOf(value)).toBe(expected);
    });

    it('prefers Hugo publishDate over date', () => {
      const post = parsePostFile(yamlPost('title: t\ndate: 2020-01-01\npublishDate: 2024-05-12'), 'a.md');
      expect(post.date).toEqual(may12);
    });

    it('reads the last change from lastmod, updated or last_modified_at, in that order', () => {
      const updatedOf = (fields: string) => parsePostFile(yamlPost(`title: t\ndate: 2020-01-01\n${fields}`), 'a.md').updated;
      expect(updatedOf('lastmod: 2024-05-12\nupdated: 2021-01-01')).toEqual(may12);
      expect(updatedOf('updated: 2024-05-12\nlast_modified_at: 2021-01-01')).toEqual(may12);
      expect(updatedOf('last_modified_at: 2024-05-12 00:00:00 +0000')).toEqual(may12);
      expect(updatedOf('')).toBeNull();
      expect(() => updatedOf('lastmod: soon')).toThrow(/unknown date "soon" in lastmod/);
    });

    it('is null when neither the front matter nor the file name has one', () => {
      expect(parsePostFile(yamlPost('title: t'), 'my-post.md').date).toBeNull();
    });

    it.each(['May 12, 2024', '2024-02-30', '2024-05-12T25:00:00Z', '12/05/2024'])('rejects %j', (value) => {
      const error = parseError(yamlPost(`title: t\ndate: ${value}`), 'posts/a.md');
      expect(error.file).toBe('posts/a.md');
      expect(error.message).toMatch(/^posts\/a\.md: unknown date ".*" in date; expected YYYY-MM-DD or an ISO-8601 date-time/);
    });

    it('rejects a date that is not text or a date', () => {
      expect(parseError(yamlPost('title: t\ndate: 20240512')).message).toMatch(/date must be a date, found number 20240512/);
    });
  });

  describe('slug and date from the file name', () => {
    it.each([
      ['_posts/2024-05-12-git-overlooked-usages.md', 'git-overlooked-usages', may12],
      ['content/posts/rust-iterators.md', 'rust-iterators', null],
      ['content/posts/Rust-Iterators.markdown', 'rust-iterators', null],
      ['content/posts/rust-iterators/index.md', 'rust-iterators', null],
      ['content\\posts\\rust-iterators\\index.md', 'rust-iterators', null],
      ['content/posts/2024-13-40-not-a-date.md', '2024-13-40-not-a-date', null],
      ['content/posts/迭代器.md', null, null],
      ['content/posts/my_post.md', null, null],
    ])('%s gives slug %j', (fileName, slug, date) => {
      const post = parsePostFile(yamlPost('title: t'), fileName);
      expect(post.slug).toBe(slug);
      expect(post.date).toEqual(date);
    });

    it('lets the front matter override both', () => {
      const post = parsePostFile(yamlPost('title: t\nslug: chosen\ndate: 2020-01-01'), '_posts/2024-05-12-from-name.md');
      expect(post.slug).toBe('chosen');
      expect(post.date).toEqual(new Date('2020-01-01T00:00:00.000Z'));
    });
  });

  describe('tags', () => {
    const tagsOf = (frontMatter: string) => parsePostFile(yamlPost(`title: t\n${frontMatter}`), 'a.md').tags;

    it('reads a list, trimmed', () => {
      expect(tagsOf('tags:\n  - " rust "\n  - Raspberry Pi')).toEqual(['rust', 'Raspberry Pi']);
    });

    it("reads Jekyll's space-separated string", () => {
      expect(tagsOf('tags: rust  closures')).toEqual(['rust', 'closures']);
    });

    it('merges categories after tags, without duplicates', () => {
      expect(tagsOf('tags: [rust, closures]\ncategories: [rust, programming]')).toEqual(['rust', 'closures', 'programming']);
    });

    it('is empty when absent or null', () => {
      expect(tagsOf('')).toEqual([]);
      expect(tagsOf('tags:')).toEqual([]);
    });

    it('rejects tags that are not strings', () => {
      expect(parseError(yamlPost('title: t\ntags: [rust, 2024]')).message).toMatch(
        /tags must be a list of non-empty strings; item 2 is number 2024/,
      );
      expect(parseError(yamlPost('title: t\ntags: {rust: true}')).message).toMatch(/tags must be a list of strings, found a mapping/);
      expect(parseError(yamlPost('title: t\ncategories: [""]')).message).toMatch(/categories must be a list of non-empty strings/);
    });
  });

  describe('draft', () => {
    const draftOf = (frontMatter: string) => parsePostFile(yamlPost(`title: t\n${frontMatter}`), 'a.md').draft;

    it('is false unless marked', () => {
      expect(draftOf('')).toBe(false);
      expect(draftOf('draft: false\npublished: true')).toBe(false);
    });

    it("reads Hugo's draft: true and Jekyll's published: false", () => {
      expect(draftOf('draft: true')).toBe(true);
      expect(draftOf('published: false')).toBe(true);
    });

    it('rejects a value that is not a boolean', () => {
      expect(parseError(yamlPost('title: t\ndraft: "yes"')).message).toMatch(/draft must be true or false, found "yes"/);
      expect(parseError(yamlPost('title: t\npublished: 2024-05-12')).message).toMatch(/published must be true or false/);
    });
  });

  describe('summary', () => {
    it('prefers summary over description', () => {
      const post = parsePostFile(yamlPost('title: t\ndescription: from description\nsummary: from summary'), 'a.md');
      expect(post.summary).toBe('from summary');
    });

    it('falls back to description, else null', () => {
      expect(parsePostFile(yamlPost('title: t\ndescription: d'), 'a.md').summary).toBe('d');
      expect(parsePostFile(yamlPost('title: t'), 'a.md').summary).toBeNull();
    });
  });

  describe('the markdown body', () => {
    it('drops one blank line after the front matter and keeps the rest exactly', () => {
      expect(parsePostFile('---\ntitle: t\n---\n\n\n  indented\n\ntrailing\n\n', 'a.md').markdown).toBe('\n  indented\n\ntrailing\n\n');
      expect(parsePostFile('---\ntitle: t\n---\nno blank line', 'a.md').markdown).toBe('no blank line');
      expect(parsePostFile('---\ntitle: t\n---', 'a.md').markdown).toBe('');
    });

    it('may itself start with --- or +++', () => {
      expect(parsePostFile('---\ntitle: t\n---\n---\nmore\n---\n', 'a.md').markdown).toBe('---\nmore\n---\n');
      expect(parsePostFile('+++\ntitle = "t"\n+++\n\n+++\n', 'a.md').markdown).toBe('+++\n');
    });

    it('tolerates a byte-order mark and CRLF line ends', () => {
      const post = parsePostFile('\uFEFF---\r\ntitle: t\r\ntags: [a]\r\n---\r\n\r\nline one\r\nline two\r\n', 'a.md');
      expect(post.title).toBe('t');
      expect(post.tags).toEqual(['a']);
      expect(post.markdown).toBe('line one\r\nline two\r\n');
    });
  });

  describe('rejects', () => {
    it('a file without a title, naming the file', () => {
      const error = parseError(yamlPost('slug: s'), 'content/posts/s.md');
      expect(error.file).toBe('content/posts/s.md');
      expect(error.message).toBe('content/posts/s.md: the front matter has no title; add a line such as `title: My post`');
    });

    it('an empty or non-text title, though an unquoted number is its text, as Hugo reads it', () => {
      expect(parseError(yamlPost('title: "  "')).message).toMatch(/has no title/);
      expect(parseError(yamlPost('title: [1984]')).message).toMatch(/title must be text, found/);
      expect(parsePostFile(yamlPost('title: 1984\nslug: 2024'), 'post.md')).toMatchObject({ title: '1984', slug: '2024' });
    });

    it('an empty slug', () => {
      expect(parseError(yamlPost('title: t\nslug: ""')).message).toMatch(/slug is empty/);
    });

    it('a file without front matter', () => {
      const error = parseError('# Just markdown\n');
      expect(error.line).toBe(1);
      expect(error.message).toMatch(/expected front matter: the first line must be --- \(YAML\) or \+\+\+ \(TOML\)/);
    });

    it('front matter that is never closed', () => {
      expect(parseError('---\ntitle: t\n\nBody\n').message).toMatch(/opened with --- is never closed/);
      expect(parseError('+++\ntitle = "t"\n---\n').message).toMatch(/opened with \+\+\+ is never closed/);
    });

    it('invalid YAML, with the line in the file', () => {
      const error = parseError('---\ntitle: t\nslug: s\nsummary: a: b\n---\n');
      expect(error.line).toBe(4);
      expect(error.message).toMatch(/^post\.md:4: invalid YAML front matter: [^\n]+$/);
      expect(parseError('---\ntitle: a\ntitle: b\n---\n')).toMatchObject({ line: 3, message: expect.stringMatching(/unique/) });
    });

    it('invalid TOML, with the line in the file', () => {
      const error = parseError('+++\ntitle = "t"\ndate = \n+++\n');
      expect(error.line).toBe(3);
      expect(error.message).toMatch(/^post\.md:3: invalid TOML front matter: [^\n]+$/);
    });

    it('front matter that is not a mapping', () => {
      expect(parseError('---\n- a\n- b\n---\n').message).toMatch(/must be a mapping/);
    });
  });
});

describe('the content model', () => {
  describe('kind', () => {
    const kindOf = (frontMatter: string, fileName = 'content/posts/a.md', contentFolder?: string) =>
      parsePostFile(yamlPost(`title: t\n${frontMatter}`), fileName, contentFolder === undefined ? {} : { contentFolder }).kind;

    it('is PAGE for type: page or layout: page, and POST for post or posts', () => {
      expect(kindOf('type: page')).toBe('PAGE');
      expect(kindOf('layout: Page')).toBe('PAGE');
      expect(kindOf('type: post', 'pages/a.md')).toBe('POST');
      expect(kindOf('layout: posts', 'about.md', '')).toBe('POST');
    });

    it('is PAGE under a pages folder', () => {
      expect(kindOf('', 'content/pages/uses.md')).toBe('PAGE');
      expect(kindOf('', 'pages/now/index.md')).toBe('PAGE');
    });

    it('is PAGE outside every section of a content folder, POST inside one', () => {
      expect(kindOf('', 'content/about.md', 'content/')).toBe('PAGE');
      expect(kindOf('', 'content/about/index.md', 'content/')).toBe('PAGE');
      expect(kindOf('', 'content/posts/a.md', 'content/')).toBe('POST');
      expect(kindOf('', 'content/posts/a/index.md', 'content/')).toBe('POST');
    });

    it('is POST for a top-level file when there is no content folder (a flat export)', () => {
      expect(kindOf('', 'about.md')).toBe('POST');
    });
  });

  describe('authors', () => {
    it('reads authors then author, slugified, without duplicates', () => {
      const post = parsePostFile(yamlPost('title: t\nauthors: [Jane Doe, 张三]\nauthor: jane-doe'), 'a.md');
      expect(post.authors).toEqual(['jane-doe', 'zhang-san']);
    });

    it('takes a single author, or a list under author', () => {
      expect(parsePostFile(yamlPost('title: t\nauthor: 李雷'), 'a.md').authors).toEqual(['li-lei']);
      expect(parsePostFile(yamlPost('title: t\nauthor: [a, b]'), 'a.md').authors).toEqual(['a', 'b']);
    });

    it('rejects an author that is not text', () => {
      expect(parseError(yamlPost('title: t\nauthors: [1]')).message).toMatch(/authors must be text or a list of non-empty strings; item 1 is number 1/);
    });
  });

  describe('cover image', () => {
    const coverOf = (frontMatter: string) => parsePostFile(yamlPost(`title: t\n${frontMatter}`), 'a.md').coverImage;

    it('prefers cover.image, then image, then featured_image, then images[0]', () => {
      const all = 'cover:\n  image: c.jpg\n  alt: C\nimage: i.jpg\nfeatured_image: f.jpg\nimages: [a.jpg, b.jpg]';
      expect(coverOf(all)).toEqual({ path: 'c.jpg', alt: 'C' });
      expect(coverOf('image: i.jpg\nfeatured_image: f.jpg\nimages: [a.jpg]')).toEqual({ path: 'i.jpg', alt: null });
      expect(coverOf('featured_image: f.jpg\nimages: [a.jpg]')).toEqual({ path: 'f.jpg', alt: null });
      expect(coverOf('images: [a.jpg, b.jpg]\nimage_alt: A')).toEqual({ path: 'a.jpg', alt: 'A' });
      expect(coverOf('')).toBeNull();
    });

    it("reads jekyll-seo-tag's image mapping and skips PaperMod's empty cover", () => {
      expect(coverOf('image:\n  path: /i.png\n  alt: I')).toEqual({ path: '/i.png', alt: 'I' });
      expect(coverOf('cover:\n  image: ""\n  hidden: true\nimage: i.jpg')).toEqual({ path: 'i.jpg', alt: null });
    });

    it('rejects a cover that is neither a path nor a mapping', () => {
      expect(parseError(yamlPost('title: t\ncover: [a.jpg]')).message).toMatch(/cover must be an image path or a mapping with image, found a list/);
      expect(parseError(yamlPost('title: t\ncover:\n  image: a.jpg\n  alt: 3')).message).toMatch(/post.md: cover.alt must be text, found number 3/);
    });
  });

  describe('SEO', () => {
    const seoOf = (frontMatter: string) => parsePostFile(yamlPost(`title: t\n${frontMatter}`), 'a.md').seo;

    it('reads description, seo_title, canonical_url and noindex', () => {
      expect(seoOf('description: D\nseo_title: T\ncanonical_url: https://x.org/a\nnoindex: true')).toEqual({
        title: 'T',
        description: 'D',
        canonicalUrl: 'https://x.org/a',
        noIndex: true,
      });
    });

    it("reads PaperMod's canonicalURL and robotsNoIndex, and a robots meta value", () => {
      expect(seoOf('canonicalURL: https://x.org/b\nrobotsNoIndex: true')).toEqual({ canonicalUrl: 'https://x.org/b', noIndex: true });
      expect(seoOf('robots: "noindex, follow"')).toEqual({ noIndex: true });
      expect(seoOf('robots: index, follow')).toEqual({ noIndex: false });
    });

    it('is empty when the file says nothing', () => {
      expect(seoOf('summary: s')).toEqual({});
    });
  });

  describe('former slugs', () => {
    it('takes the last segment of each alias and redirect_from, without the current slug', () => {
      const post = parsePostFile(
        yamlPost('title: t\nslug: now\naliases: [/posts/old-one/, /2019/05/Old-Two.html, now, old-one]\nredirect_from: /blog/three'),
        'a.md',
      );
      expect(post.formerSlugs).toEqual(['old-one', 'old-two', 'three']);
      expect(post.warnings).toEqual([]);
    });

    it('ignores, with a warning, an alias that names no slug', () => {
      const post = parsePostFile(yamlPost('title: t\naliases: [/, /?p=42, /posts/ok/, /旧文章/]'), 'a.md');
      expect(post.formerSlugs).toEqual(['ok']);
      expect(post.warnings).toEqual([
        'aliases: "/" ignored: its last path segment is no slug',
        'aliases: "/?p=42" ignored: its last path segment is no slug',
        'aliases: "/旧文章/" ignored: its last path segment is no slug',
      ]);
    });
  });
});

describe('formatPostFile', () => {
  const post: PostFileContent = {
    title: 'Rust中与闭包相关的三个trait',
    slug: 'rust-closure-traits',
    date: new Date('2023-11-28T00:00:00.000Z'),
    updated: null,
    tags: ['rust', 'closures'],
    draft: false,
    summary: '第一行\n第二行 …',
    kind: 'POST',
    authors: [],
    coverImage: null,
    seo: {},
    formerSlugs: [],
    markdown: '## 闭包trait分类\n\ntext\n',
  };

  it('writes the keys in a fixed order, a blank line, then the markdown', () => {
    expect(formatPostFile(post)).toBe(
      [
        '---',
        'title: Rust中与闭包相关的三个trait',
        'slug: rust-closure-traits',
        'date: 2023-11-28T00:00:00.000Z',
        'tags:',
        '  - rust',
        '  - closures',
        'summary: |-',
        '  第一行',
        '  第二行 …',
        '---',
        '',
        '## 闭包trait分类',
        '',
        'text',
        '',
      ].join('\n'),
    );
  });

  it('omits a null date and summary, writes empty tags, and writes draft only when true', () => {
    expect(formatPostFile({ ...post, date: null, summary: null, tags: [], draft: true, markdown: 'x' })).toBe(
      '---\ntitle: Rust中与闭包相关的三个trait\nslug: rust-closure-traits\ntags: []\ndraft: true\n---\n\nx',
    );
  });

  it('writes the last change as lastmod, after the date', () => {
    expect(formatPostFile({ ...post, updated: new Date('2024-01-02T03:04:05.000Z') })).toContain(
      '\ndate: 2023-11-28T00:00:00.000Z\nlastmod: 2024-01-02T03:04:05.000Z\ntags:',
    );
  });

  it('writes a long one-line summary on one line', () => {
    const summary = '很长的摘要 '.repeat(60).trim();
    expect(formatPostFile({ ...post, summary })).toContain(`\nsummary: ${summary}\n`);
  });

  describe('round-trips through parsePostFile', () => {
    const cases: Array<[string, Partial<PostFileContent>]> = [
      ['the base post', {}],
      ['CJK and full-width punctuation', { title: '什么是 FQDN:域名解析「原理」', summary: '中文,摘要。' }],
      ['quotes', { title: `He said "hi" and it's fine`, summary: `'single' "double" ‘curly’` }],
      ['colons and hashes', { title: 'key: value # not a comment', summary: '#hashtag: yes' }],
      ['leading and trailing spaces', { title: '  padded  ', summary: '  indented first line\nsecond ' }],
      ['YAML-looking scalars', { title: 'true', slug: '2024', summary: 'null' }],
      ['the cut marker', { summary: '只能读 …' }],
      ['multi-line summaries with blank and trailing lines', { summary: 'one\n\n  two\nthree\n\n' }],
      ['a summary of a single newline', { summary: '\n' }],
      ['an empty summary', { summary: '' }],
      ['a tab and a carriage return', { title: 'tab\there', summary: 'cr\rlf\r\nend' }],
      ['markup-like text', { title: '- not a list', summary: '--- not a fence\n+++ nor this\n[not] {a: map}' }],
      ['empty tags', { tags: [] }],
      ['tags needing quotes', { tags: ['c++', 'yes', 'Raspberry Pi', '123'] }],
      ['no date, draft', { date: null, draft: true }],
      ['a date with a time', { date: new Date('2024-05-12T08:30:15.250Z') }],
      ['a last change', { updated: new Date('2024-06-01T10:00:00.500Z') }],
      ['a last change without a date', { date: null, draft: true, updated: new Date('2024-06-01T10:00:00.000Z') }],
      ['markdown starting with ---', { markdown: '---\ntitle: not front matter\n---\n' }],
      ['markdown starting with +++', { markdown: '+++\nx = 1\n+++\n' }],
      ['markdown with leading blank lines and no final newline', { markdown: '\n\n  code\nend' }],
      ['empty markdown', { markdown: '' }],
      ['CRLF markdown', { markdown: 'a\r\nb\r\n' }],
      ['a page', { kind: 'PAGE' }],
      ['authors in order', { authors: ['zhang-san', 'jane-doe'] }],
      ['a cover without alt', { coverImage: { path: 'cover.jpg', alt: null } }],
      ['a cover with alt', { coverImage: { path: '/media/ab12/cover.jpg', alt: '一把锁: "key"' } }],
      ['every SEO field', { seo: { title: 'SEO 标题', description: '描述\n两行', canonicalUrl: 'https://example.org/a/', noIndex: true } }],
      ['noIndex false', { seo: { noIndex: false } }],
      ['former slugs', { formerSlugs: ['old-slug', 'older-slug'] }],
    ];

    it.each(cases)('%s', (_name, change) => {
      const original = { ...post, ...change };
      const { warnings, ...parsed } = parsePostFile(formatPostFile(original), 'round-trip.md');
      expect(warnings).toEqual([]);
      expect(parsed).toEqual(original);
    });

    it('formats what it parsed byte for byte, every field set', () => {
      const full = formatPostFile({
        ...post,
        kind: 'PAGE',
        authors: ['li-lei'],
        coverImage: { path: 'cover.jpg', alt: '封面' },
        seo: { title: 't', description: 'd', canonicalUrl: 'https://example.org/', noIndex: true },
        formerSlugs: ['old'],
      });
      const { warnings: _warnings, ...parsed } = parsePostFile(full, 'round-trip.md');
      expect(formatPostFile(parsed as PostFileContent)).toBe(full);
    });
  });
});
