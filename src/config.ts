// Every environment variable Folio reads, read once and validated here, so a typo fails at
// startup with a message naming the variable instead of misbehaving later.
import { resolve } from 'node:path';
import { PROJECT_ROOT } from './paths.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** A PostgreSQL URL; when absent the embedded server is used. */
  databaseUrl: string | null;
  /** A streaming replica of that database (DATABASE_REPLICA_URL) for anonymous reads; null reads everything from the primary. */
  databaseReplicaUrl: string | null;
  /** How far behind the primary the replica may be, in milliseconds, and still answer (REPLICA_MAX_LAG_MS). */
  replicaMaxLagMs: number;
  port: number;
  host: string;
  logLevel: LogLevel;
  /** The embedded server's data folder (FOLIO_DATA_DIR, relative to the project). */
  embeddedDataDir: string;
  /** The port the embedded server starts on (EMBEDDED_DB_PORT). */
  embeddedPort: number;
  /** How long anonymous responses are cached, in seconds (RESPONSE_CACHE_TTL); 0 turns the cache off. */
  responseCacheTtlSeconds: number;
  /** A Redis URL to share the response cache between servers (REDIS_URL); else it lives in memory. */
  redisUrl: string | null;
  /** How long a shutdown waits for requests in progress before cutting them off, in seconds (SHUTDOWN_TIMEOUT). */
  shutdownTimeoutSeconds: number;
  /** The site's public address (SITE_URL), e.g. https://blog.example; links to it are the site's own. */
  siteUrl: string | null;
  /** Where /media/ URLs are reached from outside (MEDIA_BASE_URL); null answers them as paths. */
  mediaBaseUrl: string | null;
  /** Which links in posts get rel="nofollow" (NOFOLLOW_LINKS): external (default), all or none. */
  nofollowLinks: NofollowLinks;
  /** Where uploaded images and their variants are kept (MEDIA_DIR); by default beside the embedded data folder. */
  mediaDir: string;
  /** The most bytes an uploaded image may have (MAX_UPLOAD_BYTES). */
  maxUploadBytes: number;
  /** The most pixels an image may have (MAX_IMAGE_PIXELS); more is refused as a decompression bomb. */
  maxImagePixels: number;
  /** Where the frontend shows each kind of content, as paths with `{slug}` (POST_URL_PATTERN, ...). */
  urlPatterns: UrlPatterns;
  /** How long browsers and CDNs may keep anonymous GET answers (HTTP_MAX_AGE, ...). */
  httpCaching: HttpCaching;
  /** The origins whose browsers may call the API (CORS_ORIGINS); null lets any origin in, without credentials. */
  corsOrigins: string[] | null;
}

/** The Cache-Control an anonymous GET is answered with, in seconds. */
export interface HttpCaching {
  /** How long a browser may use an answer (HTTP_MAX_AGE). */
  maxAge: number;
  /** How long a shared cache, such as a CDN, may use it (HTTP_S_MAXAGE). */
  sMaxAge: number;
  /** How long past that a shared cache may serve it while it fetches a fresh one (HTTP_STALE_WHILE_REVALIDATE). */
  staleWhileRevalidate: number;
}

/** Paths on the frontend, each with a `{slug}` placeholder; feeds, sitemaps and webhooks name them. */
export interface UrlPatterns {
  post: string;
  page: string;
  tag: string;
  author: string;
}

const NOFOLLOW_CHOICES = ['external', 'all', 'none'] as const;
export type NofollowLinks = (typeof NOFOLLOW_CHOICES)[number];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const embeddedDataDir = resolve(PROJECT_ROOT, nonEmpty(env.FOLIO_DATA_DIR) ?? '.data/postgres');
  const databaseUrl = readDatabaseUrl('DATABASE_URL', env.DATABASE_URL);
  const databaseReplicaUrl = readDatabaseUrl('DATABASE_REPLICA_URL', env.DATABASE_REPLICA_URL);
  // The embedded server has no replicas: a replica URL beside it names some other database.
  if (databaseReplicaUrl && !databaseUrl) throw new ConfigError('DATABASE_REPLICA_URL needs DATABASE_URL: set the primary it replicates');
  return {
    databaseUrl,
    databaseReplicaUrl,
    replicaMaxLagMs: readPositive('REPLICA_MAX_LAG_MS', env.REPLICA_MAX_LAG_MS, 1_000),
    port: readPort('PORT', env.PORT, 4000, 0),
    host: nonEmpty(env.HOST) ?? '0.0.0.0',
    logLevel: readLogLevel(env.LOG_LEVEL),
    embeddedDataDir,
    embeddedPort: readPort('EMBEDDED_DB_PORT', env.EMBEDDED_DB_PORT, 54329, 1),
    responseCacheTtlSeconds: readSeconds('RESPONSE_CACHE_TTL', env.RESPONSE_CACHE_TTL, 60),
    redisUrl: readRedisUrl(env.REDIS_URL),
    shutdownTimeoutSeconds: readSeconds('SHUTDOWN_TIMEOUT', env.SHUTDOWN_TIMEOUT, 10),
    siteUrl: readPublicUrl('SITE_URL', env.SITE_URL, "the site's public address", 'https://blog.example'),
    mediaBaseUrl: readPublicUrl('MEDIA_BASE_URL', env.MEDIA_BASE_URL, "Folio's public address (or a CDN's in front of it)", 'https://api.blog.example'),
    nofollowLinks: readNofollowLinks(env.NOFOLLOW_LINKS),
    mediaDir: resolve(PROJECT_ROOT, nonEmpty(env.MEDIA_DIR) ?? resolve(embeddedDataDir, '..', 'media')),
    maxUploadBytes: readPositive('MAX_UPLOAD_BYTES', env.MAX_UPLOAD_BYTES, 20 * 1024 * 1024),
    maxImagePixels: readPositive('MAX_IMAGE_PIXELS', env.MAX_IMAGE_PIXELS, 50_000_000),
    urlPatterns: {
      post: readUrlPattern('POST_URL_PATTERN', env.POST_URL_PATTERN, '/posts/{slug}'),
      page: readUrlPattern('PAGE_URL_PATTERN', env.PAGE_URL_PATTERN, '/{slug}'),
      tag: readUrlPattern('TAG_URL_PATTERN', env.TAG_URL_PATTERN, '/tags/{slug}'),
      author: readUrlPattern('AUTHOR_URL_PATTERN', env.AUTHOR_URL_PATTERN, '/authors/{slug}'),
    },
    httpCaching: {
      maxAge: readSeconds('HTTP_MAX_AGE', env.HTTP_MAX_AGE, 0),
      sMaxAge: readSeconds('HTTP_S_MAXAGE', env.HTTP_S_MAXAGE, 60),
      staleWhileRevalidate: readSeconds('HTTP_STALE_WHILE_REVALIDATE', env.HTTP_STALE_WHILE_REVALIDATE, 300),
    },
    corsOrigins: readCorsOrigins(env.CORS_ORIGINS),
  };
}

function readPositive(name: string, raw: string | undefined, fallback: number): number {
  const value = nonEmpty(raw);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1) throw new ConfigError(`${name} must be a whole number above 0 (got "${value}")`);
  return number;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function readDatabaseUrl(name: string, raw: string | undefined): string | null {
  const value = nonEmpty(raw);
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL; expected postgresql://user:password@host:5432/database`);
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new ConfigError(`${name} must start with postgresql:// (got ${url.protocol}//)`);
  }
  return value;
}

function readPort(name: string, raw: string | undefined, fallback: number, lowest: number): number {
  const value = nonEmpty(raw);
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < lowest || port > 65535) {
    throw new ConfigError(`${name} must be a whole number from ${lowest} to 65535 (got "${value}")`);
  }
  return port;
}

function readSeconds(name: string, raw: string | undefined, fallback: number): number {
  const value = nonEmpty(raw);
  if (value === undefined) return fallback;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 86_400) {
    throw new ConfigError(`${name} must be a whole number of seconds from 0 to 86400 (got "${value}")`);
  }
  return seconds;
}

function readRedisUrl(raw: string | undefined): string | null {
  const value = nonEmpty(raw);
  if (value === undefined) return null;
  if (!/^rediss?:\/\//.test(value)) throw new ConfigError(`REDIS_URL must start with redis:// or rediss:// (got "${value}")`);
  return value;
}

function readLogLevel(raw: string | undefined): LogLevel {
  const value = nonEmpty(raw)?.toLowerCase();
  if (value === undefined) return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${raw}")`);
  }
  return value as LogLevel;
}

/** A public http(s) address such as SITE_URL; `what` and `example` say what it should be. */
function readPublicUrl(name: string, raw: string | undefined, what: string, example: string): string | null {
  const value = nonEmpty(raw);
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL; expected ${what}, e.g. ${example} (got "${value}")`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${name} must start with https:// or http:// (got "${value}")`);
  }
  // Kept without a trailing slash, so paths join onto it.
  return url.href.replace(/\/+$/, '');
}

function readNofollowLinks(raw: string | undefined): NofollowLinks {
  const value = nonEmpty(raw)?.toLowerCase();
  if (value === undefined) return 'external';
  if (!(NOFOLLOW_CHOICES as readonly string[]).includes(value)) {
    throw new ConfigError(`NOFOLLOW_LINKS must be one of ${NOFOLLOW_CHOICES.join(', ')} (got "${raw}")`);
  }
  return value as NofollowLinks;
}

function readUrlPattern(name: string, raw: string | undefined, fallback: string): string {
  const value = nonEmpty(raw);
  if (value === undefined) return fallback;
  if (!value.startsWith('/') || !value.includes('{slug}')) {
    throw new ConfigError(`${name} must be a path from the site's root with {slug} in it, e.g. ${fallback} (got "${value}")`);
  }
  return value;
}

function readCorsOrigins(raw: string | undefined): string[] | null {
  const value = nonEmpty(raw);
  if (value === undefined) return null;
  return value.split(',').map((entry) => {
    const origin = entry.trim();
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      // Reported below with the rest.
    }
    // Browsers send an origin as scheme, host and port only: anything more would never match.
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin) {
      throw new ConfigError(`CORS_ORIGINS must be origins separated by commas, each like https://blog.example with no path or trailing slash (got "${origin}")`);
    }
    return origin;
  });
}
