// Fenced code blocks in the languages Folio's sample blog writes about. The names in them
// vary so that every post's code (which search indexes too) is not the same text.
import type { Random } from './random.js';

const NAMES = ['cache', 'queue', 'buffer', 'entry', 'task', 'config', 'index', 'token', 'node', 'peer', 'shard', 'lease'];

type Snippet = (name: string, other: string, count: number) => string;

const SNIPPETS: Record<'rust' | 'bash' | 'yaml' | 'go', readonly Snippet[]> = {
  rust: [
    (name, other, count) =>
      `fn find_${name}(items: &[${pascal(name)}]) -> Option<&${pascal(name)}> {\n` +
      `    items.iter().find(|item| item.${other}_count > ${count})\n}`,
    (name, other) =>
      `impl ${pascal(name)} {\n    pub fn ${other}(&mut self) -> Result<(), Error> {\n` +
      `        let guard = self.lock.write()?;\n        guard.${other}_${name}()\n    }\n}`,
  ],
  bash: [
    (name, other, count) => `cargo build --release\n./target/release/${name} --${other} ${count}`,
    (name, other) => `export ${name.toUpperCase()}_DIR=/var/lib/${name}\ngrep -rn "${other}" "$${name.toUpperCase()}_DIR" | head`,
  ],
  yaml: [
    (name, other, count) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}-${other}\nspec:\n  replicas: ${count}\n` +
      `  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: example/${name}:1.${count}`,
    (name, other, count) => `${name}:\n  ${other}: true\n  limit: ${count}\n  paths:\n    - /srv/${name}\n    - /srv/${other}`,
  ],
  go: [
    (name, other) =>
      `func ${pascal(name)}${pascal(other)}(ctx context.Context, ${name} string) error {\n` +
      `\tif ${name} == "" {\n\t\treturn errors.New("${name} is empty")\n\t}\n\treturn nil\n}`,
    (name, other, count) =>
      `for i := 0; i < ${count}; i++ {\n\tgo func(n int) {\n\t\t${other}Ch <- ${name}(n)\n\t}(i)\n}`,
  ],
};

const LANGUAGES = Object.keys(SNIPPETS) as (keyof typeof SNIPPETS)[];

export function codeBlock(random: Random): string {
  const language = random.pick(LANGUAGES);
  const code = random.pick(SNIPPETS[language])(random.pick(NAMES), random.pick(NAMES), random.int(2, 64));
  return `\`\`\`${language}\n${code}\n\`\`\``;
}

function pascal(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
