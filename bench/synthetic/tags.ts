// 500 tags with a skewed popularity, as on a real blog: a handful on tens of thousands of
// posts, most on a few dozen. A tag's id is its popularity rank (1 is the most popular).
import { mixSeed, Random } from './random.js';
import { ENGLISH_ADJECTIVES, ENGLISH_NOUNS } from './vocabulary.js';

export const TAG_COUNT = 500;
export const TAGS_PER_POST = Object.freeze({ min: 3, max: 5 });

// Zipf-Mandelbrot weights (rank + 12)^-2.2, tuned by simulation: with 100,000 posts the top
// tag is on ~32,000 posts, ~55 tags are on more than 1,000, the median tag is on ~50 and the
// rarest on a handful.
const ZIPF_EXPONENT = 2.2;
const ZIPF_OFFSET = 12;

const TAG_NAME_STREAM = 0x7a6;

export interface SyntheticTag {
  id: number;
  slug: string;
  name: string;
  description: string | null;
}

// The most popular tags, in order, with readable slugs; the rest are tag-061 ... tag-500.
const NAMED_TAGS: readonly (readonly [slug: string, name: string])[] = [
  ['linux', 'Linux'], ['kubernetes', 'Kubernetes'], ['rust', 'Rust'], ['go', 'Go'], ['docker', 'Docker'],
  ['postgresql', 'PostgreSQL'], ['networking', 'Networking'], ['git', 'Git'], ['javascript', 'JavaScript'],
  ['typescript', 'TypeScript'], ['python', 'Python'], ['rong-qi', '容器'], ['databases', 'Databases'],
  ['performance', 'Performance'], ['security', 'Security'], ['devops', 'DevOps'], ['concurrency', 'Concurrency'],
  ['bian-cheng', '编程'], ['async', 'Async'], ['compilers', 'Compilers'], ['distributed-systems', 'Distributed Systems'],
  ['observability', 'Observability'], ['dns', 'DNS'], ['http', 'HTTP'], ['graphql', 'GraphQL'], ['testing', 'Testing'],
  ['yun-wei', '运维'], ['ci', 'CI'], ['cloud', 'Cloud'], ['aws', 'AWS'], ['redis', 'Redis'], ['nginx', 'Nginx'],
  ['shell', 'Shell'], ['vim', 'Vim'], ['webassembly', 'WebAssembly'], ['react', 'React'], ['nodejs', 'Node.js'],
  ['jia-gou', '架构'], ['java', 'Java'], ['c', 'C'], ['cpp', 'C++'], ['kernel', 'Kernel'], ['filesystems', 'Filesystems'],
  ['memory', 'Memory'], ['algorithms', 'Algorithms'], ['data-structures', 'Data Structures'],
  ['raspberry-pi', 'Raspberry Pi'], ['homelab', 'Homelab'], ['sui-bi', '随笔'], ['terraform', 'Terraform'],
  ['ansible', 'Ansible'], ['helm', 'Helm'], ['prometheus', 'Prometheus'], ['grafana', 'Grafana'], ['kafka', 'Kafka'],
  ['sqlite', 'SQLite'], ['tls', 'TLS'], ['ssh', 'SSH'], ['systemd', 'systemd'], ['ebpf', 'eBPF'],
];

/** Every tag, in id order. */
export function syntheticTags(seed: number): SyntheticTag[] {
  return Array.from({ length: TAG_COUNT }, (_, index) => {
    const id = index + 1;
    const random = new Random(mixSeed(seed, TAG_NAME_STREAM, id));
    const named = NAMED_TAGS[index];
    const [slug, name] = named ?? [`tag-${String(id).padStart(3, '0')}`, generatedName(random)];
    // Every named tag is described, as an author would; a third of the others are.
    const description = named || random.chance(1 / 3) ? tagDescription(name) : null;
    return { id, slug, name, description };
  });
}

function tagDescription(name: string): string {
  return /\p{sc=Han}/u.test(name) ? `关于${name}的文章：笔记、踩坑和性能测试。` : `Posts about ${name}: notes, fixes and benchmarks.`;
}

function generatedName(random: Random): string {
  const words = [random.pick(ENGLISH_ADJECTIVES), random.pick(ENGLISH_NOUNS)];
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

/** Draws a post's tags: 3-5 distinct ids, each drawn by popularity. */
export class TagPicker {
  // Running totals of the weights, for a binary search per draw.
  readonly #cumulative: Float64Array;

  constructor() {
    this.#cumulative = new Float64Array(TAG_COUNT);
    let total = 0;
    for (let rank = 1; rank <= TAG_COUNT; rank++) {
      total += (rank + ZIPF_OFFSET) ** -ZIPF_EXPONENT;
      this.#cumulative[rank - 1] = total;
    }
  }

  /** Tag ids in ascending order. */
  pick(random: Random): number[] {
    const count = random.int(TAGS_PER_POST.min, TAGS_PER_POST.max);
    const ids = new Set<number>();
    while (ids.size < count) ids.add(this.#draw(random));
    return [...ids].sort((a, b) => a - b);
  }

  #draw(random: Random): number {
    const point = random.next() * this.#cumulative[TAG_COUNT - 1]!;
    let low = 0;
    let high = TAG_COUNT - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#cumulative[middle]! > point) high = middle;
      else low = middle + 1;
    }
    return low + 1;
  }
}
