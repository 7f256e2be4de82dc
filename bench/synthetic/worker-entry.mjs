// The entry point of the derive workers. Node 20 ignores module loaders given to a worker in
// `execArgv` (nodejs/node#47747), so `--import tsx` cannot load a TypeScript worker: this
// plain module registers tsx inside the worker itself, then loads the module it is given.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
