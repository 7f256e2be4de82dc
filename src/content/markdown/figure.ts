import { escapeText } from 'entities';
import type { MarkedExtension, Tokens } from 'marked';

// Hugo's figure shortcode, `{{< figure src="cat.jpg" alt="A cat" caption="On the mat" >}}`, alone
// on its line: the way Hugo sites put an image with a caption, so imported posts keep theirs. The
// image inside is an ordinary image token, rendered (and looked up in the media store) as any.

const SHORTCODE = /^ {0,3}\{\{[<%]\s*figure\s+([^\n]{0,2000}?)\s*[>%]\}\}[ \t]*(?:\n+|$)/;
const ATTRIBUTE = /([A-Za-z_-]+)\s*=\s*"([^"\n]*)"/g;

interface FigureToken extends Tokens.Generic {
  caption: string | null;
  tokens: Tokens.Image[];
}

export function figureExtension(): MarkedExtension {
  return {
    extensions: [
      {
        name: 'figure',
        level: 'block',
        tokenizer(src) {
          const match = SHORTCODE.exec(src);
          if (!match) return undefined;
          const attributes = Object.fromEntries([...match[1]!.matchAll(ATTRIBUTE)].map((found) => [found[1]!.toLowerCase(), found[2]!]));
          if (!attributes.src) return undefined;
          const text = attributes.alt ?? attributes.title ?? '';
          const image: Tokens.Image = { type: 'image', raw: match[0], href: attributes.src, title: null, text, tokens: [] };
          return { type: 'figure', raw: match[0], caption: attributes.caption ?? attributes.title ?? null, tokens: [image] } satisfies FigureToken;
        },
        renderer(token) {
          const { caption, tokens } = token as FigureToken;
          const figcaption = caption ? `<figcaption>${escapeText(caption)}</figcaption>` : '';
          return `<figure>${this.parser.parseInline(tokens)}${figcaption}</figure>\n`;
        },
      },
    ],
  };
}
