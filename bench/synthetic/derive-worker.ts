// A worker thread that writes and derives batches of posts (started by post-batches.ts).
import { parentPort } from 'node:worker_threads';
import { buildPostBatch, type PostBatchTask } from './post-batch.js';
import { TagPicker } from './tags.js';

const tags = new TagPicker();
parentPort!.on('message', (task: PostBatchTask) => parentPort!.postMessage(buildPostBatch(task, tags)));
