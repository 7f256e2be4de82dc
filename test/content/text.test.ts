import { describe, expect, it } from 'vitest';
import { countWords, excerpt, plainText, readingMinutes, textRuns, wordCount } from '../../src/content/text.js';

describe('plainText', () => {
  it('drops markup and keeps the words', () => {
    expect(plainText('# Title\n\nSome *emphasis*, **strong**, ~~struck~~ and [a link](https://x.example).')).toBe(
      'Title Some emphasis, strong, struck and a link.',
    );
  });

  it('decodes named and numeric entities and keeps escaped characters literal', () => {
    expect(plainText('Fish &amp; chips &copy; &#65;&#x42; \\&amp; \\*')).toBe('Fish & chips © AB &amp; *');
  });

  it('drops raw HTML tags but keeps their text, without script or style content', () => {
    expect(plainText('a <span title="t">b</span> c<br>d\n\n<div>\n<p>block</p>\n<script>evil()</script>\n</div>')).toBe(
      'a b c d block',
    );
  });

  it('keeps inline code but leaves out code blocks unless asked', () => {
    const markdown = 'Run `npm test` now.\n\n```sh\nnpm run build\n```\n\n    indented code\n\nDone.';
    expect(plainText(markdown)).toBe('Run npm test now. Done.');
    expect(plainText(markdown, { includeCode: true })).toBe('Run npm test now. npm run build indented code Done.');
  });

  it('leaves out image alt text', () => {
    expect(plainText('Look: ![a diagram](d.png) here')).toBe('Look: here');
  });

  it('separates blocks, list items and table cells and collapses whitespace', () => {
    expect(plainText('one\ntwo  \nthree\n\n- a\n- b\n  > quoted\n\n| h1 | h2 |\n|----|----|\n| c1 | c2 |\n\n- [x] task')).toBe(
      'one two three a b quoted h1 h2 c1 c2 task',
    );
  });

  it('copes with hostile input', () => {
    expect(plainText(`${'> '.repeat(10_000)}deep`)).toBe(`${'> '.repeat(10_000 - 32)}deep`.trim());
    // As in the HTML, raw tags past the first 10,000 are literal text.
    expect(plainText('<div>'.repeat(200_000))).toBe('<div>'.repeat(190_000));
    expect(plainText('[]()'.repeat(250_000))).toBe('');
  });

  it('returns an empty string for markup without text', () => {
    expect(plainText('---\n\n![only](an-image.png)\n\n<hr>')).toBe('');
  });
});

describe('excerpt', () => {
  it('returns text that fits unchanged', () => {
    expect(excerpt('Short and sweet.')).toBe('Short and sweet.');
    expect(excerpt('x'.repeat(200))).toBe('x'.repeat(200));
  });

  it('cuts to at most maxLength characters, … included', () => {
    const cut = excerpt('word '.repeat(100));
    expect(cut.endsWith('…')).toBe(true);
    expect([...cut].length).toBeLessThanOrEqual(200);
  });

  it('moves a cut inside a word back to the last space', () => {
    expect(excerpt('The quick brown fox jumps over the lazy dog', 20)).toBe('The quick brown fox…');
  });

  it('cuts inside a word when no space is within 30 characters', () => {
    expect(excerpt(`ab ${'c'.repeat(40)}`, 36)).toBe(`ab ${'c'.repeat(32)}…`);
  });

  it('trims whitespace and punctuation before the …', () => {
    expect(excerpt('Hello, world. Again and again', 14)).toBe('Hello, world…');
    expect(excerpt('Wait (really)! Yes', 15)).toBe('Wait (really…');
  });

  it('counts code points, so astral characters count once', () => {
    expect(excerpt('𠀀'.repeat(10), 10)).toBe('𠀀'.repeat(10));
    expect(excerpt('𠀀'.repeat(11), 10)).toBe(`${'𠀀'.repeat(9)}…`);
  });

  it('never splits a grapheme cluster', () => {
    const thumb = '👍🏽'; // two code points
    expect(excerpt(thumb.repeat(10), 6)).toBe(`${thumb.repeat(2)}…`);
    const family = '👨‍👩‍👧'; // five code points joined by ZWJ
    expect(excerpt(`${family}${family}`, 8)).toBe(`${family}…`);
    expect(excerpt('🇯🇵🇯🇵🇯🇵', 4)).toBe('🇯🇵…');
  });

  it('cuts CJK text at a character', () => {
    expect(excerpt('理解Rust中的闭包和所有权', 8)).toBe('理解Rust中…');
  });
});

describe('countWords', () => {
  it('counts each CJK character as a word', () => {
    expect(countWords('理解闭包')).toEqual({ cjk: 4, other: 0 });
    expect(countWords('ひらがなカタカナ')).toEqual({ cjk: 8, other: 0 });
    expect(countWords('안녕하세요')).toEqual({ cjk: 5, other: 0 });
    expect(countWords('𠀀𪜀')).toEqual({ cjk: 2, other: 0 }); // Han extensions B and C
  });

  it('keeps the prolonged sound mark inside katakana words', () => {
    expect(countWords('コーヒー')).toEqual({ cjk: 4, other: 0 });
  });

  it('counts runs of letters and digits as words, joined by inner apostrophes and hyphens', () => {
    expect(countWords("Don't run e2e-test, it’s 2024 -- ok?")).toEqual({ cjk: 0, other: 6 });
  });

  it('counts words in any script, with their combining marks', () => {
    expect(countWords('naïve café Привет мир हिन्दी')).toEqual({ cjk: 0, other: 5 });
  });

  it('counts mixed text and ignores punctuation', () => {
    expect(countWords('理解Rust中的闭包：2024年。')).toEqual({ cjk: 7, other: 2 });
    expect(countWords('… — !!! 。、')).toEqual({ cjk: 0, other: 0 });
  });
});

describe('textRuns', () => {
  it('splits text into CJK runs and words in order', () => {
    expect([...textRuns('Rust中的闭包, don’t!')]).toEqual([
      { text: 'Rust', cjk: false },
      { text: '中的闭包', cjk: true },
      { text: 'don’t', cjk: false },
    ]);
  });
});

describe('wordCount and readingMinutes', () => {
  it('adds CJK characters and other words', () => {
    expect(wordCount({ cjk: 3, other: 4 })).toBe(7);
  });

  it('reads 500 CJK characters or 230 other words a minute, at least one minute', () => {
    expect(readingMinutes({ cjk: 0, other: 0 })).toBe(1);
    expect(readingMinutes({ cjk: 500, other: 0 })).toBe(1);
    expect(readingMinutes({ cjk: 501, other: 0 })).toBe(2);
    expect(readingMinutes({ cjk: 0, other: 230 })).toBe(1);
    expect(readingMinutes({ cjk: 0, other: 231 })).toBe(2);
    expect(readingMinutes({ cjk: 250, other: 115 })).toBe(1);
    expect(readingMinutes({ cjk: 1500, other: 690 })).toBe(6);
  });
});
