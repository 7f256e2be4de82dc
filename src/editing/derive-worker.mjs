// The rendering threads' entry point when Folio runs from its TypeScript sources (tests, tsx
// commands): Node 20 ignores module loaders given to a worker, so this plain module registers
// tsx inside the thread before loading the TypeScript. `npm run build` writes a bundled
// dist/derive-worker.mjs that takes this file's place next to dist/main.mjs.
import { register } from 'tsx/esm/api';

register();
const { default: derivePostContent } = await import('./derive-thread.ts');
export default derivePostContent;
