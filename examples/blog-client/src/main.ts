import { allPostsOfTag, archive, day, homePage, postPage } from './blog.js';
import { createFolioClient } from './urql-client.js';

// Prints a blog's four pages from a running Folio: npx tsx examples/blog-client/src/main.ts
const url = process.env.FOLIO_URL ?? 'http://localhost:4000/graphql';
const client = createFolioClient(url);

try {

  const home = await homePage(client, 5);
  console.log(`Home: ${home.totalCount} posts`);
  for (const post of home.posts) console.log(`  ${post.publishedAt ? day(post.publishedAt) : 'draft'}  ${post.title}`);

  const [newest] = home.posts;
  if (newest) {
    const post = await postPage(client, newest.slug);
    console.log(`\nPost: ${post?.title} (${post?.readingMinutes} min, updated ${post ? day(post.updatedAt) : '?'})`);
    for (const heading of post?.headings ?? []) console.log(`  ${'  '.repeat(heading.level - 1)}${heading.text}`);

    const [firstTag] = newest.tags;
    const tag = firstTag && (await allPostsOfTag(client, firstTag.slug, 2));
    if (tag) console.log(`\nTag ${tag.name}: ${tag.posts.length} posts in ${tag.pages} pages`);
  }

  console.log('\nArchive:');
  for (const year of await archive(client)) {
    console.log(`  ${year.year} (${year.postCount}): ${year.months.map((month) => `${month.month}/${month.postCount}`).join(' ')}`);
  }
} catch (error) {
  console.error(`Could not read the blog from ${url}: ${(error as Error).message}`);
  console.error('Start Folio with `npm start`, or set FOLIO_URL to its GraphQL endpoint, e.g. http://localhost:4000/graphql.');
  process.exitCode = 1;
}
