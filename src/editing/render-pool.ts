import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { DerivedPostContent, PostSource } from '../content/derive.js';
import type { RenderOptions } from '../content/markdown.js';
import { invalid } from './errors.js';

// Rendering a large post takes seconds of CPU (about 2 s for 1 MB of Markdown), which would
// stall every request on the main thread and starve the database transactions waiting on it.
// Posts are rendered on worker threads instead. Each thread's heap has a ceiling, so hostile
// Markdown that needs more fails alone, with an error, rather than taking the server down.

// Relative to the running module: src/editing/ from the sources, dist/ from the bundle.
const WORKER_FILE = new URL('./derive-worker.mjs', import.meta.url).href;
// Half the cores: authors' saves must not crowd out readers. Threads start when a post needs
// rendering and stop once idle, so a server that only reads runs none.
const MAX_THREADS = Math.max(1, Math.floor(availableParallelism() / 2));
const IDLE_MS = 30_000;
// Rendering the largest Markdown accepted (1 MB) peaks near 120 MB of heap.
const THREAD_HEAP_MB = 512;

/** One post to render and what its render depends on; plain data and Maps, which threads can copy. */
export interface RenderTask {
  source: PostSource;
  options: RenderOptions;
}

export class RenderPool {
  readonly #pool: Piscina<RenderTask, DerivedPostContent>;

  constructor({ threadHeapMb = THREAD_HEAP_MB } = {}) {
    this.#pool = new Piscina({
      filename: WORKER_FILE,
      minThreads: 0,
      maxThreads: MAX_THREADS,
      idleTimeout: IDLE_MS,
      resourceLimits: { maxOldGenerationSizeMb: threadHeapMb },
    });
  }

  /** derivePostContent, on a rendering thread. */
  async derive(source: PostSource, options: RenderOptions = {}): Promise<DerivedPostContent> {
    try {
      return await this.#pool.run({ source: { title: source.title, markdown: source.markdown, summary: source.summary }, options });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw invalid('markdown', 'markdown needs too much memory to render; split it into smaller posts or simplify its structure');
      }
      throw error;
    }
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

let shared: RenderPool | undefined;

/** derivePostContent on the process's rendering threads. */
export function renderOffThread(source: PostSource, options: RenderOptions = {}): Promise<DerivedPostContent> {
  shared ??= new RenderPool();
  return shared.derive(source, options);
}
