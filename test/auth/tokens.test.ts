import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateToken, createToken, hashToken, listTokens, revokeToken } from '../../src/auth/tokens.js';
import { TestApp } from '../support/app.js';

let app: TestApp;

beforeAll(async () => {
  app = await TestApp.start();
});

afterAll(() => app?.stop());

const WHO_AM_I = '{ posts(filter: { status: [DRAFT] }) { totalCount } }';

describe('API tokens', () => {
  it('are random, at least 128 bits, shown once and stored only as a SHA-256 hash', async () => {
    const token = await createToken(app.db, 'editor');
    const other = await createToken(app.db, 'other');
    expect(token).toMatch(/^folio_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice('folio_'.length), 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(other).not.toBe(token);
    const rows = await app.db.prisma.$queryRawUnsafe<Record<string, unknown>[]>('SELECT * FROM api_tokens');
    expect(JSON.stringify(rows)).not.toContain(token.slice(6));
    expect(rows.find((row) => row.name === 'editor')?.token_hash).toBe(hashToken(token));
  });

  it('refuse a second token of the same name', async () => {
    await expect(createToken(app.db, 'twice')).resolves.toBeTypeOf('string');
    await expect(createToken(app.db, ' twice ')).rejects.toThrow(/already a token named "twice"/);
    await expect(createToken(app.db, '  ')).rejects.toThrow(/1 to 100 characters/);
  });

  it('record when they were last used, writing at most once a minute', async () => {
    const token = await createToken(app.db, 'reader');
    expect((await listTokens(app.db)).find((t) => t.name === 'reader')?.lastUsedAt).toBeNull();
    const now = new Date();
    const first = await app.countStatements(() => authenticateToken(app.db, token, now));
    const soon = await app.countStatements(() => authenticateToken(app.db, token, new Date(now.getTime() + 30_000)));
    expect(first.statements.some((sql) => /^UPDATE/.test(sql))).toBe(true);
    expect(soon.statements.some((sql) => /^UPDATE/.test(sql))).toBe(false);
    expect((await listTokens(app.db)).find((t) => t.name === 'reader')?.lastUsedAt).toEqual(now);
    await authenticateToken(app.db, token, new Date(now.getTime() + 61_000));
    expect((await listTokens(app.db)).find((t) => t.name === 'reader')?.lastUsedAt).toEqual(new Date(now.getTime() + 61_000));
  });

  it('stop working once revoked', async () => {
    const token = await createToken(app.db, 'leaked');
    expect(await authenticateToken(app.db, token)).toMatchObject({ tokenName: 'leaked' });
    expect(await revokeToken(app.db, 'leaked')).toBe(true);
    expect(await revokeToken(app.db, 'leaked')).toBe(false);
    expect(await authenticateToken(app.db, token)).toBeNull();
    expect((await listTokens(app.db)).find((t) => t.name === 'leaked')?.revokedAt).toBeInstanceOf(Date);
  });
});

describe('the Authorization header', () => {
  it('lets a valid token through', async () => {
    const token = await createToken(app.db, 'valid');
    expect(await app.data(WHO_AM_I, {}, { authorization: `Bearer ${token}` })).toEqual({ posts: { totalCount: 0 } });
  });

  it.each([
    ['an unknown token', `Bearer folio_${'A'.repeat(43)}`, /unknown or has been revoked/],
    ['a malformed token', 'Bearer not-a-token', /`not-a-token` is not a Folio token/],
    ['another scheme', 'Basic dXNlcjpwYXNz', /must read `Bearer <token>`/],
    ['an empty bearer', 'Bearer ', /must read `Bearer <token>`/],
  ])('refuses %s with 401 UNAUTHENTICATED, even for a query', async (_name, authorization, message) => {
    const response = await app.yoga.fetch('http://folio.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: '{ posts { totalCount } }' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0].message).toMatch(message);
    expect(body.errors[0].extensions.http).toBeUndefined();
  });

  it('refuses a revoked token', async () => {
    const token = await createToken(app.db, 'revoked');
    await revokeToken(app.db, 'revoked');
    const result = await app.query(WHO_AM_I, {}, { authorization: `Bearer ${token}` });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('token roles', () => {
  it('are ADMIN without an author by default, as tokens made before roles are', async () => {
    const token = await createToken(app.db, 'plain');
    expect(await authenticateToken(app.db, token)).toMatchObject({ role: 'ADMIN', authorId: null, authorSlug: null });
  });

  it('belong to an existing author, and name their role and author to the viewer', async () => {
    const author = await app.db.prisma.author.create({ data: { slug: 'writer', name: 'Writer' } });
    const token = await createToken(app.db, 'writer laptop', { role: 'AUTHOR', authorSlug: 'writer' });
    expect(await authenticateToken(app.db, token)).toMatchObject({ role: 'AUTHOR', authorId: author.id, authorSlug: 'writer' });
    expect((await listTokens(app.db)).find((t) => t.name === 'writer laptop')).toMatchObject({ role: 'AUTHOR', author: { slug: 'writer' } });
  });

  it('refuse an unknown author, and a CONTRIBUTOR or AUTHOR without one', async () => {
    await expect(createToken(app.db, 'stray', { role: 'EDITOR', authorSlug: 'nobody' })).rejects.toThrow(/no author "nobody"/);
    await expect(createToken(app.db, 'ownerless', { role: 'CONTRIBUTOR' })).rejects.toThrow(/CONTRIBUTOR token .* needs an author/);
    expect(await app.db.prisma.apiToken.count({ where: { name: { in: ['stray', 'ownerless'] } } })).toBe(0);
  });
});
