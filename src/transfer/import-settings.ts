import type { Database } from '../db/client.js';
import { SITE_DEFAULTS, siteSettings, type SiteRow } from '../db/queries/site.js';
import { type SiteChanges, updateSite } from '../editing/site.js';
import type { SiteConfig } from './site-config.js';
import type { SocialLink } from './social-links.js';

/** written: the config's settings were saved; kept: the site's own were left as they are. */
export type SettingsOutcome = 'written' | 'unchanged' | 'kept' | 'none';

/**
 * Takes the title, description, address, language, time zone and social links the site's
 * config sets, when Folio's site is still at its defaults or `replace` is given: an import
 * never overwrites settings an admin chose, unless asked to. Settings the config leaves out
 * are kept either way.
 */
export async function importSiteSettings(
  db: Database,
  config: SiteConfig | null,
  { replace = false, dryRun = false } = {},
): Promise<SettingsOutcome> {
  if (config === null) return 'none';
  const site = await siteSettings(db);
  const changes = changesFrom(config, site);
  if (Object.keys(changes).length === 0) return 'unchanged';
  if (!replace && !atDefaults(site)) return 'kept';
  if (!dryRun) await updateSite(db, changes);
  return 'written';
}

function changesFrom(config: SiteConfig, site: SiteRow): SiteChanges {
  const changes: SiteChanges = {};
  for (const key of ['title', 'description', 'url', 'language', 'timeZone'] as const) {
    const value = config[key];
    if (value !== null && value !== site[key]) changes[key] = value;
  }
  if (config.socialLinks.length > 0 && linksText(config.socialLinks) !== linksText(site.socialLinks as unknown as SocialLink[])) {
    changes.socialLinks = config.socialLinks;
  }
  return changes;
}

// jsonb keeps its own key order, so links are compared by their values.
function linksText(links: readonly SocialLink[]): string {
  return links.map((link) => `${link.kind} ${link.url}`).join('\n');
}

function atDefaults(site: SiteRow): boolean {
  const links = site.socialLinks as unknown[];
  return Object.entries(SITE_DEFAULTS).every(([key, value]) => site[key as keyof typeof SITE_DEFAULTS] === value) && links.length === 0;
}
