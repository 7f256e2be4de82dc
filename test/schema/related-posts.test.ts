import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relatedPosts } from '../../src/db/queries/relations.js';
import { anonymousVisibility } from '../../src/db/queries/visibility.js';
import { TestApp } from '../support/app.js';
import { type BulkPost, insertPosts } from '../support/posts.js';

// Post.related: shared tags weighted by rarity (ln(1 + posts / the tag's posts)), then newest,
// among each tag's newest posts. Each case has tags of its own, so the cases do not meet.
let app: TestApp;
const day = (n: number) => new Date(Date.UTC(2024, 0, n, 8, 30));
const post = (slug: string, publishedAt: Date | null, tags: string[], status: BulkPost['status'] = 'PUBLISHED'): BulkPost => ({
  slug,
  title: slug,
  publishedAt,
  tags,
  status,
});

beforeAll(async () => {
  app = await TestApp.start();
  await insertPosts(app.db, [
    // A rare tag against a popular one: rare-a is on two posts, popular-a on twelve.
    post('rarity-source', day(1), ['rare-a', 'popular-a']),
    post('rarity-rare', day(2), ['rare-a']),
    ...Array.from({ length: 10 }, (_, i) => post(`rarity-popular-${i}`, day(10 + i), ['popular-a'])),
    // Two tags as common as each other: sharing both beats sharing one, however new.
    post('count-source', day(1), ['count-x', 'count-y']),
    post('count-both', day(2), ['count-x', 'count-y']),
    post('count-x-only', day(5), ['count-x']),
    post('count-y-only', day(6), ['count-y']),
    // Equal scores: newest first, then the larger id; drafts and scheduled posts left out.
    post('tie-source', day(9), ['tie']),
    post('tie-old', day(1), ['tie']),
    post('tie-new-1', day(3), ['tie']),
    post('tie-new-2', day(3), ['tie']),
    post('tie-draft', null, ['tie'], 'DRAFT'),
    post('tie-scheduled', new Date(Date.now() + 86_400_000), ['tie']),
    // The recent window: window-b is the rarer tag, so with 3 posts for it (and half that, but
    // at least the 2 asked for, for window-a), window-old, which shares both tags, is in neither
    // window; window-recent is in window-b's only, and still scores both tags.
    post('window-source', day(1), ['window-a', 'window-b']),
    post('window-old', day(2), ['window-a', 'window-b']),
    post('window-b-2', day(4), ['window-b']),
    post('window-recent', day(5), ['window-a', 'window-b']),
    post('window-b-1', day(6), ['window-b']),
    post('window-a-1', day(10), ['window-a']),
    post('window-a-2', day(11), ['window-a']),
    post('window-a-3', day(12), ['window-a']),
  ]);
});

afterAll(() => app?.stop());

async function related(slug: string, first = 5): Promise<string[]> {
  const { post } = await app.data(`query($slug: String!, $first: Int!) { post(slug: $slug) { related(first: $first) { slug } } }`, {
    slug,
    first,
  });
  return post.related.map((p: { slug: string }) => p.slug);
}

async function idOf(slug: string): Promise<number> {
  return (await app.db.prisma.post.findUniqueOrThrow({ where: { slug } })).id;
}

describe('Post.related', () => {
  it('ranks a post sharing a rare tag above newer ones sharing a popular tag', async () => {
    expect(await related('rarity-source', 3)).toEqual(['rarity-rare', 'rarity-popular-9', 'rarity-popular-8']);
  });

  it('ranks a post sharing more tags above newer ones sharing fewer', async () => {
    expect(await related('count-source')).toEqual(['count-both', 'count-y-only', 'count-x-only']);
  });

  it('breaks ties newest first, then by id; never itself, drafts or scheduled posts', async () => {
    expect(await related('tie-source')).toEqual(['tie-new-2', 'tie-new-1', 'tie-old']);
  });

  it("takes its candidates from each tag's newest posts, scoring each over every tag it shares", async () => {
    const visibility = anonymousVisibility(new Date());
    const slugs = async (recentOfRarest: number) => {
      const rows = await relatedPosts(app.db, visibility, [await idOf('window-source')], 2, recentOfRarest);
      return rows.map((row) => row.slug);
    };
    // The approximation: window-old shares as much as window-recent but is older than the
    // windows, so they miss it; wide enough windows rank it exactly.
    expect(await slugs(3)).toEqual(['window-recent', 'window-b-1']);
    expect(await slugs(100)).toEqual(['window-recent', 'window-old']);
  });

  it('answers a whole list of posts with one statement, each post as it is answered alone', async () => {
    const list = `{ posts(first: 50) { edges { node { slug related(first: 2) { slug } } } } }`;
    let edges: { node: { slug: string; related: { slug: string }[] } }[] = [];
    const { statements } = await app.countStatements(async () => {
      edges = (await app.data(list)).posts.edges;
    });
    expect(statements.filter((sql) => sql.includes('candidates'))).toHaveLength(1);
    expect(edges.length).toBeGreaterThan(20);
    for (const { node } of edges) expect(node.related.map((p) => p.slug), node.slug).toEqual(await related(node.slug, 2));
  });
});
