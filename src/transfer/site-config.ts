import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ContentFormatError } from '../content/format-error.js';
import { isDataFields, optionalText, parseDataFile, type DataFields } from './data-file.js';
import { stringify as stringifyToml } from 'smol-toml';
import { formatSocialLinks, parseSocialLinks, type SocialLink } from './social-links.js';

/** The site's settings as its generator's config gives them; null where the config is silent. */
export interface SiteConfig {
  /** Relative to the site root: the file they came from. */
  file: string;
  title: string | null;
  description: string | null;
  /** The public address, without a trailing slash. */
  url: string | null;
  /** A canonical BCP 47 tag: Hugo's `zh-cn` becomes `zh-CN`. */
  language: string | null;
  /** An IANA zone, checked. */
  timeZone: string | null;
  socialLinks: SocialLink[];
  warnings: string[];
}

/** Looked for in this order: Hugo's names (new, then old), then Jekyll's. */
export const SITE_CONFIG_FILES = [
  'hugo.toml',
  'hugo.yaml',
  'hugo.yml',
  'hugo.json',
  'config.toml',
  'config.yaml',
  'config.yml',
  'config.json',
  '_config.yml',
  '_config.yaml',
];

/**
 * Hugo: title, baseURL, languageCode (else defaultContentLanguage), timeZone, params.description,
 * and links from params.social (a mapping) or params.socialIcons (PaperMod's list).
 * Jekyll: title, description, url + baseurl, lang (else locale), timezone, social.links (URLs).
 */
export function parseSiteConfig(text: string, fileName: string): SiteConfig {
  const fields = parseDataFile(text, fileName);
  const params = isDataFields(fields.params) ? fields.params : {};
  const textOf = (from: DataFields, key: string) => optionalText(from, key, fileName);
  const warnings: string[] = [];
  const url = textOf(fields, 'baseURL') ?? joinUrl(textOf(fields, 'url'), textOf(fields, 'baseurl'));
  return {
    file: fileName,
    title: textOf(fields, 'title'),
    description: textOf(params, 'description') ?? textOf(fields, 'description'),
    url: url === null ? null : url.replace(/\/+$/, ''),
    language: canonicalLanguage(
      textOf(fields, 'languageCode') ?? textOf(fields, 'defaultContentLanguage') ?? textOf(fields, 'lang') ?? textOf(fields, 'locale'),
      fileName,
    ),
    timeZone: checkedTimeZone(textOf(fields, 'timeZone') ?? textOf(fields, 'timezone'), fileName, warnings),
    socialLinks: socialLinksOf(fields, params, fileName, warnings),
    warnings,
  };
}

/** Where an export writes the settings. */
export const EXPORTED_SITE_CONFIG = 'hugo.toml';

/** The settings as a hugo.toml that parseSiteConfig reads back the same; unset ones are left out. */
export function formatSiteConfig(site: Omit<SiteConfig, 'file' | 'warnings'>): string {
  const fields: DataFields = {};
  if (site.url !== null) fields.baseURL = `${site.url}/`;
  if (site.language !== null) fields.languageCode = site.language;
  if (site.title !== null) fields.title = site.title;
  if (site.timeZone !== null) fields.timeZone = site.timeZone;
  const params: DataFields = {};
  if (site.description !== null) params.description = site.description;
  if (site.socialLinks.length > 0) params.social = formatSocialLinks(site.socialLinks);
  if (Object.keys(params).length > 0) fields.params = params;
  return stringifyToml(fields);
}

/** The first config file SITE_CONFIG_FILES names, or null when the folder has none. */
export async function readSiteConfig(siteRoot: string): Promise<SiteConfig | null> {
  for (const file of SITE_CONFIG_FILES) {
    const text = await readFile(path.join(siteRoot, file), 'utf8').catch(() => null);
    if (text !== null) return parseSiteConfig(text, file);
  }
  return null;
}

function socialLinksOf(fields: DataFields, params: DataFields, fileName: string, warnings: string[]): SocialLink[] {
  if (params.social !== undefined) return parseSocialLinks(params.social, 'params.social', fileName, warnings);
  if (params.socialIcons !== undefined) return parseSocialLinks(params.socialIcons, 'params.socialIcons', fileName, warnings);
  const jekyllLinks = isDataFields(fields.social) ? fields.social.links : undefined;
  if (!Array.isArray(jekyllLinks)) return [];
  return jekyllLinks.map((link) => {
    if (typeof link !== 'string') throw new ContentFormatError('social.links must be a list of URLs', fileName);
    return { kind: kindOfUrl(link), url: link };
  });
}

/** `https://github.com/x` is a github link: the host without www. and its top-level domain. */
function kindOfUrl(url: string): string {
  const host = URL.canParse(url) ? new URL(url).hostname.replace(/^www\./, '') : '';
  return host.split('.').slice(0, -1).join('.') || 'website';
}

function joinUrl(url: string | null, basePath: string | null): string | null {
  if (url === null) return null;
  return basePath === null ? url : `${url.replace(/\/+$/, '')}/${basePath.replace(/^\/+/, '')}`;
}

function canonicalLanguage(tag: string | null, fileName: string): string | null {
  if (tag === null) return null;
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0] ?? null;
  } catch {
    throw new ContentFormatError(`the language ${JSON.stringify(tag)} is no BCP 47 tag; write one such as zh-CN or en-US`, fileName);
  }
}

// A zone Folio does not know is left out with a warning: the posts still import, and the site
// keeps the time zone it has.
function checkedTimeZone(zone: string | null, fileName: string, warnings: string[]): string | null {
  if (zone === null) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    warnings.push(`${fileName}: the time zone ${JSON.stringify(zone)} is unknown and left out; write an IANA name such as Asia/Shanghai`);
    return null;
  }
}
