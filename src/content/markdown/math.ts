import katex from 'katex';
import type { MarkedExtension, Tokens } from 'marked';

// Math with KaTeX: `$x$` inline, `$$x$$` as a display. Rendered to HTML (KaTeX's MathML would not
// survive the sanitizer) with untrusted commands off, so \href, \url and \htmlClass stay text.
// As in Pandoc, an inline `$` must not open before a space nor close after one or before a digit,
// so "$5 and $10" stays prose.

// KaTeX expands macros recursively; this bounds what a hostile \def can cost.
const MAX_EXPANSIONS = 1000;
const MAX_TEX = 5000;
// Each formula costs KaTeX a fraction of a millisecond; past this many in one post the rest stay text.
const MAX_FORMULAS = 2000;

const INLINE = /^\$(?!\s)((?:\\[\s\S]|[^\\\n$])+?)(?<!\s)\$(?!\d)/;
const INLINE_DISPLAY = /^\$\$((?:\\[\s\S]|[^\\$])+?)\$\$/;
const BLOCK = /^ {0,3}\$\$[ \t]*\n([\s\S]{1,5000}?)\n {0,3}\$\$[ \t]*(?:\n+|$)/;

interface MathToken extends Tokens.Generic {
  tex: string;
  display: boolean;
}

/** The math syntax for one document (it counts the document's formulas). */
export function mathExtension(): MarkedExtension {
  let formulasLeft = MAX_FORMULAS;
  const formula = (type: string, raw: string, tex: string, display: boolean): MathToken | undefined => {
    if (formulasLeft === 0 || tex.length > MAX_TEX) return undefined;
    formulasLeft--;
    return { type, raw, tex: tex.trim(), display };
  };
  return {
    extensions: [
      {
        name: 'mathBlock',
        level: 'block',
        // No start: a display block follows a blank line. Searching the rest of the document for
        // `$$` at every paragraph would make rendering quadratic.
        tokenizer(src) {
          const match = BLOCK.exec(src);
          return match ? formula('mathBlock', match[0], match[1]!, true) : undefined;
        },
        renderer: (token) => `<p class="math-display">${renderTex(token as MathToken)}</p>\n`,
      },
      {
        name: 'math',
        level: 'inline',
        start: nextDollar,
        tokenizer(src) {
          const display = INLINE_DISPLAY.exec(src);
          if (display) return formula('math', display[0], display[1]!, true);
          const inline = INLINE.exec(src);
          return inline ? formula('math', inline[0], inline[1]!, false) : undefined;
        },
        renderer: (token) => renderTex(token as MathToken),
      },
    ],
  };
}

// marked asks where the next math may start at every inline token, each time with the rest of
// the paragraph: looking only a short way ahead keeps a megabyte of `[[[…` linear. Cutting the
// text there is harmless, as marked joins adjacent text back together.
const LOOKAHEAD = 256;

function nextDollar(src: string): number | undefined {
  const index = src.slice(0, LOOKAHEAD).indexOf('$');
  if (index !== -1) return index;
  return src.length > LOOKAHEAD ? LOOKAHEAD : undefined;
}

/** KaTeX's HTML for the formula; invalid TeX gives KaTeX's error span, never an exception. */
function renderTex({ tex, display }: MathToken): string {
  return katex.renderToString(tex, {
    displayMode: display,
    output: 'html',
    throwOnError: false,
    trust: false,
    strict: 'ignore',
    maxExpand: MAX_EXPANSIONS,
    maxSize: 50,
  });
}
