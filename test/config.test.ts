import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../src/config.js';

describe('configuration from the environment', () => {
  it('has defaults for everything', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      databaseUrl: null,
      databaseReplicaUrl: null,
      replicaMaxLagMs: 1_000,
      port: 4000,
      host: '0.0.0.0',
      logLevel: 'info',
      embeddedPort: 54329,
      responseCacheTtlSeconds: 60,
      redisUrl: null,
      shutdownTimeoutSeconds: 10,
      siteUrl: null,
      mediaBaseUrl: null,
      nofollowLinks: 'external',
    });
    expect(config.embeddedDataDir).toMatch(/\.data\/postgres$/);
  });

  it('reads each variable', () => {
    const config = readConfig({
      DATABASE_URL: 'postgresql://folio@db.internal:5432/blog',
      DATABASE_REPLICA_URL: 'postgresql://folio@replica.internal:5432/blog',
      REPLICA_MAX_LAG_MS: '250',
      PORT: '8080',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'DEBUG',
      EMBEDDED_DB_PORT: '6543',
      FOLIO_DATA_DIR: '/var/lib/folio',
      RESPONSE_CACHE_TTL: '0',
      REDIS_URL: 'redis://cache:6379',
      SHUTDOWN_TIMEOUT: '3',
      SITE_URL: 'https://blog.example/journal/',
      MEDIA_BASE_URL: 'https://api.blog.example/',
      NOFOLLOW_LINKS: 'All',
      MEDIA_DIR: '/srv/media',
      MAX_UPLOAD_BYTES: '1048576',
      MAX_IMAGE_PIXELS: '1000000',
      POST_URL_PATTERN: '/blog/{slug}/',
      PAGE_URL_PATTERN: '/pages/{slug}',
      TAG_URL_PATTERN: '/topics/{slug}',
      AUTHOR_URL_PATTERN: '/people/{slug}',
    });
    expect(config).toEqual({
      databaseUrl: 'postgresql://folio@db.internal:5432/blog',
      databaseReplicaUrl: 'postgresql://folio@replica.internal:5432/blog',
      replicaMaxLagMs: 250,
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'debug',
      embeddedPort: 6543,
      embeddedDataDir: '/var/lib/folio',
      responseCacheTtlSeconds: 0,
      redisUrl: 'redis://cache:6379',
      shutdownTimeoutSeconds: 3,
      siteUrl: 'https://blog.example/journal',
      mediaBaseUrl: 'https://api.blog.example',
      nofollowLinks: 'all',
      mediaDir: '/srv/media',
      maxUploadBytes: 1_048_576,
      maxImagePixels: 1_000_000,
      urlPatterns: { post: '/blog/{slug}/', page: '/pages/{slug}', tag: '/topics/{slug}', author: '/people/{slug}' },
      httpCaching: { maxAge: 0, sMaxAge: 60, staleWhileRevalidate: 300 },
      corsOrigins: null,
    });
  });

  it('shows posts under /posts/, tags under /tags/, authors under /authors/ and pages at the root by default', () => {
    expect(readConfig({}).urlPatterns).toEqual({ post: '/posts/{slug}', page: '/{slug}', tag: '/tags/{slug}', author: '/authors/{slug}' });
  });

  it('keeps media beside the embedded data folder, up to 20 MB and 50 megapixels, by default', () => {
    expect(readConfig({ FOLIO_DATA_DIR: '/var/lib/folio/postgres' })).toMatchObject({
      mediaDir: '/var/lib/folio/media',
      maxUploadBytes: 20 * 1024 * 1024,
      maxImagePixels: 50_000_000,
    });
  });

  it('lets CDNs keep anonymous answers a minute and any origin call the API, unless told otherwise', () => {
    expect(readConfig({})).toMatchObject({ httpCaching: { maxAge: 0, sMaxAge: 60, staleWhileRevalidate: 300 }, corsOrigins: null });
    expect(
      readConfig({ HTTP_MAX_AGE: '30', HTTP_S_MAXAGE: '3600', HTTP_STALE_WHILE_REVALIDATE: '0', CORS_ORIGINS: 'https://blog.example, http://localhost:3000' }),
    ).toMatchObject({ httpCaching: { maxAge: 30, sMaxAge: 3600, staleWhileRevalidate: 0 }, corsOrigins: ['https://blog.example', 'http://localhost:3000'] });
  });

  it.each([
    [{ HTTP_S_MAXAGE: '1m' }, /HTTP_S_MAXAGE must be a whole number of seconds/],
    [{ CORS_ORIGINS: 'https://blog.example/' }, /CORS_ORIGINS must be origins separated by commas.*\(got "https:\/\/blog.example\/"\)/],
    [{ PORT: 'eighty' }, /PORT must be a whole number from 0 to 65535 \(got "eighty"\)/],
    [{ PORT: '70000' }, /PORT must be/],
    [{ MAX_UPLOAD_BYTES: '20MB' }, /MAX_UPLOAD_BYTES must be a whole number above 0 \(got "20MB"\)/],
    [{ MAX_IMAGE_PIXELS: '0' }, /MAX_IMAGE_PIXELS must be a whole number above 0/],
    [{ EMBEDDED_DB_PORT: '0' }, /EMBEDDED_DB_PORT must be a whole number from 1/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a valid URL/],
    [{ DATABASE_URL: 'mysql://localhost/blog' }, /DATABASE_URL must start with postgresql:\/\//],
    [{ DATABASE_URL: 'postgresql://db/blog', DATABASE_REPLICA_URL: 'http://replica/blog' }, /DATABASE_REPLICA_URL must start with postgresql:\/\//],
    [{ DATABASE_REPLICA_URL: 'postgresql://replica/blog' }, /DATABASE_REPLICA_URL needs DATABASE_URL/],
    [{ DATABASE_URL: 'postgresql://db/blog', REPLICA_MAX_LAG_MS: '1s' }, /REPLICA_MAX_LAG_MS must be a whole number above 0/],
    [{ RESPONSE_CACHE_TTL: '1.5' }, /RESPONSE_CACHE_TTL must be a whole number of seconds/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL must start with redis:\/\//],
    [{ SHUTDOWN_TIMEOUT: '10s' }, /SHUTDOWN_TIMEOUT must be a whole number of seconds/],
    [{ SITE_URL: 'blog.example' }, /SITE_URL is not a valid URL/],
    [{ SITE_URL: 'ftp://blog.example' }, /SITE_URL must start with https:\/\/ or http:\/\//],
    [{ MEDIA_BASE_URL: 'api.blog.example' }, /MEDIA_BASE_URL is not a valid URL; expected Folio's public address/],
    [{ NOFOLLOW_LINKS: 'some' }, /NOFOLLOW_LINKS must be one of external, all, none/],
    [{ POST_URL_PATTERN: 'posts/{slug}' }, /POST_URL_PATTERN must be a path from the site's root with \{slug\} in it, e.g. \/posts\/\{slug\}/],
    [{ TAG_URL_PATTERN: '/tags/' }, /TAG_URL_PATTERN must be a path .* \(got "\/tags\/"\)/],
  ])('refuses %o, naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });
});
