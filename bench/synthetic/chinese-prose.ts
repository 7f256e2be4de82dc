import { Prose, type SearchWord, type Title } from './prose.js';
import { CHINESE_ADJECTIVES, CHINESE_NOUNS, CHINESE_VERBS, type ChineseTerm } from './vocabulary.js';

/** Chinese posts, with the English product names and code a Chinese tech blog uses. */
export class ChineseProse extends Prose<SearchWord> {
  protected readonly sentenceGap = '';

  title(mention: SearchWord | null): Title {
    const [noun, other] = [this.term(CHINESE_NOUNS), this.term(CHINESE_NOUNS)];
    if (mention === 'kubernetes') return { title: `在 Kubernetes 上${noun[0]}的实践`, slugWords: ['kubernetes', noun[1]] };
    if (mention === '闭包') return { title: `深入理解闭包和${noun[0]}`, slugWords: ['closure', noun[1]] };
    const verb = this.term(CHINESE_VERBS);
    return this.random.pick<() => Title>([
      () => ({ title: `深入理解${noun[0]}`, slugWords: ['understanding', noun[1]] }),
      () => ({ title: `${noun[0]}的${other[0]}实践`, slugWords: [noun[1], other[1], 'in-practice'] }),
      () => ({ title: `从${noun[0]}到${other[0]}`, slugWords: ['from', noun[1], 'to', other[1]] }),
      () => ({ title: `如何${verb[0]}${noun[0]}`, slugWords: ['how', verb[1], noun[1]] }),
      () => ({ title: `关于${noun[0]}的几点思考`, slugWords: ['thoughts-on', noun[1]] }),
      () => ({ title: `${this.adjective()}的${noun[0]}：${other[0]}入门`, slugWords: [noun[1], other[1], 'intro'] }),
    ])();
  }

  heading(level: 2 | 3): string {
    const text = this.random.pick([
      () => `${this.noun()}的${this.noun()}`,
      () => `为什么需要${this.noun()}`,
      () => `${this.verb()}${this.noun()}`,
      () => `${this.noun()}和${this.noun()}`,
      () => '小结',
      () => '踩过的坑',
    ])();
    return `${'#'.repeat(level)} ${text}`;
  }

  sentence(): string {
    return this.random.pick([
      () => `在${this.noun()}中，${this.noun()}会${this.verb()}${this.noun()}。`,
      () => `${this.noun()}和${this.noun()}是${this.adjective()}${this.noun()}的基础。`,
      () => `我们需要${this.verb()}${this.noun()}，因为${this.noun()}的${this.noun()}很${this.adjective()}。`,
      () => `如果${this.noun()}没有${this.verb()}，${this.noun()}就会${this.verb()}失败。`,
      () => `通过${this.noun()}，我们可以${this.adjective()}地${this.verb()}${this.noun()}。`,
      () => `${this.noun()}的${this.noun()}决定了${this.noun()}的${this.noun()}。`,
      () => `这里的${this.noun()}负责${this.verb()}${this.noun()}和${this.noun()}。`,
      () => `${this.verb()}${this.noun()}之后，${this.noun()}的${this.noun()}明显提升了。`,
      () => `很多人以为${this.noun()}只是${this.noun()}，其实它和${this.noun()}关系很大。`,
      () => `在生产环境里，${this.noun()}通常和${this.noun()}一起使用。`,
      () => `第一步是${this.verb()}${this.noun()}，第二步是${this.verb()}${this.noun()}。`,
      () => `${this.noun()}在${this.noun()}里是${this.adjective()}的，但在${this.noun()}里不是。`,
    ])();
  }

  mention(word: SearchWord): string {
    if (word === 'kubernetes') {
      return this.random.pick([
        () => `我们把${this.noun()}部署在 Kubernetes 上，由它来${this.verb()}${this.noun()}。`,
        () => `Kubernetes 会${this.verb()}每个${this.noun()}的${this.noun()}。`,
      ])();
    }
    return this.random.pick([
      () => `闭包会捕获${this.noun()}的${this.noun()}。`,
      () => `在 Rust 里，闭包和${this.noun()}的${this.noun()}关系很大。`,
      () => `一个闭包可以${this.verb()}外部的${this.noun()}。`,
    ])();
  }

  listItem(): string {
    return this.random.pick([
      () => `- **${this.noun()}**：${this.sentence()}`,
      () => `- ${this.verb()}${this.noun()}`,
      () => `- ${this.adjective()}的${this.noun()}`,
    ])();
  }

  protected inlineCodeSentence(code: string): string {
    return `使用 ${code} 可以${this.verb()}${this.noun()}。`;
  }

  protected linkSentence(url: string): string {
    return `详见[${this.noun()}文档](${url})。`;
  }

  private term(terms: readonly ChineseTerm[]): ChineseTerm {
    return this.random.pick(terms);
  }

  private noun(): string {
    return this.term(CHINESE_NOUNS)[0];
  }

  private verb(): string {
    return this.term(CHINESE_VERBS)[0];
  }

  private adjective(): string {
    return this.random.pick(CHINESE_ADJECTIVES);
  }
}
