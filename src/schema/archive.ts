import { encodeGlobalID } from '@pothos/plugin-relay';
import { archiveMonths, type ArchiveMonthRow } from '../db/queries/archive.js';
import { builder } from './builder.js';
import { ARCHIVE_MONTHS_COST, ARCHIVE_YEARS_COST, pageCost } from './cost.js';
import { PostConnection, Post } from './post.js';
import { resolvePostConnection } from './post-connection.js';
import { calendarRange } from './post-filter.js';
import { siteOf } from './site.js';

/** A month as the archive lists it, with the time zone its calendar is in. */
type ArchiveMonthShape = ArchiveMonthRow & { timeZone: string };

interface ArchiveYearShape {
  year: number;
  postCount: number;
  months: ArchiveMonthShape[];
}

// Client caches (Apollo, urql's graphcache, Relay) key objects by id; without one they cannot
// tell one year or month from another across answers.
const ARCHIVE_ID = 'Stable across requests and unique in the API, for client caches.';

export const ArchiveMonth = builder.objectRef<ArchiveMonthShape>('ArchiveMonth').implement({
  fields: (t) => ({
    id: t.id({
      description: ARCHIVE_ID,
      resolve: (month) => encodeGlobalID('ArchiveMonth', `${month.year}-${String(month.month).padStart(2, '0')}`),
    }),
    year: t.exposeInt('year'),
    month: t.exposeInt('month', { description: '1-12, in the site’s time zone.' }),
    postCount: t.exposeInt('postCount'),
    posts: t.connection(
      {
        type: Post,
        description: 'The month’s posts, newest first.',
        complexity: pageCost,
        resolve: (month, args, context, info) => {
          const { from, until } = calendarRange(month.year, month.month, month.timeZone);
          const filter = { statuses: ['PUBLISHED'] as const, publishedFrom: from, publishedUntil: until };
          return resolvePostConnection(context, args, filter, 'NEWEST', info);
        },
      },
      PostConnection,
    ),
  }),
});

export const ArchiveYear = builder.objectRef<ArchiveYearShape>('ArchiveYear').implement({
  fields: (t) => ({
    id: t.id({ description: ARCHIVE_ID, resolve: (year) => encodeGlobalID('ArchiveYear', String(year.year)) }),
    year: t.exposeInt('year'),
    postCount: t.exposeInt('postCount'),
    months: t.field({
      type: [ArchiveMonth],
      description: 'Newest month first.',
      complexity: ARCHIVE_MONTHS_COST,
      resolve: (year) => year.months,
    }),
  }),
});

builder.queryField('archive', (t) =>
  t.field({
    type: [ArchiveYear],
    description:
      'Published posts by year and month, newest first. Years and months are calendar dates in the site’s time zone (site.timeZone), not UTC: a post published at 23:30 on 31 December in Shanghai belongs to that December there.',
    complexity: ARCHIVE_YEARS_COST,
    resolve: async (_root, _args, context) => {
      const { timeZone } = await siteOf(context);
      const months = await archiveMonths(context.db, context.visibility, timeZone);
      return groupByYear(months.map((month) => ({ ...month, timeZone })));
    },
  }),
);

function groupByYear(months: ArchiveMonthShape[]): ArchiveYearShape[] {
  const years: ArchiveYearShape[] = [];
  for (const month of months) {
    let year = years.at(-1);
    if (year?.year !== month.year) {
      year = { year: month.year, postCount: 0, months: [] };
      years.push(year);
    }
    year.postCount += month.postCount;
    year.months.push(month);
  }
  return years;
}
