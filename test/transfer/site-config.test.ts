import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXPORTED_SITE_CONFIG, formatSiteConfig, parseSiteConfig, readSiteConfig } from '../../src/transfer/site-config.js';

const hugoSite = fileURLToPath(new URL('../fixtures/hugo-site/', import.meta.url));

describe('readSiteConfig', () => {
  it("reads the fixture's hugo.toml", async () => {
    expect(await readSiteConfig(hugoSite)).toEqual({
      file: 'hugo.toml',
      title: '李雷的笔记',
      description: '关于 Rust、网络和树莓派的笔记',
      url: 'https://blog.example.org',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      socialLinks: [
        { kind: 'github', url: 'https://github.com/lilei' },
        { kind: 'twitter', url: 'https://x.com/lilei_dev' },
        { kind: 'mastodon', url: 'https://mastodon.social/@lilei' },
      ],
      warnings: [],
    });
  });

  it('is null for a folder without a config file', async () => {
    expect(await readSiteConfig(path.join(hugoSite, 'content'))).toBeNull();
  });
});

describe('parseSiteConfig', () => {
  it("reads Hugo YAML with defaultContentLanguage and PaperMod's socialIcons", () => {
    const text = [
      'baseURL: https://example.org/blog/',
      'defaultContentLanguage: en_us',
      'title: Blog',
      'params:',
      '  socialIcons:',
      '    - name: GitHub',
      '      url: https://github.com/x',
    ].join('\n');
    expect(parseSiteConfig(text, 'hugo.yaml')).toMatchObject({
      url: 'https://example.org/blog',
      language: 'en-US',
      description: null,
      timeZone: null,
      socialLinks: [{ kind: 'github', url: 'https://github.com/x' }],
    });
  });

  it("reads Jekyll's _config.yml: url with baseurl, lang, timezone, social.links", () => {
    const text = [
      'title: J',
      'description: A Jekyll site',
      'url: https://j.example',
      'baseurl: /notes',
      'lang: zh-Hans',
      'timezone: Europe/Lisbon',
      'social:',
      '  links:',
      '    - https://www.github.com/j',
      '    - https://twitter.com/j',
    ].join('\n');
    expect(parseSiteConfig(text, '_config.yml')).toEqual({
      file: '_config.yml',
      title: 'J',
      description: 'A Jekyll site',
      url: 'https://j.example/notes',
      language: 'zh-Hans',
      timeZone: 'Europe/Lisbon',
      socialLinks: [
        { kind: 'github', url: 'https://www.github.com/j' },
        { kind: 'twitter', url: 'https://twitter.com/j' },
      ],
      warnings: [],
    });
  });

  it('leaves out an unknown time zone with a warning, so the posts still import', () => {
    const config = parseSiteConfig('title = "T"\ntimeZone = "Mars/Olympus"', 'hugo.toml');
    expect(config).toMatchObject({ title: 'T', timeZone: null });
    expect(config.warnings).toEqual(['hugo.toml: the time zone "Mars/Olympus" is unknown and left out; write an IANA name such as Asia/Shanghai']);
  });

  it('refuses an unknown language, naming the file', () => {
    expect(() => parseSiteConfig('languageCode = "not a language"', 'hugo.toml')).toThrow(/is no BCP 47 tag/);
  });

  it('refuses a config that cannot be parsed, naming the file', () => {
    expect(() => parseSiteConfig('title = ', 'config.toml')).toThrow(/^config\.toml: cannot be read: /);
  });
});

describe('formatSiteConfig', () => {
  it("writes a hugo.toml that reads back the same, the fixture's settings included", async () => {
    const { file: _file, warnings: _warnings, ...settings } = (await readSiteConfig(hugoSite))!;
    const text = formatSiteConfig(settings);
    expect(text).toContain('baseURL = "https://blog.example.org/"\nlanguageCode = "zh-CN"\n');
    expect(parseSiteConfig(text, EXPORTED_SITE_CONFIG)).toEqual({ ...settings, file: 'hugo.toml', warnings: [] });
  });

  it('leaves out what is unset, and lists repeated kinds', () => {
    const settings = {
      title: 'T',
      description: null,
      url: null,
      language: null,
      timeZone: null,
      socialLinks: [
        { kind: 'github', url: 'https://github.com/a' },
        { kind: 'github', url: 'https://github.com/b' },
      ],
    };
    const text = formatSiteConfig(settings);
    expect(text).not.toContain('baseURL');
    expect(parseSiteConfig(text, 'hugo.toml')).toEqual({ ...settings, file: 'hugo.toml', warnings: [] });
    expect(formatSiteConfig({ ...settings, socialLinks: [] })).toBe('title = "T"\n');
  });
});
