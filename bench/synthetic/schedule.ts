// When the posts were published: over the eight years before a fixed date (never "now", so
// the dataset does not depend on the day it is made), oldest first.
import { mixSeed, Random } from './random.js';

export const PUBLISHED_FROM = Date.UTC(2018, 0, 1);
export const PUBLISHED_UNTIL = Date.UTC(2026, 0, 1);

// Keyset pagination must cope with many posts sharing a publishedAt, within a page and across
// page boundaries. So 40% of posts come in batches of 10-50 that share one timestamp at 00:00
// or 12:00 UTC (as a bulk import or a scheduled batch would publish them): with 100,000 posts
// about 1,300 ties. The rest get a random minute, which makes a few hundred accidental pairs.
const BATCHED_SHARE = 0.4;
const BATCH_SIZE = Object.freeze({ min: 10, max: 50 });
const HALF_DAY = 12 * 60 * 60 * 1000;
const MINUTE = 60 * 1000;

const SCHEDULE_STREAM = 0x5c4ed;

/** `posts` publication times in milliseconds since the epoch, ascending. */
export function publicationTimes(seed: number, posts: number): number[] {
  const random = new Random(mixSeed(seed, SCHEDULE_STREAM, posts));
  const times: number[] = [];
  const halfDays = (PUBLISHED_UNTIL - PUBLISHED_FROM) / HALF_DAY;
  const usedHalfDays = new Set<number>();
  while (times.length < Math.round(posts * BATCHED_SHARE)) {
    let halfDay = random.int(0, halfDays - 1);
    // Distinct batches stay distinct ties, as long as there are free half-days.
    while (usedHalfDays.has(halfDay) && usedHalfDays.size < halfDays) halfDay = random.int(0, halfDays - 1);
    usedHalfDays.add(halfDay);
    const size = Math.min(random.int(BATCH_SIZE.min, BATCH_SIZE.max), posts - times.length);
    for (let i = 0; i < size; i++) times.push(PUBLISHED_FROM + halfDay * HALF_DAY);
  }
  const minutes = (PUBLISHED_UNTIL - PUBLISHED_FROM) / MINUTE;
  while (times.length < posts) times.push(PUBLISHED_FROM + random.int(0, minutes - 1) * MINUTE);
  return times.sort((a, b) => a - b);
}
