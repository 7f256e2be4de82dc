// Monaco runs its language services in web workers. They are bundled beside the page and loaded
// from the server itself, never from a CDN, so GraphiQL works offline and under a strict CSP.
// import.meta.url is the bundle's own address, beside which the workers are.
const WORKER_FILES: Record<string, string> = {
  graphql: 'graphql.worker.js',
  json: 'json.worker.js',
};

window.MonacoEnvironment = {
  getWorker(_workerId, label) {
    const file = WORKER_FILES[label] ?? 'editor.worker.js';
    return new Worker(new URL(file, import.meta.url), { name: label });
  },
};
