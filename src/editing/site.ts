import { isTimeZone } from '../content/time-zone.js';
import type { Database } from '../db/client.js';
import { invalid } from './errors.js';
import { checkImageExists } from './images.js';
import { checkAbsoluteUrl, checkSocialLinks } from './urls.js';
import { checkTitle } from './validate.js';

const MAX_DESCRIPTION_LENGTH = 1000;

/** Absent fields keep their value; `url: null` forgets the site's address. */
export interface SiteChanges {
  title?: string | null;
  description?: string | null;
  url?: string | null;
  language?: string | null;
  timeZone?: string | null;
  socialLinks?: readonly { kind: string; url: string }[] | null;
  /** An uploaded image's id; null removes the logo. */
  logoImageId?: number | null;
}

/** Checks the changes, then writes them to the site's one row. */
export async function updateSite(db: Database, changes: SiteChanges): Promise<void> {
  const data = checkSiteChanges(changes);
  if (changes.logoImageId != null) await checkImageExists(db, changes.logoImageId, 'logoId');
  await db.prisma.site.update({ where: { id: true }, data: { ...data, logoImageId: changes.logoImageId } });
}

function checkSiteChanges(changes: SiteChanges) {
  return {
    title: changes.title != null ? checkTitle(changes.title) : undefined,
    description: changes.description != null ? checkDescription(changes.description) : undefined,
    url: changes.url === undefined ? undefined : changes.url === null ? null : siteUrl(changes.url),
    language: changes.language != null ? checkLanguage(changes.language) : undefined,
    timeZone: changes.timeZone != null ? checkTimeZone(changes.timeZone) : undefined,
    socialLinks: changes.socialLinks != null ? checkSocialLinks(changes.socialLinks, 'socialLinks') : undefined,
  };
}

function checkDescription(description: string): string {
  const trimmed = description.trim();
  if ([...trimmed].length > MAX_DESCRIPTION_LENGTH) {
    throw invalid('description', `description must be at most ${MAX_DESCRIPTION_LENGTH} characters`);
  }
  return trimmed;
}

// Paths are joined to it ("${url}/posts/slug"), so it is kept without a trailing slash.
function siteUrl(url: string): string {
  return checkAbsoluteUrl(url, 'url').replace(/\/+$/, '');
}

/** A well-formed BCP 47 tag, in its canonical spelling ("zh-cn" becomes "zh-CN"). */
export function checkLanguage(language: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(language.trim());
    if (canonical) return canonical;
  } catch {
    // refused below
  }
  throw invalid('language', `language must be a BCP 47 language tag such as "en", "zh-CN" or "pt-BR" (got "${language.slice(0, 100)}")`);
}

export function checkTimeZone(zone: string): string {
  if (!isTimeZone(zone.trim())) {
    throw invalid('timeZone', `timeZone must be an IANA time zone such as "UTC", "Asia/Shanghai" or "Europe/Berlin" (got "${zone.slice(0, 100)}")`);
  }
  // In its canonical spelling: "asia/shanghai" is kept as "Asia/Shanghai".
  return new Intl.DateTimeFormat('en-US', { timeZone: zone.trim() }).resolvedOptions().timeZone;
}

