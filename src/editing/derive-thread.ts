// What the rendering threads run (see render-pool.ts): one post's derived content per task.
import { derivePostContent } from '../content/derive.js';
import type { RenderTask } from './render-pool.js';

export default function deriveTask({ source, options }: RenderTask) {
  return derivePostContent(source, options);
}
