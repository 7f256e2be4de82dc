// A worker thread that writes and derives batches of posts (started by post-batches.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { BodyPool } from './body-pool.js';
import { buildPostBatch, type DatasetShape, type PostBatchTask } from './post-batch.js';
import { TagPicker } from './tags.js';

const { seed, posts, distinctBodies } = workerData.shape as DatasetShape;
const bodies = new BodyPool(seed, new TagPicker(), distinctBodies, posts);
parentPort!.on('message', (task: PostBatchTask) => parentPort!.postMessage(buildPostBatch(task, bodies)));
