/** Every limit on what an author may write, in one place. */
export const LIMITS = {
  titleLength: 300,
  /** In bytes of UTF-8. */
  markdownBytes: 1024 * 1024,
  summaryLength: 1000,
  tagsPerPost: 20,
  tagNameLength: 100,
  tagDescriptionLength: 1000,
  authorsPerPost: 10,
  authorNameLength: 100,
  authorBioLength: 2000,
  socialLinks: 20,
} as const;
