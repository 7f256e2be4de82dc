import { createRequire } from 'node:module';
import type { HighlighterCore, LanguageRegistration } from 'shiki/core';

// Syntax highlighting with Shiki, at write time on the rendering threads. The colours are CSS
// variables (`--shiki-token-keyword`, ...), so a frontend restyles code with CSS alone.
// A fixed set of languages, each loaded the first time a post uses it, with Shiki's JavaScript
// regex engine (no WebAssembly): a thread that renders no code loads no grammar, and everything
// stays synchronous, as rendering is. Any other language is left as plain escaped code.

// Each entry: the names an author writes after ``` and the Shiki grammar module they load.
const LANGUAGES: Record<string, string> = {
  ...aliases('javascript', 'javascript', 'js', 'mjs', 'cjs'),
  ...aliases('typescript', 'typescript', 'ts', 'mts', 'cts'),
  ...aliases('jsx', 'jsx'),
  ...aliases('tsx', 'tsx'),
  ...aliases('json', 'json'),
  ...aliases('html', 'html'),
  ...aliases('css', 'css'),
  ...aliases('shellscript', 'shellscript', 'sh', 'bash', 'shell', 'zsh'),
  ...aliases('python', 'python', 'py'),
  ...aliases('go', 'go', 'golang'),
  ...aliases('rust', 'rust', 'rs'),
  ...aliases('java', 'java'),
  ...aliases('kotlin', 'kotlin', 'kt'),
  ...aliases('swift', 'swift'),
  ...aliases('c', 'c', 'h'),
  ...aliases('cpp', 'cpp', 'c++', 'hpp', 'cc'),
  ...aliases('csharp', 'csharp', 'cs'),
  ...aliases('ruby', 'ruby', 'rb'),
  ...aliases('php', 'php'),
  ...aliases('sql', 'sql'),
  ...aliases('yaml', 'yaml', 'yml'),
  ...aliases('toml', 'toml'),
  ...aliases('diff', 'diff', 'patch'),
  ...aliases('docker', 'docker', 'dockerfile'),
  ...aliases('graphql', 'graphql', 'gql'),
};

const THEME = 'css-variables';
// Past this much code in one post the rest stays plain: highlighting costs far more than
// Markdown, and a hostile post must not hold a thread for long.
const MAX_HIGHLIGHTED_CHARS = 100_000;
// Shiki stops tokenizing a line that takes longer and leaves the rest of it plain. Generous:
// a grammar's first line also compiles its rules, which on a busy machine takes a while.
const LINE_TIME_LIMIT_MS = 2000;

// Grammars and the engine are ES modules; Node loads them synchronously through require.
const require = createRequire(import.meta.url);
let highlighter: HighlighterCore | undefined;

/** Highlights code per post, within the post's budget; undefined when the language is not in the set. */
export class CodeHighlighter {
  #charsLeft = MAX_HIGHLIGHTED_CHARS;

  /** `<pre class="shiki"><code class="language-{language}">` with coloured spans, or undefined. */
  highlight(code: string, language: string): string | undefined {
    const grammar = LANGUAGES[language.toLowerCase()];
    if (grammar === undefined || code.length > this.#charsLeft) return undefined;
    this.#charsLeft -= code.length;
    const shiki = loadedHighlighter(grammar);
    return shiki.codeToHtml(code, {
      lang: grammar,
      theme: THEME,
      tokenizeTimeLimit: LINE_TIME_LIMIT_MS,
      transformers: [{ code: (node) => void (node.properties.class = `language-${language}`) }],
    });
  }
}

function loadedHighlighter(grammar: string): HighlighterCore {
  const shiki: typeof import('shiki/core') = require('shiki/core');
  if (highlighter === undefined) {
    const { createJavaScriptRegexEngine }: typeof import('shiki/engine/javascript') = require('shiki/engine/javascript');
    highlighter = shiki.createHighlighterCoreSync({
      themes: [shiki.createCssVariablesTheme({ name: THEME, variablePrefix: '--shiki-', fontStyle: true })],
      langs: [],
      engine: createJavaScriptRegexEngine(),
    });
  }
  if (!highlighter.getLoadedLanguages().includes(grammar)) {
    const registration: { default: LanguageRegistration[] } = require(`shiki/langs/${grammar}.mjs`);
    highlighter.loadLanguageSync(registration.default);
  }
  return highlighter;
}

function aliases(grammar: string, ...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, grammar]));
}
