import { Prose, type Title } from './prose.js';
import { ENGLISH_ADJECTIVES, ENGLISH_GERUNDS, ENGLISH_NOUNS, ENGLISH_VERBS } from './vocabulary.js';

/** English posts, which mention only kubernetes: 闭包 is searched for in Chinese posts. */
export class EnglishProse extends Prose<'kubernetes'> {
  protected readonly sentenceGap = ' ';

  title(mention: 'kubernetes' | null): Title {
    const [noun, other] = [this.noun(), this.noun()];
    const gerund = this.random.pick(ENGLISH_GERUNDS);
    if (mention) return { title: `${gerund} the ${capitalize(noun)} on Kubernetes`, slugWords: [gerund, noun, 'kubernetes'] };
    const adjective = this.adjective();
    return this.random.pick<() => Title>([
      () => ({ title: `${gerund} the ${capitalize(noun)}`, slugWords: [gerund, noun] }),
      () => ({ title: `${capitalize(withArticle(adjective))} ${capitalize(noun)} for the ${capitalize(other)}`, slugWords: [adjective, noun, other] }),
      () => ({ title: `${capitalize(noun)} vs ${capitalize(other)}`, slugWords: [noun, 'vs', other] }),
      () => ({ title: `Notes on ${capitalize(adjective)} ${capitalize(noun)}s`, slugWords: ['notes', adjective, noun] }),
      () => ({ title: `Why the ${capitalize(noun)} ${capitalize(this.verb()[1])} the ${capitalize(other)}`, slugWords: ['why', noun, other] }),
    ])();
  }

  heading(level: 2 | 3): string {
    const text = this.random.pick([
      () => `Why the ${this.noun()} matters`,
      () => `Tuning the ${this.noun()}`,
      () => `${capitalize(this.adjective())} ${this.noun()}s in practice`,
      () => `How the ${this.noun()} ${this.verb()[1]} the ${this.noun()}`,
      () => `A note on the ${this.noun()}`,
      () => 'What went wrong',
      () => 'Measuring it',
    ])();
    return `${'#'.repeat(level)} ${text}`;
  }

  sentence(): string {
    const [verbBase, verb] = this.verb();
    return this.random.pick([
      () => `The ${this.adjective()} ${this.noun()} ${verb} every ${this.noun()} before the ${this.noun()} ${this.verb()[1]}.`,
      () => `When ${withArticle(this.noun())} ${verb} the ${this.noun()}, the ${this.noun()} has to ${this.verb()[0]} it again.`,
      () => `Most of the time the ${this.noun()} is ${this.adjective()}, but ${withArticle(this.adjective())} ${this.noun()} still ${verb} the ${this.noun()}.`,
      () => `You can ${verbBase} the ${this.noun()} yourself instead of waiting for the ${this.noun()}.`,
      () => `This is why the ${this.noun()} ${verb} the ${this.noun()} and not the ${this.noun()}.`,
      () => `In practice, ${withArticle(this.adjective())} ${this.noun()} is easier to ${verbBase} than ${withArticle(this.adjective())} one.`,
      () => `Each ${this.noun()} keeps its own ${this.noun()}, so the ${this.noun()} never ${verb} it twice.`,
      () => `If the ${this.noun()} is ${this.adjective()}, ${verbBase} the ${this.noun()} first.`,
      () => `The ${this.noun()} is only as ${this.adjective()} as the ${this.noun()} behind it.`,
      () => `We measured the ${this.noun()} and found that the ${this.noun()} ${verb} most of the ${this.noun()}.`,
    ])();
  }

  mention(_word: 'kubernetes'): string {
    return this.random.pick([
      () => `We run the ${this.noun()} on Kubernetes, and it ${this.verb()[1]} every ${this.noun()} for us.`,
      () => `On Kubernetes the ${this.noun()} is just another ${this.noun()}.`,
      () => `Kubernetes ${this.verb()[1]} the ${this.noun()} before the ${this.noun()} is ready.`,
    ])();
  }

  listItem(): string {
    return this.random.pick([
      () => `- **${capitalize(this.adjective())} ${this.noun()}**: the ${this.noun()} ${this.verb()[1]} it.`,
      () => `- ${capitalize(this.verb()[0])} the ${this.noun()} before the ${this.noun()}.`,
      () => `- Keep the ${this.noun()} ${this.adjective()}.`,
    ])();
  }

  protected inlineCodeSentence(code: string): string {
    return `Calling ${code} ${this.verb()[1]} the ${this.noun()}.`;
  }

  protected linkSentence(url: string): string {
    return `The [${this.noun()} guide](${url}) explains the ${this.noun()} in more detail.`;
  }

  private noun(): string {
    return this.random.pick(ENGLISH_NOUNS);
  }

  private adjective(): string {
    return this.random.pick(ENGLISH_ADJECTIVES);
  }

  private verb() {
    return this.random.pick(ENGLISH_VERBS);
  }
}

/** "a cache", "an index". */
function withArticle(phrase: string): string {
  return `${/^[aeiou]/.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
