import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTimeZone, zonedMonthStart } from '../../src/content/time-zone.js';
import { TestApp } from '../support/app.js';
import { givenPost } from '../support/posts.js';

// The archive's years and months are calendar dates in the site's time zone, not UTC.
let app: TestApp;

beforeAll(async () => {
  app = await TestApp.start();
  await app.db.prisma.site.update({ where: { id: true }, data: { timeZone: 'Asia/Shanghai' } });
  // 23:30 on 31 December 2024 in Shanghai: still 2024 there.
  await givenPost(app.db, { slug: 'new-years-eve', publishedAt: new Date('2024-12-31T15:30:00Z') });
  // 20:00 UTC on 31 December 2024 is 04:00 on 1 January 2025 in Shanghai.
  await givenPost(app.db, { slug: 'new-years-day', publishedAt: new Date('2024-12-31T20:00:00Z') });
});

afterAll(() => app?.stop());

const SLUGS = 'totalCount edges { node { slug } }';

describe('the archive in the site’s time zone', () => {
  it('places each post in its month in Shanghai', async () => {
    const { archive } = await app.data(`{ archive { year postCount months { month postCount posts { ${SLUGS} } } } }`);
    expect(archive).toEqual([
      { year: 2025, postCount: 1, months: [{ month: 1, postCount: 1, posts: { totalCount: 1, edges: [{ node: { slug: 'new-years-day' } }] } }] },
      { year: 2024, postCount: 1, months: [{ month: 12, postCount: 1, posts: { totalCount: 1, edges: [{ node: { slug: 'new-years-eve' } }] } }] },
    ]);
  });

  it('filters posts by year and month the same way', async () => {
    const data = await app.data(`{
      december: posts(filter: { year: 2024, month: 12 }) { ${SLUGS} }
      january: posts(filter: { year: 2025, month: 1 }) { ${SLUGS} }
      y2024: posts(filter: { year: 2024 }) { ${SLUGS} }
      y2025: posts(filter: { year: 2025 }) { ${SLUGS} }
    }`);
    expect(data).toEqual({
      december: { totalCount: 1, edges: [{ node: { slug: 'new-years-eve' } }] },
      january: { totalCount: 1, edges: [{ node: { slug: 'new-years-day' } }] },
      y2024: { totalCount: 1, edges: [{ node: { slug: 'new-years-eve' } }] },
      y2025: { totalCount: 1, edges: [{ node: { slug: 'new-years-day' } }] },
    });
  });

  it('reads the month as a range of published_at, which the index serves', async () => {
    const { statements } = await app.countStatements(() => app.data(`{ posts(filter: { year: 2024, month: 12 }) { edges { node { slug } } } }`));
    const listing = statements.find((sql) => sql.includes('published_at >='))!;
    expect(listing).toBeDefined();
    expect(listing).not.toMatch(/AT TIME ZONE|extract\(/i);
  });

  it('follows a change of the site’s time zone', async () => {
    await app.db.prisma.site.update({ where: { id: true }, data: { timeZone: 'UTC' } });
    try {
      const { archive } = await app.data(`{ archive { year months { month postCount } } }`);
      expect(archive).toEqual([{ year: 2024, months: [{ month: 12, postCount: 2 }] }]);
    } finally {
      await app.db.prisma.site.update({ where: { id: true }, data: { timeZone: 'Asia/Shanghai' } });
    }
  });
});

describe('zonedMonthStart', () => {
  it.each([
    [2025, 1, 'Asia/Shanghai', '2024-12-31T16:00:00.000Z'],
    [2024, 13, 'Asia/Shanghai', '2024-12-31T16:00:00.000Z'],
    [2024, 1, 'UTC', '2024-01-01T00:00:00.000Z'],
    // Across daylight saving time: New York is UTC-4 in April, UTC-5 in January.
    [2024, 4, 'America/New_York', '2024-04-01T04:00:00.000Z'],
    [2024, 1, 'America/New_York', '2024-01-01T05:00:00.000Z'],
    [2024, 7, 'Australia/Lord_Howe', '2024-06-30T13:30:00.000Z'],
    [50, 1, 'UTC', '0050-01-01T00:00:00.000Z'],
  ])('puts %i-%i in %s at %s', (year, month, zone, instant) => {
    expect(zonedMonthStart(year, month, zone).toISOString()).toBe(instant);
  });

  it('knows IANA zones and no others', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone(' ')).toBe(false);
  });
});
