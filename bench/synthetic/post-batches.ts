// Writes and derives posts on worker threads, one per core, while the caller loads: batches
// come back in order, with a few computed ahead so that neither side waits for the other.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DatasetShape, PostBatch, PostBatchTask } from './post-batch.js';

const WORKER_ENTRY = new URL('./worker-entry.mjs', import.meta.url);
const WORKER_MODULE = new URL('./derive-worker.ts', import.meta.url).href;
// Batches in the works per worker: one being computed and one waiting for the inserter.
const AHEAD_PER_WORKER = 2;

export interface PostBatchesOptions {
  shape: DatasetShape;
  /** Every post's publication time, in post order. */
  publishedAt: number[];
  batchSize: number;
  workers?: number;
}

/** The dataset's posts, `batchSize` at a time, in post order. */
export async function* postBatches(options: PostBatchesOptions): AsyncGenerator<PostBatch> {
  const { shape, publishedAt, batchSize } = options;
  const tasks: PostBatchTask[] = [];
  for (let first = 0; first < publishedAt.length; first += batchSize) {
    tasks.push({ first, publishedAt: publishedAt.slice(first, first + batchSize) });
  }
  const workers = Array.from({ length: Math.min(options.workers ?? availableParallelism(), tasks.length) }, () => new DeriveWorker(shape));
  // A batch goes to the worker that rendered the bodies it borrows (see body-pool.ts), which is
  // round robin when distinctBodies is a multiple of batchSize.
  const workerFor = (task: PostBatchTask) => workers[Math.floor((task.first % shape.distinctBodies) / batchSize) % workers.length]!;
  try {
    const ahead: Promise<PostBatch>[] = [];
    let next = 0;
    const submit = () => {
      const task = tasks[next];
      if (task) ahead.push(workerFor(task).run(task));
      next++;
    };
    for (let i = 0; i < workers.length * AHEAD_PER_WORKER; i++) submit();
    while (ahead.length > 0) {
      const batch = await ahead.shift()!;
      submit();
      yield batch;
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}

/** One worker thread; it answers tasks in the order it gets them. */
class DeriveWorker {
  // No inherited flags: worker-entry.mjs registers tsx itself, on every Node version alike.
  readonly #worker: Worker;
  readonly #waiting: { resolve(batch: PostBatch): void; reject(error: unknown): void }[] = [];

  constructor(shape: DatasetShape) {
    this.#worker = new Worker(WORKER_ENTRY, { execArgv: [], workerData: { module: WORKER_MODULE, shape } });
    this.#worker.on('message', (batch: PostBatch) => this.#waiting.shift()?.resolve(batch));
    this.#worker.on('error', (error) => this.#failAll(error));
    this.#worker.on('exit', (code) => this.#failAll(new Error(`A derive worker exited with code ${code}`)));
  }

  run(task: PostBatchTask): Promise<PostBatch> {
    const result = new Promise<PostBatch>((resolve, reject) => this.#waiting.push({ resolve, reject }));
    // Awaited later, in order; until then a failure must not count as unhandled.
    result.catch(() => {});
    this.#worker.postMessage(task);
    return result;
  }

  async stop(): Promise<void> {
    await this.#worker.terminate();
  }

  #failAll(error: unknown): void {
    for (const waiting of this.#waiting.splice(0)) waiting.reject(error);
  }
}
